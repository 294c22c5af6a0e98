"""Where a line of text breaks to fit a width: rich's ``divide_line``, copied so that migov does not import
``rich._wrap``, a private module of rich that may change in any release.

Copied from rich (https://github.com/Textualize/rich), ``rich/_wrap.py`` of rich 15.0.0, with the text's
measures passed in (rich's own :func:`rich.cells.cell_len` and :func:`rich.cells.chop_cells`, public functions,
or the plain layout's for a text of one-cell characters) and its private helper ``loop_last`` written out.
tests/test_text_layout.py holds the lines it gives to those of rich's public ``Text.wrap``.

Copyright (c) 2020 Will McGugan

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

from __future__ import annotations

import re
from collections.abc import Callable

WORD = r"\s*\S+\s*"  # a word and the whitespace around it (compiled on first use: text of one-cell characters needs none)


def divide_line(text: str, width: int, fold: bool, cell_len: Callable[[str], int], chop_cells: Callable[[str, int], list[str]]) -> list[int]:
    """The offsets at which ``text`` breaks to fit ``width`` cells; ``fold``: a word longer than the width is folded
    over several lines (else it is left whole, to be cropped)."""
    breaks: list[int] = []
    offset = 0
    for found in re.finditer(WORD, text):
        start, word = found.start(), found.group(0)
        length = cell_len(word.rstrip())
        if width - offset >= length:  # the word fits on this line
            offset += cell_len(word)
        elif length > width:  # it fits on no line
            if fold:
                chunks = chop_cells(word, width)
                for i, chunk in enumerate(chunks):
                    if start:
                        breaks.append(start)
                    if i == len(chunks) - 1:
                        offset = cell_len(chunk)
                    else:
                        start += len(chunk)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:  # it fits on the next line
            breaks.append(start)
            offset = cell_len(word)
    return breaks
