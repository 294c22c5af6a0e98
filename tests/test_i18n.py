"""Every catalogue of the engine (French, Spanish) is complete and its compiled .mo matches the .po."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from engine.i18n import LOCALE_DIR, SOURCE_LANGUAGE, catalogue, languages, translate

ENGINE = Path(__file__).resolve().parents[1] / "engine"


@pytest.mark.parametrize("lang", [code for code in languages() if code != SOURCE_LANGUAGE])
def test_every_engine_string_has_a_translation(lang):
    with (Path(LOCALE_DIR) / lang / "LC_MESSAGES" / "migov.po").open("rb") as fh:
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
        if msg.id:  # a message with a context (a count heading apart from the status word) is looked up with it
            found = catalogue(lang).pgettext(msg.context, msg.id) if msg.context else translate(msg.id, lang)
            assert found == msg.string, f"stale .mo: run python tools/build_catalogue.py ({msg.id!r})"


def test_numbers_json_holds_babels_data_and_formats_as_babel_does():
    """engine/locale/numbers.json is what tools/build_catalogue.py writes from Babel today, and the formatter
    that reads it gives Babel's own text (rounding half to even, separators, percent signs)."""
    import random
    import runpy

    from babel.numbers import format_decimal, format_percent

    from engine.i18n import format_number, languages
    from engine.i18n import format_percent as percent
    from engine.numbers import NUMBERS

    tool = runpy.run_path(str(ENGINE.parent / "tools" / "build_catalogue.py"))
    assert Path(NUMBERS).read_text(encoding="utf-8") == tool["numbers_json"](), "stale numbers.json: run python tools/build_catalogue.py"
    rng = random.Random(7)
    values = [0, 0.05, 0.15, 0.25, 2.25, 2.35, -0.04, -0.5, 999.95, 1234.56, 1e6 + 0.05, 1 / 3, 0.925, 0.935, 0.995, 1e-7, 123456789.125]
    values += [rng.uniform(-5000, 5000) for _ in range(300)] + [round(rng.uniform(0, 100), r) for r in (1, 2, 3) for _ in range(300)]
    for lang in languages():
        for v in values:
            for digits in (0, 1, 2):
                assert format_number(v, lang, digits) == format_decimal(v, format="#,##0." + "0" * digits if digits else "#,##0", locale=lang), (lang, v, digits)
            share = v / 100 if abs(v) > 2 else v
            assert percent(share, lang) == format_percent(share, locale=lang), (lang, share)
