"""The parts of a workbook template that need no openpyxl: sheet names and each question's allowed answers."""

from __future__ import annotations

import re

from engine.authoring.questionnaire import options
from engine.i18n import translate, typography
from engine.pack.compiled import Pack
from engine.pack.model import FactDef


def sheet_name(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:28].strip() or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        name = f"{base[:26]} {n}"
        n += 1
    used.add(name.lower())
    return name


def allowed_answers(pack: Pack, f: FactDef, lang: str, yes: str, no: str, dont_know: str) -> tuple[str, list[str]]:
    def t(s: str) -> str:
        return translate(s, lang)

    ftype = f.type.value
    if ftype == "bool":
        return f"{yes} / {no} / {dont_know}", [yes, no, dont_know]
    if ftype == "enum":
        labels = [label for _, label in options(pack, f.values, lang)]
        return " / ".join(labels), [*labels, dont_know]
    if ftype == "list" and f.items != "text":
        labels = [label for _, label in options(pack, f.values, lang)]
        between = typography("x; x", lang)[1:-1]  # "; " with the language's own spacing (catalogue data)
        return t("Several, separated by commas:") + " " + between.join(labels) + " — " + t("or “none”"), []
    if ftype == "list":
        return t("Values separated by commas, 'none' if none, or ? (don't know)"), []
    if ftype == "number":
        return t("A number{bounds}, or ? (don't know)").format(bounds="" if f.minimum is None else f" ({f.minimum:g} – {f.maximum:g})"), []
    return t("Text, or ? (don't know)"), []
