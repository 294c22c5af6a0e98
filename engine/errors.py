"""User-facing errors: one line naming the file, line and field, then what was expected.

Every error a user can cause is a :class:`MigovError`; the CLI prints ``str(error)`` and exits 2.
"""

from __future__ import annotations

from pathlib import Path

from engine.escape import filename
from engine.i18n import _


class MigovError(Exception):
    """Bad input: a file, a line, a field and what was expected."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        col: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        self.col = col
        self.code = code

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = filename(self.file) + (f":{self.line}" if self.line else "") + ": "  # quoted and escaped if it holds a control
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class PackError(MigovError):
    """A rule pack is broken (its author must fix it)."""


class ProfileError(MigovError):
    """A profile is invalid (its author must fix it)."""


def did_you_mean(word: str, candidates: list[str]) -> str:
    """A translated " (did you mean 'x'?)" for the closest candidate, or nothing."""
    if not isinstance(word, str):
        return ""
    import difflib  # only when a suggestion is made (an error): ~2.5 ms of every cold start otherwise

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return _(" (did you mean '{word}'?)").format(word=close[0]) if close else ""
