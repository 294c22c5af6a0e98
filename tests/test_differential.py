"""durable_rules and the reference evaluator give identical findings on generated profiles."""

import random

import pytest

from engine.evaluate.durable import adapter as adapter_durable
from engine.evaluate.findings import ReferenceEvaluator, findings, status_of
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
        facts = random_facts(pack, rng, kind)
        fired_d, fired_r = durable.evaluate(facts), reference.evaluate(facts)
        prof = Profile(f"p{i}", f"P{i}", kind, facts)
        a = [(f.rule.rule.id, f.status, f.evidence) for f in findings(pack, prof, fired_d, "en")]
        b = [(f.rule.rule.id, f.status, f.evidence) for f in findings(pack, prof, fired_r, "en")]
        statuses |= {s for _, s, _ in a}
        if a != b:
            differing.append((i, facts, [x for x, y in zip(a, b) if x != y][:3]))
        # the alternatives that fire agree wherever every needed fact is known
        for cr in pack.rules:
            if status_of(cr, kind, facts, fired_r)[0].value in ("met", "gap"):
                assert fired_d.get(cr.rule.id) == fired_r.get(cr.rule.id), (i, cr.rule.id, facts)
    assert not differing, differing[:2]
    assert {s.value for s in statuses} == {"met", "gap", "unknown", "not_applicable"}
