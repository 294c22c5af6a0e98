"""durable_rules and the reference evaluator give identical findings on generated profiles.

Generated profiles leave facts out at random (unknowns), so the three-valued statuses, the evidence,
the alternatives that hold of every condition and of its negation, and the derived records all agree.
Both engines skip the negation of a closed rule (every fact it reads stated); the reference engine
evaluating every polarity (ungated) gives the same statuses.
"""

import random

import pytest

from engine.evaluate import semantics
from engine.evaluate.durable import adapter as adapter_durable
from engine.evaluate.findings import ReferenceEvaluator, findings
from engine.pack.profiles import Profile
from tests.helpers import random_facts

N = 1200

pytestmark = pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed")


def test_engines_agree_on_generated_profiles(pack):
    durable = adapter_durable.DurableEvaluator(pack)
    reference = ReferenceEvaluator(pack)
    rng = random.Random(20261122)
    differing = []
    statuses = set()
    for i in range(N):
        kind = pack.kinds[(i + 1) % 2]  # country, partnership in turn
        facts = random_facts(pack, rng, kind, missing=rng.choice([0.0, 0.2, 0.5]))
        fired_d, fired_r = durable.evaluate(facts), reference.evaluate(facts)
        prof = Profile(f"p{i}", f"P{i}", kind, facts)
        a = [(f.rule.rule.id, f.status, f.evidence) for f in findings(pack, prof, fired_d, "en")]
        b = [(f.rule.rule.id, f.status, f.evidence) for f in findings(pack, prof, fired_r, "en")]
        statuses |= {s for _, s, _ in a}
        full = findings(pack, prof, semantics.evaluate(pack, facts, gate=False), "en", with_evidence=False)
        assert [s for _, s, _ in a] == [f.status for f in full], (i, facts)
        if a != b:
            differing.append((i, facts, [x for x, y in zip(a, b) if x != y][:3]))
        # the alternatives that hold agree, of every condition and of its negation, and the derived records
        assert fired_d.fired == fired_r.fired, (i, facts)
        assert fired_d.derived == fired_r.derived, (i, facts)
        assert fired_d.closed == fired_r.closed, (i, facts)
        assert fired_d.bindings.keys() == fired_r.bindings.keys(), (i, facts)
    assert not differing, differing[:2]
    assert {s.value for s in statuses} == {"met", "gap", "unknown", "not_applicable"}
