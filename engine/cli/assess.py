"""``migov assess``: a profile, a workbook or a report, assessed and rendered in one format."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from engine.assess import assess as run
from engine.authoring.intake import read_input
from engine.cli.options import engine_option, format_option, lang_option, output_option, rules_option, tailoring_option
from engine.cli.output import emit, fail, warn
from engine.cli.texts import command_help
from engine.errors import MigovError
from engine.i18n import _, set_language
from engine.pack.compiled import Pack
from engine.pack.loading import read_tailoring
from engine.render import json as json_render

FORMATS = ("text", "json", "markdown", "html", "pdf")


def assess_command() -> click.Command:
    @click.command("assess", help=command_help("assess"))
    @click.argument("profile", type=click.Path(dir_okay=True, path_type=Path))
    @rules_option("rules")
    @engine_option(help=_("durable_rules, or the plain-Python reference evaluator."))
    @format_option(FORMATS)
    @output_option()
    @lang_option(help=_("Report language (default: the profile's, else English)."))
    @click.option("--lens", "lenses", multiple=True, help=_("Also show another pack's estimate inferred from this profile (e.g. a pack's lens file)."))
    @click.option("--fail-under", type=click.FloatRange(0, 100), default=None, help=_("Exit 1 if the overall score is below this."))
    @tailoring_option(help=_("A tailoring file: rules deselected, weights, thresholds and bands changed, with reasons."))
    def assess(profile: Path, rules: str | None, engine: str, fmt: str, output: str | None, lang: str | None, lenses: tuple[str, ...],
               fail_under: float | None, tailoring: Path | None) -> None:
        try:
            intake = read_input(profile, rules, read_tailoring(tailoring) if tailoring else None, warn=warn, check_exists=True)
            embedded, pack = intake.embedded, intake.pack
            prof = intake.profile()
            if fmt == "pdf" and not output:
                raise MigovError(_("PDF needs --output FILE"), field="--output")
            chosen = lang or (embedded["assessment"]["language"] if embedded else None) or prof.language or "en"
            if not lang:
                set_language(chosen)
            a = run(pack, prof, chosen, engine)
            if embedded is not None and fmt == "json" and not lenses and a["language"] == embedded["assessment"]["language"]:
                a = embedded["assessment"]  # the report's own data, as it was made
            if lenses:
                from engine.lens import lens_assessment  # lens files and their models: only with --lens

                a["lenses"] = [lens_assessment(pack, prof, name, a["language"], engine) for name in lenses]
            text = render_as(fmt, a, pack, prof, colour=output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
            emit(text, output, [profile, *pack.files, *([tailoring] if tailoring else [])])
        except MigovError as exc:
            fail(exc)
        overall = a["score"]["overall"]
        if fail_under is not None and (overall is None or overall < fail_under):
            click.echo(_("migov: the overall score {score} is below {threshold}").format(score=overall, threshold=fail_under), err=True)
            sys.exit(1)

    return assess


def render_as(fmt: str, a: dict[str, Any], pack: Pack, prof: Any, colour: bool) -> str | bytes:
    """The assessment in ``fmt``; each format's renderer (rich, jinja2, matplotlib, PDF) imported only for it."""
    if fmt == "json":
        return json_render.render(a)
    if fmt == "markdown":
        from engine.render import markdown  # jinja2

        return markdown.render(a, pack, prof)
    if fmt in ("html", "pdf"):
        from engine.render import html, pdf  # jinja2, matplotlib, a PDF converter

        page = html.render(a, pack, prof)
        return pdf.render(page) if fmt == "pdf" else page
    from engine.render import text as text_render  # rich

    return text_render.render(a, pack, colour=colour)
