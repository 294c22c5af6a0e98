"""The dimension-score charts as SVG written directly: no plotting library, deterministic, accessible.

One horizontal bar per dimension, its label on the line above (so the chart stays narrow), its value
in a column of its own on white (ink on white, contrast over 15:1). The rating bands are the track
behind the bars, each with its own light colour *and* marks (lines, diagonals, a grid), so they read in greyscale; the
legend gives every band, the highest (zero width at 100) included. The drawing is 420 units wide
with no text under 14 units: shown at 390 px (a phone) it is at least 340 px wide, and its text stays
over 11 px. Every text is escaped; ids are fixed per chart kind; the same scores give the same bytes.
``<title>`` and ``<desc>`` name and summarise it; the report's table beside it gives every figure.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import Any, Protocol

from engine.assessment import Dimension
from engine.i18n import catalogue, format_number, translate
from engine.render.typography import typography
from engine.render.verdict import known_range, unrated

W = 420  # viewBox width
FONT = 14  # the smallest text, in viewBox units
LINE = 18  # one line of label text
VALUE_COL = 54  # the value column at the right
TRACK_W = W - VALUE_COL - 6  # the 0-100 scale
TRACK_H, BAR_H = 22, 12
CHARS = 45  # characters per label line (DejaVu Sans at 14 units: about 8.4 units a character)
INK, MUTED, BAR, BAR_BEFORE, MARK = "#1a1a1a", "#4a4a4a", "#1f4e79", "#6a8bb0", "#6b6b6b"
BAND_COLOURS = ["#f6d5cf", "#fbe7bd", "#d7ecd2", "#a9d3b0", "#cfe0f0"]
FONTS = "DejaVu Sans, Segoe UI, Arial, sans-serif"
BandKey = tuple[tuple[float, str], ...]  # (min, title) of each band, rising: hashable, for the caches of the static parts


class Scored(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def score(self) -> float | None: ...


def escape(s: str) -> str:
    """Text safe in SVG text and attribute values.

    >>> escape('a < b & "c"')
    'a &lt; b &amp; &quot;c&quot;'
    """
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@lru_cache(maxsize=4096)
def _bound(x: float, lang: str) -> str:
    return format_number(x, lang, digits=0 if float(x).is_integer() else 1)


@lru_cache(maxsize=4096)
def _num(x: float | None, lang: str) -> str:
    return format_number(x, lang)


def _x(score: float) -> float:
    return round(max(0.0, min(100.0, score)) * TRACK_W / 100, 2)


def _bar_w(score: float) -> float:
    """A bar's length; a score of 0 still shows, as a stub 2 units long."""
    return max(_x(score), 2.0)


def _marks(kind: int, x0: float, x1: float, y: float, h: float) -> str:
    """The marks that tell band ``kind`` apart without colour: none, vertical lines, diagonal lines, a grid.

    Drawn as plain path segments (no SVG pattern: a PDF printer rasterises patterns, megabytes a page).
    """
    step, d = 7.0, []
    if kind == 1 or kind == 3:
        x = x0 + step / 2
        while x < x1:
            d.append(f"M{x:.1f} {y:g}v{h:g}")
            x += step
    if kind == 3:
        d += [f"M{x0:g} {y + h / 3:.1f}H{x1:g}", f"M{x0:g} {y + 2 * h / 3:.1f}H{x1:g}"]
    if kind == 2:
        c = x0 - h + step / 2
        while c < x1:
            sx, sy = (c, y + h) if c >= x0 else (x0, y + h - (x0 - c))
            ex, ey = (c + h, y) if c + h <= x1 else (x1, y + (c + h - x1))
            if ex > sx:
                d.append(f"M{sx:.1f} {sy:.1f}L{ex:.1f} {ey:.1f}")
            c += step
    return f'<path d="{"".join(d)}" stroke="{MARK}" stroke-width="0.8"/>' if d else ""


def _band(i: int, x0: float, x1: float, y: float, h: float) -> str:
    """Band ``i`` over [x0, x1] x [y, y + h]: its colour and its marks."""
    colour = BAND_COLOURS[i % len(BAND_COLOURS)]
    return f'<rect x="{x0:g}" y="{y:g}" width="{x1 - x0:g}" height="{h:g}" fill="{colour}"/>' + _marks(i % 4, x0, x1, y, h)


def _text(x: float, y: float, s: str, anchor: str = "start", extra: str = "") -> str:
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text x="{x:g}" y="{y:g}"{a}{extra}>{escape(s)}</text>'


@lru_cache(maxsize=1024)
def _label(title: str, y: float) -> tuple[str, float]:
    """A dimension's title above its bar, wrapped: the lines, and where the bar starts."""
    lines = textwrap.wrap(title, CHARS) or [""]
    return "\n".join(_text(0, y + LINE * (i + 1) - 4, line) for i, line in enumerate(lines)), y + LINE * len(lines) + 2


def _svg(kind: str, height: float, title: str, desc: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" viewBox="0 0 {W} {height:g}" role="img" '
            f'aria-labelledby="{kind}-title {kind}-desc" font-family="{FONTS}" font-size="{FONT}" fill="{INK}">\n'
            f'<title id="{kind}-title">{escape(title)}</title>\n<desc id="{kind}-desc">{escape(desc)}</desc>\n'
            + "\n".join(body) + "\n</svg>\n")


def _legend(y: float, items: list[tuple[Callable[[float], str], str]]) -> tuple[list[str], float]:
    """Legend rows: (swatch drawn at a given top, text) each, the text wrapped beside a 24 x 14 swatch."""
    out: list[str] = []
    for swatch, label in items:
        lines = textwrap.wrap(label, CHARS - 4) or [""]
        out.append(swatch(y + 2) + f'<rect x="0" y="{y + 2:g}" width="24" height="14" fill="none" stroke="{MUTED}" stroke-width="0.8"/>')
        out += [_text(32, y + LINE * (i + 1) - 4, line) for i, line in enumerate(lines)]
        y += LINE * len(lines) + 4
    return out, y


def band_edges(bands: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """Each band's [low, high) on the 0-100 scale; the last ends at 100.

    >>> band_edges([{"min": 0}, {"min": 40}, {"min": 100}])
    [(0.0, 40.0), (40.0, 100.0), (100.0, 100.0)]
    """
    mins = [float(b["min"]) for b in bands]
    return [(lo, mins[i + 1] if i + 1 < len(mins) else 100.0) for i, lo in enumerate(mins)]


@lru_cache(maxsize=64)
def _axis(key: BandKey, lang: str) -> str:
    """The band boundaries as tick labels above the first track; one too close to its neighbour is left out (100 kept)."""
    kept: list[float] = []
    for t in sorted({0.0, 100.0, *(m for m, _t in key)}):
        if kept and _x(t) - _x(kept[-1]) < 30:
            if t != 100.0:
                continue
            kept.pop()
        kept.append(t)
    return "\n".join(_text(_x(t), FONT, _bound(t, lang), "start" if t == 0 else "end" if t == 100 else "middle", f' fill="{MUTED}"')
                     for t in kept)


def render_svg(dimensions: Sequence[Scored], bands: list[dict[str, Any]], title: str, not_assessed: str, lang: str) -> str:
    """The report's chart: each dimension's score over the rating bands (``bands``: ``min`` and ``title`` each, rising)."""
    key: BandKey = tuple((float(b["min"]), str(b["title"])) for b in bands)
    body = [_axis(key, lang)]
    y = FONT + 6.0
    for d in dimensions:
        low, high = _range(d)
        lines, y = _label(d.title if low is None else f"{d.title} ({_num(low, lang)}–{_num(high, lang)})", y)
        body.append(lines)
        if low is not None and high is not None:  # a withheld rating: no point, the range the unknowns allow, as an outline
            top = y + (TRACK_H - BAR_H) / 2
            body.append(_track(key, y))
            if low > 0:
                body.append(f'<rect x="0" y="{top:g}" width="{_bar_w(low):g}" height="{BAR_H}" fill="{BAR}"/>')
            body.append(f'<rect x="{_x(low):g}" y="{top:g}" width="{max(_x(high) - _x(low), 2.0):g}" height="{BAR_H}" fill="#ffffff" '
                        f'fill-opacity="0.6" stroke="{BAR}" stroke-width="1.5" stroke-dasharray="4 2"/>')
        elif d.score is None:
            body.append(_text(0, y + TRACK_H - 7, not_assessed, extra=f' fill="{MUTED}" font-style="italic"'))
        else:
            body.append(_track(key, y))
            body.append(f'<rect x="0" y="{y + (TRACK_H - BAR_H) / 2:g}" width="{_bar_w(d.score):g}" height="{BAR_H}" fill="{BAR}"/>')
            body.append(_text(W, y + TRACK_H - 6, _num(d.score, lang), "end", ' font-weight="bold"'))
        y += TRACK_H + 8
    legend, y = _band_legend(key, lang, y + 4)
    return _svg("scores", y + 2, title, _describe(dimensions, bands, lang), [*body, legend])


@lru_cache(maxsize=256)
def _track(key: BandKey, y: float) -> str:
    """The bands behind one bar; a band of no width (the highest, at 100) still shows, 4 units wide."""
    out = []
    for i, (lo, hi) in enumerate(band_edges([{"min": m} for m, _t in key])):
        out.append(_band(i, min(_x(lo), TRACK_W - 4), min(max(_x(hi), _x(lo) + 4), TRACK_W), y, TRACK_H))
    return "".join(out)


@lru_cache(maxsize=64)
def _band_legend(key: BandKey, lang: str, y: float) -> tuple[str, float]:
    items: list[tuple[Callable[[float], str], str]] = []
    colon = translate(": ", lang).replace(" :", "\u00a0:")  # French " : " kept on the line of the word before
    for i, ((_m, title), (lo, hi)) in enumerate(zip(key, band_edges([{"min": m} for m, _t in key]))):
        span = _bound(lo, lang) if lo == hi else f"{_bound(lo, lang)}–{_bound(hi, lang)}"
        items.append((partial(_swatch, i), title + colon + span))
    out, end = _legend(y, items)
    return "\n".join(out), end


def _swatch(i: int, top: float) -> str:
    return _band(i, 0, 24, top, 14)


def _range(d: Scored) -> tuple[float | None, float | None]:
    """The lowest and highest score the unknowns allow when ``d`` is not rated (too little evidence, too few criteria
    assessed) but something is known; else none."""
    if isinstance(d, Dimension) and unrated(d) and (span := known_range(d)) is not None:
        return span
    return None, None


def _describe(dimensions: Sequence[Scored], bands: list[dict[str, Any]], lang: str) -> str:
    scored = [d for d in dimensions if d.score is not None and _range(d)[0] is None]
    ranged = sum(1 for d in dimensions if _range(d)[0] is not None)
    band_text = "; ".join(f"{b['title']} ≥ {_bound(float(b['min']), lang)}" for b in bands)
    if not scored:
        head = translate("No dimension could be scored yet.", lang)
    else:
        low = min(scored, key=lambda d: d.score or 0.0)
        high = max(scored, key=lambda d: d.score or 0.0)
        head = translate("Bar chart of {n} dimension scores out of 100, from {low} ({low_score}) to {high} ({high_score}).", lang).format(
            n=len(dimensions), low=low.title, low_score=_num(low.score, lang), high=high.title, high_score=_num(high.score, lang))
    if ranged:
        head += " " + catalogue(lang).ngettext("{n} dimension has too few known facts for a score: the range its unknowns allow is drawn as a dashed outline.",
                                               "{n} dimensions have too few known facts for a score: the range their unknowns allow is drawn as a dashed outline.",
                                               ranged).format(n=ranged)
    return typography(" ".join([head, translate("Rating bands: {bands}.", lang).format(bands=band_text),
                                translate("The table that follows gives every figure.", lang)]), lang)


def render_compare_svg(dimensions: list[dict[str, Any]], title: str, before: str, after: str, lang: str) -> str:
    """Before and after scores by dimension: two bars each (the earlier lighter and striped, 3.2:1 on its track), the values "before" over "after"."""
    def before_bar(x1: float, top: float, h: float) -> str:
        return f'<rect x="0" y="{top:g}" width="{x1:g}" height="{h:g}" fill="{BAR_BEFORE}"/>' + _marks(1, 0, x1, top, h).replace(MARK, "#ffffff")

    def after_bar(x1: float, top: float, h: float) -> str:
        return f'<rect x="0" y="{top:g}" width="{x1:g}" height="{h:g}" fill="{BAR}"/>'

    items, y = _legend(0.0, [(lambda top: before_bar(24, top, 14), before), (lambda top: after_bar(24, top, 14), after)])
    body = items
    y += 6
    for d in dimensions:
        ranges = d.get("range") or {}
        held = [f"{label}{translate(': ', lang)}{_num(r[0], lang)}–{_num(r[1], lang)}" for label, r in ((before, ranges.get("before")), (after, ranges.get("after"))) if r]
        # a withheld side: its range, in words; typeset before wrapping, so a line never starts with "Avant :" cut from its value
        lines, y = _label(typography(f"{d['title']} ({'; '.join(held)})", lang) if held else d["title"], y)
        body.append(lines)
        body.append(f'<rect x="0" y="{y:g}" width="{TRACK_W}" height="32" fill="#f3f5f8"/>')
        for side, top, draw, extra in (("before", 3, before_bar, f' fill="{MUTED}"'), ("after", 17, after_bar, ' font-weight="bold"')):
            r = ranges.get(side)
            if r:  # no point: the range its unknowns allow, as a dashed outline
                body.append(f'<rect x="{_x(r[0]):g}" y="{y + top:g}" width="{max(_x(r[1]) - _x(r[0]), 2.0):g}" height="12" fill="none" '
                            f'stroke="{BAR}" stroke-width="1.5" stroke-dasharray="4 2"/>')
            else:
                if d[side] is not None:
                    body.append(draw(_bar_w(d[side]), y + top, 12))
                body.append(_text(W, y + top + 11, _num(d[side], lang), "end", extra))
        y += 32 + 8
    desc = translate("Bar chart of {n} dimension scores out of 100, each shown {before} and {after}.", lang).format(
        n=len(dimensions), before=before, after=after) + " " + translate("The table that follows gives every figure.", lang)
    desc = typography(desc, lang)
    return _svg("compare", y, title, desc, body)
