"""A YAML document written as plain JSON, read by the ``json`` module: some thirty times faster than the YAML parser.

Programs that write profiles for a batch often write JSON, which is YAML too. :func:`plain_json` reads such a
document with ``json`` and returns exactly the data the YAML builder (:mod:`engine.yamlio.build`) would, or None
whenever it cannot be sure of that; the builder then reads the document and says what is wrong with it, with its line.
None is returned for anything outside the plainest JSON: a character YAML refuses or reads otherwise (a control
character, a tab, a backslash escape, U+FFFE), a key that is not plain printable ASCII (the builder normalises
and checks those) or that is ``<<`` (a merge to YAML), a colon at the start of a line (a key split from its
colon is no key to YAML), a duplicate key, ``NaN`` or ``Infinity``, a number that is not finite or past the
magnitude limit, and any value near a limit of :mod:`engine.limits` (depth, entries, text, elements, expanded
size): the builder enforces each, with its message. The tests compare the two readings on generated documents.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from engine.limits import limit

# what is not among YAML's printable characters (PyYAML's and libyaml's reader), with the tab and the backslash
# (escapes are read differently: "\ud83d\ude00" is one character to json, two to YAML) and the line separators
# (refused before): written as the short class it is, not as the negation of the long one, which re takes some
# 3 ms to compile at every start (the two match the same code points: tests/test_cli_structure.py); compiled when a
# document that is not ASCII is read as JSON (re's own cache), not at import
_NOT_PLAIN = r"[\x00-\x09\x0b\x0c\x0e-\x1f\\\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]|[\n\r][ \n\r]*:"
_ASCII_PLAIN = bytes(range(0x20, 0x7F)).replace(b"\\", b"") + b"\n\r"  # of an ASCII text, the bytes above (checked at C speed)
_SPLIT_KEY = r"\n *:"  # a colon starting a line (with \r, _NOT_PLAIN looks); compiled when a JSON document is read (re's cache)
_KEY = 128  # a longer key goes to the builder (YAML bounds a simple key's length)


class _Unsure(Exception):
    """The document is left to the YAML builder."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Unsure  # a duplicate key: the builder names both lines
    for key in out:
        if len(key) > _KEY or not (key.isascii() and key.isprintable()):
            raise _Unsure
    return out


def _ascii_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """:func:`_pairs` in a text of printable ASCII only (its keys are)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Unsure
    for key in out:
        if len(key) > _KEY:
            raise _Unsure
    return out


def _unsure(_text: str) -> Any:
    raise _Unsure


def plain_json(text: str) -> dict[str, Any] | None:
    """The mapping a YAML document written as plain JSON holds (see the module's docstring), or None."""
    if not text.lstrip().startswith("{") or len(text) > limit("expanded") or '"<<"' in text:
        return None  # its text, counted through aliases (it has none), is at most the document's length
    hook = _pairs
    if text.isascii() and "\r" not in text:
        if text.encode().translate(None, _ASCII_PLAIN) or re.search(_SPLIT_KEY, text):
            return None
        hook = _ascii_pairs
    elif re.search(_NOT_PLAIN, text):
        return None
    number, most = limit("number"), limit("text")
    if most < len("false"):
        return None  # true, false and null are texts of the document too: the builder counts them

    def numeral(kind: Any) -> Any:
        def read(text: str) -> Any:
            value = kind(text)
            if len(text) > most or not math.isfinite(value) or abs(value) > number:
                raise _Unsure
            return value
        return read

    try:
        data = json.loads(text, object_pairs_hook=hook, parse_constant=_unsure, parse_int=numeral(int), parse_float=numeral(float))
    except (ValueError, RecursionError, _Unsure):  # json's errors are ValueErrors (a decoding error, an integer too long)
        return None
    if not isinstance(data, dict):
        return None
    # each element (a list, mapping, key or scalar) takes a character of the text at least, a level of nesting an
    # opening bracket: a text that short cannot be past a limit (the common case), else the elements are counted
    size = len(text)
    if size <= min(limit("elements"), limit("items"), limit("text")) and text.count("{") + text.count("[") <= limit("depth"):
        return data
    return data if _within(data) else None


def _within(data: dict[str, Any]) -> bool:
    """Whether the document is within the depth, entries, text and elements limits, as the builder counts them: one
    element per list, mapping, key and scalar; a list or mapping nested under as many as the depth limit is over it."""
    depth, items, text, elements = limit("depth"), limit("items"), limit("text"), limit("elements")
    stack: list[tuple[Any, int]] = [(data, 0)]
    count = 0
    while stack:
        value, level = stack.pop()
        count += 1
        if value.__class__ is str:
            if len(value) > text:
                return False
        elif value.__class__ is dict or value.__class__ is list:
            if level >= depth or len(value) > items:
                return False
            if value.__class__ is dict:
                count += len(value)
                if any(len(k) > text for k in value):
                    return False
                stack.extend((v, level + 1) for v in value.values())
            else:
                stack.extend((v, level + 1) for v in value)
    return count <= elements
