"""The compiled evaluators give the traces of the plain semantics, and durable's one session is empty between profiles.

The reference evaluator runs the pack's plan compiled once (engine/evaluate/quick.py): its traces must be those of
``semantics.evaluate``. durable_rules keeps one session per evaluator and retracts each profile's facts after its
actions ran (docs/ENGINE.md, finding 27): nothing of one profile may reach the next.
"""

from __future__ import annotations

import random

import pytest

from engine.evaluate import quick, semantics
from engine.evaluate.findings import ReferenceEvaluator
from engine.pack.loading import load_pack
from engine.pack.profiles import INCOMPLETE
from tests.helpers import random_facts

PACKS = ["idm2018", "sdg-10-7-2", "tests/packs/city", "tests/packs/mini"]


def _profiles(pack, n: int, seed: int):
    kinds = sorted({k for cr in pack.rules for k in cr.rule.kinds})
    lists = [f.id for f in pack.facts.values() if f.type.value in ("list", "records")]
    rng = random.Random(seed)
    for i in range(n):
        facts = random_facts(pack, rng, kinds[i % len(kinds)], missing=(0.0, 0.2, 0.6)[i % 3])
        if i % 4 == 3:  # some lists naming only some of their items
            partial = frozenset(name for name in lists if name in facts and rng.random() < 0.5)
            if partial:
                facts[INCOMPLETE] = partial
        yield facts


@pytest.mark.parametrize("name", PACKS)
def test_the_compiled_plan_gives_the_traces_of_the_plain_semantics(name):
    pack = load_pack(name)
    for facts in _profiles(pack, 400, 5):
        assert quick.evaluate(pack, facts) == semantics.evaluate(pack, facts), facts


def test_the_compiled_plan_forgets_values_past_its_bound_and_still_agrees(monkeypatch):
    """Memories are bounded (a batch of distinct numbers must not grow them); cleared, the answers are the same."""
    from engine.evaluate import factbits

    pack = load_pack("idm2018")
    monkeypatch.setattr(factbits, "MEMO", 3)
    monkeypatch.setattr(quick, "MEMO", 3)
    quick._PLANS.clear()
    try:
        plan = quick.plan_of(pack)
        for facts in _profiles(pack, 150, 9):
            assert quick.evaluate(pack, facts) == semantics.evaluate(pack, facts)
        assert all(len(fb.memo) <= 3 for fb in plan.facts.values()) and all(len(g.memo) <= 3 for g in plan.groups)
    finally:
        quick._PLANS.clear()


def test_evaluators_of_one_pack_share_its_one_session_so_sessions_do_not_pile_up():
    """durable_rules holds at most 1,024 live sessions per ruleset (finding 6): however many evaluators a process makes
    (a dated pack per assessment year, say), each ruleset keeps one session, empty between profiles."""
    adapter = pytest.importorskip("engine.evaluate.durable.adapter")
    if not adapter.available():
        pytest.skip("durable_rules is not installed")
    pack = load_pack("tests/packs/mini")
    reference = ReferenceEvaluator(pack)
    profiles = list(_profiles(pack, 4, 21))
    for n in range(1100):
        facts = profiles[n % 4]
        assert adapter.DurableEvaluator(pack).evaluate(facts).fired == reference.evaluate(facts).fired


@pytest.mark.parametrize("name", PACKS)
def test_one_durable_session_for_every_profile_leaks_nothing_from_one_to_the_next(name):
    adapter = pytest.importorskip("engine.evaluate.durable.adapter")
    if not adapter.available():
        pytest.skip("durable_rules is not installed")
    import durable_rules_engine as dre

    pack = load_pack(name)
    durable, reference = adapter.DurableEvaluator(pack), ReferenceEvaluator(pack)
    profiles = list(_profiles(pack, 120, 13))
    first = []
    for facts in profiles:
        d, r = durable.evaluate(facts), reference.evaluate(facts)
        assert (d.fired, d.derived, d.closed) == (r.fired, r.derived, r.closed), facts  # as tests/test_differential.py
        assert all(dre.get_facts(handle, adapter._SESSION[0]) == "[]" for part in durable._parts.values() for handle, _ in part.final)
        first.append(d)
    for facts, d in zip(profiles[::-1], first[::-1]):  # each profile again after all the others, in the other order
        assert durable.evaluate(facts) == d, facts
