"""The reference evaluator: plain Python over the same normal-form conditions as durable_rules.

It is ``--engine python`` and the tests' oracle: the differential test checks both engines give the
same findings on thousands of generated profiles. Semantics shared with durable (measured): any
comparison on a missing field is false, ``not_equals`` included.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from engine.conditions import Conjunction, Count, FieldTest, Match, Overlap, Ref, Test
from engine.operators import BY_OP

if TYPE_CHECKING:
    from engine.pack.compiled import Pack

Records = list[tuple[int, dict[str, Any]]]  # (key, record) pairs
Fired = dict[str, frozenset[int]]  # rule key ("ID" or "ID@" for applicability) -> alternatives that hold
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


def literal_holds(lit: Test | Overlap | Count, facts: dict[str, Any]) -> bool:
    if isinstance(lit, Test):
        return lit.fact in facts and compare(lit.op, facts[lit.fact], lit.value)
    if isinstance(lit, Overlap):
        if lit.fact not in facts:
            return False
        n = overlap(facts[lit.fact], lit.values)
    else:
        if lit.records not in facts:
            return False
        n = count_records(facts[lit.records], lit.where)
    return n >= lit.n if lit.op == "gte" else n < lit.n


def conjunction_holds(conj: Conjunction, facts: dict[str, Any], records: dict[str, Records], bindings: dict[str, dict[str, Any]]) -> bool:
    scalars = [lit for lit in conj if not isinstance(lit, Match)]
    if not all(literal_holds(lit, facts) for lit in scalars):
        return False
    positives = [lit for lit in conj if isinstance(lit, Match) and not lit.negated]
    negatives = [lit for lit in conj if isinstance(lit, Match) and lit.negated]
    for full in _bind(positives, records, dict(bindings)):
        if not any(_matches(lit, rec, full) for lit in negatives for _, rec in records.get(lit.records, [])):
            return True
    return False


def _matches(lit: Match, record: dict[str, Any], bindings: dict[str, dict[str, Any]]) -> bool:
    return all(field_ok(record, t, bindings) for t in lit.where)


def _bind(lits: list[Match], records: dict[str, Records], bindings: dict[str, dict[str, Any]]) -> Iterator[dict[str, dict[str, Any]]]:
    if not lits:
        yield bindings
        return
    first, rest = lits[0], lits[1:]
    for _, rec in records.get(first.records, []):
        if _matches(first, rec, bindings):
            bindings[first.alias] = rec
            yield from _bind(rest, records, bindings)
            del bindings[first.alias]


def derive(pack: Pack, facts: dict[str, Any]) -> dict[str, Records]:
    """Base record lists plus every derived record list, stratum by stratum."""
    records: dict[str, Records] = {name: list(enumerate(facts[name])) for name in pack.record_fields if name in facts}
    for did, d in sorted(pack.derived.items(), key=lambda kv: kv[1].stratum):
        out: Records = []
        for key, rec in records.get(d.derived.from_, []):
            here = {d.derived.as_: rec}
            if all(field_ok(rec, t, here) for t in d.where) and any(conjunction_holds(c, facts, records, here) for c in d.dnf):
                out.append((key, rec))
        records[did] = out
    return records


def evaluate(pack: Pack, facts: dict[str, Any], keys: set[str] | None = None) -> Fired:
    """Which alternatives of every rule's condition (and applicability) hold for these facts."""
    records = derive(pack, facts)
    fired: Fired = {}
    for cr in pack.rules:
        for key, dnf in ((cr.rule.id, cr.dnf), (cr.rule.id + "@", cr.applies)):
            if dnf is None or (keys is not None and key not in keys):
                continue
            hits = frozenset(i for i, conj in enumerate(dnf) if conjunction_holds(conj, facts, records, {}))
            if hits:
                fired[key] = hits
    return fired
