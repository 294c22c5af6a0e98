"""Assess: one profile through one pack -> the assessment (the JSON contract, typed in :mod:`engine.assessment`)."""

from __future__ import annotations

import hashlib
from typing import Any

from engine import __version__
from engine import assessment as m
from engine.assessment import Assessment
from engine.evaluate.findings import Evaluator, Finding, findings, make_evaluator
from engine.pack.compiled import Pack
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.score import Scored, coverage, dimension_score, overall_of, rating, score_gains, with_status


def _num(x: float) -> float | int:
    """Integral weights print as integers (2, not 2.0)."""
    return int(x) if float(x).is_integer() else x


def _round(x: float | None, digits: int = 1) -> float | None:
    return None if x is None else round(x + 0.0, digits)


def assess(pack: Pack, profile: Profile, lang: str | None = None, engine: str = "durable", evaluator: Evaluator | None = None,
           with_evidence: bool = True) -> Assessment:
    """The assessment of ``profile``; deterministic for the same inputs whichever engine runs.

    ``with_evidence=False`` leaves the evidence sentences empty (a batch summary that writes no report).
    """
    lang = lang or profile.language or "en"
    if lang not in pack.header.languages:
        lang = pack.header.languages[0]
    ev = evaluator or make_evaluator(pack, engine)
    found = findings(pack, profile, ev.evaluate(profile.facts), lang, with_evidence)
    return build(pack, profile, found, lang)


def file_digests(pack: Pack) -> tuple[tuple[str, bytes], ...]:
    """(name, sha256) of every file of the pack, in the order a report's inputs digest takes them.

    Read here, once per pack by the caller, so that rendering reads no pack file.
    """
    order = sorted(pack.files, key=lambda p: p.name if p.parent == pack.root else f"rules/{p.name}")
    return tuple((p.name, hashlib.sha256(p.read_bytes()).digest()) for p in order)


def build(pack: Pack, profile: Profile, found: list[Finding], lang: str) -> Assessment:
    """The assessment of ``found``, constructed without validation: every value is the engine's own, of the
    model's types (untrusted assessments, read from JSON or a report, are validated by :func:`read_assessment`)."""
    as_gap = pack.header.scoring.unknown == "gap"
    items = [Scored(f.rule.rule.id, f.rule.rule.dimension, f.status, f.rule.rule.weight) for f in found]
    weights = {d.id: d.weight for d in pack.header.dimensions}
    bands = pack.header.ratings
    overall = overall_of(items, weights, as_gap)
    unknowns = {i.rule: Status.met for i in items if i.status == Status.unknown}
    best = overall_of(with_status(items, unknowns), weights, as_gap)
    worst = overall_of(with_status(items, {r: Status.gap for r in unknowns}), weights, as_gap)
    dimensions = []
    for d in pack.header.dimensions:
        mine = [i for i in items if i.dimension == d.id]
        s = dimension_score(mine, as_gap)
        n = {st: sum(1 for i in mine if i.status == st) for st in Status}
        dimensions.append(m.Dimension(
            id=d.id, title=pack.text(d.title, lang), weight=_num(d.weight), score=_round(s), rating=rating(s, bands),
            coverage=_round(coverage(mine), 2),
            counts=m.Counts(met=n[Status.met], gap=n[Status.gap], unknown=n[Status.unknown], not_applicable=n[Status.not_applicable]),
        ))
    out_findings = []
    for f in found:
        r = f.rule.rule
        out_findings.append(m.Finding(
            rule=r.id, dimension=r.dimension, title=pack.text(r.title, lang), status=Status(f.status), weight=_num(r.weight),
            evidence=list(f.evidence), recommendation=pack.text(r.recommendation, lang),
            sources={**pack.cited(r.sources), "seed": r.sources.seed if isinstance(r.sources.seed, str) else pack.text(r.sources.seed, lang)},
        ))
    closed = score_gains(items, weights, as_gap)
    gains = [(closed[i.rule], i) for i in items if i.status == Status.gap]
    gains.sort(key=lambda gi: (-round(gi[0], 9), gi[1].rule))
    by_id = {f.rule.rule.id: f.rule.rule for f in found}
    recommendations = [
        m.Recommendation(rule=i.rule, dimension=i.dimension, title=pack.text(by_id[i.rule].title, lang),
                                         text=pack.text(by_id[i.rule].recommendation, lang), score_gain=_round(g))
        for g, i in gains
    ]
    return Assessment(
        migov_version=__version__,
        pack=m.PackRef(id=pack.id, version=pack.version),
        tailoring=_tailoring(pack, lang),
        profile=m.ProfileRef(id=profile.id, name=profile.name, kind=profile.kind, period=profile.period),
        language=lang,
        score=m.Score(
            overall=_round(overall), rating=rating(overall, bands), coverage=_round(coverage(items), 2),
            best_case=_round(best), worst_case=_round(worst), unknown_policy=pack.header.scoring.unknown,
        ),
        dimensions=dimensions,
        findings=out_findings,
        recommendations=recommendations,
        lenses=None,
    )


def _tailoring(pack: Pack, lang: str) -> m.Tailoring | None:
    """The tailoring the pack was adapted by, its texts in ``lang``."""
    t = pack.tailoring
    if t is None:
        return None

    def text(v: Any) -> Any:
        return pack.text(v, lang) if isinstance(v, dict) else v

    return m.Tailoring(
        id=t["id"], title=text(t["title"]) if t["title"] else None,
        changes=[m.Change(kind=c["kind"], target=c["target"], from_=c["from"], to=c["to"], reason=text(c["reason"]))
                 for c in t["changes"]])
