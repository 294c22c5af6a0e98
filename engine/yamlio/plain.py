"""A YAML document in the plain block style profiles are written in, read line by line without the YAML parser.

A profile is mostly ``key: value`` lines, lists of ``- item`` lines, and one-line ``[a, b]`` and ``{k: v}`` lists and
mappings. :func:`plain_yaml` reads such a document and returns exactly the data the YAML builder
(:mod:`engine.yamlio.build`) would, or None whenever it cannot be sure of that; the builder then reads the document and
says what is wrong with it, with its line (PyYAML is imported only then: its reader compiles a long pattern at import).

None is returned for anything outside that plain style: a tab, a carriage return, a backslash, a byte-order mark or a
character YAML refuses; a document marker (``---``), a directive, an anchor, alias or tag, a block text (``|``, ``>``),
a text over two lines, a quoted key or a key that is not a plain ASCII word (``a-b_c.d``) or that YAML reads as a
boolean or null, a duplicate key, ``''`` inside single quotes, a list or mapping written between brackets over more than
one line or with a trailing comma, a plain text holding ``#``, a bracket or a colon that YAML could read otherwise, a
plain value that does not start with a letter and is not a plain decimal number (``1``, ``-2``, ``6.4``: ``2026-06``, ``1e3``,
``0x1f`` and ``1_000`` are left to the builder), a number past the magnitude limit, an indentation YAML could read otherwise,
and any value near a limit of :mod:`engine.limits` (depth, entries, text, elements). The tests compare the two readings.
"""

from __future__ import annotations

import re
from typing import Any

from engine.limits import limit
from engine.yamlio.fast import _ASCII_PLAIN, _within

_WORDS: dict[str, Any] = {"null": None, "Null": None, "NULL": None, "~": None,
                          "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_KEY = 128  # a longer key goes to the builder (YAML bounds a simple key's length)
_NESTED = 64  # deeper nesting goes to the builder (whose own limit is MIGOV_MAX_DEPTH), before Python's recursion limit
_FLOW_STOP = re.compile(r"[,\[\]{}#:]")  # what ends, or may change, a plain text inside brackets
_BLOCK_ODD = "#[]{}"  # what a plain text outside brackets may not hold here (YAML may read it otherwise)


_PLAIN_ASCII = frozenset(_ASCII_PLAIN.decode())


def _odd(ch: str) -> bool:
    """Whether a character that is not plain printable ASCII is one YAML refuses or reads otherwise (the C0 and C1
    controls, NEL and the line separators, a surrogate, the byte-order mark, U+FFFE and U+FFFF), or a tab, a carriage
    return or a backslash (those of :data:`engine.yamlio.fast._NOT_PLAIN`, and the mark libyaml refuses inside a text)."""
    code = ord(ch)
    return code < 0xA0 or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)


class _Unsure(Exception):
    """The document is left to the YAML builder."""


def _key(word: str) -> str:
    """A key the builder reads as this very text: a plain ASCII word starting with a letter or ``_``, not a boolean or null."""
    if not word or len(word) > _KEY or not (word[0].isalpha() or word[0] == "_") or not _KEY_CHARS.issuperset(word) or word in _WORDS:
        raise _Unsure
    return word


def _scalar(text: str) -> Any:
    """A plain scalar as the builder resolves it (YAML 1.2 booleans, null, decimal numbers, else text), or unsure."""
    if not text:
        raise _Unsure
    if text in _WORDS:
        return _WORDS[text]
    if text[0].isalpha():
        return text
    digits = text[1:] if text[0] == "-" else text
    whole, dot, fraction = digits.partition(".")
    if not (whole.isascii() and whole.isdigit()) or (len(whole) > 1 and whole[0] == "0") or (dot and not (fraction.isascii() and fraction.isdigit())):
        raise _Unsure  # a date, an octal or hexadecimal number, 1e3, 1_000, .5: the builder reads those
    value = float(text) if dot else int(text)
    if abs(value) > limit("number") or len(text) > limit("text"):
        raise _Unsure
    return value


class _Reader:
    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.lines = lines  # (indentation, content) of each line that is not blank or a comment

    def block(self, i: int, indent: int, depth: int) -> tuple[Any, int]:
        """The list or mapping whose lines start at ``lines[i]``, indented by ``indent``; the index after it."""
        if depth >= _NESTED:
            raise _Unsure
        if self.lines[i][1].startswith("- "):
            return self.sequence(i, indent, depth)
        return self.mapping(i, indent, depth)

    def mapping(self, i: int, indent: int, depth: int) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        lines = self.lines
        while i < len(lines) and lines[i][0] == indent:
            content = lines[i][1]
            colon = content.find(":")
            key = _key(content[:colon] if colon > 0 else "")
            if key in out:
                raise _Unsure  # the builder names both lines
            rest = content[colon + 1:]
            if rest and rest[0] != " ":
                raise _Unsure
            rest = rest.lstrip(" ")
            i += 1
            if rest and rest[0] != "#":
                out[key] = _line_value(rest)
            elif i < len(lines) and lines[i][0] > indent:
                out[key], i = self.block(i, lines[i][0], depth + 1)
            elif i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
                out[key], i = self.sequence(i, indent, depth + 1)  # a list under its key, not indented
            else:
                out[key] = None
            if i < len(lines) and lines[i][0] > indent:
                raise _Unsure  # a value over two lines, or an indentation YAML reads otherwise
        return out, i

    def sequence(self, i: int, indent: int, depth: int) -> tuple[list[Any], int]:
        out: list[Any] = []
        lines = self.lines
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            item = lines[i][1][2:]
            colon = item.find(":")
            if not item or item[0] in " #-":
                raise _Unsure
            if 0 < colon and (colon + 1 == len(item) or item[colon + 1] == " ") and _KEY_CHARS.issuperset(item[:colon]):
                lines[i] = (indent + 2, item)  # `- key: value`: a mapping whose keys stand two columns in
                value, i = self.mapping(i, indent + 2, depth + 1)
                out.append(value)
            else:
                out.append(_line_value(item))
                i += 1
            if i < len(lines) and lines[i][0] > indent:
                raise _Unsure
        return out, i


def _line_value(text: str) -> Any:
    """The value written on the rest of a line (a plain or quoted text, or a list or mapping between brackets), and
    nothing after it but a comment."""
    if text[0] in "[{\"'":
        value, end = _flow(text, 0, 0)
        rest = text[end:]
        if rest.strip(" ") and not (rest[0] == " " and rest.lstrip(" ")[0] == "#"):
            raise _Unsure
        return value
    comment = text.find(" #")
    plain = (text if comment < 0 else text[:comment]).rstrip(" ")
    if any(ch in plain for ch in _BLOCK_ODD) or ": " in plain or plain.endswith(":"):
        raise _Unsure
    return _scalar(plain)


def _flow(text: str, p: int, depth: int) -> tuple[Any, int]:
    """The value starting at ``text[p]`` inside (or opening) brackets, and the index after it."""
    if depth >= _NESTED:
        raise _Unsure
    c = text[p]
    if c in "\"'":
        end = text.find(c, p + 1)
        if end < 0 or text[end + 1:end + 2] == c:
            raise _Unsure  # over two lines, or '' inside single quotes
        return text[p + 1:end], end + 1
    if c == "[" or c == "{":
        close = "]" if c == "[" else "}"
        items: Any = [] if c == "[" else {}
        p = _skip(text, p + 1)
        if text[p:p + 1] == close:
            return items, p + 1
        while True:
            if c == "{":
                colon = text.find(": ", p)
                key = _key(text[p:colon] if colon > p else "")
                if key in items:
                    raise _Unsure
                items[key], p = _flow(text, _skip(text, colon + 2), depth + 1)
            else:
                value, p = _flow(text, p, depth + 1)
                items.append(value)
            p = _skip(text, p)
            after = text[p:p + 1]
            if after == close:
                return items, p + 1
            if after != ",":
                raise _Unsure
            p = _skip(text, p + 1)
            if text[p:p + 1] in (close, ""):
                raise _Unsure  # a trailing comma
    stop = _FLOW_STOP.search(text, p)
    end = stop.start() if stop else len(text)
    if end < len(text) and text[end] not in ",]}":
        raise _Unsure
    return _scalar(text[p:end].rstrip(" ")), end


def _skip(text: str, p: int) -> int:
    while p < len(text) and text[p] == " ":
        p += 1
    if p >= len(text):
        raise _Unsure  # brackets over more than one line
    return p


def plain_yaml(text: str) -> dict[str, Any] | None:
    """The mapping a YAML document in the plain block style holds (see the module's docstring), or None."""
    if len(text) > limit("expanded") or "\r" in text or limit("text") < len("false"):
        return None
    if text.isascii():
        if text.encode().translate(None, _ASCII_PLAIN):
            return None  # a control character, a tab or a backslash
    elif any(_odd(ch) for ch in set(text).difference(_PLAIN_ASCII)):  # the few distinct characters, not a pattern compiled
        return None
    lines: list[tuple[int, str]] = []
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if content and content[0] != "#":  # a document marker or a directive is no key: the reading below leaves it
            lines.append((len(line) - len(content), content.rstrip(" ")))
    if not lines or lines[0][0] != 0 or lines[0][1].startswith("- "):
        return None
    try:
        data, end = _Reader(lines).mapping(0, 0, 0)
    except (_Unsure, ValueError, RecursionError):
        return None
    if end != len(lines):
        return None
    return data if _within(data) else None
