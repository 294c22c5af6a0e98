"""Numbers formatted as Babel formats them, from Babel's data for each language kept in locale/numbers.json.

Loading Babel's locale data costs a cold run more than all else it formats; tools/build_catalogue.py
writes the number symbols and percent pattern Babel reads for every language migov speaks, and
:func:`engine.i18n.format_number` formats with them (Babel itself for a language the file lacks).
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

NUMBERS = Path(__file__).parent / "locale" / "numbers.json"  # written by tools/build_catalogue.py


@cache
def number_symbols() -> dict[str, dict[str, Any]]:
    """Per language, what Babel's number formatting reads from its locale data (``numbers.json``)."""
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
