"""Steps for roles_and_stance.feature: profiles built from the sentence, assessed like the CLI does."""

from pathlib import Path
from typing import Any

import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from engine.assessment import Assessment
from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from tests.helpers import ROOT

scenarios("roles_and_stance.feature")
PACK = load_pack("idm2018")


@given("a country with no national migration strategy, no Global Compact plan and no pledges", target_fixture="facts")
def no_strategy() -> dict[str, Any]:
    return {"kind": "country", "governance": {"gcm_plan": False, "migration_strategy": False}, "responsibility": {"gcm_pledges": False}}


@given(parsers.parse('its position on the Global Compact is "{stance}"'))
def stance(facts: dict[str, Any], stance: str) -> None:
    facts["gcm"] = {"stance": stance}


@given(parsers.parse('a country of "{roles}" with no diaspora institution and no integration policy'), target_fixture="facts")
def with_roles(roles: str) -> dict[str, Any]:
    return {"kind": "country", "migration": {"roles": [r.strip() for r in roles.split(",")]},
            "diaspora": {"institution": False}, "governance": {"integration_policy": False}}


@given(parsers.parse('the bundled profile "{name}"'), target_fixture="facts")
def bundled(name: str) -> dict[str, Any]:
    return {"path": str(ROOT / "profiles" / f"{name}.yaml")}


@when("it is assessed", target_fixture="assessment")
def assessed(facts: dict[str, Any], tmp_path: Path) -> Assessment:
    path = Path(facts["path"]) if "path" in facts else tmp_path / "profile.yaml"
    if "path" not in facts:
        path.write_text(yaml.safe_dump({"id": "p", "name": "P", **facts}), encoding="utf-8")
    return assess(PACK, load_profile(path, PACK), "en")


@then(parsers.parse('criterion "{rule}" is "{status}"'))
def criterion(assessment: Assessment, rule: str, status: str) -> None:
    (finding,) = [f for f in assessment.findings if f.rule == rule]
    assert finding.status.value == status, finding


@then("no recommendation asks it to implement the Global Compact")
def no_gcm_recommendation(assessment: Assessment) -> None:
    assert not [r for r in assessment.recommendations if "Global Compact" in r.text]
