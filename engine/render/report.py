"""The report model: what a person reads, built once from an assessment, for HTML and Markdown.

Narrative paragraphs, the shortest path to the next band, recommendations with the titles of the GCM
objectives and SDG targets they serve, findings by dimension, the questions to answer for the
unknowns, and the method note. Templates in reports/ only lay it out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from engine import __version__
from engine.assessment import Assessment, Citations, Finding, LensView
from engine.i18n import format_number, format_percent, translate
from engine.pack.compiled import Pack
from engine.pack.levels import span
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.plaindata import plain_data
from engine.render import alike, summary
from engine.render.cited import citations
from engine.render.localize import embedded_profile
from engine.render.verdict import gain_text, rating_text, score_text, unrated, verdict
from engine.score import Scored, next_band

MISSING: Any = object()
SYMBOLS = {"met": "✓", "gap": "✗", "unknown": "?", "not_applicable": "–"}
STATUS_LABELS = {"met": "met", "gap": "gap", "unknown": "unknown", "not_applicable": "not applicable"}


def build_report(a: Assessment, pack: Pack, profile: Profile, lens_packs: Mapping[str, Pack] | None = None, fmt: str = "html",
                 assessment: dict[str, Any] | None = None, shared: dict[str, Any] | None = None) -> dict[str, Any]:
    """The report model; ``lens_packs`` are the target packs of the assessment's lenses, by pack id; ``fmt``: the format
    the command line that reproduces the report names; ``assessment``: ``a.to_data()`` when the caller has it already
    (its findings' and dimensions' data are taken from it instead of being built again); ``shared``: what the reports of
    the same assessment in other languages worked out (:attr:`engine.render.neutral.Neutral.report`), filled here."""
    lang = a.language
    plain = _plain_parts(a, assessment)

    def t(s: str) -> str:
        return translate(s, lang)

    def num(x: float | None) -> str:
        return format_number(x, lang)

    bands = {b.id: pack.text(b.title, lang) for b in pack.header.ratings}
    dims = {d.id: d for d in a.dimensions}
    findings_by_dim: dict[str, list[Finding]] = {d: [] for d in dims}
    for f in a.findings:
        findings_by_dim[f.dimension].append(f)
    by_rule = {f.rule: f for f in a.findings}

    def sources(s: dict[str, Citations]) -> dict[str, Any]:
        return {"seed": s["seed"], "schemes": citations(pack, s, lang)}

    narrative = summary.narrative(a, pack, lang)

    path = shared.get("next_band", MISSING) if shared is not None else MISSING
    if path is MISSING:
        path = _next_band(a, pack)
        if shared is not None:
            shared["next_band"] = path
    overall = a.score.overall
    if unrated(a.score) and (a.score.coverage or 0) > 0:  # a band would say more than the evidence: the facts come first
        # the summary's first sentence already says there is no band and why: this one says only what to do next
        next_sentence = t("The next step: collect the facts listed under “Data to collect”.")
    elif overall is None:
        next_sentence = t("No overall score yet: the facts the criteria need are unknown.")
    elif path is None:
        higher = [b for b in pack.header.ratings if b.min > overall + 1e-9]
        next_sentence = (t("The overall score is in the highest band.") if not higher else
                         t("Closing every gap would not reach the band “{band}”; resolving the unknowns may.").format(band=pack.text(higher[0].title, lang)))
    else:
        chosen, after, band = path
        next_sentence = summary.plural("Closing {n} gap would lift the overall score from {before} to {after}, into the band “{band}”: {gaps}.",
                                       "Closing {n} gaps would lift the overall score from {before} to {after}, into the band “{band}”: {gaps}.",
                                       len(chosen), lang, gaps=_named(chosen, by_rule, lang), before=num(overall), after=num(after), band=pack.text(band.title, lang))

    recommendations = [{"rank": i, "rule": r.rule, "title": r.title, "text": r.text, "gain": gain_text(r, lang),
                        "dimension": dims[r.dimension].title, "sources": sources(by_rule[r.rule].sources)}
                       for i, r in enumerate(a.recommendations, 1)]

    questions: dict[str, list[str]] = {}
    for cr in pack.rules:
        if by_rule[cr.rule.id].status != Status.unknown:
            continue
        for fact in sorted(cr.requires):
            if fact not in profile.facts:
                questions.setdefault(fact, []).append(cr.rule.id)
    to_collect = [{"fact": fact, "question": pack.text(pack.facts[fact].question, lang),
                   "help": pack.text(pack.facts[fact].help, lang), "rules": rs} for fact, rs in questions.items()]

    def row(f: Finding) -> dict[str, Any]:  # a finding other profiles share (engine.render.alike): its row made once
        held = alike.entry(f)
        if held is not None and held.row is not None and held.row[0] is pack:
            return held.row[1]
        made = {**plain(f), "symbol": SYMBOLS[f.status.value], "status_label": t(STATUS_LABELS[f.status.value]),
                "sources": sources(f.sources), "row_key": _row_key(f)}
        if held is not None:
            held.row = (pack, made)
        return made

    findings = []
    for d in a.dimensions:
        rows = [row(f) for f in findings_by_dim[d.id] if f.status != Status.not_applicable]
        na = [f.rule for f in findings_by_dim[d.id] if f.status == Status.not_applicable]
        findings.append({"id": d.id, "title": d.title, "score": score_text(d, lang), "rating": verdict(d, bands, lang).rating,
                         "findings": rows, "not_applicable": na})

    policy = (t("This pack counts an unknown criterion as not met in the score, as its method requires; the findings still show it as unknown.")
              if pack.header.scoring.unknown == "gap" else
              t("An unknown criterion is left out of the score: not knowing is not the same as failing. The range shows where the score would lie if the unknowns were resolved."))
    band_list = "; ".join(f"{pack.text(b.title, lang)} ≥ {num(b.min)}" for b in pack.header.ratings)
    method = [
        t("Each criterion of the rule pack is met, a gap (not met, with the facts known), unknown (a fact it needs is missing) or not applicable to this kind of profile."),
        t("A dimension’s score is the weight of its criteria met divided by the weight of its criteria assessed, times 100. The overall score is the weighted mean of the dimension scores."),
        t("Coverage is the share of applicable criteria whose facts are known."),
        policy,
        t("Ratings come from the pack’s bands: {bands}.").format(bands=band_list),
        t("A recommendation’s gain is how much the overall score would rise if that gap alone were closed."),
    ]
    if a.tailoring:
        method.append(t("The rule pack was tailored for this assessment; the summary lists every change and its reason."))

    s = a.score
    return {
        "lang": lang,
        "profile": plain_data(a.profile), "kind": pack.kind_label(a.profile.kind, lang),
        "pack": plain_data(a.pack), "pack_title": pack.text(pack.header.title, lang), "migov_version": a.migov_version,
        "overall": score_text(s, lang), "rating": verdict(s, bands, lang).rating, "rating_id": s.rating,
        "coverage": format_percent(s.coverage, lang), "best": num(s.best_case), "worst": num(s.worst_case),
        "has_unknowns": any(f.status == Status.unknown for f in a.findings),
        "dimensions": [{**plain(d), "score_text": score_text(d, lang),
                        "rating_title": verdict(d, bands, lang).rating} for d in a.dimensions],  # a withheld rating: its range
        "result": summary.overall_result(a, pack, lang), "actions": summary.key_actions(a, pack, lang),
        "status": summary.dimension_status(a, pack, profile, lang), "about": summary.about(a, pack, profile, lang, fmt),
        "narrative": narrative, "next_band": next_sentence, "recommendations": recommendations,
        "findings": findings, "to_collect": to_collect, "method": method,
        "bands": [{"min": b.min, "title": pack.text(b.title, lang)} for b in pack.header.ratings],
        "lenses": [_lens(lens, (lens_packs or {}).get(lens.pack.id), lang) for lens in a.lenses or []],
        "tailoring": plain_data(a.tailoring) if a.tailoring else None,
        "change_kinds": {"deselect": t("rule"), "weight": t("weight of rule"), "dimension_weight": t("weight of dimension"),
                         "parameter": t("parameter"), "rating": t("rating band")},
    }


def _row_key(f: Finding) -> tuple[Any, ...]:
    """Every text a finding's row in the findings table writes but its sources' citations (the template's ``finding_row``;
    its symbol and label follow from its status): the row is laid out once per key, language and citations."""
    return (f.rule, f.title, f.status.value, tuple(f.evidence), f.sources["seed"])


def _next_band(a: Assessment, pack: Pack) -> Any:
    """The fewest gaps to close to reach the next band (:func:`engine.score.next_band`): the same in every language."""
    rules = {cr.rule.id: cr.rule for cr in pack.rules}
    items = [Scored(f.rule, f.dimension, f.status, f.weight, *((None, 1.0) if f.level is None else span(rules[f.rule], f.level.reached, f.level.up_to)))
             for f in a.findings]
    weights = {d.id: d.weight for d in pack.header.dimensions}
    return next_band(items, weights, pack.header.ratings, pack.header.scoring.unknown == "gap")


def _plain_parts(a: Assessment, data: dict[str, Any] | None) -> Callable[[Any], Any]:
    """``plain_data`` of a finding or dimension of ``a``: its entry in ``data`` (``a.to_data()``, the same value) when given."""
    if data is None:
        return plain_data
    known = {id(x): v for xs, vs in ((a.findings, data["findings"]), (a.dimensions, data["dimensions"])) for x, v in zip(xs, vs, strict=True)}

    def plain(part: Any) -> Any:
        found = known.get(id(part))
        return plain_data(part) if found is None else found

    return plain


def _cited(sources: dict[str, Citations], scheme: str) -> list[int | str]:
    cited = sources.get(scheme, [])
    return cited if isinstance(cited, list) else []


def _lens(lens: LensView, target: Pack | None, lang: str) -> dict[str, Any]:
    """A lens as the report shows it; without its pack (not handed in), a band is shown by its id."""
    bands = {b.id: target.text(b.title, lang) for b in target.header.ratings} if target is not None else {}
    return {**plain_data(lens), "score_text": score_text(lens.score, lang), "rating_title": rating_text(lens.score, bands, lang),
            "dimensions": [{**plain_data(d), "score_text": score_text(d, lang)} for d in lens.dimensions]}


FileDigests = tuple[tuple[str, bytes], ...]
"""(name, sha256) of each file of a pack, in the order the inputs digest takes them (``engine.assess.file_digests``)."""


def inputs_digest(files: FileDigests, profile_data: dict[str, Any]) -> str:
    """sha256 of the profile's facts and of every file of the pack (content, not paths on disk)."""
    h = hashlib.sha256()
    h.update(json.dumps(profile_data, sort_keys=True, ensure_ascii=False).encode())
    for name, digest in files:
        h.update(name.encode() + b"\0" + digest)
    return h.hexdigest()


def embedded_data(a: Assessment, pack: Pack, profile: Profile, files: FileDigests, assessment: dict[str, Any] | None = None,
                  shared: dict[str, Any] | None = None) -> dict[str, Any]:
    """What an HTML report carries; ``assessment``: ``a.to_data()`` when the caller has it already; ``shared``: as
    :func:`build_report`'s (the inputs and their digest, the same in every language)."""
    out: dict[str, Any] | None = shared.get("embedded") if shared is not None else None
    if out is None:
        data = embedded_profile(profile, pack)
        tailoring = pack.tailoring["source"] if pack.tailoring else None
        digest = inputs_digest(files, {"profile": data, "tailoring": tailoring} if tailoring else data)
        out = {"migov_version": __version__, "pack": plain_data(a.pack), "inputs_sha256": digest, "profile": data}
        if tailoring:
            out["tailoring"] = tailoring
        if shared is not None:
            shared["embedded"] = out
    whole = a.to_data() if assessment is None else assessment
    return out | {"assessment": {k: v for k, v in whole.items() if k != "inputs"}}  # its inputs are the report's own, above


def _named(rules: list[str], by_rule: dict[str, Finding], lang: str, shown: int = 3) -> str:
    """The first ``shown`` criteria by their titles in words, then how many more (“A”, “B”, “C” and 6 more)."""
    return summary.examples([by_rule[r].title for r in rules], lang, shown)
