"""Graded criteria: a rule's ``levels``, read and checked with one-line errors, decided soundly on open lists and missing
facts by both evaluators, scored as the fraction of the weight reached, and written in every output and language.

The property tests draw partnership profiles with open or complete lists (as tests/test_open_world_logic.py does) and
ladders of the literals that test decides exactly: on every completion of the unknowns the level reached lies in the
range decided on the open profile (soundness: a decided level is the level of every completion), a level every
completion agrees on is decided (completeness), and the overall score of every completion lies between the worst and
best cases.
"""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.conditions import And, facts_of, to_dnf
from engine.errors import PackError
from engine.evaluate.durable import adapter as adapter_durable
from engine.evaluate.findings import ReferenceEvaluator, decide, findings, level_of, make_evaluator
from engine.figures import level_data
from engine.pack.compiled import CompiledLevel, CompiledRule, Pack
from engine.pack.levels import span
from engine.pack.loading import build_pack, load_pack
from engine.pack.model import Level, Status
from engine.pack.parse import Parser, Scope
from engine.pack.profiles import INCOMPLETE, Profile
from engine.score import Scored, overall_of, with_status
from engine.yamlio import Locations
from tests.helpers import ROOT, run_cli
from tests.test_open_world_logic import IDM, LITERALS, PROFILES, SOUND_ONLY, _profile, completions

EXACT = [i for i, raw in enumerate(LITERALS) if i not in SOUND_ONLY and "all" not in raw]  # decided exactly, no join


def _graded(ladders: list[tuple[int, ...]]) -> Pack:
    records = {**IDM.record_fields, **{d: IDM.record_fields[cd.derived.from_] for d, cd in IDM.derived.items()}}
    scope = Scope(IDM.facts, records)
    template = next(cr for cr in IDM.rules if cr.rule.id == "ISC-ROLE-COVERAGE")
    rules = []
    for j, ladder in enumerate(ladders):
        parser = Parser(scope, Locations("t.yaml"))
        trees = [parser.parse(LITERALS[i], ()) for i in ladder]
        levels = tuple(CompiledLevel(f"l{k}", (k + 1) / len(ladder), to_dnf(t), t) for k, t in enumerate(trees))
        models = [Level(id=lv.id, label={"en": lv.id}, condition=LITERALS[i]) for lv, i in zip(levels, ladder)]
        rule = dataclasses.replace(template.rule, id=f"G{j}", condition=None, levels=models, applies_if=None)
        whole = And(tuple(trees))
        dnf = to_dnf(whole)
        rules.append(CompiledRule(rule, "t.yaml", 1, dnf, None, frozenset(n for c in dnf for lit in c for n in facts_of(lit)), j, whole, None, levels))
    return dataclasses.replace(IDM, rules=rules)


_RNG = random.Random(11)
LADDERS = [tuple(_RNG.sample(EXACT, _RNG.randint(2, 4))) for _ in range(14)] + [(0, 0), (4, 5)]  # a level repeated; contradictory levels
FIXED = _graded(LADDERS)


def _levels(pack: Pack, evaluator: Any, facts: dict[str, Any]) -> list[tuple[Status, int, int]]:
    trace = evaluator.evaluate(facts)
    out = []
    for cr in pack.rules:
        at = level_of(cr, "partnership", trace)
        assert at is not None
        out.append((decide(cr, "partnership", trace).status, at.low, at.high))
    return out


def _overall(pack: Pack, facts: dict[str, Any], evaluator: Any) -> tuple[float | None, float | None, float | None]:
    """(overall, worst, best) as the assessment computes them."""
    profile = Profile("p", "P", "partnership", {k: v for k, v in facts.items() if k != INCOMPLETE}, incomplete=frozenset(facts.get(INCOMPLETE, ())))
    found = findings(pack, profile, evaluator.evaluate(profile.open_facts()), with_evidence=False)
    items = []
    for f in found:
        lv = None if f.level is None else level_data(f.rule, f.level)
        items.append(Scored(f.rule.rule.id, f.rule.rule.dimension, f.status, f.rule.rule.weight,
                            *((None, 1.0) if lv is None else span(f.rule.rule, lv.reached, lv.up_to))))
    weights = {d.id: d.weight for d in pack.header.dimensions}
    unknown = {i.rule for i in items if i.status == Status.unknown}
    return (overall_of(items, weights), overall_of(with_status(items, {r: Status.gap for r in unknown}), weights),
            overall_of(with_status(items, {r: Status.met for r in unknown}), weights))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES, st.lists(st.lists(st.sampled_from(EXACT), min_size=2, max_size=4), min_size=1, max_size=3))
def test_the_level_decided_is_never_wrong_and_decided_when_every_completion_agrees(drawn, ladders):
    pack = _graded([tuple(x) for x in ladders])
    reference = ReferenceEvaluator(pack)
    facts, open_lists = _profile(drawn)
    opened = {**facts, INCOMPLETE: frozenset(open_lists)} if open_lists else facts
    got = _levels(pack, reference, opened)
    outcomes = [_levels(pack, reference, full) for full in completions(facts, open_lists)]
    for i, cr in enumerate(pack.rules):
        status, low, high = got[i]
        reached = {o[i][1] for o in outcomes}
        assert all(o[i][1] == o[i][2] for o in outcomes)  # a complete profile decides every level
        assert all(low <= k <= high for k in reached), (cr.rule.id, opened, got[i], reached)  # sound: the range holds them all
        if status != Status.unknown:
            assert reached == {low}, (cr.rule.id, opened, got[i], reached)
        else:  # complete: undecided only where the completions disagree
            assert len(reached) > 1, (ladders[i], opened, got[i], reached)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_the_score_range_holds_every_completions_score(drawn):
    reference = ReferenceEvaluator(FIXED)
    facts, open_lists = _profile(drawn)
    opened = {**facts, INCOMPLETE: frozenset(open_lists)} if open_lists else facts
    _now, worst, best = _overall(FIXED, opened, reference)
    for full in completions(facts, open_lists):
        score, low, high = _overall(FIXED, full, reference)
        assert low == high == score  # nothing unknown on a completion
        assert score is not None and worst is not None and best is not None
        assert worst - 1e-9 <= score <= best + 1e-9, (opened, full, worst, score, best)


@pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed (pip install 'migov[durable]' on Python 3.11 or 3.12)")
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_durable_decides_levels_as_the_reference_engine(drawn):
    facts, open_lists = _profile(drawn)
    opened = {**facts, INCOMPLETE: frozenset(open_lists)} if open_lists else facts
    assert _levels(FIXED, _durable(), opened) == _levels(FIXED, ReferenceEvaluator(FIXED), opened), opened


_EVALUATORS: list[Any] = []


def _durable() -> Any:
    if not _EVALUATORS:  # compiled once: durable_rules keeps every ruleset for the process
        _EVALUATORS.append(make_evaluator(FIXED, "durable"))
    return _EVALUATORS[0]


# --- the pack: levels read with one-line errors ---------------------------------------------------------------------

ML = "rules/multilevel_partnerships.yaml"
LADDER = '''  levels:
    - id: reviewed
      label: {en: "a periodic review of results and difficulties", fr: "un examen périodique des résultats et des difficultés", es: "un examen periódico de los resultados y las dificultades"}
      condition: {fact: evaluation.reviews_difficulties, equals: true}'''


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(ROOT / "rules" / "idm2018", dest)
    f = dest / ML
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    return dest


@pytest.mark.parametrize(("old", "new", "field", "says"), [
    (LADDER, LADDER.replace("  levels:", "  condition: {fact: evaluation.results_framework, equals: true}\n  levels:"), ".levels", "either 'condition' or 'levels'"),
    ("    - id: results_framework\n", "    - id: reviewed\n", ".levels[1].id", "duplicate level id 'reviewed'"),
    ("      condition: {fact: evaluation.results_framework, equals: true}\n",
     "      condition: {fact: evaluation.results_framework, equals: true}\n      fraction: 0.9\n", ".levels[1].fraction", "top level's fraction must be 1"),
    ("      condition: {fact: evaluation.reviews_difficulties, equals: true}\n",
     "      condition: {fact: evaluation.reviews_difficulties, equals: true}\n      fraction: 1\n", ".levels[1].fraction", "must rise strictly"),
    ("      condition: {fact: evaluation.results_framework, equals: true}\n", "      condition: {fact: evaluation.results_frame, equals: true}\n",
     ".levels[1].condition", "evaluation.results_framework"),
    ("level: results_framework, facts: {evaluation.results_framework: true, evaluation.reviews_difficulties: true}",
     "level: framework, facts: {evaluation.results_framework: true, evaluation.reviews_difficulties: true}", ".examples[0].level", "reviewed, results_framework, none"),
    ("      label: {en: \"a periodic review of results and difficulties\", fr: \"un examen périodique des résultats et des difficultés\", ",
     "      label: {en: \"a periodic review of results and difficulties\", ", ".levels[0].label", "missing the 'fr' text"),
])
def test_a_ladder_that_cannot_be_read_is_one_line_naming_file_line_and_field(tmp_path, old, new, field, says):
    dest = _broken(tmp_path, old, new)
    with pytest.raises(PackError) as err:
        build_pack(dest)
    message = str(err.value)
    assert "\n" not in message and "multilevel_partnerships.yaml:" in message, message
    assert field in message and says in message, message


def test_one_level_is_no_ladder_and_the_cli_says_so_in_one_line_with_exit_2(tmp_path):
    top = '''    - id: results_framework
      label: {en: "a review against a results framework with indicators", fr: "un examen au regard d’un cadre de résultats assorti d’indicateurs", es: "un examen con respecto a un marco de resultados con indicadores"}
      condition: {fact: evaluation.results_framework, equals: true}
'''
    dest = _broken(tmp_path, top, "")
    r = run_cli("assess", str(ROOT / "profiles" / "coastal-dialogue-partnership.yaml"), "--rules", str(dest))
    assert r.returncode == 2 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert "multilevel_partnerships.yaml:" in r.stderr and "levels" in r.stderr and "at least two levels" in r.stderr


def test_a_rule_with_neither_condition_nor_levels_is_refused(tmp_path):
    dest = _broken(tmp_path, "  condition:\n    fact: partnership.global_links\n    contains_any: [gfmd, imrf, gcm_regional_review, idm]\n", "")
    with pytest.raises(PackError) as err:
        build_pack(dest)
    assert ".condition" in str(err.value) and "\n" not in str(err.value)


def test_a_failing_level_example_is_reported_by_rules_test(tmp_path):
    dest = _broken(tmp_path, "{status: gap, level: reviewed, note: an informal", "{status: gap, level: none, note: an informal")
    r = run_cli("rules", "test", str(dest))
    assert r.returncode == 1 and "ML-EVALUATION example 2: expected gap (none), got gap (reviewed)" in r.stdout


# --- the assessment: level data, scores, words in every language ----------------------------------------------------

def _assess(profile: str, *args: str) -> dict[str, Any]:
    r = run_cli("assess", str(ROOT / "profiles" / profile), "--format", "json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_a_graded_gap_counts_its_fraction_names_its_level_and_recommends_the_next(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("id: p\nname: Dialogue\nkind: partnership\npartnership.type: rcp\nevaluation.reviews_difficulties: true\n"
                       "evaluation.results_framework: false\nstakeholders: [{name: Voices, group: migrants, role: consulted, status: formal}]\n"
                       "complete: [stakeholders]\n", encoding="utf-8")
    r = run_cli("assess", str(profile), "--format", "json")
    assert r.returncode == 0, r.stderr
    a = json.loads(r.stdout)
    assert a["schema_version"] == "2.1"
    f = {x["rule"]: x for x in a["findings"]}
    ml, nsp = f["ML-EVALUATION"], f["NSP-MIGRANT-ROLE"]
    assert ml["status"] == "gap" and ml["level"] == {"reached": "reviewed", "levels": ["reviewed", "results_framework"], "fraction": 0.5}
    assert ml["evidence"][0] == "level reached: a periodic review of results and difficulties (1 of 2)"
    assert ml["recommendation"].startswith("Next level: a review against a results framework with indicators (2 of 2). ")
    assert nsp["status"] == "gap" and nsp["level"]["reached"] == "standing" and nsp["level"]["fraction"] == 0.75
    dim = next(d for d in a["dimensions"] if d["id"] == "multilevel_partnerships")
    known = [x for x in a["findings"] if x["dimension"] == "multilevel_partnerships" and x["status"] in ("met", "gap")]
    met = sum(x["weight"] * (x["level"]["fraction"] if "level" in x else x["status"] == "met") for x in known)
    unknown = sum(x["weight"] * (1 - (x["level"]["fraction"] if "level" in x else 0)) for x in a["findings"]
                  if x["dimension"] == "multilevel_partnerships" and x["status"] == "unknown")
    whole = sum(x["weight"] for x in a["findings"] if x["dimension"] == "multilevel_partnerships" and x["status"] != "not_applicable")
    assert dim["worst_case"] == round(100 * met / whole, 1) and dim["best_case"] == round(100 * (met + unknown) / whole, 1)  # no graded unknown here
    gain = next(x for x in a["recommendations"] if x["rule"] == "ML-EVALUATION")  # the key action: reach the next level
    assert gain["text"] == ml["recommendation"] and gain["score_gain"] > 0
    fr = json.loads(run_cli("assess", str(profile), "--format", "json", "--lang", "fr").stdout)
    ml_fr = next(x for x in fr["findings"] if x["rule"] == "ML-EVALUATION")
    nbsp = {ord("\u00a0"): " ", ord("\u202f"): " "}  # the spaces French typography asks for, as each output writes them
    assert ml_fr["evidence"][0].translate(nbsp) == "degré atteint : un examen périodique des résultats et des difficultés (1 sur 2)"
    assert ml_fr["recommendation"].translate(nbsp).startswith("Degré suivant : un examen au regard d’un cadre de résultats assorti d’indicateurs (2 sur 2). ")
    es = json.loads(run_cli("assess", str(profile), "--format", "json", "--lang", "es").stdout)
    assert next(x for x in es["findings"] if x["rule"] == "ML-EVALUATION")["evidence"][0].startswith("grado alcanzado: un examen periódico")


def test_an_unknown_graded_criterion_gives_its_range_and_the_json_renders_again_the_same(tmp_path):
    a = tmp_path / "a.json"
    r = run_cli("assess", str(ROOT / "profiles" / "coastal-dialogue-partnership.yaml"), "--format", "json", "--output", str(a))
    assert r.returncode == 0, r.stderr
    data = json.loads(a.read_text(encoding="utf-8"))
    sr = next(x for x in data["findings"] if x["rule"] == "SR-COMMITMENT-MECH")
    assert sr["status"] == "unknown" and sr["level"]["reached"] == "planned" and sr["level"]["up_to"] == "reviewed"
    assert sr["level"]["range"] == [0.5, 1.0]
    for fmt in ("markdown", "text", "json"):
        direct = run_cli("assess", str(ROOT / "profiles" / "coastal-dialogue-partnership.yaml"), "--format", fmt, "--lang", "es")
        again = run_cli("assess", str(a), "--format", fmt, "--lang", "es")
        assert again.returncode == 0 and again.stdout == direct.stdout, fmt
    es = next(x for x in json.loads(direct.stdout)["findings"] if x["rule"] == "SR-COMMITMENT-MECH")
    assert es["evidence"][-1] == "grado alcanzado: al menos planificados (un responsable y fechas para cada acción) (2 de 4), quizá hasta examinados en una reunión posterior (4 de 4)"


def test_compare_reads_a_2_0_assessment_without_levels(tmp_path):
    data = _assess("coastal-dialogue-partnership.yaml")
    data["schema_version"] = "2.0"
    for f in data["findings"]:
        f.pop("level", None)
        f["evidence_data"] = [e for e in f["evidence_data"] if e["key"] not in ("level", "level_range")]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    r = run_cli("compare", str(old), str(ROOT / "profiles" / "coastal-dialogue-partnership.yaml"), "--format", "json")
    assert r.returncode == 0, r.stderr


def test_a_json_whose_levels_differ_from_the_pack_is_one_line(tmp_path):
    data = _assess("coastal-dialogue-partnership.yaml")
    next(f for f in data["findings"] if "level" in f)["level"]["levels"] = ["a", "b"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    r = run_cli("assess", str(bad), "--lang", "fr")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "level" in r.stderr and "Traceback" not in r.stderr


def test_bundled_graded_rules_keep_the_ladders_of_the_catalogue():
    rules = {cr.rule.id: cr for cr in load_pack("idm2018").rules}
    assert [lv.id for lv in rules["ML-EVALUATION"].levels] == ["reviewed", "results_framework"]
    assert [(lv.id, lv.fraction) for lv in rules["NSP-MIGRANT-ROLE"].levels] == [("informed", 0.25), ("consulted", 0.5), ("standing", 0.75), ("co_implementing", 1.0)]
    assert [lv.id for lv in rules["SR-COMMITMENT-MECH"].levels] == ["declared", "planned", "resourced", "reviewed"]
    assert [(lv.id, lv.fraction) for lv in rules["NSP-NGO"].levels] == [("informed", 0.25), ("consulted", 0.5), ("standing", 0.75), ("co_implementing", 1.0)]
    assert [lv.id for lv in rules["MD-PILLARS"].levels] == ["one_field", "two_fields", "several_fields"]
    assert [(lv.id, lv.fraction) for lv in rules["GOV-FRAMEWORK-ALIGN"].levels] == [("referenced", 0.5), ("mapped", 1.0)]
    two = {"VM-GENDER": "mentioned", "VM-GENDER-POLICY": "mentioned", "VM-CRISIS": "discussed", "RP-SAFEGUARDS": "general",
           "DATA-EVIDENCE-USE": "presented", "DATA-PUBLICATION": "one_off", "GOV-RULES": "partial", "ISC-DIALOGUE": "late"}
    for rule, below in two.items():  # an enum fact's value below the one asked for earns half the weight
        assert [(lv.id, lv.fraction) for lv in rules[rule].levels][:1] == [(below, 0.5)] and len(rules[rule].levels) == 2, rule


def test_a_process_part_way_on_the_new_ladders_earns_a_share_between_0_and_100(tmp_path):
    """Two related fields, civil society with a standing invitation, a framework referred to: each a share of its weight,
    so the dimension's score lies strictly between 0 and 100; a regional process that covers every corridor between its
    members meets role coverage by design, and a global forum is not asked for it."""
    profile = tmp_path / "p.yaml"
    profile.write_text("id: p\nname: Labour dialogue\nkind: partnership\npartnership.type: rcp\npartnership.corridor_scope: between_members\n"
                       "partnership.pillars: [employment, migration_development, health]\npartnership.framework_alignment: referenced\n"
                       "stakeholders: [{name: Civil-society days, group: civil_society, role: consulted, status: formal}]\n"
                       "complete: [stakeholders, partnership.pillars]\n", encoding="utf-8")
    a = json.loads(run_cli("assess", str(profile), "--format", "json").stdout)
    f = {x["rule"]: x for x in a["findings"]}
    assert f["MD-PILLARS"]["status"] == "gap" and f["MD-PILLARS"]["level"]["reached"] == "two_fields"
    assert f["MD-PILLARS"]["level"]["fraction"] == 0.6667  # two thirds, rounded as the JSON writes fractions
    assert f["NSP-NGO"]["level"] == {"reached": "standing", "levels": ["informed", "consulted", "standing", "co_implementing"], "fraction": 0.75}
    assert f["GOV-FRAMEWORK-ALIGN"]["level"]["fraction"] == 0.5 and f["ISC-ROLE-COVERAGE"]["status"] == "met"
    profile.write_text(profile.read_text(encoding="utf-8").replace("type: rcp", "type: global_forum"), encoding="utf-8")
    a = json.loads(run_cli("assess", str(profile), "--format", "json").stdout)
    assert next(x for x in a["findings"] if x["rule"] == "ISC-ROLE-COVERAGE")["status"] == "not_applicable"


def test_a_level_label_and_its_advice_show_the_parameters_they_name(tmp_path):
    """As a rule's title does: {pillars_min} in a level's words reads as the pack's current value, in every language."""
    old = '{en: "a periodic review of results and difficulties", fr: "un examen périodique des résultats et des difficultés", '
    new = '{en: "a review of at least {pillars_min} fields", fr: "un examen d’au moins {pillars_min} domaines", '
    dest = _broken(tmp_path, old, new)
    pack = load_pack(str(dest))
    rule = next(cr.rule for cr in pack.rules if cr.rule.id == "ML-EVALUATION")
    assert rule.levels is not None
    first = rule.levels[0].label
    value = f"{pack.header.parameters['pillars_min'].value:g}"
    assert first["en"] == f"a review of at least {value} fields" and first["fr"] == f"un examen d’au moins {value} domaines"
