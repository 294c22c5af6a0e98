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
from tests.helpers import ROOT, random_facts, run_cli

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
        a = [(f.rule.rule.id, f.status, f.evidence) for f in findings(pack, prof, fired_d)]
        b = [(f.rule.rule.id, f.status, f.evidence) for f in findings(pack, prof, fired_r)]
        statuses |= {s for _, s, _ in a}
        full = findings(pack, prof, semantics.evaluate(pack, facts, gate=False), with_evidence=False)
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


def _generated_pack(root, n: int):
    """A pack of ``n`` one-fact rules (yes/no and number facts in turn), built from the city test pack's header."""
    import shutil

    from engine.pack.loading import build_pack
    from tests.helpers import ROOT

    shutil.copytree(ROOT / "tests" / "packs" / "city", root, ignore=shutil.ignore_patterns("rules", "profiles"))
    facts, rules = ["facts:"], []
    for i in range(n):
        kind, test, met, gap = ("bool", "equals: true", "true", "false") if i % 2 else ("number", "gte: 5", "7", "2")
        facts.append(f"  - {{id: f{i}, type: {kind}, label: {{en: F{i}, fr: F{i}}}, question: {{en: F{i}?, fr: F{i} ?}}}}")
        rules.append(f"- {{id: R-{i}, dimension: {('welcome', 'services')[i % 2]}, weight: {1 + i % 3}, title: {{en: T{i}, fr: T{i}}}, "
                     f"condition: {{fact: f{i}, {test}}}, recommendation: {{en: Do., fr: Faire.}}, sources: {{seed: S}}, "
                     f"examples: [{{status: met, facts: {{f{i}: {met}}}}}, {{status: gap, facts: {{f{i}: {gap}}}}}]}}")
    (root / "vocabulary.yaml").write_text("\n".join(facts) + "\n", encoding="utf-8")
    (root / "rules").mkdir()
    (root / "rules" / "all.yaml").write_text("\n".join(rules) + "\n", encoding="utf-8")
    return build_pack(root)


@pytest.mark.parametrize("n", [2, 63, 64, 65, 130, 2000])
def test_engines_agree_on_packs_of_up_to_2000_rules_all_met_or_none(tmp_path, n):
    """durable_rules failed an assert (error code 303) once a fact reached more than 64 patterns of a ruleset: 64 rules
    met at once. The compiler keeps every ruleset under that fan-out; both engines agree on every size."""
    gen = _generated_pack(tmp_path / "pack", n)
    durable = adapter_durable.DurableEvaluator(gen)
    reference = ReferenceEvaluator(gen)
    met = {f"f{i}": (True if i % 2 else 7) for i in range(n)}
    gap = {f"f{i}": (False if i % 2 else 2) for i in range(n)}
    rng = random.Random(n)
    profiles = {
        "all met": met, "none met": gap,
        "half met": {k: (met if i < n // 2 else gap)[k] for i, k in enumerate(met)},
        "half unknown": {k: v for i, (k, v) in enumerate(met.items()) if i % 2},
        "mixed": {k: rng.choice([met, gap])[k] for k in met if rng.random() < 0.8},
    }
    for name, facts in profiles.items():
        d, r = durable.evaluate(facts), reference.evaluate(facts)
        assert d.fired == r.fired and d.closed == r.closed, name
        prof = Profile("p", "P", "city", facts)
        a = [(f.rule.rule.id, f.status) for f in findings(gen, prof, d, with_evidence=False)]
        assert a == [(f.rule.rule.id, f.status) for f in findings(gen, prof, r, with_evidence=False)], name
        if name == "all met":
            assert {s.value for _, s in a} == {"met"}
        if name == "none met":
            assert {s.value for _, s in a} == {"gap"}


def test_an_engine_error_falls_back_to_the_reference_evaluator_with_one_line(tmp_path, monkeypatch, capsys):
    """Any error inside durable_rules on a valid pack (here the fan-out guard lifted, so 303 comes back): one warning
    line on stderr, and the reference evaluator's results, for that profile and every later one."""
    from engine.evaluate.durable import compiler
    from engine.evaluate.findings import FallbackEvaluator

    monkeypatch.setattr(compiler, "FANOUT", 10_000)
    monkeypatch.setenv("MIGOV_NO_CACHE", "1")
    gen = _generated_pack(tmp_path / "pack", 100)
    evaluator = FallbackEvaluator(gen)
    facts = {f"f{i}": (True if i % 2 else 7) for i in range(100)}
    assert evaluator.evaluate(facts).fired == ReferenceEvaluator(gen).evaluate(facts).fired
    assert evaluator.evaluate(facts).fired == ReferenceEvaluator(gen).evaluate(facts).fired
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and "durable_rules failed on this pack" in lines[0] and "303" in lines[0], lines


PROFILE_FILES = [*sorted((ROOT / "profiles").glob("*.yaml")), *sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))]


@pytest.mark.parametrize("path", PROFILE_FILES, ids=lambda p: p.name)
def test_the_same_json_with_and_without_durable_rules_for_every_bundled_and_test_profile(path):
    """What a user without durable_rules (Python 3.13 and later) gets is what a user with it gets, byte for byte."""
    with_durable = run_cli("assess", str(path), "--format", "json", "--engine", "durable")
    reference = run_cli("assess", str(path), "--format", "json", "--engine", "python")
    assert with_durable.returncode == reference.returncode == 0, with_durable.stderr + reference.stderr
    assert with_durable.stdout == reference.stdout
