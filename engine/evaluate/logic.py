"""Three-valued logic: every rule's condition and its negation, both in normal form, for both engines.

A literal on a fact the profile does not state is false, and so is its negation: "we don't know" is
never "no". A rule is then *met* when an alternative of its condition holds, a *gap* when an
alternative of the negated condition holds, and *unknown* otherwise. This is Kleene's strong logic
(``any`` is met when one branch is met and a gap when every branch is; ``all`` the other way round;
``not`` swaps them; ``at_least N`` is met when N branches are met and a gap when more than
count − N are gaps), and it is sound: a literal that holds on the known facts holds whatever the
missing facts turn out to be.

Two literals need care. A negated record match (``none: X``) on a list X the profile does not state
is false, not true. A derived record type is *known* only when every base fact it reads is stated;
otherwise its records are not computed and every literal on it is false. A negated join (records
tied by references) cannot be a single negated pattern: its first record becomes the source of a
derived type made here ("the records for which the rest of the join holds"), and the negation is
"no record of that type".

When every base fact a rule key reads is stated, the logic is two-valued: the negation holds exactly
when the condition does not. Such a key is *closed* on the profile; neither engine evaluates its
negation there, and ``decide`` calls it a gap when its condition does not hold (explain finds the
deciding alternative of the negation on demand).

Open lists (stated, not marked complete: they name *at least* their items) are decided exactly, literal
by literal: a literal holds when it holds in every completion of them (the stated items plus any others).
"Some record matches" holds when a named one does; "no record matches" when the list cannot grow and no
named record may match. A derived type reading an open list has *known* records (those that belong to it
in every completion) and *possible* ones (``MAYBE``: those not known not to belong); it grows, gaining
records not named, only when the list its records come from does (``Logic.root``). So a corridor whose
ends are named members is known not to lack one, whatever else the member list holds, and a named
corridor ending outside a complete member list is known to, whatever other corridors exist.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from engine.conditions import And, Conjunction, Literal_, Match, Node, Not, Or, Ref, facts_of, negate, to_dnf
from engine.errors import PackError
from engine.i18n import _
from engine.limits import exceeded
from engine.pack.compiled import CompiledDerived, Pack
from engine.pack.model import Derived
from engine.pack.profiles import INCOMPLETE
from engine.pack.vocabulary import base_facts
from engine.records import record

NEG = "~"  # rule key suffix of the negated condition: "ID~", "ID@~"
LEVEL = "#"  # a graded rule's level k, its own condition: "ID#1" (a graded rule has no key "ID": engine/evaluate/levels.py)
MAYBE = "?"  # derived type suffix of its records not known not to belong to it (the others are its known records)


@record
class Polar:
    pos: list[Conjunction]  # the condition, as the pack compiled it
    neg: list[Conjunction]  # its negation
    # the alternatives of the negation that can hold while a base fact of the key is unstated: those reading
    # only some of them (one reading them all is false then, and closed it is not needed); where every base
    # fact is stated but a list may name only some of its items, every alternative is evaluated
    open_neg: tuple[int, ...] = ()


@record
class Logic:
    rules: dict[str, Polar]  # rule key ("ID", "ID@" for applicability, "ID#k" for a graded rule's level k) -> both polarities
    derived: dict[str, CompiledDerived]  # the pack's derived types and those negated joins need
    joins: dict[str, Conjunction]  # derived type made for a negated join -> the join
    needs: dict[str, frozenset[str]]  # record type -> the base facts that must be stated for it to be known
    # rule keys grouped by the base facts their condition and its negation read: (facts, keys)
    groups: list[tuple[tuple[str, ...], frozenset[str]]] = field(default_factory=list)
    reads: frozenset[str] = frozenset()  # the base facts of all groups

    def known(self, name: str, facts: dict[str, Any]) -> bool:
        return all(f in facts for f in self.needs.get(name, (name,)))

    def root(self, name: str) -> str:
        """The base list a record type's records come from (itself for a base list)."""
        while name in self.derived:
            name = self.derived[name].derived.from_
        return name

    def closed(self, facts: dict[str, Any], complete: bool = True) -> frozenset[str]:
        """The rule keys whose every base fact is stated: two-valued there, the negation not needed.

        A list that may name only some of its items leaves the key open, as an unstated fact does; with
        ``complete`` false it does not: the keys whose every base fact is stated, some perhaps only in part
        (there every alternative of the negation is evaluated, one reading all of them included).
        """
        missing = self.reads.difference(facts)
        if complete:
            missing = missing.union(self.reads.intersection(facts.get(INCOMPLETE, ())))
        out: set[str] = set()
        for needs, keys in self.groups:
            if missing.isdisjoint(needs):
                out |= keys
        return frozenset(out)


_CACHE: dict[int, tuple[Pack, Logic]] = {}


def logic_of(pack: Pack) -> Logic:
    hit = _CACHE.get(id(pack))
    if hit is None or hit[0] is not pack:
        hit = (pack, _build(pack))
        _CACHE[id(pack)] = hit
    return hit[1]


def known_logic(pack: Pack, logic: Logic) -> None:
    """``logic`` as the logic of ``pack`` (a compiled plan's, read from the cache), unless it is already known."""
    hit = _CACHE.get(id(pack))
    if hit is None or hit[0] is not pack:
        _CACHE[id(pack)] = (pack, logic)


def _build(pack: Pack) -> Logic:
    logic = Logic({}, dict(pack.derived), {}, {})
    for cr in pack.rules:
        for key, tree, dnf in ((cr.rule.id, cr.tree, cr.dnf), (cr.rule.id + "@", cr.applies_tree, cr.applies)):
            if dnf is not None and not (cr.levels and key == cr.rule.id):
                logic.rules[key] = Polar(dnf, negation(logic, key, tree, dnf))
        for k, level in enumerate(cr.levels, start=1):  # each evaluated as any condition is, by both engines
            key = f"{cr.rule.id}{LEVEL}{k}"
            logic.rules[key] = Polar(level.dnf, negation(logic, key, level.tree, level.dnf))
    logic.needs = {name: frozenset(base_facts({name}, logic.derived)) for name in logic.derived}
    by_reads: dict[tuple[str, ...], set[str]] = {}
    for key, polar in logic.rules.items():
        reads = [base_facts({n for lit in conj for n in facts_of(lit)}, logic.derived) for conj in polar.pos + polar.neg]
        needs = set().union(*reads)
        polar.open_neg = tuple(i for i, r in enumerate(reads[len(polar.pos):]) if r < needs)
        by_reads.setdefault(tuple(sorted(needs)), set()).add(key)
    logic.groups = [(needs, frozenset(keys)) for needs, keys in sorted(by_reads.items())]
    logic.reads = frozenset(f for needs in by_reads for f in needs)
    return logic


def negation(logic: Logic, key: str, tree: Node | None, dnf: list[Conjunction]) -> list[Conjunction]:
    """The negated condition in normal form: from the tree as written when it has no joins (smallest)."""
    if tree is not None:
        try:
            neg = to_dnf(Not(tree))
            if all(refs_bound(conj) for conj in neg):
                return neg
        except ValueError:
            pass
    # from the normal form: the condition fails when every alternative has a part that fails
    parts = tuple(Or(tuple(_negated(logic, key, comp) for comp in components(conj))) for conj in dnf)
    try:
        return to_dnf(And(parts))
    except ValueError:
        raise PackError(exceeded("alternatives", _("alternatives of the condition")) + f" ({key.rstrip('@')})") from None


def components(conj: Conjunction) -> list[Conjunction]:
    """The independent parts of an alternative: single literals, and records tied by references."""
    groups: list[list[tuple[int, Literal_]]] = []  # (position in the alternative, literal): linear in its length
    by_alias: dict[str, int] = {}
    for at, lit in enumerate(conj):
        refs = {r.alias for r in _refs(lit)} if isinstance(lit, Match) else set()
        hit = sorted({by_alias[a] for a in refs if a in by_alias})
        if not hit:
            groups.append([(at, lit)])
            index = len(groups) - 1
        else:
            index = hit[0]
            for other in reversed(hit[1:]):
                groups[index].extend(groups[other])
                groups[other] = []
            groups[index].append((at, lit))
            by_alias.update({a: index for a, i in by_alias.items() if i in hit})
        if isinstance(lit, Match) and not lit.negated:
            by_alias[lit.alias] = index
    return [tuple(lit for _, lit in sorted(g, key=lambda x: x[0])) for g in groups if g]


def joined(conj: Conjunction) -> set[str]:
    """Aliases of the positive records that take part in a join (matched as patterns by durable)."""
    out: set[str] = set()
    for comp in components(conj):
        if len(comp) > 1:
            out |= {lit.alias for lit in comp if isinstance(lit, Match) and not lit.negated}
    return out


def bound_aliases(logic: Logic, conj: Conjunction) -> set[str]:
    """The aliases an engine reports the records of: joins and positive matches on derived types."""
    return joined(conj) | {lit.alias for lit in conj if isinstance(lit, Match) and not lit.negated and lit.records in logic.derived}


def _refs(lit: Match) -> list[Ref]:
    return [r for t in lit.where for r in (t.value if t.op == "contains" else (t.value,)) if isinstance(r, Ref)]


def refs_bound(conj: Conjunction) -> bool:
    seen: set[str] = set()
    for lit in conj:
        if isinstance(lit, Match):
            if any(r.alias not in seen for r in _refs(lit)) or lit.negated and any(t.op == "contains" for t in lit.where):
                return False
            if not lit.negated:
                seen.add(lit.alias)
    return True


def _negated(logic: Logic, key: str, comp: Conjunction) -> Node:
    if len(comp) == 1:
        return negate(comp[0])
    root = comp[0]
    assert isinstance(root, Match) and not root.negated
    did = f"{key.lower().replace('-', '_').replace('@', '_if').replace(LEVEL, '_level')}_join{len(logic.joins)}"
    depends = frozenset(lit.records for lit in comp if isinstance(lit, Match))
    stratum = 1 + max((logic.derived[d].stratum for d in depends if d in logic.derived), default=-1)
    model = Derived(id=did, from_=root.records, as_=root.alias, label={}, where=None, when=None)
    logic.derived[did] = CompiledDerived(model, "", 0, root.where, [comp[1:]], frozenset(base_facts(set(depends), logic.derived)),
                                         depends, stratum)
    logic.joins[did] = comp
    return Match(did, f"{root.alias}_none", (), negated=True)
