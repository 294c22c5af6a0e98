"""Partnerships judged in depth: breadth of every dimension, and what a profile can say.

- Breadth: each dimension has at least three applicable criteria for each kind, for the template assessed as is,
  for every partnership type (mandate: migration in general) and for a country of any single role.
- What a profile can say: observers apart from members, local and regional authorities as their own list, ad hoc
  or formal participation, the mandate that makes thematic criteria not applicable, and a platform whose
  attendance is unknown. The schema and the template accept nothing the loader refuses.
"""

from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from engine.authoring.intake import assessed
from engine.authoring.template import render
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from engine.packtools.schema import profile_schema
from tests.helpers import ROOT

PACK = load_pack(str(ROOT / "rules" / "idm2018"))
DIMENSIONS = [d.id for d in PACK.header.dimensions]


def _profile(tmp_path: Path, kind: str, facts: dict[str, Any] | None = None) -> Path:
    data = yaml.safe_load(render(PACK, kind, "en"))
    for fid, value in (facts or {}).items():
        node = data
        *parents, last = fid.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    path = tmp_path / f"{kind}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _statuses(tmp_path: Path, kind: str, facts: dict[str, Any] | None = None) -> dict[str, str]:
    path = _profile(tmp_path, kind, facts)
    return {f.rule: f.status for f in assessed(PACK, load_profile(path, PACK), "en").findings}


def _applicable(tmp_path: Path, kind: str, facts: dict[str, Any] | None = None) -> Counter[str]:
    path = _profile(tmp_path, kind, facts)
    findings = assessed(PACK, load_profile(path, PACK), "en").findings
    return Counter(f.dimension for f in findings if f.status != "not_applicable")


def _at_least_three(counts: Counter[str]) -> dict[str, int]:
    return {d: counts[d] for d in DIMENSIONS if counts[d] < 3}


def test_the_partnership_template_as_is_has_three_criteria_per_dimension(tmp_path: Path) -> None:
    assert _at_least_three(_applicable(tmp_path, "partnership")) == {}


@pytest.mark.parametrize("ptype", ["rcp", "interregional_forum", "bilateral", "global_forum"])
def test_every_partnership_type_has_three_criteria_per_dimension(tmp_path: Path, ptype: str) -> None:
    counts = _applicable(tmp_path, "partnership", {"partnership.type": ptype, "partnership.mandate": ["general"]})
    assert _at_least_three(counts) == {}


@pytest.mark.parametrize("roles", [None, ["origin"], ["transit"], ["destination"]])
def test_every_country_role_has_three_criteria_per_dimension(tmp_path: Path, roles: list[str] | None) -> None:
    counts = _applicable(tmp_path, "country", {"migration.roles": roles} if roles else None)
    assert _at_least_three(counts) == {}


def test_a_theme_outside_the_mandate_is_not_applicable_never_a_gap(tmp_path: Path) -> None:
    narrow = _statuses(tmp_path, "partnership", {"partnership.mandate": ["trafficking_smuggling"],
                                                 "partnership.pillars": ["trafficking_smuggling"],
                                                 "partnership.development_work": []})
    assert {r: narrow[r] for r in ("DC-THEME", "DC-DIASPORA-WORK", "DC-REMIT-WORK", "DC-SKILLS-WORK", "MD-CLIMATE-THEME")} == \
        dict.fromkeys(("DC-THEME", "DC-DIASPORA-WORK", "DC-REMIT-WORK", "DC-SKILLS-WORK", "MD-CLIMATE-THEME"), "not_applicable")
    general = _statuses(tmp_path, "partnership", {"partnership.mandate": ["general"], "partnership.pillars": ["security"],
                                                  "partnership.development_work": [],
                                                  "complete": ["partnership.pillars", "partnership.development_work"]})
    assert general["DC-THEME"] == general["DC-REMIT-WORK"] == general["MD-CLIMATE-THEME"] == "gap"
    # cross-cutting criteria never follow the mandate
    assert narrow["VM-GENDER"] == narrow["RP-RIGHTS-WORK"] == narrow["DATA-PUBLICATION"] == "unknown"


def test_local_authorities_are_their_own_list(tmp_path: Path) -> None:
    assert "local_authorities" not in (PACK.record_fields["stakeholders"]["group"].values or {})
    none_non_state = _statuses(tmp_path, "partnership", {"partnership.type": "rcp", "stakeholders": []})
    assert none_non_state["ML-LOCAL-AUTHORITIES"] == "unknown"  # no non-state actors says nothing of local authorities
    mayors = _statuses(tmp_path, "partnership", {"partnership.type": "rcp", "stakeholders": [], "subnational": [
        {"name": "Mayors", "tier": "association", "role": "consulted", "status": "formal"}]})
    assert mayors["ML-LOCAL-AUTHORITIES"] == "met" and mayors["NSP-MIGRANT-VOICE"] == "gap"


def test_observers_are_kept_apart_from_members(tmp_path: Path) -> None:
    facts = {"partnership.type": "rcp", "members": [{"name": "A", "roles": ["origin"]}, {"name": "C", "roles": ["destination"]}],
             "partnership.observers": [{"name": "B", "type": "state", "role": "attends", "status": "ad_hoc"},
                                       {"name": "OHCHR", "type": "organisation", "field": "human_rights", "role": "contributes"}]}
    profile = load_profile(_profile(tmp_path, "partnership", facts), PACK)
    assert [m["name"] for m in profile.facts["members"]] == ["A", "C"]
    assert _statuses(tmp_path, "partnership", facts)["RP-RIGHTS-BODIES"] == "met"


def test_participation_may_be_ad_hoc_or_formal(tmp_path: Path) -> None:
    facts = {"stakeholders": [{"name": "M", "group": "migrants", "role": "consulted", "status": "ad_hoc"},
                              {"name": "D", "group": "diaspora", "role": "consulted", "status": "formal"}]}
    profile = load_profile(_profile(tmp_path, "partnership", facts), PACK)
    assert [s["status"] for s in profile.facts["stakeholders"]] == ["ad_hoc", "formal"]


def test_a_platform_whose_attendance_is_unknown_loads(tmp_path: Path) -> None:
    facts = {"platforms": [{"name": "GFMD", "platform": "gfmd", "attended_latest": None}]}
    profile = load_profile(_profile(tmp_path, "country", facts), PACK)
    assert profile.facts["platforms"] == [{"name": "GFMD", "platform": "gfmd"}]


def _values(schema: dict[str, Any]) -> list[Any]:
    """Each value a field's schema accepts, one per type or enum value (a list field: [] and one item)."""
    if "enum" in schema:
        return list(schema["enum"])
    samples: dict[str, list[Any]] = {"boolean": [True, False], "null": [None], "number": [1], "string": ["x"], "array": [[]]}
    return [v for t in schema["type"] for v in samples[t]]


def _record_cases(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """For every records fact: one record per value each field accepts, the other fields at a first accepted value."""
    cases = []
    for fid, fs in schema["properties"].items():
        items = fs.get("items", {})
        if items.get("type") != "object":
            continue
        base = {k: next(v for v in _values(s) if v is not None) for k, s in items["properties"].items() if k in items["required"]}
        for field, fschema in items["properties"].items():
            for value in _values(fschema):
                cases.append((fid, {**base, field: value}))
    return cases


@pytest.mark.parametrize("kind", ["country", "partnership"])
def test_every_record_value_the_schema_accepts_loads(tmp_path: Path, kind: str) -> None:
    schema = profile_schema(PACK)
    template = yaml.safe_load(render(PACK, kind, "en"))
    jsonschema.validate(template, schema)  # the template as is: valid and loadable
    load_profile(_profile(tmp_path, kind), PACK)
    kind_facts = {fid for fid, f in PACK.facts.items() if kind in f.kinds}
    cases = [(fid, rec) for fid, rec in _record_cases(schema) if fid in kind_facts]
    assert cases
    for fid, rec in cases:
        data = {"id": "x", "name": "x", "kind": kind, fid: [rec]}
        jsonschema.validate(data, schema)
        path = tmp_path / "case.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        load_profile(path, PACK)  # raises on a value the schema accepted
