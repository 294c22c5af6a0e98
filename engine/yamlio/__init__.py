"""YAML reading that keeps line numbers, refuses what it does not understand, and never explodes.

PyYAML's composer gives every node its position (libyaml when present, for start-up speed): :mod:`engine.yamlio.full`,
imported only for a document the plain readers leave to it (a profile written as plain JSON, :mod:`engine.yamlio.fast`,
or in the plain block style, :mod:`engine.yamlio.plain`, is read without it, the same). On top:
- YAML 1.2 booleans only (``true``/``false``): ``no``, ``yes``, ``on`` and ``off`` stay strings,
  so an answer ``no`` in a profile is the word "no", not a boolean (the "Norway problem");
- duplicate keys are refused with both lines;
- files over a size limit, binary files, directories, devices, FIFOs and empty files are refused before
  parsing (a FIFO is never opened, a device never read past the limit);
- the document is built from the parser's events without recursion, under the limits of
  :mod:`engine.limits`: elements and text counted through aliases (a "billion laughs" document is refused,
  not expanded), alias uses, nesting depth, entries per list or mapping, characters per text;
- an alias inside the value it names (a cycle) is refused;
- impossible dates (2026-02-30), infinite or not-a-number values and numbers past the magnitude limit
  are refused, so that what is read can always be written back as valid JSON.

:func:`load_yaml` returns the plain data and a :class:`Locations` map from a path of keys and
indexes to the line where that element starts.
"""

from __future__ import annotations

import os
import stat
from dataclasses import field
from os import PathLike
from typing import Any

from engine.errors import MigovError
from engine.i18n import _
from engine.limits import exceeded, limit
from engine.records import record
from engine.yamlio.fast import plain_json
from engine.yamlio.paths import Path_, dotted, invisible, nfc
from engine.yamlio.plain import plain_yaml
from engine.yamlio.problems import PARSER_DEPTH, parser_problem

__all__ = ["PARSER_DEPTH", "Locations", "Path_", "check_file", "decode", "dotted", "invisible", "load_yaml", "nfc", "parse_yaml", "parser_problem",
           "read_bytes", "read_text"]

_BREAKS = "\u0085\u2028\u2029"  # line breaks to PyYAML (YAML 1.1), text to a reader and to YAML 1.2: found with str.find


@record
class Locations:
    """Where each element of a loaded document starts (1-based lines)."""

    file: str
    lines: dict[Path_, int] = field(default_factory=dict)
    cols: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest located ancestor."""
        return _nearest(self.lines, path)

    def col(self, path: Path_) -> int | None:
        """The column (1-based) of ``path``, or of its nearest located ancestor."""
        return _nearest(self.cols, path)

    def error(self, path: Path_, message: str, cls: type[MigovError] = MigovError, code: str | None = None) -> MigovError:
        return cls(message, file=self.file, line=self.line(path), field=dotted(path) or None, col=self.col(path), code=code)


class DeferredLocations(Locations):
    """The positions of a document read by a plain reader (:mod:`engine.yamlio.fast`, :mod:`engine.yamlio.plain`), found
    when first asked for (an error names a line): the YAML builder then reads the document again, as it would have, for its
    positions only."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self._text: str | None = text
        self._found: tuple[dict[Path_, int], dict[Path_, int]] = ({}, {})

    def _positions(self) -> tuple[dict[Path_, int], dict[Path_, int]]:
        if self._text is not None:
            from engine.yamlio.full import locate  # PyYAML, only when an error asks for a position

            text, self._text = self._text, None
            locs = Locations(self.file)
            locate(text, locs)
            self._found = (locs.lines, locs.cols)
        return self._found

    @property
    def lines(self) -> dict[Path_, int]:
        return self._positions()[0]

    @lines.setter
    def lines(self, value: dict[Path_, int]) -> None:
        self._positions()
        self._found = (value, self._found[1])

    @property
    def cols(self) -> dict[Path_, int]:
        return self._positions()[1]

    @cols.setter
    def cols(self, value: dict[Path_, int]) -> None:
        self._positions()
        self._found = (self._found[0], value)


def _nearest(positions: dict[Path_, int], path: Path_) -> int | None:
    while True:
        if path in positions:
            return positions[path]
        if not path:
            return None
        path = path[:-1]


def read_text(path: str | PathLike[str], *, max_bytes: int | None = None, limit_name: str = "file", expected: str = "YAML") -> str:
    """Read a UTF-8 text file or raise a one-line :class:`MigovError`; only regular files, at most the limit."""
    return decode(read_bytes(path, max_bytes=max_bytes, limit_name=limit_name, expected=expected), str(path), expected)


def read_bytes(path: str | PathLike[str], *, max_bytes: int | None = None, limit_name: str = "file", expected: str = "YAML") -> bytes:
    """The bytes of a regular file no bigger than the limit (never a device, FIFO, socket or folder)."""
    name = str(path)
    cap = check_file(path, max_bytes=max_bytes, limit_name=limit_name, expected=expected)
    try:
        with open(path, "rb") as fh:
            # read(cap + 1) would first allocate the whole limit (10 MB) for a file of a few kB: read its size and one
            # byte more, and, where that byte came (the file grew), on up to the limit
            size = os.fstat(fh.fileno()).st_size
            raw = fh.read(min(size, cap) + 1)
            if size < len(raw) <= cap:
                raw += fh.read(cap + 1 - len(raw))
    except OSError as exc:
        raise MigovError(_("cannot read the file: {reason}").format(reason=exc.strerror), file=name) from None
    if len(raw) > cap:  # grew while being read
        raise MigovError(exceeded(limit_name, _("file is over {size:.1f} MB").format(size=cap / 1e6)), file=name)
    return raw


def check_file(path: str | PathLike[str], *, max_bytes: int | None = None, limit_name: str = "file", expected: str = "YAML") -> int:
    """Refuse what is not a regular file within the size limit (nothing is opened); returns the limit."""
    name = str(path)
    cap = limit(limit_name) if max_bytes is None else max_bytes
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise MigovError(_("no such file"), file=name) from None
    except OSError as exc:
        raise MigovError(_("cannot read the file: {reason}").format(reason=exc.strerror), file=name) from None
    if stat.S_ISDIR(st.st_mode):
        raise MigovError(_("is a directory; expected a {what} file").format(what=expected), file=name)
    if not stat.S_ISREG(st.st_mode):
        raise MigovError(_("is not a regular file (a device, FIFO or socket); expected a {what} file").format(what=expected), file=name)
    if st.st_size > cap:
        raise MigovError(exceeded(limit_name, _("file is {size:.1f} MB").format(size=st.st_size / 1e6)), file=name)
    return cap


def decode(raw: bytes, name: str, expected: str = "YAML") -> str:
    if b"\x00" in raw[:8192]:
        raise MigovError(_("is a binary file; expected {what} text").format(what=expected), file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise MigovError(_("is not UTF-8 text; expected {what} in UTF-8").format(what=expected), file=name, line=line) from None


def load_yaml(path: str | PathLike[str], *, max_bytes: int | None = None) -> tuple[Any, Locations]:
    """Parse one YAML document from ``path``: (data, locations)."""
    text = read_text(path, max_bytes=max_bytes)
    return parse_yaml(text, str(path))


def parse_yaml(text: str, name: str) -> tuple[Any, Locations]:
    if not text.strip():
        raise MigovError(_("the file is empty; expected a YAML mapping"), file=name, line=1)
    odd = None if text.isascii() else min((i for i in map(text.find, _BREAKS) if i >= 0), default=None)
    if odd is not None:  # `name: Nice<U+2028>fa: yes` would set the fact fa
        raise MigovError(_("a Unicode line separator (U+{code:04X}) would start a new line unseen here: remove it").format(code=ord(text[odd])),
                         file=name, line=text.count("\n", 0, odd) + 1)
    fast = plain_json(text)  # a document written as plain JSON: read by json, its positions found only if asked for
    if fast is None:
        fast = plain_yaml(text)  # or in the plain block style of a profile: read line by line, the same
    if fast is not None:
        return fast, DeferredLocations(name, text)
    from engine.yamlio.full import build  # PyYAML (its reader compiles a long pattern at import): what the plain readers leave

    locs = Locations(name)
    return build(text, locs), locs
