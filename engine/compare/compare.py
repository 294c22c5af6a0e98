"""``migov compare BEFORE AFTER``: what improved and what regressed between two rounds of one subject.

Each side is a profile (YAML or workbook, assessed now), a JSON assessment, or an HTML report (its
embedded assessment). Works across pack versions by saying which rules exist on one side only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.assessment import Assessment, plain_data
from engine.authoring.intake import assessment_of, kind_of
from engine.compare.inputs import check_assessment
from engine.i18n import format_number, translate
from engine.pack.model import Status
from engine.render.chart import render_compare_svg
from engine.render.escape import markdown, terminal
from engine.render.templates import environment, stylesheet


def load_side(path: Path, rules: str | None, lang: str | None) -> Assessment:
    """One side of a comparison: a JSON assessment (checked: :mod:`engine.compare.inputs`), an HTML report's
    own assessment, or a profile assessed now."""
    a = assessment_of(path, rules, lang)
    return check_assessment(a, path) if kind_of(path) == "assessment" else a


def _delta(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 1)


def compare(before: Assessment, after: Assessment) -> dict[str, Any]:
    fb = {f.rule: f for f in before.findings}
    fa = {f.rule: f for f in after.findings}
    common = [r for r in fa if r in fb]

    def pick(pred: Callable[[Status, Status], bool]) -> list[dict[str, Any]]:
        return [{"rule": r, "title": fa[r].title, "dimension": fa[r].dimension, "before": fb[r].status.value, "after": fa[r].status.value}
                for r in common if pred(fb[r].status, fa[r].status)]

    db = {d.id: d.score for d in before.dimensions}
    dims = [{"id": d.id, "title": d.title, "before": db.get(d.id), "after": d.score, "delta": _delta(db.get(d.id), d.score)}
            for d in after.dimensions]
    met, gap, unknown, na = Status.met, Status.gap, Status.unknown, Status.not_applicable
    sb, sa = before.score, after.score
    return {
        "subject": {"before": plain_data(before.profile), "after": plain_data(after.profile),
                    "same": before.profile.id == after.profile.id},
        "pack": {"before": plain_data(before.pack), "after": plain_data(after.pack), "same": before.pack == after.pack},
        "overall": {"before": sb.overall, "after": sa.overall, "delta": _delta(sb.overall, sa.overall)},
        "rating": {"before": sb.rating, "after": sa.rating},
        "coverage": {"before": sb.coverage, "after": sa.coverage},
        "evidence": {side: {"confidence": x.confidence, "withheld": x.withheld, "facts_to_collect": x.facts_to_collect,
                            "best_case": x.best_case, "worst_case": x.worst_case} for side, x in (("before", sb), ("after", sa))},
        "dimensions": dims,
        "newly_met": pick(lambda x, y: y == met and x != met),
        "new_gaps": pick(lambda x, y: y == gap and x in (met, na)),
        "still_open": pick(lambda x, y: x == gap and y == gap),
        "unknowns_resolved": pick(lambda x, y: x == unknown and y in (met, gap)),
        "new_unknowns": pick(lambda x, y: x in (met, gap) and y == unknown),
        "rules_added": sorted(r for r in fa if r not in fb),
        "rules_removed": sorted(r for r in fb if r not in fa),
        "language": after.language,
    }


def _escaped(c: dict[str, Any], esc: Callable[[str], str]) -> dict[str, Any]:
    """``c`` with the texts that come from profiles and packs escaped (statuses, which are translated, left as they are)."""
    out = dict(c)
    out["subject"] = {**c["subject"], **{side: {k: esc(v) if isinstance(v, str) else v for k, v in c["subject"][side].items()} for side in ("before", "after")}}
    out["pack"] = {**c["pack"], **{side: {k: esc(v) if isinstance(v, str) else v for k, v in c["pack"][side].items()} for side in ("before", "after")}}
    out["dimensions"] = [{**d, "title": esc(str(d["title"]))} for d in c["dimensions"]]
    for key in ("newly_met", "new_gaps", "still_open", "unknowns_resolved", "new_unknowns"):
        out[key] = [{**it, "rule": esc(it["rule"]), "title": esc(str(it["title"]))} for it in c[key]]
    out["rules_added"] = [esc(r) for r in c["rules_added"]]
    out["rules_removed"] = [esc(r) for r in c["rules_removed"]]
    return out


def render_text(c: dict[str, Any]) -> str:
    return _plain_text(_escaped(c, terminal))


def _plain_text(c: dict[str, Any]) -> str:
    lang = c["language"]

    def t(s: str) -> str:
        return translate(s, lang)

    def n(x: float | None) -> str:
        return format_number(x, lang)

    def d(x: float | None) -> str:
        return "—" if x is None else (f"+{n(x)}" if x > 0 else n(x))

    s = c["subject"]
    lines = [f"{s['before']['name']} → {s['after']['name']}" if not s["same"] else s["after"]["name"]]
    if not s["same"]:
        lines.append(t("Note: the two sides are different profiles ({a} and {b}).").format(a=s["before"]["id"], b=s["after"]["id"]))
    p = c["pack"]
    if not p["same"]:
        lines.append(t("Rule pack: {a} → {b}; rules added: {added}; removed: {removed}").format(
            a=f"{p['before']['id']} {p['before']['version']}", b=f"{p['after']['id']} {p['after']['version']}",
            added=", ".join(c["rules_added"]) or "—", removed=", ".join(c["rules_removed"]) or "—"))
    o = c["overall"]
    lines.append(f"{t('Overall score')}{t(': ')}{n(o['before'])} → {n(o['after'])} ({d(o['delta'])})")
    if c["rating"]["before"] != c["rating"]["after"]:
        lines.append(f"{t('Rating')}{t(': ')}{c['rating']['before']} → {c['rating']['after']}")
    lines.append(t("Dimension") + ":")
    for dim in c["dimensions"]:
        lines.append(f"  {dim['title']}{t(': ')}{n(dim['before'])} → {n(dim['after'])} ({d(dim['delta'])})")
    for key, title in (("newly_met", "Criteria newly met"), ("new_gaps", "New gaps"), ("unknowns_resolved", "Unknowns resolved"),
                       ("new_unknowns", "New unknowns"), ("still_open", "Gaps still open")):
        items = c[key]
        lines.append(f"{t(title)} ({len(items)})")
        for it in items:
            extra = f" ({t(it['before'])} → {t(it['after'])})" if key in ("unknowns_resolved", "new_unknowns") else ""
            lines.append(f"  {it['rule']} — {it['title']}{extra}")
    return "\n".join(lines) + "\n"


def render_html(c: dict[str, Any]) -> str:
    lang = c["language"]
    env = environment(lang)
    chart = render_compare_svg(c["dimensions"], translate("Scores by dimension", lang), translate("Before", lang), translate("After", lang), lang)

    def delta(x: float | None) -> str:
        return "—" if x is None else (f"+{format_number(x, lang)}" if x > 0 else format_number(x, lang))

    css = stylesheet()
    return str(env.get_template("compare.html.j2").render(c=c, chart=chart, css=css, num=lambda x: format_number(x, lang), delta=delta))


def render_markdown(c: dict[str, Any]) -> str:
    lang = c["language"]

    def t(s: str) -> str:
        return translate(s, lang)

    text = _plain_text(_escaped(c, markdown)).splitlines()
    name = markdown(c["subject"]["after"]["name"])
    return "# " + t("Progress report") + t(": ") + name + "\n\n" + "\n".join(
        ("- " + line.strip()) if line.startswith("  ") else ("\n**" + line + "**\n" if line.endswith(")") and "(" in line and not line.startswith(t("Overall score")) else line)
        for line in text[1:]) + "\n"
