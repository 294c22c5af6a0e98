"""The engine's French catalogue is complete and its compiled .mo matches the .po."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

from engine.i18n import LOCALE_DIR, translate, translate_plural

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
        if isinstance(msg.id, tuple):  # a message with plural forms: French 0 and 1 take the singular
            for n, form in ((0, 0), (1, 0), (2, 1), (21, 1)):
                assert translate_plural(*msg.id, n, "fr") == msg.string[form], f"stale .mo: run python tools/build_catalogue.py ({msg.id!r})"
        elif msg.id:
            assert translate(msg.id, "fr") == msg.string, f"stale .mo: run python tools/build_catalogue.py ({msg.id!r})"
