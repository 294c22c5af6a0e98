"""The HTML reports in a real headless Chromium (Debian's, driven by Playwright; no browser download).

Every bundled profile in both languages: the sections are there and the chart renders; nothing is
requested from the network; the hostile profile runs nothing (with and without the CSP); axe-core
finds no serious or critical accessibility violation; screenshots go to test-output/.
Skips with a reason where Chromium or Playwright is missing, except in CI, where it must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.render.pdf import find_chromium
from tests.helpers import PROFILES, ROOT, run_cli

OUT = ROOT / "test-output"
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = bool(os.environ.get("CI"))
CHROMIUM = find_chromium()
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _skip_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        _skip_or_fail("no Chromium installed (apt-get install chromium): browser tests not run")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("Playwright is not installed (pip install playwright): browser tests not run")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def report(tmp_path: Path, profile: Path, lang: str) -> Path:
    out = tmp_path / f"{profile.stem}.{lang}.html"
    r = run_cli("assess", str(profile), "--format", "html", "--lang", lang, "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_report_opens_with_every_section(browser, tmp_path, profile, lang):
    path = report(tmp_path, profile, lang)
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
    page.screenshot(path=str(OUT / f"{profile.stem}.{lang}.png"), full_page=True)
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
    page.screenshot(path=str(OUT / f"injection{'-nocsp' if bypass_csp else ''}.png"))
    context.close()


@pytest.mark.parametrize("profile", [ROOT / "profiles" / "examplia-country.yaml", ROOT / "profiles" / "coastal-dialogue-partnership.yaml"],
                         ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_serious_accessibility_violations(browser, tmp_path, profile, lang):
    if not AXE.is_file():
        _skip_or_fail("axe-core is not installed (npm ci --prefix tests/browser): accessibility check not run")
    path = report(tmp_path, profile, lang)
    context = browser.new_context(bypass_csp=True)  # the report forbids scripts; axe is the test's own
    page = context.new_page()
    page.goto(path.as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious
    context.close()


def test_dashboard_sorts_filters_and_is_accessible(browser, tmp_path):
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
    assert rows.count() == 4  # the 2025 and 2026 rounds of Examplia and two partnerships
    section.locator("thead th").nth(2).locator("button").click()  # overall score, ascending
    first = section.locator("table.heat tbody tr").first.locator("th").inner_text()
    assert "Examplia–Sylvania" in first
    section.locator("select[data-filter='kind']").select_option("country")
    assert section.locator("table.heat tbody tr:not([hidden])").count() == 2
    section.locator("select[data-filter='kind']").select_option("")
    section.locator("input.search").fill("Republic")
    assert section.locator("table.heat tbody tr:not([hidden])").count() == 2  # the two rounds of Examplia
    assert page.locator("section#failed").is_visible() and "wrong-type.yaml" in page.locator("section#failed").inner_text()
    assert not errors, errors  # the inline script ran under the CSP (its hash is allowed)
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "dashboard.png"), full_page=True)
    context.close()
    if AXE.is_file():
        ctx = browser.new_context(bypass_csp=True)
        p2 = ctx.new_page()
        p2.goto((out / "index.html").as_uri())
        p2.add_script_tag(path=str(AXE))
        result = p2.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["help"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, serious
        ctx.close()
