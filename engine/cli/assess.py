"""``migov assess`` and ``migov explain``."""

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
from engine.evaluate.explain import find_rule, rule_text, why
from engine.i18n import _, current_language, set_language
from engine.lens import lens_assessment
from engine.pack.compiled import Pack
from engine.pack.loading import load_pack, read_tailoring
from engine.pack.profiles import pack_of, read_profile, validate_profile
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


def explain_command() -> click.Command:
    @click.command("explain", help=command_help("explain"))
    @click.argument("rule")
    @click.option("--profile", "profile", type=click.Path(path_type=Path), default=None)
    @rules_option()
    @lang_option()
    @tailoring_option()
    def explain(rule: str, profile: Path | None, rules_spec: str | None, lang: str | None, tailoring: Path | None) -> None:
        try:
            data = locs = None
            if profile is not None:
                data, locs = read_profile(profile)
            pack = load_pack(rules_spec or pack_of(data), read_tailoring(tailoring) if tailoring else None)
            prof = validate_profile(data, locs, pack) if profile is not None and locs is not None else None
            chosen = lang or (prof.language if prof else None) or current_language()
            cr = find_rule(pack, rule)
            lines = rule_text(pack, cr, chosen)
            if prof is not None:
                lines += [""] + why(pack, cr, prof, chosen)
        except MigovError as exc:
            fail(exc)
        click.echo("\n".join(lines))

    return explain
