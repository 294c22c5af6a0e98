"""Numbers formatted as Babel formats them, from Babel's data for each language kept in locale/numbers.json.

Loading Babel's locale data costs a cold run more than all else it formats; tools/build_catalogue.py
writes the number symbols and percent pattern Babel reads for every language migov speaks, and
:func:`engine.i18n.format_number` formats with them (Babel itself for a language the file lacks).
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

NUMBERS = os.path.join(os.path.dirname(__file__), "locale", "numbers.json")  # written by tools/build_catalogue.py


@cache
def number_symbols() -> dict[str, dict[str, Any]]:
    """Per language, what Babel's number formatting reads from its locale data (``numbers.json``)."""
    try:
        with open(NUMBERS, encoding="utf-8") as fh:
            data: dict[str, dict[str, Any]] = json.load(fh)
    except (OSError, ValueError):
        return {}
    return data


def isfinite(value: float) -> bool:
    return isinstance(value, (int, float)) and value - value == 0


def _decimal(value: float) -> tuple[bool, int, int]:
    """The decimal ``value`` prints as (``Decimal(str(value))``): its sign, its digits and its exponent."""
    text = str(value).lower()
    mantissa, _e, exponent = text.lstrip("-").partition("e")
    whole, _dot, frac = mantissa.partition(".")
    return text.startswith("-"), int(whole + frac or "0"), int(exponent or 0) - len(frac)


def _quantize(digits: int, exponent: int, places: int) -> str:
    """``digits`` × 10^``exponent`` rounded half to even to ``places`` decimals, as fixed-point text."""
    if exponent < -places:
        unit = 10 ** (-places - exponent)
        digits, rest = divmod(digits, unit)
        if 2 * rest > unit or (2 * rest == unit and digits % 2):
            digits += 1
    else:
        digits *= 10 ** (exponent + places)
    text = str(digits).rjust(places + 1, "0")
    return f"{text[:-places]}.{text[-places:]}" if places else text


def apply_pattern(value: float, symbols: dict[str, Any], pattern: dict[str, Any]) -> str:
    """Babel's ``NumberPattern.apply`` for a plain pattern (prefix, grouping, fraction digits, suffix): the
    same steps, so the same text (decimal rounding half to even, the locale's separators), in integers
    (the ``decimal`` module costs a cold run more than the numbers of a report)."""
    signed, digits, exponent = _decimal(value)
    negative = int(signed)
    low, high = pattern["frac"]
    whole, _sep, frac = _quantize(digits, exponent + pattern["scale"], high).partition(".")
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
