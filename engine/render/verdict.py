"""How an overall result or a dimension reads: a point score and a rating, or, when the pack withholds the
rating for want of evidence or too few criteria are assessed, the range the unknowns allow and the number of facts
to collect; when the unknowns could put it in another band, the two bands and the range; and the confidence. One function, :func:`verdict`, for every format (text, HTML, Markdown, batch, compare)."""

from __future__ import annotations

from collections.abc import Mapping

from engine.assessment import Dimension, Recommendation, Score
from engine.i18n import format_number, translate, translate_plural
from engine.records import record

BREAK = "\u200b"  # a zero-width space: a line may break there
CONFIDENCE = {"low": "confidence: low", "medium": "confidence: medium", "high": "confidence: high"}  # message ids


@record(frozen=True)
class Verdict:
    score: str  # "72.6 / 100", or the range "33.6–71.2 / 100" when the rating is withheld
    rating: str  # the band's title, "insufficient evidence — 12 facts to collect", or "—"
    confidence: str  # "confidence: low", or "" when nothing applies
    withheld: bool  # no rating for want of evidence or of criteria assessed: the score is a range


def unrated(part: Score | Dimension) -> bool:
    """Whether ``part`` has no point score to show: its rating withheld, or too few of its criteria assessed."""
    return part.withheld or part.too_few


def point_of(part: Score | Dimension) -> float | None:
    """The point score, None where it is unrated (2.0) or nothing is known; an unrated part of a 1.x assessment, which
    still holds its point, reads the same."""
    if unrated(part):
        return None
    return part.overall if isinstance(part, Score) else part.score


def known_range(part: Score | Dimension) -> tuple[float, float] | None:
    """The lowest and highest score the unknowns allow, when something is known (a range of all 0–100 says nothing)."""
    known = (part.coverage or 0) > 0 if isinstance(part, Score) else part.counts.met + part.counts.gap > 0
    if part.worst_case is None or part.best_case is None or not known:
        return None
    return part.worst_case, part.best_case


def range_text(low: float | None, high: float | None, lang: str, wrap: bool = False) -> str:
    """The lowest and highest score the unknowns allow, as every format writes them ("6.2–100.0"); ``wrap``: may
    break after the dash (a narrow table cell)."""
    return f"{format_number(low, lang)}–{BREAK if wrap else ''}{format_number(high, lang)}"


def score_text(part: Score | Dimension, lang: str) -> str:
    """The score as every report writes it: the point, or, when the rating is withheld, the range the unknowns
    allow ("6.2–100.0"), never a point that would say more than the evidence; "—" when nothing is known."""
    span = known_range(part)
    if unrated(part):  # nothing known at all: "—", a range of 0–100 would say nothing
        if span is None:
            return "—"
        return format_number(span[0], lang) if span[0] == span[1] else range_text(*span, lang)  # no unknown: the score, yet unrated
    return format_number(point_of(part), lang)


def verdict(part: Score | Dimension, bands: Mapping[str, str], lang: str) -> Verdict:
    """The display of ``part`` (``a.score`` or one of ``a.dimensions``); ``bands``: band id -> title.

    An unrated part shows the range (lowest–highest the unknowns allow) instead of a point; a rating the unknowns could
    change is said as its two bands."""
    text = score_text(part, lang)
    shown = "—" if text == "—" else f"{text} / 100"
    conf = "" if part.confidence is None else translate(CONFIDENCE[part.confidence], lang)
    return Verdict(shown, rating_text(part, bands, lang), conf, unrated(part))


def rating_text(part: Score | Dimension, bands: Mapping[str, str], lang: str) -> str:
    """The rating in words: the band; why there is none and the facts to collect; or the two bands the unknowns
    allow, with the score's range ("between Developing and Well developed (42.9–85.7)")."""
    n = part.facts_to_collect
    if part.withheld:
        return translate_plural("insufficient evidence — {n} fact to collect", "insufficient evidence — {n} facts to collect", n, lang).format(n=n)
    if part.too_few and n == 0:  # nothing to collect: fewer criteria apply than the pack rates from
        return translate("too few criteria apply to rate", lang)
    if part.too_few:
        return translate_plural("too few criteria assessed to rate — {n} fact to collect", "too few criteria assessed to rate — {n} facts to collect",
                                n, lang).format(n=n)
    span = known_range(part)
    if part.rating_range and span is not None:
        low, high = (bands.get(b, b) for b in part.rating_range)
        return translate("between {low} and {high} ({range})", lang).format(low=low, high=high, range=range_text(*span, lang))
    return bands.get(part.rating or "", part.rating or "—")


def gain_text(r: Recommendation, lang: str) -> str:
    """A recommendation's gain: the point, or the least–most it adds whatever the unknowns are ("2.0–10.0") where its
    dimension is not rated."""
    return range_text(r.gain_range[0], r.gain_range[-1], lang) if r.gain_range else format_number(r.score_gain, lang)
