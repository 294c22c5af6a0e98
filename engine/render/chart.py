"""The dimension-score chart: SVG from matplotlib, deterministic, with the rating bands shown.

Text stays text (svg.fonttype none) so the chart is small, selectable and readable by screen readers;
ids are salted with a constant and metadata dropped, so the same scores give the same bytes.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence
from typing import Any

from engine.assessment import Dimension
from engine.i18n import format_number

BAND_COLOURS = ["#f6d5cf", "#fbe7bd", "#d7ecd2", "#bfe0c4", "#a9d3b0"]
BAR = "#1f4e79"


def render_svg(dimensions: Sequence[Dimension], bands: list[dict[str, Any]], title: str, not_assessed: str, lang: str) -> str:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "migov", "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 10})
    labels = ["\n".join(textwrap.wrap(d.title, 32)) for d in dimensions]
    n = len(dimensions)
    fig, ax = plt.subplots(figsize=(8.2, 0.48 * n + 1.1))
    edges = [b["min"] for b in bands] + [100.0]
    for i, band in enumerate(bands):
        lo, hi = edges[i], max(edges[i + 1], edges[i] + 0.6)
        ax.axvspan(lo, hi, color=BAND_COLOURS[i % len(BAND_COLOURS)], lw=0, zorder=0)
        narrow = edges[i + 1] - edges[i] < 12
        ax.text(100 if narrow else (lo + hi) / 2, n - 0.35 + (0.5 if narrow else 0), "\n".join(textwrap.wrap(band["title"], 18)),
                ha="right" if narrow else "center", va="bottom", fontsize=7.5, color="#333333")
    ys = list(range(n))[::-1]
    for y, d in zip(ys, dimensions):
        if d.score is None:
            ax.text(1, y, not_assessed, va="center", fontsize=8.5, color="#444444", style="italic")
            continue
        ax.barh(y, d.score, color=BAR, height=0.55, zorder=2)
        ax.text(min(d.score + 1, 92), y, format_number(d.score, lang), va="center", fontsize=8.5, color="#111111", zorder=3)
    ax.set_yticks(ys, labels)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, n + 0.9)
    ax.set_title(title, loc="left", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _finish(fig, plt, "chart-title", title)


def _finish(fig: Any, plt: Any, title_id: str, title: str) -> str:
    """The figure as inline SVG: no XML prologue, no fixed size or metadata, an accessible title."""
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r'<svg \1', svg, count=1)
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{title_id}" class="chart" ', 1)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    head_end = svg.index(">") + 1
    return svg[:head_end] + f'\n <title id="{title_id}">{_escape(title)}</title>' + svg[head_end:]


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_compare_svg(dimensions: list[dict[str, Any]], title: str, before: str, after: str, lang: str) -> str:
    """Before/after scores by dimension, as grouped horizontal bars (same determinism as render_svg)."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "migov", "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 10})
    n = len(dimensions)
    fig, ax = plt.subplots(figsize=(8.2, 0.55 * n + 1.2))
    ys = list(range(n))[::-1]
    labels = ["\n".join(textwrap.wrap(d["title"], 32)) for d in dimensions]
    ax.barh([y + 0.18 for y in ys], [d["before"] or 0 for d in dimensions], height=0.34, color="#9fb6cd", label=before)
    ax.barh([y - 0.18 for y in ys], [d["after"] or 0 for d in dimensions], height=0.34, color=BAR, label=after)
    ax.set_yticks(ys, labels)
    ax.set_xlim(0, 100)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title, loc="left", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _finish(fig, plt, "compare-title", title)
