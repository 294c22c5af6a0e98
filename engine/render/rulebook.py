"""``migov rules docs``: the rulebook of a pack, as one self-contained HTML file or Markdown.

Every dimension and rule, its condition in plain words, weight, sources with the titles of the GCM
objectives and SDG targets, its examples; the derived facts, the rating bands and the vocabulary.
"""

from __future__ import annotations

from typing import Any

from engine.i18n import format_number, translate
from engine.pack.compiled import Pack
from engine.pack.describe import describe
from engine.render.templates import environment, stylesheet


def _example_text(pack: Pack, facts: dict[str, Any], lang: str) -> str:
    def show(v: Any) -> str:
        if isinstance(v, bool):
            return translate("yes", lang) if v else translate("no", lang)
        if isinstance(v, list):
            return "[" + ", ".join(show(x) if not isinstance(x, dict) else "{" + ", ".join(f"{k}: {show(y)}" for k, y in x.items()) + "}" for x in v) + "]"
        return str(v)

    if not facts:
        return translate("no facts (everything unknown)", lang)
    return "; ".join(f"{k} = {show(v)}" for k, v in facts.items())


def model(pack: Pack, lang: str) -> dict[str, Any]:
    def t(s: str) -> str:
        return translate(s, lang)

    def num(x: float) -> str:
        return format_number(x, lang, 0 if float(x).is_integer() else 1)

    dims = []
    for d in pack.header.dimensions:
        rules = []
        for cr in (c for c in pack.rules if c.rule.dimension == d.id):
            r = cr.rule
            seed = r.sources.seed if isinstance(r.sources.seed, str) else pack.text(r.sources.seed, lang)
            rules.append({
                "id": r.id, "title": pack.text(r.title, lang), "weight": num(r.weight),
                "kinds": ", ".join(pack.kind_label(k, lang) for k in r.kinds),
                "condition": describe(pack, cr.tree, lang),
                "applies_if": describe(pack, cr.applies_tree, lang) if cr.applies_tree is not None else None,
                "recommendation": pack.text(r.wordings()[0], lang) if r.by_kind is None else "",
                "variants": [{"kind": pack.kind_label(k, lang), "text": pack.text(v, lang)} for k, v in (r.by_kind or {}).items()],
                "seed": seed,
                "schemes": pack.citations(pack.cited(r.sources), lang),
                "examples": [{"status": t({"not_applicable": "not applicable"}.get(e.status.value, e.status.value)),
                              "kind": pack.kind_label(e.kind or r.kinds[0], lang), "facts": _example_text(pack, e.facts, lang),
                              "note": e.note or ""} for e in r.examples],
                "file": f"{cr.file.rsplit('/', 1)[-1]}:{cr.line}",
            })
        dims.append({"id": d.id, "title": pack.text(d.title, lang), "weight": num(d.weight),
                     "description": pack.text(d.description, lang), "rules": rules})
    derived = [{"id": did, "label": pack.text(cd.derived.label, lang),
                "from": pack.text(pack.facts[cd.derived.from_].label, lang),
                "when": describe(pack, cd.tree, lang, {cd.derived.as_: cd.derived.from_}) if cd.tree is not None else ""}
               for did, cd in pack.derived.items()]
    vocabulary = []
    for f in pack.facts.values():
        values = ", ".join(f"{k} ({pack.text(v, lang)})" for k, v in (f.values or {}).items())
        if f.fields:
            values = "; ".join(f"{fd.id}: " + (", ".join(fd.values) if fd.values else fd.type) for fd in f.fields)
        vocabulary.append({"id": f.id, "label": pack.text(f.label, lang), "type": f.type.value,
                           "kinds": ", ".join(pack.kind_label(k, lang) for k in f.kinds), "values": values,
                           "question": pack.text(f.question, lang)})
    policy = (t("This pack counts an unknown criterion as not met in the score, as its method requires; the findings still show it as unknown.")
              if pack.header.scoring.unknown == "gap" else
              t("An unknown criterion is left out of the score: not knowing is not the same as failing. The range shows where the score would lie if the unknowns were resolved."))
    return {
        "lang": lang, "id": pack.id, "version": pack.version, "title": pack.text(pack.header.title, lang),
        "description": pack.text(pack.header.description, lang), "dimensions": dims, "derived": derived,
        "bands": [{"title": pack.text(b.title, lang), "min": num(b.min)} for b in pack.header.ratings],
        "policy": policy, "vocabulary": vocabulary, "count": len(pack.rules),
    }


def render(pack: Pack, lang: str, fmt: str) -> str:
    env, css = environment(lang, html=fmt == "html"), stylesheet()
    name = "rulebook.html.j2" if fmt == "html" else "rulebook.md.j2"
    return env.get_template(name).render(b=model(pack, lang), css=css)
