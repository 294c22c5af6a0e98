"""The command line: ``migov assess``, ``migov rules test``; exit 0 ok, 1 below --fail-under, 2 bad input.

One module per command group (assess, authoring, batch, compare, rules), each imported only when one of
its commands runs (:class:`engine.cli.lazy.LazyGroup`): ``migov --version`` and ``migov --help`` import
click and the catalogue, nothing else. Shared options are in :mod:`engine.cli.options`.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import sys
from collections.abc import Iterator
from typing import Any

import click

from engine import __version__
from engine.cli.lazy import LazyGroup
from engine.cli.options import LANG_KEY, lang_option
from engine.cli.texts import command_help
from engine.i18n import _, click_speaks, current_language, language_from_environment, languages, set_language, typography
from engine.limits import environment_problem

COMMANDS = {  # name -> "module:factory", imported when the command runs
    "assess": "engine.cli.assess:assess_command",
    "explain": "engine.cli.explain:explain_command",
    "self-assess": "engine.cli.authoring:self_assess_command",
    "init": "engine.cli.authoring:init_command",
    "template": "engine.cli.authoring:template_command",
    "batch": "engine.cli.batch:batch_command",
    "compare": "engine.cli.compare:compare_command",
    "rules": "engine.cli.rules:rules_group",
    "examples": "engine.cli.setup:examples_command",
    "doctor": "engine.cli.setup:doctor_command",
}


def build_cli() -> click.Group:
    """The command group, built after the language is chosen so that --help is translated."""

    @click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}, help=command_help(""))
    @click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version, help=_("Show the version and exit."))
    @lang_option(expose_value=False, is_eager=True, callback=_remember_language,
                 help=_("Language of messages and outputs, for the command that follows too (default: LANGUAGE, LC_ALL, LC_MESSAGES or LANG)."))
    def cli() -> None:
        pass

    return cli


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: ``migov X.Y.Z``, then exit 0 (click's ``version_option`` would look its words up through gettext,
    which imports ``locale`` and searches the disk, in every command)."""
    if value and not ctx.resilient_parsing:
        click.echo(f"migov {__version__}", color=ctx.color)
        ctx.exit()


def _remember_language(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``migov --lang fr assess …``: the command's own --lang defaults to the one given before it."""
    if value is not None:
        ctx.meta[LANG_KEY] = value


def language_from_arguments(argv: list[str]) -> str | None:
    """The last ``--lang xx`` or ``--lang=xx`` before ``--``, wherever it stands (the group's or a command's).

    >>> language_from_arguments(["--lang=fr", "assess", "p.yaml"]), language_from_arguments(["assess", "--lang", "en", "--", "--lang=fr"])
    ('fr', 'en')
    """
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def _as_a_process() -> None:
    """The collector tuned for a process that runs one command and exits, as mypy does: the young generation
    is collected after 100,000 allocations, not 700 (a cold ``assess`` allocates a few hundred thousand
    objects, nearly all of which live until exit, and the default threshold traversed them again and again);
    and at exit every object is frozen, so the interpreter's last collections do not traverse the ~20 ms of
    modules, pack and findings about to be freed anyway (Python does not promise ``__del__`` at exit; files are
    closed by their ``with``). Only for the process's own command line: ``main(argv)`` in a caller's
    process (tests, a notebook) leaves its collector alone."""
    gc.set_threshold(100_000, 50, 100)
    atexit.register(gc.freeze)


def main(argv: list[str] | None = None) -> Any:
    if argv is None:
        _as_a_process()
        argv = sys.argv[1:]
    given = language_from_arguments(argv)
    set_language(given if given in languages() else language_from_environment())  # an unknown --lang: click says so, in the user's language
    problem = environment_problem()  # a MIGOV_* variable with a value it does not accept: one line, before anything runs
    if problem:
        click.echo(typography(f"migov: {_('error')}: {problem}", current_language()), err=True)
        sys.exit(2)
    with click_speaks(current_language()), _typeset_help():  # click's own messages from the same catalogue: each line in one language
        return _run(argv)


class TypesetHelp(click.HelpFormatter):
    """click's help formatter, every text set in the typography of the language before it is wrapped (a no-break
    space is not a place to break a line)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, typography(prefix if prefix is not None else _("Usage:") + " ", current_language()))

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{typography(heading.rstrip() + ':', current_language())}\n")  # click's own line, its colon set too

    def write_text(self, text: str) -> None:
        super().write_text(typography(text, current_language()))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, typography(text, current_language())) for term, text in rows], col_max, col_spacing)


@contextlib.contextmanager
def _typeset_help() -> Iterator[None]:
    """click's public ``Context.formatter_class`` set to :class:`TypesetHelp` while the command runs, put back after."""
    before = click.Context.formatter_class
    click.Context.formatter_class = TypesetHelp
    try:
        yield
    finally:
        click.Context.formatter_class = before


def _run(argv: list[str]) -> Any:
    try:
        code = build_cli().main(args=argv, prog_name="migov", standalone_mode=False)
    except click.UsageError as exc:  # one line, not click's four (usage, hint, blank line, error)
        command = exc.ctx.command_path if exc.ctx else "migov"
        line = f"migov: {_('error')}: {exc.format_message().rstrip('.')} " + _("(see '{command} --help')").format(command=command)
        click.echo(typography(line, current_language()), err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:  # Ctrl-C or end of input at a click prompt
        click.echo(_("migov: interrupted"), err=True)
        sys.exit(130)
    if isinstance(code, int) and code:
        sys.exit(code)
    return code
