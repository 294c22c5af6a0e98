"""Assess: one profile through one pack -> the assessment (the JSON contract, typed in :mod:`engine.assessment`).

The assessment is language-neutral: ids, statuses, scores, counts and the evidence as data; no sentence. Its texts are written in a language when it is rendered (:mod:`engine.render.localize`).
"""

from __future__ import annotations

import datetime as dt
import json
import os

from engine import __version__
from engine import assessment as m
from engine.assessment import Assessment
from engine.evaluate.findings import Evaluator, Finding, ReferenceEvaluator, findings, make_evaluator
from engine.evaluate.trace import Trace
from engine.figures import figures, num, round_to, summary_figures
from engine.pack.cache import files_digest
from engine.pack.compiled import Pack
from engine.pack.dated import dated_pack
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.pack.provenance import parse_date, stale_facts, year_of
from engine.records import record
from engine.tally import gains_from


def assess(pack: Pack, profile: Profile, engine: str = "auto", evaluator: Evaluator | None = None,
           with_evidence: bool = True, as_of: str | None = None) -> Assessment:
    """The language-neutral assessment of ``profile``; deterministic for the same inputs whichever engine runs.

    ``with_evidence=False`` leaves the evidence out (a batch summary that writes no report).
    ``as_of``: the assessment date (``--as-of``); else the profile's ``as_of``, its period, or today.
    """
    on, dated, found = _found(pack, profile, engine, evaluator, with_evidence, as_of)
    return build(dated, profile, found, on)


def _found(pack: Pack, profile: Profile, engine: str, evaluator: Evaluator | None, with_evidence: bool,
           as_of: str | None) -> tuple[str, Pack, list[Finding]]:
    """(the assessment date, the pack dated to it, the findings)."""
    on, dated, trace = _traced(pack, profile, engine, evaluator, as_of)
    return on, dated, findings(dated, profile, trace, with_evidence)


def _traced(pack: Pack, profile: Profile, engine: str, evaluator: Evaluator | None, as_of: str | None) -> tuple[str, Pack, Trace]:
    """(the assessment date, the pack dated to it, the evaluation of the profile's kind of rules)."""
    on = assessment_date(profile, as_of)
    dated = dated_pack(pack, year_of(on))  # parameters that take the assessment year
    if evaluator is None or dated is not pack:
        evaluator = make_evaluator(dated, "python" if isinstance(evaluator, ReferenceEvaluator) else engine)
    return on, dated, evaluator.evaluate(profile.open_facts(), kind=profile.kind)


@record
class Summary:
    """What a summary of one profile (a batch's row) holds: the assessment's score and dimensions, as :func:`assess` makes
    them, and its gaps' rule ids; no finding, recommendation or provenance is built."""

    score: m.Score
    dimensions: list[m.Dimension]
    gaps: list[str]


def summarize(pack: Pack, profile: Profile, engine: str = "auto", as_of: str | None = None) -> Summary:
    """The :class:`Summary` of ``profile``: the figures of :func:`assess`, without its evidence, findings or recommendations."""
    _on, dated, trace = _traced(pack, profile, engine, None, as_of)
    return Summary(*summary_figures(dated, profile, trace))


def file_digests(pack: Pack) -> tuple[tuple[str, bytes], ...]:
    """(name, sha256) of every file of the pack, in the order a report's inputs digest takes them.

    Read here, once per pack by the caller, so that rendering reads no pack file.
    """
    import hashlib  # OpenSSL loads slowly: only for the formats that show the digests

    order = sorted(pack.files, key=lambda p: os.path.basename(p) if os.path.dirname(p) == pack.root else f"rules/{os.path.basename(p)}")
    digests = []
    for p in order:
        with open(p, "rb") as fh:
            digests.append((os.path.basename(p), hashlib.sha256(fh.read()).digest()))
    return tuple(digests)


def pack_sha256(pack: Pack) -> str:
    """sha256 of the pack's files (their paths in the pack and their bytes) and of its tailoring: which copy
    of the pack an assessment was made with (``compare`` says when a JSON assessment names another)."""
    if id(pack) not in _SHA:
        tailoring = json.dumps(pack.tailoring["source"], sort_keys=True, default=str) if pack.tailoring else ""
        files = [(_in_pack(p, pack.root), p) for p in pack.files]
        _SHA[id(pack)] = (pack, files_digest(f"pack\0{tailoring}\0", sorted(files)))
    return _SHA[id(pack)][1]


_SHA: dict[int, tuple[Pack, str]] = {}  # id of a pack -> (the pack, its sha256): once per pack in a batch


def _in_pack(file: str, root: str) -> str:
    """A pack file's path in the pack (``rules/x.yaml``, with /), else its name: ``Path.relative_to(root).as_posix()``.

    >>> _in_pack("/p/rules/x.yaml", "/p"), _in_pack("/q/refs.yaml", "/p")
    ('rules/x.yaml', 'refs.yaml')
    """
    inside = os.path.isabs(file) == os.path.isabs(root) and os.path.commonpath([file, root]) == root
    return os.path.relpath(file, root).replace(os.sep, "/") if inside else os.path.basename(file)


def build(pack: Pack, profile: Profile, found: list[Finding], as_of: str | None = None) -> Assessment:
    """The assessment of ``found``, constructed without validation: every value is the engine's own, of the
    model's types (untrusted assessments, read from JSON or a report, are validated by :func:`read_assessment`).
    Language-neutral: the texts (titles, evidence, recommendations, sources' passages) are left empty."""
    as_gap = pack.header.scoring.unknown == "gap"
    fig = figures(pack, profile, found)
    items, sums, weights, dimensions = fig.items, fig.sums, fig.weights, fig.dimensions
    out_findings = []
    for f, lv in zip(found, fig.levels, strict=True):
        r = f.rule.rule
        out_findings.append(m.Finding(
            rule=r.id, dimension=r.dimension, title="", status=f.status if f.status.__class__ is Status else Status(f.status),
            weight=num(r.weight), evidence=[], recommendation="", sources={}, evidence_data=list(f.evidence), level=lv))
    closed = gains_from(sums, items, weights, as_gap)
    gains = [(closed[i.rule], i) for i in items if i.status == Status.gap]
    gains.sort(key=lambda gi: (-round(gi[0], 9), gi[1].rule))
    recommendations = [m.Recommendation(rule=i.rule, dimension=i.dimension, title="", text="", score_gain=round_to(g)) for g, i in gains]
    _gain_ranges(recommendations, dimensions, gains_from(sums, items, weights, as_gap, resolved=True), closed)
    out = Assessment(
        migov_version=__version__,
        schema_version=m.SCHEMA_VERSION,
        pack=m.PackRef(id=pack.id, version=pack.version, sha256=pack_sha256(pack)),
        tailoring=_tailoring(pack),
        profile=m.ProfileRef(id=profile.id, name=profile.name, kind=profile.kind, period=profile.period),
        language="",
        score=fig.score,
        dimensions=dimensions,
        findings=out_findings,
        recommendations=recommendations,
        lenses=None,
    )
    out.assessed_on = assessment_date(profile, as_of)
    out.provenance = provenance(pack, profile, out.assessed_on)
    return out


def _gain_ranges(recs: list[m.Recommendation], dims: list[m.Dimension], resolved: dict[str, float], now: dict[str, float]) -> None:
    """A gap's gain as its range (least–most, whatever the unknowns are) where its dimension is not rated."""
    unrated = {d.id for d in dims if d.withheld or d.too_few or d.rating_range}
    for r in recs:
        low, high = sorted((round_to(resolved[r.rule]) or 0.0, round_to(now[r.rule]) or 0.0))
        if r.dimension in unrated and low != high:
            r.gain_range = [low, high]


def assessment_date(profile: Profile, as_of: str | None = None) -> str:
    """The date the assessment speaks of: ``--as-of``, else the profile's ``as_of``, else its period, else today."""
    if as_of or profile.as_of:
        return str(as_of or profile.as_of)
    year = year_of(profile.period)
    return str(year) if year is not None else dt.date.today().isoformat()


def provenance(pack: Pack, profile: Profile, assessed_on: str) -> m.Provenance:
    years = pack.header.scoring.stale_after_years
    lasting = frozenset(f for f, d in pack.facts.items() if not d.ages)
    stale, stale_f = stale_facts(profile.sources, profile.facts, parse_date(assessed_on), years, lasting)
    sources = [m.Source(id=s.id, title=s.title, url=s.url, document=s.document, as_of=s.as_of,
                                        facts=list(s.facts), stale=s.id in stale) for s in profile.sources]
    return m.Provenance(facts_as_of=profile.as_of, sources=sources, stale_after_years=None if years is None else num(years),
                                        stale_facts=sorted(stale_f), incomplete_lists=sorted(profile.incomplete))


def _tailoring(pack: Pack) -> m.Tailoring | None:
    """The tailoring the pack was adapted by; its texts (title, reasons) are written when the assessment is rendered."""
    t = pack.tailoring
    if t is None:
        return None
    return m.Tailoring(id=t["id"], title="" if t["title"] else None,
                       changes=[m.Change(kind=c["kind"], target=c["target"], from_=c["from"], to=c["to"], reason="") for c in t["changes"]])
