"""Derived records (a derived type's records: those of its source that its condition holds for), made by both
evaluators from the same plan: the derived types of a pack, stratum by stratum, each alternative taken apart once.

The reference evaluator's plan (:class:`engine.evaluate.quick.QuickPlan`) extends it; the durable_rules adapter needs
only this part, so a one-profile run does not build the rest (its literal bits and groups).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from engine.conditions import facts_of
from engine.evaluate.literals import field_ok
from engine.evaluate.logic import MAYBE, logic_of
from engine.evaluate.semantics import Records, _compiled, _first, derive_open
from engine.evaluate.trace import kind_keys
from engine.pack.compiled import Pack
from engine.pack.profiles import INCOMPLETE


class Derivation:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.logic = logic = logic_of(pack)
        self.kinds: dict[str, tuple[Any, ...]] = {}  # kind -> the derived types its rules read (the parts of derive())
        # the derived types, stratum by stratum, each alternative taken apart once (derive_open does it per record)
        self.derived = [(did, d.derived.from_, d.derived.as_, d.where, tuple(_compiled(c) for c in d.dnf), tuple(logic.needs[did]))
                        for did, d in sorted(logic.derived.items(), key=lambda kv: kv[1].stratum)]
        self.record_fields = tuple(pack.record_fields)

    def derived_of(self, kind: str | None) -> tuple[Any, ...]:
        """The derived types, stratum by stratum, that the rules of ``kind`` read (and those they are made from)."""
        if kind is None:
            return tuple(self.derived)
        hit = self.kinds.get(kind)
        if hit is None:
            logic = self.logic
            want = {n for key in kind_keys(self.pack, kind) & logic.rules.keys() for conj in logic.rules[key].pos + logic.rules[key].neg
                    for lit in conj for n in facts_of(lit)}
            todo = [n for n in want if n in logic.derived]
            while todo:
                d = logic.derived[todo.pop()]
                for n in {d.derived.from_, *d.depends, *(f for conj in d.dnf for lit in conj for f in facts_of(lit))} - want:
                    want.add(n)
                    if n in logic.derived:
                        todo.append(n)
            hit = self.kinds[kind] = tuple(entry for entry in self.derived if entry[0] in want)
        return hit

    def derived_names(self, kind: str) -> list[str]:
        return [entry[0] for entry in self.derived_of(kind)]


D = TypeVar("D", bound=Derivation)


def once_per_pack(plans: dict[int, D], pack: Pack, make: Callable[[Pack], D]) -> D:
    """``make(pack)``, kept in ``plans`` for as long as that pack lives (a plan of another pack at the same id is made again)."""
    hit = plans.get(id(pack))
    if hit is None or hit.pack is not pack:
        hit = plans[id(pack)] = make(pack)
    return hit


_DERIVATIONS: dict[int, Derivation] = {}


def derivation_of(pack: Pack) -> Derivation:
    """The pack's derivation plan, made once."""
    return once_per_pack(_DERIVATIONS, pack, Derivation)


def derive(plan: Derivation, facts: dict[str, Any], kind: str | None = None) -> tuple[dict[str, Any], dict[str, Records]]:
    """:func:`semantics.derive_open`; where no list is open (every derived type two-valued), with the plan's parts (with
    ``kind``, only the derived types its rules read)."""
    if facts.get(INCOMPLETE):
        return derive_open(plan.pack, facts)
    records: dict[str, Records] = {name: list(enumerate(facts[name])) for name in plan.record_fields if name in facts}
    for did, source, alias, where, dnf, needs in plan.derived if kind is None else plan.derived_of(kind):
        for f in needs:
            if f not in facts:
                break  # a base fact it reads is not stated: its records are unknown, not none
        else:
            sure: Records = []
            for key, rec in records.get(source + MAYBE, records.get(source, ())):
                here = {alias: rec}
                if where and not all(field_ok(rec, t, here) for t in where):
                    continue
                for c in dnf:
                    if _first(c, facts, records, here) is not None:
                        sure.append((key, rec))
                        break
            records[did] = records[did + MAYBE] = sure
    return facts, records
