"""Three-valued statuses: "we don't know" is never "no", on both engines.

The property tests draw random conditions over the mini pack (all, any, not, at_least, negated text
patterns, counts, joins) and random partial profiles, and check soundness: a status is met (or a
gap) only if every way of filling in the unknown facts, over small domains, gives that status; and on
a complete profile no rule is unknown. Both engines must give the same status on every profile.
Both skip the negation of a rule whose facts are all stated (two-valued there: a gap when the
condition fails), so the complete profiles are also evaluated with every alternative of both
polarities (the reference engine, ungated): there too no rule is unknown, and the statuses agree.

durable_rules crashed (segfault, also before this logic existed) after a few dozen rulesets of varied
random shapes in one process, so the test with both engines compiles one pack of seeded random
conditions once, and Hypothesis draws the profiles; the test drawing the conditions too runs the
reference engine, which the first test ties durable to.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.conditions import facts_of, to_dnf
from engine.errors import PackError
from engine.evaluate import semantics
from engine.evaluate.durable import adapter as adapter_durable
from engine.evaluate.explain import why
from engine.evaluate.findings import ReferenceEvaluator, decide, findings, make_evaluator
from engine.evaluate.logic import refs_bound
from engine.pack.loading import CompiledRule, Pack, load_pack
from engine.pack.model import Kind, Status
from engine.pack.parse import Parser, Scope
from engine.pack.profiles import INCOMPLETE, Profile
from engine.yamlio import Locations
from tests.helpers import ROOT

MINI = load_pack(ROOT / "tests" / "packs" / "mini")
ENGINES = ["python"] + (["durable"] if adapter_durable.available() else [])

LEAVES: list[Any] = [
    {"fact": "transit", "equals": True},
    {"fact": "code", "matches": "E*"},
    {"fact": "cost", "lt": 2.5},
    {"fact": "level", "in": ["mid", "top"]},
    {"fact": "level", "not_equals": "low"},
    {"fact": "tags", "at_least": 2, "of": ["a", "b", "c"]},
    {"exists": "actors", "where": {"group": "ngo"}},
    {"none": "actors", "where": {"group": "city"}},
    {"exists": "actors", "where": {"group": "ngo"}, "at_least": 2},
    "join",  # a firm and an NGO from another place (records tied by a reference)
]
ACTORS = [{"name": "F", "group": "firm", "home": "X"}, {"name": "N", "group": "ngo", "home": "Y"},
          {"name": "M", "group": "ngo", "home": "X"}, {"name": "C", "group": "city", "home": "Z"}]
DOMAINS: dict[str, list[Any]] = {
    "transit": [True, False], "code": ["EX", "FR"], "cost": [1, 3], "level": ["low", "mid", "top"],
    "tags": [[], ["a"], ["a", "b"], ["a", "b", "c"]],
    "actors": [[], [ACTORS[1]], [ACTORS[1], ACTORS[2]], [ACTORS[0], ACTORS[1]], [ACTORS[3], ACTORS[0], ACTORS[2]]],
}

trees = st.recursive(
    st.sampled_from(range(len(LEAVES))),
    lambda kids: st.one_of(
        st.tuples(st.sampled_from(["all", "any"]), st.lists(kids, min_size=1, max_size=3)),
        st.tuples(st.just("not"), kids),
        st.lists(kids, min_size=1, max_size=3).flatmap(lambda xs: st.tuples(st.just("at_least"), st.just(xs), st.integers(1, len(xs)))),
    ),
    max_leaves=5,
)


def render(tree: Any, names: itertools.count) -> Any:  # type: ignore[type-arg]
    """The drawn shape as pack YAML data (each join with its own record names)."""
    if isinstance(tree, int):
        leaf = LEAVES[tree]
        if leaf != "join":
            return leaf
        f = f"f{next(names)}"
        return {"all": [{"exists": "actors", "as": f, "where": {"group": "firm"}},
                        {"exists": "actors", "where": {"group": "ngo", "home": {"not_equals": {"ref": f"{f}.home"}}}}]}
    if tree[0] == "not":
        return {"not": render(tree[1], names)}
    if tree[0] == "at_least":
        return {"at_least": tree[2], "of": [render(x, names) for x in tree[1]]}
    return {tree[0]: [render(x, names) for x in tree[1]]}


def pack_with(conditions: list[Any], applies: Any = None) -> Pack:
    scope = Scope(MINI.facts, dict(MINI.record_fields))
    template = next(cr for cr in MINI.rules if cr.rule.id == "M-AT-LEAST")
    rules = []
    for i, raw in enumerate(conditions):
        tree = Parser(scope, Locations("t.yaml")).parse(raw, ())
        dnf = to_dnf(tree)
        if not all(refs_bound(conj) for conj in dnf):
            raise ValueError("a reference to a record not matched (the pack loader refuses it)")
        atree = Parser(scope, Locations("t.yaml")).parse(applies, ()) if applies is not None and i == 0 else None
        adnf = to_dnf(atree) if atree is not None else None
        names = {n for conj in dnf + (adnf or []) for lit in conj for n in facts_of(lit)}
        rule = dataclasses.replace(template.rule, id=f"R{i}")
        rules.append(CompiledRule(rule, "t.yaml", 1, dnf, adnf, frozenset(names), i, tree, atree))
    return dataclasses.replace(MINI, rules=rules)


def statuses(pack: Pack, evaluator: Any, facts: dict[str, Any]) -> list[Status]:
    trace = evaluator.evaluate(facts)
    return [decide(cr, "country", trace).status for cr in pack.rules]


class Ungated:
    """The reference engine evaluating every polarity, closed rules included (no shortcut to check)."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    def evaluate(self, facts: dict[str, Any]) -> Any:
        return semantics.evaluate(self.pack, facts, gate=False)


def check_sound(pack: Pack, evaluators: list[Any], facts: dict[str, Any]) -> None:
    partial = [statuses(pack, ev, facts) for ev in evaluators + [Ungated(pack)]]
    assert all(p == partial[0] for p in partial), (facts, partial)
    missing = [k for k in DOMAINS if k not in facts]
    for n, values in enumerate(itertools.product(*(DOMAINS[k] for k in missing))):
        full = dict(facts, **dict(zip(missing, values)))
        got = statuses(pack, evaluators[0], full)
        assert Status.unknown not in got, (full, got)  # everything stated: two-valued
        assert statuses(pack, Ungated(pack), full) == got, full  # and so without the shortcut
        if n % 29 == 0 and len(evaluators) > 1:
            assert statuses(pack, evaluators[1], full) == got, full
        for rule, before, after in zip(pack.rules, partial[0], got):
            if before != Status.unknown:
                assert after == before, (rule.rule.id, rule.tree, facts, full, before, after)


def _seeded_shape(rng: random.Random, depth: int) -> Any:
    if depth == 0 or rng.random() < 0.3:
        return rng.randrange(len(LEAVES))
    kind = rng.choice(["all", "any", "not", "at_least"])
    if kind == "not":
        return ("not", _seeded_shape(rng, depth - 1))
    items = [_seeded_shape(rng, depth - 1) for _ in range(rng.randint(1, 3))]
    return ("at_least", items, rng.randint(1, len(items))) if kind == "at_least" else (kind, items)


def _seeded_pack(n: int) -> Pack:
    rng, names, conditions = random.Random(20261201), itertools.count(), []
    while len(conditions) < n:
        raw = render(_seeded_shape(rng, 3), names)
        try:
            pack_with([raw])
            ReferenceEvaluator(pack_with([raw])).evaluate({})
        except (ValueError, PackError):
            continue
        conditions.append(raw)
    return pack_with(conditions, LEAVES[0])


SEEDED = _seeded_pack(40)
PROFILES = st.fixed_dictionaries({k: st.one_of(st.none(), st.sampled_from(range(len(v)))) for k, v in DOMAINS.items()})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_statuses_of_random_conditions_are_sound_on_both_engines(drawn):
    evaluators = [ReferenceEvaluator(SEEDED)] + ([make_evaluator(SEEDED, "durable")] if "durable" in ENGINES else [])
    check_sound(SEEDED, evaluators, {k: DOMAINS[k][i] for k, i in drawn.items() if i is not None})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trees, min_size=1, max_size=3), st.one_of(st.none(), st.sampled_from(range(len(LEAVES) - 1))), PROFILES)
def test_statuses_are_sound_for_drawn_conditions(shapes, applies, drawn):
    names = itertools.count()
    try:
        pack = pack_with([render(s, names) for s in shapes], LEAVES[applies] if applies is not None else None)
        evaluator = ReferenceEvaluator(pack)
        evaluator.evaluate({})
    except (ValueError, PackError):  # more alternatives than a rule may have, or a negated join (refused by the loader)
        return
    check_sound(pack, [evaluator], {k: DOMAINS[k][i] for k, i in drawn.items() if i is not None})


def _status(pack: Pack, engine: str, rule: str, facts: dict[str, Any], kind: Kind = "country") -> Status:
    ev = make_evaluator(pack, engine)
    (f,) = [f for f in findings(pack, Profile("p", "P", kind, facts), ev.evaluate(facts), "en") if f.rule.rule.id == rule]
    return f.status


@pytest.mark.parametrize("engine", ENGINES)
def test_ml_local_is_met_on_its_first_branch_with_platforms_unknown(pack, engine):
    facts = {"partnerships.levels": ["local", "national"]}
    assert _status(pack, engine, "ML-LOCAL", facts) == Status.met
    assert _status(pack, engine, "ML-LOCAL", {"partnerships.levels": ["national"]}) == Status.unknown
    assert _status(pack, engine, "ML-LOCAL", {"partnerships.levels": ["national"], "platforms": []}) == Status.unknown
    assert _status(pack, engine, "ML-LOCAL", {"partnerships.levels": ["national"], "platforms": [], "subnational": []}) == Status.gap


@pytest.mark.parametrize("engine", ENGINES)
def test_all_is_a_gap_when_one_branch_is_and_none_of_an_unknown_list_is_unknown(engine):
    # M-NONE-TAGS: all of none city actor, 3 of 4 tags, level in mid/top, cost >= 1
    assert _status(MINI, engine, "M-NONE-TAGS", {"cost": 0}) == Status.gap
    assert _status(MINI, engine, "M-NONE-TAGS", {"tags": ["a", "b", "c"], "level": "mid", "cost": 1}) == Status.unknown
    assert _status(MINI, engine, "M-NONE-TAGS", {"actors": [], "tags": ["a", "b", "c"], "level": "mid", "cost": 1}) == Status.met


@pytest.mark.parametrize("engine", ENGINES)
def test_applicability_is_three_valued(engine):
    two = [{"name": "A", "group": "ngo", "home": "X"}, {"name": "B", "group": "ngo", "home": "Y"}]
    assert _status(MINI, engine, "M-APPLIES", {"actors": two}) == Status.unknown  # transit unknown: it may not apply
    assert _status(MINI, engine, "M-APPLIES", {"transit": False}) == Status.not_applicable
    assert _status(MINI, engine, "M-APPLIES", {"transit": True, "actors": two}) == Status.met


@pytest.mark.parametrize("engine", ENGINES)
def test_a_derived_type_with_an_unstated_base_fact_is_unknown(pack, engine):
    corridors = [{"origin": "EX", "destination": "RU"}]
    assert _status(pack, engine, "ISC-CORRIDORS", {"corridors": corridors}) == Status.unknown  # agreements unknown
    assert _status(pack, engine, "ISC-CORRIDORS", {"corridors": []}) == Status.gap  # no corridor: decided without them
    agreements = [{"name": "A", "type": "bilateral_labour", "status": "active", "partners": ["EX", "RU"]}]
    assert _status(pack, engine, "ISC-CORRIDORS", {"corridors": corridors, "agreements": agreements}) == Status.met


@pytest.mark.parametrize("engine", ENGINES)
def test_a_closed_gap_skips_the_negation_and_explain_finds_what_decided_it(pack, engine):
    facts = {"coordination.mechanism": True, "coordination.portfolios": []}
    trace = make_evaluator(pack, engine).evaluate(facts)
    assert "MD-MIG-DEV" in trace.closed and "MD-MIG-DEV~" not in trace.fired  # every fact stated: not evaluated
    assert _status(pack, engine, "MD-MIG-DEV", facts) == Status.gap
    (cr,) = [cr for cr in pack.rules if cr.rule.id == "MD-MIG-DEV"]
    lines = why(pack, cr, Profile("p", "P", "country", facts), "en", engine)
    decided = lines[lines.index("Decided by what holds:") + 1:]
    assert len(decided) == 1 and "fewer than 2" in decided[0], lines  # the first alternative of the negation that holds
    open_facts = {"coordination.portfolios": ["migration"], INCOMPLETE: frozenset({"coordination.portfolios"})}
    assert "MD-MIG-DEV" not in make_evaluator(pack, engine).evaluate(open_facts).closed  # an open list: not closed
    assert _status(pack, engine, "MD-MIG-DEV", open_facts) == Status.unknown  # development may be among the rest


# --- open-world lists: a stated list not marked complete names at least its items -------------------

OPEN_LISTS = ("tags", "actors")


def _supersets(name: str, stated: list[Any]) -> list[Any]:
    """The values of the drawn domain the list may turn out to have: every one holding its stated items."""
    return [v for v in DOMAINS[name] if all(item in v for item in stated)]


def check_open_sound(pack: Pack, evaluators: list[Any], facts: dict[str, Any], open_lists: set[str]) -> None:
    """Met or a gap on a profile with incomplete lists stays so whatever the unknown facts are and whatever
    items the incomplete lists turn out to have besides those stated; both engines agree."""
    opened = {**facts, INCOMPLETE: frozenset(open_lists)} if open_lists else facts
    partial = [statuses(pack, ev, opened) for ev in evaluators]
    assert all(p == partial[0] for p in partial), (opened, partial)
    missing = [k for k in DOMAINS if k not in facts]
    grown = sorted(open_lists)
    for values in itertools.product(*(DOMAINS[k] for k in missing), *(_supersets(k, facts[k]) for k in grown)):
        full = dict(facts, **dict(zip(missing + grown, values)))
        got = statuses(pack, evaluators[0], full)
        for rule, before, after in zip(pack.rules, partial[0], got):
            if before != Status.unknown:
                assert after == before, (rule.rule.id, rule.tree, opened, full, before, after)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES, st.sets(st.sampled_from(OPEN_LISTS)))
def test_statuses_with_incomplete_lists_are_sound_on_both_engines(drawn, open_lists):
    evaluators = [ReferenceEvaluator(SEEDED)] + ([make_evaluator(SEEDED, "durable")] if "durable" in ENGINES else [])
    facts = {k: DOMAINS[k][i] for k, i in drawn.items() if i is not None}
    check_open_sound(SEEDED, evaluators, facts, {k for k in open_lists if k in facts})


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trees, min_size=1, max_size=3), PROFILES, st.sets(st.sampled_from(OPEN_LISTS)))
def test_statuses_with_incomplete_lists_are_sound_for_drawn_conditions(shapes, drawn, open_lists):
    names = itertools.count()
    try:
        pack = pack_with([render(s, names) for s in shapes])
        evaluator = ReferenceEvaluator(pack)
        evaluator.evaluate({})
    except (ValueError, PackError):
        return
    facts = {k: DOMAINS[k][i] for k, i in drawn.items() if i is not None}
    check_open_sound(pack, [evaluator], facts, {k for k in open_lists if k in facts})


@pytest.mark.parametrize("engine", ENGINES)
def test_an_absent_item_of_an_incomplete_list_is_unknown_and_a_present_one_still_decides(engine):
    # M-NONE-TAGS: all of none city actor, 3 of 4 tags, level in mid/top, cost >= 1
    base = {"tags": ["a", "b", "c"], "level": "mid", "cost": 1}
    ngo = [{"name": "N", "group": "ngo", "home": "Y"}]
    city = [{"name": "C", "group": "city", "home": "Z"}]
    assert _status(MINI, engine, "M-NONE-TAGS", {**base, "actors": ngo}) == Status.met  # complete: no city actor
    assert _status(MINI, engine, "M-NONE-TAGS", {**base, "actors": ngo, INCOMPLETE: frozenset({"actors"})}) == Status.unknown
    assert _status(MINI, engine, "M-NONE-TAGS", {**base, "actors": city, INCOMPLETE: frozenset({"actors"})}) == Status.gap
