"""A profile's anchor flags and closed rule keys, which depend only on which base facts it leaves unstated or open.

The flags are "stated and complete" (``_n…``: every base fact a list or derived type needs is stated, and the list names
all its items), and per group of rule keys "open" (``_o…``: some base fact unstated or open, the gate of its negations)
and "stated, some list open" (``_s…``). A key whose base facts are all stated and complete is closed: its negation is not
matched. The groups and flags are taken in chunks reading at most SPAN base facts, each chunk's outcome remembered per
pattern of its bits, so a profile costs a lookup per chunk, not a test per group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from engine.evaluate.durable.plan import Plan
from engine.evaluate.literals import MEMO
from engine.pack.profiles import INCOMPLETE

Targets = tuple[int, ...]  # the anchor facts (slots) a property is written on: those whose rules test it
Key = str  # a property as it starts in an anchor fact's JSON text: ',"f12":' (its value follows)
SPAN = 6  # base facts a chunk of flags and groups reads at most: at most 2**12 patterns of its bits to remember
Writes = tuple[tuple[int, str], ...]  # (slot, text) of each flag set
# a flag or a group of rule keys: the bit of the list it is "complete" of (flags), the writes when it is set (a flag; a group's
# "open" flag) and the anchor properties its negations then test, the same when every base fact is stated but some list is
# open (a group's "stated" flag), a group's keys (None for a flag), and a flag only negations test (its writes then wait
# for one of the negations testing it to be gated on a flag the profile sets)
Item = tuple[int, Writes, frozenset[str], Writes, frozenset[str], frozenset[str] | None, str | None]
# the flags to set (slot, its text), the closed keys, the properties some set flag's negations test, and the flags only
# negations test, each with its writes
Outcome = tuple[Writes, frozenset[str], frozenset[str], tuple[tuple[str, Writes], ...]]


def _outcome(chunk: list[tuple[int, Item]], unstated: int, partial: int) -> Outcome:
    writes: list[tuple[int, str]] = []
    closed: set[str] = set()
    loose: set[str] = set()
    later: list[tuple[str, Writes]] = []
    for needs, (listbit, when, when_reads, stated, stated_reads, keys, gated) in chunk:
        if keys is None:  # "stated and complete": every base fact stated, and the list itself not open
            if not unstated & needs and not partial & listbit:
                if gated is None:
                    writes += when
                else:
                    later.append((gated, when))
        elif unstated & needs:  # some base fact unstated: open
            writes += when
            loose |= when_reads
        elif not partial & needs:
            closed |= keys
        else:  # every base fact stated, some list open: every alternative of the negation may hold
            writes += when + stated
            loose |= when_reads | stated_reads
    # one text per slot, its pieces in order (the anchor's text is its pieces joined)
    texts: dict[int, list[str]] = {}
    for i, text in writes:
        texts.setdefault(i, []).append(text)
    return tuple((i, "".join(pieces)) for i, pieces in texts.items()), frozenset(closed), frozenset(loose), tuple(later)


def prop_key(prop: str) -> Key:
    return f',"{prop}":'  # the compiler's property names (f12, _a3, _n0...) need no escaping


def _set(flag: str, slots: Targets) -> Writes:
    """A flag's text on each of its slots: set (1)."""
    return tuple((i, prop_key(flag) + "1") for i in slots)


class Flags:
    def __init__(self, plan: Plan, to: Callable[[str | None], Targets]) -> None:
        logic = plan.logic
        assert logic is not None
        # the properties the negations gated on each flag test (written in full when it is set: see facts.FactBuilder)
        gated: dict[str, set[str]] = {}
        for prop, tests in plan.anchor_tests.items():
            for gate, _, _ in tests:
                if gate is not None:
                    gated.setdefault(gate, set()).add(prop)

        def reads(flag: str | None) -> frozenset[str]:
            return frozenset(gated.get(flag, ())) if flag else frozenset()

        # per "stated and complete" flag: the base facts that must be stated, and the list or derived type that
        # must have no record not named (under INCOMPLETE: the reference evaluator says which derived types may)
        known = [(prop, tuple(sorted(logic.needs.get(name, (name,)))), name) for name, prop in plan.known.items() if to(prop)]
        gates = {flag for flag in set(plan.gates.values()) | set(plan.stated_gates.values()) if to(flag)}
        # per group of rule keys: its "open" flag and its "stated, some list open" flag if a negation is gated
        # on them, its base facts, its keys (a kind's plan: only the groups, and keys, of its rules)
        groups = [(f"_o{g}" if f"_o{g}" in gates else None, f"_s{g}" if f"_s{g}" in gates else None, frozenset(needs),
                   keys if plan.keys is None else keys & plan.keys)
                  for g, (needs, keys) in enumerate(logic.groups) if plan.keys is None or not plan.keys.isdisjoint(keys)]
        self.reads = frozenset(f for _, _, needs, _ in groups for f in needs) | {f for _, needs, _ in known for f in needs}
        # a bit per base fact: a profile's unstated (or open) facts become one integer, tested against each group's
        # (and the lists or derived types a flag is "complete" of: under INCOMPLETE, derived types that may have records
        # not named are listed too)
        self.opens = self.reads | {name for _, _, name in known}
        self.bits = {f: 1 << i for i, f in enumerate(sorted(self.opens))}
        # a flag no test reads but a negation's is written only where that negation's gate is set
        only = {prop for prop, tests in plan.anchor_tests.items() if all(gate is not None for gate, _, _ in tests)}
        items: list[tuple[int, Item]] = [(self._mask(needs) | self.bits[name],
                                          (self.bits[name], _set(prop, to(prop)), frozenset(), (), frozenset(), None, prop if prop in only else None))
                                         for prop, needs, name in known]
        items += [(self._mask(needs), (0, _set(gate, to(gate)) if gate else (), reads(gate), _set(stated, to(stated)) if stated else (), reads(stated), keys, None))
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

    def _mask(self, names: Iterable[str]) -> int:
        return sum(self.bits[f] for f in set(names))

    def write(self, facts: dict[str, Any], anchors: list[list[str]]) -> tuple[frozenset[str], frozenset[str]]:
        """The flags ``facts`` sets, written on ``anchors``; its closed keys, and the anchor properties the negations
        its set flags gate test."""
        bit = self.bits.__getitem__  # a bit per base fact: their sum is their union
        unstated = sum(map(bit, self.reads.difference(facts)))
        # a list that may name only some of its items: open, and not "complete"
        partial = sum(map(bit, self.opens.intersection(facts.get(INCOMPLETE, ()))))
        closed_keys: list[frozenset[str]] = []
        loose: list[frozenset[str]] = []
        later: list[tuple[str, Writes]] = []
        shift = self.shift
        for cmask, memo, chunk in self.chunks:
            at = unstated & cmask | (partial & cmask) << shift
            outcome = memo.get(at)
            if outcome is None:
                if len(memo) >= MEMO:
                    memo.clear()
                outcome = memo[at] = _outcome(chunk, unstated & cmask, partial & cmask)
            writes, closed, reads, gated = outcome
            for i, text in writes:
                anchors[i].append(text)
            if closed:
                closed_keys.append(closed)
            if reads:
                loose.append(reads)
            if gated:
                later += gated
        if not loose:
            return frozenset().union(*closed_keys), frozenset()
        read = frozenset().union(*loose)
        for flag, writes in later:
            if flag in read:
                for i, text in writes:
                    anchors[i].append(text)
        return frozenset().union(*closed_keys), read
