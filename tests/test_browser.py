"""The HTML reports in a real headless Chromium (Debian's, driven by Playwright; no browser download).

Every bundled profile in both languages: the sections are there and the chart renders; nothing is
requested from the network; the hostile profile runs nothing (with and without the CSP); axe-core
finds no accessibility violation at all, at 390 px (a phone) and 1280 px, in every report and the
dashboard; nothing scrolls sideways at 320 px; the chart's text stays at 11 px or more at 390 px;
screenshots go to test-output/. Print and PDF: tests/test_print.py.
Skips with a reason where Chromium or Playwright is missing, except in CI, where it must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.render.pdf import find_chromium, running_as_root
from tests.helpers import PROFILES, ROOT, run_cli

OUT = ROOT / "test-output"


def screenshot(page, path: Path, full_page: bool = False) -> None:
    """A picture for a person to look at (test-output/), not something a test asserts: Chromium under load sometimes
    cannot capture a long page ("Unable to capture screenshot"), so it is tried again at the window's size, then left out."""
    for whole in dict.fromkeys((full_page, False)):
        try:
            page.screenshot(path=str(path), full_page=whole)
            return
        except Exception as exc:  # playwright's Error
            if "capture" not in str(exc).lower():
                raise
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = bool(os.environ.get("CI"))
CHROMIUM = find_chromium()
ARGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # the sandbox: Playwright's chromium_sandbox, below


def chromium_missing() -> str:
    """Why there is no Chromium for these tests, and what to do: the variable set to a path that is not one, or none installed."""
    explicit = os.environ.get("MIGOV_CHROMIUM")
    if explicit:
        return f"MIGOV_CHROMIUM is set to {explicit}, which is not an executable Chromium (point it at one, or unset it)"
    return "no Chromium installed (apt-get install chromium, or set MIGOV_CHROMIUM to one)"


PLAYWRIGHT_MISSING = "Playwright is not installed (pip install '.[test]')"
AXE_MISSING = "axe-core is not installed (npm ci --prefix tests/browser)"


def _skip_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        _skip_or_fail(chromium_missing())
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail(PLAYWRIGHT_MISSING)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, chromium_sandbox=not running_as_root())  # as migov prints
        yield b
        b.close()


def report(tmp_path: Path, profile: Path, lang: str) -> Path:
    out = tmp_path / f"{profile.stem}.{lang}.html"
    r = run_cli("assess", str(profile), "--format", "html", "--lang", lang, "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_report_opens_with_every_section(browser, reports, profile, lang):
    path = reports[(profile.stem, lang)]
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    assert page.evaluate("document.documentElement.lang") == lang
    for section in ("summary", "dimensions", "areas", "recommendations", "range", "findings", "data-to-collect", "method"):
        assert page.locator(f"section#{section} h2").is_visible(), section
    chart = page.locator("svg.chart")
    box = chart.bounding_box()
    assert box and box["width"] > 400 and box["height"] > 150
    assert page.locator("svg.chart rect, svg.chart path").count() > 10
    assert requests == [path.as_uri()], requests  # the file itself, nothing else
    assert not errors
    OUT.mkdir(exist_ok=True)
    screenshot(page, OUT / f"{profile.stem}.{lang}.png", full_page=True)
    page.emulate_media(media="print")
    assert page.locator("section#findings").is_visible()
    context.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_injection_profile_executes_nothing(browser, tmp_path, bypass_csp):
    path = report(tmp_path, ROOT / "tests" / "fixtures" / "injection.yaml", "en")
    context = browser.new_context(bypass_csp=bypass_csp)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.mouse.move(10, 10)
    for el in page.locator("b, a, td, th, li").all()[:60]:
        el.hover(timeout=2000)
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script:not([type='application/json'])").count() == 0
    assert page.locator("iframe, img, a[href]").count() == 0
    assert "<script>alert('name')</script>" in page.locator("h1").inner_text()
    OUT.mkdir(exist_ok=True)
    screenshot(page, OUT / f"injection{'-nocsp' if bypass_csp else ''}.png")
    context.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Every bundled report in both languages, rendered once for the module: {(stem, lang): path}."""
    folder = tmp_path_factory.mktemp("reports")
    return {(p.stem, lang): report(folder, p, lang) for p in PROFILES for lang in ("en", "fr")}


@pytest.fixture(scope="module")
def axe() -> Path:
    """axe-core's script; skips (before any report is rendered) where it is not installed."""
    if not AXE.is_file():
        _skip_or_fail(AXE_MISSING)
    return AXE


def axe_violations(browser, path: Path, width: int) -> list[tuple[str, str, list[str]]]:
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})  # the page forbids scripts; axe is the test's own
    page = context.new_page()
    page.goto(path.as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    return [(v["id"], v["help"], [str(n["target"]) for n in v["nodes"]][:3]) for v in result["violations"]]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_no_accessibility_violation(axe, browser, reports, profile, lang, width):
    assert axe_violations(browser, reports[(profile.stem, lang)], width) == []


def overflow(browser, path: Path, width: int) -> list[str]:
    """What sticks out to the right of a ``width`` px wide window (empty when nothing scrolls sideways)."""
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    page.goto(path.as_uri())
    wide = page.evaluate("""() => document.documentElement.scrollWidth > innerWidth ?
        [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5 && !e.closest('.scroll'))
          .slice(0, 5).map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 40)).concat(['scrollWidth ' + document.documentElement.scrollWidth]) : []""")
    context.close()
    return list(wide)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_sideways_scroll_on_the_narrowest_phone(browser, reports, lang):
    for profile in PROFILES:
        assert overflow(browser, reports[(profile.stem, lang)], 320) == [], profile.stem


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_chart_text_stays_legible_on_a_phone(browser, reports, lang):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(reports[("examplia-country", lang)].as_uri())
    sizes = page.evaluate("""() => { const svg = document.querySelector('svg.chart');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale); }""")
    context.close()
    assert sizes and min(sizes) >= 11, min(sizes)


def test_dashboard_sorts_and_filters(browser, tmp_path):
    out = tmp_path / "batch"
    r = run_cli("batch", str(ROOT / "profiles"), str(ROOT / "tests" / "bad" / "wrong-type.yaml"), "--output", str(out), "--jobs", "2")
    assert r.returncode == 2  # one broken profile among good ones
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto((out / "index.html").as_uri())
    section = page.locator("section#pack-idm2018")
    rows = section.locator("table.heat tbody tr")
    assert rows.count() == 5  # the 2025 and 2026 rounds of Examplia and three partnerships
    section.locator("thead th").nth(2).locator("button").click()  # overall score, ascending
    order = [r.inner_text() for r in section.locator("table.heat tbody tr th").all()]
    # a withheld rating sorts by the lowest score its unknowns allow (Abu Dhabi 8.7, Examplia–Sylvania 8.9), never by a
    # point (Abu Dhabi's best case is 100.0): both come before every rated profile
    assert "Abu Dhabi" in order[0] and "Examplia–Sylvania" in order[1], order
    page.locator("select[data-filter='kind']").select_option("country")  # one search bar for the whole page
    assert section.locator("table.heat tbody tr:not([hidden])").count() == 2
    page.locator("select[data-filter='kind']").select_option("")
    page.locator("input.search").fill("Republic")
    assert section.locator("table.heat tbody tr:not([hidden])").count() == 2  # the two rounds of Examplia
    assert page.locator("section#failed").is_visible() and "wrong-type.yaml" in page.locator("section#failed").inner_text()
    assert not errors, errors  # the inline script ran under the CSP (its hash is allowed)
    OUT.mkdir(exist_ok=True)
    screenshot(page, OUT / "dashboard.png", full_page=True)
    context.close()


@pytest.fixture(scope="module")
def dashboards(tmp_path_factory):
    """The dashboard of the bundled profiles in each language: {lang: path}."""
    found = {}
    for lang in ("en", "fr"):
        out = tmp_path_factory.mktemp(f"batch-{lang}")
        r = run_cli("batch", str(ROOT / "profiles"), "--output", str(out), "--jobs", "2", "--lang", lang, "--formats", "html")
        assert r.returncode == 0, r.stderr
        found[lang] = out / "index.html"
    return found


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dashboard_is_accessible(axe, browser, dashboards, lang, width):
    assert axe_violations(browser, dashboards[lang], width) == []  # one search landmark for the whole page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dashboard_does_not_scroll_sideways(browser, dashboards, lang):
    assert overflow(browser, dashboards[lang], 320) == []  # the heat table scrolls in its own box, the page does not
