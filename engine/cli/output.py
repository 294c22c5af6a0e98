"""How commands end: a one-line error and exit 2, a warning on stderr, output to stdout or a file."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from os import PathLike
from typing import Any, NoReturn

import click

from engine.errors import MigovError, in_words
from engine.escape import terminal
from engine.i18n import _, current_language, typography
from engine.resources import data_folder

QUIET_KEY = "migov.quiet"  # in the context's meta: --quiet given (engine.cli.output.quiet reads it)


def quiet_option() -> Callable[[Any], Any]:
    """``--quiet/-q``: only errors on stderr, no notes, warnings or progress."""
    return click.option("--quiet", "-q", is_flag=True, default=False, expose_value=False, callback=_remember_quiet,
                        help=_("Print only errors: no notes, warnings or progress."))


def _remember_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[QUIET_KEY] = True


def fail(error: MigovError | str) -> NoReturn:
    click.echo(error_line(error), err=True)
    sys.exit(2)


def error_line(error: MigovError | str | Exception, said: bool = False) -> str:
    """``migov: error: file:3: field: what was expected`` in the language's words and typography (« migov : erreur :
    bad.yaml, ligne 3 : … »); the file name as written, on one line, no control character obeyed. ``said``: ``error`` is
    already in those words (:func:`engine.errors.in_words`, as a batch worker returns it)."""
    lang = current_language()
    message = error if said and isinstance(error, str) else in_words(error if isinstance(error, Exception) else MigovError(error), lang)
    head = typography(f"migov: {_('error')}: ", lang)
    return terminal(head + message).replace("\n", " ")


def quiet() -> bool:
    """Whether the running command was given --quiet."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and bool(ctx.meta.get(QUIET_KEY))


def warn(message: str) -> None:
    """A note or warning on stderr, unless --quiet."""
    if not quiet():
        click.echo(message, err=True)


@contextlib.contextmanager
def notes() -> Iterator[None]:
    """What the engine itself prints on stderr while the block runs (the notice that durable_rules is missing),
    silenced under --quiet; an error is raised, not printed, so it is still said after the block."""
    if not quiet():
        yield
        return
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def emit(text: str | bytes, output: str | PathLike[str] | None, protected: Iterable[str | PathLike[str]]) -> None:
    """stdout, or ``output`` written atomically (never over an input, nor inside a rule pack's folder).

    A reader that stops reading (``| head -1``) ends the command quietly with exit 0, whatever the format: had the
    output been small enough to fit the pipe, the write would have succeeded and the command exited 0 anyway."""
    if output is None or output == "-":
        try:
            click.echo(text, nl=False)
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(0)
        except OSError as exc:  # a full disk
            _quiet_stdout()
            fail(MigovError(_("cannot write the output: {reason}").format(reason=exc.strerror or type(exc).__name__), file="stdout"))
        return
    from engine.outputs import write_atomic  # the atomic writer: only for a file (a report on stdout needs none)

    write_atomic(output, text, inputs(protected), field="--output")


def inputs(protected: Iterable[str | PathLike[str]]) -> list[str | PathLike[str]]:
    """The files a command reads, with the folder of every rule pack among them and the bundled rules."""
    files = list(protected)
    return [*files, *(os.path.dirname(p) or "." for p in files if os.path.basename(p) == "pack.yaml"), data_folder("rules")]


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
