"""The engine's own strings, through a standard gettext catalogue (engine/locale/<lang>/migov.mo).

English strings are the message ids. The pack carries its own translations (titles,
recommendations, questions); this catalogue holds only what the engine itself says.
Regenerate the .mo after editing the .po: ``pybabel compile -d engine/locale -D migov``.
"""

from __future__ import annotations

import gettext as _gettext
import json
import os
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).parent / "locale"
NUMBERS = LOCALE_DIR / "numbers.json"  # Babel's number symbols and percent pattern per language (tools/build_catalogue.py)
SOURCE_LANGUAGE = "en"  # the language of the message ids
_state = {"lang": SOURCE_LANGUAGE}


@cache
def languages() -> tuple[str, ...]:
    """The languages migov speaks: the source language and every catalogue that exists.

    A third language is a new ``locale/<code>/LC_MESSAGES/migov.po`` (compiled to .mo) plus the packs' texts.

    >>> languages()[:2]
    ('en', 'fr')
    """
    found = sorted(p.parts[-3] for p in LOCALE_DIR.glob("*/LC_MESSAGES/migov.mo"))
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


@cache
def catalogue(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation("migov", LOCALE_DIR, languages=[lang], fallback=True)


def translate(message: str, lang: str | None = None) -> str:
    """Translate one engine string into ``lang`` (default: the current language)."""
    return catalogue(lang or _state["lang"]).gettext(message)


_ = translate


def set_language(lang: str) -> None:
    _state["lang"] = lang if lang in languages() else SOURCE_LANGUAGE


def current_language() -> str:
    return _state["lang"]


def language_from_environment() -> str:
    """The user's language from LANGUAGE / LC_ALL / LC_MESSAGES / LANG, else English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value.split(":")[0][:2].lower()
            return code if code in languages() else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def format_number(value: float | None, lang: str, digits: int = 1) -> str:
    """A number for ``lang`` (57.5 in English, 57,5 in French); a dash when there is none.

    >>> format_number(1234.56, "fr"), format_number(2.25, "en"), format_number(-0.5, "en", 0)
    ('1\u202f234,6', '2.2', '-0')
    """
    if value is None:
        return "—"
    symbols = number_symbols().get(lang)
    if symbols is not None and isfinite(value):
        return apply_pattern(value, symbols, {"prefix": ["", "-"], "suffix": ["", ""], "grouping": [3, 3], "int": 1,
                                              "frac": [digits, digits], "scale": 0})
    from babel.numbers import format_decimal

    return str(format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0", locale=lang))


def format_percent(value: float | None, lang: str) -> str:
    """A share as a percentage for ``lang`` (92% in English, 92 % in French).

    >>> format_percent(0.925, "en"), format_percent(0.935, "fr")
    ('92%', '94\xa0%')
    """
    if value is None:
        return "—"
    symbols = number_symbols().get(lang)
    if symbols is not None and isfinite(value):
        return apply_pattern(value, symbols, symbols["percent"])
    from babel.numbers import format_percent as fp

    return str(fp(value, locale=lang))


@cache
def number_symbols() -> dict[str, dict[str, Any]]:
    """Per language, what Babel's number formatting reads from its locale data (``numbers.json``, written
    from Babel by tools/build_catalogue.py): loading Babel's locale data costs a run more than all else it
    formats. A language missing from the file is formatted by Babel itself."""
    try:
        data: dict[str, dict[str, Any]] = json.loads(NUMBERS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data


def isfinite(value: float) -> bool:
    return isinstance(value, (int, float)) and value - value == 0


def apply_pattern(value: float, symbols: dict[str, Any], pattern: dict[str, Any]) -> str:
    """Babel's ``NumberPattern.apply`` for a plain pattern (prefix, grouping, fraction digits, suffix): the
    same steps, so the same text (decimal rounding half to even, the locale's separators)."""
    number = Decimal(str(value)).scaleb(pattern["scale"])
    negative = int(number.is_signed())
    number = abs(number).normalize()
    low, high = pattern["frac"]
    whole, _sep, frac = f"{number.quantize(Decimal(10) ** -high):f}".partition(".")
    whole = "0" * (pattern["int"] - len(whole)) + whole
    size, grouped = pattern["grouping"][0], ""
    while len(whole) > size:
        grouped = symbols["group"] + whole[-size:] + grouped
        whole = whole[:-size]
        size = pattern["grouping"][1]
    frac = frac or "0"
    frac += "0" * (low - len(frac))
    if high == 0 or (low == 0 and int(frac) == 0):
        frac = ""
    else:
        while len(frac) > low and frac[-1] == "0":
            frac = frac[:-1]
        frac = symbols["decimal"] + frac
    return f"{pattern['prefix'][negative]}{whole}{grouped}{frac}{pattern['suffix'][negative]}"
