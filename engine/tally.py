"""Every figure of one assessment from sums taken once over its findings (engine/assess.py): the formulas of
:mod:`engine.score` in one pass, bit for bit (tests/test_score_properties.py checks them against the formulas)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field

from engine.pack.model import Status
from engine.records import record
from engine.score import Scored, overall_score

_STATUSES = tuple(Status)  # iterating the enum itself is slow: once


@record
class Tally:
    """One dimension's findings summed in one pass, in the order the formulas above add them (so each figure is bit for bit
    theirs); a graded finding counts its credit, an unknown one its highest level at best and its lowest at worst."""

    credit: float = 0.0  # weight counted as met of the met and gaps
    known: float = 0.0  # weights of the met and gaps (the score's and a gain's denominator)
    best_credit: float = 0.0  # the credit with every unknown at the most it may reach
    worst_credit: float = 0.0  # ... at the least it certainly reaches
    applicable: float = 0.0  # weights of the met, gaps and unknowns (the denominator once every unknown is known)
    n: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(_STATUSES, 0))  # findings of each status

    def score(self, unknown_as_gap: bool = False) -> float | None:
        return _ratio(self.credit, self.applicable if unknown_as_gap else self.known)

    def best(self) -> float | None:
        return _ratio(self.best_credit, self.applicable)

    def worst(self) -> float | None:
        return _ratio(self.worst_credit, self.applicable)

    def coverage(self) -> float | None:
        known = self.n[Status.met] + self.n[Status.gap]
        return None if known + self.n[Status.unknown] == 0 else known / (known + self.n[Status.unknown])

    def too_few(self, min_assessed: int) -> bool:
        return self.n[Status.met] + self.n[Status.gap] + self.n[Status.unknown] > 0 and self.n[Status.met] + self.n[Status.gap] < min_assessed


def _ratio(credit: float, denominator: float) -> float | None:
    return None if denominator == 0 else 100.0 * credit / denominator


@record
class Tallies:
    """Every dimension's :class:`Tally`, the whole assessment's, and the dimensions in the order of their first known and
    first applicable finding (the order :func:`engine.score.score_gains` sums their weights in)."""

    dims: dict[str, Tally]
    total: Tally
    known_order: list[str]
    applicable_order: list[str]


def tallies(items: Iterable[Scored], dimensions: Iterable[str], not_applicable: dict[str, int] | None = None) -> Tallies:
    """The sums of :class:`Tallies`, in one pass over ``items`` (tests/test_score_properties.py checks them against the formulas);
    ``not_applicable``: per dimension, findings not applicable that ``items`` leaves out (counted only)."""
    dims = {d: Tally() for d in dimensions}
    for d, k in (not_applicable or {}).items():
        dims[d].n[Status.not_applicable] += k
    known: dict[str, None] = {}
    applicable: dict[str, None] = {}
    met, gap, unknown, na = Status.met, Status.gap, Status.unknown, Status.not_applicable
    for it in items:
        st = it.status
        if st is na:  # most of a profile's other kind: counted only
            dims[it.dimension].n[st] += 1
            continue
        d, w = it.dimension, it.weight
        t = dims[d]
        t.n[st] += 1
        if st == met or st == gap:
            f = it.fraction
            c = w * (f if f is not None else float(st == met))  # Scored.credit, inlined (it is most of the calls)
            t.credit, t.best_credit, t.worst_credit = t.credit + c, t.best_credit + c, t.worst_credit + c
            t.known, t.applicable = t.known + w, t.applicable + w
            if d not in known:
                known[d] = applicable[d] = None
        elif st == unknown:
            low = it.fraction
            t.best_credit += w * it.high if low is not None else w
            t.worst_credit += w * low if low is not None else 0.0
            t.applicable += w
            if d not in applicable:
                applicable[d] = None
    counts = [t.n for t in dims.values()]
    total = Tally(n={s: sum(n[s] for n in counts) for s in _STATUSES})
    return Tallies(dims, total, list(known), list(applicable))


def overall_from(t: Tallies, dim_weights: dict[str, float], which: str = "score", unknown_as_gap: bool = False) -> float | None:
    """:func:`engine.score.overall_of` from the sums: ``which`` is ``score``, ``best`` (every unknown met) or ``worst`` (every one a gap)."""
    return overall_score([(t.dims[d].score(unknown_as_gap) if which == "score" else t.dims[d].best() if which == "best" else t.dims[d].worst(),
                           w) for d, w in dim_weights.items()])


def gains_from(t: Tallies, items: Iterable[Scored], dim_weights: dict[str, float], unknown_as_gap: bool = False,
               resolved: bool = False) -> dict[str, float]:
    """:func:`engine.score.score_gains` (or, ``resolved``, :func:`engine.score.resolved_gains`) from the sums: a gap's gain is to its next level."""
    every = resolved or unknown_as_gap  # unknowns in the denominators
    order = t.applicable_order if every else t.known_order
    denom = {d: (t.dims[d].applicable if every else t.dims[d].known) for d in order}
    total = sum(dim_weights[d] for d, v in denom.items() if v > 0)
    return {it.rule: 100.0 * (it.weight * it.high - it.credit) / denom[it.dimension] * dim_weights[it.dimension] / total
            for it in items if it.status == Status.gap}
