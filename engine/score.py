"""Scores, coverage, ratings and score gains: the formulas of the DESIGN contract."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from engine.pack.model import Band, Status
from engine.records import record


@record(frozen=True)
class Scored:
    """What scoring needs of one finding."""

    rule: str
    dimension: str
    status: Status
    weight: float
    # a graded criterion (engine/evaluate/levels.py): the fraction of its weight met (known: its level's; unknown: the lowest
    # it certainly reaches) and the most it may reach (unknown: the highest level possible; a gap: its next level)
    fraction: float | None = None
    high: float = 1.0

    @property
    def credit(self) -> float:
        """The weight counted as met of a known finding."""
        return self.weight * (self.fraction if self.fraction is not None else float(self.status == Status.met))


def dimension_score(items: Iterable[Scored], unknown_as_gap: bool = False) -> float | None:
    """100 x met weight / (met + gap) weight; None when nothing is known.

    >>> dimension_score([Scored("A", "d", Status.met, 2), Scored("B", "d", Status.gap, 1)])
    66.66666666666667
    >>> dimension_score([Scored("A", "d", Status.unknown, 2)]) is None
    True
    >>> dimension_score([Scored("A", "d", Status.unknown, 2)], unknown_as_gap=True)
    0.0
    """
    met = known = 0.0
    for it in items:
        st = it.status
        if st == _MET or st == _GAP or (unknown_as_gap and st == _UNKNOWN):
            met += it.credit if st != _UNKNOWN else 0.0
            known += it.weight
    return None if known == 0 else 100.0 * met / known


_MET, _GAP, _UNKNOWN = Status.met, Status.gap, Status.unknown  # an enum member read from its class is a descriptor call


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
    """``items`` with some statuses changed: met is the most a graded one may reach (an unknown's highest level, a gap's
    next), a gap the least (an unknown's lowest level)."""
    return [i if i.rule not in change else Scored(i.rule, i.dimension, change[i.rule], i.weight, _changed(i, change[i.rule]), i.high)
            for i in items]


def _changed(i: Scored, to: Status) -> float | None:
    if i.fraction is None:
        return None
    return i.high if to == Status.met else i.fraction if i.status == Status.unknown or to == i.status else 0.0


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
    # each step re-scores only the dimension of the gap it closes: the others keep their items, so their scores, and the
    # overall score is taken over the dimensions in the same order: bit for bit overall_of(with_status(items, chosen))
    by_dim: dict[str, list[Scored]] = {d: [] for d in dim_weights}
    for it in items:
        by_dim[it.dimension].append(it)
    scores = {d: dimension_score(v, unknown_as_gap) for d, v in by_dim.items()}
    chosen: list[str] = []
    for gap in gaps:
        chosen.append(gap.rule)
        d = gap.dimension
        by_dim[d] = with_status(by_dim[d], {gap.rule: Status.met})
        scores[d] = dimension_score(by_dim[d], unknown_as_gap)
        after = overall_score([(scores[d], w) for d, w in dim_weights.items()]) or 0.0
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
    return {it.rule: 100.0 * (it.weight * it.high - it.credit) / denom[it.dimension] * dim_weights[it.dimension] / total
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
