"""The narrative never contradicts its table: for every bundled profile, in every language and every format (the PDF is
its HTML page printed), each sentence that speaks of a band agrees with the rating the table shows for that dimension.

A dimension is called well developed (alone, or "well developed and still has potential") only when the table rates it
in a band that starts at the narrative's threshold; "No dimension reaches the well-developed level yet" stands only when
no dimension is rated so; a dimension said not yet assessable (or too thin to rate) shows no band; and the overall
sentence names the rating the overall result shows."""

import html as htmllib
import re

import pytest

from engine.assess import file_digests
from engine.authoring.intake import assessed
from engine.i18n import translate
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from engine.render import html, markdown, text
from engine.render.summary import narrative, overall_result
from engine.render.verdict import score_text, verdict
from tests.helpers import PROFILES

LANGS = ["en", "fr", "es"]
FORMATS = ["text", "markdown", "html", "pdf"]


def _pack_of(path):
    return "sdg-10-7-2" if "\npack: sdg-10-7-2" in path.read_text(encoding="utf-8") else "idm2018"


def _flat(s):
    """Text as a reader sees it: entities decoded, Markdown's escapes and emphasis dropped, every space one space."""
    s = htmllib.unescape(re.sub(r"<[^>]+>", " ", s)).replace("\\", "").replace("**", "")
    return re.sub(r"[\s\u00a0\u202f\u200b]+", " ", s)


_CACHE = {}


def _case(path, lang):
    key = (path, lang)
    if key not in _CACHE:
        pack = load_pack(_pack_of(path))
        profile = load_profile(path, pack)
        a = assessed(pack, profile, lang, engine="python")
        _CACHE[key] = (pack, profile, a)
    return _CACHE[key]


def _render(fmt, pack, profile, a):
    if fmt == "text":
        return text.render(a, pack, width=100, profile=profile)
    if fmt == "markdown":
        return markdown.render(a, pack, profile)
    return html.render(a, pack, profile, file_digests(pack), fmt="html" if fmt == "html" else "pdf")


def _prefix(template, d, lang):
    """A narrative template's words up to its first counted clause, for dimension ``d``: what the sentence claims of it."""
    head = re.split(r"\{(?:met_clause|gap_clause|unknown_clause|examples)\}", template)[0]
    return head.format(dimension=d.title, score=score_text(d, lang))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_every_band_sentence_agrees_with_the_table(path, lang, fmt):
    pack, profile, a = _case(path, lang)
    nar = pack.header.narrative
    threshold = nar.well_developed_from
    titles = {b.id: pack.text(b.title, lang) for b in pack.header.ratings}
    shown = {d.id: verdict(d, titles, lang).rating for d in a.dimensions}  # the table's rating cell
    out = _flat(_render(fmt, pack, profile, a))
    for d in a.dimensions:
        assert _flat(shown[d.id]) in out or fmt == "text", f"{d.id}: the table's rating is not in the {fmt} report"
    well_ids = {b.id for b in pack.header.ratings if b.min >= threshold}
    # rated well developed: one band at or above the threshold, or two that both are (every resolution keeps it there)
    well_rated = {d.id for d in a.dimensions if (d.rating in well_ids) or (d.rating is None and d.rating_range and set(d.rating_range) <= well_ids)}

    n = narrative(a, pack, lang)
    said = n["well_developed"] + n["potential"] + n["not_assessed"]
    if fmt in ("markdown", "html", "pdf"):  # the text report has no narrative, only the overall sentence and the table
        for sentence in said:
            assert _flat(sentence) in out, f"a narrative sentence is missing from the {fmt} report: {sentence}"
    by_id = {d.id: d for d in a.dimensions}
    for key, ids in n["ids"].items():
        for dim, sentence in zip(ids, n[key], strict=True):
            d = by_id[dim]
            claims_well = key == "well_developed" or (
                nar.potential_well_developed is not None and sentence.startswith(_prefix(pack.text(nar.potential_well_developed, lang), d, lang)))
            if claims_well:
                assert dim in well_rated, f"“{sentence}” beside a table rating of “{shown[dim]}”"
            if key == "not_assessed":
                assert shown[dim] not in titles.values(), f"“{sentence}” beside a band in the table: “{shown[dim]}”"
    none_yet = translate("No dimension reaches the well-developed level yet.", lang)
    if _flat(none_yet) in out:
        assert not well_rated, f"“{none_yet}” above a table rating {sorted(well_rated)} well developed"

    result = overall_result(a, pack, lang)
    assert _flat(result["sentence"]) in out
    overall_shown = verdict(a.score, titles, lang).rating
    if a.score.rating is None:  # no band for the whole: the sentence names none alone
        alone = "|".join(re.escape(t) for t in titles.values())
        assert not re.search(rf"\((?:{alone})\)", result["sentence"])
    else:
        assert overall_shown == titles[a.score.rating] and overall_shown in result["sentence"]


def test_a_dimension_rated_in_the_top_band_with_a_gap_denies_no_band():
    """The contradiction this test was written for: a dimension with a gap rated "Well developed" in the table, said
    with potential, above "No dimension reaches the well-developed level yet". The empty list now says it otherwise."""
    pack = load_pack("idm2018")
    profile = load_profile(PROFILES[0], pack)
    a = assessed(pack, profile, "en", engine="python")
    d = a.dimensions[0]
    d.counts.gap, d.counts.met, d.counts.unknown = 1, 9, 0
    d.score, d.rating, d.withheld, d.too_few, d.rating_range = 90.0, "well_developed", False, False, None
    d.best_case = d.worst_case = 90.0
    n = narrative(a, pack, "en")
    assert d.id in n["ids"]["potential"] and d.id not in n["ids"]["well_developed"]
    assert n["empty"]["well_developed"] != translate("No dimension reaches the well-developed level yet.", "en")
