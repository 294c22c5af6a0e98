"""The operator table (engine/operators.py): every row is whole, and a new operator needs only its row.

``between`` / ``not_between`` were added as two rows of the table (with their French messages in the
catalogue) and nothing else: here they are parsed, negated, compiled, evaluated by both engines,
described in English and French and linted, through the stages that read the table.
"""

import json
import random
import shutil
from pathlib import Path

import pytest

from engine import conditions as c
from engine.errors import PackError
from engine.evaluate.durable import adapter as adapter_durable
from engine.evaluate.durable.compiler import compile_pack
from engine.evaluate.findings import ReferenceEvaluator, findings
from engine.evaluate.semantics import compare
from engine.i18n import translate
from engine.operators import BY_OP, KEYS, LIST_KEYS, OPERATORS
from engine.pack.compiled import Pack
from engine.pack.describe import describe
from engine.pack.loading import load_pack
from engine.pack.profiles import Profile
from engine.packtools.examples import run_examples
from engine.packtools.lint import lint
from tests.helpers import ROOT, random_facts

MINI = ROOT / "tests" / "packs" / "mini"

RULES = """
- id: M-BETWEEN
  dimension: alpha
  weight: 1
  title: {en: "A middling cost, or a mid-sized NGO", fr: "Un coût moyen, ou une ONG de taille moyenne"}
  condition:
    any:
      - {fact: cost, between: [1, 5]}
      - {exists: actors, where: {group: ngo, size: {between: [10, 100]}}}
  recommendation: {en: "Adjust.", fr: "Ajuster."}
  sources: {seed: "test"}
  examples:
    - {status: met, facts: {cost: 5, actors: []}}
    - {status: met, facts: {cost: 9, actors: [{name: N, group: ngo, home: X, size: 10}]}}
    - {status: gap, facts: {cost: 9, actors: [{name: N, group: ngo, home: X, size: 101}, {name: F, group: firm, home: X, size: 50}]}}

- id: M-OUTSIDE
  dimension: beta
  weight: 1
  title: {en: "A cost outside both ranges", fr: "Un coût hors des deux intervalles"}
  condition:
    all:
      - not: {fact: cost, between: [1, 5]}
      - {fact: cost, not_between: [7, 8]}
  recommendation: {en: "Adjust.", fr: "Ajuster."}
  sources: {seed: "test"}
  examples:
    - {status: met, facts: {cost: 0.5}}
    - {status: met, facts: {cost: 8.5}}
    - {status: gap, facts: {cost: 7}}
    - {status: gap, facts: {cost: 1}}

- id: M-SIZES
  dimension: beta
  weight: 1
  title: {en: "A firm and a mid-sized NGO from elsewhere", fr: "Une entreprise et une ONG de taille moyenne venue d'ailleurs"}
  condition:
    all:
      - {exists: actors, as: f, where: {group: firm}}
      - {exists: actors, where: {group: ngo, home: {not_equals: {ref: f.home}}, size: {not_between: [0, 9]}}}
  recommendation: {en: "Adjust.", fr: "Ajuster."}
  sources: {seed: "test"}
  examples:
    - {status: met, facts: {actors: [{name: F, group: firm, home: X}, {name: N, group: ngo, home: Y, size: 10}]}}
    - {status: gap, facts: {actors: [{name: F, group: firm, home: X}, {name: N, group: ngo, home: Y, size: 9}]}}
"""


def with_rules(tmp_path: Path, extra: str = RULES, old: str = "", new: str = "") -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(MINI, dest)
    f = dest / "rules" / "all.yaml"
    text = f.read_text(encoding="utf-8") + extra
    assert old in text
    f.write_text(text.replace(old, new, 1) if old else text, encoding="utf-8")
    return dest


@pytest.fixture
def between_pack(tmp_path: Path) -> Pack:
    return load_pack(with_rules(tmp_path))


def rule(pack: Pack, rid: str):
    return next(cr for cr in pack.rules if cr.rule.id == rid)


def test_every_row_is_whole():
    assert len(set(KEYS)) == len(OPERATORS) and not set(KEYS) & set(LIST_KEYS)
    for o in OPERATORS:
        if o.negation is not None:  # negation is an involution within the table
            assert BY_OP[BY_OP[o.negation].negation].op == o.op, o.key
        for message in (o.text, o.wrong_type):
            if message is not None:
                assert translate(message, "fr") != message, f"no French for {message!r}"
        if o.check is not None:
            assert o.wrong_type is not None, o.key


def test_between_parses_and_negates(between_pack):
    (conj0, conj1) = rule(between_pack, "M-BETWEEN").dnf
    assert conj0 == (c.Test("cost", "between", (1, 5)),)
    assert conj1[0].where[1] == c.FieldTest("size", "between", (10, 100))
    assert rule(between_pack, "M-OUTSIDE").dnf == [(c.Test("cost", "not_between", (1, 5)), c.Test("cost", "not_between", (7, 8)))]


def test_between_semantics_and_durable_json(between_pack):
    assert [compare("between", v, (1, 5)) for v in (0.99, 1, 3, 5, 5.01, "3", True)] == [False, True, True, True, False, False, False]
    assert [compare("not_between", v, (1, 5)) for v in (0.99, 1, 5, 5.01, "9")] == [True, False, False, True, False]
    plan = compile_pack(between_pack)
    blob = json.dumps([r.rules for r in plan.final])
    cost = plan.fields["cost"]  # the anchor property holding the fact
    assert json.dumps({"$and": [{"$gte": {cost: 1}}, {"$lte": {cost: 5}}]}) in blob
    assert '{"$or": [{"$lt": {"size": 0}}, {"$gt": {"size": 9}}]}' in blob  # on a joined record
    assert json.dumps({"$or": [{"$lt": {cost: 7}}, {"$gt": {cost: 8}}]}) in blob


@pytest.mark.parametrize("engine", ["durable", "python"])
def test_between_examples_hold_on_both_engines(between_pack, engine):
    if engine == "durable" and not adapter_durable.available():
        pytest.skip("durable_rules is not installed")
    results = [r for r in run_examples(between_pack, engine) if r.rule in ("M-BETWEEN", "M-OUTSIDE", "M-SIZES")]
    assert len(results) == 9
    assert all(r.passed for r in results), [r for r in results if not r.passed]


@pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed")
def test_between_engines_agree(between_pack):
    pack = between_pack
    durable, reference = adapter_durable.DurableEvaluator(pack), ReferenceEvaluator(pack)
    rng = random.Random(7)
    seen = set()
    for i in range(600):
        kind = "country" if i % 2 else "partnership"
        facts = random_facts(pack, rng, kind)
        if "cost" in facts:  # the bounds and either side of them
            facts["cost"] = rng.choice([0.5, 1, 3, 5, 5.5, 7, 7.5, 8, 9])
        for rec in facts.get("actors", []):
            rec["size"] = rng.choice([0, 9, 10, 50, 100, 101])
        prof = Profile("p", "P", kind, facts)
        a = [(f.rule.rule.id, f.status, f.evidence) for f in findings(pack, prof, durable.evaluate(facts), "fr")]
        b = [(f.rule.rule.id, f.status, f.evidence) for f in findings(pack, prof, reference.evaluate(facts), "fr")]
        assert a == b, (i, facts)
        seen |= {(rid, s.value) for rid, s, _ in a if rid in ("M-BETWEEN", "M-OUTSIDE", "M-SIZES")}
    assert seen >= {(rid, s) for rid in ("M-BETWEEN", "M-OUTSIDE", "M-SIZES") for s in ("met", "gap")}


def test_between_in_words(between_pack):
    cr = rule(between_pack, "M-BETWEEN")
    assert describe(between_pack, cr.tree, "en") == ("Any of: Cost is between 1 and 5; there is a “Actors” record "
                                                     "where Group is “NGO” and Size is between 10 and 100")
    assert describe(between_pack, cr.tree, "fr") == ("L’une de ces conditions : « Coût » vaut entre 1 et 5; la liste « Acteurs » compte au moins un élément "
                                                     "où « Groupe » vaut « ONG » et « Taille » vaut entre 10 et 100")
    out = rule(between_pack, "M-OUTSIDE")
    assert "Cost is not between 7 and 8" in describe(between_pack, out.tree, "en")
    assert "« Coût » est hors de l’intervalle de 7 à 8" in describe(between_pack, out.tree, "fr")


def test_between_is_linted(tmp_path):
    assert [p.code for p in lint(with_rules(tmp_path / "ok")) if p.severity == "error"] == []
    impossible = with_rules(tmp_path / "never", old="      - {fact: cost, not_between: [7, 8]}",
                            new="      - {fact: cost, not_between: [7, 8]}\n      - {fact: cost, between: [7.5, 7.9]}")
    assert [(p.code, p.field) for p in lint(impossible) if p.code == "L010"] == [("L010", "M-OUTSIDE.condition")]
    reversed_ = with_rules(tmp_path / "rev", old="between: [1, 5]}\n      - {exists", new="between: [5, 1]}\n      - {exists")
    (problem,) = [p for p in lint(reversed_) if p.severity == "error"]
    assert (problem.code, problem.message) == ("L005", "expected two numbers, the lower first: [low, high]")
    on_text = with_rules(tmp_path / "text", old="{fact: cost, between: [1, 5]}\n      - {exists", new="{fact: code, between: [1, 5]}\n      - {exists")
    with pytest.raises(PackError, match=r"any\[0\]\.between: 'between' compares numbers; 'code' is text"):
        load_pack(on_text)
    assert translate("'{key}' compares numbers; '{name}' is {type}", "fr") == "« {key} » compare des nombres ; « {name} » est de type {type}"


@pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed")
def test_a_reference_after_an_in_list_is_honoured(tmp_path):
    """durable ignored a join reference written after a compound test ($or/$and); the compiler puts references first."""
    where = "where: {group: ngo, home: {not_equals: {ref: f.home}}, size: {not_between: [0, 9]}}"
    pack = load_pack(with_rules(tmp_path, old=where, new="where: {group: {in: [ngo]}, home: {not_equals: {ref: f.home}}}"))
    facts = {"actors": [{"group": "firm", "home": "EX", "name": "F"}, {"group": "ngo", "home": "EX", "name": "N"}]}
    durable, reference = adapter_durable.DurableEvaluator(pack).evaluate(facts), ReferenceEvaluator(pack).evaluate(facts)
    assert durable.fired.get("M-SIZES") == reference.fired.get("M-SIZES")
