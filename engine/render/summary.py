"""What every report says first, in words, from the assessment alone: one source for HTML, PDF, Markdown and text.

The overall result with its evidence (:func:`overall_result`, the one place that reads coverage and the
range), the three key actions (:func:`key_actions`), each dimension's criteria in place, missing and unknown
(:func:`dimension_status`), the narrative (:func:`narrative`, built from the same findings as the tables), and
what the report rests on: dates, pack, sources, disclaimer and the command that reproduces it (:func:`about`).
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any

from engine.assessment import Assessment, Finding
from engine.i18n import catalogue, format_number, format_percent, translate
from engine.pack.compiled import Pack
from engine.pack.model import Status
from engine.pack.profiles import Profile
from engine.render.cited import basis
from engine.render.provenance import fact_sources
from engine.render.verdict import gain_text, score_text, unrated, verdict
from engine.render.wording import date_words, run_in

KEY_ACTIONS = 3
DISCLAIMER = ("This report is a self-assessment aid produced from the facts of the profile. It is not a ranking of countries or partnerships, "
              "nor an official classification, and it does not replace the official reporting of any framework it cites.")
MAX_EXAMPLES = 2


def plural(singular: str, plural_: str, n: int, lang: str, **values: object) -> str:
    """A message with a count, in the plural form ``lang`` takes for ``n`` (French: 0 and 1 singular), formatted with ``n``."""
    return catalogue(lang).ngettext(singular, plural_, n).format(n=n, **values)


def overall_result(a: Assessment, pack: Pack, lang: str) -> dict[str, Any]:
    """The overall result as every report shows it: score, rating, evidence coverage and the range the unknowns
    allow, with the sentence that says it. The only place reports read these fields of ``a.score``."""
    s = a.score
    def t(message: str) -> str:
        return translate(message, lang)

    def num(x: float | None) -> str:
        return format_number(x, lang)

    bands = {b.id: pack.text(b.title, lang) for b in pack.header.ratings}
    v = verdict(s, bands, lang)
    out = {"score": f"{num(s.worst_case)}–{num(s.best_case)}" if unrated(s) else num(s.overall), "rating": v.rating, "rating_id": s.rating,
           "coverage": format_percent(s.coverage, lang), "worst": num(s.worst_case), "best": num(s.best_case),
           "has_range": s.best_case is not None and s.worst_case is not None and s.best_case - s.worst_case > 1e-9,
           "withheld": unrated(s), "confidence": v.confidence, "facts_to_collect": s.facts_to_collect}
    if s.too_few and not s.withheld and (s.coverage or 0) > 0:  # too few criteria assessed: no point score, no band
        sentence = plural("No rating: too few criteria are assessed to rate. Until the {n} missing fact is collected, the score can only be said to lie between {worst} and {best}.",
                          "No rating: too few criteria are assessed to rate. Until the {n} missing facts are collected, the score can only be said to lie between {worst} and {best}.",
                          s.facts_to_collect, lang, worst=out["worst"], best=out["best"])
    elif s.withheld:  # a rating is never stronger than its evidence: no point score, no band
        sentence = plural("No rating: only {coverage} of the facts the criteria need are known ({confidence}). Until the {n} missing fact is collected, the score can only be said to lie between {worst} and {best}.",
                          "No rating: only {coverage} of the facts the criteria need are known ({confidence}). Until the {n} missing facts are collected, the score can only be said to lie between {worst} and {best}.",
                          s.facts_to_collect, lang, coverage=out["coverage"], confidence=v.confidence, worst=out["worst"], best=out["best"])
    elif s.overall is None or unrated(s):
        sentence = t("No overall score yet: the facts the criteria need are unknown.")
    elif s.rating_range:  # the unknowns could put it in either of two bands: neither is said alone
        low, high = (bands.get(b, b) for b in s.rating_range)
        sentence = t("Overall score {score} / 100, between the bands {low} and {high}: {coverage} of the facts the criteria need are known, and if the unknowns were resolved, the score would lie between {worst} and {best}.").format(
            low=low, high=high, **out)
    elif out["has_range"]:
        sentence = t("Overall score {score} / 100 ({rating}). {coverage} of the facts the criteria need are known; if the unknowns were resolved, the score would lie between {worst} and {best}.").format(**out)
    else:
        sentence = t("Overall score {score} / 100 ({rating}). Every fact the criteria need is known.").format(**out)
    return {**out, "sentence": sentence}


def key_actions(a: Assessment, pack: Pack, lang: str, n: int = KEY_ACTIONS) -> list[dict[str, Any]]:
    """The first ``n`` recommendations in words: the action, the criterion and dimension it changes, the most it
    adds to the overall score, and its basis; the rule code only as a reference."""
    by_rule = {f.rule: f for f in a.findings}
    dims = {d.id: d.title for d in a.dimensions}
    out = []
    for i, r in enumerate(a.recommendations[:n], 1):
        f = by_rule.get(r.rule)
        said = ("Would change the criterion “{criterion}” in {dimension}: +{low} to +{high} points on the overall score, as the unknowns turn out."
                if r.gain_range else "Would change the criterion “{criterion}” in {dimension}: at most +{gain} points on the overall score.")
        low, high = (format_number(x, lang) for x in r.gain_range or (None, None))
        changes = translate(said, lang).format(criterion=r.title, dimension=dims.get(r.dimension, r.dimension),
                                               gain=format_number(r.score_gain, lang), low=low, high=high)
        out.append({"rank": i, "rule": r.rule, "text": r.text, "criterion": r.title, "dimension": dims.get(r.dimension, r.dimension),
                    "gain": gain_text(r, lang), "changes": changes, "basis": basis(f.sources, pack, lang) if f else []})
    return out


def dimension_status(a: Assessment, pack: Pack, profile: Profile, lang: str) -> list[dict[str, Any]]:
    """Per dimension: the criteria in place (met), missing (gaps) and unknown, with the questions that would settle them."""
    facts_of = {cr.rule.id: sorted(f for f in cr.requires if f not in profile.facts) for cr in pack.rules}
    out = []
    for d in a.dimensions:
        mine = [f for f in a.findings if f.dimension == d.id]
        unknown = [f for f in mine if f.status == Status.unknown]
        facts = sorted({fact for f in unknown for fact in facts_of.get(f.rule, [])})
        out.append({"id": d.id, "title": d.title, "score": score_text(d, lang),
                    "in_place": run_in([f.title for f in mine if f.status == Status.met], lang),  # run in after « : », between « ; »
                    "missing": run_in([f.title for f in mine if f.status == Status.gap], lang),
                    "unknown": run_in([f.title for f in unknown], lang),
                    "questions": [pack.text(pack.facts[x].question, lang) for x in facts if x in pack.facts]})
    return out


DEFAULT_NARRATIVE = {  # for a pack without narrative templates: the engine's own sentences, through the catalogue
    "well_developed": "{dimension} is a well-developed area ({score}): {met_clause}.",
    "potential": "{dimension} has potential for further development ({score}): {gap_clause}.",
    "not_assessed": "{dimension} could not be assessed yet: the facts are unknown for {unknown_clause}.",
}
WELL_DEVELOPED_FROM = 80.0


def narrative(a: Assessment, pack: Pack, lang: str) -> dict[str, Any]:
    """The sentences of "findings at a glance", from the same counts and findings as the tables: a dimension with a
    gap is never well developed and always among those with potential; one without a known gap but below the
    threshold is not yet assessed; the sentences for an empty list are chosen from the same findings (``empty``),
    and ``ids`` says which dimension went where."""
    out: dict[str, Any] = {"well_developed": [], "potential": [], "not_assessed": [],
                           "ids": {"well_developed": [], "potential": [], "not_assessed": []}}
    nar = pack.header.narrative

    def said(key: str, **values: object) -> str:
        """The sentence ``key`` (a pack's template: names only, refused in one line otherwise) filled with ``values``."""
        if nar is None:
            return translate(DEFAULT_NARRATIVE[key], lang).format(**values)
        from engine.pack.placeholders import fill  # a pack's own sentences: only a report that writes them

        return fill(pack.text(getattr(nar, key), lang), values, os.path.join(pack.root, "pack.yaml"), f"narrative.{key}.{lang}")

    threshold = nar.well_developed_from if nar is not None else WELL_DEVELOPED_FROM
    band_min = {b.id: b.min for b in pack.header.ratings}
    # well developed only as the table rates it: a band (robust, enough criteria, enough evidence) that starts at the threshold
    # (or two bands that both start there: every resolution of the unknowns keeps it well developed)
    lowest = {d.id: d.rating if d.rating is not None else (d.rating_range[0] if d.rating_range else None) for d in a.dimensions}
    rated_well = {i for i, low in lowest.items() if low is not None and band_min.get(low, 0) + 1e-9 >= threshold}
    for d in a.dimensions:
        c = d.counts
        known = c.met + c.gap
        if c.met + c.gap + c.unknown == 0:
            continue
        mine = [f for f in a.findings if f.dimension == d.id]
        values = {"dimension": d.title, "score": score_text(d, lang), "met": c.met, "gaps": c.gap, "unknown": c.unknown, "known": known,
                  "met_clause": plural("{n} criterion met", "{n} criteria met", c.met, lang) + " " + _of_known(known, lang),
                  "gap_clause": plural("{n} criterion not yet met", "{n} criteria not yet met", c.gap, lang) + " " + _of_known(known, lang),
                  "unknown_clause": plural("{n} criterion", "{n} criteria", c.unknown, lang)}
        if c.gap > 0:
            top = nar is not None and nar.potential_well_developed is not None and d.id in rated_well
            name = "potential_well_developed" if top else "potential"
            key, sentence = "potential", said(name, examples=examples(_titles(mine, Status.gap), lang), **values)
        elif known == 0:
            key, sentence = "not_assessed", said("not_assessed", examples="", **values)
        elif d.id in rated_well:  # too little evidence, too few criteria or a band the unknowns may change: never "well developed"
            key, sentence = "well_developed", said("well_developed", examples=examples(_titles(mine, Status.met), lang), **values)
        elif d.too_few and not d.withheld:
            key, sentence = "not_assessed", plural("{dimension} ({score}): only {n} criterion assessed, too few to rate.",
                                                   "{dimension} ({score}): only {n} criteria assessed, too few to rate.", known, lang,
                                                   dimension=d.title, score=values["score"])
        else:
            key, sentence = "not_assessed", plural("{dimension} ({score}): no known gap, but {n} criterion is still unknown.",
                                                   "{dimension} ({score}): no known gap, but {n} criteria are still unknown.", c.unknown, lang,
                                                   dimension=d.title, score=values["score"])
        out[key].append(sentence)
        out["ids"][key].append(d.id)
    any_gap = any(f.status == Status.gap for f in a.findings)
    reached = rated_well - set(out["ids"]["well_developed"])  # rated so, but with a gap: said with potential
    out["empty"] = {"well_developed": translate("No dimension is well developed without a known gap yet." if reached else
                                                "No dimension reaches the well-developed level yet.", lang),
                    "potential": "" if any_gap else translate("No dimension has known gaps.", lang)}
    return out


def _of_known(known: int, lang: str) -> str:
    return plural("out of {n} assessed", "out of {n} assessed", known, lang)


def _titles(findings: list[Finding], status: Status) -> list[str]:
    return [f.title for f in findings if f.status == status]


def quoted(titles: list[str], lang: str, *, complete: bool = False) -> str:
    """Titles in the language's quotation marks, separated by commas (“A”, “B”; « A », « B »). ``complete``: the
    list ends the sentence, so French joins its last two with « et » (« A » et « B »); English is unchanged."""
    items = [translate("“{title}”", lang).format(title=x) for x in titles]
    if complete and len(items) > 1:
        return translate("{first} and {last}", lang).format(first=", ".join(items[:-1]), last=items[-1])
    return ", ".join(items)


def examples(titles: list[str], lang: str, shown: int = MAX_EXAMPLES) -> str:
    """The first ``shown`` titles of a list, then how many more, as a sentence ends: “A”, “B” and 3 more; “A” and “B”."""
    rest = len(titles) - shown
    if rest <= 0:
        return quoted(titles, lang, complete=True)
    return quoted(titles[:shown], lang) + plural(" and {n} more", " and {n} more", rest, lang)


def assessment_date() -> str:
    """The date of the assessment: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC) if epoch.isdigit() else _dt.datetime.now(_dt.UTC)
    return when.date().isoformat()


def about(a: Assessment, pack: Pack, profile: Profile, lang: str, fmt: str) -> dict[str, Any]:
    """What the report rests on: dates, the pack in words, the profile's sources of its facts (``facts``: see
    :func:`engine.render.provenance.fact_sources`), the references cited, the disclaimer and the command line."""
    def t(message: str) -> str:
        return translate(message, lang)

    as_of = getattr(profile, "as_of", None)
    facts_date = str(as_of) if as_of else (str(profile.period) if profile.period is not None else None)
    sources: set[str] = set()
    for f in a.findings:
        if f.status != Status.not_applicable:
            sources.update(basis(f.sources, pack, lang))
    command = ["migov", "assess", t("PROFILE"), "--rules", a.pack.id,
               "--lang", lang, "--format", fmt]
    if a.tailoring is not None:
        command += ["--tailoring", f"{a.tailoring.id}.yaml"]
    for lens in a.lenses or []:
        command += ["--lens", lens.lens]
    if fmt in ("html", "pdf"):
        command += ["-o", f"report.{fmt}"]
    return {
        "assessed_on": date_words(a.assessed_on or (str(as_of) if as_of else assessment_date()), lang),  # an assessment read back may lack its date
        "facts_date": date_words(facts_date, lang) if facts_date else t("not stated in the profile"),
        "pack": t("{title}, version {version} (rule pack “{id}”)").format(title=pack.text(pack.header.title, lang), version=a.pack.version, id=a.pack.id),
        "migov": t("migov version {version}").format(version=a.migov_version),
        "facts": fact_sources(a, pack, profile, lang),
        "sources": sorted(sources),
        "disclaimer": t(DISCLAIMER),
        "command": " ".join(command),
        "command_note": t("PROFILE is the file of the profile “{id}” (YAML, workbook, or a report that carries it).").format(id=a.profile.id),
    }
