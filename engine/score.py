"""Scores, coverage, ratings and score gains: the formulas of the DESIGN contract."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field

from engine.pack.model import Band, Status
from engine.records import record


@record(frozen=True)
class Scored:
    """What scoring needs of one finding."""

    rule: str
    dimension: str
    status: Status
    weight: float


def dimension_score(items: Iterable[Scored], unknown_as_gap: bool = False) -> float | None:
    """100 x met weight / (met + gap) weight; None when nothing is known.

    >>> dimension_score([Scored("A", "d", Status.met, 2), Scored("B", "d", Status.gap, 1)])
    66.66666666666667
    >>> dimension_score([Scored("A", "d", Status.unknown, 2)]) is None
    True
    >>> dimension_score([Scored("A", "d", Status.unknown, 2)], unknown_as_gap=True)
    0.0
    """
    met = gap = 0.0
    for it in items:
        if it.status == Status.met:
            met += it.weight
        elif it.status == Status.gap or (unknown_as_gap and it.status == Status.unknown):
            gap += it.weight
    return None if met + gap == 0 else 100.0 * met / (met + gap)


def overall_score(scores: Sequence[tuple[float | None, float]]) -> float | None:
    """Dimension-weighted mean of the non-null dimension scores.

    >>> overall_score([(50.0, 1), (100.0, 3), (None, 5)])
    87.5
    """
    pairs = [(s, w) for s, w in scores if s is not None]
    total = sum(w for _, w in pairs)
    return None if total == 0 else sum(s * w for s, w in pairs) / total


def coverage(items: Iterable[Scored]) -> float | None:
    """Known (met or gap) / applicable (met, gap or unknown).

    >>> coverage([Scored("A", "d", Status.met, 1), Scored("B", "d", Status.unknown, 1), Scored("C", "d", Status.not_applicable, 1)])
    0.5
    """
    known = applicable = 0
    for it in items:
        if it.status != Status.not_applicable:
            applicable += 1
            known += it.status in (Status.met, Status.gap)
    return None if applicable == 0 else known / applicable


def rating(score: float | None, bands: Sequence[Band]) -> str | None:
    """The highest band whose lower bound the score reaches (bounds are inclusive)."""
    if score is None:
        return None
    chosen = bands[0].id
    for band in bands:
        if score + 1e-9 >= band.min:
            chosen = band.id
    return chosen


def overall_of(items: Sequence[Scored], dim_weights: dict[str, float], unknown_as_gap: bool = False) -> float | None:
    by_dim: dict[str, list[Scored]] = {d: [] for d in dim_weights}
    for it in items:
        by_dim[it.dimension].append(it)
    return overall_score([(dimension_score(v, unknown_as_gap), dim_weights[d]) for d, v in by_dim.items()])


def with_status(items: Sequence[Scored], change: dict[str, Status]) -> list[Scored]:
    return [Scored(i.rule, i.dimension, change.get(i.rule, i.status), i.weight) for i in items]


def score_gain(items: Sequence[Scored], rule: str, dim_weights: dict[str, float], unknown_as_gap: bool = False) -> float:
    """How much the overall score rises if that one gap were closed (re-scored with it met).

    >>> items = [Scored("A", "x", Status.met, 1), Scored("B", "x", Status.gap, 1), Scored("C", "y", Status.gap, 2)]
    >>> round(score_gain(items, "C", {"x": 1, "y": 1}), 2)
    50.0
    """
    before = overall_of(items, dim_weights, unknown_as_gap) or 0.0
    after = overall_of(with_status(items, {rule: Status.met}), dim_weights, unknown_as_gap) or 0.0
    return after - before


def next_band(items: Sequence[Scored], dim_weights: dict[str, float], bands: Sequence[Band],
              unknown_as_gap: bool = False) -> tuple[list[str], float, Band] | None:
    """The smallest set of gaps whose closure lifts the overall score into the next band.

    Closing a gap adds a fixed amount to its dimension's score (the denominator does not change) and
    the overall score is a fixed-weight mean, so gains add up: taking the largest gains first gives a
    smallest set. Returns (rules, score after, band), or None when there is no higher band or even
    closing every gap would not reach it.

    >>> b = [Band(id="low", min=0, title={}), Band(id="high", min=75, title={})]
    >>> items = [Scored("A", "x", Status.met, 1), Scored("B", "x", Status.gap, 1), Scored("C", "x", Status.gap, 2)]
    >>> rules, after, band = next_band(items, {"x": 1}, b)
    >>> rules, round(after, 1), band.id
    (['C'], 75.0, 'high')
    """
    current = overall_of(items, dim_weights, unknown_as_gap)
    if current is None:
        return None
    higher = [b for b in bands if b.min > current + 1e-9]
    if not higher:
        return None
    target = higher[0]
    gains = score_gains(items, dim_weights, unknown_as_gap)
    gaps = sorted((i for i in items if i.status == Status.gap), key=lambda i: (-round(gains[i.rule], 9), i.rule))
    chosen: list[str] = []
    for gap in gaps:
        chosen.append(gap.rule)
        after = overall_of(with_status(items, {r: Status.met for r in chosen}), dim_weights, unknown_as_gap) or 0.0
        if after + 1e-9 >= target.min:
            return chosen, after, target
    return None


def score_gains(items: Sequence[Scored], dim_weights: dict[str, float], unknown_as_gap: bool = False) -> dict[str, float]:
    """Every gap's score gain at once, in closed form (what :func:`score_gain` computes by re-scoring).

    Closing a gap moves only its own dimension, whose denominator stays the same, and that dimension
    already counts in the overall score; so the gain is 100 x weight / denominator(dim) x W(dim) / sum W.

    >>> items = [Scored("A", "x", Status.met, 1), Scored("B", "x", Status.gap, 1), Scored("C", "y", Status.gap, 2)]
    >>> {k: round(v, 2) for k, v in score_gains(items, {"x": 1, "y": 1}).items()}
    {'B': 25.0, 'C': 50.0}
    """
    denom: dict[str, float] = {}
    for it in items:
        if it.status in (Status.met, Status.gap) or (unknown_as_gap and it.status == Status.unknown):
            denom[it.dimension] = denom.get(it.dimension, 0.0) + it.weight
    total = sum(dim_weights[d] for d, v in denom.items() if v > 0)
    return {it.rule: 100.0 * it.weight / denom[it.dimension] * dim_weights[it.dimension] / total
            for it in items if it.status == Status.gap}


def confidence(cov: float | None, medium: float = 50, high: float = 80) -> str | None:
    """How far a rating can be trusted, from its coverage (a share) and the pack's thresholds (percent).

    >>> confidence(0.3), confidence(0.5), confidence(0.85), confidence(None)
    ('low', 'medium', 'high', None)
    """
    if cov is None:
        return None
    pct = 100 * cov + 1e-9
    return "high" if pct >= high else "medium" if pct >= medium else "low"


def withheld(cov: float | None, min_coverage: float) -> bool:
    """Whether the rating is withheld: some criteria apply but fewer than ``min_coverage`` percent are known.

    >>> withheld(0.33, 60), withheld(0.6, 60), withheld(None, 60), withheld(0.0, 0)
    (True, False, False, False)
    """
    return cov is not None and 100 * cov + 1e-9 < min_coverage


def resolved_gains(items: Sequence[Scored], dim_weights: dict[str, float], unknown_as_gap: bool = False) -> dict[str, float]:
    """Every gap's score gain once every unknown is known. Met or gap, a resolved unknown joins its dimension's
    denominator, so the gain is the same whichever way the unknowns fall; the gain now (nothing more known) is the
    other end: knowing more only adds to denominators, so every resolution's gain lies between the two.

    >>> items = [Scored("A", "x", Status.gap, 1), Scored("B", "x", Status.unknown, 1)]
    >>> score_gains(items, {"x": 1})["A"], resolved_gains(items, {"x": 1})["A"]
    (100.0, 50.0)
    """
    resolved = with_status(items, {i.rule: Status.gap for i in items if i.status == Status.unknown})
    gains = score_gains(resolved, dim_weights, unknown_as_gap)
    return {i.rule: gains[i.rule] for i in items if i.status == Status.gap}


def too_few(items: Iterable[Scored], min_assessed: int) -> bool:
    """Whether some criteria apply but fewer than ``min_assessed`` of them are assessed (met or gap).

    >>> too_few([Scored("A", "d", Status.met, 1), Scored("B", "d", Status.unknown, 1)], 2), too_few([], 3)
    (True, False)
    """
    statuses = [i.status for i in items if i.status != Status.not_applicable]
    return bool(statuses) and sum(s in (Status.met, Status.gap) for s in statuses) < min_assessed


def band_range(worst: float | None, best: float | None, bands: Sequence[Band]) -> list[str] | None:
    """The bands of the lowest and highest score the unknowns allow, when they differ (the rating is not robust).

    >>> b = [Band(id="low", min=0, title={}), Band(id="high", min=75, title={})]
    >>> band_range(50, 80, b), band_range(80, 90, b), band_range(None, None, b)
    (['low', 'high'], None, None)
    """
    low, high = rating(worst, bands), rating(best, bands)
    return None if low is None or high is None or low == high else [low, high]


# One pass: every figure above of one assessment from sums taken once over its findings (engine/assess.py).
@record
class Tally:
    """What the formulas read of one dimension's findings, summed in one pass in the findings' order: the order the
    formulas above add them in, so each figure is bit for bit the one they compute (floating-point sums depend on order)."""

    met: float = 0.0  # weights of the met findings
    gap: float = 0.0  # of the gaps
    met_unknown: float = 0.0  # of the met and unknown ones (the best case: every unknown met)
    gap_unknown: float = 0.0  # of the gaps and unknowns (the worst case; and the score where unknowns count as gaps)
    known: float = 0.0  # of the met and gaps, taken in turn (a gain's denominator)
    applicable: float = 0.0  # of the met, gaps and unknowns in turn (the denominator once every unknown is known)
    n: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))  # findings of each status

    def score(self, unknown_as_gap: bool = False) -> float | None:
        return _ratio(self.met, self.gap_unknown if unknown_as_gap else self.gap)

    def best(self) -> float | None:
        return _ratio(self.met_unknown, self.gap)

    def worst(self) -> float | None:
        return _ratio(self.met, self.gap_unknown)

    def coverage(self) -> float | None:
        known, applicable = self.n[Status.met] + self.n[Status.gap], self.n[Status.met] + self.n[Status.gap] + self.n[Status.unknown]
        return None if applicable == 0 else known / applicable

    def too_few(self, min_assessed: int) -> bool:
        return self.n[Status.met] + self.n[Status.gap] + self.n[Status.unknown] > 0 and self.n[Status.met] + self.n[Status.gap] < min_assessed


def _ratio(met: float, gap: float) -> float | None:
    return None if met + gap == 0 else 100.0 * met / (met + gap)


@record
class Tallies:
    """Every dimension's :class:`Tally` (in the pack's order), the whole assessment's, and the dimensions in the order
    their first known (met or gap) and first applicable finding come (the order :func:`score_gains` sums their weights in)."""

    dims: dict[str, Tally]
    total: Tally
    known_order: list[str]
    applicable_order: list[str]


def tallies(items: Iterable[Scored], dimensions: Iterable[str]) -> Tallies:
    """The sums of :class:`Tallies`, in one pass over ``items`` (tests/test_score_properties.py checks them against the formulas)."""
    dims = {d: Tally() for d in dimensions}
    known: dict[str, None] = {}
    applicable: dict[str, None] = {}
    met, gap, unknown = Status.met, Status.gap, Status.unknown
    for it in items:
        t, w, st = dims[it.dimension], it.weight, it.status
        t.n[st] += 1
        if st == met:
            t.met, t.met_unknown = t.met + w, t.met_unknown + w
        elif st == gap:
            t.gap, t.gap_unknown = t.gap + w, t.gap_unknown + w
        elif st == unknown:
            t.met_unknown, t.gap_unknown, t.applicable = t.met_unknown + w, t.gap_unknown + w, t.applicable + w
            applicable.setdefault(it.dimension)
        if st == met or st == gap:
            t.known, t.applicable = t.known + w, t.applicable + w
            known.setdefault(it.dimension)
            applicable.setdefault(it.dimension)
    total = Tally(n={s: sum(t.n[s] for t in dims.values()) for s in Status})
    return Tallies(dims, total, list(known), list(applicable))


def overall_from(t: Tallies, dim_weights: dict[str, float], which: str = "score", unknown_as_gap: bool = False) -> float | None:
    """:func:`overall_of` from the sums: ``which`` is ``score``, ``best`` (every unknown met) or ``worst`` (every one a gap)."""
    return overall_score([(t.dims[d].score(unknown_as_gap) if which == "score" else t.dims[d].best() if which == "best" else t.dims[d].worst(),
                           w) for d, w in dim_weights.items()])


def gains_from(t: Tallies, items: Iterable[Scored], dim_weights: dict[str, float], unknown_as_gap: bool = False,
               resolved: bool = False) -> dict[str, float]:
    """:func:`score_gains` (or, ``resolved``, :func:`resolved_gains`) from the sums."""
    every = resolved or unknown_as_gap  # unknowns in the denominators
    order = t.applicable_order if every else t.known_order
    denom = {d: (t.dims[d].applicable if every else t.dims[d].known) for d in order}
    total = sum(dim_weights[d] for d, v in denom.items() if v > 0)
    return {it.rule: 100.0 * it.weight / denom[it.dimension] * dim_weights[it.dimension] / total for it in items if it.status == Status.gap}
