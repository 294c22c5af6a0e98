"""Spanish as IOM and the UN write it: every Spanish text of the bundled packs (and of the shared references)
uses the official terms of the pack's glossary, never the variants it lists (`es_wrong`), Spanish
typography (¿…? and ¡…!, no space before a colon, a semicolon or a closing sign, typographic apostrophes) and
the same placeholders as the English text it translates."""

import re
from typing import Any

import pytest
import yaml

from engine.pack.loading import load_pack
from tests.helpers import ROOT

GLOSSARY = yaml.safe_load((ROOT / "rules" / "idm2018" / "glossary.yaml").read_text(encoding="utf-8"))
FILES = sorted((ROOT / "rules").glob("**/*.yaml"))


def _pairs(node: Any, where: str = "") -> list[tuple[str, str, str]]:
    """(where, English, Spanish) for every text map that has a Spanish text."""
    out: list[tuple[str, str, str]] = []
    if isinstance(node, dict):
        if isinstance(node.get("es"), str):
            out.append((where, str(node.get("en", "")), node["es"]))
        for k, v in node.items():
            out += _pairs(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _pairs(v, f"{where}[{i}]")
    return out


TEXTS = [(str(p.relative_to(ROOT)), where, en, es) for p in FILES if p.name != "glossary.yaml"
         for where, en, es in _pairs(yaml.safe_load(p.read_text(encoding="utf-8")))]


def test_the_idm2018_vocabulary_header_and_references_are_in_spanish() -> None:
    files = {f for f, _, _, _ in TEXTS}
    for name in ("rules/idm2018/pack.yaml", "rules/idm2018/vocabulary.yaml", "rules/_shared/references.yaml",
                 "rules/idm2018/lenses/sdg-10-7-2.yaml", "rules/idm2018/tailorings/examplia-2026.yaml"):
        assert name in files, name
    assert len(TEXTS) > 350


def test_glossary_entries_have_their_spanish_term_and_source() -> None:
    for entry in GLOSSARY:
        assert entry["es"] and entry["es_source"] and isinstance(entry["es_wrong"], list), entry["en"]


@pytest.mark.parametrize("entry", GLOSSARY, ids=lambda e: e["en"])
def test_no_listed_wrong_spanish_variant(entry: dict[str, Any]) -> None:
    bad = [(f, w, v) for f, w, _, text in TEXTS for v in entry["es_wrong"] if v.casefold() in text.casefold()]
    assert not bad, f"use « {entry['es']} »: {bad[:5]}"


def test_official_spanish_terms_are_used() -> None:
    joined = "\n".join(text for _, _, _, text in TEXTS).casefold()
    for term in ("Pacto Mundial para la Migración Segura, Ordenada y Regular", "remesas", "responsabilidad compartida",
                 "enfoque pangubernamental", "enfoque pansocial", "migrantes en situación de vulnerabilidad", "en situación regular"):
        assert term.casefold() in joined, term


def test_spanish_typography() -> None:
    """Opening signs, no space before « : ; ? ! », no straight apostrophe, no French spacing left from a copy."""
    straight = [(f, w, es) for f, w, _, es in TEXTS if "'" in es]
    assert not straight, straight[:5]
    spaced = [(f, w, es) for f, w, _, es in TEXTS if re.search(r"[ \u00a0\u202f][:;?!]", es)]
    assert not spaced, spaced[:5]
    for f, w, _, es in TEXTS:
        for close, opening in (("?", "¿"), ("!", "¡")):
            assert es.count(close) == es.count(opening), (f, w, es)


def test_spanish_keeps_the_placeholders() -> None:
    bad = [(f, w, es) for f, w, en, es in TEXTS if en and sorted(re.findall(r"\{[^{}]*\}", en)) != sorted(re.findall(r"\{[^{}]*\}", es))]
    assert not bad, bad[:5]


def _file_texts(name: str) -> list[tuple[str, str]]:
    return [(w, es) for f, w, _, es in TEXTS if f == name]


def test_questions_are_asked_in_spanish() -> None:
    questions = [(w, es) for w, es in _file_texts("rules/idm2018/vocabulary.yaml") if w.endswith(".question")]
    assert len(questions) > 50
    assert all(es.startswith("¿") and es.endswith("?") for _, es in questions), [q for q in questions if not q[1].startswith("¿")][:5]


def test_indicators_are_called_indicators() -> None:
    """A three-part SDG number is cited as an indicator (« indicador », « indicateur »), a two-part one as a target
    (the citation forms of references.yaml say which; the titles do not repeat it)."""
    pack = load_pack("idm2018")
    for key in pack.references.schemes["sdg"].keys:
        refs = {lang: pack.citations({"sdg": [key]}, lang)[0]["refs"][0]["ref"] for lang in ("en", "fr", "es")}
        three = str(key).count(".") == 2
        assert ("indicador" in refs["es"], "indicateur" in refs["fr"], "indicator" in refs["en"]) == (three,) * 3, (key, refs)
        assert ("meta" in refs["es"], "cible" in refs["fr"], "target" in refs["en"]) == (not three,) * 3, (key, refs)
