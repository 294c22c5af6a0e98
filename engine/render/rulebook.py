"""``migov rules docs``: the rulebook of a pack, as one self-contained HTML file or Markdown.

Every dimension and rule, its condition in plain words, weight, sources with the titles of the GCM
objectives and SDG targets, its examples; the derived facts, the rating bands and the vocabulary.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from engine.i18n import SOURCE_LANGUAGE, format_number, translate
from engine.pack.compiled import Pack
from engine.pack.describe import describe
from engine.pack.levels import condition_words
from engine.render.templates import environment, stylesheet


def _yaml(v: Any) -> str:
    """A value as YAML writes it in flow style (the way a profile could hold it): true/false, [a, b], {k: v}."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(_yaml(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_yaml(y)}" for k, y in v.items()) + "}"
    return json.dumps(v, ensure_ascii=False) if isinstance(v, str) and (not v or v[0] in "[]{}&*!|>'\"%@`#,?:-" or ": " in v or " #" in v) else str(v)


def _code(text: str, fmt: str) -> Markup:
    """Code as it is, never set in the typography of the language (the filter leaves markup alone): a Markdown span
    fenced by more backticks than it holds, or HTML's <code>."""
    text = text.replace("\n", " ")
    if fmt == "html":
        return Markup('<code class="code">{}</code>').format(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")


def _example_text(facts: dict[str, Any], lang: str, fmt: str) -> str | Markup:
    """An example's facts as the YAML of a profile, each ``fact: value`` an untouched code span."""
    if not facts:
        return translate("no facts (everything unknown)", lang)
    return Markup(", ").join(_code(f"{k}: {_yaml(v)}", fmt) for k, v in facts.items())


def type_label(ftype: str, lang: str) -> str:
    """A fact's or a field's type in words: yes/no, choice, number, text, list, list of records."""
    labels = {"bool": translate("yes/no", lang), "enum": translate("choice", lang), "number": translate("number", lang),
              "text": translate("text", lang), "list": translate("list", lang), "records": translate("list of records", lang)}
    return labels.get(ftype, ftype)


def model(pack: Pack, lang: str, fmt: str = "markdown") -> dict[str, Any]:
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
                "condition": condition_words(pack, cr, lang),
                "applies_if": describe(pack, cr.applies_tree, lang) if cr.applies_tree is not None else None,
                "recommendation": pack.text(r.wordings()[0], lang) if r.by_kind is None else "",
                "variants": [{"kind": pack.kind_label(k, lang), "text": pack.text(v, lang)} for k, v in (r.by_kind or {}).items()],
                "seed": seed,
                "schemes": pack.citations(pack.cited(r.sources), lang),
                "examples": [{"status": t({"not_applicable": "not applicable"}.get(e.status.value, e.status.value)),
                              "kind": pack.kind_label(e.kind or r.kinds[0], lang), "facts": _example_text(e.facts, lang, fmt),
                              "note": e.note if e.note and lang == SOURCE_LANGUAGE else ""} for e in r.examples],  # notes are in the source language only
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
            values = "; ".join(f"{fd.id}{t(': ')}{type_label(fd.type, lang)}" + (" (" + ", ".join(fd.values) + ")" if fd.values else "")
                               for fd in f.fields)
        vocabulary.append({"id": f.id, "label": pack.text(f.label, lang), "type": type_label(f.type.value, lang),
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
    return env.get_template(name).render(b=model(pack, lang, fmt), css=css)
