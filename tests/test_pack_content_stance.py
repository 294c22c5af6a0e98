"""The GCM stance and the migration roles are facts of the profile: the same facts give no finding
on implementing the Global Compact for a State recorded as having voted against it, and origin- or
destination-side criteria are not applicable to a country without that role (never a gap)."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.assessment import Assessment
from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile

PACK = load_pack("idm2018")
GCM_INSTRUMENT_RULES = {"GOV-GCM-PLAN", "SR-PLEDGES"}
SAME_FACTS: dict[str, Any] = {
    "governance": {"gcm_plan": False, "migration_strategy": False},
    "responsibility": {"gcm_pledges": False},
    "migration": {"roles": ["destination"]},
}


def _assess(tmp_path: Path, facts: dict[str, Any], lang: str = "en") -> Assessment:
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump({"id": "p", "name": "P", "kind": "country", **facts}), encoding="utf-8")
    return assess(PACK, load_profile(path, PACK), lang)


def _status(a: Assessment, rule: str) -> str:
    (f,) = [f for f in a.findings if f.rule == rule]
    return str(f.status.value)


@pytest.mark.parametrize("stance", ["voted_against", "abstained", "not_stated"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_gcm_endorsement_finding_for_a_state_that_did_not_endorse(tmp_path: Path, stance: str, lang: str) -> None:
    a = _assess(tmp_path, {**SAME_FACTS, "gcm": {"stance": stance}}, lang)
    for rule in GCM_INSTRUMENT_RULES:
        assert _status(a, rule) == "not_applicable"
    assert not [r for r in a.recommendations if r.rule in GCM_INSTRUMENT_RULES]
    # the substance still applies, citing the SDG target and the guiding principle, not the Compact
    assert _status(a, "GOV-STRATEGY") == "gap"
    strategy = next(f for f in a.findings if f.rule == "GOV-STRATEGY")
    assert not strategy.sources.get("gcm") and strategy.sources.get("sdg")


def test_the_same_facts_give_the_findings_for_a_state_that_endorsed(tmp_path: Path) -> None:
    a = _assess(tmp_path, {**SAME_FACTS, "gcm": {"stance": "endorsed"}})
    assert {_status(a, r) for r in GCM_INSTRUMENT_RULES} == {"gap"}


def test_an_unstated_stance_is_not_assumed(tmp_path: Path) -> None:
    a = _assess(tmp_path, SAME_FACTS)
    assert {_status(a, r) for r in GCM_INSTRUMENT_RULES} == {"unknown"}


def test_every_rule_asking_for_the_compact_reads_the_stance() -> None:
    """A criterion about the Global Compact as the instrument (its title names it) applies only where it was endorsed."""
    asking = [cr.rule for cr in PACK.rules if "Global Compact" in cr.rule.title["en"]]
    assert {r.id for r in asking} >= GCM_INSTRUMENT_RULES
    for rule in asking:
        assert rule.applies_if is not None and "gcm.stance" in str(rule.applies_if), rule.id


@pytest.mark.parametrize(("roles", "origin_side", "destination_side"), [
    (["origin"], "gap", "not_applicable"),
    (["destination"], "not_applicable", "gap"),
    (["origin", "transit", "destination"], "gap", "gap"),
    (["transit"], "not_applicable", "not_applicable"),
])
def test_role_specific_criteria(tmp_path: Path, roles: list[str], origin_side: str, destination_side: str) -> None:
    facts = {"migration": {"roles": roles}, "diaspora": {"institution": False}, "predeparture": {"orientation": False},
             "governance": {"integration_policy": False}, "labour": {"market_access": False}}
    a = _assess(tmp_path, facts)
    assert {_status(a, r) for r in ("DC-DIASPORA-INST", "DC-PREDEPARTURE")} == {origin_side}
    assert {_status(a, r) for r in ("GOV-INTEGRATION", "DC-LABOUR-ACCESS")} == {destination_side}
