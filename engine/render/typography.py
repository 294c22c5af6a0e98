"""The typography of each language, applied to every generated text (the jinja environment's ``finalize``, and
the text and Markdown renderers): one function, no dependency, so a text run does not import jinja2.

One pass over the characters that French typography touches (a few per sentence), so a whole report costs
about a millisecond, not a regular expression with look-behinds at every character.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NNBSP, NBSP = "\u202f", "\u00a0"
_SPACES = " \u00a0\u202f"
_TOKENS = re.compile(r"[;?!:%«»']")
_QUOTES = re.compile(r'(?<![\w=])"([^"<>\n]{1,200})"(?!\w)')  # "x" -> « x »
_AFTER_MARK = frozenset(" \t\n\r\u00a0\u202f).,»")  # what may follow ; ? ! or : for it to be punctuation
RULED = frozenset({"fr"})  # the languages whose typography changes a text: :func:`typography` leaves the others as written


def _french(value: str) -> str:
    if '"' in value:
        value = _QUOTES.sub("«" + NNBSP + r"\1" + NNBSP + "»", value)
    out: list[str] = []
    pos, n = 0, len(value)
    for m in _TOKENS.finditer(value):
        i = m.start()
        if i < pos:  # inside the spaces a « already took
            continue
        ch, before, after = value[i], value[pos:i], value[i + 1] if i + 1 < n else ""
        if ch == "'":
            out.append(before + ("\u2019" if before[-1:].isalnum() and after.isalnum() else "'"))
        elif ch == "«":
            j = i + 1
            while j < n and value[j] in _SPACES:
                j += 1
            out.append(before + "«" + NNBSP)
            pos = j
            continue
        else:
            stripped = before.rstrip(_SPACES if ch != "%" else " \u202f")
            spaced = len(stripped) < len(before)
            prev = stripped[-1:] or (out[-1][-1:] if out else "")
            start = not stripped and not out  # the value begins with its mark: the catalogue's " : "
            if ch == "»":
                fixed = NNBSP + "»" if prev and prev not in _SPACES and not prev.isspace() else None
            elif ch == "%":
                fixed = NBSP + "%" if spaced and prev.isdigit() else None
            elif after and after not in _AFTER_MARK:
                fixed = None
            elif prev.isalnum() or prev in ")»%_" or (start and spaced):
                fixed = (NBSP if ch == ":" else NNBSP) + ch
            else:
                fixed = None
            out.append(stripped + fixed if fixed is not None else before + ch)
        pos = i + 1
    out.append(value[pos:])
    return "".join(out)


def typography(value: str, lang: str) -> str:
    """``value`` with the typographic rules of ``lang``: in French, a no-break space before ``:``, a narrow
    no-break space before ``;`` ``?`` ``!`` and inside « », typographic apostrophes and quotes; other
    languages are left as written.

    >>> typography("Score global : 62,5 ; l'OIM ? « Pacte »", "fr") == "Score global\\u00a0: 62,5\\u202f; l’OIM\\u202f? «\\u202fPacte\\u202f»"
    True
    >>> [typography(x, "fr") for x in ("12:30", "http://x?y=1", " : ", "fin;", "62,5 %", '"Pacte"')]
    ['12:30', 'http://x?y=1', '\\xa0: ', 'fin\\u202f;', '62,5\\xa0%', '«\\u202fPacte\\u202f»']
    >>> typography("Note: it's 5 ; ok", "en")
    "Note: it's 5 ; ok"
    """
    if lang not in RULED or not value:
        return value
    return _french(value)


def typographer(lang: str) -> Callable[[str], str]:
    """:func:`typography` for one language, for renderers that write text outside a template."""
    return lambda value: typography(value, lang)
