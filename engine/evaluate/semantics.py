"""The reference evaluator: plain Python over the same normal-form conditions as durable_rules.

It is ``--engine python`` and the tests' oracle: the differential test checks both engines give the
same findings on thousands of generated profiles. Semantics shared with durable (measured): any
comparison on a missing field is false, ``not_equals`` included.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from engine.conditions import Conjunction, FieldTest, Match, Ref, Test
from engine.evaluate.index import candidates
from engine.evaluate.literals import HOLDS, compare, count_records, field_ok, literal_holds, literal_may, literal_value, overlap
from engine.evaluate.logic import MAYBE, NEG, bound_aliases, logic_of
from engine.evaluate.trace import Fired, Trace
from engine.pack.profiles import INCOMPLETE

if TYPE_CHECKING:
    from engine.pack.compiled import Pack

Records = list[tuple[int, dict[str, Any]]]  # (key, record) pairs
__all__ = ["HOLDS", "Fired", "Records", "Trace", "compare", "count_records", "derive", "derive_open", "evaluate", "field_ok", "literal_holds",
           "literal_may", "literal_value", "overlap", "possible"]


def conjunction_holds(conj: Conjunction, facts: dict[str, Any], records: dict[str, Records], bindings: dict[str, dict[str, Any]]) -> bool:
    return first_binding(conj, facts, records, bindings) is not None


def first_binding(conj: Conjunction, facts: dict[str, Any], records: dict[str, Records],
                  bindings: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]] | None:
    """The first way the alternative holds (alias -> record), or None; no record list unknown is "none"."""
    return _first(_compiled(conj), facts, records, bindings)


Split = tuple[list[Any], list[Match], list[Match]]
Checks = tuple[tuple[str, Any, Any], ...]  # a conjunction's plain tests, each (fact, the operator's semantics, operand)
Compiled = tuple[Checks, list[Any], list[Match], list[Match]]  # its tests, other literals, positive and negated record matches


def _compiled(conj: Conjunction) -> Compiled:
    """The alternative taken apart for :func:`_first`: its plain tests (a value compared with an operand) as tuples
    checked inline, the other literals (overlaps, counts, non-matches), and its record matches."""
    checks = tuple((lit.fact, HOLDS[lit.op], lit.value) for lit in conj if lit.__class__ is Test)
    scalars, positives, negatives = _split(conj)
    return checks, [lit for lit in scalars if lit.__class__ is not Test], positives, negatives


def _split(conj: Conjunction) -> Split:
    return ([lit for lit in conj if not isinstance(lit, Match)], [lit for lit in conj if isinstance(lit, Match) and not lit.negated],
            [lit for lit in conj if isinstance(lit, Match) and lit.negated])


def possible(records: dict[str, Records], name: str) -> Records:
    """The records that may be of ``name``: a base list's own, a derived type's known and possible ones."""
    return records.get(name + MAYBE, records.get(name, []))


def _first(split: Compiled, facts: dict[str, Any], records: dict[str, Records], bindings: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]] | None:
    checks, scalars, positives, negatives = split
    for fact, holds, operand in checks:  # literal_holds of a plain test, inline: stated, and the operator holds
        if fact not in facts or holds(facts[fact], operand) is not True:
            return None
    for lit in scalars:
        if not literal_holds(lit, facts):
            return None
    for lit in negatives:
        if lit.records not in records or lit.records in facts.get(INCOMPLETE, ()):
            return None  # "none" of a list not stated, or that may have records not named, is not known
    for full in _bind(positives, records, dict(bindings)):
        # no record that may be of the type matches (a derived type's records not known not to be of it included)
        if not any(_matches(lit, rec, full) for lit in negatives for _, rec in candidates(lit, possible(records, lit.records), full)):
            return dict(full)
    return None


WILD: dict[str, Any] = {}  # a record an open list may hold besides those it names: any test on it may hold


def _may(conj: Conjunction, facts: dict[str, Any], records: dict[str, Records], bindings: dict[str, dict[str, Any]]) -> bool:
    """Whether the alternative may hold in some completion of the open lists and unstated facts (when it
    says no, none makes it hold; a test on a record not named is taken to hold, so yes may be too generous)."""
    scalars, positives, negatives = _split(conj)
    if not all(literal_may(lit, facts) for lit in scalars):
        return False
    for full in _bind(positives, records, dict(bindings), facts):
        # "none" may hold unless a record known to be of the type matches (a test on a record not named may fail)
        if not any(lit.records in records and not any(_wild(t, full) for t in lit.where) and _matches(lit, rec, full)
                   for lit in negatives for _, rec in records.get(lit.records, [])):
            return True
    return False


def _wild(t: FieldTest, bindings: dict[str, dict[str, Any]]) -> bool:
    return any(bindings.get(r.alias) is WILD for r in (t.value if t.op == "contains" else (t.value,)) if isinstance(r, Ref))


def _matches_may(lit: Match, record: dict[str, Any], bindings: dict[str, dict[str, Any]]) -> bool:
    """A test against a record not named may hold if the field it compares is there (and, a list, not empty)."""
    return all(field_ok(record, t, bindings) if not _wild(t, bindings) else t.field in record and (t.op != "contains" or bool(record[t.field]))
               for t in lit.where)


def _matches(lit: Match, record: dict[str, Any], bindings: dict[str, dict[str, Any]]) -> bool:
    return all(field_ok(record, t, bindings) for t in lit.where)


def _bind(lits: list[Match], records: dict[str, Records], bindings: dict[str, dict[str, Any]],
          may: dict[str, Any] | None = None) -> Iterator[dict[str, dict[str, Any]]]:
    """Each way the positive records match: records known to be of their type; with ``may`` (the facts),
    those that may be, and a record not named where the list may have one (or is not stated)."""
    if not lits:
        yield bindings
        return
    first, rest = lits[0], lits[1:]
    pool = records.get(first.records, []) if may is None else possible(records, first.records)
    wild = may is not None and any(_wild(t, bindings) for t in first.where)
    for _, rec in (pool if wild else candidates(first, pool, bindings)):  # by index where a reference allows
        if (_matches if may is None else _matches_may)(first, rec, bindings):
            bindings[first.alias] = rec
            yield from _bind(rest, records, bindings, may)
    if may is not None and (first.records not in records or first.records in may.get(INCOMPLETE, ())):
        bindings[first.alias] = WILD
        yield from _bind(rest, records, bindings, may)
    bindings.pop(first.alias, None)


def opened(pack: Pack, facts: dict[str, Any]) -> dict[str, Any]:
    """The facts with, under INCOMPLETE, also the derived types whose records come from a list naming only
    some of its items (evidence says "at least" of them; :func:`derive_open` says which may really have more)."""
    inc = facts.get(INCOMPLETE)
    if not inc:
        return facts
    logic = logic_of(pack)
    return {**facts, INCOMPLETE: frozenset(inc).union(d for d in logic.derived if logic.root(d) in inc)}


def derive(pack: Pack, facts: dict[str, Any]) -> dict[str, Records]:
    return derive_open(pack, facts)[1]  # base record lists plus every known derived record list


def derive_open(pack: Pack, facts: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Records]]:
    """The facts with, under INCOMPLETE, also the derived types that may have records not named (their source
    may, and such a record may belong to them), and the record lists, stratum by stratum: under a derived
    type's id the records known to be of it, under id + MAYBE those not known not to be (the same list where
    no open list is read)."""
    logic = logic_of(pack)
    base = facts.get(INCOMPLETE) or frozenset()
    inc: set[str] = set(base)
    facts = {**facts, INCOMPLETE: inc} if base else facts
    records: dict[str, Records] = {name: list(enumerate(facts[name])) for name in pack.record_fields if name in facts}
    for did, d in sorted(logic.derived.items(), key=lambda kv: kv[1].stratum):
        if not logic.known(did, facts):
            continue  # a base fact it reads is not stated: its records are unknown, not none
        exact = logic.needs[did].isdisjoint(base)  # no open list read: two-valued, possible is known
        sure: Records = []
        maybe: Records = []
        known = {k for k, _ in records.get(d.derived.from_, [])}
        for key, rec in possible(records, d.derived.from_):
            here = {d.derived.as_: rec}
            if not all(field_ok(rec, t, here) for t in d.where):
                continue
            if key in known and any(conjunction_holds(c, facts, records, here) for c in d.dnf):
                sure.append((key, rec))
            if sure and sure[-1][1] is rec or not exact and any(_may(c, facts, records, here) for c in d.dnf):
                maybe.append((key, rec))
        records[did] = sure
        records[did + MAYBE] = sure if exact else maybe
        if d.derived.from_ in inc and any(_may(c, facts, records, {d.derived.as_: WILD}) for c in d.dnf):
            inc.add(did)  # a record its source does not name may be of it
    return ({**facts, INCOMPLETE: frozenset(inc)} if base else facts), records


Alternative = tuple[int, Compiled, frozenset[str], Conjunction, Checks | None]  # index, parts, aliases to report, the literals,
# and its tests when it has nothing else (checked in the loop of _hits)
Polarities = tuple[list[Alternative], list[Alternative], list[Alternative]]  # condition, negation, its open part
_PLANS: dict[int, tuple[Pack, list[tuple[str, Polarities]]]] = {}


def _plan(pack: Pack) -> list[tuple[str, Polarities]]:
    """Per rule key, both polarities with their alternatives taken apart once (evaluated per profile).

    Of the negation also the alternatives that can hold on an open key alone (the others are false
    there, and a closed key's negation is not evaluated).
    """
    hit = _PLANS.get(id(pack))
    if hit is None or hit[0] is not pack:
        logic = logic_of(pack)

        def alts(dnf: list[Conjunction], which: Any) -> list[Alternative]:
            out: list[Alternative] = []
            for i in which:
                parts = _compiled(dnf[i])
                only = parts[0] if not any(parts[1:]) else None
                out.append((i, parts, frozenset(bound_aliases(logic, dnf[i])), dnf[i], only))
            return out

        plan = [(key, (alts(p.pos, range(len(p.pos))), alts(p.neg, range(len(p.neg))), alts(p.neg, p.open_neg)))
                for key, p in logic.rules.items()]
        hit = _PLANS[id(pack)] = (pack, plan)
    return hit[1]


def evaluate(pack: Pack, facts: dict[str, Any], keys: set[str] | None = None, gate: bool = True) -> Trace:
    """Which alternatives of every rule's condition, its negation and its applicability hold, and how.

    With ``gate`` (the default, as durable does) the negation of a closed key is not evaluated; without
    it every alternative of both polarities is (the tests check the two-valued claim that way) and no
    key is reported closed.
    """
    logic = logic_of(pack)
    facts, records = derive_open(pack, facts)
    closed = logic.closed(facts) if gate else frozenset()
    # every base fact stated, some lists perhaps only in part: every alternative of the negation may hold
    stated = logic.closed(facts, complete=False) if gate and facts.get(INCOMPLETE) else closed
    fired: Fired = {}
    bindings: dict[str, dict[str, int]] = {}
    for key, (pos, neg, open_neg) in _plan(pack):
        if keys is not None and key not in keys:
            continue
        if _hits(key, pos, facts, records, fired, bindings) or key in closed:
            continue  # met; or every fact stated, where the negation holds exactly when the condition does not
        _hits(key + NEG, open_neg if gate and key not in stated else neg, facts, records, fired, bindings)
    derived = {did: tuple(k for k, _ in records[did]) for did in logic.derived if did in records}
    return Trace(fired, bindings, derived, closed)


def _hits(k: str, alternatives: list[Alternative], facts: dict[str, Any], records: dict[str, Records], fired: Fired,
          bindings: dict[str, dict[str, int]]) -> bool:
    hits: list[int] = []
    for i, split, keep, conj, only in alternatives:
        if only is not None:  # plain tests only (most alternatives): no binding to find
            for fact, holds, operand in only:
                if fact not in facts or holds(facts[fact], operand) is not True:
                    break
            else:
                hits.append(i)
            continue
        bound = _first(split, facts, records, {})
        if bound is None:
            continue
        if not hits and keep:
            bindings[f"{k}|{i}"] = {a: _key_of(records, conj, a, rec) for a, rec in bound.items() if a in keep}
        hits.append(i)
    if hits:
        fired[k] = frozenset(hits)
    return bool(hits)


def _key_of(records: dict[str, Records], conj: Conjunction, alias: str, rec: dict[str, Any]) -> int:
    name = next(lit.records for lit in conj if isinstance(lit, Match) and lit.alias == alias)
    return next(k for k, r in records[name] if r is rec)
