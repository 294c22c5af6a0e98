"""``migov init``: a profile template in YAML, every fact with its question, help and allowed values.

All values start as ``null`` (unknown), so the template is already a valid profile: fill in what is known.
"""

from __future__ import annotations

import json
from typing import Any

from engine.authoring.naming import profile_id
from engine.authoring.questionnaire import plan
from engine.i18n import translate
from engine.pack.compiled import Pack
from engine.pack.loading import default_pack
from engine.pack.model import FactDef, Kind


def _allowed(pack: Pack, f: FactDef, lang: str) -> list[str]:
    def t(s: str) -> str:
        return translate(s, lang)

    ftype = f.type.value
    if ftype == "bool":
        return [t("Answer: true (yes) or false (no)")]
    if ftype == "enum":
        return [t("Answer one of:")] + [f"  {k}: {pack.text(v, lang)}" for k, v in (f.values or {}).items()]
    if ftype == "list" and f.items != "text":
        return [t("Answer a list of:")] + [f"  {k}: {pack.text(v, lang)}" for k, v in (f.values or {}).items()] + [t("([] if none)")]
    if ftype == "list":
        return [t("Answer a list of text ([] if none)")]
    if ftype == "number":
        bounds = "" if f.minimum is None and f.maximum is None else f" ({f.minimum:g} – {f.maximum:g})" if f.minimum is not None and f.maximum is not None else ""
        return [t("Answer a number") + bounds]
    if ftype == "text":
        return [t("Answer text")]
    lines = [t("A list of records ([] if none), each with:")]
    for fd in f.fields or []:
        kind = ", ".join(fd.values) if fd.values else fd.type
        lines.append(f"  {fd.id}: {kind}" + ("" if fd.required else " " + t("(optional)")))
    return lines


def render(pack: Pack, kind: Kind, lang: str, name: str | None = None) -> str:
    def t(s: str) -> str:
        return translate(s, lang)

    out = [f"# yaml-language-server: $schema=schemas/{pack.id}/profile.schema.json",
           "# " + t("Profile template for the rule pack {pack} {version}.").format(pack=pack.id, version=pack.version),
           "# " + t("null means “don't know”: replace it with the answer where it is known. Editors that read the"),
           "# " + t("schema line above give completion: write the schemas with  migov rules schema {pack} -o schemas/{pack}").format(pack=pack.id),
           f"id: {json.dumps(profile_id(name, kind))}",
           f"name: {json.dumps(name or t('To be completed'), ensure_ascii=False)}",
           f"kind: {kind}", f"language: {lang}"]
    if pack.id != default_pack():  # the default pack needs no "pack" header
        out.append(f"pack: {pack.id}")
    out.append("period: null")
    out += ["# " + t("The date the facts describe (2025, 2025-06 or 2025-06-30); the assessment's year comes from it."), "as_of: null",
            "# " + t("The list facts that name every item; a list not named here names at least its items."), "complete: []",
            "# " + t("Where the facts come from, e.g.  report: {title: …, url: …, as_of: 2024-05-01, facts: [fact ids]}"), "sources: {}"]
    groups: dict[str, list[tuple[Any, str]]] = {}
    for section in plan(pack, kind, lang):
        for q in section.questions:
            top = q.fact.id.split(".")[0] if "." in q.fact.id else ""
            groups.setdefault(top, []).append((q.fact, section.title))
    for top, facts in groups.items():
        indent = "  " if top else ""
        out.append("")
        if top:
            out.append(f"{top}:")
        for f, title in facts:
            out.append(f"{indent}# [{title}] {pack.text(f.question, lang)}")
            if f.help:
                out.append(f"{indent}# {pack.text(f.help, lang)}")
            out.extend(f"{indent}# {line}" for line in _allowed(pack, f, lang))
            out.append(f"{indent}{f.id.split('.', 1)[1] if top else f.id}: null")
    return "\n".join(out) + "\n"
