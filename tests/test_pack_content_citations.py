"""The bundled packs' citations and recommendations as a migration-governance reviewer reads them:
every idm2018 citation names its paragraph, the citations the review struck stay struck, and the
recommendations of every bundled pack (idm2018, sdg-10-7-2) to sovereign States and consensus
processes suggest options, never orders."""

import re

import pytest

from engine.pack.loading import load_pack
from tests.helpers import ROOT

PACK = load_pack("idm2018")
RULES = {cr.rule.id: cr.rule for cr in PACK.rules}
BUNDLED_PACKS = ("idm2018", "sdg-10-7-2")
ALL_RULES = {(name, cr.rule.id): cr.rule for name in BUNDLED_PACKS for cr in load_pack(name).rules}


@pytest.mark.parametrize("rid", sorted(RULES))
def test_seed_citation_names_its_paragraph(rid: str) -> None:
    seed = RULES[rid].sources.seed
    for lang in ("en", "fr"):
        text = seed if isinstance(seed, str) else seed[lang]
        assert re.search(r"[§¶]\s?\d", text), (rid, lang, text)


@pytest.mark.parametrize(("rid", "scheme", "key"), [
    ("ML-EVALUATION", "sdg", "17.19"),
    ("ML-LOCAL", "sdg", "11.3"),
    ("NSP-LOCAL", "sdg", "11.3"),
    ("GOV-GCM-PLAN", "gcm", 23),
    ("SR-PLEDGES", "gcm", 23),
    ("MD-COORD-MECH", "gcm", 23),
    ("NSP-FORMAL-MECH", "gcm", 23),
    ("GOV-AGENCY", "gcm", 23),
])
def test_struck_citations_stay_struck(rid: str, scheme: str, key: object) -> None:
    assert key not in RULES[rid].sources.cited.get(scheme, [])


@pytest.mark.parametrize(("rid", "scheme", "keys"), [
    ("GOV-GCM-PLAN", "gcm-paragraph", {53}),
    ("SR-PLEDGES", "gcm-paragraph", {48, 49, 53}),
    ("ML-EVALUATION", "gcm-paragraph", {48}),
    ("MD-COORD-MECH", "gcm-principle", {"whole-of-government"}),
    ("GOV-AGENCY", "gcm-principle", {"whole-of-government"}),
    ("NSP-FORMAL-MECH", "gcm-principle", {"whole-of-society"}),
    ("ISC-RETURN", "gcm", {21}),
    ("DC-SKILLS", "gcm", {18}),
])
def test_corrected_citations(rid: str, scheme: str, keys: set[object]) -> None:
    assert keys <= set(RULES[rid].sources.cited.get(scheme, []))


ORDERS_EN = re.compile(r"\b(must|shall|adopt|require|instruct|ensure that)\b", re.IGNORECASE)
ORDERS_FR = re.compile(r"\b(doit|doivent|adopter|exiger|imposer)\b|^(Adoptez|Créez|Créer|Adopter|Exiger|Mettre en place)\b", re.IGNORECASE)
CAREFUL_EN = re.compile(r"\b(consider|could)\b", re.IGNORECASE)
CAREFUL_FR = re.compile(r"\b(envisager|pourrai(en)?t)\b", re.IGNORECASE)
# A French recommendation opening on an infinitive other than « Envisager » reads as an order (« Créer… », « Négocier… »).
INFINITIVE_ORDER_FR = re.compile(r"^(?!Envisager\b)\w+(er|ir|re)\b")


def test_every_bundled_pack_is_checked() -> None:
    assert sorted(BUNDLED_PACKS) == sorted(d.name for d in (ROOT / "rules").iterdir() if (d / "pack.yaml").is_file())
    for name in BUNDLED_PACKS:
        assert any(pack == name for pack, _ in ALL_RULES), name
    assert {rid for pack, rid in ALL_RULES if pack == "idm2018"} == set(RULES)


@pytest.mark.parametrize(("pack", "rid"), sorted(ALL_RULES), ids=lambda v: v)
def test_recommendations_suggest_options(pack: str, rid: str) -> None:
    for rec in ALL_RULES[pack, rid].wordings():  # the one text, or each kind's variant
        assert not ORDERS_EN.search(rec["en"]) and CAREFUL_EN.search(rec["en"]), rec["en"]
        assert not ORDERS_FR.search(rec["fr"]) and not INFINITIVE_ORDER_FR.search(rec["fr"]) and CAREFUL_FR.search(rec["fr"]), rec["fr"]


def _may_apply_to_a_consensus_process(rule) -> bool:  # type: ignore[no-untyped-def]
    if "partnership" not in rule.kinds:
        return False
    return rule.applies_if is None or "rcp" in str(rule.applies_if) or "interregional_forum" in str(rule.applies_if)


def test_no_binding_commitment_is_asked_of_a_non_binding_process() -> None:
    for rule in RULES.values():
        if _may_apply_to_a_consensus_process(rule):
            en, fr = rule.recommendation_for("partnership")["en"], rule.recommendation_for("partnership")["fr"]
            assert not re.search(r"(?<!non-)\bbinding\b|\btreaty\b", en), (rule.id, en)
            assert not re.search(r"(?<!non )\bcontraignant|\btraité\b", fr), (rule.id, fr)


def test_partnership_types_have_their_own_wording() -> None:
    assert "bilateral" in str(RULES["SR-COMMITMENT-BILATERAL"].applies_if)
    assert "Rabat" in RULES["SR-COMMITMENT-MECH"].recommendation_for("partnership")["en"]
    peers = [r.id for r in RULES.values() if re.search(r"Rabat|Colombo|Abu Dhabi|Puebla|Budapest|MIDWA|GFMD|ECOWAS", r.recommendation_for("partnership")["en"])]
    assert len(peers) >= 8, peers


# What a rule for both kinds says to each: a country reads a suggestion to its government, a partnership one to its members.
TO_PARTNERS = re.compile(r"\b(partners could|partnership’s|ministerial meeting|les partenaires pourraient|réunion ministérielle|du partenariat)\b", re.IGNORECASE)
TO_A_STATE = re.compile(r"\b(the (government|State|country)|national priorities|le gouvernement|l’État|le pays|priorités nationales)\b")
BOTH_KINDS = sorted(rid for (pack, rid), rule in ALL_RULES.items() if {"country", "partnership"} <= set(rule.kinds))


@pytest.mark.parametrize("rid", BOTH_KINDS)
def test_each_kind_reads_wording_for_its_kind(rid: str) -> None:
    rule = RULES[rid]
    country, partnership = rule.recommendation_for("country"), rule.recommendation_for("partnership")
    for lang in ("en", "fr"):
        assert not TO_PARTNERS.search(country[lang]), (rid, "country", country[lang])
        assert not TO_A_STATE.search(partnership[lang]), (rid, "partnership", partnership[lang])
    if rule.by_kind is not None:  # a partnership's variant is addressed to its members
        assert partnership["en"].startswith(("Partners could", "Where")) and "partenaires pourraient" in partnership["fr"], (rid, partnership)


def test_rules_for_both_kinds_are_worded_by_kind() -> None:
    by_kind = [rid for rid in BOTH_KINDS if RULES[rid].by_kind is not None]
    assert len(by_kind) >= 10, by_kind
    assert "GFMD" not in RULES["ML-LOCAL"].recommendation_for("country")["en"]  # local authorities of a country: ML-LOCAL
    assert "civil-society day" in RULES["NSP-NGO"].recommendation_for("partnership")["en"]
    assert "civil-society day" not in RULES["NSP-NGO"].recommendation_for("country")["en"]
