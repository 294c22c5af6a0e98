"""The reports on paper: the print stylesheet in a real Chromium, and the PDF that migov prints with it.

The page rules carry the page number ("3 / 9") and the running header (the subject's name and period);
the bundled country report prints on at most 13 pages of A4 or Letter in both languages, each page
numbered, with an outline (the PDF's table of contents) from the report's headings; the dashboard's
heat table prints whole. Skips where Chromium or Playwright is missing, except in CI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine.render import pdf
from tests.conftest import browser_skip_line
from tests.helpers import ROOT, run_cli
from tests.test_browser import _skip_or_fail, browser, chromium_missing, report  # noqa: F401  (browser: the shared fixture)

COUNTRY = ROOT / "profiles" / "examplia-country.yaml"
MAX_PAGES = 13  # 92 criteria since the pack was deepened (77 before: 12); the French Letter report is the longest


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
        _skip_or_fail(chromium_missing())
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
        _skip_or_fail(chromium_missing())
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


# Launching Chromium and saying what is missing: no browser is started by these tests.

def test_chromium_keeps_its_sandbox_unless_root(monkeypatch):
    src, out, profile = Path("/tmp/r/report.html"), Path("/tmp/r/report.pdf"), Path("/tmp/r/profile")
    as_user = pdf.command("chromium", src, out, profile, as_root=False)
    as_root = pdf.command("chromium", src, out, profile, as_root=True)
    assert "--no-sandbox" not in as_user and as_root.count("--no-sandbox") == 1
    assert as_user[0] == "chromium" and as_user[-1] == src.as_uri() and "--print-to-pdf=/tmp/r/report.pdf" in as_user
    assert [x for x in as_root if x != "--no-sandbox"] == as_user  # nothing else differs
    monkeypatch.setattr(os, "geteuid", lambda: 1000, raising=False)
    assert not pdf.running_as_root() and "--no-sandbox" not in pdf.command("chromium", src, out, profile)
    monkeypatch.setattr(os, "geteuid", lambda: 0, raising=False)
    assert pdf.running_as_root() and "--no-sandbox" in pdf.command("chromium", src, out, profile)
    monkeypatch.delattr(os, "geteuid", raising=False)  # a system without user ids (Windows)
    assert not pdf.running_as_root() and "--no-sandbox" not in pdf.command("chromium", src, out, profile)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_migov_chromium_set_to_no_executable_says_so(tmp_path, lang):
    """Set, but to a path that does not exist or to a file that cannot run: the message says the variable is set and to
    what, not to set it."""
    plain = tmp_path / "chromium"
    plain.write_text("not a browser", encoding="utf-8")  # not executable
    for path in ("/nope", str(plain)):
        env = {**os.environ, "MIGOV_CHROMIUM": path}
        out = tmp_path / "report.pdf"
        r = run_cli("assess", str(COUNTRY), "--format", "pdf", "--lang", lang, "-o", str(out), env=env)
        assert r.returncode == 2 and not out.exists() and len(r.stderr.strip().splitlines()) == 1, r.stderr
        expected = {"en": f"MIGOV_CHROMIUM is set to {path}, which is not an executable Chromium",
                    "fr": f"MIGOV_CHROMIUM vaut {path}, qui n’est pas un Chromium exécutable"}[lang]
        assert expected in r.stderr and "or set MIGOV_CHROMIUM" not in r.stderr and "ou définissez MIGOV_CHROMIUM" not in r.stderr
        doctor = run_cli("doctor", env={**env, "LANGUAGE": lang})
        assert expected in doctor.stdout, doctor.stdout


def test_skip_line_names_only_what_is_missing():
    line = browser_skip_line(12, ["axe-core is not installed (npm ci --prefix tests/browser)"] * 12)
    assert line == "browser tests: 12 skipped: axe-core is not installed (npm ci --prefix tests/browser)"
    assert "Chromium" not in line and "Playwright" not in line


def test_skip_line_when_migov_chromium_names_no_browser(tmp_path):
    """The last line of a pytest run whose MIGOV_CHROMIUM is wrong says so (CI unset: the browser tests skip)."""
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"MIGOV_CHROMIUM": "/nope"}
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_browser.py", "-k", "sorts_and_filters"],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    last = r.stdout.strip().splitlines()[-1]
    assert "browser tests: 1 skipped: MIGOV_CHROMIUM is set to /nope, which is not an executable Chromium" in r.stdout, r.stdout
    assert "Playwright" not in r.stdout and "axe-core" not in r.stdout and "1 skipped" in last
