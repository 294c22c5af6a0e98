"""``migov explain RULE [--profile P]``: a rule in plain words and, for a profile, why it has its status.

For a gap, each alternative of the condition is taken apart and every part marked as holding or not,
with the facts that decided it ("why not"). Computed in Python from the rule data; whichever engine
assessed, the reasoning shown is the reference semantics the differential test ties durable to.
"""

from __future__ import annotations

from typing import Any

from engine.conditions import Count, Match, Overlap, Test
from engine.errors import MigovError
from engine.evaluate import semantics as reference
from engine.evaluate.evidence import describe as evidence_of
from engine.evaluate.findings import make_evaluator, status_of
from engine.i18n import translate
from engine.pack.compiled import CompiledRule, Pack
from engine.pack.describe import Describer, describe
from engine.pack.model import Status
from engine.pack.profiles import Profile


def find_rule(pack: Pack, rule_id: str) -> CompiledRule:
    for cr in pack.rules:
        if cr.rule.id == rule_id.upper():
            return cr
    from engine.errors import did_you_mean

    raise MigovError(translate("no rule '{rule}' in pack {pack}").format(rule=rule_id, pack=pack.id)
                     + did_you_mean(rule_id.upper(), [c.rule.id for c in pack.rules]), field="RULE")


def rule_text(pack: Pack, cr: CompiledRule, lang: str) -> list[str]:
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
    lines.append(f"{t('Met when')}{t(': ')}{describe(pack, cr.tree, lang)}")
    for name in sorted({lit.records for conj in cr.dnf for lit in conj if isinstance(lit, (Match, Count)) and lit.records in pack.derived}):
        d = pack.derived[name]
        when = describe(pack, d.tree, lang, {d.derived.as_: d.derived.from_}) if d.tree is not None else ""
        lines.append(f"  {pack.text(d.derived.label, lang)}{t(': ')}" + t("a “{records}” record for which {condition}").format(
            records=pack.text(pack.facts[d.derived.from_].label, lang), condition=when[:1].lower() + when[1:]))
    lines.append(f"{t('Recommendation')}{t(': ')}{pack.text(r.recommendation, lang)}")
    seed = r.sources.seed if isinstance(r.sources.seed, str) else pack.text(r.sources.seed, lang)
    srcs = [seed] + [c["title"] + " " + ", ".join(f"{k['key']} ({k['title']})" for k in c["refs"]) for c in pack.citations(pack.cited(r.sources), lang)]
    lines.append(f"{t('Sources')}{t(': ')}" + "; ".join(srcs))
    return lines


def _holds(lit: Any, facts: dict[str, Any], records: dict[str, reference.Records]) -> bool:
    if isinstance(lit, (Test, Overlap, Count)):
        return reference.literal_holds(lit, facts)
    local = [t for t in lit.where if t.op != "contains" and not hasattr(t.value, "alias")]
    found = any(all(reference.field_ok(rec, t, {}) for t in local) for _, rec in records.get(lit.records, []))
    return not found if lit.negated else found


def why(pack: Pack, cr: CompiledRule, profile: Profile, lang: str, engine: str = "python") -> list[str]:
    def t(s: str) -> str:
        return translate(s, lang)

    fired = make_evaluator(pack, engine, warn=False).evaluate(profile.facts)
    status, alt = status_of(cr, profile.kind, profile.facts, fired)
    label = {"met": "met", "gap": "gap", "unknown": "unknown", "not_applicable": "not applicable"}[status.value]
    lines = [t("Status for {profile}: {status}").format(profile=profile.name, status=t(label))]
    records = reference.derive(pack, profile.facts)
    describer = Describer(pack, lang)
    if status == Status.not_applicable:
        if profile.kind not in cr.rule.kinds:
            lines.append(t("The rule applies to {kinds} profiles; this one is a {kind}.").format(
                kinds=", ".join(pack.kind_label(k, lang) for k in cr.rule.kinds), kind=pack.kind_label(profile.kind, lang)))
        else:
            lines.append(t("Its applicability does not hold: {condition}").format(condition=describe(pack, cr.applies_tree, lang)))
        return lines
    if status == Status.unknown:
        lines.append(t("Facts to collect:"))
        for f in sorted(cr.requires):
            if f not in profile.facts:
                lines.append(f"  - {pack.text(pack.facts[f].label, lang)}{t(': ')}{pack.text(pack.facts[f].question, lang)}")
        return lines
    alternatives = [cr.dnf[alt]] if status == Status.met and alt is not None else cr.dnf
    for i, conj in enumerate(alternatives, 1):
        if len(alternatives) > 1:
            lines.append(t("Alternative {n}:").format(n=i))
        for lit in conj:
            ok = _holds(lit, profile.facts, records)
            mark = "✓" if ok else "✗"
            text = describer.describe(lit)
            lines.append(f"  {mark} {text[:1].upper() + text[1:]}  [{evidence_of(pack, lit, profile.facts, records, lang)}]")
    if status == Status.gap:
        lines.append(t("Why not: the parts marked ✗ do not hold; every alternative needs all of its parts."))
    return lines
