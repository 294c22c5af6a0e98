r"""Text from a file, shown where a reader or a program could take it for something else: a terminal, a CSV cell.

- :func:`terminal`: control characters (C0 and C1: ESC, BEL, backspace, carriage return...) and Unicode format
  controls (category Cf: the bidi overrides and isolates such as U+202E that reorder what is shown, invisible
  marks) shown as ``\x1b``, ``\u202e``; a byte that is not UTF-8 in a file name (a lone surrogate of
  ``surrogateescape``) shown as ``\xff``. A newline and a tab stay. Two format controls stay too: the zero-width
  space migov itself puts where a line may break, and the zero-width joiner inside an emoji.
- :func:`filename`: a file name as a message names it: as it is when it holds no control, format character or
  byte that is not UTF-8, else between single quotes with its controls and undecodable bytes escaped (as GNU ``ls`` quotes), so
  that a newline or U+202E in a name never splits or reorders an error line.
- :func:`unbroken`: any text (a file name with bytes that are not UTF-8) made encodable: those bytes as ``\xff``.
- :func:`csv_cell`: a CSV cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab or carriage
  return first, OWASP's rule) prefixed with a single quote; a carriage return inside it written as a newline (a
  file whose lines end with a newline quotes a cell holding one, but not a cell holding a lone CR, which a reader
  would take for the end of the row: a name could forge a row).

>>> print(terminal("a\u202eb\x1b[2Jc\n"), end="")
a\u202eb\x1b[2Jc
>>> print(filename("=1+1.yaml"), filename("a\nb.yaml"), filename("x\udcff.yaml"))
=1+1.yaml 'a\nb.yaml' 'x\xff.yaml'
>>> csv_cell("=HYPERLINK(1)"), csv_cell("-2+3"), csv_cell("plain"), csv_cell(3), csv_cell("\r=1")
("'=HYPERLINK(1)", "'-2+3", 'plain', 3, "'\n=1")
"""

from __future__ import annotations

import re

# C0 but newline and tab, DEL, C1; Cf (Unicode 14, as unicodedata lists it) but U+200B and U+200D; lone surrogates.
_FORMAT = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064"
           "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
           "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
# patterns compiled on first use (re's own cache), not at import: a cold start that escapes nothing compiles none
_SHOWN = f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_FORMAT}\\ud800-\\udfff]"
_SHOWN_IN_NAME = f"[\\x00-\\x1f\\x7f-\\x9f{_FORMAT}\\ud800-\\udfff]"
_SGR = r"(\x1b\[[0-9;]*m)"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code == 0x0A:
        return "\\n"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def terminal(text: str, keep_colour: bool = False) -> str:
    """``text`` with its control and format characters shown, not obeyed (newlines and tabs kept); with
    ``keep_colour``, the colour sequences migov's own text output makes (SGR, ``ESC [ ... m``) are kept."""
    if _printable(text):  # the common case, checked at C speed before a pattern is compiled
        return text
    if not keep_colour:
        return re.sub(_SHOWN, _escape, text)
    return "".join(part if i % 2 else re.sub(_SHOWN, _escape, part) for i, part in enumerate(re.split(_SGR, text)))


def _printable(text: str) -> bool:
    """Whether ``text`` holds nothing :func:`terminal` shows: each of its characters is printable (``str.isprintable``:
    every control, format character and lone surrogate is not), a newline, a tab or a no-break space."""
    return text.replace("\n", "").replace("\t", "").replace("\u00a0", "").replace("\u202f", "").isprintable()


def filename(name: object) -> str:
    """A file name as a message names it: bare when plain, else quoted with its controls escaped."""
    text = str(name)
    if not re.search(_SHOWN_IN_NAME, text):
        return text
    return "'" + re.sub(_SHOWN_IN_NAME, _escape, text.replace("\\", "\\\\").replace("'", "\\'")) + "'"


def unbroken(text: str) -> str:
    """``text`` encodable as UTF-8: a byte of a file name that is not UTF-8 shown as ``\\xff``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def csv_cell(value: object) -> object:
    """A cell's value; text a spreadsheet would take for a formula prefixed with ``'`` (made encodable too)."""
    if not isinstance(value, str):
        return value
    value = unbroken(value)
    return ("'" + value if value.startswith(FORMULA_START) else value).replace("\r\n", "\n").replace("\r", "\n")
