"""The batch dashboard: one search landmark, sort state shown (arrow and aria-sort), a period column, group keys
and counts in words in both languages (issue 14 item 5)."""

import re

import pytest

from tests.helpers import ROOT, run_cli


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = {}
    for lang in ("en", "fr"):
        folder = tmp_path_factory.mktemp(lang)
        r = run_cli("batch", str(ROOT / "profiles"), "--output", str(folder), "--lang", lang, "--jobs", "1", "--formats", "none")
        assert r.returncode == 0, r.stderr
        out[lang] = (folder / "index.html").read_text(encoding="utf-8")
    return out


def test_one_search_landmark(pages):
    for page in pages.values():
        assert page.count('role="search"') == 1


def test_sort_state_is_visible_and_announced(pages):
    page = pages["en"]
    head = page.split("<thead>")[1].split("</thead>")[0]
    assert head.count('aria-sort="descending"') == 1 and "Overall score" in head.split('aria-sort="descending"')[1].split("</th>")[0]
    assert head.count('class="sort-arrow"') == head.count("<button")
    assert "▼" in head


def test_period_column(pages):
    page = pages["en"]
    assert "<button type=\"button\">Period" in page
    assert re.search(r'<td data-value="2025">2025</td>', page) and re.search(r'<td data-value="2026">2026</td>', page)


def test_french_labels_plurals_and_typography(pages):
    page = pages["fr"]
    assert "<label>Région<select" in page and "<label>Processus<select" in page
    assert ">region<" not in page and ">process<" not in page
    assert "4 profils évalués" in page or "profils évalués" in page
    assert "la flèche indique l’ordre)\u202f; la couleur" in page
