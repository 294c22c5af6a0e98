"""``migov compare BEFORE AFTER``: what improved and what regressed between two rounds of one subject.

Each side is a profile (YAML or workbook, assessed now), a JSON assessment, or an HTML report (its
embedded assessment). Works across pack versions by saying which rules exist on one side only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from unicodedata import normalize

from engine.assessment import Assessment, Dimension, Score
from engine.authoring.intake import assessment_of, kind_of
from engine.compare.inputs import check_assessment
from engine.errors import MigovError
from engine.i18n import format_number, translate
from engine.pack.loading import load_pack
from engine.pack.model import Status
from engine.pack.profiles import named_pack
from engine.plaindata import plain_data
from engine.render.chart import render_compare_svg
from engine.render.escape import terminal
from engine.render.html import css_string
from engine.render.templates import environment, markdown_text, stylesheet
from engine.render.typography import typography
from engine.render.verdict import known_range, point_of, range_text, rating_text, unrated
from engine.render.wording import date_words

DISCLAIMER = ("This progress report is a self-assessment aid: it compares two assessments made from the facts of the profiles. It is not a ranking of countries "
              "or partnerships, nor an official classification, and it does not replace the official reporting of any framework.")
LISTS = (("newly_met", "Criteria newly met"), ("new_gaps", "New gaps"), ("unknowns_resolved", "Unknowns resolved"),
         ("new_unknowns", "New unknowns"), ("still_open", "Gaps still open"))


def load_side(path: Path, rules: str | None, lang: str | None, warn: Callable[[str], None] | None = None) -> Assessment:
    """One side of a comparison: a JSON assessment or an HTML report's own assessment (both checked:
    :mod:`engine.compare.inputs`; a report is as easily edited as JSON), or a profile assessed now."""
    a = assessment_of(path, rules, lang)
    kind = kind_of(path)
    return check_assessment(a, path, warn, "assessment." if kind == "report" else "") if kind in ("assessment", "report") else a


def _delta(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 1)


def bands_of(a: Assessment, rules: str | None = None) -> list[dict[str, Any]]:
    """The rating bands of the pack an assessment was made with, in order, each with its title in every language
    (the bundled pack of that id, or ``rules``); none when that pack cannot be loaded (ratings are then shown by id)."""
    try:
        pack = load_pack(rules or named_pack(a.pack.id))  # the file names a bundled pack, never a folder
    except MigovError:
        return []
    return [{"id": b.id, "min": b.min, "title": dict(b.title)} for b in pack.header.ratings]


def _score(d: Dimension | None) -> float | None:  # the point, None where unrated (a 1.x assessment's withheld point too)
    return None if d is None else point_of(d)


def _range(part: Dimension | None) -> list[float | None] | None:
    """[lowest, highest] the unknowns allow when ``part`` is not rated (too little evidence, too few criteria assessed) and something is known."""
    span = None if part is None or not unrated(part) else known_range(part)
    return None if span is None else list(span)


def overall_ranges(c: dict[str, Any]) -> dict[str, list[float | None] | None]:
    """The range of each side's overall score when its rating is withheld, from the comparison's evidence."""
    ev = c.get("evidence", {})

    def one(side: str) -> list[float | None] | None:
        e = ev.get(side, {})
        held = e.get("withheld") or e.get("too_few")  # 2.0: the point is null; 1.x: held beside its range
        return [e.get("worst_case"), e.get("best_case")] if held and (c["coverage"][side] or 0) > 0 else None
    return {"before": one("before"), "after": one("after")}


def shown(score: float | None, rng: list[float | None] | None, lang: str) -> str:
    """One side's score as it reads: the point, or the range when that side's rating is withheld."""
    return range_text(rng[0], rng[1], lang) if rng else format_number(score, lang)


def change(delta: float | None, ranges: dict[str, Any], lang: str) -> str:
    """The change as it reads; none is stated when either side has too little evidence for a point."""
    if ranges["before"] or ranges["after"]:
        return translate("change not stated", lang)
    return _signed(delta, lang)


def compare(before: Assessment, after: Assessment, bands: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The comparison as data; ``bands`` (from :func:`bands_of`) give the ratings their titles and their order."""
    fb = {f.rule: f for f in before.findings}
    fa = {f.rule: f for f in after.findings}
    common = [r for r in fa if r in fb]

    def pick(pred: Callable[[Status, Status], bool]) -> list[dict[str, Any]]:
        return [{"rule": r, "title": fa[r].title, "dimension": fa[r].dimension, "before": fb[r].status.value, "after": fa[r].status.value}
                for r in common if pred(fb[r].status, fa[r].status)]

    db = {d.id: d for d in before.dimensions}
    dims = [{"id": d.id, "title": d.title, "before": _score(db.get(d.id)), "after": _score(d), "delta": _delta(_score(db.get(d.id)), _score(d)),
             "range": {"before": _range(db.get(d.id)), "after": _range(d)}} for d in after.dimensions]
    met, gap, unknown, na = Status.met, Status.gap, Status.unknown, Status.not_applicable
    sb, sa = before.score, after.score
    return {
        "subject": {"before": plain_data(before.profile), "after": plain_data(after.profile),
                    "same": normalize("NFC", before.profile.id) == normalize("NFC", after.profile.id)},  # é typed either way
        "pack": {"before": plain_data(before.pack), "after": plain_data(after.pack), "same": before.pack == after.pack},
        "overall": {"before": point_of(sb), "after": point_of(sa), "delta": _delta(point_of(sb), point_of(sa))},
        "rating": {"before": sb.rating, "after": sa.rating},
        "coverage": {"before": sb.coverage, "after": sa.coverage},
        "evidence": {side: {"confidence": x.confidence, "withheld": x.withheld, "facts_to_collect": x.facts_to_collect, "best_case": x.best_case,
                            "worst_case": x.worst_case, "too_few": x.too_few, "rating_range": x.rating_range} for side, x in (("before", sb), ("after", sa))},
        "dimensions": dims,
        "newly_met": pick(lambda x, y: y == met and x != met),
        "new_gaps": pick(lambda x, y: y == gap and x in (met, na)),
        "still_open": pick(lambda x, y: x == gap and y == gap),
        "unknowns_resolved": pick(lambda x, y: x == unknown and y in (met, gap)),
        "new_unknowns": pick(lambda x, y: x in (met, gap) and y == unknown),
        "rules_added": sorted(r for r in fa if r not in fb),
        "rules_removed": sorted(r for r in fb if r not in fa),
        "periods": {"before": before.profile.period, "after": after.profile.period},
        "assessed_on": {"before": before.assessed_on, "after": after.assessed_on},
        "migov_version": after.migov_version,
        "bands": bands or [],
        "language": after.language,
    }


def _words(c: dict[str, Any]) -> dict[str, Any]:
    """What every format says of a comparison, in the language of ``c``: periods, ratings by title and their change."""
    lang = c["language"]

    def t(s: str) -> str:
        return translate(s, lang)

    order = [b["id"] for b in c["bands"]]
    titles = {b["id"]: b["title"].get(lang) or next(iter(b["title"].values())) for b in c["bands"]}
    rb, ra = c["rating"]["before"], c["rating"]["after"]
    before, after = titles.get(rb or "", rb or "—"), titles.get(ra or "", ra or "—")
    ev = c.get("evidence", {})  # an older comparison's data may lack it
    held = {side: any(ev.get(side, {}).get(k) for k in ("withheld", "too_few", "rating_range")) for side in ("before", "after")}
    for side in ("before", "after"):
        if held[side]:  # the rating as the side's own report says it
            e = ev[side]
            part = Score(overall=None, rating=None, coverage=c["coverage"][side], best_case=e.get("best_case"), worst_case=e.get("worst_case"),
                         unknown_policy="exclude", withheld=bool(e.get("withheld")), facts_to_collect=e.get("facts_to_collect") or 0,
                         too_few=bool(e.get("too_few")), rating_range=e.get("rating_range"))
            text = rating_text(part, titles, lang)
            before, after = (text, after) if side == "before" else (before, text)
    if held["before"] or held["after"]:
        change = t("No change of rating can be stated: one of the two assessments has too few known facts for a band.")
    elif rb == ra:
        change = t("The rating stays “{after}”.").format(after=after)
    elif rb in order and ra in order:
        key = "The rating rises from “{before}” to “{after}”." if order.index(ra) > order.index(rb) else "The rating falls from “{before}” to “{after}”."
        change = t(key).format(before=before, after=after)
    else:
        change = t("The rating changes from “{before}” to “{after}”.").format(before=before, after=after)
    unstated = t("period not stated")
    pb, pa = c["periods"]["before"] or unstated, c["periods"]["after"] or unstated
    return {"rating_before": before, "rating_after": after, "rating_change": change, "period_before": pb, "period_after": pa,
            "periods": t("Periods compared: {before} (before) and {after} (after).").format(before=pb, after=pa)}


def _signed(x: float | None, lang: str) -> str:
    return "—" if x is None else (f"+{format_number(x, lang)}" if x > 0 else format_number(x, lang))


def _lines(c: dict[str, Any], markdown: bool = False) -> list[tuple[str, str]]:
    """The comparison as (kind, text) lines, for text and Markdown: title, note, item, heading, entry."""
    lang = c["language"]

    def t(s: str) -> str:
        return translate(s, lang)

    def n(x: float | None) -> str:
        return format_number(x, lang)

    w, colon = _words(c), t(": ")
    s = c["subject"]
    out = [("title", f"{s['before']['name']} → {s['after']['name']}" if not s["same"] else s["after"]["name"])]
    if not s["same"]:
        out.append(("note", t("Note: the two sides are different profiles ({a} and {b}).").format(a=s["before"]["id"], b=s["after"]["id"])))
    p = c["pack"]
    if not p["same"]:
        out.append(("note", t("Rule pack: {a} → {b}; rules added: {added}; removed: {removed}").format(
            a=f"{p['before']['id']} {p['before']['version']}", b=f"{p['after']['id']} {p['after']['version']}",
            added=", ".join(c["rules_added"]) or "—", removed=", ".join(c["rules_removed"]) or "—")))
    o = c["overall"]
    r = overall_ranges(c)
    out += [("note", w["periods"]), ("item", (f"{t('Overall score')}{colon}{shown(o['before'], r['before'], lang)} → {shown(o['after'], r['after'], lang)}"
                                             f" ({change(o['delta'], r, lang)})")),
            ("item", f"{t('Rating')}{colon}{w['rating_before']} → {w['rating_after']}"), ("note", w["rating_change"]),
            ("heading", t("Scores by dimension"))]
    out += [("entry", (f"{dim['title']}{colon}{shown(dim['before'], dim['range']['before'], lang)} → {shown(dim['after'], dim['range']['after'], lang)}"
                       f" ({change(dim['delta'], dim['range'], lang)})")) for dim in c["dimensions"]]
    for key, title in LISTS:
        out.append(("heading", f"{t(title)} ({len(c[key])})"))
        for it in c[key]:
            extra = f" ({t(it['before'])} → {t(it['after'])})" if key in ("unknowns_resolved", "new_unknowns") else ""
            out.append(("entry", f"{it['title']}{extra} — {it['rule']}"))
    out.append(("heading", t("About this report")))
    out += [("entry", line) for line in about_lines(c, "markdown" if markdown else "text")]
    out.append(("note", t(DISCLAIMER)))
    return out


def about_lines(c: dict[str, Any], fmt: str) -> list[str]:
    """What a progress report rests on: the dates of the two assessments, the pack, migov, and the command that
    reproduces it."""
    lang = c["language"]

    def t(s: str) -> str:
        return translate(s, lang)

    colon, dates, p = t(": "), c.get("assessed_on") or {}, c["pack"]
    packs = f"{p['before']['id']} {p['before']['version']}" + ("" if p["same"] else f" → {p['after']['id']} {p['after']['version']}")
    command = ["migov", "compare", t("BEFORE"), t("AFTER"), "--lang", lang, "--format", fmt] + (["-o", "progress.html"] if fmt == "html" else [])
    return [f"{t('Dates of the assessments')}{colon}{date_words(dates.get('before'), lang) or '—'} → {date_words(dates.get('after'), lang) or '—'}",
            f"{t('Rule pack')}{colon}{packs}",
            f"{t('Produced by')}{colon}{t('migov version {version}').format(version=c.get('migov_version') or '—')}",
            f"{t('How to reproduce this report')}{colon}{' '.join(command)}"]


def render_text(c: dict[str, Any]) -> str:
    lang = c["language"]
    return terminal("".join(typography(("  " if kind == "entry" else "") + line, lang) + "\n" for kind, line in _lines(c)))  # profile text never drives the terminal


def render_html(c: dict[str, Any]) -> str:
    lang = c["language"]
    env = environment(lang)
    chart = render_compare_svg(c["dimensions"], translate("Scores by dimension", lang), translate("Before", lang), translate("After", lang), lang)
    css = stylesheet()
    lists = [(key, translate(title, lang)) for key, title in LISTS]
    return str(env.get_template("compare.html.j2").render(c=c, w=_words(c), disclaimer=translate(DISCLAIMER, lang), about=about_lines(c, "html"),
                                                         print_header=css_string(running_header(c)), overall_range=overall_ranges(c), chart=chart, css=css, lists=lists, num=lambda x: format_number(x, lang),
                                                         shown=lambda x, r: shown(x, r, lang), change=lambda x, r: change(x, r, lang),
                                                         bar=lambda x, r: _delta_bar(None if r["before"] or r["after"] else x)))


def running_header(c: dict[str, Any]) -> str:
    """The running header of the printed progress report: the subject and the two periods compared."""
    w = _words(c)
    return f"{c['subject']['after']['name']} · {w['period_before']} → {w['period_after']}"


def _delta_bar(x: float | None) -> dict[str, Any]:
    """A change as a bar from the centre line: right for a rise, left for a fall, a short tick for no change."""
    if x is None:
        return {"x": 50, "width": 0, "class": "none"}
    width = max(1.5, min(abs(x), 100) / 2)
    return {"x": 50 if x >= 0 else 50 - width, "width": round(width, 1), "class": "up" if x > 0 else "down" if x < 0 else "zero"}


def render_markdown(c: dict[str, Any]) -> str:
    lang = c["language"]
    lines = _lines(c, markdown=True)
    out = ["# " + translate("Progress report", lang) + translate(": ", lang) + markdown_text(lines[0][1]), ""]
    for kind, line in lines[1:]:
        text = markdown_text(line)
        out += {"heading": ["", f"## {text}", ""], "entry": [f"- {text}"], "note": ["", text, ""], "item": [f"- **{text}**"]}[kind]
    body = "\n".join(out)
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    return typography(body.strip("\n"), lang) + "\n"
