"""Every report says where its facts come from and which are stale, and every report says it is a self-assessment aid.

"About this report" lists the profile's own sources (title, URL or document, date, the facts they support by
label), marks a source older than the pack's threshold, names the stale facts, and says so when the profile names
no source; the rule citations are "References cited". compare and the batch dashboard carry the disclaimer.
"""

import html
import re

import pytest

from tests.helpers import ROOT, run_cli

STALE = str(ROOT / "tests" / "fixtures" / "stale-sources.yaml")
NO_SOURCE = str(ROOT / "profiles" / "weak-partnership.yaml")
BEFORE, AFTER = str(ROOT / "profiles" / "examplia-country-2025.yaml"), str(ROOT / "profiles" / "examplia-country.yaml")
NB, THIN = "\u00a0", "\u202f"  # French typography: a no-break space before a colon, a thin one before a semicolon

WORDS = {
    "en": {"heading": "Sources of the facts", "references": "References cited",
           "old": "Old report, https://example.org/old, 2012-01-01 — supports: Non-state stakeholders; Diaspora institution or focal points",
           "plan": "Migration plan, plan-2025.pdf, 2025-03-01 — supports: Average cost of sending remittances (%)",
           "flag": "(older than 5 years: check it)",
           "stale": "2 facts rest only on sources older than 5 years: Diaspora institution or focal points; Non-state stakeholders.",
           "none": "The profile names no source for its facts.",
           "compare": "This progress report is a self-assessment aid",
           "dashboard": "This dashboard is a self-assessment aid",
           "not": "It is not a ranking of countries or partnerships, nor an official classification"},
    "fr": {"heading": "Sources des faits", "references": "Références citées",
           "old": f"Old report, https://example.org/old, 1er janvier 2012 — étaye{NB}: Acteurs non étatiques{THIN}; Institution ou points focaux pour la diaspora",
           "plan": f"Migration plan, plan-2025.pdf, 1er mars 2025 — étaye{NB}: Coût moyen",
           "flag": f"(datant de plus de 5 ans{NB}: à vérifier)",
           "stale": f"2 faits ne reposent que sur des sources de plus de 5 ans{NB}: Institution ou points focaux pour la diaspora{THIN}; Acteurs non étatiques.",
           "none": "Le profil ne cite aucune source pour ses faits.",
           "compare": f"Ce rapport d’étape est un outil d’auto-évaluation{NB}:",
           "dashboard": f"Ce tableau de bord est un outil d’auto-évaluation{NB}:",
           "not": "Il ne constitue ni un classement des pays ou des partenariats, ni une classification officielle"},
}


def flat(out: str) -> str:
    """The words of a report, whatever its format: tags dropped, entities decoded, lines joined."""
    out = html.unescape(re.sub(r"<[^>]+>", " ", out))
    out = re.sub(r"[ \n]+", " ", out)
    return re.sub(r"(\u00a0|\u202f) ", r"\1", out.replace(" )", ")").replace(" ,", ","))


def assess(profile: str, lang: str, fmt: str) -> str:
    r = run_cli("assess", profile, "--rules", "idm2018", "--lang", lang, "--format", fmt)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_sources_of_the_facts_and_stale_ones(lang: str, fmt: str) -> None:
    w, out = WORDS[lang], flat(assess(STALE, lang, fmt))
    about = out[out.index(w["heading"]):]
    assert w["old"] in about and w["flag"] in about
    assert w["plan"] in about
    assert w["plan"] + " " + w["flag"] not in about  # the recent source is not flagged
    assert w["stale"] in about  # the fact the recent source also supports is not stale
    assert about.index(w["heading"]) < about.index(w["references"])  # the rule citations come after, named apart
    assert "diaspora.institution" not in about[:about.index(w["references"])]  # facts by label, not by id
    assert w["none"] not in out


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_profile_without_sources_says_so(lang: str, fmt: str) -> None:
    w, out = WORDS[lang], flat(assess(NO_SOURCE, lang, fmt))
    assert w["heading"] in out and w["none"] in out and w["references"] in out
    assert w["flag"] not in out


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_compare_says_it_is_a_self_assessment_aid(lang: str, fmt: str) -> None:
    r = run_cli("compare", BEFORE, AFTER, "--lang", lang, "--format", fmt)
    assert r.returncode == 0, r.stderr
    out, w = flat(r.stdout), WORDS[lang]
    assert w["compare"] in out and w["not"] in out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dashboard_says_it_is_not_a_ranking(lang: str, tmp_path) -> None:
    r = run_cli("batch", AFTER, NO_SOURCE, "-o", str(tmp_path), "--lang", lang, "-j", "1")
    assert r.returncode == 0, r.stderr
    page, w = flat((tmp_path / "index.html").read_text(encoding="utf-8")), WORDS[lang]
    assert w["dashboard"] in page and w["not"] in page
