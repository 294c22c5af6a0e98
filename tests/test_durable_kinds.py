"""An evaluation told the profile's kind (``evaluate(facts, kind=...)``) gives every rule of that kind the status, the
evidence and the level of an evaluation of every rule, on both engines; durable_rules then asserts only that kind's rules
(one plan and set of rulesets per kind, made when the kind is first met)."""

from __future__ import annotations

import json
import random

import pytest

from engine.evaluate import quick
from engine.evaluate.durable import adapter as adapter_durable
from engine.evaluate.findings import ReferenceEvaluator, findings, make_evaluator
from engine.evaluate.trace import kind_keys
from engine.pack.loading import load_pack
from engine.pack.profiles import INCOMPLETE, Profile
from tests.helpers import ENGINES, random_facts

PACKS = ["idm2018", "sdg-10-7-2", "tests/packs/city", "tests/packs/mini"]


def _profiles(pack, n: int, seed: int):
    lists = [f.id for f in pack.facts.values() if f.type.value in ("list", "records")]
    rng = random.Random(seed)
    for i in range(n):
        kind = pack.kinds[i % len(pack.kinds)]
        facts = random_facts(pack, rng, kind, missing=(0.0, 0.2, 0.6)[i % 3])
        if i % 5 == 4:  # facts of another kind stated too: still read only by rules that do not apply
            facts.update(random_facts(pack, rng, pack.kinds[(i + 1) % len(pack.kinds)], missing=0.5))
        if i % 4 == 3:  # some lists naming only some of their items
            partial = frozenset(name for name in lists if name in facts and rng.random() < 0.5)
            if partial:
                facts[INCOMPLETE] = partial
        yield kind, facts


def _seen(pack, kind, facts, trace):
    prof = Profile("p", "P", kind, facts)
    return [(f.rule.rule.id, f.status, f.evidence, f.decision, f.level) for f in findings(pack, prof, trace)]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", PACKS)
def test_a_kind_restricted_evaluation_gives_that_kinds_rules_the_findings_of_a_whole_one(name, engine):
    pack = load_pack(name)
    evaluator = make_evaluator(pack, engine)
    statuses = set()
    for kind, facts in _profiles(pack, 300, 3):
        whole, only = evaluator.evaluate(facts), evaluator.evaluate(facts, kind=kind)
        seen = _seen(pack, kind, facts, only)
        assert seen == _seen(pack, kind, facts, whole), (kind, facts)
        statuses |= {s.value for _, s, _, _, _ in seen}
        keys = kind_keys(pack, kind)
        assert {k: v for k, v in only.fired.items() if k.rstrip("~") in keys} == {k: v for k, v in whole.fired.items() if k.rstrip("~") in keys}
        assert only.closed & keys == whole.closed & keys
    assert {"met", "gap", "not_applicable"} <= statuses


def _of(names, keys):
    return {n for n in names if n.split("|")[0].rstrip("~") in keys}


@pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed")
@pytest.mark.parametrize("name", PACKS)
def test_durable_told_the_kind_gives_the_reference_traces_for_that_kinds_keys_and_asserts_no_other_rule(name):
    pack = load_pack(name)
    durable, reference = adapter_durable.DurableEvaluator(pack), ReferenceEvaluator(pack)
    for kind, facts in _profiles(pack, 200, 8):
        d, r = durable.evaluate(facts, kind=kind), reference.evaluate(facts, kind=kind)
        keys = kind_keys(pack, kind)

        assert {k: v for k, v in d.fired.items() if k.rstrip("~") in keys} == {k: v for k, v in r.fired.items() if k.rstrip("~") in keys}
        assert (d.closed & keys, d.derived, _of(d.bindings, keys)) == (r.closed & keys, r.derived, _of(r.bindings, keys)), (kind, facts)
    assert None not in durable._parts  # only the kinds' plans were made, and each holds only its kind's rules
    for kind, part in durable._parts.items():
        assert part.plan.keys is not None and part.plan.keys <= kind_keys(pack, kind)
        assert {key.rstrip("~") for key, _ in part.names.values()} | {key.rstrip("~") for also in part.also.values() for key, _, _ in also} == part.plan.keys


@pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed")
def test_each_kinds_plan_is_made_once_and_kept_beside_the_cached_pack(tmp_path, monkeypatch):
    """A kind's plan is compiled the first time a profile of that kind is evaluated, only for the kinds met, and kept in
    the pack cache (one entry per kind): a later process (here, a new evaluator of the cached pack) reads it back."""
    from engine.evaluate.durable import compiler
    from engine.pack import cache
    from engine.pack.loading import build_pack, resolve_pack_dir

    monkeypatch.setenv("MIGOV_CACHE_DIR", str(tmp_path / "c"))
    made: list[str | None] = []
    compile_pack = compiler.compile_pack

    def counted(pack, kind=None):
        made.append(kind)
        return compile_pack(pack, kind)

    monkeypatch.setattr(compiler, "compile_pack", counted)  # the adapter imports the compiler when it compiles
    root = resolve_pack_dir("idm2018").resolve()
    pack = cache.cached_pack(root, "", lambda: build_pack(root))
    facts = dict(next(iter(_profiles(pack, 1, 2)))[1])
    first = adapter_durable.DurableEvaluator(pack)
    first.evaluate(facts, kind="partnership")
    first.evaluate(facts, kind="partnership")
    assert made == ["partnership"] and set(first._parts) == {"partnership"}
    again = adapter_durable.DurableEvaluator(pack)
    trace = again.evaluate(facts, kind="partnership")
    assert made == ["partnership"] and trace == first.evaluate(facts, kind="partnership")  # read from the cache
    again.evaluate(facts, kind="country")
    again.evaluate(facts)
    assert made == ["partnership", "country", None]


@pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed")
def test_durable_rules_makes_derived_records_without_the_reference_evaluators_plan(monkeypatch):
    """durable_rules needs only the derivation plan from the Python side (its derived records): a one-profile run does
    not pay for the reference evaluator's plan (its literal bits and groups)."""
    monkeypatch.setattr(quick, "_PLANS", {})
    pack = load_pack("idm2018")
    evaluator = adapter_durable.DurableEvaluator(pack)
    for kind, facts in _profiles(pack, 12, 3):
        evaluator.evaluate(facts, kind=kind)
    assert quick._PLANS == {}


@pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed")
@pytest.mark.parametrize("name", PACKS)
def test_every_batch_asserted_is_json_with_each_property_once_and_each_fact_at_its_position(name, monkeypatch):
    """The anchor facts are written as text from remembered pieces: each batch must still be a JSON list of facts, no
    property written twice (durable would read one of them), each fact of the session with its position as its id."""
    sent: list[str] = []
    real = adapter_durable._dre

    class Recorder:
        def __getattr__(self, attr):
            return getattr(real, attr)

        def assert_facts(self, handle, text):
            sent.append(text)
            return real.assert_facts(handle, text)

    def unique(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    monkeypatch.setattr(adapter_durable, "_dre", Recorder())
    pack = load_pack(name)
    evaluator = adapter_durable.DurableEvaluator(pack)
    for kind, facts in _profiles(pack, 60, 11):
        evaluator.evaluate(facts, kind=kind)
    assert sent
    for text in sent:
        batch = json.loads(text, object_pairs_hook=unique)
        assert all(f["sid"] == batch[0]["sid"] and f.get("id", i) == i for i, f in enumerate(batch))
