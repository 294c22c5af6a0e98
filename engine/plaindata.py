"""The plain JSON data of typed values (an assessment, a report's parts): dataclass fields in order, under their written
names (``from_`` is ``from``), None left out where a field's metadata says so; enums by their values."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from engine.pack.model import alias


def plain_data(value: Any) -> Any:
    """The JSON data of an assessment's values: keys in field order, by their written names, None left out where it says so."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None or (kind is float and math.isfinite(value)):  # the common cases
        return value  # first (exact types: a str enum is not one)
    if kind is list:
        return [v if v.__class__ in _SCALARS else plain_data(v) for v in value]
    convert = _CONVERTERS.get(kind)
    if convert is None:
        convert = _CONVERTERS[kind] = _converter(kind)
    if convert is not _NOT_A_RECORD:
        return convert(value)
    if kind is dict and all(k.__class__ is str for k in value):  # a finding's sources: lists of citations by scheme
        return {k: v if v.__class__ in _SCALARS else [y if y.__class__ in _SCALARS else plain_data(y) for y in v] if v.__class__ is list
                else plain_data(v) for k, v in value.items()}
    if isinstance(value, Enum):
        return plain_data(value.value)
    if isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: plain_data(v) for k, v in value.items()}
    raise TypeError(f"a value an assessment cannot hold: {kind.__name__}")


COMPILE_AFTER = 16  # values a type writes with the generic converter before its own is compiled (a cold report: most write a few)


def _converter(kind: type) -> Callable[[Any], dict[str, Any]]:
    """The function writing a dataclass type's values as :func:`plain_data` does: a generic one reading the type's plan,
    which after :data:`COMPILE_AFTER` values gives way to one compiled for the type (a batch's reports write some 1,500
    values; compiling costs about 0.4 ms a type, most of a cold ``assess --format json``'s types write one or a few)."""
    plan = _plan(kind)
    if plan is None:
        return _NOT_A_RECORD
    calls = 0

    def convert(v: Any) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == COMPILE_AFTER:
            _CONVERTERS[kind] = _compiled(plan)
        out: dict[str, Any] = {}
        for name, key, omit in plan:
            x = getattr(v, name)
            if omit and x is None:
                continue
            if x.__class__ in _SCALARS:
                out[key] = x
            elif x.__class__ is list:
                out[key] = [y if y.__class__ in _SCALARS else plain_data(y) for y in x]
            else:
                out[key] = plain_data(x)
        return out

    return convert


def _compiled(plan: tuple[tuple[str, str, bool], ...]) -> Callable[[Any], dict[str, Any]]:
    """The generic converter's work for one type, one statement per field, compiled from the field names (identifiers)
    and their keys."""
    lines = ["def convert(v):", "  out = {}"]
    for name, key, omit in plan:
        lines.append(f"  x = v.{name}")
        if omit:
            lines.append("  if x is None: pass")
        lines.append(f"  {'elif' if omit else 'if'} x.__class__ in _SCALARS: out[{key!r}] = x")
        lines.append(f"  elif x.__class__ is list: out[{key!r}] = [y if y.__class__ in _SCALARS else _plain(y) for y in x]")
        lines.append(f"  else: out[{key!r}] = _plain(x)")
    lines.append("  return out")
    env: dict[str, Any] = {"_SCALARS": _SCALARS, "_plain": plain_data}
    exec("\n".join(lines), env)  # noqa: S102 - our own text: field names are identifiers, keys are quoted by repr
    convert: Callable[[Any], dict[str, Any]] = env["convert"]
    return convert


def _not_a_record(value: Any) -> dict[str, Any]:
    raise TypeError(f"not a dataclass: {type(value).__name__}")


_NOT_A_RECORD = _not_a_record
_CONVERTERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


_SCALARS = frozenset({str, int, bool, type(None)})  # a field's values written as they are


def _plan(kind: type) -> tuple[tuple[str, str, bool], ...] | None:
    """(field name, key, left out when None) of each field of a dataclass type, once per type; None for other types."""
    return tuple((f.name, alias(f.name), "omit" in f.metadata) for f in fields(kind)) if is_dataclass(kind) else None
