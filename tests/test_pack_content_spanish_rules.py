"""The idm2018 criteria in Spanish: every text a rule has in English and French has a Spanish text too, with
the same placeholders, Spanish typography (no space before « : » or « ; », typographic apostrophes) and the
register of the other languages: a recommendation is an option (« considerar »), never an order."""

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT

FILES = sorted((ROOT / "rules" / "idm2018" / "rules").glob("*.yaml"))


def _maps(node: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
    """Every text map (a mapping with an English and a French text) under ``node``, with where it is."""
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if isinstance(node.get("en"), str) and isinstance(node.get("fr"), str):
            out.append((where, node))
        for key, value in node.items():
            out += _maps(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _maps(value, f"{where}[{i}]")
    return out


def _texts(path: Path) -> list[tuple[str, dict[str, Any]]]:
    rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(f"{path.name}:{rule['id']}{where}", text) for rule in rules for where, text in _maps(rule, "")]


TEXTS = [entry for path in FILES for entry in _texts(path)]


def test_every_rule_text_has_a_spanish_text() -> None:
    assert len(TEXTS) > 200
    missing = [where for where, text in TEXTS if not str(text.get("es", "")).strip()]
    assert not missing, missing[:5]


@pytest.mark.parametrize("where,text", TEXTS, ids=[where for where, _ in TEXTS])
def test_spanish_text_keeps_placeholders_and_typography(where: str, text: dict[str, str]) -> None:
    es = text["es"]
    assert set(re.findall(r"\{\w+\}", es)) == set(re.findall(r"\{\w+\}", text["en"]))
    assert not re.search(r"\s[:;]", es), "no space before a colon or a semicolon in Spanish"
    assert "'" not in es and "¶" not in es
    assert not re.search(r"§\d|§ \d|párrs?\. \d", es), "a no-break space after § and párr."


def test_recommendations_are_options_in_spanish() -> None:
    recs = [(where, text["es"]) for where, text in TEXTS if ".recommendation" in where]
    assert len(recs) > 70
    orders = [(where, es) for where, es in recs if "considerar" not in es.casefold() or re.search(r"\b(debe|deben|deberá|deberán)\b", es)]
    assert not orders, orders[:5]
