"""Units per stage: YAML reading, the condition language, compilation, evaluation on a small pack."""

import random

import pytest

from engine import conditions as c
from engine.errors import MigovError, PackError
from engine.evaluate.durable import adapter as adapter_durable
from engine.evaluate.durable.compiler import compile_pack
from engine.evaluate.findings import ReferenceEvaluator, findings, make_evaluator
from engine.pack.loading import load_pack
from engine.pack.profiles import Profile, validate_profile
from engine.packtools.examples import run_examples
from engine.yamlio import Locations, parse_yaml
from tests.helpers import ENGINES, ROOT, random_facts

MINI = ROOT / "tests" / "packs" / "mini"


def test_yaml_keeps_lines_and_yaml12_booleans():
    data, locs = parse_yaml("a: no\nb:\n  - true\n  - x\n", "f.yaml")
    assert data == {"a": "no", "b": [True, "x"]}
    assert locs.line(("b", 1)) == 4 and locs.line(("b", 7)) == 3  # nearest located ancestor: the list


def test_yaml_refuses_duplicate_keys_with_both_lines():
    with pytest.raises(MigovError, match=r"f\.yaml:3: a: duplicate key 'a' \(first at line 1\)"):
        parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")


def test_dnf_pushes_negation_down():
    t = c.Test("x", "eq", 1)
    m = c.Match("r", "r0", ())
    assert c.to_dnf(c.Not(c.And((t, m)))) == [(c.Test("x", "ne", 1),), (c.Match("r", "r0", (), negated=True),)]
    assert c.to_dnf(c.And((c.Or((t, m)), t))) == [(t, t), (m, t)]


@pytest.mark.parametrize("engine", ENGINES)
def test_mini_pack_examples(engine):
    pack = load_pack(MINI)
    results = run_examples(pack, engine)
    assert len(results) == 21
    assert all(r.passed for r in results), [r for r in results if not r.passed]


@pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed")
def test_mini_pack_differential():
    pack = load_pack(MINI)
    durable, reference = adapter_durable.DurableEvaluator(pack), ReferenceEvaluator(pack)
    rng = random.Random(5)
    for i in range(1500):
        kind = pack.kinds[(i + 1) % 2]  # country, partnership in turn
        facts = random_facts(pack, rng, kind, missing=rng.choice([0.0, 0.2, 0.5]))
        for rec in facts.get("actors", []):  # names that links can point to
            rec["name"] = rng.choice(["EX", "RU", "SY", "FR"])
        prof = Profile("p", "P", kind, facts)
        trace_d, trace_r = durable.evaluate(facts), reference.evaluate(facts)
        a = [(f.rule.rule.id, f.status, f.evidence, f.decision) for f in findings(pack, prof, trace_d)]
        b = [(f.rule.rule.id, f.status, f.evidence, f.decision) for f in findings(pack, prof, trace_r)]
        assert a == b, (i, facts)
        assert (trace_d.fired, trace_d.derived, trace_d.bindings.keys(), trace_d.closed) == (trace_r.fired, trace_r.derived, trace_r.bindings.keys(), trace_r.closed), (i, facts)


def test_compiled_order_puts_negated_types_first():
    plan = compile_pack(load_pack("idm2018"))
    (stratum1,) = plan.strata[1]
    assert stratum1.order.index("covered_corridors?") < stratum1.order.index("corridors")  # the records that may be covered
    finals = [rp for rp in plan.final if "uncovered_corridors" in rp.order]  # idm2018 takes several rulesets (fan-out of 64)
    assert finals and all(rp.order.index("uncovered_corridors") < rp.order.index("profile") for rp in finals)


def test_profile_validation_names_the_field(pack):
    data = {"id": "x", "name": "X", "kind": "country", "agreements": [{"name": "A", "type": "bilateral", "status": "active", "partners": []}]}
    locs = Locations("p.yaml", {(): 1, ("agreements", 0, "type"): 7})
    with pytest.raises(MigovError, match=r"p\.yaml:7: agreements\[0\]\.type: 'bilateral' is not allowed.*did you mean 'bilateral_labour'"):
        validate_profile(data, locs, pack)


def test_null_means_unknown(pack):
    prof = validate_profile({"id": "x", "name": "X", "kind": "country", "coordination": {"mechanism": None}}, Locations("p"), pack)
    assert "coordination.mechanism" not in prof.facts


def test_pack_errors_name_the_rule_file_and_line(tmp_path):
    import shutil

    shutil.copytree(MINI, tmp_path / "p")
    f = tmp_path / "p" / "rules" / "all.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("{fact: cost, lt: 2.5}", "{fact: cost, lt: cheap}"), encoding="utf-8")
    with pytest.raises(PackError, match=r"all\.yaml:\d+: \[0\]\.condition\.any\[1\]\.lt: 'cost' is a number"):
        load_pack(tmp_path / "p")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_negated_text_pattern_compiles_and_is_false_when_unknown(tmp_path, engine):
    import shutil

    shutil.copytree(MINI, tmp_path / "p")
    f = tmp_path / "p" / "rules" / "all.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace('- {fact: code, matches: "E*"}', '- not: {fact: code, matches: "E*"}'), encoding="utf-8")
    pack = load_pack(tmp_path / "p")
    ev = make_evaluator(pack, engine)
    ngo = [{"name": "SY", "group": "ngo", "home": "X"}]
    cases = [({"code": "FR", "actors": []}, "met"), ({"code": "EX", "actors": ngo}, "gap"), ({"actors": ngo}, "unknown"),
             ({"code": "EX", "actors": [{"name": "RU", "group": "ngo", "home": "X"}]}, "met")]
    for facts, expected in cases:
        (finding,) = [x for x in findings(pack, Profile("p", "P", "country", facts), ev.evaluate(facts), "en") if x.rule.rule.id == "M-PATTERN"]
        assert finding.status.value == expected, (facts, finding)
