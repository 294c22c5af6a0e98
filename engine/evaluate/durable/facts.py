"""Profile facts -> the flat, typed facts durable_rules matches (one batch per profile).

A :class:`FactBuilder` is made once per compiled pack: it knows which anchor property holds each
fact and how to compute every measure, so building a profile's batch is a few dictionary writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.conditions import Count, FieldTest, NoMatch, Overlap, Ref
from engine.evaluate.durable.compiler import ANCHOR, Plan
from engine.evaluate.semantics import compare, field_ok
from engine.operators import BY_OP
from engine.pack.profiles import INCOMPLETE

Measure = Callable[[Any], int]


def _overlap(values: tuple[Any, ...]) -> Measure:
    wanted = frozenset(values)
    if len(wanted) == len(values):
        return lambda items: len(wanted.intersection(items))
    return lambda items: sum(1 for v in values if v in set(items))


def _counter(where: tuple[FieldTest, ...]) -> Measure:
    if not where:
        return len
    members = [BY_OP[t.op].members if t.op in BY_OP else None for t in where]
    if all(m is not None for m in members) and not any(hasattr(t.value, "alias") for t in where):
        tests = [(t.field, m(t.value)) for t, m in zip(where, members) if m is not None]
        if len(tests) == 1:
            ((f, allowed),) = tests
            return lambda records: sum(1 for r in records if f in r and r[f] in allowed)
        return lambda records: sum(1 for r in records if all(f in r and r[f] in allowed for f, allowed in tests))
    if len(where) == 1 and where[0].op == "overlap" and len(set(where[0].value)) == len(where[0].value):
        f, wanted, n = where[0].field, frozenset(where[0].value), where[0].n
        return lambda records: sum(1 for r in records if f in r and len(wanted.intersection(r[f])) >= n)
    return lambda records: sum(1 for r in records if all(field_ok(r, t, {}) for t in where))


def _unmatched(pattern: str) -> Measure:
    return lambda value: 0 if compare("match", value, pattern) else 1


class FactBuilder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.scalars = {f: plan.fields[f] for f in sorted(plan.tested)}
        read = {t for rp in [rp for group in plan.strata for rp in group] + plan.final for t in rp.order}
        self.records = [name for name in plan.pack.record_fields if name in read]  # the types some ruleset matches
        self.keep = frozenset(plan.record_props)  # a record fact carries only the fields some pattern reads
        self.anchor_measures: list[tuple[str, str, Measure]] = []
        for lit, prop in plan.anchor_measures.items():
            if isinstance(lit, Overlap):
                self.anchor_measures.append((prop, lit.fact, _overlap(lit.values)))
            elif isinstance(lit, Count):
                self.anchor_measures.append((prop, lit.records, _counter(lit.where)))
            elif isinstance(lit, NoMatch):  # durable's $nmt never fires (measured): 1 when the text does not match
                self.anchor_measures.append((prop, lit.fact, _unmatched(lit.pattern)))
        logic = plan.logic
        assert logic is not None
        # per "stated and complete" flag: the base facts that must be stated, and the list or derived type that
        # must have no record not named (under INCOMPLETE: the reference evaluator says which derived types may)
        self.known = [(prop, tuple(sorted(logic.needs.get(name, (name,)))), name) for name, prop in plan.known.items()]
        self.record_measures: dict[str, list[tuple[str, str, Measure]]] = {}
        for (rtype, fname, values), prop in plan.record_measures.items():
            self.record_measures.setdefault(rtype, []).append((prop, fname, _overlap(values)))
        self.items = sorted(plan.item_types)
        gated = set(plan.gates.values()) | set(plan.stated_gates.values())
        # per group of rule keys: its "open" flag and its "stated, some list open" flag if a negation is gated
        # on them, its base facts, its keys
        # (a kind's plan: only the groups, and keys, of its rules; the trace holds no other key)
        self.groups = [(f"_o{g}" if f"_o{g}" in gated else None, f"_s{g}" if f"_s{g}" in gated else None, frozenset(needs),
                        keys if plan.keys is None else keys & plan.keys)
                       for g, (needs, keys) in enumerate(logic.groups) if plan.keys is None or not plan.keys.isdisjoint(keys)]
        self.reads = frozenset(f for _, _, needs, _ in self.groups for f in needs) | {f for _, needs, _ in self.known for f in needs}
        # a bit per base fact: a profile's unstated (or open) facts become one integer, tested against each group's
        self.bits = {f: 1 << i for i, f in enumerate(sorted(self.reads))}
        self.group_masks = [(self._mask(needs), gate, stated, keys) for gate, stated, needs, keys in self.groups]
        self.known_masks = [(prop, self._mask(known), name) for prop, known, name in self.known]
        # list overlaps, the commonest measure, computed inline: (property, fact, the values counted)
        self.overlaps = [(prop, lit.fact, frozenset(lit.values)) for lit, prop in plan.anchor_measures.items()
                         if isinstance(lit, Overlap) and len(set(lit.values)) == len(lit.values)]
        inline = {prop for prop, _, _ in self.overlaps}
        # counts of the records with one field among some values (the commonest count), by list: one pass counts them all
        counts: dict[str, list[tuple[str, str, tuple[Any, ...]]]] = {}
        for lit, prop in plan.anchor_measures.items():
            if isinstance(lit, Count) and len(lit.where) == 1 and not isinstance(lit.where[0].value, Ref):
                members = BY_OP[lit.where[0].op].members if lit.where[0].op in BY_OP else None
                if members is not None:
                    counts.setdefault(lit.records, []).append((prop, lit.where[0].field, members(lit.where[0].value)))
                    inline.add(prop)
        self.counts = sorted((name, tuple(tests)) for name, tests in counts.items())
        self.anchor_measures = [m for m in self.anchor_measures if m[0] not in inline]
        # per profile fact: its anchor property if a rule tests it, and the overlaps counted on it
        self.per_fact: dict[str, tuple[str | None, list[tuple[str, frozenset[Any]]]]] = {}
        for name in sorted(set(self.scalars) | {f for _, f, _ in self.overlaps}):
            self.per_fact[name] = (self.scalars.get(name), [(prop, wanted) for prop, f, wanted in self.overlaps if f == name])

    def _mask(self, names: Any) -> int:
        return sum(self.bits[f] for f in set(names))

    def record(self, rtype: str, record: dict[str, Any], key: int, sid: str) -> dict[str, Any]:
        keep = self.keep
        fact = {k: v for k, v in record.items() if k in keep}
        fact.update(t=rtype, _k=key, sid=sid)
        for prop, fname, measure in self.record_measures.get(rtype, ()):
            if fname in record:
                fact[prop] = measure(record[fname])
        return fact

    def build(self, facts: dict[str, Any], sid: str) -> tuple[dict[str, list[dict[str, Any]]], frozenset[str]]:
        """Facts by type (the anchor, one per record, one per list item and slot a join needs), and the closed keys."""
        anchor: dict[str, Any] = {"t": ANCHOR, "sid": sid}
        per_fact = self.per_fact
        for name, value in facts.items():  # a profile states fewer facts than the pack tests
            hit = per_fact.get(name)
            if hit is None:
                continue
            prop, overlaps = hit
            if prop is not None:
                anchor[prop] = value
            for oprop, wanted in overlaps:
                anchor[oprop] = len(wanted.intersection(value))
        for name, tests in self.counts:  # as _counter's, one pass per list
            records = facts.get(name)
            if records is None:
                continue
            for prop, _, _ in tests:
                anchor[prop] = 0
            for r in records:
                for prop, f, allowed in tests:
                    if f in r and r[f] in allowed:
                        anchor[prop] += 1
        for prop, name, measure in self.anchor_measures:
            if name in facts:
                anchor[prop] = measure(facts[name])
        bits = self.bits
        unstated = 0
        for f in self.reads.difference(facts):
            unstated |= bits[f]
        # a list that may name only some of its items: open, and not "complete"
        grows = facts.get(INCOMPLETE, frozenset())
        partial = 0
        for f in self.reads.intersection(grows):
            partial |= bits[f]
        for prop, known, name in self.known_masks:
            if not unstated & known and name not in grows:
                anchor[prop] = 1
        closed_keys: list[frozenset[str]] = []
        for needs, gate, stated, keys in self.group_masks:
            if unstated & needs:  # some base fact unstated
                if gate is not None:
                    anchor[gate] = 1
            elif not partial & needs:
                closed_keys.append(keys)
            else:  # every base fact stated, some list open: every alternative of the negation may hold
                if gate is not None:
                    anchor[gate] = 1
                if stated is not None:
                    anchor[stated] = 1
        closed = frozenset().union(*closed_keys)
        out: dict[str, list[dict[str, Any]]] = {ANCHOR: [anchor]}
        for rtype in self.records:
            records = facts.get(rtype)
            if records:
                out[rtype] = [self.record(rtype, rec, k, sid) for k, rec in enumerate(records)]
        for rtype, fname, slot in self.items:
            itype = f"{rtype}.{fname}#{slot}"
            items = out.setdefault(itype, [])
            n = 0
            for k, rec in enumerate(facts.get(rtype) or ()):
                for value in rec.get(fname, ()):
                    items.append({"t": itype, "o": k, "v": value, "_k": n, "sid": sid})
                    n += 1
        return out, closed
