"""Provenance that reads like a researcher: a fact is stale only when its newest dated source is older than the
pack's threshold and no undated or current source supports it; a fact the vocabulary marks ``ages: false``
(a founding commitment) is never stale."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from engine.assess import assess
from engine.pack.loading import load_pack
from engine.pack.profiles import validate_profile
from engine.pack.provenance import ProfileSource, stale_facts
from engine.yamlio import Locations
from tests.helpers import ROOT

ASSESSED = dt.date(2026, 6, 30)
FACTS = dict.fromkeys(["a", "b", "c", "d", "e"], True)


def source(sid: str, as_of: str | None, *facts: str) -> ProfileSource:
    return ProfileSource(sid, title=sid, as_of=as_of, facts=facts)


def test_a_fact_is_stale_only_when_its_newest_dated_source_is_old_and_nothing_else_supports_it():
    sources = [source("r2012", "2012", "a", "b", "c", "d"), source("r2019", "2019-05", "a"),  # both old: a is stale
               source("r2024", "2024", "b"),  # the newest dated source of b is current
               source("site", None, "c")]  # an undated source (a standing page) supports c
    stale, facts = stale_facts(sources, FACTS, ASSESSED, 5)
    assert stale == {"r2012", "r2019"}
    assert facts == {"a", "d"}


def test_a_fact_that_does_not_age_is_never_stale():
    sources = [source("founding", "1999", "a", "b")]
    assert stale_facts(sources, FACTS, ASSESSED, 5, frozenset({"a"})) == ({"founding"}, {"b"})


def test_no_threshold_or_no_date_means_nothing_is_stale():
    sources = [source("r2012", "2012", "a")]
    assert stale_facts(sources, FACTS, ASSESSED, None) == (set(), set())
    assert stale_facts(sources, FACTS, None, 5) == (set(), set())


def test_an_unstated_fact_is_not_stale():
    assert stale_facts([source("r2012", "2012", "a", "z")], FACTS, ASSESSED, 5)[1] == {"a"}


PROFILE = """
id: rcp
name: A regional process
kind: partnership
as_of: 2026-06-30
members:
  - {name: Examplia, roles: [origin]}
  - {name: Ruritania, roles: [destination]}
partnership:
  rights_commitment: true
  action_plan_until: 2028
sources:
  declaration:
    title: Founding declaration
    as_of: 2006
    facts: [partnership.rights_commitment, partnership.action_plan_until]
  page:
    url: https://example.org/members
    facts: [members]
  old-list:
    title: Members in 2010
    as_of: 2010
    facts: [members]
"""


def test_the_vocabulary_flag_ages_false_reaches_the_assessment(tmp_path: Path):
    folder = tmp_path / "idm2018"
    shutil.copytree(ROOT / "rules" / "idm2018", folder)
    vocabulary = folder / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    anchor = "  - id: partnership.rights_commitment\n"
    assert anchor in text
    vocabulary.write_text(text.replace(anchor, anchor + "    ages: false\n"), encoding="utf-8")
    for pack, expected in ((load_pack("idm2018"), ["partnership.action_plan_until", "partnership.rights_commitment"]),
                           (load_pack(folder), ["partnership.action_plan_until"])):
        profile = validate_profile(yaml.safe_load(PROFILE), Locations("p.yaml"), pack)
        provenance = assess(pack, profile, engine="python").provenance
        # members rest on an undated page as well as an old list: not stale
        assert provenance.stale_facts == expected
        assert [(s.id, s.stale) for s in provenance.sources] == [("declaration", True), ("page", False), ("old-list", True)]
