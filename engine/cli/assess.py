"""``migov assess``: a profile, a workbook or a report, assessed and rendered in one format."""

from __future__ import annotations

import os
import sys

import click

from engine.assess import file_digests
from engine.assessment import Assessment
from engine.authoring.intake import assessment_for, read_input
from engine.cli.lazy import Command
from engine.cli.options import (
    PathType,
    between_option,
    chosen_format,
    engine_option,
    format_option,
    lang_option,
    output_option,
    rules_option,
    tailoring_option,
)
from engine.cli.output import emit, fail, notes, quiet_option, warn
from engine.cli.texts import command_help, metavar
from engine.errors import MigovError
from engine.i18n import _, current_language, format_number, set_language
from engine.pack.compiled import Pack
from engine.pack.loading import read_tailoring
from engine.pack.profiles import Profile
from engine.pack.provenance import parse_date
from engine.render import FORMATS, Job, in_language, render

TEXT_WIDTH = 100  # the text report's width in files and pipes


def terminal_width() -> int:
    """The terminal's columns (``COLUMNS`` overrides), kept between 50 and 160 so the table stays readable."""
    import shutil  # only on a terminal: a piped or saved report is 100 columns wide

    return max(50, min(160, shutil.get_terminal_size((TEXT_WIDTH, 24)).columns))


def assess_command() -> click.Command:
    @click.command("assess", cls=Command, help=command_help("assess"))
    @click.argument("profile", type=PathType(), metavar=metavar("profile"))
    @rules_option("rules")
    @engine_option(help=_("durable_rules, or the plain-Python reference evaluator."))
    @format_option(tuple(FORMATS), default=None, help=_("Default: from the output file's extension (.html, .pdf, .json, .md, .txt), else text."))
    @output_option()
    @lang_option(help=_("Report language (default: the profile's, else English)."))
    @click.option("--lens", "lenses", multiple=True, help=_("Also show another pack's estimate inferred from this profile (e.g. a pack's lens file)."))
    @between_option("--fail-under", low=0, high=100, help=_("Exit 1 if the overall score is below this."))
    @tailoring_option(help=_("A tailoring file: rules deselected, weights, thresholds and bands changed, with reasons."))
    @click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False), default="A4", show_default=True,
                  help=_("Paper size of a PDF report."))
    @click.option("--as-of", "as_of", default=None,
                  help=_("The assessment date: 2026, 2026-06 or 2026-06-30 (default: the profile's as_of, else its period, else today)."))
    @quiet_option()
    @click.option("--full/--short", "full", default=None,
                  help=_("Text: the whole report (the default piped or saved) or one screen (the default on a terminal)."))
    def assess(profile: str, rules: str | None, engine: str, fmt: str | None, output: str | None, lang: str | None, lenses: tuple[str, ...],
               fail_under: float | None, tailoring: str | None, as_of: str | None, paper: str, full: bool | None) -> None:
        try:
            fmt = chosen_format(fmt, output, tuple(FORMATS), "text")
            if as_of is not None and parse_date(as_of) is None:
                raise MigovError(_("expected a date: a year (2025), a month (2025-06) or a day (2025-06-30)"), field="--as-of")
            with notes():  # the pack's loading may warn (a cache folder that is not private)
                intake = read_input(profile, rules, read_tailoring(tailoring) if tailoring else None, warn=warn, check_exists=True)
            stored, pack = intake.stored, intake.pack
            prof = intake.profile()
            if FORMATS[fmt].needs_output and not output:
                raise MigovError(_("PDF needs --output FILE"), field="--output")
            chosen = lang or (stored.language if stored else None) or prof.language or "en"
            if not lang:
                set_language(chosen)
            with notes():  # a report's or JSON assessment's own, written in the language asked; else the profile assessed now
                a = assessment_for(profile, intake, prof, chosen, engine, as_of, warn)
            lens_packs: dict[str, Pack] = {}
            names = lenses or (tuple(view.lens for view in stored.lenses or []) if stored is not None else ())  # a stored one's, written again
            if names:
                from engine.lens import lens_assessment  # lens files and their models: only with --lens

                with notes():
                    views = [lens_assessment(pack, prof, name, a.language, engine) for name in names]
                a.lenses = [view for view, _target in views]
                lens_packs = {target.id: target for _view, target in views}
            to_terminal = output is None and sys.stdout.isatty()
            text = render_as(fmt, a, pack, prof, colour=to_terminal and not os.environ.get("NO_COLOR"),
                             lens_packs=lens_packs, width=terminal_width() if to_terminal else TEXT_WIDTH,
                             paper="Letter" if paper.lower() == "letter" else "A4", full=not to_terminal if full is None else full)
            emit(text, output, [profile, *pack.files, *([tailoring] if tailoring else [])])
        except MigovError as exc:
            fail(exc)
        overall = a.score.overall
        if (a.score.withheld or a.score.too_few) and a.score.coverage:  # not rated (score null): the lowest the unknowns allow
            overall = a.score.worst_case
        if fail_under is not None and (overall is None or overall < fail_under):
            lang = current_language()
            said = (_("migov: the overall score may be as low as {score}, below {threshold} (too few facts are known for a rating)")
                    if a.score.withheld else _("migov: the overall score {score} is below {threshold}"))
            click.echo(said.format(score=format_number(overall, lang), threshold=format_number(fail_under, lang)), err=True)
            sys.exit(1)

    return assess


def render_as(fmt: str, a: Assessment, pack: Pack, prof: Profile, colour: bool, lens_packs: dict[str, Pack] | None = None,
              width: int | None = None, paper: str = "A4", full: bool = True, lang: str | None = None) -> str | bytes:
    """The assessment in ``fmt`` and in ``lang`` (default: its own, else the profile's, else English) through the render
    registry, handed the packs and the pack files' digests.

    Text is 100 columns wide in files and pipes (deterministic); ``width`` (a terminal's) changes that; ``full``: the
    whole text report, else one screen.
    """
    files = file_digests(pack) if FORMATS[fmt].needs_files else ()  # read and hashed only for a format that shows them
    job = in_language(Job(a, pack, prof, files, colour, lens_packs, paper, lang or ""))
    if fmt == "text" and (width not in (None, TEXT_WIDTH) or not full):
        from engine.render import text  # rich, only for text

        return text.render(job.assessment, pack, colour=colour, width=width or TEXT_WIDTH, lens_packs=lens_packs, profile=prof, full=full)
    return render(fmt, job)
