"""Joins of record lists by index: the records that can match a test with a reference, found by lookup.

A condition such as "an active agreement whose partners contain the corridor's origin and destination",
evaluated for every corridor, scanned every agreement for every corridor: 3,000 of each took a minute.
:func:`candidates` narrows a record list by the first equality (``eq`` with a reference) or ``contains``
test of a match, through an index built once per list and field; the remaining tests are still checked
record by record, so the result is the same as the scan's, in the same order.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from engine.conditions import FieldTest, Match, Ref

Records = list[tuple[int, dict[str, Any]]]
_CACHE: dict[tuple[int, str, str], tuple[Records, dict[Any, Records]]] = {}
_SMALL = 16  # shorter lists are scanned: an index would cost more than it saves


def candidates(lit: Match, records: Records, bindings: dict[str, dict[str, Any]]) -> Records:
    """The records of ``records`` that can pass ``lit``'s tests with ``bindings`` (a superset; order kept)."""
    if len(records) < _SMALL:
        return records
    for t in lit.where:
        if t.op == "eq" and isinstance(t.value, Ref):
            other = bindings.get(t.value.alias, {})
            if t.value.field not in other:
                return []
            value = other[t.value.field]
            if not isinstance(value, Hashable):
                continue
            return _index(records, t, "eq").get(value, [])
        if t.op == "contains" and isinstance(t.value, Sequence) and t.value and all(isinstance(r, Ref) for r in t.value):
            index = _index(records, t, "contains")
            lists = []
            for ref in t.value:
                other = bindings.get(ref.alias, {})
                if ref.field not in other or not isinstance(other[ref.field], Hashable):
                    return [] if ref.field not in other else records
                lists.append(index.get(other[ref.field], []))
            return min(lists, key=len)
    return records


def _index(records: Records, t: FieldTest, kind: str) -> dict[Any, Records]:
    key = (id(records), t.field, kind)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is records:
        return hit[1]
    if len(_CACHE) > 64:
        _CACHE.clear()  # one evaluation's lists; never a growing store across profiles
    index: dict[Any, Records] = {}
    for item in records:
        value = item[1].get(t.field)
        if kind == "eq":
            if isinstance(value, Hashable) and t.field in item[1]:
                index.setdefault(value, []).append(item)
        elif isinstance(value, list):
            for v in dict.fromkeys(x for x in value if isinstance(x, Hashable)):
                index.setdefault(v, []).append(item)
    _CACHE[key] = (records, index)
    return index
