"""What a profile or pack says, made safe for the place it is printed: a terminal, or Markdown.

- :func:`terminal` (from :mod:`engine.escape`): control characters (ESC, BEL, backspace, carriage return, C1
  controls...) and format controls (the bidi overrides such as U+202E) shown as ``\\x1b``, ``\\u202e`` and the
  like, so that a profile cannot move the cursor, clear the screen, retitle the window, reorder or hide text; a
  newline and a tab stay. With ``keep_colour``, the colour sequences migov's own text output makes (SGR,
  ``ESC [ ... m``) are kept and nothing else.
- :func:`markdown`: text inside a Markdown line or table cell: on one line, its special characters
  escaped (``|`` cannot open a cell, a backtick a code span, ``#`` or ``-`` at the start a heading or a
  list, ``[`` a link, ``<`` an HTML tag), control characters removed.

>>> terminal("a\\x1b]0;owned\\x07b")
'a\\\\x1b]0;owned\\\\x07b'
>>> print(markdown("# a|b *c* [x](y)\\n- d"))
\\# a\\|b \\*c\\* \\[x\\](y) - d
"""

from __future__ import annotations

import re

from engine.escape import terminal

__all__ = ["markdown", "terminal"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#!~"})
_MD_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def markdown(value: object) -> str:
    """``value`` as text safe inside one Markdown line or table cell."""
    text = _CONTROL.sub("", str(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")).translate(_MD_SPECIAL)
    return _MD_START.sub(_start, text)


def _start(m: re.Match[str]) -> str:
    """A list marker or heading underline at the start, escaped: ``\\-``, ``1\\.``."""
    mark = m.group(2)
    return m.group(1) + (mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark)
