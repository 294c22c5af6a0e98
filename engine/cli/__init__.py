"""The command line: ``migov assess``, ``migov rules test``; exit 0 ok, 1 below --fail-under, 2 bad input.

One module per command group (assess, authoring, batch, compare, rules), each imported only when one of
its commands runs (:class:`engine.cli.lazy.LazyGroup`): ``migov --version`` and ``migov --help`` import
click and the catalogue, nothing else. Shared options are in :mod:`engine.cli.options`.
"""

from __future__ import annotations

import atexit
import gc
import sys
from typing import Any

import click

from engine import __version__
from engine.cli.lazy import LazyGroup
from engine.cli.texts import command_help
from engine.i18n import _, language_from_environment, set_language
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
    @click.version_option(__version__, prog_name="migov", message="%(prog)s %(version)s")
    def cli() -> None:
        pass

    return cli


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
    set_language(language_from_environment())
    if argv is None:
        _as_a_process()
        argv = sys.argv[1:]
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv):
            set_language(argv[i + 1])
    problem = environment_problem()  # a MIGOV_* variable with a value it does not accept: one line, before anything runs
    if problem:
        click.echo(f"migov: {_('error')}: {problem}", err=True)
        sys.exit(2)
    try:
        code = build_cli().main(args=argv, prog_name="migov", standalone_mode=False)
    except click.UsageError as exc:  # one line, not click's four (usage, hint, blank line, error)
        command = exc.ctx.command_path if exc.ctx else "migov"
        click.echo(f"migov: {_('error')}: {exc.format_message().rstrip('.')} " + _("(see '{command} --help')").format(command=command), err=True)
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
