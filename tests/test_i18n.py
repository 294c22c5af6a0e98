"""The engine's French catalogue is complete and its compiled .mo matches the .po."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

from engine.i18n import LOCALE_DIR, translate

ENGINE = Path(__file__).resolve().parents[1] / "engine"


def test_every_engine_string_has_a_french_translation():
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "migov.po").open("rb") as fh:
        catalog = read_po(fh)
    used = set()
    sources = [*ENGINE.rglob("*.py"), *(ENGINE.parent / "reports").glob("*.j2")]
    for src in sources:
        used |= set(re.findall(r'(?:\b_|\bN_|translate|\bt)\("((?:[^"\\]|\\.)+)"', src.read_text(encoding="utf-8")))
    missing = sorted(m for m in used if not catalog.get(m) or not catalog.get(m).string)
    assert not missing
    for msg in catalog:
        if msg.pluralizable:  # plural messages: tests/test_plurals.py
            continue
        if msg.id:
            assert translate(msg.id, "fr") == msg.string, f"stale .mo: run python tools/build_catalogue.py ({msg.id!r})"
