"""How an overall result or a dimension reads: a point score and a rating, or, when the pack withholds the
rating for want of evidence, the range the unknowns allow and the number of facts to collect; and the
confidence. One function, :func:`verdict`, for every format (text, HTML, Markdown, batch, compare)."""

from __future__ import annotations

from collections.abc import Mapping

from engine.assessment import Dimension, Score
from engine.i18n import format_number, translate, translate_plural
from engine.records import record

BREAK = "\u200b"  # a zero-width space: a line may break there
CONFIDENCE = {"low": "confidence: low", "medium": "confidence: medium", "high": "confidence: high"}  # message ids


@record(frozen=True)
class Verdict:
    score: str  # "72.6 / 100", or the range "33.6–71.2 / 100" when the rating is withheld
    rating: str  # the band's title, "insufficient evidence — 12 facts to collect", or "—"
    confidence: str  # "confidence: low", or "" when nothing applies
    withheld: bool


def range_text(low: float | None, high: float | None, lang: str, wrap: bool = False) -> str:
    """The lowest and highest score the unknowns allow, as every format writes them ("6.2–100.0"); ``wrap``: may
    break after the dash (a narrow table cell)."""
    return f"{format_number(low, lang)}–{BREAK if wrap else ''}{format_number(high, lang)}"


def score_text(part: Score | Dimension, lang: str) -> str:
    """The score as every report writes it: the point, or, when the rating is withheld, the range the unknowns
    allow ("6.2–100.0"), never a point that would say more than the evidence; "—" when nothing is known."""
    point = part.overall if isinstance(part, Score) else part.score
    if part.withheld and point is not None:  # nothing known at all: "—", a range of 0–100 would say nothing
        return range_text(part.worst_case, part.best_case, lang)
    return format_number(point, lang)


def verdict(part: Score | Dimension, bands: Mapping[str, str], lang: str) -> Verdict:
    """The display of ``part`` (``a.score`` or one of ``a.dimensions``); ``bands``: band id -> title.

    A withheld rating shows the range (lowest–highest the unknowns allow) instead of a point."""
    point = part.overall if isinstance(part, Score) else part.score
    if part.withheld:
        shown = "—" if point is None else f"{score_text(part, lang)} / 100"
        rating = translate_plural("insufficient evidence — {n} fact to collect", "insufficient evidence — {n} facts to collect",
                                  part.facts_to_collect, lang).format(n=part.facts_to_collect)
    else:
        shown = "—" if point is None else f"{format_number(point, lang)} / 100"
        rating = bands.get(part.rating or "", part.rating or "—")
    conf = "" if part.confidence is None else translate(CONFIDENCE[part.confidence], lang)
    return Verdict(shown, rating, conf, part.withheld)
