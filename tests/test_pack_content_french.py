"""French as a francophone ministry writes it: every French text of the bundled packs (and of the
shared references) uses the official terms of the pack's glossary, never the variants it lists, and
typographic apostrophes (’), never the straight one."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT

GLOSSARY = yaml.safe_load((ROOT / "rules" / "idm2018" / "glossary.yaml").read_text(encoding="utf-8"))
FILES = sorted((ROOT / "rules").glob("**/*.yaml"))


def _french(node: Any, where: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "fr" and isinstance(v, str):
                out.append((f"{where}.fr", v))
            else:
                out += _french(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _french(v, f"{where}[{i}]")
    return out


def _texts(path: Path) -> list[tuple[str, str]]:
    if path.name == "glossary.yaml":
        return []
    return _french(yaml.safe_load(path.read_text(encoding="utf-8")))


TEXTS = [(str(p.relative_to(ROOT)), where, text) for p in FILES for where, text in _texts(p)]


def test_there_are_french_texts_to_check() -> None:
    assert len(TEXTS) > 500


@pytest.mark.parametrize("entry", GLOSSARY, ids=lambda e: e["en"])
def test_no_listed_wrong_variant(entry: dict[str, Any]) -> None:
    bad = [(f, w, v) for f, w, text in TEXTS for v in entry["wrong"] if v.casefold() in text.casefold()]
    assert not bad, f"use « {entry['fr']} »: {bad[:5]}"


def test_official_terms_are_used() -> None:
    joined = "\n".join(text for _, _, text in TEXTS)
    for term in ("Pacte mondial pour des migrations sûres, ordonnées et régulières", "transferts de fonds", "responsabilité partagée",
                 "approche mobilisant l’ensemble des pouvoirs publics", "approche mobilisant l’ensemble de la société"):
        assert term.casefold() in joined.casefold(), term


def test_typographic_apostrophes() -> None:
    straight = [(f, w, text) for f, w, text in TEXTS if "'" in text]
    assert not straight, straight[:5]


def test_glossary_entries_are_complete() -> None:
    for entry in GLOSSARY:
        assert entry["en"] and entry["fr"] and entry["source"] and entry["wrong"], entry
