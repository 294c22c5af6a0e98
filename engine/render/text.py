"""The text report, each thing said once: the overall result in words, the key actions, dimension bars; then, in the
whole report (``full``), every criterion with its evidence, the other recommendations and what the report rests on
(dates, pack, sources, references, disclaimer, command); in one screen (a terminal's default), the first facts to
collect, the disclaimer and one line saying how to get the rest. Wrapped lines hang under their item.

Fits 100 columns; colour only on a terminal; plain text when piped or written to a file; French typography
(no-break spaces, apostrophes) as in every other format.

The summary is a list of lines and one table (:class:`Line`, :class:`Table`), laid out by rich on a
terminal and by :mod:`engine.render.plain` otherwise: the same text as rich's, from rich's own wrapping
and cell widths, without importing rich's console (most of a cold ``assess``). What the plain layout
does not handle (markup, a narrow width) goes to rich.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from engine.assessment import Assessment, Dimension, LensView
from engine.escape import terminal  # render.escape's terminal is this one (importing it would compile Markdown's patterns too)
from engine.i18n import format_number, format_percent, translate, typography  # render.typography's, where it lives
from engine.pack.compiled import Pack
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.render import summary as words
from engine.render.plain import Column, Line, NeedsRich, Table, plain_layout
from engine.render.verdict import gain_text, known_range, range_text, rating_text, score_text, unrated, verdict

TOP = 5
CHANGE_KINDS = {"deselect": "rule", "weight": "weight of rule", "dimension_weight": "weight of dimension",
                "parameter": "parameter", "rating": "rating band"}
COLOURS = {"met": "green", "gap": "red", "unknown": "yellow", "not_applicable": "dim"}

# rich wraps at any whitespace, no-break spaces included: they are held as private-use characters while it wraps
_HOLD = str.maketrans({"\u00a0": "\ue000", "\u202f": "\ue001"})


def _num(x: float | None, lang: str, pct: bool = False) -> str:
    return (format_percent(x, lang) if pct else format_number(x, lang)).translate(_HOLD)


def _bar(d: Dimension, width: int = 12) -> str:
    """The score as a bar; a withheld rating as its range: solid to the lowest, shaded to the highest the unknowns allow."""
    span = known_range(d) if unrated(d) or d.rating_range else None
    if span is not None:
        low, high = round(span[0] / 100 * width), round(span[1] / 100 * width)
        return "█" * low + "▒" * (high - low) + "░" * (width - high)
    if d.score is None or unrated(d):
        return "·" * width
    full = round(d.score / 100 * width)
    return "█" * full + "░" * (width - full)


def render(a: Assessment, pack: Pack, colour: bool = False, width: int = 100, lens_packs: Mapping[str, Pack] | None = None,
           profile: Profile | None = None, full: bool = True) -> str:
    """``lens_packs``: the target pack of each lens, by pack id (for its band titles); ``profile``: the profile assessed,
    for the date of its facts and the command line (without it, those parts are left out); ``full``: the whole report,
    else one screen (:func:`summary`)."""
    out = summary(a, pack, lens_packs, profile, full, width)
    text = None
    if not colour:
        try:
            text = plain_layout(out, width)
        except NeedsRich:
            pass
    if text is None:
        from engine.render.rich_layout import rich_layout  # rich: a terminal, or what the plain layout leaves to it

        text = rich_layout(out, width, colour)
    lang = a.language
    # str.replace, not str.translate with a table (which looks each character up: some 1 ms over a whole report)
    text = "".join(typography(line.rstrip().replace("\ue000", "\u00a0").replace("\ue001", "\u202f"), lang) + "\n" for line in text.splitlines())
    return terminal(text, keep_colour=colour)  # profile text never drives the terminal


def summary(a: Assessment, pack: Pack, lens_packs: Mapping[str, Pack] | None = None, profile: Profile | None = None,
            full: bool = True, width: int = 100) -> list[Line | Table]:
    """What the report prints, in order, each thing once. ``full``: every criterion with its evidence, every
    recommendation, the sources and references; else one screen: the result, the key actions, the dimensions, the
    first facts to collect, the disclaimer and one line saying how to get the rest."""
    lang = a.language

    def t(s: str) -> str:
        return translate(s, lang)

    out: list[Line | Table] = []

    def say(line: str, indent: int = 0) -> None:  # the typography before the line is wrapped, so that a wrapped line keeps its width
        out.append(Line(((typography(line, lang).replace("\u00a0", "\ue000").replace("\u202f", "\ue001"), None),), indent=indent))

    def heading(title: str) -> None:
        out.append(Line((("", None),)))
        out.append(Line(((title, "bold"),), text=True))

    colon = t(": ")
    about = words.about(a, pack, profile, lang, "text") if profile is not None and full else None
    prof = a.profile
    kind = pack.kind_label(prof.kind, lang)
    period = f", {prof.period}" if prof.period is not None else ""
    out.append(Line(((f"{prof.name} ({kind}{period})", "bold"),), text=True))
    if about is None:  # the whole report says it under "About this report"
        out.append(Line(((f"{t('Rule pack')}{colon}{a.pack.id} {a.pack.version} · migov {a.migov_version}", None),), markup=True))
    result = typography(words.overall_result(a, pack, lang)["sentence"], lang)  # the result in words, once, as every format says it
    out.append(Line(((result.translate(_HOLD), None),), style="bold"))
    actions = words.key_actions(a, pack, lang)
    if actions:
        heading(t("Key actions"))
        for act in actions:
            say(f"{act['rank']}. {act['text']}", 3)
            ref = f"{t('Reference')}{colon}{act['rule']}"
            if full:
                say(f"   {act['changes']}", 3)
                say(f"   {t('Basis')}{colon}{'; '.join(act['basis'])}. {ref}" if act["basis"] else f"   {ref}", 3)
            else:
                say(f"   {act['changes']} {ref}", 3)
    if a.tailoring is not None:
        tl = a.tailoring
        heading(f"{t('Tailoring')}{colon}{tl.id} ({len(tl.changes)})")
        for c in tl.changes:
            say(f"- {t(CHANGE_KINDS[c.kind])} {c.target}: {c.from_} → {c.to} — {c.reason}", 2)
    out.append(Line((("", None),)))
    out.append(_table(a, pack, t, lang, width))
    if full:
        _criteria(out, say, heading, a, t)
        rest = a.recommendations[len(actions):]
        if rest:
            heading(f"{t('Other recommendations')} ({len(rest)})")
            for i, r in enumerate(rest, len(actions) + 1):
                say(f"{i}. [+{gain_text(r, lang).translate(_HOLD)}] {r.rule} — {r.text}", len(f"{i}. "))
    else:
        unknown = [f for f in a.findings if f.status == Status.unknown]
        if unknown:
            heading(t("Data to collect") + f" ({len(unknown)})")
            top = TOP - sum(1 for d in a.dimensions if d.rating_range or unrated(d)) // 2  # a longer table leaves fewer lines for the list
            for f in unknown[:top]:
                say(f"- {f.rule}: {'; '.join(f.evidence)}", 2)
            if len(unknown) > top:
                say(words.plural("… and {n} more", "… and {n} more", len(unknown) - top, lang))
    for lens in a.lenses or []:
        out.append(Line((("", None),)))
        out += _lens(lens, t, lang, (lens_packs or {}).get(lens.pack.id))
    out.append(Line((("", None),)))
    if about is not None:
        _about(say, heading, about, t)
    else:
        say(t(words.DISCLAIMER))
    if not full:
        say(t("Every criterion, its evidence and the sources: --full, or -o report.html (or .md)."))
    return out


NARROWING = ((3, 14), (0, 16), (2, 6), (3, 10), (0, 12))  # (column, narrowest): the table's columns narrowed in turn to fit


def _table(a: Assessment, pack: Pack, t: Callable[[str], str], lang: str, width: int) -> Table:
    """Each dimension's score, bar, rating and counts; on a narrow terminal the titles, ratings and bars narrow (the
    titles and ratings wrap), so that the scores and counts are never cut."""
    bands = band_titles(pack, lang)
    # a band the unknowns could change: the range in the score column, the bar shaded over it, the two bands in the rating's
    scores = [range_text(*span, lang) if d.rating_range and not unrated(d) and (span := known_range(d)) else score_text(d, lang) for d in a.dimensions]
    wide = max([6, *map(len, scores)])  # a range ("10.5–100.0") is wider than a point: the dimension column gives way
    widths = [28 - (wide - 6), wide, 9, 28, 15]  # the rating gets room for two bands ("En cours de développement–Bien développé")
    excess = sum(widths) + 2 * len(widths) + 2 - width  # each column's padding and the separators between them
    for i, narrowest in NARROWING:
        cut = max(0, min(excess, widths[i] - narrowest))
        widths[i] -= cut
        excess -= cut
    columns = (Column(t("Dimension"), widths[0], overflow="fold"), Column(t("Score"), widths[1], justify="right", no_wrap=True),
               Column("", widths[2], no_wrap=True), Column(t("Rating"), widths[3], overflow="fold"),
               Column(t("met/gap/unknown"), widths[4], justify="right", no_wrap=True))
    rows = tuple((d.title, score.translate(_HOLD), _bar(d, widths[2]), _rating_cell(d, bands, lang), f"{d.counts.met}/{d.counts.gap}/{d.counts.unknown}")
                 for d, score in zip(a.dimensions, scores, strict=True))
    return Table(columns, rows)


def _rating_cell(d: Dimension, bands: Mapping[str, str], lang: str) -> str:
    """The table's rating: as every format says it, but two bands the unknowns allow as "Early stage–Developing" (the score
    column holds their range)."""
    if d.rating_range and not unrated(d) and known_range(d):
        return "–".join(bands.get(b, b) for b in d.rating_range)
    return verdict(d, bands, lang).rating


def _criteria(out: list[Line | Table], say: Callable[..., None], heading: Callable[[str], None], a: Assessment,
              t: Callable[[str], str]) -> None:
    """Every criterion of each dimension, in place, missing or unknown, with its evidence (the unknowns' evidence names
    the facts to collect)."""
    heading(t("Where each dimension stands"))
    colon = t(": ")
    for d in a.dimensions:
        mine = [f for f in a.findings if f.dimension == d.id]
        if not any(f.status != Status.not_applicable for f in mine):
            continue
        out.append(Line(((f"{d.title} ({score_text(d, a.language)})", "bold"),), text=True))
        for status, label in ((Status.met, "In place"), (Status.gap, "Missing"), (Status.unknown, "Unknown")):
            found = [f for f in mine if f.status == status]
            if found:
                say(f"  {t(label)} ({len(found)})", 2)
            for f in found:
                evidence = f"{colon}{'; '.join(f.evidence)}" if f.evidence else ""
                say(f"    - {f.title} ({f.rule}){evidence}", 6)


def _about(say: Callable[..., None], heading: Callable[[str], None], about: dict[str, object], t: Callable[[str], str]) -> None:
    colon = t(": ")
    heading(t("About this report"))
    for label, key in (("Date of assessment", "assessed_on"), ("Date of the facts", "facts_date"), ("Rule pack", "pack"), ("Produced by", "migov")):
        say(f"{t(label)}{colon}{about[key]}", 2)
    facts = about["facts"]
    assert isinstance(facts, dict)
    say(f"{t('Sources of the facts')} ({len(facts['sources'])}){colon}")
    for src in facts["sources"]:
        say(f"- {src['text']}", 2)
    for sentence in (facts["stale"], facts["none"]):
        if sentence:
            say(sentence)
    sources = about["sources"]
    assert isinstance(sources, list)
    say(f"{t('References cited')} ({len(sources)}){colon}")
    for src in sources:
        say(f"- {src}", 2)
    say(str(about["disclaimer"]))
    say(f"{t('How to reproduce this report')}{colon}{about['command']} --full", 2)
    say(str(about["command_note"]))


def band_titles(pack: Pack | None, lang: str) -> dict[str, str]:
    """Band id -> title; without the pack (an assessment read back alone), each band is shown by its id."""
    return {} if pack is None else {b.id: pack.text(b.title, lang) for b in pack.header.ratings}


def _lens(lens: LensView, t: Callable[[str], str], lang: str, target: Pack | None) -> list[Line | Table]:
    bands = band_titles(target, lang)
    s = lens.score
    out: list[Line | Table] = [Line(((f"{lens.title} ({lens.pack.id} {lens.pack.version})", "bold"),), text=True)]
    out.append(Line(((f"{t('Estimate')}{t(': ')}{score_text(s, lang).translate(_HOLD)} / 100  {rating_text(s, bands, lang)}", None),)))
    for d in lens.dimensions:
        out.append(Line(((f"  {d.title}{t(': ')}{score_text(d, lang).translate(_HOLD)}", None),)))
    total = len(lens.inferred) + len(lens.not_inferred)
    out.append(Line(((words.plural("Inferred {n} of {total} items; not inferred: {items}", "Inferred {n} of {total} items; not inferred: {items}",
                                   len(lens.inferred), lang, total=total, items=", ".join(lens.not_inferred) or "—"), None),)))
    out.append(Line(((lens.notice, None),), style="italic"))
    return out
