"""What the durable_rules adapter asserts for a profile: anchor facts carrying only the properties a test can still pass with
their values, and rules named by short codes of one width (a firing's rule read as a fixed slice of its message). That the
traces stay those of the reference evaluator is checked by tests/test_differential.py and tests/test_durable_kinds.py."""

from __future__ import annotations

import json
import random
import string
from typing import Any

import pytest

from engine.evaluate.durable import adapter as adapter_durable
from engine.evaluate.durable import jsontext
from engine.evaluate.durable.plan import ANCHOR, CODE, SENTINEL
from engine.pack.loading import load_pack
from engine.pack.profiles import INCOMPLETE
from tests.helpers import random_facts

pytestmark = pytest.mark.skipif(not adapter_durable.available(), reason="durable_rules is not installed")

PACKS = ["idm2018", "sdg-10-7-2", "tests/packs/city", "tests/packs/mini"]
_ORDER = {"$gt": lambda a, e: a > e, "$gte": lambda a, e: a >= e, "$lt": lambda a, e: a < e, "$lte": lambda a, e: a <= e}


def _tests(cond: Any, out: list[Any]) -> list[Any]:
    """A durable_rules condition's tests, flattened: (property, check) or ("$or", its tests)."""
    for op, value in cond.items():
        if op == "$and":
            for sub in value:
                _tests(sub, out)
        elif op == "$or":
            out.append(("$or", [t for sub in value for t in _tests(sub, [])]))
        elif op in _ORDER:
            ((prop, operand),) = value.items()
            out.append((prop, lambda v, o=operand, f=_ORDER[op]: type(v) is not bool and type(v) is not str and f(v, o)))
        elif op == "$neq":
            ((prop, operand),) = value.items()
            out.append((prop, lambda v, o=operand: v != o))
        elif op.startswith("$"):  # another operator: any value may pass it
            out.extend((prop, lambda v: True) for prop in value)
        elif op != "t":
            out.append((op, lambda v, o=value: v == o and type(v) is type(o)))
    return out


def _passes(test: Any, fact: dict[str, Any]) -> bool:
    if test[0] == "$or":
        return any(_passes(t, fact) for t in test[1])
    return test[0] in fact and test[1](fact[test[0]])


def _props(test: Any) -> set[str]:
    return {t[0] for t in test[1]} if test[0] == "$or" else {test[0]}


def _batches(name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[tuple[int, str]]]:
    sent: list[tuple[int, str]] = []
    real = adapter_durable._dre

    class Recorder:
        def __getattr__(self, attr: str) -> Any:
            return getattr(real, attr)

        def assert_facts(self, handle: int, text: str) -> Any:
            sent.append((handle, text))
            return real.assert_facts(handle, text)

    monkeypatch.setattr(adapter_durable, "_dre", Recorder())
    pack = load_pack(name)
    evaluator = adapter_durable.DurableEvaluator(pack)
    rng = random.Random(5)
    lists = [f.id for f in pack.facts.values() if f.type.value in ("list", "records")]
    for i in range(90):
        kind = pack.kinds[i % len(pack.kinds)]
        facts = random_facts(pack, rng, kind, missing=(0.0, 0.3, 0.6)[i % 3])
        if i % 4 == 3:  # lists naming only some of their items: their groups' negations are gated open
            facts[INCOMPLETE] = frozenset(n for n in lists if n in facts and rng.random() < 0.5)
        evaluator.evaluate(facts, kind=kind)
    return evaluator, sent


@pytest.mark.parametrize("name", PACKS)
def test_an_anchor_fact_carries_a_property_only_where_a_test_of_a_pattern_it_can_meet_passes(name, monkeypatch):
    """A property whose value no test can pass is left off (absent, it fails every test as that value would). A negation
    counts only where the flag gating it ("open", "stated, some list open") is set on the fact: the properties it tests are
    then written whatever their values."""
    evaluator, sent = _batches(name, monkeypatch)
    patterns: dict[tuple[int, str], list[tuple[list[Any], list[Any]]]] = {}
    for part in evaluator._parts.values():
        for (handle, _), rp in zip(part.final, part.plan.final, strict=True):
            for body in rp.rules.values():
                for pattern in body["all"]:
                    ((_, cond),) = pattern.items()
                    t = (cond["$and"][0] if "$and" in cond else cond)["t"]
                    tests = _tests(cond, [])
                    gates = [x for x in tests if x[0] != "$or" and x[0][:2] in ("_o", "_s")]
                    patterns.setdefault((handle, t), []).append((tests, gates))
    written = 0
    for handle, text in sent:
        anchors = [fact for fact in json.loads(text) if fact["t"].startswith(ANCHOR)]
        live = set()  # a property on several anchor facts of a batch is written on each where one of them is live
        for fact in anchors:
            for tests, gates in patterns.get((handle, fact["t"]), []):
                if not gates:
                    live |= {p for t in tests if _passes(t, fact) for p in _props(t)}
                elif all(_passes(g, fact) for g in gates):  # a negation its flag lets through: every value it tests
                    live |= {p for t in tests for p in _props(t)}
        for fact in anchors:
            props = set(fact) - {"t", "sid", "id"}
            assert props <= live, (fact["t"], sorted(props - live))
            written += len(props)
    assert written


@pytest.mark.parametrize("name", ["idm2018", "tests/packs/mini"])
def test_a_final_rulesets_rules_are_named_by_codes_of_one_width_each_labelled_with_its_rule(name, monkeypatch):
    evaluator, sent = _batches(name, monkeypatch)
    assert sent
    for part in evaluator._parts.values():
        codes = [code for rp in part.plan.final for code in rp.rules]
        assert len(codes) == len(set(codes)) and all(len(c) == CODE and set(c) <= set(string.ascii_letters + string.digits) for c in codes)
        labels = [rp.labels[code] for rp in part.plan.final for code in rp.rules]
        assert labels.count(SENTINEL) == len(part.plan.final)
        named = {part.labels[code]: key_alt for code, key_alt in part.names.items()}
        named.update({other: (key, alt) for also in part.also.values() for key, alt, other in also})
        assert all(name_.rpartition("|")[0] == key and int(name_.rpartition("|")[2]) in alt for name_, (key, alt) in named.items())
        assert set(named) == {label for label in labels if label != SENTINEL} | {other for also in part.also.values() for _, _, other in also}


@pytest.mark.parametrize("value", [[{"t": "a", "n": 1, "x": 2.5, "b": False, "z": None}], [], {"é": "ü\u2028\"\\"}, 10**30, -0.0, "text", [[1, [2]]]])
def test_the_facts_json_is_the_public_encoders_text_written_once_or_by_the_fallback(value, monkeypatch):
    """The C encoder made once writes what json's public encoder writes; where it cannot be made, the public one is used."""
    assert jsontext.encode(value) == jsontext.PUBLIC.encode(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    assert jsontext._direct() is None
    monkeypatch.setattr(json.encoder, "c_make_encoder", lambda markers, default: None)  # another signature
    assert jsontext._direct() is None
    monkeypatch.setattr(json.encoder, "c_make_encoder", lambda *args: lambda value, level: ["[]"])  # other text
    assert jsontext._direct() is None
