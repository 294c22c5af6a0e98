"""Graded criteria: a rule's ``levels`` instead of one ``condition``, an ordered ladder read, checked and compiled here,
and the words of a level (its label, the next level's recommendation). Level k is reached when the conditions of
levels 1..k all hold; the rule is met at the top level, whose fraction is 1, and otherwise counts the fraction of its
weight its level reaches (the evaluators decide each level's condition: engine/evaluate/levels.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.conditions import And, Conjunction, Node
from engine.errors import PackError
from engine.i18n import _, translate
from engine.pack.compiled import CompiledLevel, CompiledRule, Pack
from engine.pack.model import Rule, Text, by_kind
from engine.yamlio import Locations, Path_

if TYPE_CHECKING:
    from engine.pack.parse import Parser
    from engine.pack.validate import Sink


def fractions(rule: Rule) -> list[float]:
    """The fraction of the weight each level reaches: as written, else k/n for the k-th of n."""
    levels = rule.levels or []
    return [lv.fraction if lv.fraction is not None else (k + 1) / len(levels) for k, lv in enumerate(levels)]


def condition_of(rule: Rule, raw: Any, parser: Parser, locs: Locations, p: Path_, langs: list[str],
                 sink: Sink) -> tuple[Node, list[Conjunction], tuple[CompiledLevel, ...]]:
    """The rule's condition (for a graded rule, every level's together: the top level reached), its normal form, and
    its levels compiled; a one-line error naming the file, line and field for a ladder that cannot be read."""
    from engine.pack.normal import check_refs, dnf_at  # building a pack: not when it is cached
    from engine.pack.validate import check_texts

    if rule.levels is None:
        _check_examples(rule, locs, p)
        if rule.condition is None:
            raise locs.error(p + ("condition",), _("required field is missing"), PackError, code="L002")
        tree = parser.parse(rule.condition, p + ("condition",))
        dnf = dnf_at(tree, locs, p + ("condition",))
        check_refs(dnf, set(), locs, p + ("condition",))
        return tree, dnf, ()
    at = p + ("levels",)
    if rule.condition is not None:
        raise locs.error(at, _("a rule has either 'condition' or 'levels', not both"), PackError, code="L002")
    if len(rule.levels) < 2:
        raise locs.error(at, _("a graded rule needs at least two levels"), PackError, code="L002")
    given = fractions(rule)
    compiled: list[CompiledLevel] = []
    for k, level in enumerate(rule.levels):
        here = at + (k,)
        if level.id in [lv.id for lv in rule.levels[:k]]:
            raise locs.error(here + ("id",), _("duplicate level id '{id}'").format(id=level.id), PackError, code="L003")
        if k and given[k] <= given[k - 1]:
            raise locs.error(here + ("fraction",), _("the fractions of the levels must rise strictly"), PackError, code="L015")
        tree = parser.parse(level.condition, here + ("condition",))
        dnf = dnf_at(tree, locs, here + ("condition",))
        check_refs(dnf, set(), locs, here + ("condition",))
        compiled.append(CompiledLevel(level.id, given[k], dnf, tree))
        raw_level = raw["levels"][k] if isinstance(raw, dict) and isinstance(raw.get("levels"), list) else None
        check_texts(raw_level, locs, langs, ("label",), here, sink)
        variants = by_kind(level.recommendation) if level.recommendation else None
        if variants is None:
            check_texts(raw_level, locs, langs, ("recommendation",), here, sink)
        elif isinstance(raw_level, dict):
            check_texts(raw_level.get("recommendation"), locs, langs, tuple(variants), here + ("recommendation",), sink)
    if given[-1] != 1:
        raise locs.error(at + (len(given) - 1, "fraction"), _("the top level's fraction must be 1"), PackError, code="L015")
    _check_examples(rule, locs, p)
    whole = And(tuple(lv.tree for lv in compiled))
    dnf = dnf_at(whole, locs, at)
    return whole, dnf, tuple(compiled)


def _check_examples(rule: Rule, locs: Locations, p: Path_) -> None:
    """An example may say the level it reaches (``migov rules test`` checks it): one of the rule's levels, or none."""
    allowed = [lv.id for lv in rule.levels or []] + ["none"] if rule.levels else []
    for i, ex in enumerate(rule.examples):
        if ex.level is not None and ex.level not in allowed:
            raise locs.error(p + ("examples", i, "level"), _("'{value}' is not allowed: expected one of {allowed}").format(
                value=ex.level, allowed=", ".join(allowed) or "—"), PackError, code="L002")


def level_label(pack: Pack, rule: Rule, level: str, lang: str) -> str:
    """A level's label in ``lang`` (its id if the rule has no such level)."""
    return next((pack.text(lv.label, lang) for lv in rule.levels or [] if lv.id == level), level)


def level_recommendation(rule: Rule, kind: str, reached: int) -> Text | None:
    """The text of how to reach the level after the ``reached`` first ones (the rule's recommendation where the level has
    none); None at the top level."""
    levels = rule.levels or []
    if reached >= len(levels):
        return None
    own = levels[reached].recommendation
    if own is None:
        return rule.recommendation_for(kind)
    variants = by_kind(own)
    return own if variants is None else variants.get(kind) or next(iter(variants.values()))  # type: ignore[return-value]


def next_level_text(pack: Pack, rule: Rule, kind: str, reached: int, lang: str) -> str:
    """The recommendation of a graded finding, naming the next level: "Next level: consulted (2 of 4). ..."."""
    text = level_recommendation(rule, kind, reached)
    levels = rule.levels or []
    if text is None:
        return pack.text(rule.recommendation_for(kind), lang)
    return translate("Next level: {level} ({n} of {total}). {recommendation}", lang).format(
        level=pack.text(levels[reached].label, lang), n=reached + 1, total=len(levels), recommendation=pack.text(text, lang))


def span(rule: Rule, reached: str | None, up_to: str | None = None) -> tuple[float, float]:
    """(fraction reached, most it may reach): the level ``reached`` (None: none) and, for an unknown, the highest level still
    possible (``up_to``); decided, the most is the next level's fraction (what closing the gap reaches), 1 at the top."""
    ids = [lv.id for lv in rule.levels or []]
    given = fractions(rule)
    low = ids.index(reached) + 1 if reached is not None else 0
    high = given[ids.index(up_to)] if up_to is not None else given[min(low, len(ids) - 1)]
    return (given[low - 1] if low else 0.0), high


def condition_words(pack: Pack, cr: CompiledRule, lang: str) -> str:
    """A rule's condition in plain words; a graded rule's, level by level ("informed (1 of 4): …; consulted (2 of 4): …")."""
    from engine.pack.describe import describe  # plain words: explain and the rulebook, not an assessment

    if not cr.levels:
        return describe(pack, cr.tree, lang)
    rule = cr.rule
    return "; ".join(translate("{level} ({n} of {total})", lang).format(level=level_label(pack, rule, lv.id, lang), n=k, total=len(cr.levels))
                     + translate(": ", lang) + describe(pack, lv.tree, lang) for k, lv in enumerate(cr.levels, start=1))
