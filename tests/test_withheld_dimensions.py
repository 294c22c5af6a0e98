"""A dimension whose rating is withheld for want of evidence is shown as the range its unknowns allow in every
format — never as a point score, a band colour or a "well-developed area"."""

import json
import re

import pytest

from tests.helpers import ROOT, run_cli

PUBLIC_FACTS = ROOT / "profiles" / "abu-dhabi-dialogue-public-facts.yaml"  # 1 of 12 non-state criteria known, and met


def _assess(fmt, lang):
    r = run_cli("assess", str(PUBLIC_FACTS), "--format", fmt, "--lang", lang)
    assert r.returncode == 0, r.stderr
    return r.stdout


def _withheld_dimension():
    data = json.loads(_assess("json", "en"))
    d = next(d for d in data["dimensions"] if d["id"] == "non_state_participation")
    assert d["withheld"] and d["score"] is None and d["worst_case"] < d["best_case"]  # the case under test
    return d


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_withheld_dimension_reads_as_a_range_not_a_point(fmt, lang):
    d = _withheld_dimension()
    sep = "." if lang == "en" else ","
    low, high = (f"{x:.1f}".replace(".", sep) for x in (d["worst_case"], d["best_case"]))
    out = _assess(fmt, lang)
    title = "Non-state participation" if lang == "en" else "Participation des acteurs non étatiques"
    assert f"{low}–{high}" in out
    if fmt != "text":  # the text table wraps the title; the other formats name it whole
        assert f"{title} ({low}–{high})" in out
        assert f"{title} ({high})" not in out and f"{title} — {high} " not in out
    well = "well-developed area" if lang == "en" else "bien développé"
    assert not re.search(rf"{re.escape(title)}[^\n.]*{well}", out)


def test_the_chart_draws_a_withheld_dimension_as_an_outline_and_says_so():
    page = _assess("html", "en")
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'stroke-dasharray="4 2"' in svg
    assert "too few known facts for a score" in svg


def test_the_dashboard_shows_a_withheld_profile_as_a_range_without_a_band_colour(tmp_path):
    out = tmp_path / "batch"
    r = run_cli("batch", str(PUBLIC_FACTS), "--output", str(out), "--formats", "none")
    assert r.returncode == 0, r.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    row = page[page.index('<tr data-name="Abu Dhabi'):]
    row = row[:row.index("</tr>")]
    assert "insufficient evidence — 33 facts to collect" in row
    assert re.search(r'<td class="num range"[^>]*>20\.0–\u200b100\.0</td>', row)
    assert not re.search(r'class="num band-\d"[^>]*>100\.0<', row)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_compare_states_no_change_beside_a_withheld_side(fmt):
    coastal = ROOT / "profiles" / "coastal-dialogue-partnership.yaml"
    r = run_cli("compare", str(coastal), str(PUBLIC_FACTS), "--format", fmt)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "87.2 → 8.7–100.0" in out and "+2.0" not in out  # the later side has no point score: no change is stated
    assert "insufficient evidence — 33 facts to collect" in out
    assert "No change of rating can be stated" in out and "to “—”" not in out
    assert "change not stated" in out
    assert "20.0–100.0" in out  # a withheld dimension, on the later side


def test_compare_in_french_says_it_in_french():
    coastal = ROOT / "profiles" / "coastal-dialogue-partnership.yaml"
    out = run_cli("compare", str(coastal), str(PUBLIC_FACTS), "--lang", "fr").stdout
    assert "Aucun changement de niveau ne peut être établi" in out and "évolution non établie" in out
