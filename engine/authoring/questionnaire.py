"""The self-assessment questionnaire, generated from a pack's vocabulary (no question lives in Python).

Sections follow the pack's dimensions; within a section, the questions whose answers can move the score
most come first (the weight of the criteria that need the fact, as a share of its dimension), and a
follow-up comes after the answer it depends on. "Don't know" is always allowed and recorded as unknown.
"""

from __future__ import annotations

import math
import re
from dataclasses import field
from functools import cache
from typing import Any

from engine.conditions import facts_of
from engine.errors import MigovError
from engine.evaluate import semantics as reference
from engine.i18n import SOURCE_LANGUAGE, format_value, translate
from engine.pack.compiled import Pack
from engine.pack.declared import unknown_kind
from engine.pack.model import FactDef, Kind
from engine.records import record

ANSWERS = {"yes": "yes|y|true|1", "no": "no|n|false|0", "dont_know": "?|dk|don't know|dont know|do not know|unknown", "none": "none|-"}
"""The words that answer yes, no, don't know and none (for a list): message ids whose translation in each
catalogue lists that language's words, e.g. "oui|o|vrai|1"."""


@cache
def words(lang: str) -> dict[str, frozenset[str]]:
    """The accepted answers in ``lang``: the catalogue's words in that language, and the English ones."""
    return {key: frozenset(w.strip().lower() for code in (lang, SOURCE_LANGUAGE) for w in translate(msgid, code).split("|") if w.strip())
            for key, msgid in ANSWERS.items()}


class AnswerError(ValueError):
    """An answer that cannot be read; the message says what is expected."""


class _Unknown:
    def __repr__(self) -> str:
        return "DONT_KNOW"


UNKNOWN: Any = _Unknown()


@record
class Question:
    fact: FactDef
    impact: float


@record
class Section:
    id: str
    title: str
    questions: list[Question] = field(default_factory=list)


def plan(pack: Pack, kind: Kind, lang: str) -> list[Section]:
    if kind not in pack.kinds:
        raise MigovError(unknown_kind(kind, pack.kinds), field="--kind")
    facts = [f for f in pack.facts.values() if kind in f.kinds]
    rules = [cr for cr in pack.rules if kind in cr.rule.kinds]
    dim_weight = {d.id: d.weight for d in pack.header.dimensions}
    totals: dict[str, float] = {}
    for cr in rules:
        totals[cr.rule.dimension] = totals.get(cr.rule.dimension, 0.0) + cr.rule.weight
    sections = {d.id: Section(d.id, pack.text(d.title, lang)) for d in pack.header.dimensions}
    general = Section("general", translate("Other questions", lang))
    order = {f.id: i for i, f in enumerate(pack.facts.values())}
    for f in facts:
        users = [cr for cr in rules if f.id in cr.requires]
        impact = sum(cr.rule.weight / totals[cr.rule.dimension] * dim_weight[cr.rule.dimension] for cr in users)
        home = f.dimension or (users[0].rule.dimension if users else None)
        sections.get(home or "", general).questions.append(Question(f, impact))
    out = [s for s in [*sections.values(), general] if s.questions]
    for s in out:
        s.questions.sort(key=lambda q: (-round(q.impact, 9), order[q.fact.id]))
        _parents_first(s, pack)
    return out


def _parents_first(section: Section, pack: Pack) -> None:
    ids = [q.fact.id for q in section.questions]
    for q in list(section.questions):
        rule = pack.ask_if.get(q.fact.id)
        if rule is None:
            continue
        parents = {reference_fact for conj in rule[0] for lit in conj for reference_fact in _facts(lit)}
        last_parent = max((ids.index(p) for p in parents if p in ids), default=-1)
        here = ids.index(q.fact.id)
        if here < last_parent:
            section.questions.remove(q)
            section.questions.insert(last_parent, q)
            ids = [x.fact.id for x in section.questions]


def _facts(lit: Any) -> set[str]:
    return facts_of(lit)


def relevant(pack: Pack, fact: FactDef, answers: dict[str, Any]) -> tuple[bool, Any]:
    """(ask it?, the implied answer when not): a follow-up is asked unless its parent rules it out."""
    rule = pack.ask_if.get(fact.id)
    if rule is None:
        return True, None
    dnf, otherwise = rule
    known = {k: v for k, v in answers.items() if v is not None}
    needed = {f for conj in dnf for lit in conj for f in _facts(lit)}
    if not needed <= set(known):
        return True, None  # the parent is unknown: the follow-up may still be known
    records = reference.derive(pack, known)
    if any(reference.conjunction_holds(c, known, records, {}) for c in dnf):
        return True, None
    return False, otherwise


def options(pack: Pack, values: dict[str, Any] | None, lang: str) -> list[tuple[str, str]]:
    return [(k, pack.text(v, lang)) for k, v in (values or {}).items()]


def parse(pack: Pack, ftype: str, values: dict[str, Any] | None, items: str | None, text: str, lang: str,
          minimum: float | None = None, maximum: float | None = None) -> Any:
    """The value of one typed answer, UNKNOWN for "don't know", or AnswerError with what is expected."""
    raw = text.strip()
    low = raw.lower()
    accepted = words(lang)
    if low in accepted["dont_know"]:
        return UNKNOWN
    if not raw:
        raise AnswerError(translate("please answer, or type ? if you don't know", lang))
    if ftype == "bool":
        if low in accepted["yes"]:
            return True
        if low in accepted["no"]:
            return False
        raise AnswerError(translate("answer yes or no (or ? if you don't know)", lang))
    if ftype == "enum":
        return _choice(pack, values, raw, lang)
    if ftype == "list":
        if low in accepted["none"]:
            return []
        parts = [p.strip() for p in re.split(r"[,;]", raw) if p.strip()]
        if items == "text":
            return list(dict.fromkeys(parts))
        return list(dict.fromkeys(_choice(pack, values, p, lang) for p in parts))
    if ftype == "number":
        try:
            number = float(raw.replace(",", ".").replace("\u202f", "").replace(" ", ""))
        except ValueError:
            raise AnswerError(translate("expected a number, not '{value}'", lang).format(value=raw)) from None
        if not math.isfinite(number) or abs(number) > 1e15:  # inf, nan, 1e308: JSON has no such numbers
            raise AnswerError(translate("expected a number, not '{value}'", lang).format(value=raw))
        if minimum is not None and number < minimum or maximum is not None and number > maximum:
            raise AnswerError(translate("expected a number from {lo} to {hi}", lang).format(lo=format_value(minimum, lang), hi=format_value(maximum, lang)))
        return int(number) if number.is_integer() else number
    return raw


def a_year(lo: float | None, hi: float | None) -> bool:
    """Whether bounds are those of a year: two whole numbers of four digits (a year is asked as a year, never 1 990).

    >>> a_year(1990, 2100), a_year(0, 100), a_year(1990.0, None)
    (True, False, False)
    """
    return lo is not None and hi is not None and all(float(b).is_integer() and 1000 <= b <= 9999 for b in (lo, hi))


def number_hint(lang: str, lo: float | None = None, hi: float | None = None) -> str:
    """What a number question expects, in ``lang``, its bounds and an example written as the language writes numbers
    (« Un nombre entre 0 et 100 (par ex. 1,5), ou « ? » (je ne sais pas) », « Une année (entre 1990 et 2100)… »)."""
    def v(x: float) -> str:
        return format_value(x, lang)

    if a_year(lo, hi):
        return translate("A year (from {lo} to {hi}), or ? (don't know)", lang).format(lo=v(lo or 0), hi=v(hi or 0))
    start = lo if lo is not None else (hi - 2 if hi is not None else 0)
    example = v(start + 1.5 if hi is None or start + 1.5 <= hi else start)
    if lo is not None and hi is not None:
        return translate("A number from {lo} to {hi} (e.g. {example}), or ? (don't know)", lang).format(lo=v(lo), hi=v(hi), example=example)
    if lo is not None:
        return translate("A number of at least {lo} (e.g. {example}), or ? (don't know)", lang).format(lo=v(lo), example=example)
    if hi is not None:
        return translate("A number of at most {hi} (e.g. {example}), or ? (don't know)", lang).format(hi=v(hi), example=example)
    return translate("A number (e.g. {example}), or ? (don't know)", lang).format(example=example)


def _choice(pack: Pack, values: dict[str, Any] | None, raw: str, lang: str) -> str:
    opts = options(pack, values, lang)
    if raw.isdigit() and 1 <= int(raw) <= len(opts):
        return opts[int(raw) - 1][0]
    for key, label in opts:
        if raw.lower() in (key.lower(), label.lower()):
            return key
    raise AnswerError(translate("choose a number from 1 to {n}, or ? if you don't know", lang).format(n=len(opts)))
