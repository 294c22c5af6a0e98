"""How commands end: a one-line error and exit 2, a warning on stderr, output to stdout or a file."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import click

from engine.errors import MigovError
from engine.i18n import _
from engine.outputs import write_atomic


def fail(error: MigovError | str) -> NoReturn:
    click.echo(f"migov: {_('error')}: {error}", err=True)
    sys.exit(2)


def warn(message: str) -> None:
    click.echo(message, err=True)


def emit(text: str | bytes, output: str | Path | None, protected: Iterable[str | Path]) -> None:
    """stdout, or ``output`` written atomically (never over an input)."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    write_atomic(output, text, protected, field="--output")
