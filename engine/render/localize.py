"""An assessment in one language: its texts written from its language-neutral data and the pack.

The engine's assessment holds ids, statuses, scores, counts and the evidence as data (:mod:`engine.assess`); the
titles, recommendations, evidence sentences, sources' passages and the tailoring's reasons of the JSON contract are
written here, when a report is rendered, in the language asked. An assessment read back (a JSON assessment, a
report's data) is written again the same way, so that it reads in any language migov has, byte for byte as a fresh
run would. Nothing here evaluates: the pack gives the words, the assessment the facts.
"""

from __future__ import annotations

from typing import Any

from engine.assessment import Assessment, Inputs
from engine.errors import MigovError
from engine.i18n import _
from engine.pack.compiled import Pack
from engine.pack.dated import dated_pack
from engine.pack.evidence_words import fact_ids, words
from engine.pack.levels import next_level_text
from engine.pack.model import Rule
from engine.pack.profiles import Profile
from engine.pack.provenance import year_of
from engine.records import replaced
from engine.render import alike


def language_of(pack: Pack, lang: str) -> str:
    """The language a report of ``pack`` is written in: ``lang`` if the pack has its texts, else the pack's first."""
    return lang if lang in pack.header.languages else pack.header.languages[0]


def localized(a: Assessment, pack: Pack, profile: Profile | None, lang: str) -> Assessment:
    """``a`` with its texts in ``lang`` (a new assessment: ``a`` itself is left as it is, to be written in other
    languages too); ``profile``: the profile it was made from, carried as its inputs when ``a`` has none yet."""
    lang = language_of(pack, lang)
    inputs = a.inputs
    if inputs is None and profile is not None:
        inputs = Inputs(profile=embedded_profile(profile, pack), tailoring=pack.tailoring["source"] if pack.tailoring else None)
    dated = dated_pack(pack, year_of(a.assessed_on))  # the texts that name a parameter of the assessment year
    w = _words(dated, lang)
    rules, dims = w.rules, w.dimensions
    kind = a.profile.kind
    findings = []
    advice: dict[str, str] = {}  # rule -> its recommendation (a graded finding's names the next level)
    for f in a.findings:
        k = alike.key(kind, f)
        written = alike.found(dated, lang, k)  # written for an earlier profile: the same finding
        if written is None:
            r, title, sources = rules[f.rule]
            advice_ = (w.advice(r, kind) if f.level is None or not r.levels else
                       next_level_text(dated, r, kind, f.level.levels.index(f.level.reached) + 1 if f.level.reached else 0, lang))
            written = alike.keep(dated, lang, k, replaced(
                f, title=title, evidence=list(dict.fromkeys(words(dated, e, lang) for e in f.evidence_data)),
                recommendation=advice_, sources=sources))  # one dict per rule and language, which reports only read
        advice[f.rule] = written.recommendation
        findings.append(written)
    return replaced(
        a, language=lang, inputs=inputs, tailoring=_tailoring(a, dated, lang), findings=findings,
        dimensions=[replaced(d, title=dims[d.id]) for d in a.dimensions],
        recommendations=[replaced(x, title=rules[x.rule][1], text=advice.get(x.rule) or w.advice(rules[x.rule][0], kind))
                         for x in a.recommendations])


class _Words:
    """A pack's texts in one language that every assessment's findings take as they are: each rule's title and sources
    (the seed passage in the language), each dimension's title, each recommendation per kind of profile."""

    def __init__(self, pack: Pack, lang: str) -> None:
        self.pack, self.lang = pack, lang
        self.rules: dict[str, tuple[Rule, str, dict[str, Any]]] = {}
        for cr in pack.rules:
            r = cr.rule
            seed = r.sources.seed if isinstance(r.sources.seed, str) else pack.text(r.sources.seed, lang)
            self.rules[r.id] = (r, pack.text(r.title, lang), {**pack.cited(r.sources), "seed": seed})
        self.dimensions = {d.id: pack.text(d.title, lang) for d in pack.header.dimensions}
        self._advice: dict[tuple[str, str], str] = {}

    def advice(self, r: Rule, kind: str) -> str:
        key = (r.id, kind)
        found = self._advice.get(key)
        if found is None:
            found = self._advice[key] = self.pack.text(r.recommendation_for(kind), self.lang)
        return found


_WORDS: dict[tuple[int, str], _Words] = {}


def rule_sources(pack: Pack, lang: str) -> list[dict[str, Any]]:
    """What each criterion of ``pack`` cites, with its source text's passage in ``lang``: a finding's ``sources``."""
    return [sources for _rule, _title, sources in _words(pack, lang).rules.values()]


def _words(pack: Pack, lang: str) -> _Words:
    """:class:`_Words` of ``pack`` in ``lang``, remembered (a batch localizes every profile with the same pack); held with
    its pack, so that an id is never another pack's."""
    found = _WORDS.get((id(pack), lang))
    if found is None or found.pack is not pack:
        if len(_WORDS) > 16:  # the packs of a long-lived process are not all kept alive
            _WORDS.clear()
        found = _WORDS[(id(pack), lang)] = _Words(pack, lang)
    return found


def _tailoring(a: Assessment, pack: Pack, lang: str) -> Any:
    t, source = a.tailoring, pack.tailoring
    if t is None or source is None:
        return t

    def text(v: Any) -> Any:
        return pack.text(v, lang) if isinstance(v, dict) else v

    reasons = [text(c["reason"]) for c in source["changes"]]
    return replaced(t, title=text(source["title"]) if source["title"] else None,
                               changes=[replaced(c, reason=r) for c, r in zip(t.changes, reasons, strict=False)])


def check(a: Assessment, pack: Pack, file: str) -> None:
    """That an assessment read back names only the rules, dimensions and facts of ``pack`` (whose words it is written
    in), and that it holds the evidence as data (an assessment of migov 1.0 does not), or a one-line error."""
    if any(f.evidence and not f.evidence_data for f in a.findings):
        raise MigovError(_("this assessment was written by an older migov, without the data to write it again: assess its profile (YAML, workbook or HTML report) instead"), file=file, field="findings")
    rules = {cr.rule.id: [lv.id for lv in cr.rule.levels or []] for cr in pack.rules}
    dims = {d.id for d in pack.header.dimensions}
    facts = set(pack.facts) | set(pack.derived)
    for i, f in enumerate(a.findings):
        if f.rule not in rules or f.dimension not in dims:
            raise MigovError(_("no rule '{rule}' in pack {pack}").format(rule=f.rule, pack=pack.id), file=file, field=f"findings[{i}].rule")
        if f.level is not None and (f.level.levels != rules[f.rule] or not {f.level.reached, f.level.up_to} <= {None, *rules[f.rule]}):
            raise MigovError(_("the levels of rule '{rule}' differ from those of pack {pack}").format(rule=f.rule, pack=pack.id), file=file,
                             field=f"findings[{i}].level")
        for j, e in enumerate(f.evidence_data):
            for name in fact_ids(e):
                if name not in facts:
                    raise MigovError(_("unknown fact '{name}'").format(name=name), file=file, field=f"findings[{i}].evidence_data[{j}]")
    for i, d in enumerate(a.dimensions):
        if d.id not in dims:
            raise MigovError(_("unknown dimension '{dimension}'").format(dimension=d.id), file=file, field=f"dimensions[{i}].id")
    for i, x in enumerate(a.recommendations):
        if x.rule not in rules:
            raise MigovError(_("no rule '{rule}' in pack {pack}").format(rule=x.rule, pack=pack.id), file=file, field=f"recommendations[{i}].rule")


def embedded_profile(profile: Profile, pack: Pack) -> dict[str, Any]:
    """The validated profile as data a report carries (facts by their dotted ids)."""
    head: dict[str, Any] = {"id": profile.id, "name": profile.name, "kind": profile.kind, "pack": pack.id}
    if profile.language:
        head["language"] = profile.language
    if profile.period is not None:
        head["period"] = profile.period
    if profile.groups:
        head["groups"] = profile.groups
    head.update(provenance_keys(profile, pack))
    return {**head, **{k: profile.facts[k] for k in sorted(profile.facts)}}


def provenance_keys(profile: Profile, pack: Pack) -> dict[str, Any]:
    """The profile's ``as_of``, ``complete`` (non-empty lists marked complete) and ``sources``, as it wrote them."""
    out: dict[str, Any] = {}
    if profile.as_of is not None:
        out["as_of"] = profile.as_of
    complete = sorted(f for f, v in profile.facts.items() if isinstance(v, list) and v and f not in profile.incomplete
                      and pack.facts[f].type.value in ("list", "records"))
    if complete:
        out["complete"] = complete
    if profile.sources:
        out["sources"] = {s.id: {k: v for k, v in (("title", s.title), ("url", s.url), ("document", s.document), ("as_of", s.as_of),
                                                    ("facts", list(s.facts))) if v not in (None, [])} for s in profile.sources}
    return out
