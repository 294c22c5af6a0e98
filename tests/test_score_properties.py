"""The closed-form score gains equal re-scoring with the gap closed, for any findings."""

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.pack.model import Status
from engine.score import Scored, score_gain, score_gains

finding = st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(list(Status)), st.sampled_from([0.5, 1.0, 2.0, 3.0]))


@settings(max_examples=300, deadline=None)
@given(st.lists(finding, min_size=1, max_size=25), st.booleans(), st.fixed_dictionaries({d: st.sampled_from([1.0, 2.0, 0.5]) for d in "abc"}))
def test_closed_form_gains_equal_rescoring(rows, as_gap, weights):
    items = [Scored(f"R{i}", d, s, w) for i, (d, s, w) in enumerate(rows)]
    closed = score_gains(items, weights, as_gap)
    for it in items:
        if it.status == Status.gap:
            assert abs(closed[it.rule] - score_gain(items, it.rule, weights, as_gap)) < 1e-9
