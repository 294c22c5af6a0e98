"""A compact terminal summary: the overall result in words, the key actions, dimension bars and where each
dimension stands, what to collect, and what the report rests on (dates, pack, sources, disclaimer, command).

Fits 100 columns; colour only on a terminal; plain text when piped or written to a file; French typography
(no-break spaces, apostrophes) as in every other format.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from engine.assessment import Assessment, LensView
from engine.i18n import format_number, format_percent, translate
from engine.pack.compiled import Pack
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.render import summary
from engine.render.typography import typography

TOP = 5
CHANGE_KINDS = {"deselect": "rule", "weight": "weight of rule", "dimension_weight": "weight of dimension",
                "parameter": "parameter", "rating": "rating band"}
COLOURS = {"met": "green", "gap": "red", "unknown": "yellow", "not_applicable": "dim"}


# rich wraps at any whitespace, no-break spaces included: they are held as private-use characters while it wraps
_HOLD = str.maketrans({"\u00a0": "\ue000", "\u202f": "\ue001"})
_RELEASE = str.maketrans({"\ue000": "\u00a0", "\ue001": "\u202f"})


def _num(x: float | None, lang: str, pct: bool = False) -> str:
    return format_percent(x, lang) if pct else format_number(x, lang)


def _bar(score: float | None, width: int = 12) -> str:
    if score is None:
        return "·" * width
    full = round(score / 100 * width)
    return "█" * full + "░" * (width - full)


def render(a: Assessment, pack: Pack, colour: bool = False, width: int = 100, lens_packs: Mapping[str, Pack] | None = None,
           profile: Profile | None = None) -> str:
    """``lens_packs``: the target pack of each lens, by pack id (for its band titles); ``profile``: the profile assessed,
    for the questions to ask, the date of its facts and the command line (without it, those parts are left out)."""
    lang = a.language

    def t(s: str) -> str:
        return translate(s, lang)

    buf = io.StringIO()
    con = Console(file=buf, width=width, color_system="standard" if colour else None, force_terminal=colour,
                  highlight=False, emoji=False, soft_wrap=False)
    bands = {b.id: pack.text(b.title, lang) for b in pack.header.ratings}
    prof = a.profile
    kind = pack.kind_label(prof.kind, lang)
    period = f", {prof.period}" if prof.period is not None else ""
    con.print(Text(f"{prof.name} ({kind}{period})", style="bold"))
    colon = t(": ")
    con.print(f"{t('Rule pack')}{colon}{a.pack.id} {a.pack.version} · migov {a.migov_version}")
    s = a.score
    rating = bands.get(s.rating or "", "—")
    con.print(Text.assemble(
        (f"{t('Overall score')}{colon}", "bold"), (f"{_num(s.overall, lang)} / 100", "bold cyan"), f"  {rating}",
    ))
    con.print(
        f"{t('Coverage')}{colon}{_num(s.coverage, lang, pct=True)}   "
        f"{t('Range if the unknowns were resolved')}{colon}{_num(s.worst_case, lang)} – {_num(s.best_case, lang)}"
    )
    def say(line: str) -> None:  # the typography before rich wraps the line, so that a wrapped line keeps its width
        con.print(typography(line, lang).translate(_HOLD), markup=False)

    say(summary.overall_result(a, pack, lang)["sentence"])
    actions = summary.key_actions(a, pack, lang)
    if actions:
        con.print(Text(t("Key actions"), style="bold"))
        for act in actions:
            say(f"{act['rank']}. {act['text']}")
            say(f"   {act['changes']}")
            ref = f"{t('Reference')}{colon}{act['rule']}"
            say(f"   {t('Basis')}{colon}{'; '.join(act['basis'])}. {ref}" if act["basis"] else f"   {ref}")
    if a.tailoring is not None:
        tl = a.tailoring
        con.print(f"{t('Tailoring')}{colon}{tl.id} ({len(tl.changes)})", markup=False)
        for c in tl.changes:
            con.print(f"  - {t(CHANGE_KINDS[c.kind])} {c.target}: {c.from_} → {c.to} — {c.reason}", markup=False)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(t("Dimension"), width=28, no_wrap=False, overflow="fold")
    table.add_column(t("Score"), justify="right", width=6, no_wrap=True)
    table.add_column("", width=12, no_wrap=True)
    table.add_column(t("Rating"), width=25, no_wrap=False, overflow="fold")
    table.add_column(t("met/gap/unknown"), justify="right", width=15, no_wrap=True)
    for d in a.dimensions:
        n = d.counts
        table.add_row(d.title, _num(d.score, lang), _bar(d.score), bands.get(d.rating or "", "—"), f"{n.met}/{n.gap}/{n.unknown}")
    con.print(table)
    if profile is not None:
        _standing(say, summary.dimension_status(a, pack, profile, lang), t)
    recs = a.recommendations
    if recs:
        con.print(Text(t("Top recommendations") + f" ({min(TOP, len(recs))}/{len(recs)})", style="bold"))
        for i, r in enumerate(recs[:TOP], 1):
            con.print(f"{i}. [+{_num(r.score_gain, lang)}] {r.rule} — {r.text}", markup=False)
    unknown = [f for f in a.findings if f.status == Status.unknown]
    if unknown:
        con.print(Text(t("Data to collect") + f" ({len(unknown)})", style="bold"))
        for f in unknown[:TOP]:
            con.print(f"- {f.rule}: {'; '.join(f.evidence)}", markup=False)
        if len(unknown) > TOP:
            con.print(t("… and {n} more (see --format json)").format(n=len(unknown) - TOP))
    for lens in a.lenses or []:
        _lens(con, lens, t, lang, (lens_packs or {}).get(lens.pack.id))
    if profile is not None:
        _about(say, summary.about(a, pack, profile, lang, "text"), t)
    return "".join(typography(line.rstrip().translate(_RELEASE), lang) + "\n" for line in buf.getvalue().splitlines())


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
    sources = about["sources"]
    assert isinstance(sources, list)
    say(f"{t('Sources')} ({len(sources)}){colon}")
    for src in sources:
        say(f"- {src}")
    say(str(about["disclaimer"]))
    say(f"{t('How to reproduce this report')}{colon}{about['command']}")
    say(str(about["command_note"]))


def band_titles(pack: Pack | None, lang: str) -> dict[str, str]:
    """Band id -> title; without the pack (an assessment read back alone), each band is shown by its id."""
    return {} if pack is None else {b.id: pack.text(b.title, lang) for b in pack.header.ratings}


def _lens(con: Console, lens: LensView, t: Callable[[str], str], lang: str, target: Pack | None) -> None:
    bands = band_titles(target, lang)
    s = lens.score
    con.print(Text(f"{lens.title} ({lens.pack.id} {lens.pack.version})", style="bold"))
    con.print(f"{t('Estimate')}{t(': ')}{_num(s.overall, lang)} / 100  {bands.get(s.rating or '', s.rating or '—')}", markup=False)
    for d in lens.dimensions:
        con.print(f"  {d.title}{t(': ')}{_num(d.score, lang)}", markup=False)
    total = len(lens.inferred) + len(lens.not_inferred)
    con.print(summary.plural("Inferred {n} of {total} items; not inferred: {items}", "Inferred {n} of {total} items; not inferred: {items}",
                             len(lens.inferred), lang, total=total, items=", ".join(lens.not_inferred) or "—"), markup=False)
    con.print(lens.notice, markup=False, style="italic")
