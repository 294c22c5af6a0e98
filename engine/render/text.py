"""A compact terminal summary: the overall result in words, the key actions, dimension bars and where each
dimension stands, what to collect, and what the report rests on (dates, pack, sources, disclaimer, command).

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
from engine.i18n import format_number, format_percent, translate
from engine.pack.compiled import Pack
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.render import summary as words
from engine.render.escape import terminal
from engine.render.plain import Column, Line, NeedsRich, Table, plain_layout
from engine.render.typography import typography
from engine.render.verdict import score_text, verdict

TOP = 5
CHANGE_KINDS = {"deselect": "rule", "weight": "weight of rule", "dimension_weight": "weight of dimension",
                "parameter": "parameter", "rating": "rating band"}
COLOURS = {"met": "green", "gap": "red", "unknown": "yellow", "not_applicable": "dim"}

# rich wraps at any whitespace, no-break spaces included: they are held as private-use characters while it wraps
_HOLD = str.maketrans({"\u00a0": "\ue000", "\u202f": "\ue001"})
_RELEASE = str.maketrans({"\ue000": "\u00a0", "\ue001": "\u202f"})


def _num(x: float | None, lang: str, pct: bool = False) -> str:
    return (format_percent(x, lang) if pct else format_number(x, lang)).translate(_HOLD)


def _bar(d: Dimension, width: int = 12) -> str:
    """The score as a bar; a withheld rating as its range: solid to the lowest, shaded to the highest the unknowns allow."""
    if d.score is None:
        return "·" * width
    if d.withheld and d.worst_case is not None and d.best_case is not None:
        low, high = round(d.worst_case / 100 * width), round(d.best_case / 100 * width)
        return "█" * low + "▒" * (high - low) + "░" * (width - high)
    full = round(d.score / 100 * width)
    return "█" * full + "░" * (width - full)


def render(a: Assessment, pack: Pack, colour: bool = False, width: int = 100, lens_packs: Mapping[str, Pack] | None = None,
           profile: Profile | None = None) -> str:
    """``lens_packs``: the target pack of each lens, by pack id (for its band titles); ``profile``: the profile assessed,
    for the questions to ask, the date of its facts and the command line (without it, those parts are left out)."""
    out = summary(a, pack, lens_packs, profile)
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
    text = "".join(typography(line.rstrip().translate(_RELEASE), lang) + "\n" for line in text.splitlines())
    return terminal(text, keep_colour=colour)  # profile text never drives the terminal


def summary(a: Assessment, pack: Pack, lens_packs: Mapping[str, Pack] | None = None, profile: Profile | None = None) -> list[Line | Table]:
    """What the summary prints, in order."""
    lang = a.language

    def t(s: str) -> str:
        return translate(s, lang)

    out: list[Line | Table] = []

    def say(line: str) -> None:  # the typography before the line is wrapped, so that a wrapped line keeps its width
        out.append(Line(((typography(line, lang).translate(_HOLD), None),)))

    bands = {b.id: pack.text(b.title, lang) for b in pack.header.ratings}
    prof = a.profile
    kind = pack.kind_label(prof.kind, lang)
    period = f", {prof.period}" if prof.period is not None else ""
    out.append(Line(((f"{prof.name} ({kind}{period})", "bold"),), text=True))
    colon = t(": ")
    out.append(Line(((f"{t('Rule pack')}{colon}{a.pack.id} {a.pack.version} · migov {a.migov_version}", None),), markup=True))
    s = a.score
    v = verdict(s, bands, lang)
    out.append(Line(((f"{t('Overall score')}{colon}", "bold"), (v.score.translate(_HOLD), "bold cyan"), (f"  {v.rating}", None))))
    coverage = (f"{t('Coverage')}{colon}{_num(s.coverage, lang, pct=True)} ({v.confidence})   "
                f"{t('Range if the unknowns were resolved')}{colon}{_num(s.worst_case, lang)} – {_num(s.best_case, lang)}")
    out.append(Line(((coverage, None),), markup=True))
    say(words.overall_result(a, pack, lang)["sentence"])
    actions = words.key_actions(a, pack, lang)
    if actions:
        out.append(Line(((t("Key actions"), "bold"),), text=True))
        for act in actions:
            say(f"{act['rank']}. {act['text']}")
            say(f"   {act['changes']}")
            ref = f"{t('Reference')}{colon}{act['rule']}"
            say(f"   {t('Basis')}{colon}{'; '.join(act['basis'])}. {ref}" if act["basis"] else f"   {ref}")
    if a.tailoring is not None:
        tl = a.tailoring
        out.append(Line(((f"{t('Tailoring')}{colon}{tl.id} ({len(tl.changes)})", None),)))
        for c in tl.changes:
            say(f"  - {t(CHANGE_KINDS[c.kind])} {c.target}: {c.from_} → {c.to} — {c.reason}")
    scores = [score_text(d, lang) for d in a.dimensions]
    wide = max([6, *map(len, scores)])  # a range ("10.5–100.0") is wider than a point: the dimension column gives way
    columns = (Column(t("Dimension"), 28 - (wide - 6), overflow="fold"), Column(t("Score"), wide, justify="right", no_wrap=True),
               Column("", 12, no_wrap=True), Column(t("Rating"), 25, overflow="fold"),
               Column(t("met/gap/unknown"), 15, justify="right", no_wrap=True))
    rows = tuple((d.title, score.translate(_HOLD), _bar(d), verdict(d, bands, lang).rating, f"{d.counts.met}/{d.counts.gap}/{d.counts.unknown}")
                 for d, score in zip(a.dimensions, scores, strict=True))
    out.append(Table(columns, rows))
    if profile is not None:
        _standing(say, words.dimension_status(a, pack, profile, lang), t)
    recs = a.recommendations
    if recs:
        out.append(Line(((t("Top recommendations") + f" ({min(TOP, len(recs))}/{len(recs)})", "bold"),), text=True))
        for i, r in enumerate(recs[:TOP], 1):
            say(f"{i}. [+{_num(r.score_gain, lang)}] {r.rule} — {r.text}")
    unknown = [f for f in a.findings if f.status == Status.unknown]
    if unknown:
        out.append(Line(((t("Data to collect") + f" ({len(unknown)})", "bold"),), text=True))
        for f in unknown[:TOP]:
            say(f"- {f.rule}: {'; '.join(f.evidence)}")
        if len(unknown) > TOP:
            out.append(Line(((t("… and {n} more (see --format json)").format(n=len(unknown) - TOP), None),), markup=True))
    for lens in a.lenses or []:
        out += _lens(lens, t, lang, (lens_packs or {}).get(lens.pack.id))
    if profile is not None:
        _about(say, words.about(a, pack, profile, lang, "text"), t)
    return out


def _standing(say: Callable[[str], None], status: list[dict[str, object]], t: Callable[[str], str]) -> None:
    say(t("Where each dimension stands"))
    for d in status:
        say(f"{d['title']} ({d['score']})")
        for key, label in (("in_place", "In place"), ("missing", "Missing"), ("unknown", "Unknown")):
            items = d[key]
            assert isinstance(items, list)
            say(f"  {t(label)} ({len(items)}){t(': ')}{'; '.join(items) or '—'}")


def _about(say: Callable[[str], None], about: dict[str, object], t: Callable[[str], str]) -> None:
    colon = t(": ")
    say(t("About this report"))
    for label, key in (("Date of assessment", "assessed_on"), ("Date of the facts", "facts_date"), ("Rule pack", "pack"), ("Produced by", "migov")):
        say(f"{t(label)}{colon}{about[key]}")
    facts = about["facts"]
    assert isinstance(facts, dict)
    say(f"{t('Sources of the facts')} ({len(facts['sources'])}){colon}")
    for src in facts["sources"]:
        say(f"- {src['text']}")
    for sentence in (facts["stale"], facts["none"]):
        if sentence:
            say(sentence)
    sources = about["sources"]
    assert isinstance(sources, list)
    say(f"{t('References cited')} ({len(sources)}){colon}")
    for src in sources[:TOP]:
        say(f"- {src}")
    if len(sources) > TOP:  # a terminal summary: the full list is in the Markdown and HTML reports
        say(t("… and {n} more (see --format markdown)").format(n=len(sources) - TOP))
    say(str(about["disclaimer"]))
    say(f"{t('How to reproduce this report')}{colon}{about['command']}")
    say(str(about["command_note"]))


def band_titles(pack: Pack | None, lang: str) -> dict[str, str]:
    """Band id -> title; without the pack (an assessment read back alone), each band is shown by its id."""
    return {} if pack is None else {b.id: pack.text(b.title, lang) for b in pack.header.ratings}


def _lens(lens: LensView, t: Callable[[str], str], lang: str, target: Pack | None) -> list[Line | Table]:
    bands = band_titles(target, lang)
    s = lens.score
    out: list[Line | Table] = [Line(((f"{lens.title} ({lens.pack.id} {lens.pack.version})", "bold"),), text=True)]
    out.append(Line(((f"{t('Estimate')}{t(': ')}{_num(s.overall, lang)} / 100  {bands.get(s.rating or '', s.rating or '—')}", None),)))
    for d in lens.dimensions:
        out.append(Line(((f"  {d.title}{t(': ')}{_num(d.score, lang)}", None),)))
    total = len(lens.inferred) + len(lens.not_inferred)
    out.append(Line(((words.plural("Inferred {n} of {total} items; not inferred: {items}", "Inferred {n} of {total} items; not inferred: {items}",
                                   len(lens.inferred), lang, total=total, items=", ".join(lens.not_inferred) or "—"), None),)))
    out.append(Line(((lens.notice, None),), style="italic"))
    return out
