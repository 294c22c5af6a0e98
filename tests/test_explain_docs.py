"""migov explain and migov rules docs."""

import re

import pytest

from engine.pack.describe import describe
from engine.pack.loading import load_pack
from tests.helpers import ROOT, run_cli

COUNTRY = str(ROOT / "profiles" / "examplia-country.yaml")


def test_every_rule_of_every_pack_has_a_plain_words_condition():
    for name in ("idm2018", "sdg-10-7-2", str(ROOT / "tests" / "packs" / "mini")):
        pack = load_pack(name)
        for cr in pack.rules:
            for lang in ("en", "fr"):
                text = describe(pack, cr.tree, lang)
                assert text and "{" not in text and "Test(" not in text, (cr.rule.id, text)


def test_explain_a_rule_in_plain_words():
    r = run_cli("explain", "MD-MIG-DEV")
    assert r.returncode == 0
    assert "Met when: Portfolios in the coordination mechanism includes all of “migration”, “development”" in r.stdout
    assert "Migrant and diaspora contributions (GCM objective 19)" in r.stdout


def test_why_not_for_a_gap_names_the_failing_part_and_facts():
    r = run_cli("explain", "ISC-CORRIDORS", "--profile", COUNTRY)
    assert r.returncode == 0, r.stderr
    assert "Status for Republic of Examplia (fictional): gap" in r.stdout
    assert re.search(r"✗ There is no “Corridors without an agreement in force” record .*EX → SY", r.stdout)
    assert "✓ There is a “Main migration corridors” record" in r.stdout


@pytest.mark.parametrize("rule,expected", [("VM-CASE-MGMT", "Facts to collect:"), ("ISC-ROLE-COVERAGE", "applies to partnership profiles"),
                                           ("MD-MIG-DEV", ": met")])
def test_explain_other_statuses(rule, expected):
    r = run_cli("explain", rule, "--profile", COUNTRY)
    assert expected in r.stdout, r.stdout


def test_explain_in_french_and_errors():
    r = run_cli("explain", "ML-LOCAL", "--profile", COUNTRY, "--lang", "fr")
    assert "Statut pour Republic of Examplia (fictional)\u00a0: lacune" in r.stdout and "Option 2\u00a0:" in r.stdout  # the reports' typography
    bad = run_cli("explain", "ML-LOCALE")
    assert bad.returncode == 2 and "did you mean 'ML-LOCAL'" in bad.stderr


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_rulebook_html_and_markdown(tmp_path, lang):
    out = tmp_path / "rulebook.html"
    r = run_cli("rules", "docs", "--lang", lang, "-o", str(out))
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page and page.count('<h3 id="') == 95
    assert "Content-Security-Policy" in page and not re.search(r"\s(src|href)=", page)
    assert ("Met when" if lang == "en" else "Rempli quand") in page
    md = run_cli("rules", "docs", "sdg-10-7-2", "--lang", lang).stdout
    assert md.count("### `D") == 35 and ("## Vocabulary" if lang == "en" else "## Vocabulaire") in md


def test_rulebook_for_a_pack_in_a_folder(tmp_path):
    import shutil

    shutil.copytree(ROOT / "rules" / "idm2018", tmp_path / "mine")
    r = run_cli("rules", "docs", str(tmp_path / "mine"))
    assert r.returncode == 0 and "# Inclusive and innovative partnerships" in r.stdout


def test_explain_says_an_open_list_may_still_name_what_is_missing():
    r = run_cli("explain", "NSP-NGO", "--profile", str(ROOT / "profiles" / "abu-dhabi-dialogue-public-facts.yaml"))
    assert r.returncode == 0, r.stderr
    assert "Status for Abu Dhabi Dialogue (described from public facts): unknown" in r.stdout
    assert "lists that may name only some of their items (not marked complete): Non-state stakeholders" in r.stdout
    assert "  ? There is a “Non-state stakeholders” record" in r.stdout and "the list may be incomplete" in r.stdout
    assert "✗" not in r.stdout  # nothing is said to fail that an item not named yet could satisfy
