"""Profile facts -> the flat, typed facts durable_rules matches (one batch per profile).

A :class:`FactBuilder` is made once per compiled pack: it knows which anchor property holds each
fact and how to compute every measure, so building a profile's batch is a few dictionary writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from engine.conditions import Count, FieldTest, NoMatch, Overlap, Ref
from engine.evaluate.durable.plan import Plan
from engine.evaluate.literals import MEMO
from engine.evaluate.semantics import compare, field_ok
from engine.operators import BY_OP
from engine.pack.profiles import INCOMPLETE

Measure = Callable[[Any], int]
# a fact's JSON as durable_rules reads it (the same bytes json.dumps writes, without its spaces)
encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_SCALARS = frozenset({int, float, type(None)})  # the other values a property's text is remembered for (with their class)


def _overlap(values: tuple[Any, ...]) -> Measure:
    wanted = frozenset(values)
    if len(wanted) == len(values):
        return lambda items: len(wanted.intersection(items))
    return lambda items: sum(1 for v in values if v in set(items))


def _counter(where: tuple[FieldTest, ...]) -> Measure:
    """The records passing ``where`` counted one by one: a test with no finite set of values, or with a reference (the
    builder's one pass over a list counts the others)."""
    if len(where) == 1 and where[0].op == "overlap" and len(set(where[0].value)) == len(where[0].value):
        f, wanted, n = where[0].field, frozenset(where[0].value), where[0].n
        return lambda records: sum(1 for r in records if f in r and len(wanted.intersection(r[f])) >= n)
    return lambda records: sum(1 for r in records if all(field_ok(r, t, {}) for t in where))


def _unmatched(pattern: str) -> Measure:
    return lambda value: 0 if compare("match", value, pattern) else 1


Targets = tuple[int, ...]  # the anchor facts (slots) a property is written on: those whose rules test it
Key = str  # a property as it starts in an anchor fact's JSON text: ',"f12":' (its value follows)


SPAN = 6  # base facts a chunk of flags and groups reads at most: at most 2**12 patterns of its bits to remember
# a flag or a group of rule keys: the bit of the list it is "complete" of (flags), the writes (slot, its text) when it is set (a flag;
# a group's "open" flag), the writes when every base fact is stated but some list is open (a group's "stated" flag),
# and a group's keys (None for a flag)
Item = tuple[int, tuple[tuple[int, str], ...], tuple[tuple[int, str], ...], frozenset[str] | None]
Outcome = tuple[tuple[tuple[int, str], ...], frozenset[str]]  # the flags to set (slot, its text), the closed keys


def _outcome(chunk: list[tuple[int, Item]], unstated: int, partial: int) -> Outcome:
    writes: list[tuple[int, str]] = []
    closed: set[str] = set()
    for needs, (listbit, when, stated, keys) in chunk:
        if keys is None:  # "stated and complete": every base fact stated, and the list itself not open
            if not unstated & needs and not partial & listbit:
                writes += when
        elif unstated & needs:  # some base fact unstated: open
            writes += when
        elif not partial & needs:
            closed |= keys
        else:  # every base fact stated, some list open: every alternative of the negation may hold
            writes += when + stated
    # one text per slot, its pieces in order (the anchor's text is its pieces joined)
    texts: dict[int, list[str]] = {}
    for i, text in writes:
        texts.setdefault(i, []).append(text)
    return tuple((i, "".join(pieces)) for i, pieces in texts.items()), frozenset(closed)


_ABSENT = object()  # a record field not stated (no test passes on it)
PerFact = tuple[Key, int, Targets, str, str, dict[Any, str], tuple[tuple[tuple[str, ...], frozenset[Any], Targets], ...]]


def _passes(tests: tuple[tuple[Key, tuple[tuple[str, Any], ...], Targets], ...], record: dict[str, Any]) -> tuple[int, ...]:
    """The tests (their positions) that ``record`` passes: each field stated and among its values."""
    return tuple(j for j, (_, passes, _) in enumerate(tests) if all(f in record and record[f] in allowed for f, allowed in passes))


def _remember(texts: dict[Any, str], value: Any, text: str) -> str:
    """``text`` remembered for ``value`` (the memory starts again past MEMO values)."""
    if len(texts) >= MEMO:
        texts.clear()
    texts[value] = text
    return text


def _key(prop: str) -> Key:
    return f',"{prop}":'  # the compiler's property names (f12, _a3, _n0...) need no escaping


def _set(flag: str, slots: Targets) -> tuple[tuple[int, str], ...]:
    """A flag's text on each of its slots: set (1)."""
    return tuple((i, _key(flag) + "1") for i in slots)


class FactBuilder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        # the anchor facts: per final ruleset, one per anchor type (ANCHOR, ANCHOR + "1", ...), each with only the
        # properties its rules test (one fact reaches at most FANOUT patterns; a smaller fact is asserted, and every
        # firing's message written, sooner)
        self.slots: list[tuple[int, str]] = []  # (final ruleset, anchor type)
        where: dict[str, list[int]] = {}
        for r, rp in enumerate(plan.final):
            for t, reads in rp.shards:
                for k in reads:
                    where.setdefault(k, []).append(len(self.slots))
                self.slots.append((r, t))
        self.types = tuple(t for _, t in self.slots)

        def to(prop: str | None) -> Targets:
            return tuple(where.get(prop, ())) if prop is not None else ()

        read = {t for rp in [rp for group in plan.strata for rp in group] + plan.final for t in rp.order}
        self.records = [name for name in plan.pack.record_fields if name in read]  # the types some ruleset matches
        self.keep = frozenset(plan.record_props)  # a record fact carries only the fields some pattern reads
        logic = plan.logic
        assert logic is not None
        self.record_measures: dict[str, list[tuple[str, str, Measure]]] = {}
        for (rtype, fname, values), prop in plan.record_measures.items():
            self.record_measures.setdefault(rtype, []).append((prop, fname, _overlap(values)))
        self.items = sorted(plan.item_types)
        # per profile fact: the anchor facts of its property if a rule tests it, and the list overlaps counted on it
        overlaps = {lit: prop for lit, prop in plan.anchor_measures.items()
                    if isinstance(lit, Overlap) and len(set(lit.values)) == len(lit.values) and to(prop)}
        # (the property's text, its one slot or -1, its slots, its texts when true, false and each other value it was written
        # with: facts repeat from one profile to the next; and each overlap's text per count, values and slots)
        self.per_fact: dict[str, PerFact] = {}
        for name in sorted({f for f in plan.tested if to(plan.fields[f])} | {lit.fact for lit in overlaps}):
            key = _key(plan.fields[name]) if name in plan.tested else ""
            slots = to(plan.fields[name]) if key else ()
            self.per_fact[name] = (key, slots[0] if len(slots) == 1 else -1, slots, key + "true", key + "false", {},
                                   tuple((tuple(_key(o) + str(k) for k in range(len(lit.values) + 1)), frozenset(lit.values), to(o))
                                         for lit, o in overlaps.items() if lit.fact == name))
        # counts of the records passing tests of fields among values (the commonest measures), by list: one pass each
        counts: dict[str, list[tuple[Key, tuple[tuple[str, Any], ...], Targets]]] = {}
        self.measures: list[tuple[Key, str, Measure, Targets]] = []  # the other measures, one function each
        for lit, prop in plan.anchor_measures.items():
            if not to(prop) or lit in overlaps:
                continue
            members = [BY_OP[t.op].members if t.op in BY_OP else None for t in lit.where] if isinstance(lit, Count) else [None]
            if isinstance(lit, Count) and not any(m is None or isinstance(t.value, Ref) for t, m in zip(lit.where, members)):
                counts.setdefault(lit.records, []).append((_key(prop), tuple((t.field, m(t.value)) for t, m in zip(lit.where, members) if m), to(prop)))
            elif isinstance(lit, Overlap):
                self.measures.append((_key(prop), lit.fact, _overlap(lit.values), to(prop)))
            elif isinstance(lit, Count):
                self.measures.append((_key(prop), lit.records, _counter(lit.where), to(prop)))
            elif isinstance(lit, NoMatch):  # durable's $nmt never fires (measured): 1 when the text does not match
                self.measures.append((_key(prop), lit.fact, _unmatched(lit.pattern), to(prop)))
        # per list: the record fields its tests read, the tests, and the tests each combination of those fields' values
        # passes (records repeat their values from one profile to the next)
        self.counts: list[tuple[str, tuple[str, ...], tuple[tuple[Key, tuple[tuple[str, Any], ...], Targets], ...], dict[tuple[Any, ...], tuple[int, ...]]]] = [
            (name, tuple(sorted({f for _, passes, _ in tests for f, _ in passes})), tuple(tests), {}) for name, tests in sorted(counts.items())]
        # per "stated and complete" flag: the base facts that must be stated, and the list or derived type that
        # must have no record not named (under INCOMPLETE: the reference evaluator says which derived types may)
        known = [(prop, tuple(sorted(logic.needs.get(name, (name,)))), name) for name, prop in plan.known.items() if to(prop)]
        gated = {flag for flag in set(plan.gates.values()) | set(plan.stated_gates.values()) if to(flag)}
        # per group of rule keys: its "open" flag and its "stated, some list open" flag if a negation is gated
        # on them, its base facts, its keys (a kind's plan: only the groups, and keys, of its rules)
        groups = [(f"_o{g}" if f"_o{g}" in gated else None, f"_s{g}" if f"_s{g}" in gated else None, frozenset(needs),
                   keys if plan.keys is None else keys & plan.keys)
                  for g, (needs, keys) in enumerate(logic.groups) if plan.keys is None or not plan.keys.isdisjoint(keys)]
        self.reads = frozenset(f for _, _, needs, _ in groups for f in needs) | {f for _, needs, _ in known for f in needs}
        # a bit per base fact: a profile's unstated (or open) facts become one integer, tested against each group's
        # (and the lists or derived types a flag is "complete" of: under INCOMPLETE, derived types that may have records
        # not named are listed too)
        self.opens = self.reads | {name for _, _, name in known}
        self.bits = {f: 1 << i for i, f in enumerate(sorted(self.opens))}
        # the flags and the closed keys depend only on which base facts are unstated or open: the "stated and complete"
        # flags and the groups in chunks reading at most SPAN base facts, each chunk's outcome remembered per pattern
        # of its bits (a profile then costs a lookup per chunk, not a test per group)
        items: list[tuple[int, Item]] = [(self._mask(needs) | self.bits[name], (self.bits[name], _set(prop, to(prop)), (), None))
                                         for prop, needs, name in known]
        items += [(self._mask(needs), (0, _set(gate, to(gate)) if gate else (), _set(stated, to(stated)) if stated else (), keys))
                  for gate, stated, needs, keys in groups]
        self.chunks: list[tuple[int, dict[int, Outcome], list[tuple[int, Item]]]] = []
        for mask, item in sorted(items, key=lambda mi: (mi[0] & -mi[0], mi[0])):
            if self.chunks and (self.chunks[-1][0] | mask).bit_count() <= SPAN:
                cmask, memo, chunk = self.chunks[-1]
                chunk.append((mask, item))
                self.chunks[-1] = (cmask | mask, memo, chunk)
            else:
                self.chunks.append((mask, {}, [(mask, item)]))
        self.shift = len(self.bits)

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

    def build(self, facts: dict[str, Any], sid: str) -> tuple[list[list[str]], dict[str, list[dict[str, Any]]], frozenset[str]]:
        """The anchor facts' properties as JSON text (per slot, each piece ',"prop":value'), the other facts by type (one
        per record, one per list item and slot a join needs), and the closed keys."""
        anchors: list[list[str]] = [[] for _ in self.types]
        per_fact = self.per_fact
        for name, value in facts.items():  # a profile states fewer facts than the pack tests
            hit = per_fact.get(name)
            if hit is None:
                continue
            key, one, targets, yes, no, texts, overlaps = hit
            if targets:
                cls = value.__class__
                if cls is bool:
                    text = yes if value else no
                elif cls is str:
                    text = texts.get(value) or _remember(texts, value, key + encode(value))
                elif cls in _SCALARS:  # a number, or null: remembered with its class (1, 1.0 and true are equal keys)
                    text = texts.get((cls, value)) or _remember(texts, (cls, value), key + encode(value))
                else:
                    text = key + encode(value)
                if one >= 0:
                    anchors[one].append(text)
                else:
                    for i in targets:
                        anchors[i].append(text)
            if overlaps:
                for counted, wanted, targets in overlaps:
                    text = counted[len(wanted.intersection(value))]
                    for i in targets:
                        anchors[i].append(text)
        for name, fields, tests, passing in self.counts:  # one pass over each list's records
            records = facts.get(name)
            if records is None:
                continue
            hits = [0] * len(tests)
            for r in records:
                try:
                    values = tuple([r.get(f, _ABSENT) for f in fields])
                    passes = passing.get(values)
                except TypeError:  # a value that cannot be remembered (a list)
                    values, passes = None, None
                if passes is None:
                    passes = _passes(tests, r)
                    if values is not None:
                        if len(passing) >= MEMO:
                            passing.clear()
                        passing[values] = passes
                for j in passes:
                    hits[j] += 1
            for (key, _, targets), k in zip(tests, hits):
                text = key + str(k)
                for i in targets:
                    anchors[i].append(text)
        for key, name, measure, targets in self.measures:
            if name in facts:
                text = key + str(measure(facts[name]))
                for i in targets:
                    anchors[i].append(text)
        bits = self.bits
        unstated = 0
        for f in self.reads.difference(facts):
            unstated |= bits[f]
        # a list that may name only some of its items: open, and not "complete"
        grows = facts.get(INCOMPLETE, frozenset())
        partial = 0
        for f in self.opens.intersection(grows):
            partial |= bits[f]
        closed_keys: list[frozenset[str]] = []
        shift = self.shift
        for cmask, memo, chunk in self.chunks:
            at = unstated & cmask | (partial & cmask) << shift
            outcome = memo.get(at)
            if outcome is None:
                if len(memo) >= MEMO:
                    memo.clear()
                outcome = memo[at] = _outcome(chunk, unstated & cmask, partial & cmask)
            for i, text in outcome[0]:
                anchors[i].append(text)
            if outcome[1]:
                closed_keys.append(outcome[1])
        closed = frozenset().union(*closed_keys)
        out: dict[str, list[dict[str, Any]]] = {}
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
        return anchors, out, closed
