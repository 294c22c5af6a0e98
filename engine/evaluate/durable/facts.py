"""Profile facts -> the flat, typed facts durable_rules matches (one batch per profile).

A :class:`FactBuilder` is made once per compiled pack: it knows which anchor property holds each fact and how to compute
every measure, so building a profile's batch is a few dictionary writes. An anchor property is written only with a value
some test of it can pass (as the reference evaluator's operators say): left off, it fails every test as that value would,
and it is one the assert does not read nor a firing's message carry. The tests of negations gated on a flag count only
where the profile sets the flag (:class:`Flags` says which).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from engine.conditions import Count, FieldTest, NoMatch, Overlap, Ref
from engine.evaluate.durable.flags import Flags, Key, Targets, Writes, prop_key
from engine.evaluate.durable.jsontext import encode
from engine.evaluate.durable.plan import Plan
from engine.evaluate.literals import MEMO
from engine.evaluate.semantics import compare, field_ok
from engine.operators import BY_OP

Measure = Callable[[Any], int]
T = TypeVar("T")
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


Useful = Callable[[Any], bool] | None  # whether a value can pass some test of a property (None: every value is written)
Writer = tuple[dict[Any, str], Key, Useful, Targets]  # a property's texts by value (remembered), its key, test and slots
_ABSENT = object()  # a record field not stated (no test passes on it)
# a profile fact's: its property's key, one slot or -1, slots, texts when true and false, its texts by value and its test;
# then each overlap counted on it: its texts per count, values and slots
PerFact = tuple[Key, int, Targets, str, str, dict[Any, str], Useful, tuple[tuple[tuple[str, ...], frozenset[Any], Targets], ...]]
# the writers of a profile's facts, lists (with the writes of each tuple of counts, remembered) and measures
View = tuple[dict[str, PerFact], list[tuple[tuple[Writer, ...], dict[tuple[int, ...], Writes]]], list[tuple[str, Measure, Writer]]]


def _useful(tests: list[tuple[str, Any]] | None) -> Useful:
    """Whether a value can pass one of ``tests`` (operator, operand); None where no test is known (every value written)."""
    if tests is None:
        return None
    checks = tuple((BY_OP[op].holds, operand) for op, operand in tests)

    def useful(value: Any) -> bool:
        try:
            return any(holds(value, operand) for holds, operand in checks)
        except (TypeError, ValueError):  # a value the operators cannot compare: written, durable_rules decides
            return True

    return useful


def _text(key: Key, value: Any, useful: Useful) -> str:
    """The property with ``value`` as anchor text, or nothing where no test of it can pass with that value."""
    return key + encode(value) if useful is None or useful(value) else ""


def _written(writer: Writer, value: Any) -> str:
    """A property's text with ``value``, remembered."""
    texts, key, useful, _ = writer
    got = texts.get(value)
    return got if got is not None else _remember(texts, value, _text(key, value, useful))


def _passes(tests: tuple[tuple[Key, tuple[tuple[str, Any], ...], Targets], ...], record: dict[str, Any]) -> tuple[int, ...]:
    """The tests (their positions) that ``record`` passes: each field stated and among its values."""
    return tuple(j for j, (_, passes, _) in enumerate(tests) if all(f in record and record[f] in allowed for f, allowed in passes))


def _remember(texts: dict[Any, T], value: Any, text: T) -> T:
    """``text`` remembered for ``value`` (the memory starts again past MEMO values)."""
    if len(texts) >= MEMO:
        texts.clear()
    texts[value] = text
    return text


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
        self.record_measures: dict[str, list[tuple[str, str, Measure]]] = {}
        for (rtype, fname, values), prop in plan.record_measures.items():
            self.record_measures.setdefault(rtype, []).append((prop, fname, _overlap(values)))
        self.items = sorted(plan.item_types)
        self.flags = Flags(plan, to)
        # per anchor property, whether a value can pass a test of it (the negations' tests, gated on flags, aside) and
        # whether every value is written (the property of a negation whose flag is set: Flags.write says which)
        always = {prop: [(op, operand) for gate, op, operand in tests if gate is None] for prop, tests in plan.anchor_tests.items()}
        tests = {prop: (_useful(always.get(prop)), None) for prop in where}

        def test(prop: str, full: int) -> Useful:
            return tests[prop][full] if prop in tests else None

        # per profile fact: the anchor facts of its property if a rule tests it, and the list overlaps counted on it
        overlaps = {lit: prop for lit, prop in plan.anchor_measures.items()
                    if isinstance(lit, Overlap) and len(set(lit.values)) == len(lit.values) and to(prop)}
        # (the property's text, its one slot or -1, its slots, its texts when true, false and each other value it was written
        # with: facts repeat from one profile to the next; and each overlap's text per count, values and slots)
        facts: dict[str, list[PerFact]] = {}
        # the properties each fact's writer writes: its own (if tested) and its overlaps'
        self._fact_props: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        for name in sorted({f for f in plan.tested if to(plan.fields[f])} | {lit.fact for lit in overlaps}):
            key = prop_key(plan.fields[name]) if name in plan.tested else ""
            slots = to(plan.fields[name]) if key else ()
            mine = [(lit, o) for lit, o in overlaps.items() if lit.fact == name]
            self._fact_props[name] = (plan.fields[name] if key else None, tuple(o for _, o in mine))
            facts[name] = [(key, slots[0] if len(slots) == 1 else -1, slots, _text(key, True, useful) if key else "",
                            _text(key, False, useful) if key else "", {}, useful,
                            tuple((tuple(_text(prop_key(o), k, test(o, full)) for k in range(len(lit.values) + 1)), frozenset(lit.values), to(o))
                                  for lit, o in mine))
                           for full, useful in enumerate((test(plan.fields[name], 0) if key else None, None))]
        # counts of the records passing tests of fields among values (the commonest measures), by list: one pass each
        counts: dict[str, list[tuple[Key, tuple[tuple[str, Any], ...], Targets, str]]] = {}
        measures: list[tuple[str, Measure, str]] = []  # the other measures, one function each: (fact, function, property)
        for lit, prop in plan.anchor_measures.items():
            if not to(prop) or lit in overlaps:
                continue
            members = [BY_OP[t.op].members if t.op in BY_OP else None for t in lit.where] if isinstance(lit, Count) else [None]
            if isinstance(lit, Count) and not any(m is None or isinstance(t.value, Ref) for t, m in zip(lit.where, members)):
                counts.setdefault(lit.records, []).append((prop_key(prop), tuple((t.field, m(t.value)) for t, m in zip(lit.where, members) if m), to(prop), prop))
            elif isinstance(lit, Overlap):
                measures.append((lit.fact, _overlap(lit.values), prop))
            elif isinstance(lit, Count):
                measures.append((lit.records, _counter(lit.where), prop))
            elif isinstance(lit, NoMatch):  # durable's $nmt never fires (measured): 1 when the text does not match
                measures.append((lit.fact, _unmatched(lit.pattern), prop))

        def writer(prop: str, full: int) -> Writer:
            return ({}, prop_key(prop), test(prop, full), to(prop))

        # per list: the record fields its tests read, the tests, and the tests each combination of those fields' values
        # passes (records repeat their values from one profile to the next)
        fields = {name: tuple(sorted({f for _, passes, _, _ in tests for f, _ in passes})) for name, tests in counts.items()}
        self.counts: list[tuple[str, tuple[str, ...], tuple[tuple[Key, tuple[tuple[str, Any], ...], Targets], ...], dict[tuple[Any, ...], tuple[int, ...]], tuple[Any, ...]]] = [
            (name, fields[name], tuple(t[:3] for t in tests), {}, (_ABSENT,) * len(fields[name])) for name, tests in sorted(counts.items())]
        self._count_props = [tuple(t[3] for t in tests) for _, tests in sorted(counts.items())]
        self._measure_props = [prop for _, _, prop in measures]

        def view(full: int) -> View:  # the writers of each profile fact, list and measure: value by value (0), every value (1)
            return ({name: entries[full] for name, entries in facts.items()}, [(tuple(writer(t[3], full) for t in tests), {}) for _, tests in sorted(counts.items())],
                    [(fact, measure, writer(prop, full)) for fact, measure, prop in measures])

        self._views = (view(0), view(1))
        self._loosened: dict[frozenset[str], View] = {}
        self._owners: dict[str, list[str]] = {}  # an anchor property -> the facts whose writers write it
        for name, (own, overlapping) in self._fact_props.items():
            for prop in (own, *overlapping) if own else overlapping:
                self._owners.setdefault(prop, []).append(name)

    def view(self, loose: frozenset[str]) -> View:
        """The writers for a profile whose set flags gate negations testing the properties ``loose``: theirs every value."""
        if not loose:
            return self._views[0]
        hit = self._loosened.get(loose)
        if hit is None:
            if len(self._loosened) >= 64:
                self._loosened.clear()
            (facts, counts, measures), (every, all_counts, all_measures) = self._views
            mine = dict(facts)
            for name in {name for prop in loose for name in self._owners.get(prop, ())}:
                mine[name] = self._loose(facts[name], every[name], loose, *self._fact_props[name])
            hit = self._loosened[loose] = (
                mine,
                [entry if loose.isdisjoint(props) else (tuple(b if p in loose else a for a, b, p in zip(entry[0], every_c, props, strict=True)), {})
                 for entry, (every_c, _), props in zip(counts, all_counts, self._count_props)],
                [a if prop in loose else m for m, a, prop in zip(measures, all_measures, self._measure_props)])
        return hit

    @staticmethod
    def _loose(some: PerFact, every: PerFact, loose: frozenset[str], own: str | None, overlaps: tuple[str, ...]) -> PerFact:
        """A fact's writer with its own property and its overlaps each written with every value where ``loose`` has it."""
        key, one, targets, yes, no, texts, useful, _ = every if own in loose else some
        return (key, one, targets, yes, no, texts, useful, tuple(b if o in loose else a for a, b, o in zip(some[7], every[7], overlaps, strict=True)))

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
        closed, loose = self.flags.write(facts, anchors)
        per_fact, writers, measures = self.view(loose)
        for name, value in facts.items():  # a profile states fewer facts than the pack tests
            hit = per_fact.get(name)
            if hit is None:
                continue
            key, one, targets, yes, no, texts, useful, overlaps = hit
            if targets:
                cls = value.__class__
                if cls is bool:
                    text = yes if value else no
                elif cls is str:
                    got = texts.get(value)
                    text = got if got is not None else _remember(texts, value, _text(key, value, useful))
                elif cls in _SCALARS:  # a number, or null: remembered with its class (1, 1.0 and true are equal keys)
                    got = texts.get((cls, value))
                    text = got if got is not None else _remember(texts, (cls, value), _text(key, value, useful))
                else:
                    text = _text(key, value, useful)
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
        for (name, fields, tests, passing, absent), (written, done) in zip(self.counts, writers):  # one pass over each list's records
            records = facts.get(name)
            if records is None:
                continue
            hits = [0] * len(tests)
            for r in records:
                try:
                    values = tuple(map(r.get, fields, absent))
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
            # the counts' writes, remembered per tuple of counts (lists repeat them from one profile to the next)
            tally = tuple(hits)
            known = done.get(tally)
            writes = known if known is not None else _remember(done, tally, tuple(
                (i, text) for writer, k in zip(written, hits) for text in (_written(writer, k),) if text for i in writer[3]))
            for i, text in writes:
                anchors[i].append(text)
        for name, measure, writer in measures:
            if name in facts:
                text = _written(writer, measure(facts[name]))
                for i in writer[3]:
                    anchors[i].append(text)
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
