"""``migov explain RULE [--profile P]``: a rule in plain words and, for a profile, why it has its status.

The status and what decided it come from one evaluation's trace (whichever engine ran it): for met,
the alternative that held and the records it matched; for a gap, every alternative of the condition
taken apart, each part marked as holding (✓), not (✗) or not known (?), then the alternative of the
negated condition that held ("why not"); for unknown, the facts to collect and what is already known.
"""

from __future__ import annotations

from typing import Any

from engine.conditions import Count, Match, NoMatch, Overlap, facts_of
from engine.errors import MigovError, did_you_mean
from engine.evaluate import semantics as reference
from engine.evaluate.evidence import describe as evidence_of
from engine.evaluate.evidence import naming, record_name
from engine.evaluate.findings import Decision, decide, known_literal, level_evidence, level_of, make_evaluator, records_of, resolved
from engine.evaluate.logic import NEG, logic_of
from engine.i18n import translate, typography
from engine.pack.compiled import CompiledRule, Pack
from engine.pack.describe import Describer, describe
from engine.pack.evidence_words import words
from engine.pack.levels import condition_words
from engine.pack.model import Status
from engine.pack.profiles import Profile


def find_rule(pack: Pack, rule_id: str) -> CompiledRule:
    for cr in pack.rules:
        if cr.rule.id == rule_id.upper():
            return cr
    raise MigovError(translate("no rule '{rule}' in pack {pack}").format(rule=rule_id, pack=pack.id)
                     + did_you_mean(rule_id.upper(), [c.rule.id for c in pack.rules]), field=translate("RULE"))  # the argument as --help names it (« RÈGLE »)


def rule_text(pack: Pack, cr: CompiledRule, lang: str, kind: str | None = None) -> list[str]:
    """The rule in plain words; its recommendation as a profile of ``kind`` reads it, or every variant by kind."""
    def t(s: str) -> str:
        return translate(s, lang)

    r = cr.rule
    dims = {d.id: pack.text(d.title, lang) for d in pack.header.dimensions}
    weight = int(r.weight) if float(r.weight).is_integer() else r.weight
    lines = [f"{r.id} — {pack.text(r.title, lang)}",
             f"{t('Dimension')}{t(': ')}{dims[r.dimension]} · {t('weight')} {weight} · {t('applies to')}{t(': ')}"
             + ", ".join(pack.kind_label(k, lang) for k in r.kinds)]
    if cr.applies_tree is not None:
        lines.append(f"{t('Applies only if')}{t(': ')}{describe(pack, cr.applies_tree, lang)}")
    lines.append(f"{t('Met when')}{t(': ')}{condition_words(pack, cr, lang)}")
    for name in sorted({lit.records for conj in cr.dnf for lit in conj if isinstance(lit, (Match, Count)) and lit.records in pack.derived}):
        d = pack.derived[name]
        when = describe(pack, d.tree, lang, {d.derived.as_: d.derived.from_}) if d.tree is not None else ""
        lines.append(f"  {pack.text(d.derived.label, lang)}{t(': ')}" + t("a “{records}” record for which {condition}").format(
            records=pack.text(pack.facts[d.derived.from_].label, lang), condition=when[:1].lower() + when[1:]))
    variants = r.by_kind
    if variants is None or kind in variants:
        lines.append(f"{t('Recommendation')}{t(': ')}{pack.text(r.recommendation_for(kind) if kind else r.wordings()[0], lang)}")
    else:  # worded for each kind of profile
        lines += [f"{t('Recommendation')} ({pack.kind_label(k, lang)}){t(': ')}{pack.text(v, lang)}" for k, v in variants.items()]
    seed = r.sources.seed if isinstance(r.sources.seed, str) else pack.text(r.sources.seed, lang)
    srcs = [seed] + [k["full"] for c in pack.citations(pack.cited(r.sources), lang) for k in c["refs"]]  # as the reports cite
    lines.append(f"{t('Sources')}{t(': ')}" + "; ".join(srcs))
    return [typography(line, lang) for line in lines]  # the reports' typography (« Dimension : … », « … ; … »)


def _holds(lit: Any, facts: dict[str, Any], records: dict[str, reference.Records]) -> bool:
    """Whether one part holds, on the records the evaluation saw (for the marks of the other parts)."""
    if not isinstance(lit, Match):
        return reference.literal_holds(lit, facts)
    if lit.records not in records:
        return False
    local = [t for t in lit.where if t.op != "contains" and not hasattr(t.value, "alias")]
    found = any(all(reference.field_ok(rec, t, {}) for t in local) for _, rec in records[lit.records])
    return not found if lit.negated else found


class _Parts:
    """Lines for the parts of an alternative: a mark, the part in plain words, the facts that decided it."""

    def __init__(self, pack: Pack, profile: Profile, records: dict[str, reference.Records], lang: str) -> None:
        self.pack, self.profile, self.records, self.lang = pack, profile, records, lang
        self.logic = logic_of(pack)
        self.describer = Describer(pack, lang)

    def text(self, lit: Any) -> str:
        if isinstance(lit, Match) and lit.records in self.logic.joins:  # a negated join, made for the negation
            parts = "; ".join(self.describer.describe(x) for x in self.logic.joins[lit.records])
            return translate("not ({item})", self.lang).format(item=translate("all of: {items}", self.lang).format(items=parts))
        return self.describer.describe(lit)

    def line(self, mark: str, lit: Any) -> str:
        text = self.text(lit)
        shown = f"  {mark} {text[:1].upper() + text[1:]}"
        if isinstance(lit, Match) and lit.records in self.logic.joins or not known_literal(self.pack, lit, self.profile.facts):
            return shown
        return f"{shown}  [{evidence_of(self.pack, lit, self.profile.open_facts(), self.records, self.lang)}]"  # open lists said so

    def mark(self, lit: Any) -> str:
        if not known_literal(self.pack, lit, self.profile.facts):
            return "?"
        holds = _holds(lit, self.profile.facts, self.records)
        undecided = holds if isinstance(lit, NoMatch) else not holds and isinstance(lit, (Match, Count, Overlap))
        if undecided and facts_of(lit) & set(self.profile.incomplete):  # a list that may name only some of its items:
            return "?"  # an item not named yet could change it
        return "✓" if holds else "✗"


def why(pack: Pack, cr: CompiledRule, profile: Profile, lang: str, engine: str = "python") -> list[str]:
    """Why the rule has its status for ``profile``, in the language's words and typography."""
    return [typography(line, lang) for line in _why(pack, cr, profile, lang, engine)]


def _why(pack: Pack, cr: CompiledRule, profile: Profile, lang: str, engine: str) -> list[str]:
    def t(s: str) -> str:
        return translate(s, lang)

    logic = logic_of(pack)
    trace = make_evaluator(pack, engine, warn=False).evaluate(profile.open_facts(), kind=profile.kind)
    records = records_of(pack, profile.facts, trace)
    decision = resolved(pack, decide(cr, profile.kind, trace), profile.facts, records)
    status = decision.status
    label = {"met": "met", "gap": "gap", "unknown": "unknown", "not_applicable": "not applicable"}[status.value]
    lines = [t("Status for {profile}: {status}").format(profile=profile.name, status=t(label))]
    parts = _Parts(pack, profile, records, lang)
    # a graded rule: the level reached, and the condition of the level that decided it (the top met, or the first that fails)
    dnf = logic.rules[decision.key.removesuffix(NEG)].pos if cr.levels and decision.key else cr.dnf
    at = level_of(cr, profile.kind, trace)
    if at is not None:
        lines.append(words(pack, level_evidence(cr, at), lang))
    if status == Status.not_applicable:
        if profile.kind not in cr.rule.kinds:
            lines.append(t("The rule applies to {kinds} profiles; this one is a {kind}.").format(
                kinds=", ".join(pack.kind_label(k, lang) for k in cr.rule.kinds), kind=pack.kind_label(profile.kind, lang)))
        else:
            lines.append(t("Its applicability does not hold: {condition}").format(condition=describe(pack, cr.applies_tree, lang)))
            lines += _decided(parts, logic.rules[cr.rule.id + "@"].neg, decision, t)
        return lines
    if status == Status.unknown:
        if cr.applies is not None and trace.first(cr.rule.id + "@") is None:
            lines.append(t("Whether the rule applies is not known yet."))
        lines.append(t("Facts to collect:"))
        for f in sorted(cr.requires):
            if f not in profile.facts:
                lines.append(f"  - {pack.text(pack.facts[f].label, lang)}{t(': ')}{pack.text(pack.facts[f].question, lang)}")
        open_lists = [pack.text(pack.facts[f].label, lang) for f in sorted(cr.requires) if f in profile.incomplete and f in pack.facts]
        if open_lists:  # nothing missing, but a list that may name only some of its items
            lines.append("  - " + t("lists that may name only some of their items (not marked complete): {facts}").format(facts=", ".join(open_lists)))
        known = [lit for conj in cr.dnf for lit in conj if known_literal(pack, lit, profile.facts)]
        if known:
            lines.append(t("Already known:"))
            lines += [parts.line(parts.mark(lit), lit) for lit in dict.fromkeys(known)]
        return lines
    if status == Status.met and decision.alt is not None:
        lines.append(t("Decided by the alternative that holds:"))
        lines += [parts.line("✓", lit) for lit in dnf[decision.alt]]
        bound = trace.bindings.get(f"{decision.key}|{decision.alt}", {})
        if bound:
            shown = [(alias, _record(pack, records, dnf[decision.alt], alias, k)) for alias, k in sorted(bound.items())]
            names = ", ".join(name if len(shown) == 1 else f"{alias} = {name}" for alias, name in shown)  # one record: its name alone
            lines.append(t("Records matched: {records}").format(records=names))
        return lines
    for i, conj in enumerate(dnf, 1):
        if len(dnf) > 1:
            lines.append(t("Alternative {n}:").format(n=i))
        lines += [parts.line(parts.mark(lit), lit) for lit in conj]
    lines.append(t("Why not: the parts marked ✗ do not hold; every alternative needs all of its parts."))
    lines += _decided(parts, logic.rules[(decision.key or cr.rule.id).removesuffix(NEG)].neg, decision, t)
    return lines


def _decided(parts: _Parts, neg: list[Any], decision: Decision, t: Any) -> list[str]:
    if decision.alt is None:
        return []
    return [t("Decided by what holds:")] + [parts.line("✓", lit) for lit in neg[decision.alt]]


def _record(pack: Pack, records: dict[str, reference.Records], conj: Any, alias: str, key: int) -> str:
    name = next(lit.records for lit in conj if isinstance(lit, Match) and lit.alias == alias)
    return record_name(dict(records.get(name, [])).get(key, {}), key, naming(pack, name))
