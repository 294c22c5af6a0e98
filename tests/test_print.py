"""The reports on paper: the print stylesheet in a real Chromium, and the PDF that migov prints with it.

The page rules carry the page number ("3 / 9") and the running header (the subject's name and period);
the bundled country report prints on at most 12 pages of A4 or Letter in both languages, each page
numbered, with an outline (the PDF's table of contents) from the report's headings; the dashboard's
heat table prints whole. Skips where Chromium or Playwright is missing, except in CI.
"""

from __future__ import annotations

import re

import pytest

from engine.render import pdf
from tests.helpers import ROOT, run_cli
from tests.test_browser import _skip_or_fail, browser, report  # noqa: F401  (browser: the shared fixture)

COUNTRY = ROOT / "profiles" / "examplia-country.yaml"
MAX_PAGES = 12


@pytest.fixture(scope="module")
def country(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    return {lang: report(folder, COUNTRY, lang) for lang in ("en", "fr")}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_page_rules_number_the_pages_and_name_the_report(browser, country, lang):  # noqa: F811
    page = browser.new_page()
    page.goto(country[lang].as_uri())
    page.emulate_media(media="print")
    rules = page.evaluate("""() => [...document.styleSheets].flatMap(s => [...s.cssRules]).flatMap(r =>
        r instanceof CSSMediaRule ? [...r.cssRules] : [r]).filter(r => r instanceof CSSPageRule).map(r => r.cssText)""")
    page.close()
    text = " ".join(rules)
    assert 'counter(page) " / " counter(pages)' in text
    assert "Republic of Examplia (fictional) · 2026" in text  # the running header, from the report itself


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_country_report_prints_short_with_numbered_pages(country, lang, paper):
    if pdf.find_chromium() is None:
        _skip_or_fail("no Chromium installed (apt-get install chromium): PDF not printed")
    pypdf = pytest.importorskip("pypdf")
    data = pdf.render(country[lang].read_text(encoding="utf-8"), paper)
    out = ROOT / "test-output"
    out.mkdir(exist_ok=True)
    path = out / f"examplia-country.{lang}.{paper}.pdf"
    path.write_bytes(data)
    reader = pypdf.PdfReader(str(path))
    n = len(reader.pages)
    assert 2 <= n <= MAX_PAGES
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert round(width_mm) == (210 if paper == "A4" else 216)
    for i, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert re.search(rf"(?<!\d){i} / {n}(?!\d)", text), (i, text[:120])
        assert "Republic of Examplia" in text
    titles = [item.title for item in reader.outline if not isinstance(item, list)] + \
             [sub.title for item in reader.outline if isinstance(item, list) for sub in item if not isinstance(sub, list)]
    assert {"Summary", "Method"} <= set(titles) if lang == "en" else {"Synthèse", "Méthode"} <= set(titles)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dashboard_heat_table_prints_whole(browser, tmp_path, lang):  # noqa: F811
    out = tmp_path / "batch"
    r = run_cli("batch", str(ROOT / "profiles"), "--output", str(out), "--jobs", "2", "--formats", "none", "--lang", lang)
    assert r.returncode == 0, r.stderr
    page = browser.new_page(viewport={"width": 700, "height": 1000})  # about the width of an A4 page less its margins
    page.goto((out / "index.html").as_uri())
    page.emulate_media(media="print")
    for table in page.locator("table.heat").all():
        box = table.bounding_box()
        assert box and box["x"] + box["width"] <= 700 + 0.5
    assert not page.locator(".filters").first.is_visible()
    page.close()


def test_a_progress_report_prints_with_numbered_pages_and_a_running_header(tmp_path):
    if pdf.find_chromium() is None:
        _skip_or_fail("no Chromium installed (apt-get install chromium): PDF not printed")
    pypdf = pytest.importorskip("pypdf")
    page = tmp_path / "progress.html"
    r = run_cli("compare", str(ROOT / "profiles" / "examplia-country-2025.yaml"), str(ROOT / "profiles" / "examplia-country.yaml"), "-o", str(page))
    assert r.returncode == 0, r.stderr
    path = tmp_path / "progress.pdf"
    path.write_bytes(pdf.render(page.read_text(encoding="utf-8")))
    reader = pypdf.PdfReader(str(path))
    n = len(reader.pages)
    for i, p in enumerate(reader.pages, 1):
        text = p.extract_text()
        assert re.search(rf"(?<!\d){i} / {n}(?!\d)", text) and "Republic of Examplia" in text and "· 2025 → 2026" in text.splitlines()[0], text[:160]
