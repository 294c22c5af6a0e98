"""How commands end: a one-line error and exit 2, a warning on stderr, output to stdout or a file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import click

from engine.errors import MigovError
from engine.i18n import _
from engine.outputs import write_atomic
from engine.render.escape import terminal
from engine.resources import data_dir


def fail(error: MigovError | str) -> NoReturn:
    click.echo(terminal(f"migov: {_('error')}: {error}").replace("\n", " "), err=True)  # one line, no control character obeyed
    sys.exit(2)


def warn(message: str) -> None:
    click.echo(message, err=True)


def emit(text: str | bytes, output: str | Path | None, protected: Iterable[str | Path]) -> None:
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
    write_atomic(output, text, inputs(protected), field="--output")


def inputs(protected: Iterable[str | Path]) -> list[str | Path]:
    """The files a command reads, with the folder of every rule pack among them and the bundled rules."""
    files = list(protected)
    return [*files, *(Path(p).parent for p in files if Path(p).name == "pack.yaml"), data_dir("rules")]


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
