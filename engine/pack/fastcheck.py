"""A fact's usual values accepted at once: one small function per fact of a pack, made once, that returns the value as
:func:`engine.pack.vocabulary.check_value` would (its clean copy) when the value is plainly right, and :data:`SLOW`
for anything else: a wrong value, and the right ones it converts (a number given as text). The full check then runs and
says what is wrong, in the profile's words. A batch reads most of its profiles' facts this way (tested: both give the
same, and the same errors).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from engine.pack.model import FactDef, FactType

SLOW: Any = object()
"""What a quick check returns when only the full check can say: the value is wrong, or right only once converted."""

Check = Callable[[Any], Any]


def _bool(value: Any) -> Any:
    return value if value is True or value is False else SLOW


def _text(value: Any) -> Any:
    return value if value.__class__ is str else SLOW


def _number(low: float | None, high: float | None) -> Check:
    def number(value: Any) -> Any:
        if (value.__class__ is int or value.__class__ is float) and (low is None or value >= low) and (high is None or value <= high):
            return value
        return SLOW

    return number


def _enum(values: Collection[str] | None) -> Check:
    allowed = frozenset(values or ())

    def enum(value: Any) -> Any:
        return value if value.__class__ is str and value in allowed else SLOW

    return enum


def _list(values: Collection[str] | None, items: str | None) -> Check:
    allowed = None if items == "text" else frozenset(values or ())

    def listed(value: Any) -> Any:
        if value.__class__ is not list:
            return SLOW
        for v in value:
            if v.__class__ is not str or (allowed is not None and v not in allowed):
                return SLOW
        return list(value) if len(set(value)) == len(value) else SLOW  # a value listed twice: the full check names it

    return listed


def value_check(ftype: str, values: Collection[str] | None, items: str | None, low: float | None = None, high: float | None = None) -> Check:
    """The quick check of a value of type ``ftype`` (one of check_value's)."""
    if ftype == "bool":
        return _bool
    if ftype == "number":
        return _number(low, high)
    if ftype == "text":
        return _text
    if ftype == "enum":
        return _enum(values)
    if ftype == "list":
        return _list(values, items)
    return lambda _value: SLOW


def fact_check(fdef: FactDef) -> Check:
    """The quick check of ``fdef``'s values (its kinds are checked before: :func:`engine.pack.profiles.validate_profile`)."""
    if fdef.type != FactType.records:
        return value_check(fdef.type.value, fdef.values, fdef.items, fdef.minimum, fdef.maximum)
    fields = {f.id: value_check(f.type, f.values, f.items) for f in fdef.fields or []}
    required = [f.id for f in fdef.fields or [] if f.required]

    def records(value: Any) -> Any:
        if value.__class__ is not list:
            return SLOW
        out = []
        for rec in value:
            if rec.__class__ is not dict:
                return SLOW
            clean = {}
            for key, v in rec.items():
                check = fields.get(key)
                if check is None:
                    return SLOW
                if v is not None:
                    v = check(v)
                    if v is SLOW:
                        return SLOW
                    clean[key] = v
            for key in required:
                if key not in clean:
                    return SLOW
            out.append(clean)
        return out

    return records
