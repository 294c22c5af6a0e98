"""Evidence-aware ratings, open-world lists, provenance and the assessment date (issue 12, engine part).

A rating is never stronger than its evidence: below the pack's ``min_coverage`` the rating is withheld,
the score is shown as the range the unknowns allow, with the number of facts to collect; a list not
marked complete names at least its items; sources are listed and stale facts flagged; the year a rule
compares with is the assessment's.
"""

from __future__ import annotations

import random

import pytest
import yaml

from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.errors import MigovError
from engine.evaluate.durable import adapter as adapter_durable
from engine.pack.loading import load_pack
from engine.pack.profiles import validate_profile
from engine.render.verdict import verdict
from engine.yamlio import Locations
from tests.helpers import ROOT, random_facts, run_cli

ENGINES = ["python"] + (["durable"] if adapter_durable.available() else [])
IDM = load_pack("idm2018")
TOP = max(IDM.header.ratings, key=lambda b: b.min).id

# A regional process described from public facts: about a third of what the pack asks is known, and
# all of it is positive (the case a reviewer found rated 100 / "Fully meets").
PUBLIC = """
id: rcp-public
name: A regional consultative process (from public facts)
kind: partnership
period: "2026"
members:
  - {name: Examplia, roles: [origin]}
  - {name: Ruritania, roles: [destination]}
partnership:
  type: rcp   # the kind of partnership decides which criteria apply (GOV-ACTION-PLAN among them)
  route_coverage: true
  pillars: [migration_development, employment, governance]
  rights_commitment: true
  action_plan_until: 2028
stakeholders:
  - {name: Migrant associations network, group: migrants, role: monitors}
responsibility: {civil_society_role: true}
"""


def profile_of(text: str, pack=IDM):
    return validate_profile(yaml.safe_load(text), Locations("p.yaml"), pack)


def finding(a, rule):
    return next(f for f in a.findings if f.rule == rule)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_partnership_known_for_a_third_is_not_rated_with_a_point(engine):
    a = assess(IDM, profile_of(PUBLIC), "en", engine)
    s = a.score
    assert s.coverage is not None and s.coverage < 0.6
    assert s.withheld and s.rating is None and s.confidence == "low" and s.facts_to_collect > 0
    v = verdict(s, {}, "en")
    assert v.withheld and "–" in v.score and v.rating == f"insufficient evidence — {s.facts_to_collect} facts to collect"
    assert verdict(s, {}, "fr").rating.startswith("éléments insuffisants — ")


def test_no_rating_is_stronger_than_its_evidence_on_generated_profiles():
    rng = random.Random(12)
    for _ in range(60):
        kind = rng.choice(["country", "partnership"])
        facts = random_facts(IDM, rng, kind, missing=rng.choice([0.2, 0.5, 0.67, 0.8]))
        a = assess(IDM, validate_profile({"id": "g", "name": "G", "kind": kind, "period": "2026", **facts}, Locations("g.yaml"), IDM), "en", "python")
        for part in [a.score, *a.dimensions]:
            low = part.coverage is not None and part.coverage < 0.6
            assert part.withheld == low
            if low:
                assert part.rating is None and part.confidence == "low"
        if a.score.rating == TOP:
            assert a.score.coverage is not None and a.score.coverage >= 0.6


@pytest.mark.parametrize("engine", ENGINES)
def test_an_absent_stakeholder_is_unknown_unless_the_list_is_complete(engine):
    text = PUBLIC
    assert finding(assess(IDM, profile_of(text), "en", engine), "NSP-EMPLOYERS").status.value == "unknown"
    closed = assess(IDM, profile_of(text + "complete: [stakeholders]\n"), "en", engine)
    assert finding(closed, "NSP-EMPLOYERS").status.value == "gap"
    present = assess(IDM, profile_of(text.replace("role: monitors}", "role: monitors}\n  - {name: Employers' federation, group: employers, role: implements}")), "en", engine)
    assert finding(present, "NSP-EMPLOYERS").status.value == "met"


def test_evidence_of_an_incomplete_list_says_at_least():
    a = assess(IDM, profile_of(PUBLIC), "en", "python")
    lines = [e for f in a.findings for e in f.evidence]
    assert any("includes at least" in e for e in lines), lines
    fr = assess(IDM, profile_of(PUBLIC), "fr", "python")
    assert any("notamment" in e for f in fr.findings for e in f.evidence)  # a partial list: « notamment … » (the French review)
    assert "stakeholders" in a.provenance.incomplete_lists


def test_sources_are_listed_and_old_ones_flagged():
    text = PUBLIC + """as_of: 2026-06-30
sources:
  old-report:
    title: Ministerial declaration
    url: https://example.org/declaration
    as_of: 2015
    facts: [partnership.rights_commitment]
  site:
    document: process-website.html
    as_of: 2026-05
    facts: [members]
"""
    a = assess(IDM, profile_of(text), "en", "python")
    p = a.provenance
    assert a.assessed_on == "2026-06-30" and p.facts_as_of == "2026-06-30" and p.stale_after_years == 5
    assert [(s.id, s.stale) for s in p.sources] == [("old-report", True), ("site", False)]
    assert p.stale_facts == ["partnership.rights_commitment"]
    data = a.to_data()
    assert list(data)[-3:] == ["assessed_on", "provenance", "inputs"]


@pytest.mark.parametrize("bad,field", [
    ("complete: [partnership.route_coverage]\n", "complete"),
    ("as_of: soon\n", "as_of"),
    ("sources: {x: {as_of: 2020}}\n", "sources"),
    ("sources: {x: {title: T, facts: [nope]}}\n", "sources"),
])
def test_a_wrong_provenance_key_names_the_field(bad, field):
    with pytest.raises(MigovError) as exc:
        profile_of(PUBLIC + bad)
    assert field in str(exc.value)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_year_comes_from_the_assessment_date(engine):
    prof = profile_of(PUBLIC)
    assert finding(assess(IDM, prof, "en", engine), "GOV-ACTION-PLAN").status.value == "met"  # period 2026, plan to 2028
    later = assess(IDM, prof, "en", engine, as_of="2030-01-15")
    assert later.assessed_on == "2030-01-15"
    f = finding(later, "GOV-ACTION-PLAN")
    assert f.status.value == "gap" and "2030" in f.title and later.tailoring is None
    assert finding(assess(IDM, profile_of(PUBLIC.replace('period: "2026"', "as_of: 2029-03-01")), "en", engine), "GOV-ACTION-PLAN").status.value == "gap"


def test_the_cli_takes_as_of_and_refuses_a_wrong_date():
    ok = run_cli("assess", str(ROOT / "profiles" / "coastal-dialogue-partnership.yaml"), "--as-of", "2030", "--format", "json")
    assert ok.returncode == 0 and '"assessed_on": "2030"' in ok.stdout
    bad = run_cli("assess", str(ROOT / "profiles" / "coastal-dialogue-partnership.yaml"), "--as-of", "next year")
    assert bad.returncode == 2 and "--as-of" in bad.stderr and "Traceback" not in bad.stderr


def test_explain_uses_the_year_of_the_assessment(tmp_path):
    later = tmp_path / "later.yaml"
    later.write_text(PUBLIC.replace('period: "2026"', 'period: "2030"'), encoding="utf-8")
    r = run_cli("explain", "GOV-ACTION-PLAN", "--profile", str(later))
    assert r.returncode == 0, r.stderr
    assert "2030 or later" in r.stdout and "2026 or later" not in r.stdout
