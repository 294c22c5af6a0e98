"""What decided every rule on one profile: the evaluators' result, read by findings, evidence and explain."""

from __future__ import annotations

from dataclasses import field

from engine.evaluate.logic import LEVEL
from engine.pack.compiled import Pack
from engine.records import record

Fired = dict[str, frozenset[int]]  # rule key -> alternatives that hold


@record(frozen=True)
class Trace:
    """One evaluation, whichever engine ran it.

    ``fired`` has, per rule key, the alternatives that hold: "ID" (the condition), "ID~" (its negation),
    "ID@" and "ID@~" (applicability). ``bindings`` has, for the first alternative that holds of each key
    ("ID|0", "ID~|2"), the records the joins matched (alias -> record position). ``derived`` has the
    positions of the records of every derived type that is known (all its base facts stated).
    ``closed`` has the rule keys ("ID", "ID@") whose every base fact is stated: their negation was not
    evaluated (two-valued there, it holds exactly when the condition does not).
    """

    fired: Fired = field(default_factory=dict)
    bindings: dict[str, dict[str, int]] = field(default_factory=dict)
    derived: dict[str, tuple[int, ...]] = field(default_factory=dict)
    closed: frozenset[str] = frozenset()

    def first(self, key: str) -> int | None:
        hits = self.fired.get(key)
        return min(hits) if hits else None


def kind_keys(pack: Pack, kind: str) -> frozenset[str]:
    """The rule keys of the rules that apply to ``kind`` ("ID", "ID@", "ID#k"): all that a trace made for one kind
    holds (``decide`` returns not_applicable for a rule of another kind before it reads the trace)."""
    out: set[str] = set()
    for cr in pack.rules:
        if kind in cr.rule.kinds:
            rid = cr.rule.id
            out.update((rid, rid + "@", *(f"{rid}{LEVEL}{k}" for k in range(1, len(cr.levels) + 1))))
    return frozenset(out)
