"""A recommendation written per kind of profile: ``recommendation: {country: {en, fr}, partnership: {en, fr}}``.

The mini pack with its first rule worded by kind: the loader checks the kinds and the languages, a
finding reads its profile's kind's variant, the rulebook, ``rules explain`` and ``rules diff`` show each.
"""

from pathlib import Path

import pytest

from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.errors import PackError
from engine.evaluate.explain import rule_text
from engine.pack.loading import build_pack
from engine.pack.model import by_kind
from engine.pack.profiles import Profile
from engine.packtools.diff import diff_packs
from engine.packtools.lint import lint
from engine.render.rulebook import render
from tests.test_lint import MINI, broken

ONE = 'recommendation: {en: "Raise the level.", fr: "Élever le niveau."}'
BY_KIND = ('recommendation:\n'
           '    country: {en: "Consider raising the level.", fr: "Envisager d’élever le niveau."}\n'
           '    partnership: {en: "Partners could consider raising the level.", fr: "Les partenaires pourraient envisager d’élever le niveau."}')


def by_kind_pack(tmp_path: Path, text: str = BY_KIND) -> Path:
    return broken(tmp_path, "rules/all.yaml", ONE, text)


def test_one_text_stays_one_text() -> None:
    rule = next(cr.rule for cr in build_pack(MINI).rules if cr.rule.id == "M-NOT-ANY")
    assert rule.by_kind is None and by_kind({"en": "x"}) is None
    assert rule.recommendation_for("country") == rule.recommendation_for("partnership") == {"en": "Raise the level.", "fr": "Élever le niveau."}
    assert rule.wordings() == [rule.recommendation]


def test_each_kind_reads_its_own_wording(tmp_path: Path) -> None:
    pack = build_pack(by_kind_pack(tmp_path))
    rule = next(cr.rule for cr in pack.rules if cr.rule.id == "M-NOT-ANY")
    assert rule.by_kind is not None and set(rule.by_kind) == {"country", "partnership"} and len(rule.wordings()) == 2
    facts = {"level": "low", "cost": 3}  # a gap
    for kind, lang, text in [("country", "en", "Consider raising the level."), ("partnership", "fr", "Les partenaires pourraient envisager d’élever le niveau.")]:
        a = assess(pack, Profile("p", "P", kind, dict(facts)), lang)
        assert next(f.recommendation for f in a.findings if f.rule == "M-NOT-ANY") == text
        assert next(r.text for r in a.recommendations if r.rule == "M-NOT-ANY") == text


def test_rulebook_explain_and_diff_show_each_variant(tmp_path: Path) -> None:
    pack = build_pack(by_kind_pack(tmp_path))
    md = render(pack, "en", "md")
    assert "**Recommendation (country)**" in md and "**Recommendation (partnership)**" in md
    assert "Partners could consider raising the level." in md and "Consider raising the level." in md
    assert "Les partenaires pourraient envisager" in render(pack, "fr", "html")
    lines = rule_text(pack, next(cr for cr in pack.rules if cr.rule.id == "M-NOT-ANY"), "en")
    assert sum(line.startswith("Recommendation (") for line in lines) == 2
    for_country = rule_text(pack, next(cr for cr in pack.rules if cr.rule.id == "M-NOT-ANY"), "en", "country")
    assert "Recommendation: Consider raising the level." in for_country and not any("Partners" in line for line in for_country)
    d = diff_packs(build_pack(MINI), pack)
    assert {"rule": "M-NOT-ANY", "fields": ["recommendation.country.en", "recommendation.country.fr", "recommendation.en",
                                            "recommendation.fr", "recommendation.partnership.en", "recommendation.partnership.fr"]} in d["reworded"]
    assert [p.code for p in lint(tmp_path / "pack")] == [p.code for p in lint(MINI)]  # a clean variant map adds no problem


@pytest.mark.parametrize(("text", "expected"), [
    # not a kind the rule applies to (and so the kind it meant has no wording)
    (BY_KIND.replace("partnership:", "partnershp:"), [("L002", "partnershp"), ("L002", "partnership")]),
    (BY_KIND.split("\n    partnership")[0], [("L002", "partnership")]),  # a kind without its wording
    (BY_KIND.replace(', fr: "Envisager d’élever le niveau."', ""), [("L006", "country")]),  # a variant without French
])
def test_lint_checks_kinds_and_languages(tmp_path: Path, text: str, expected: list[tuple[str, str]]) -> None:
    problems = [p for p in lint(by_kind_pack(tmp_path, text)) if p.code not in ("L017", "L020")]  # the mini pack's own warnings
    assert sorted((p.code, (p.field or "").removeprefix("[0].")) for p in problems) == sorted(
        (code, f"recommendation.{field}") for code, field in expected), problems


def test_a_kind_the_rule_does_not_apply_to_is_refused(tmp_path: Path) -> None:
    pack = broken(tmp_path, "rules/all.yaml", 'recommendation: {en: "Involve NGOs.", fr: "Associer des ONG."}',
                  'recommendation: {country: {en: "Consider involving NGOs.", fr: "Envisager d’associer des ONG."}, '
                  'partnership: {en: "Partners could consider it.", fr: "Les partenaires pourraient l’envisager."}}')
    with pytest.raises(PackError, match="partnership"):
        build_pack(pack)  # M-APPLIES applies to countries only
