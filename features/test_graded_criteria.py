"""Steps for graded criteria: a profile written by the officer, assessed as the CLI does, read in the JSON contract."""

from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from engine.assess import assess
from engine.authoring.intake import assessed
from engine.pack.loading import load_pack
from engine.pack.profiles import validate_profile
from engine.yamlio import Locations

scenarios("graded_criteria.feature")

PACK = load_pack("idm2018")
BASE = {"id": "p", "name": "Coastal dialogue", "kind": "partnership", "partnership.type": "rcp"}


def _profile(facts: dict[str, Any]) -> Any:
    return validate_profile({**BASE, **facts}, Locations("<feature>"), PACK)


@given("a partnership that reviews its results and difficulties but has no results framework", target_fixture="facts")
def reviews_only() -> dict[str, Any]:
    return {"evaluation.reviews_difficulties": True, "evaluation.results_framework": False}


@given("migrant organisations are consulted case by case, in a complete list of participants")
def consulted(facts: dict[str, Any]) -> None:
    facts["stakeholders"] = [{"name": "Migrant voices", "group": "migrants", "role": "consulted", "status": "ad_hoc"}]
    facts["complete"] = ["stakeholders"]


@given("a partnership whose plan refers to the 2030 Agenda without mapping its actions to it", target_fixture="facts")
def referenced_only() -> dict[str, Any]:
    return {"partnership.framework_alignment": "referenced"}


@given("civil-society organisations have a standing invitation but no part in implementation, in a complete list")
def standing(facts: dict[str, Any]) -> None:
    facts["stakeholders"] = [{"name": "Civil-society days", "group": "civil_society", "role": "consulted", "status": "formal"}]
    facts["complete"] = ["stakeholders"]


@given("a partnership with a commitment mechanism whose commitments' stage is not stated", target_fixture="facts")
def mechanism_only() -> dict[str, Any]:
    return {"partnership.commitment_mechanism": True}


@when(parsers.parse('it is assessed in "{lang}"'), target_fixture="result")
def assessed_in(facts: dict[str, Any], lang: str) -> Any:
    profile = _profile(facts)
    return {"a": assessed(PACK, profile, lang), "raw": assess(PACK, profile, engine="python")}


def _finding(result: Any, rule: str) -> Any:
    return next(f for f in result["a"].findings if f.rule == rule)


@then(parsers.parse('criterion "{rule}" is a gap at level "{label}" ({n:d} of {total:d})'))
def gap_at(result: Any, rule: str, label: str, n: int, total: int) -> None:
    f = _finding(result, rule)
    assert f.status.value == "gap" and f.evidence[0] == f"level reached: {label} ({n} of {total})"
    assert f.level is not None and f.level.levels.index(f.level.reached) + 1 == n and len(f.level.levels) == total


@then(parsers.parse('criterion "{rule}" earns {fraction:g} of its weight'))
def earns(result: Any, rule: str, fraction: float) -> None:
    assert _finding(result, rule).level.fraction == fraction


@then(parsers.parse('the recommendation of "{rule}" names the next level "{label}"'))
def next_level(result: Any, rule: str, label: str) -> None:
    assert _finding(result, rule).recommendation.startswith(f"Next level: {label} (")


@then(parsers.parse('the key action on "{rule}" is to reach the level "{label}"'))
def key_action(result: Any, rule: str, label: str) -> None:
    action = next(r for r in result["a"].recommendations if r.rule == rule)
    assert action.text.startswith(f"Next level: {label} (") and (action.score_gain or 0) > 0


@then(parsers.parse('criterion "{rule}" is unknown, at least "{low}" and possibly up to "{high}"'))
def unknown_range(result: Any, rule: str, low: str, high: str) -> None:
    f = _finding(result, rule)
    spaces = {0xA0: " ", 0x202F: " "}
    assert f.status.value == "unknown"
    assert f.evidence[-1].translate(spaces).startswith(f"degré atteint : au moins {low} (") and f"jusqu’à {high} (" in f.evidence[-1]


@then(parsers.parse('the best case counts "{rule}" at its highest level and the worst case at its lowest'))
def cases(result: Any, rule: str) -> None:
    raw = result["raw"]
    f = next(x for x in raw.findings if x.rule == rule)
    assert f.level is not None and f.level.range == [0.5, 1.0]
    dim = next(d for d in raw.dimensions if d.id == f.dimension)
    assert dim.best_case is not None and dim.worst_case is not None and dim.best_case > dim.worst_case
