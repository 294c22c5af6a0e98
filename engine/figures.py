"""The figures of one assessment: its score, its dimensions and what its recommendations are computed from, from each
rule's status and levels reached, in one pass over them (:mod:`engine.tally`); ratings withheld where the evidence is thin
and kept only where robust. Language-neutral: no text is written here."""

from __future__ import annotations

from typing import Any, cast

from engine import assessment as m
from engine.evaluate.findings import Finding
from engine.evaluate.levels import Reached
from engine.evaluate.statuses import other_kinds
from engine.pack.compiled import CompiledRule, Pack
from engine.pack.levels import span
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.records import record
from engine.score import Scored, band_range, confidence, rating, withheld
from engine.tally import Tallies, Tally, overall_from, tallies


def num(x: float) -> float | int:
    """Integral weights print as integers (2, not 2.0)."""
    return int(x) if float(x).is_integer() else x


def round_to(x: float | None, digits: int = 1) -> float | None:
    return None if x is None else round(x + 0.0, digits)


@record
class Figures:
    """The figures of one assessment: its score and dimensions, and what its recommendations are computed from."""

    score: m.Score
    dimensions: list[m.Dimension]
    levels: list[m.Level | None]
    items: list[Scored]
    sums: Tallies
    weights: dict[str, float]


def figures(pack: Pack, profile: Profile, found: list[Finding]) -> Figures:
    """Every figure of the assessment of ``found`` (one pass over the findings, :mod:`engine.tally`)."""
    return figures_of(pack, profile, [(f.rule, f.status, f.level) for f in found])


def figures_of(pack: Pack, profile: Profile, found: list[tuple[CompiledRule, Status, Reached | None]], with_levels: bool = True,
               of_kind: bool = False) -> Figures:
    """:func:`figures` of each rule's (rule, status, levels reached); ``with_levels=False`` leaves the findings' levels out
    (a summary: no :class:`engine.assessment.Level` is made); ``of_kind``: ``found`` holds only the rules of the profile's
    kind (the others are counted as not applicable)."""
    as_gap = pack.header.scoring.unknown == "gap"
    levels: list[m.Level | None] = []
    items: list[Scored] = []
    shared = _scored(pack)
    weights = {d.id: d.weight for d in pack.header.dimensions}
    asked: dict[str, set[str]] = {d: set() for d in weights}  # each dimension's facts to collect
    facts, incomplete, unknown = profile.facts, profile.incomplete, Status.unknown
    for cr, st, at in found:
        dimension, scored, requires = shared[id(cr)]
        if at is None:
            items.append(scored[st])
            if with_levels:
                levels.append(None)
        else:
            items.append(_graded(cr, st, at))
            if with_levels:
                levels.append(level_data(cr, at))
        if st == unknown:
            asked[dimension].update([x for x in requires if x not in facts or x in incomplete])
    bands = pack.header.ratings
    sums = tallies(items, weights, _other_kinds(pack, profile.kind) if of_kind else None)  # every figure below from one pass
    overall = overall_from(sums, weights, "score", as_gap)
    sc = pack.header.scoring
    levels_ = (sc.confidence.medium, sc.confidence.high) if sc.confidence else ()
    banded = sc.unknown != "gap"  # a pack that counts unknowns as gaps rates by its method: no range of bands
    met, gap = Status.met, Status.gap
    dimensions = []
    for d in pack.header.dimensions:  # what rated() and robust() set, worked out here in one go (each dimension's object made once)
        t = sums.dims[d.id]
        n = t.n
        s = t.score(as_gap)
        cov = round_to(t.coverage(), 2)
        best, worst = round_to(t.best()), round_to(t.worst())
        held = withheld(cov, sc.min_coverage)
        few = t.too_few(sc.min_assessed)
        bands_range = band_range(worst, best, bands) if banded else None
        dimensions.append(m.Dimension(
            id=d.id, title="", weight=num(d.weight), score=None if held or few else round_to(s),
            rating=None if held or few or bands_range else rating(s, bands), coverage=cov,
            counts=m.Counts(met=n[met], gap=n[gap], unknown=n[unknown], not_applicable=n[Status.not_applicable]),
            confidence=cast(Any, confidence(cov, *levels_)), withheld=held, facts_to_collect=len(asked[d.id]), best_case=best,
            worst_case=worst, too_few=few, rating_range=bands_range))
    score = m.Score(
        overall=round_to(overall), rating=rating(overall, bands), coverage=round_to(sums.total.coverage(), 2),
        best_case=round_to(overall_from(sums, weights, "best")), worst_case=round_to(overall_from(sums, weights, "worst")),
        unknown_policy=pack.header.scoring.unknown,
    )
    rated(pack, score, set().union(*asked.values()))
    robust(pack, score, sums.total)
    return Figures(score, dimensions, levels, items, sums, weights)


def _other_kinds(pack: Pack, kind: str) -> dict[str, int]:
    held = _OTHER.get((id(pack), kind))
    if held is None or held[0] is not pack:
        held = _OTHER[(id(pack), kind)] = (pack, other_kinds(pack, kind))
    return held[1]


_OTHER: dict[tuple[int, str], tuple[Pack, dict[str, int]]] = {}


def _scored(pack: Pack) -> dict[int, tuple[str, dict[Status, Scored], tuple[str, ...]]]:
    """Per rule (by id: the pack holds its rules): its dimension, the :class:`Scored` of each status it can have ungraded
    (the same for every profile, and frozen: shared) and the facts it needs; made once per pack, held with it."""
    held = _SCORED.get(id(pack))
    if held is None or held[0] is not pack:
        held = _SCORED[id(pack)] = (pack, {id(cr): (cr.rule.dimension, {st: Scored(cr.rule.id, cr.rule.dimension, st, cr.rule.weight) for st in Status},
                                                    tuple(cr.requires)) for cr in pack.rules})
    return held[1]


_SCORED: dict[int, tuple[Pack, dict[int, tuple[str, dict[Status, Scored], tuple[str, ...]]]]] = {}


def _graded(cr: CompiledRule, st: Status, at: Reached) -> Scored:
    """The :class:`Scored` of a graded finding: made once per rule, status and range of levels (it is frozen: shared)."""
    key = (cr.rule.id, st, at.low, at.high)
    held = _GRADED.get(key)
    if held is None or held[0] is not cr:
        ids = [lv.id for lv in cr.levels]
        held = _GRADED[key] = (cr, Scored(cr.rule.id, cr.rule.dimension, st, cr.rule.weight,
                                          *span(cr.rule, ids[at.low - 1] if at.low else None, None if at.decided else ids[at.high - 1])))
    return held[1]


_GRADED: dict[tuple[str, Status, int, int], tuple[CompiledRule, Scored]] = {}


def level_data(cr: CompiledRule, at: Reached) -> m.Level:
    """A graded finding's level as the assessment holds it (ids, language-neutral; the labels come from the pack)."""
    ids = [lv.id for lv in cr.levels]
    low = ids[at.low - 1] if at.low else None
    frac = round(cr.levels[at.low - 1].fraction if at.low else 0.0, 4)
    if at.decided:
        return m.Level(reached=low, levels=ids, fraction=frac)
    return m.Level(reached=low, levels=ids, fraction=frac, up_to=ids[at.high - 1], range=[frac, round(cr.levels[at.high - 1].fraction, 4)])


def rated(pack: Pack, part: m.Score | m.Dimension, asked: set[str]) -> None:
    """Confidence from coverage, the rating withheld below the pack's min_coverage, and the facts to collect (``asked``: the
    distinct facts the unknown findings need that the profile does not state, or states as a list not marked complete)."""
    sc = pack.header.scoring
    levels = sc.confidence
    part.confidence = confidence(part.coverage, *((levels.medium, levels.high) if levels else ()))  # type: ignore[assignment]
    part.withheld = withheld(part.coverage, sc.min_coverage)
    if part.withheld:
        part.rating = None
    part.facts_to_collect = len(asked)


def robust(pack: Pack, part: m.Score | m.Dimension, sums: Tally) -> None:
    """A rating only where it is robust: enough criteria assessed (the pack's min_assessed) and the same band whatever the
    unknowns turn out to be; else rating null (with the two bands), and the score null too when withheld or too few are assessed."""
    part.too_few = sums.too_few(pack.header.scoring.min_assessed)
    # a pack that counts unknowns as gaps rates by its method (a missing answer is 0): its band is the method's
    part.rating_range = None if pack.header.scoring.unknown == "gap" else band_range(part.worst_case, part.best_case, pack.header.ratings)
    if part.withheld or part.too_few or part.rating_range:
        part.rating = None
    if (part.withheld or part.too_few) and isinstance(part, m.Score):
        part.overall = None
    elif (part.withheld or part.too_few) and isinstance(part, m.Dimension):
        part.score = None


