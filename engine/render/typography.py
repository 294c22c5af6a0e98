"""The typography of each language, applied to every generated text (the jinja environment's ``finalize``, and
the text and Markdown renderers): one function, no dependency, so a text run does not import jinja2."""

from __future__ import annotations

import re
from collections.abc import Callable

NNBSP, NBSP = "\u202f", "\u00a0"
_FR_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\w)'(?=\w)"), "\u2019"),  # l'OIM -> l’OIM
    (re.compile(r'(?<![\w=])"([^"<>\n]{1,200})"(?!\w)'), "«\u202f\\1\u202f»"),  # "x" -> « x »
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NNBSP),
    (re.compile(r"(?<=\S)[ \u00a0\u202f]*»"), NNBSP + "»"),
    (re.compile(r"(?<=[\w)»])[ \u00a0\u202f]*(?=[;?!](?:\s|$|\)|»|\.|,))"), NNBSP),  # mot ; mot ? mot !
    (re.compile(r"(?<=[\w)»%])[ \u00a0\u202f]*(?=:(?:\s|$))"), NBSP),  # Score global : 62,5
    (re.compile(r"(?<=\d)[ \u202f]+(?=%)"), NBSP),  # 62,5 %
    (re.compile(r"^[ \u00a0\u202f]+(?=:)"), NBSP),  # a value that starts with its colon: the catalogue's " : "
    (re.compile(r"^[ \u00a0\u202f]+(?=[;?!])"), NNBSP),
)


def typography(value: str, lang: str) -> str:
    """``value`` with the typographic rules of ``lang``: in French, a no-break space before ``:``, a narrow
    no-break space before ``;`` ``?`` ``!`` and inside « », typographic apostrophes and quotes; other
    languages are left as written.

    >>> typography("Score global : 62,5 ; l'OIM ? « Pacte »", "fr") == "Score global\\u00a0: 62,5\\u202f; l’OIM\\u202f? «\\u202fPacte\\u202f»"
    True
    >>> typography("Note: it's 5 ; ok", "en")
    "Note: it's 5 ; ok"
    """
    if lang != "fr" or not value:
        return value
    for pattern, replacement in _FR_RULES:
        value = pattern.sub(replacement, value)
    return value


def typographer(lang: str) -> Callable[[str], str]:
    """:func:`typography` for one language, for renderers that write text outside a template."""
    return lambda value: typography(value, lang)
