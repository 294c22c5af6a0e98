"""Evidence, the same in every language: what decided a status as data (:class:`Evidence`, a message key and its
arguments: fact ids, values as the profile states them, counts), and that data in words in one language
(:func:`words`). An assessment holds the data (``evidence_data``); the sentence is made only when a report is
rendered, in the language asked, and by ``migov explain``.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any, ClassVar, Literal

from engine.i18n import format_value, translate, translate_plural
from engine.pack.compiled import Pack
from engine.pack.levels import level_label
from engine.records import record

OMIT = {"omit": "when None"}  # the assessment's metadata of a key left out when it does not apply
Key = Literal["value", "overlap", "count", "none_matching", "matching", "not_stated", "not_needed", "incomplete_lists", "level", "level_range"]


@record(kw_only=True)
class Evidence:
    """One piece of evidence: ``key`` says which sentence, the other fields are its arguments (None: not used).

    value: a fact's value (``fact``); overlap: ``n`` of the ``total`` values counted (``values``, those present),
    ``needed``; count: ``n`` records of ``fact`` matching, ``needed``; none_matching: none among ``n`` declared;
    matching: the records' names (``items``, the first five; ``more``: others follow); not_stated, not_needed
    (a gap decided without them), incomplete_lists: the ``facts``. ``partial``: the list may name only some items.
    level (a graded ``rule``): the level reached (``value``, its id; None: none), ``n`` of the ``total`` levels; level_range:
    at least that, and possibly up to ``values[0]``, the ``needed``-th.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "allow_inf_nan": False}

    key: Key
    rule: str | None = field(default=None, metadata=OMIT)  # (2.1)
    fact: str | None = field(default=None, metadata=OMIT)
    value: Any = field(default=None, metadata=OMIT)
    values: list[Any] | None = field(default=None, metadata=OMIT)
    items: list[str] | None = field(default=None, metadata=OMIT)
    facts: list[str] | None = field(default=None, metadata=OMIT)
    n: int | None = field(default=None, metadata=OMIT)
    total: int | None = field(default=None, metadata=OMIT)
    needed: int | None = field(default=None, metadata=OMIT)
    more: bool | None = field(default=None, metadata=OMIT)  # True, or left out
    partial: bool | None = field(default=None, metadata=OMIT)


def fact_ids(e: Evidence) -> list[str]:
    """The facts (or records) an item names: each must be one of the pack's to be put in words."""
    return [*([e.fact] if e.fact is not None else []), *(e.facts or [])]


def value_words(pack: Pack, fact: str, value: Any, lang: str) -> str:
    """A fact's value as a report shows it: yes or no, an allowed value's label, a whole number without ".0"."""
    if isinstance(value, bool):
        return translate("yes", lang) if value else translate("no", lang)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    fdef = pack.facts.get(fact)
    labels = fdef.values if fdef is not None else None
    if labels and isinstance(value, (str, int, float)) and value in labels:
        return pack.text(labels[value], lang)
    return format_value(value, lang)  # a decimal comma where the language writes one


def label(pack: Pack, name: str, lang: str) -> str:
    """The label of a fact, or of the records a pack derives."""
    if name in pack.derived:
        return pack.text(pack.derived[name].derived.label, lang)
    return pack.text(pack.facts[name].label, lang)


def _labels(pack: Pack, facts: list[str] | None, lang: str) -> str:
    return ", ".join(label(pack, f, lang) for f in facts or [])


def words(pack: Pack, e: Evidence, lang: str) -> str:
    """The sentence of ``e`` in ``lang``."""
    k = e.key
    if k == "not_stated":
        return translate("not stated in the profile: {facts}", lang).format(facts=_labels(pack, e.facts, lang))
    if k == "not_needed":
        return translate("not stated in the profile, and not needed to decide: {facts}", lang).format(facts=_labels(pack, e.facts, lang))
    if k == "incomplete_lists":
        return translate("lists that may name only some of their items (not marked complete): {facts}", lang).format(
            facts=_labels(pack, e.facts, lang))
    if k in ("level", "level_range"):
        return _level_words(pack, e, lang)
    fact = e.fact or ""
    head = label(pack, fact, lang) + translate(": ", lang)
    n = e.n or 0
    if k == "value":
        return head + value_words(pack, fact, e.value, lang)
    if k == "overlap":
        listed = ", ".join(value_words(pack, fact, v, lang) for v in e.values or []) or translate("none", lang)
        said = ("includes at least {n} of {total} counted ({listed}); {needed} needed" if e.partial
                else "{n} of {total} counted ({listed}); {needed} needed")
        return head + translate(said, lang).format(n=n, total=e.total, listed=listed, needed=e.needed)
    if k == "count":
        said = (translate_plural("at least {n} matching; {needed} needed", "at least {n} matching; {needed} needed", n, lang) if e.partial
                else translate_plural("{n} matching; {needed} needed", "{n} matching; {needed} needed", n, lang))
        return head + said.format(n=n, needed=e.needed)
    if k == "none_matching":
        said = (translate("none matching among the {n} declared so far (the list may be incomplete)", lang) if e.partial
                else translate_plural("none matching ({n} declared)", "none matching ({n} declared)", n, lang))
        return head + said.format(n=n)
    named = ", ".join(e.items or []) + (" …" if e.more else "")
    return head + (translate("includes at least {items}", lang).format(items=named) if e.partial else named)


def _level_words(pack: Pack, e: Evidence, lang: str) -> str:
    rule = next((cr.rule for cr in pack.rules if cr.rule.id == e.rule), None)

    def named(level: Any, n: int | None) -> str:
        label = translate("none", lang) if level is None or rule is None else level_label(pack, rule, str(level), lang)
        return translate("{level} ({n} of {total})", lang).format(level=label, n=n or 0, total=e.total)

    if e.key == "level":
        return translate("level reached: {level}", lang).format(level=named(e.value, e.n))
    high = named((e.values or [None])[0], e.needed)
    if e.value is None:
        return translate("level reached: none certain, possibly up to {high}", lang).format(high=high)
    return translate("level reached: at least {low}, possibly up to {high}", lang).format(low=named(e.value, e.n), high=high)
