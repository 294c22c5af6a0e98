"""User-facing errors: one line naming the file, line and field, then what was expected.

Every error a user can cause is a :class:`MigovError`; the CLI prints ``str(error)`` and exits 2.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any

from engine.escape import filename
from engine.i18n import SOURCE_LANGUAGE, _, current_language, typography


class MigovError(Exception):
    """Bad input: a file, a line, a field and what was expected."""

    def __init__(
        self,
        message: str,
        *,
        file: str | PathLike[str] | None = None,
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
        return one_line(f"{where}{field}{self.message}")


def one_line(text: str) -> str:
    r"""An error on one line: a line break that a value from the input brought into it shown as ``\n`` (or ``\r``).

    >>> print(one_line("rule 'a\nb' is unknown"))
    rule 'a\nb' is unknown
    """
    return text.replace("\r", "\\r").replace("\n", "\\n") if "\n" in text or "\r" in text else text


def in_words(error: MigovError | Exception, lang: str | None = None) -> str:
    """The error as an error line says it after ``migov: error:``, in ``lang``'s words and typography (« bad.yaml,
    ligne 3 : champ : … »; ``bad.yaml:3: field: …`` in English); the file name as written (escaped, never typeset)."""
    lang = lang or current_language()
    if not isinstance(error, MigovError):
        return one_line(typography(str(error), lang))
    where = ""
    if error.file:
        at = _("{file}:{line}").format(file="\0", line=error.line) if error.line else "\0"
        where = typography(at, lang).replace("\0", filename(error.file)) + typography(_(": "), lang)
    return where + one_line(typography((f"{error.field}: " if error.field else "") + error.message, lang))


def glossed(values: Iterable[Any], labels: Mapping[Any, Any] | None = None) -> str:
    """Values as a user types them in YAML (``country``, ``all_migrants``), each after its label in the reader's language
    where the pack has one that says more than the value itself (« pays (`country`) », « non (`no`) »); ``labels``: each
    value's label, a text or a ``{lang: text}`` map. A label with a comma in it puts the values apart by « ; ».

    >>> glossed(["a_b", "c"], {"a_b": {"en": "a b"}, "c": {"en": "see"}})
    'a_b, see (`c`)'
    """
    lang = current_language()
    shown = []
    for value in values:
        label = (labels or {}).get(value)
        if isinstance(label, Mapping):
            label = label.get(lang) or label.get(SOURCE_LANGUAGE)
        plain = str(value)
        same = not isinstance(label, str) or label.casefold() == plain.replace("_", " ").casefold()
        shown.append(plain if same else _("{label} (`{value}`)").format(label=label, value=plain))
    return ("; " if any("," in x for x in shown) else ", ").join(shown)  # a label with a comma: the values apart by « ; »


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
