"""Steps for the feature files: thin, calling the same stage functions as the CLI."""

from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from engine.assessment import Assessment
from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from engine.render.verdict import verdict
from tests.helpers import ROOT

scenarios("assessment.feature", "evaluation_partenariat.feature")


@given(parsers.parse('the bundled profile "{name}"'), target_fixture="profile")
@given(parsers.parse('le profil fourni "{name}"'), target_fixture="profile")
def bundled_profile(name: str) -> Any:
    return load_profile(ROOT / "profiles" / f"{name}.yaml", load_pack("idm2018"))


@when(parsers.parse('it is assessed in "{lang}"'), target_fixture="assessment")
@when(parsers.parse('il est évalué en "{lang}"'), target_fixture="assessment")
def assessed(profile: Any, lang: str) -> Assessment:
    return assess(load_pack("idm2018"), profile, lang)


@then(parsers.parse('criterion "{rule}" of dimension "{dimension}" is "{status}"'))
@then(parsers.parse('le critère "{rule}" de la dimension "{dimension}" est "{status}"'))
def criterion_status(assessment: Assessment, rule: str, dimension: str, status: str) -> None:
    (finding,) = [f for f in assessment.findings if f.rule == rule]
    assert finding.dimension == dimension
    assert finding.status.value == status, finding


@then("the overall score lies between the worst and the best case")
def within_range(assessment: Assessment) -> None:
    s = assessment.score
    assert s.worst_case is not None and s.overall is not None and s.best_case is not None
    assert s.worst_case < s.overall < s.best_case


@then("every unknown criterion names the facts to collect")
def unknown_named(assessment: Assessment) -> None:
    unknown = [f for f in assessment.findings if f.status.value == "unknown"]
    assert unknown and all(f.evidence and "not stated" in f.evidence[0] for f in unknown)


@then(parsers.parse('le titre de la dimension "{dim}" est "{title}"'))
def dimension_title(assessment: Assessment, dim: str, title: str) -> None:
    assert [d.title for d in assessment.dimensions if d.id == dim] == [title]


@then("la première recommandation est rédigée en français")
def first_recommendation_french(assessment: Assessment) -> None:
    text = assessment.recommendations[0].text
    assert any(w in text for w in (" le ", " la ", " les ", " des ", " du ")), text


@then("the rating is withheld and the score is shown as a range")
def withheld_range(assessment: Assessment) -> None:
    s = assessment.score
    assert s.withheld and s.rating is None and s.confidence == "low"
    assert verdict(s, {}, "en").score == f"{s.worst_case:.1f}–{s.best_case:.1f} / 100"


@then("the report says how many facts to collect")
def facts_to_collect(assessment: Assessment) -> None:
    n = assessment.score.facts_to_collect
    assert n > 1 and verdict(assessment.score, {}, "en").rating == f"insufficient evidence — {n} facts to collect"


@then("its evidence names the lists not marked complete")
def names_open_lists(assessment: Assessment) -> None:
    (finding,) = [f for f in assessment.findings if f.rule == "NSP-EMPLOYERS"]
    assert any("not marked complete" in e for e in finding.evidence), finding.evidence
