"""compare says it in words: rating titles, both periods, the change of rating, every change with its bar (zero too),
and the same information in Markdown as in text (issue 14 item 5)."""

import json

import pytest

from tests.helpers import ROOT, run_cli

BEFORE = str(ROOT / "profiles" / "examplia-country-2025.yaml")
AFTER = str(ROOT / "profiles" / "examplia-country.yaml")


def run(*args):
    r = run_cli("compare", BEFORE, AFTER, *args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_json_keeps_ids_and_adds_periods_and_bands():
    c = json.loads(run("--format", "json"))
    assert c["rating"] == {"before": None, "after": None}  # not robust: the unknowns allow two bands
    assert c["periods"] == {"before": "2025", "after": "2026"}
    assert [b["id"] for b in c["bands"]][:2] == ["early_stage", "developing"]


def test_text_and_markdown_say_the_same_in_words():
    text, md = run(), run("--format", "markdown")
    for out in (text, md):
        assert "Periods compared: 2025 (before) and 2026 (after)." in out
        assert "between Early stage and Developing (25.0–57.8) → between Early stage and Developing (36.9–64.2)" in out
        assert "No change of rating can be stated" in out
        assert "early_stage" not in out
        assert "Inter-state cooperation: 33.3 → 33.3 (0.0)" in out  # a zero change is shown
    assert "## Criteria newly met (6)" in md


def test_french_compare_has_labels_and_typography():
    fr = run("--lang", "fr", "--format", "markdown")
    assert "Périodes comparées\u00a0: 2025 (avant) et 2026 (après)." in fr
    assert "entre «\u202fStade initial\u202f» et «\u202fEn cours de développement\u202f» (25,0–57,8)" in fr
    assert "Aucun changement de niveau ne peut être établi" in fr


def test_html_shows_rating_titles_periods_and_a_bar_for_every_change():
    page = run("--format", "html")
    assert "between Early stage and Developing (25.0–57.8) → between Early stage and Developing (36.9–64.2)" in page and "2025 → 2026" in page
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    assert all('class="delta-bar"' in row for row in rows)
    zero = next(row for row in rows if "Inter-state cooperation" in row)
    assert "delta-zero" in zero and "<rect" in zero  # no change still has its mark


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_progress_report_says_what_it_rests_on_and_how_to_reproduce_it(fmt):
    before, after = ROOT / "profiles" / "examplia-country-2025.yaml", ROOT / "profiles" / "examplia-country.yaml"
    out = run_cli("compare", str(before), str(after), "--format", fmt, "--lang", "fr").stdout
    assert "Dates des évaluations" in out and "2025 → 2026" in out
    assert "idm2018 1.0.0" in out and "migov, version" in out
    assert f"migov compare AVANT APRÈS --lang fr --format {fmt}" in out
    if fmt == "html":
        assert "(lacune → lacune)" not in out  # a gap still open is not said to change
