"""The figures of one assessment: its score, its dimensions and what its recommendations are computed from, from each
rule's status and levels reached, in one pass over them (:mod:`engine.tally`); ratings withheld where the evidence is thin
and kept only where robust. Language-neutral: no text is written here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from engine import assessment as m
from engine.evaluate.findings import Finding
from engine.evaluate.levels import Reached
from engine.evaluate.literals import MEMO
from engine.evaluate.statuses import keys_of, other_kinds, reached
from engine.evaluate.trace import Trace
from engine.pack.compiled import CompiledRule, Pack
from engine.pack.levels import span
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.records import record
from engine.score import Scored, band_range, confidence, rating, withheld
from engine.tally import Tallies, Tally, overall_from, tallies

T = TypeVar("T")


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
    levels: list[m.Level | None] = []
    items: list[Scored] = []
    shared = _scored(pack)
    weights = {d.id: d.weight for d in pack.header.dimensions}
    asked: dict[str, set[str]] = {d: set() for d in weights}  # each dimension's facts to collect
    facts, incomplete, unknown = profile.facts, profile.incomplete, Status.unknown
    for f in found:
        cr, st, at = f.rule, f.status, f.level
        dimension, scored, requires = shared[id(cr)]
        if at is None:
            items.append(scored[st])
            levels.append(None)
        else:
            items.append(_graded(cr, st, at))
            levels.append(level_data(cr, at))
        if st == unknown:
            asked[dimension].update([x for x in requires if x not in facts or x in incomplete])
    sums = tallies(items, weights)  # every figure below from one pass
    score, dimensions = _scores(pack, sums, weights, asked)
    return Figures(score, dimensions, levels, items, sums, weights)


def summary_figures(pack: Pack, profile: Profile, trace: Trace) -> tuple[m.Score, list[m.Dimension], list[str]]:
    """The score and dimensions :func:`figures` gives the findings of the profile's kind of rules (their statuses alone,
    :func:`engine.evaluate.statuses.statuses`), and the ids of the rules found gaps, in one pass over those rules, a
    dimension at a time: each rule's status read from the trace and added to its dimension's sums as it comes, in the
    order and with the arithmetic of :func:`engine.tally.tallies` (the same figures, bit for bit: tested), with no list of
    statuses or of scored findings in between. A batch's summary row."""
    fired, closed = trace.fired, trace.closed
    facts, incomplete = profile.facts, profile.incomplete
    met, gap, unknown = _MET, _GAP, _UNKNOWN
    dims: dict[str, Tally] = {}
    asked: dict[str, set[str]] = {}
    gaps: list[tuple[int, str]] = []
    for dim, other, rows in _summary_rows(pack, profile.kind):
        credit = known = best = worst = applicable = 0.0
        n_met = n_gap = n_unknown = 0
        n_na = other
        needs: set[str] = set()
        for pos, cr, rid, w, key, neg, app, app_neg, levels, requires in rows:
            st = unknown
            if app is not None:
                st = met if fired.get(app) else gap if fired.get(app_neg) or app in closed else unknown
                if st == gap:  # not applicable: counted only
                    n_na += 1
                    continue
            fraction: float | None = None
            high = 1.0
            if not levels:
                if app is None or st == met:
                    st = met if fired.get(key) else gap if fired.get(neg) or key in closed else unknown
            else:
                at = reached(levels, fired, closed)
                if app is None or st == met:
                    st = at.status
                scored = _graded(cr, st, at)
                fraction, high = scored.fraction, scored.high
            if st == met or st == gap:
                c = w * (fraction if fraction is not None else float(st == met))
                credit, best, worst = credit + c, best + c, worst + c
                known, applicable = known + w, applicable + w
                if st == met:
                    n_met += 1
                else:
                    n_gap += 1
                    gaps.append((pos, rid))
            else:
                n_unknown += 1
                best += w * high if fraction is not None else w
                worst += w * fraction if fraction is not None else 0.0
                applicable += w
                needs.update(requires)
        dims[dim] = Tally(credit, known, best, worst, applicable, {met: n_met, gap: n_gap, unknown: n_unknown, _NA: n_na})
        asked[dim] = {x for x in needs if x not in facts or x in incomplete}
    total = Tally(n={s: sum(t.n[s] for t in dims.values()) for s in Status})
    score, dimensions = _scores(pack, Tallies(dims, total, [], []), {d.id: d.weight for d in pack.header.dimensions}, asked, shared=True)
    return score, dimensions, [rid for _pos, rid in sorted(gaps)]


_SummaryRow = tuple[int, CompiledRule, str, float, str, str, str | None, str, tuple[tuple[str, str], ...], tuple[str, ...]]


def _summary_rows(pack: Pack, kind: str) -> list[tuple[str, int, list[_SummaryRow]]]:
    """Per dimension of the pack, in its order: its rules of another kind than ``kind`` (counted as not applicable) and, per
    rule of ``kind`` in the pack's order, its position, itself, its id and weight, its trace keys
    (:func:`engine.evaluate.statuses.keys_of`) and the facts it needs; once per pack and kind."""
    def make() -> list[tuple[str, int, list[_SummaryRow]]]:
        other = _other_kinds(pack, kind)
        rows: dict[str, list[_SummaryRow]] = {d.id: [] for d in pack.header.dimensions}
        for pos, (cr, _kinds, key, neg, app, app_neg, levels) in enumerate(keys_of(pack, kind)):
            rows[cr.rule.dimension].append((pos, cr, cr.rule.id, cr.rule.weight, key, neg, app, app_neg, levels, tuple(cr.requires)))
        return [(d, other.get(d, 0), r) for d, r in rows.items()]

    return _held(_ROWS, (id(pack), kind), pack, make)


_ROWS: dict[tuple[int, str], tuple[Pack, list[tuple[str, int, list[_SummaryRow]]]]] = {}


def _scores(pack: Pack, sums: Tallies, weights: dict[str, float], asked: dict[str, set[str]], shared: bool = False) -> tuple[m.Score, list[m.Dimension]]:
    """The score and the dimensions shown of the sums (``asked``: each dimension's facts to collect). ``shared``: a dimension
    whose sums and facts to collect an earlier profile had is that profile's object, not a new one (a batch's summary,
    which only reads them: a dimension's few sums repeat from one profile to the next)."""
    as_gap = pack.header.scoring.unknown == "gap"
    dimensions = []
    memo = _held(_DIMENSIONS, id(pack), pack, dict) if shared else None
    for d in pack.header.dimensions:
        t = sums.dims[d.id]
        n = t.n
        key = (d.id, t.credit, t.known, t.best_credit, t.worst_credit, t.applicable, n[_MET], n[_GAP], n[_UNKNOWN], n[_NA], len(asked[d.id]))
        dim = memo.get(key) if memo is not None else None
        if dim is None:
            shown = _shown(pack, t.score(as_gap), t.coverage(), t.best(), t.worst(), t, len(asked[d.id]))
            dim = m.Dimension(id=d.id, title="", weight=num(d.weight), score=shown.pop("point"), **shown,
                              counts=m.Counts(met=n[_MET], gap=n[_GAP], unknown=n[_UNKNOWN], not_applicable=n[_NA]))
            if memo is not None:
                if len(memo) >= MEMO:
                    memo.clear()
                memo[key] = dim
        dimensions.append(dim)
    shown = _shown(pack, overall_from(sums, weights, "score", as_gap), sums.total.coverage(), overall_from(sums, weights, "best"),
                   overall_from(sums, weights, "worst"), sums.total, len(set().union(*asked.values())))
    score = m.Score(overall=shown.pop("point"), **shown, unknown_policy=pack.header.scoring.unknown)
    return score, dimensions


_DIMENSIONS: dict[int, tuple[Pack, dict[tuple[Any, ...], m.Dimension]]] = {}


def _held(memos: dict[Any, tuple[Pack, T]], key: Any, pack: Pack, make: Callable[[], T]) -> T:
    """What ``make`` gives for ``pack`` (under ``key``, its id and more), made once: held with the pack, so that its id is
    never another pack's."""
    held = memos.get(key)
    if held is None or held[0] is not pack:
        held = memos[key] = (pack, make())
    return held[1]


def _other_kinds(pack: Pack, kind: str) -> dict[str, int]:
    return _held(_OTHER, (id(pack), kind), pack, lambda: other_kinds(pack, kind))


_OTHER: dict[tuple[int, str], tuple[Pack, dict[str, int]]] = {}


def _scored(pack: Pack) -> dict[int, tuple[str, dict[Status, Scored], tuple[str, ...]]]:
    """Per rule (by id: the pack holds its rules): its dimension, the :class:`Scored` of each status it can have ungraded
    (the same for every profile, and frozen: shared) and the facts it needs; made once per pack, held with it."""
    return _held(_SCORED, id(pack), pack, lambda: {id(cr): (cr.rule.dimension, {st: Scored(cr.rule.id, cr.rule.dimension, st, cr.rule.weight) for st in Status},
                                                            tuple(cr.requires)) for cr in pack.rules})


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


def _shown(pack: Pack, point: float | None, cov: float | None, best: float | None, worst: float | None, sums: Tally,
           asked: int) -> dict[str, Any]:
    """What a score or dimension shows of its figures (``point``, the score; ``asked``: the distinct facts its unknown findings
    need that the profile does not state, or states as a list not marked complete):
    - confidence from coverage, and the rating withheld below the pack's min_coverage;
    - a rating only where it is robust: enough criteria assessed (the pack's min_assessed) and the same band whatever the
      unknowns turn out to be; else no rating (with the two bands), and no point score when withheld or too few are assessed.
    A pack that counts unknowns as gaps rates by its method (a missing answer is 0): its band is the method's, no range.

    Remembered per pack and figures (a dimension's few scores repeat from one profile to the next): a copy is returned."""
    n = sums.n
    assessed = n[_MET] + n[_GAP]
    key = (point, cov, best, worst, assessed, n[_UNKNOWN], asked)
    memo = _held(_SHOWN, id(pack), pack, dict)
    found = memo.get(key)
    if found is None:
        if len(memo) >= MEMO:
            memo.clear()
        found = memo[key] = _shown_of(pack, point, cov, best, worst, sums, asked)
    return dict(found)


_MET, _GAP, _UNKNOWN, _NA = Status.met, Status.gap, Status.unknown, Status.not_applicable  # an enum member read from its class costs a descriptor call
_SHOWN: dict[int, tuple[Pack, dict[tuple[Any, ...], dict[str, Any]]]] = {}


def _shown_of(pack: Pack, point: float | None, cov: float | None, best: float | None, worst: float | None, sums: Tally,
              asked: int) -> dict[str, Any]:
    """:func:`_shown`, worked out."""
    sc, bands = pack.header.scoring, pack.header.ratings
    levels = (sc.confidence.medium, sc.confidence.high) if sc.confidence else ()
    coverage, best_case, worst_case = round_to(cov, 2), round_to(best), round_to(worst)
    held = withheld(coverage, sc.min_coverage)
    few = sums.too_few(sc.min_assessed)
    bands_range = None if sc.unknown == "gap" else band_range(worst_case, best_case, bands)
    return {"point": None if held or few else round_to(point), "rating": None if held or few or bands_range else rating(point, bands),
            "coverage": coverage, "confidence": confidence(coverage, *levels), "withheld": held, "facts_to_collect": asked,
            "best_case": best_case, "worst_case": worst_case, "too_few": few, "rating_range": bands_range}


