"""The reference evaluator's plan, compiled once per pack: the same trace as :func:`semantics.evaluate`, sooner.

:func:`semantics.evaluate` walks every rule key's alternatives literal by literal on every profile. Here the
pack's plain literals (a test, a text that does not match, a list overlap: each reads one fact) are numbered
once, and a profile becomes one integer, its *truth*: a bit per literal that holds, one per fact stated and
one per list that may name only some of its items. Each fact's bits are computed once per distinct value
(with :func:`literals.literal_holds`, the semantics itself) and remembered, so a profile costs a dictionary
lookup per fact. The rule keys that read the same base facts (``Logic.groups``) are then decided together:
what their plain alternatives say (the condition, and where the key is open its negation) depends only on
the bits they read, so it is remembered per group too. Alternatives with record matches or counts are
evaluated as :func:`semantics.evaluate` does, after their plain literals pass. Memories are bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.conditions import Conjunction, FieldTest, Match, NoMatch, Overlap, Test
from engine.evaluate.derivation import Derivation, derive, once_per_pack
from engine.evaluate.factbits import FactBits, Plain, predicate
from engine.evaluate.literals import MEMO
from engine.evaluate.logic import MAYBE, NEG, Logic, _refs, bound_aliases
from engine.evaluate.semantics import Compiled, Records, _compiled, _first, _key_of
from engine.evaluate.trace import Fired, Trace, kind_keys
from engine.pack.compiled import Pack
from engine.pack.profiles import INCOMPLETE

Alt = tuple[int, int]  # an alternative of plain literals: (index, the bits it needs)
Cx = tuple[int, int, Compiled, frozenset[str], Conjunction]  # an alternative with records: index, bits, parts, aliases, literals
# a group's verdict on a bit pattern: the fired keys of its plain rule keys, whether its keys are closed, stated
Verdict = tuple[dict[str, frozenset[int]], bool, bool]
# a rule key of plain alternatives: key, its condition, its negation, the negation's alternatives that can hold open
PlainKey = tuple[str, tuple[Alt, ...], tuple[Alt, ...], tuple[Alt, ...]]
CxKey = tuple[str, tuple[Cx, ...], tuple[Cx, ...], tuple[Cx, ...]]


class Group:
    """The rule keys that read the same base facts: decided together, per pattern of the bits they read."""

    __slots__ = ("closed_mask", "cx", "keys", "mask", "memo", "needs", "plain")

    def __init__(self, keys: frozenset[str], needs: int, partial: int) -> None:
        self.keys, self.needs, self.closed_mask = keys, needs, needs | partial
        self.mask = needs | partial
        self.plain: list[PlainKey] = []
        self.cx: list[CxKey] = []
        self.memo: dict[int, Verdict] = {}

    def verdict(self, sub: int) -> Verdict:
        closed = sub & self.closed_mask == self.needs  # every base fact stated, none a list naming only some items
        stated = sub & self.needs == self.needs
        fired: dict[str, frozenset[int]] = {}
        for key, pos, neg, open_neg in self.plain:
            hits = frozenset(i for i, m in pos if sub & m == m)
            if hits:
                fired[key] = hits
            elif not closed:
                hits = frozenset(i for i, m in (neg if stated else open_neg) if sub & m == m)
                if hits:
                    fired[key + NEG] = hits
        if len(self.memo) >= MEMO:
            self.memo.clear()
        out = self.memo[sub] = (fired, closed, stated)
        return out


class QuickPlan(Derivation):
    def __init__(self, pack: Pack) -> None:
        super().__init__(pack)
        logic = self.logic
        self.facts: dict[str, FactBits] = {}
        self.lit_bits: dict[Plain, int] = {}
        self._next = 0
        self.scans: dict[tuple[str, tuple[FieldTest, ...]], tuple[tuple[FieldTest, ...], int, int]] = {}  # (record type, tests) -> (tests, exists bit, none bit)
        for f in sorted(logic.reads):
            self._fact(f)
        self.groups: list[Group] = []
        order = {key: n for n, key in enumerate(logic.rules)}
        for needs, keys in logic.groups:
            group = Group(keys, self._mask_of(needs, "stated"), self._mask_of(needs, "partial"))
            for key in sorted(keys, key=order.__getitem__):  # in the pack's order, as semantics.evaluate
                polar = logic.rules[key]
                pos = [self._alt(logic, i, c) for i, c in enumerate(polar.pos)]
                neg = [self._alt(logic, i, c) for i, c in enumerate(polar.neg)]
                if all(conj is None for _, _, conj in pos + neg):
                    group.plain.append((key, tuple((i, m) for i, m, _ in pos), tuple((i, m) for i, m, _ in neg),
                                        tuple((i, m) for i, m, _ in (neg[j] for j in polar.open_neg))))
                else:
                    group.cx.append((key, tuple(self._cx(logic, a, polar.pos) for a in pos), tuple(self._cx(logic, a, polar.neg) for a in neg),
                                     tuple(self._cx(logic, neg[j], polar.neg) for j in polar.open_neg)))
            for _key, _pos, _neg, _open in group.plain:
                for _, m in _pos + _neg:
                    group.mask |= m
            self.groups.append(group)
        self.tables = {name: (fb.memo if fb.lits else None, fb) for name, fb in sorted(self.facts.items())}
        self.loop = [(g.mask, g.memo, g, g.keys, tuple(g.cx)) for g in self.groups]
        self.loops: dict[str, list[tuple[int, dict[int, Verdict], Group, frozenset[str], tuple[CxKey, ...]]]] = {}
        by_list: dict[str, list[tuple[Callable[[dict[str, Any]], bool], int, int]]] = {}
        for (name, _), (where, e, n) in self.scans.items():
            by_list.setdefault(name, []).append((predicate(where), e, n))
        self.record_scans = [(name, tuple((holds, e) for holds, e, _ in tests), sum(n for _, _, n in tests)) for name, tests in sorted(by_list.items())]

    def loop_of(self, kind: str | None) -> list[tuple[int, dict[int, Verdict], Group, frozenset[str], tuple[CxKey, ...]]]:
        """The groups to decide for a profile of ``kind``: those with a key of its rules (their keys of other rules
        come with them, decided together; the keys with records only of its rules)."""
        if kind is None:
            return self.loop
        hit = self.loops.get(kind)
        if hit is None:
            keys = kind_keys(self.pack, kind)
            hit = self.loops[kind] = [(mask, memo, g, group, tuple(c for c in cx if c[0] in keys))
                                      for mask, memo, g, group, cx in self.loop if not keys.isdisjoint(group)]
        return hit

    def _fact(self, name: str) -> FactBits:
        fb = self.facts.get(name)
        if fb is None:
            fb = self.facts[name] = FactBits(name, self._bit(), self._bit())
        return fb

    def _bit(self) -> int:
        self._next += 1
        return 1 << (self._next - 1)

    def _mask_of(self, needs: tuple[str, ...], which: str) -> int:
        return sum(getattr(self.facts[f], which) for f in needs)  # one bit each, distinct

    def _alt(self, logic: Logic, i: int, conj: Conjunction) -> tuple[int, int, Conjunction | None]:
        """(index, the bits of its plain literals, and the literals when some are not plain: None when all are)."""
        mask = 0
        plain = True
        referenced = {r.alias for lit in conj if isinstance(lit, Match) for r in _refs(lit)}
        for lit in conj:
            if isinstance(lit, (Test, NoMatch, Overlap)):
                bit = self.lit_bits.get(lit)
                if bit is None:
                    fb = self._fact(lit.fact)
                    bit = self.lit_bits[lit] = self._bit()
                    fb.lits.append((bit, lit))
                mask |= bit
            elif isinstance(lit, Match) and not _refs(lit) and (lit.negated or lit.records not in logic.derived and lit.alias not in referenced):
                mask |= self._scan(lit)
            else:
                plain = False
        return (i, mask, None if plain else conj)

    def _scan(self, lit: Match) -> int:
        """The bit of "a record matches" (no reference, nothing binds it) or of "no record matches" (list stated, complete):
        two bits side by side, the second the first's negation, so that one pass over the records sets both."""
        scan = self.scans.get((lit.records, lit.where))
        if scan is None:
            exists = self._bit()
            scan = self.scans[(lit.records, lit.where)] = (lit.where, exists, self._bit())
            assert scan[2] == exists << 1
        return scan[2] if lit.negated else scan[1]

    def _cx(self, logic: Logic, alt: tuple[int, int, Conjunction | None], dnf: list[Conjunction]) -> Cx:
        i, mask, _ = alt
        conj = dnf[i]
        return (i, mask, _compiled(conj), frozenset(bound_aliases(logic, conj)), conj)


_PLANS: dict[int, QuickPlan] = {}


def plan_of(pack: Pack) -> QuickPlan:
    return once_per_pack(_PLANS, pack, QuickPlan)


def evaluate(pack: Pack, facts: dict[str, Any], kind: str | None = None) -> Trace:
    """:func:`semantics.evaluate` with its defaults (every key, negations gated): the same trace; with ``kind``, that
    trace's keys of the rules of that kind (and of the others decided with them), the same for those."""
    plan = plan_of(pack)
    facts, records = derive(plan, facts, kind)
    inc = facts.get(INCOMPLETE) or ()
    truth = 0
    tables = plan.tables
    for fact, value in facts.items():  # FactBits.bits, its memory read inline (most facts, most profiles)
        table = tables.get(fact)
        if table is None:
            continue  # a fact no rule reads, or INCOMPLETE itself
        memo, fb = table
        cls = value.__class__
        if memo is None or cls is list:
            truth |= fb.bits(value, fact in inc)
            continue
        hit = memo.get((cls, value, fact in inc))
        truth |= fb.bits(value, fact in inc) if hit is None else hit
    for name, tests, nones in plan.record_scans:  # records: no memory, scanned per profile
        known = records.get(name)
        if known is None:
            continue  # not stated: neither "a record matches" nor "none does" holds
        hit = 0  # the "exists" bit of each test some known record passes
        for _, rec in known:
            for holds, bit in tests:
                if holds(rec):
                    hit |= bit
        maybe = records.get(name + MAYBE, known)
        if maybe is not known:  # a derived type's records not known not to be of it: "none" reads those
            hit_maybe = 0
            for _, rec in maybe:
                for holds, bit in tests:
                    if holds(rec):
                        hit_maybe |= bit
        else:
            hit_maybe = hit
        truth |= hit if name in inc else hit | nones & ~(hit_maybe << 1)
    fired: Fired = {}
    bindings: dict[str, dict[str, int]] = {}
    closed: list[frozenset[str]] = []
    for mask, verdicts, group, keys, cx in plan.loop_of(kind):
        sub = truth & mask
        verdict = verdicts.get(sub)
        if verdict is None:
            verdict = group.verdict(sub)
        if verdict[0]:
            fired.update(verdict[0])
        if verdict[1]:
            closed.append(keys)
        for key, pos, neg, open_neg in cx:
            if _hits(key, pos, truth, facts, records, fired, bindings) or verdict[1]:
                continue
            _hits(key + NEG, neg if verdict[2] else open_neg, truth, facts, records, fired, bindings)
    logic = plan.logic
    derived = {did: tuple(k for k, _ in records[did]) for did in (logic.derived if kind is None else plan.derived_names(kind)) if did in records}
    return Trace(fired, bindings, derived, frozenset().union(*closed))


def _hits(k: str, alternatives: tuple[Cx, ...], truth: int, facts: dict[str, Any], records: dict[str, Records], fired: Fired,
          bindings: dict[str, dict[str, int]]) -> bool:
    hits: list[int] = []
    for i, mask, split, keep, conj in alternatives:
        if truth & mask != mask:
            continue
        bound = _first(split, facts, records, {})
        if bound is None:
            continue
        if not hits and keep:
            bindings[f"{k}|{i}"] = {a: _key_of(records, conj, a, rec) for a, rec in bound.items() if a in keep and isinstance(a, str)}
        hits.append(i)
    if hits:
        fired[k] = frozenset(hits)
    return bool(hits)

