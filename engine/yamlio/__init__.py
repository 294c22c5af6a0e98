"""YAML reading that keeps line numbers, refuses what it does not understand, and never explodes.

PyYAML's composer gives every node its position (libyaml when present, for start-up speed). On top:
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
import re
import stat
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from engine.errors import MigovError
from engine.i18n import _
from engine.limits import exceeded, limit
from engine.records import record
from engine.yamlio.build import Builder, Path_, dotted
from engine.yamlio.fast import plain_json

__all__ = ["Locations", "Path_", "check_file", "decode", "dotted", "load_yaml", "parse_yaml", "read_bytes", "read_text"]

try:  # libyaml is much faster to parse; the pure-Python parser gives the same nodes
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

class _Loader(_BaseLoader):
    """SafeLoader with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:float")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(  # YAML 1.2 numbers: 1e3 and 1.5e-2 too (1.1 wanted a dot); .inf and .nan are refused when built
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)
_BREAKS = re.compile("[\u0085\u2028\u2029]")  # line breaks to PyYAML (YAML 1.1), text to a reader and to YAML 1.2


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
    """The positions of a document read as plain JSON (:mod:`engine.yamlio.fast`), found when first asked for (an
    error names a line): the YAML builder then reads the document again, as it would have, for its positions only."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self._text: str | None = text
        self._found: tuple[dict[Path_, int], dict[Path_, int]] = ({}, {})

    def _positions(self) -> tuple[dict[Path_, int], dict[Path_, int]]:
        if self._text is not None:
            text, self._text = self._text, None
            locs = Locations(self.file)
            loader = _Loader(text)
            try:
                Builder(loader, locs).document()
            except (MigovError, yaml.YAMLError):  # not expected (the fast reading accepts only what it reads the same): no position
                pass
            finally:
                loader.dispose()
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


def read_text(path: Path, *, max_bytes: int | None = None, limit_name: str = "file", expected: str = "YAML") -> str:
    """Read a UTF-8 text file or raise a one-line :class:`MigovError`; only regular files, at most the limit."""
    return decode(read_bytes(path, max_bytes=max_bytes, limit_name=limit_name, expected=expected), str(path), expected)


def read_bytes(path: Path, *, max_bytes: int | None = None, limit_name: str = "file", expected: str = "YAML") -> bytes:
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


def check_file(path: Path, *, max_bytes: int | None = None, limit_name: str = "file", expected: str = "YAML") -> int:
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


def load_yaml(path: Path, *, max_bytes: int | None = None) -> tuple[Any, Locations]:
    """Parse one YAML document from ``path``: (data, locations)."""
    text = read_text(path, max_bytes=max_bytes)
    return parse_yaml(text, str(path))


_NESTING = re.compile(r"nesting depth", re.IGNORECASE)
PARSER_DEPTH = 1000  # libyaml's nesting ceiling (PyYAML >= 6.0.4 with the C parser); MIGOV_MAX_DEPTH above it cannot apply


def parse_yaml(text: str, name: str) -> tuple[Any, Locations]:
    locs = Locations(name)
    if not text.strip():
        raise MigovError(_("the file is empty; expected a YAML mapping"), file=name, line=1)
    odd = _BREAKS.search(text)
    if odd:  # `name: Nice<U+2028>fa: yes` would set the fact fa
        raise MigovError(_("a Unicode line separator (U+{code:04X}) would start a new line unseen here: remove it").format(code=ord(odd.group())),
                         file=name, line=text.count("\n", 0, odd.start()) + 1)
    fast = plain_json(text)  # a document written as plain JSON: read by json, its positions found only if asked for
    if fast is not None:
        return fast, DeferredLocations(name, text)
    loader = _Loader(text)
    try:
        data = Builder(loader, locs).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if _NESTING.search(problem):  # the parser's own ceiling (libyaml: 1,000), reached before migov's
            what = _("nesting")
            message = exceeded("depth", what) if limit("depth") < PARSER_DEPTH else _("{what}: over the YAML parser's own limit of {limit}").format(
                what=what, limit=PARSER_DEPTH)
            raise MigovError(message, file=name, line=line) from None
        raise MigovError(_("invalid YAML: {problem}").format(problem=parser_problem(problem)), file=name, line=line) from None
    except yaml.YAMLError as exc:
        raise MigovError(_("invalid YAML: {problem}").format(problem=str(exc).splitlines()[0]), file=name) from None
    finally:
        loader.dispose()
    return data, locs


def N_(message: str) -> str:
    """A catalogue message, translated where it is used (:func:`parser_problem`)."""
    return message


_PROBLEMS = (  # the parser's (PyYAML's and libyaml's) English problems a reader meets most, as catalogue messages
    ("did not find expected ',' or ']'", N_("a list written between brackets is not closed: a comma or a closing bracket is expected")),
    ("did not find expected ',' or '}'", N_("a mapping written between braces is not closed: a comma or a closing brace is expected")),
    ("mapping values are not allowed", N_("a colon here would start a second key on the same line: put the text in quotes, or the key on a line of its own")),
    ("found character that cannot start any token", N_("a character that cannot start a value (a tab or @, for instance): put the text in quotes, and indent with spaces")),
    ("could not find expected ':'", N_("a colon is expected after a key")),
    ("did not find expected node content", N_("a value is expected here: a list or a mapping is left open, or a line ends too soon")),
    ("did not find expected key", N_("a key is expected here: check the indentation")),
    ("did not find expected '-' indicator", N_("a list item (a dash) is expected here: check the indentation")),
    ("found unexpected end of stream", N_("the file ends inside a quoted text: a closing quote is missing")),
    ("found undefined alias", N_("an alias (*name) refers to no anchor (&name): put the text in quotes")),
    ("found unknown escape character", N_("a backslash in double quotes starts an unknown escape: use single quotes")),
)


def parser_problem(problem: str) -> str:
    """The YAML parser's problem in the reader's language: a catalogue message for the common ones, else as the parser says it.

    >>> parser_problem("mapping values are not allowed in this context")[:7], parser_problem("something rare")
    ('a colon', 'something rare')
    """
    return next((_(message) for start, message in _PROBLEMS if problem.startswith(start)), problem)
