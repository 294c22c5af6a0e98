"""Dates and run-in lists as each language writes them, from its catalogue and Babel's data.

A date is written in words where the catalogue gives the form (``@date:day``, ``@date:month``, ``@date:first``, the
day 1 as the language writes it: « 1er mars 2021 », « 1 de marzo de 2021 »), with Babel's month names kept in
``locale/numbers.json``; a language whose catalogue gives no form (English, the source language) keeps the ISO date,
and a year alone, a period or any other text is left as written.

A run-in list (titles after « : » and between « ; ») begins each item in lower case where the typography entry of
the catalogue says ``runin=lower``; a first word with another capital (an acronym, « OIM », « ODD ») is left as written.
"""

from __future__ import annotations

import re

from engine.i18n import translate
from engine.numbers import number_symbols

_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def date_words(value: str | None, lang: str) -> str:
    """``value`` (an ISO date: 2026-12-06 or 2026-12) written out in ``lang``, or as it was.

    >>> date_words("2026-12-06", "fr"), date_words("2021-03-01", "fr"), date_words("2026-12", "es"), date_words("2026", "fr")
    ('6 décembre 2026', '1er mars 2021', 'diciembre de 2026', '2026')
    >>> date_words("2026-12-06", "es"), date_words("2026-12-06", "en"), date_words("2026-13-01", "fr")
    ('6 de diciembre de 2026', '2026-12-06', '2026-13-01')
    """
    m = _ISO.fullmatch(value or "")
    months = number_symbols().get(lang, {}).get("months")
    if m is None or not months or not 1 <= int(m[2]) <= 12 or (m[3] is not None and not 1 <= int(m[3]) <= 31):
        return value or ""
    key = "@date:day" if m[3] is not None else "@date:month"
    form = translate(key, lang)
    if form == key:  # no form in this language's catalogue
        return value or ""
    day = str(int(m[3] or 0))
    if day == "1":
        day = translate("@date:first", lang).replace("@date:first", "1")
    return form.format(day=day, month=months[int(m[2]) - 1], year=m[1])


def run_in(items: list[str], lang: str) -> list[str]:
    """``items`` as the members of a run-in list in ``lang``: each begins in lower case where the language's typography
    says so (« Acquis (2) : il existe un mécanisme… ; les ministères… »); English keeps its capitals.

    >>> run_in(["Les pays participent", "L’éducation est gratuite", "OIM présente"], "fr")
    ['les pays participent', 'l’éducation est gratuite', 'OIM présente']
    >>> run_in(["Los países participan", "Estados y organizaciones participan"], "es"), run_in(["The countries take part"], "en")
    (['los países participan', 'Estados y organizaciones participan'], ['The countries take part'])
    """
    words = translate("@typography", lang).split()
    if "runin=lower" not in words:
        return items
    keep = frozenset(w for entry in words if entry.startswith("runin_keep=") for w in entry.partition("=")[2].split(","))
    return [_lower_first(x, keep) for x in items]


def _lower_first(text: str, keep: frozenset[str] = frozenset()) -> str:
    """The first letter in lower case, unless the first word is an acronym or one the language always capitalises
    (``runin_keep=Estado,Estados`` in the typography entry: « Estados y organizaciones… » in Spanish)."""
    word = re.split(r"[\s’'-]", text, maxsplit=1)[0]
    if not word or not word[0].isupper() or any(c.isupper() or c.isdigit() for c in word[1:]) or word in keep:
        return text
    return text[0].lower() + text[1:]
