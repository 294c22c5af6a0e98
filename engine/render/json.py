"""The JSON assessment (DESIGN contract): deterministic, UTF-8, stable key order.

Written byte for byte as ``json.dumps(data, ensure_ascii=False, indent=2)`` writes it (:func:`indented`), with the
containers laid out here and every string by the C function of ``json``; the parts a profile's reports share in every
language (:class:`engine.render.neutral.Neutral`) are encoded once and their text reused.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from engine.assessment import Assessment

encode_string: Callable[[str], str] = json.encoder.encode_basestring  # C-accelerated where the interpreter has it
_encode = json.JSONEncoder(ensure_ascii=False).encode
_CONTAINERS = (dict, list, tuple)
Shared = dict[int, list[Any]]  # id of a container shared between documents -> [it, its indentation and its text once encoded]


def render(assessment: Assessment) -> str:
    return render_data(assessment.to_data())


def render_data(data: Any, shared: Shared | None = None) -> str:
    """The JSON of an assessment's data (``Assessment.to_data()``), byte for byte what :func:`render` writes;
    ``shared``: containers of ``data`` also in other documents, their text encoded once (and again where one is at another depth)."""
    return indented(data, shared) + "\n"


def indented(data: Any, shared: Shared | None = None) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, the same text; a dict with a key that is not a string (which
    ``json`` converts) is left to ``json`` itself."""
    if not isinstance(data, _CONTAINERS):
        return json.dumps(data, ensure_ascii=False)
    try:
        return _layout(data, "", shared or {})
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, indent=2)


class _Unusual(Exception):
    """A value :func:`_layout` does not lay out as ``json`` would (a key that is not a string)."""


_CONSTANTS = {True: "true", False: "false"}


def _leaf(v: Any) -> str:
    """A string, number, boolean or null as ``json`` writes it."""
    kind = type(v)
    if kind is str:
        return encode_string(v)
    if kind is int:
        return int.__repr__(v)
    if kind is float and math.isfinite(v):
        return float.__repr__(v)
    if v is None:
        return "null"
    if kind is bool:
        return _CONSTANTS[v]
    return _encode(v)


def _layout(o: dict[Any, Any] | list[Any] | tuple[Any, ...], ind: str, shared: Shared) -> str:
    held = shared.get(id(o))
    if held is not None and held[0] is o and held[1] == ind:
        done: str = held[2]
        return done
    inner = ind + "  "
    if isinstance(o, dict):
        if not o:
            return "{}"
        if any(type(k) is not str for k in o):
            raise _Unusual
        parts = [f"{encode_string(k)}: {_layout(v, inner, shared) if isinstance(v, _CONTAINERS) else _leaf(v)}" for k, v in o.items()]
        text = "{\n" + inner + (",\n" + inner).join(parts) + "\n" + ind + "}"
    else:
        if not o:
            return "[]"
        parts = [_layout(v, inner, shared) if isinstance(v, _CONTAINERS) else _leaf(v) for v in o]
        text = "[\n" + inner + (",\n" + inner).join(parts) + "\n" + ind + "]"
    if held is not None and held[0] is o:
        held[1:] = ind, text  # in place: an entry may be in several tables (engine.render.neutral)
    return text
