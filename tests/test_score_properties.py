"""The closed-form score gains equal re-scoring with the gap closed, for any findings (graded ones too); the best and worst
cases hold every resolution of the unknowns."""

import dataclasses
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.pack.model import Band, Status
from engine.score import (
    Scored,
    coverage,
    dimension_score,
    next_band,
    overall_of,
    resolved_gains,
    score_gain,
    score_gains,
    too_few,
    with_status,
)
from engine.tally import gains_from, overall_from, tallies

finding = st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(list(Status)), st.sampled_from([0.5, 1.0, 2.0, 3.0]))


@settings(max_examples=300, deadline=None)
@given(st.lists(finding, min_size=1, max_size=25), st.booleans(), st.fixed_dictionaries({d: st.sampled_from([1.0, 2.0, 0.5]) for d in "abc"}))
def test_closed_form_gains_equal_rescoring(rows, as_gap, weights):
    items = [Scored(f"R{i}", d, s, w) for i, (d, s, w) in enumerate(rows)]
    closed = score_gains(items, weights, as_gap)
    for it in items:
        if it.status == Status.gap:
            assert abs(closed[it.rule] - score_gain(items, it.rule, weights, as_gap)) < 1e-9


any_weight = st.sampled_from([0.5, 1.0, 2.0, 3.0, 0.1, 0.7, 1.3, 2.9])


# graded criteria: a finding counts the fraction of its weight its level reaches; a gap's gain is its next level's
graded = st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(list(Status)), st.sampled_from([0.5, 1.0, 2.0]),
                   st.booleans(), st.sampled_from([0.0, 0.25, 0.5]), st.sampled_from([0.75, 1.0]))


def _items(rows):
    out = []
    for i, (d, s, w, is_graded, low, high) in enumerate(rows):
        if not is_graded or s == Status.not_applicable:
            out.append(Scored(f"R{i}", d, s, w))
        else:  # met: the top level; a gap: its level and the next; unknown: the lowest and highest level possible
            out.append(Scored(f"R{i}", d, s, w, 1.0 if s == Status.met else low, 1.0 if s == Status.met else high))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(graded, min_size=1, max_size=20), st.booleans(), st.fixed_dictionaries({d: st.sampled_from([1.0, 2.0, 0.5]) for d in "abc"}))
def test_graded_gains_equal_rescoring_and_the_range_holds_every_resolution(rows, as_gap, weights):
    items = _items(rows)
    closed = score_gains(items, weights, as_gap)
    for it in items:
        if it.status == Status.gap:
            assert abs(closed[it.rule] - score_gain(items, it.rule, weights, as_gap)) < 1e-9
    if as_gap:
        return
    unknown = [i for i in items if i.status == Status.unknown]
    best = overall_of(with_status(items, {i.rule: Status.met for i in unknown}), weights)
    worst = overall_of(with_status(items, {i.rule: Status.gap for i in unknown}), weights)
    for resolution in itertools.islice(itertools.product(*[[i.fraction or 0.0, i.high, ((i.fraction or 0.0) + i.high) / 2] for i in unknown]), 50):
        resolved = [dataclasses.replace(i, status=Status.gap, fraction=f) if i.rule in {u.rule for u in unknown} else i
                    for i, f in zip(items, _spread(items, unknown, resolution))]
        score = overall_of(resolved, weights)
        if score is None:  # nothing applies
            assert worst is None and best is None
            continue
        assert worst is not None and best is not None
        assert worst - 1e-9 <= score <= best + 1e-9


def _spread(items, unknown, resolution):
    by_rule = {u.rule: f for u, f in zip(unknown, resolution)}
    return [by_rule.get(i.rule, i.fraction) for i in items]



# weights that are not exact in binary too, graded or not: the one-pass sums must add in the formulas' order to agree bit for bit
any_graded = st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(list(Status)), any_weight,
                       st.booleans(), st.sampled_from([0.0, 0.25, 0.5]), st.sampled_from([0.75, 1.0]))


@settings(max_examples=300, deadline=None)
@given(st.lists(any_graded, max_size=30), st.booleans(), st.integers(0, 4), st.fixed_dictionaries({d: st.sampled_from([1.0, 2.0, 0.5, 0.3]) for d in "abc"}))
def test_one_pass_sums_equal_the_formulas(rows, as_gap, min_assessed, weights):
    """Every figure assess takes from the one-pass tallies is exactly (==, not nearly) the formula's on the findings,
    a graded finding counted by its credit and an unknown one by its highest and lowest level."""
    items = _items(rows)
    sums = tallies(items, weights)
    unknown = {i.rule: Status.met for i in items if i.status == Status.unknown}
    best, worst = with_status(items, unknown), with_status(items, {r: Status.gap for r in unknown})
    assert overall_from(sums, weights, "score", as_gap) == overall_of(items, weights, as_gap)
    assert overall_from(sums, weights, "best") == overall_of(best, weights, as_gap)
    assert overall_from(sums, weights, "worst") == overall_of(worst, weights, as_gap)
    assert sums.total.coverage() == coverage(items) and sums.total.too_few(min_assessed) == too_few(items, min_assessed)
    for d in weights:
        mine = [i for i in items if i.dimension == d]
        t = sums.dims[d]
        assert t.score(as_gap) == dimension_score(mine, as_gap)
        assert t.best() == dimension_score(with_status(mine, unknown), as_gap)
        assert t.worst() == dimension_score(with_status(mine, {r: Status.gap for r in unknown}), as_gap)
        assert (t.coverage(), t.too_few(min_assessed)) == (coverage(mine), too_few(mine, min_assessed))
        assert [t.n[s] for s in Status] == [sum(1 for i in mine if i.status == s) for s in Status]
    if any(i.status == Status.gap for i in items):
        assert gains_from(sums, items, weights, as_gap) == score_gains(items, weights, as_gap)
        assert gains_from(sums, items, weights, as_gap, resolved=True) == resolved_gains(items, weights, as_gap)


BANDS = [Band(id="low", min=0, title={}), Band(id="fair", min=40, title={}), Band(id="good", min=60, title={}), Band(id="high", min=85, title={})]


@settings(max_examples=300, deadline=None)
@given(st.lists(graded, min_size=1, max_size=25), st.booleans(), st.fixed_dictionaries({d: st.sampled_from([1.0, 2.0, 0.5]) for d in "abc"}))
def test_the_next_band_is_the_score_re_scored_with_its_gaps_closed_and_no_fewer_reach_it(rows, as_gap, weights):
    items = _items(rows)
    found = next_band(items, weights, BANDS, as_gap)
    if found is None:
        return
    chosen, after, band = found
    closed = with_status(items, dict.fromkeys(chosen, Status.met))
    assert after == (overall_of(closed, weights, as_gap) or 0.0)  # bit for bit: the figure the report prints
    assert after + 1e-9 >= band.min
    fewer = with_status(items, dict.fromkeys(chosen[:-1], Status.met))
    assert (overall_of(fewer, weights, as_gap) or 0.0) + 1e-9 < band.min
