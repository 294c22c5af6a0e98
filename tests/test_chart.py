"""The SVG charts written without a plotting library: deterministic, escaped, accessible, legible.

The size of the text as shown on a phone is checked in a real browser (tests/test_browser.py); here,
what the SVG itself promises: every text at least 14 of the 420 units of its width, in colours of
contrast 4.5:1 or more on white, never over a bar, every band in the legend, the highest one too.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from engine.render import chart
from tests.helpers import ROOT

NS = "{http://www.w3.org/2000/svg}"
BANDS = [{"min": 0, "title": "Requires further progress"}, {"min": 40, "title": "Partially meets"}, {"min": 80, "title": "Meets"},
         {"min": 100, "title": "Fully meets"}]


@dataclass
class Dim:
    title: str
    score: float | None


DIMS = [Dim("Inter-state cooperation", 40.0), Dim("Rights of all migrants", 100.0), Dim("Data <cooperation> & \"more\"", None),
        Dim("A dimension whose title is long enough to be wrapped over two lines or more", 0.0)]


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_same_scores_give_the_same_bytes(lang):
    one = chart.render_svg(DIMS, BANDS, "Scores", "not assessed", lang)
    assert one == chart.render_svg(list(DIMS), [dict(b) for b in BANDS], "Scores", "not assessed", lang)
    assert "id=\"scores-title\"" in one and "random" not in one


def test_every_text_is_escaped_and_the_svg_is_well_formed():
    svg = chart.render_svg([Dim("<script>alert(1)</script> & $x^2$", 50.0)], BANDS, 'Title "<b>"', "n/a <i>", "en")
    root = parse(svg)  # raises if any text were not escaped
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert root.find(f"{NS}title").text == 'Title "<b>"'
    assert any(t.text == "<script>alert(1)</script> & $x^2$" for t in root.iter(f"{NS}text"))


def test_title_description_and_role_name_the_chart():
    root = parse(chart.render_svg(DIMS, BANDS, "Scores by dimension", "not assessed", "en"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "scores-title scores-desc"
    assert root.find(f"{NS}title").get("id") == "scores-title"
    desc = root.find(f"{NS}desc").text or ""
    assert "Rights of all migrants (100.0)" in desc and "Fully meets ≥ 100" in desc and "table" in desc


def test_text_is_large_and_in_colours_of_enough_contrast():
    root = parse(chart.render_svg(DIMS, BANDS, "t", "not assessed", "en"))
    width = float(root.get("viewBox", "").split()[2])
    assert float(root.get("font-size", "0")) / width * 340 >= 11  # at 340 px wide (a 390 px phone) text stays >= 11 px
    texts = list(root.iter(f"{NS}text"))
    assert texts
    for t in texts:
        assert "font-size" not in t.attrib  # none smaller than the chart's own
        assert contrast(t.get("fill", root.get("fill", "")), "#ffffff") >= 4.5, t.text


def test_no_text_is_drawn_over_a_bar_or_a_band():
    root = parse(chart.render_svg(DIMS, BANDS, "t", "not assessed", "en"))
    values = [t for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end" and t.get("font-weight") == "bold"]
    assert [t.text for t in values] == ["40.0", "100.0", "0.0"]
    for t in values:
        assert float(t.get("x", "0")) == chart.W  # right-aligned in the value column, past the end of the 0-100 track
    assert chart.TRACK_W + 40 <= chart.W


def test_every_band_is_in_the_legend_the_highest_too():
    svg = chart.render_svg(DIMS, BANDS, "t", "not assessed", "fr")
    for title in ("Requires further progress\u00a0: 0–40", "Partially meets\u00a0: 40–80", "Meets\u00a0: 80–100", "Fully meets\u00a0: 100"):
        assert title in svg
    root = parse(svg)
    swatches = [r for r in root.iter(f"{NS}rect") if r.get("width") == "24" and r.get("fill") != "none"]
    assert len(swatches) == len(BANDS) and all(float(r.get("height", "0")) > 0 for r in swatches)
    assert len({r.get("fill") for r in swatches}) == len(BANDS)


def test_bands_differ_by_more_than_colour():
    """Each band has marks of its own (none, vertical lines, diagonals, a grid), so a greyscale print tells them apart."""
    marks = [chart._marks(i, 0, 24, 0, 14) for i in range(4)]
    assert marks[0] == "" and len(set(marks)) == 4
    assert "url(" not in chart.render_svg(DIMS, BANDS, "t", "n", "en")  # plain shapes: no SVG pattern for the PDF printer to rasterise


def test_a_dimension_without_a_score_says_so():
    root = parse(chart.render_svg([Dim("Data", None)], BANDS, "t", "not assessed", "en"))
    assert any(t.text == "not assessed" and t.get("font-style") == "italic" for t in root.iter(f"{NS}text"))


def test_compare_chart_is_accessible_and_escaped():
    dims = [{"title": "A & B", "before": 20.0, "after": 60.0}, {"title": "C", "before": None, "after": 10.0}]
    svg = chart.render_compare_svg(dims, "Scores", "Before", "After", "en")
    root = parse(svg)
    assert root.get("aria-labelledby") == "compare-title compare-desc"
    assert [t.text for t in root.iter(f"{NS}text")][:2] == ["Before", "After"]
    assert "A &amp; B" in svg and "—" in svg
    assert svg == chart.render_compare_svg(dims, "Scores", "Before", "After", "en")


def test_html_report_draws_its_chart_without_matplotlib():
    code = ("import sys; from engine.render import html; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'matplotlib'], 'matplotlib imported'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
