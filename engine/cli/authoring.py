"""Writing profiles: ``migov self-assess`` (the questionnaire in the terminal), ``init`` and ``template``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from engine.assess import assess as run
from engine.authoring.intake import read_input
from engine.authoring.profilefile import dump, flatten
from engine.authoring.profilefile import save as save_profile
from engine.authoring.selfassess import Session
from engine.authoring.spreadsheet import write_template
from engine.authoring.template import render as render_template
from engine.cli.assess import render_as, terminal_width
from engine.cli.lazy import Command
from engine.cli.options import chosen_format, format_option, kind_option, lang_option, output_option, rules_option
from engine.cli.output import emit, fail, inputs
from engine.cli.texts import command_help
from engine.errors import MigovError, did_you_mean, glossed
from engine.i18n import _, current_language, languages, set_language, typography
from engine.limits import exceeded, limit
from engine.outputs import write_atomic
from engine.pack.compiled import Pack
from engine.pack.loading import load_pack
from engine.pack.model import Kind
from engine.pack.profiles import pack_of, read_profile, validate_profile


def checked_kind(pack: Pack, kind: str) -> Kind:
    """``--kind`` checked against the kinds the pack declares: an unknown kind is a one-line error."""
    kinds = pack.kinds
    named = glossed(kinds, {k.id: k.title for k in pack.header.kinds})  # « pays (`country`) »: the name and what to type
    if kind is None:
        raise MigovError(_("missing --kind: expected one of {kinds}").format(kinds=named), field="--kind")
    if kind not in kinds:
        raise MigovError(_("unknown kind '{kind}': expected one of {kinds}").format(kind=kind, kinds=named) + did_you_mean(kind, kinds),
                         field="--kind")
    return Kind(kind)


def line_editing() -> None:
    """Arrow keys, Home, End and the answers given before (up arrow) at the prompts of a terminal: importing the
    standard library's readline is enough for input() to use it. Not every platform has it (Windows does not),
    and it is imported only for a terminal: with answers from a file or a pipe it would have nothing to edit."""
    try:
        import readline  # noqa: F401  (line editing for input(); optional, tests/test_house.py lists why)
    except ImportError:  # no readline here: escape sequences in answers are refused instead (engine/authoring/keys.py)
        pass


def self_assess_command() -> click.Command:
    @click.command("self-assess", cls=Command, help=command_help("self-assess"))
    @rules_option()
    @kind_option()
    @output_option(type=click.Path(dir_okay=False, path_type=Path), default=Path("self-assessment.yaml"), show_default=True,
                   help=_("The profile file to write (and to resume)."))
    @lang_option()
    @click.option("--answers", type=click.File("r", encoding="utf-8"), default=None, help=_("Read the answers from this file, one per line ('-' for stdin)."))
    @click.option("--review", is_flag=True, help=_("Walk through every question again; Enter keeps an answer."))
    @click.option("--from", "seed", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_("Start from the answers of a filled workbook (.xlsx) or profile."))
    def self_assess(rules_spec: str | None, kind: str | None, output: Path, lang: str | None, answers: Any, review: bool, seed: Path | None) -> None:
        if answers is None and sys.stdin is None:  # stdin closed (`<&-`): nothing to read the answers from
            fail(_("no answers can be read: standard input is closed; run in a terminal or give --answers FILE (nothing was saved)"))
        stream = answers if answers is not None else (None if sys.stdin.isatty() else sys.stdin)
        if stream is None:
            line_editing()

        def read(prompt: str) -> str:
            if stream is None:
                return input(prompt)
            try:
                line = stream.readline(limit("text") + 1)
            except UnicodeDecodeError:
                raise MigovError(_("is not UTF-8 text; expected {what} in UTF-8").format(what=_("answers")), file=getattr(stream, "name", "--answers")) from None
            if len(line) > limit("text"):
                raise MigovError(exceeded("text", _("an answer")), file=getattr(stream, "name", "--answers"))
            if not line:
                raise EOFError
            click.echo(prompt + line.rstrip("\n").replace("\x1b", "^["))  # an escape sequence shown, never sent to the terminal
            return line.rstrip("\n")

        chosen = lang or current_language()
        try:
            existing = read_profile(output)[0] if output.exists() else None
            if lang is None and existing is not None and existing.get("language") in languages():
                chosen = str(existing["language"])  # resuming: the profile knows its language
            set_language(chosen)
            if seed is not None and existing is not None:
                raise MigovError(_("already exists; choose another file (nothing was overwritten)"), file=str(output), field="--output")
            if seed is not None:
                seeded = read_input(seed, rules_spec)
                pack = seeded.pack
                seeded.profile()  # errors name the file, sheet and cell
                head, known = flatten(pack, seeded.data)
                if lang is None and head.get("language") in languages():
                    chosen = str(head["language"])  # a French workbook continues in French
                    set_language(chosen)
            else:
                pack = load_pack(rules_spec or pack_of(existing))
            start_kind = checked_kind(pack, kind) if kind else None
            if seed is not None:
                save_profile(output, dump(head, known, pack, chosen))
            session = Session(pack, output, chosen, read, click.echo)
            session.start(start_kind)
            session.run(review=review)
            data, locs = read_profile(output)
            prof = validate_profile(data, locs, pack)
            a = run(pack, prof)
            click.echo("")
            click.echo(render_as("text", a, pack, prof, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR"), width=terminal_width() if sys.stdout.isatty() else None, lang=chosen), nl=False)
            report = output.with_name(output.stem + ".report.html")
            emit(render_as("html", a, pack, prof, colour=False, lang=chosen), report, [output])
            click.echo(typography(_("Profile: {profile}"), chosen).format(profile=output))  # the name as written
            click.echo(typography(_("Report: {report}"), chosen).format(report=report))
        except MigovError as exc:
            fail(exc)
        except EOFError:
            if not output.exists():
                fail(_("the answers ended before the profile could be saved (it needs a name and a kind); nothing was saved"))
            click.echo(typography(_("migov: the answers ended before the questionnaire; what was answered is saved in {file}: run again to continue"), chosen).format(file=output), err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("")
            if not output.exists():
                fail(_("interrupted before the first answers were saved; nothing was written"))
            click.echo(typography(_("Interrupted: your answers are saved in {file}; run the same command to resume."), chosen).format(file=output), err=True)
            sys.exit(130)

    return self_assess


def init_command() -> click.Command:
    @click.command("init", cls=Command, help=command_help("init"))
    @rules_option()
    @kind_option(required=True)
    @lang_option()
    @click.option("--name", default=None, help=_("The name of the country or partnership."))
    @output_option()
    def init(rules_spec: str | None, kind: str, lang: str | None, name: str | None, output: str | None) -> None:
        try:
            pack = load_pack(rules_spec)
            chosen_kind = checked_kind(pack, kind)
            if output and Path(output).exists():
                raise MigovError(_("already exists; choose another file (nothing was overwritten)"), file=output, field="--output")
            emit(render_template(pack, chosen_kind, lang or current_language(), name), output, list(pack.files))
        except MigovError as exc:
            fail(exc)

    return init


def template_command() -> click.Command:
    @click.command("template", cls=Command, help=command_help("template"))
    @format_option(["xlsx", "yaml"], default=None, help=_("Default: from the output file's extension, else xlsx."))
    @rules_option()
    @kind_option(required=True)
    @lang_option()
    @output_option(required=True, type=click.Path(dir_okay=False, path_type=Path), help=_("The file to write: a workbook (.xlsx) or a YAML template (.yaml)."))
    def template(fmt: str | None, rules_spec: str | None, kind: str, lang: str | None, output: Path) -> None:
        try:
            fmt = chosen_format(fmt, output, ["xlsx", "yaml"], "xlsx")
            pack = load_pack(rules_spec)
            chosen_kind = checked_kind(pack, kind)
            if output.exists():
                raise MigovError(_("already exists; choose another file (nothing was overwritten)"), file=str(output), field="--output")
            chosen = lang or current_language()
            if fmt == "xlsx":
                write_atomic(output, lambda tmp: write_template(pack, chosen_kind, chosen, tmp), inputs(pack.files), field="--output")
            else:
                emit(render_template(pack, chosen_kind, chosen), output, list(pack.files))
            click.echo(str(output))
        except MigovError as exc:
            fail(exc)

    return template
