"""``migov rules diff OLD NEW``: what changed between two versions of a pack, and how scores move.

Rules added, removed, reworded (per language), reweighted, moved, with changed conditions or kinds;
dimensions, bands, parameters and facts; then every example profile assessed with both versions.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from engine.assess import assess
from engine.errors import MigovError
from engine.i18n import format_number
from engine.pack.compiled import Pack
from engine.pack.loading import default_pack
from engine.pack.model import FactDef, Rule
from engine.pack.profiles import pack_of, read_profile, validate_profile
from engine.render.verdict import score_text, verdict
from engine.resources import data_dir


def _canon(x: Any) -> str:
    return json.dumps(x, sort_keys=True, ensure_ascii=False, default=str)


def _shape(fact: FactDef) -> dict[str, Any]:
    """A fact without its wording (label, question, help): what a change to it changes for scores."""
    return {k: v for k, v in asdict(fact).items() if k not in ("label", "question", "help")}


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def _by_field(rule: Rule) -> dict[str, str]:
    """The recommendation's texts by field: ``en`` for one text, ``country.en`` for a kind's variant."""
    variants = rule.by_kind
    if variants is None:
        return dict(rule.recommendation)  # type: ignore[arg-type]
    return {f"{kind}.{lang}": text for kind, v in variants.items() for lang, text in v.items()}


def diff_packs(old: Pack, new: Pack) -> dict[str, Any]:
    o = {cr.rule.id: cr.rule for cr in old.rules}
    n = {cr.rule.id: cr.rule for cr in new.rules}
    reworded, reweighted, conditions, moved, kinds = [], [], [], [], []
    for rid in sorted(o.keys() & n.keys()):
        a, b = o[rid], n[rid]
        texts = [(f"title.{lang}", a.title.get(lang), b.title.get(lang)) for lang in sorted(set(a.title) | set(b.title))]
        old_rec, new_rec = _by_field(a), _by_field(b)
        texts += [(f"recommendation.{key}", old_rec.get(key), new_rec.get(key)) for key in sorted(set(old_rec) | set(new_rec))]
        fields = [name for name, before, after in texts if before != after]
        if fields:
            reworded.append({"rule": rid, "fields": fields})
        if a.weight != b.weight:
            reweighted.append({"rule": rid, "from": _num(a.weight), "to": _num(b.weight)})
        ladder = [[(lv.id, lv.condition, lv.fraction) for lv in r.levels or []] for r in (a, b)]  # a graded rule's conditions and fractions
        if _canon([a.condition, a.applies_if, ladder[0]]) != _canon([b.condition, b.applies_if, ladder[1]]):
            conditions.append({"rule": rid})
        if a.dimension != b.dimension:
            moved.append({"rule": rid, "from": a.dimension, "to": b.dimension})
        if sorted(a.kinds) != sorted(b.kinds):
            kinds.append({"rule": rid, "from": list(a.kinds), "to": list(b.kinds)})
    od = {d.id: d for d in old.header.dimensions}
    nd = {d.id: d for d in new.header.dimensions}
    ob = {b.id: b.min for b in old.header.ratings}
    nb = {b.id: b.min for b in new.header.ratings}
    op = {k: v.value for k, v in old.header.parameters.items()}
    np_ = {k: v.value for k, v in new.header.parameters.items()}
    return {
        "old": {"id": old.id, "version": old.version}, "new": {"id": new.id, "version": new.version},
        "rules_added": sorted(n.keys() - o.keys()), "rules_removed": sorted(o.keys() - n.keys()),
        "reworded": reworded, "reweighted": reweighted, "conditions_changed": conditions, "moved": moved, "kinds_changed": kinds,
        "dimensions_added": sorted(nd.keys() - od.keys()), "dimensions_removed": sorted(od.keys() - nd.keys()),
        "dimension_weights": [{"dimension": d, "from": _num(od[d].weight), "to": _num(nd[d].weight)} for d in sorted(od.keys() & nd.keys()) if od[d].weight != nd[d].weight],
        "bands": [{"band": b, "from": _num(ob[b]) if b in ob else None, "to": _num(nb[b]) if b in nb else None} for b in sorted(ob.keys() | nb.keys()) if ob.get(b) != nb.get(b)],
        "parameters": [{"parameter": p, "from": _num(op[p]) if p in op else None, "to": _num(np_[p]) if p in np_ else None} for p in sorted(op.keys() | np_.keys()) if op.get(p) != np_.get(p)],
        "facts_added": sorted(new.facts.keys() - old.facts.keys()), "facts_removed": sorted(old.facts.keys() - new.facts.keys()),
        "facts_changed": sorted(f for f in old.facts.keys() & new.facts.keys() if _canon(_shape(old.facts[f])) != _canon(_shape(new.facts[f]))),
        "unknown_policy": None if old.header.scoring.unknown == new.header.scoring.unknown else {"from": old.header.scoring.unknown, "to": new.header.scoring.unknown},
    }


def example_profiles(pack_id: str) -> list[Path]:
    """The bundled example profiles written for ``pack_id`` (their 'pack' header, else the default pack)."""
    folder = data_dir("profiles")
    out = []
    default = default_pack()
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        data, _ = read_profile(path)
        if (pack_of(data) or default) == pack_id:
            out.append(path)
    return out


def score_moves(old: Pack, new: Pack, profiles: list[Path], lang: str) -> list[dict[str, Any]]:
    rows = []
    for path in profiles:
        row: dict[str, Any] = {"profile": path.name}
        for label, pack in (("old", old), ("new", new)):
            try:
                data, locs = read_profile(path)
                a = assess(pack, validate_profile(data, locs, pack), engine="python")  # scores only: no text
                titles = {b.id: pack.text(b.title, lang) for b in pack.header.ratings}
                row[label] = {"overall": a.score.overall, "rating": a.score.rating,
                              "rating_label": verdict(a.score, titles, lang).rating,  # what a reader calls the band, or "insufficient evidence"
                              "withheld": bool(a.score.withheld), "range": [a.score.worst_case, a.score.best_case] if a.score.withheld else None,
                              "score": score_text(a.score, lang)}  # as every report writes it: a withheld rating's range, never a point
            except MigovError as exc:
                row[label] = {"error": str(exc)}
        o, n = row["old"].get("overall"), row["new"].get("overall")
        row["delta"] = None if o is None or n is None else round(n - o, 1)  # of the points, also when a range is shown
        rows.append(row)
    return rows


def render_text(d: dict[str, Any], moves: list[dict[str, Any]], t: Any, lang: str = "en") -> str:
    lines = [f"{d['old']['id']} {d['old']['version']} → {d['new']['id']} {d['new']['version']}"]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.append(f"{t(title)} ({len(items)})")
            lines.extend(f"  {x}" for x in items)

    section("Rules added", d["rules_added"])
    section("Rules removed", d["rules_removed"])
    section("Rules reworded", [f"{r['rule']}: {', '.join(r['fields'])}" for r in d["reworded"]])
    section("Rules reweighted", [f"{r['rule']}: {r['from']} → {r['to']}" for r in d["reweighted"]])
    section("Conditions changed", [r["rule"] for r in d["conditions_changed"]])
    section("Rules moved to another dimension", [f"{r['rule']}: {r['from']} → {r['to']}" for r in d["moved"]])
    section("Kinds changed", [f"{r['rule']}: {', '.join(r['from'])} → {', '.join(r['to'])}" for r in d["kinds_changed"]])
    section("Dimension weights", [f"{r['dimension']}: {r['from']} → {r['to']}" for r in d["dimension_weights"]])
    section("Dimensions added", d["dimensions_added"])
    section("Dimensions removed", d["dimensions_removed"])
    section("Rating bands", [f"{r['band']}: {r['from']} → {r['to']}" for r in d["bands"]])
    section("Parameters", [f"{r['parameter']}: {r['from']} → {r['to']}" for r in d["parameters"]])
    section("Facts added", d["facts_added"])
    section("Facts removed", d["facts_removed"])
    section("Facts changed", d["facts_changed"])
    if d["unknown_policy"]:
        section("Treatment of unknowns", [f"{d['unknown_policy']['from']} → {d['unknown_policy']['to']}"])
    if len(lines) == 1:
        lines.append(t("No change in the rules."))
    if moves:
        lines.append(t("Example profiles") + f" ({len(moves)})")
        for m in moves:
            def cell(x: dict[str, Any]) -> str:
                return "—" if "error" in x else f"{x['score']} ({x.get('rating_label') or x['rating']})"
            ranged = m["old"].get("withheld") or m["new"].get("withheld")  # a difference of points would say more than a range does
            delta = "" if m["delta"] is None or ranged else f"  {'+' if m['delta'] >= 0 else ''}{format_number(m['delta'], lang)}"  # as the scores are written
            lines.append(f"  {m['profile']}: {cell(m['old'])} → {cell(m['new'])}{delta}")
            for label in ("old", "new"):
                if "error" in m[label]:
                    lines.append(f"    {label}: {m[label]['error']}")
    return "\n".join(lines) + "\n"
