"""The semantics of one literal (a test, an overlap, a count, a record's field test) in the reference evaluator.

Shared with durable (measured): any comparison on a missing field is false, ``not_equals`` included.
"""

from __future__ import annotations

from typing import Any

from engine.conditions import Count, FieldTest, NoMatch, Overlap, Ref, Test
from engine.operators import BY_OP
from engine.pack.profiles import INCOMPLETE

MEMO = 4096  # remembered values per fact and bit patterns per group (the evaluators' memories); past it a memory starts again

HOLDS = {op: o.holds for op, o in BY_OP.items()}


def overlap(items: list[Any], values: tuple[Any, ...]) -> int:
    """How many of ``values`` the list holds.

    >>> overlap(["health", "education"], ("health", "security", "education"))
    2
    """
    present = set(items)
    return sum(1 for v in values if v in present)


def compare(op: str, actual: Any, expected: Any) -> bool:
    """Whether ``actual`` passes the operator ``op`` with operand ``expected`` (engine/operators.py)."""
    return HOLDS[op](actual, expected)


def field_ok(record: dict[str, Any], t: FieldTest, bindings: dict[str, dict[str, Any]]) -> bool:
    if t.field not in record:
        return False
    actual = record[t.field]
    if t.op == "overlap":
        return overlap(actual, t.value) >= t.n
    if t.op == "contains":
        for ref in t.value:
            other = bindings[ref.alias]
            if ref.field not in other or other[ref.field] not in actual:
                return False
        return True
    expected = t.value
    if isinstance(expected, Ref):
        other = bindings[expected.alias]
        if expected.field not in other:
            return False
        expected = other[expected.field]
    return compare(t.op, actual, expected)


def count_records(records: list[dict[str, Any]], where: tuple[FieldTest, ...]) -> int:
    return sum(1 for r in records if all(field_ok(r, t, {}) for t in where))


def literal_value(lit: Test | NoMatch | Overlap | Count, facts: dict[str, Any]) -> bool | None:
    """The literal on the items as stated (None when the fact is not stated)."""
    name = lit.records if isinstance(lit, Count) else lit.fact
    if name not in facts:
        return None
    if isinstance(lit, NoMatch):
        return not compare("match", facts[lit.fact], lit.pattern)
    if isinstance(lit, Test):
        return compare(lit.op, facts[lit.fact], lit.value)
    n = overlap(facts[lit.fact], lit.values) if isinstance(lit, Overlap) else count_records(facts[lit.records], lit.where)
    return n >= lit.n if lit.op == "gte" else n < lit.n


def _grows(lit: Test | NoMatch | Overlap | Count, facts: dict[str, Any], op: str) -> bool:
    return isinstance(lit, (Overlap, Count)) and (lit.op == "gte") == (op == "gte") and (lit.fact if isinstance(lit, Overlap) else lit.records) in facts.get(INCOMPLETE, ())


def literal_holds(lit: Test | NoMatch | Overlap | Count, facts: dict[str, Any]) -> bool:
    # "fewer than n" of a list that may name only some of its items is not known to hold
    return not _grows(lit, facts, "lt") and literal_value(lit, facts) is True


def literal_may(lit: Test | NoMatch | Overlap | Count, facts: dict[str, Any]) -> bool:
    """Whether the literal holds in some completion: unstated, or "at least n" of an open list, it may."""
    return _grows(lit, facts, "gte") or literal_value(lit, facts) is not False
