"""Graded criteria on one profile: the lowest level certainly reached and the highest still possible.

Both evaluators decide each level's own condition as a rule key ("ID#k"; a graded rule has no key "ID": one condition
of every level together could ask durable_rules to bind one record to two patterns of a derived type). Level k is
reached when levels 1..k all hold, so with three-valued statuses (Kleene's conjunction, sound on open lists and missing
facts):

- ``low``: the levels that certainly hold, counted from the bottom until the first that is not met;
- ``high``: the levels that may hold, counted from the bottom until the first gap.

``low == high``: decided (the top level: met; below it: a gap with the level reached, perhaps none); otherwise unknown,
somewhere between the two.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.evaluate.logic import LEVEL
from engine.pack.compiled import CompiledRule
from engine.pack.model import Status
from engine.records import record


@record(frozen=True)
class Reached:
    """How far up its ladder a graded rule is: ``low`` levels certainly reached, ``high`` possibly, of ``total``."""

    low: int
    high: int
    total: int

    @property
    def decided(self) -> bool:
        return self.low == self.high

    @property
    def status(self) -> Status:
        if not self.decided:
            return Status.unknown
        return Status.met if self.low == self.total else Status.gap


def level_key(cr: CompiledRule, k: int) -> str:
    """The rule key of the k-th level (1-based) as the evaluators report it: "ID#k"."""
    return f"{cr.rule.id}{LEVEL}{k}"


def reached(cr: CompiledRule, status: Callable[[str], Status]) -> Reached:
    """The range of levels reached, from ``status`` of each rule key (the trace's three-valued statuses)."""
    statuses = [status(level_key(cr, k)) for k in range(1, len(cr.levels) + 1)]
    low = next((k for k, s in enumerate(statuses) if s != Status.met), len(statuses))
    high = next((k for k, s in enumerate(statuses) if s == Status.gap), len(statuses))
    return Reached(low, high, len(statuses))


def fraction(cr: CompiledRule, levels: int) -> float:
    """The fraction of the weight ``levels`` levels reach (0 for none)."""
    return cr.levels[levels - 1].fraction if levels > 0 else 0.0
