"""The text summary laid out without rich's console: lines wrapped and a table drawn as rich draws them.

rich's own word wrapping (``divide_line``, copied with rich's licence in :mod:`engine.render.rich_wrap`) and cell
widths (``rich.cells``) are used (or, for a text of characters one cell wide, its length, without importing rich:
:data:`NARROW`), and the
steps of rich's ``Text.wrap``, ``Lines.justify`` and ``Table`` (box SIMPLE_HEAD, no edge, no padding at
the edges, fixed column widths) are followed, so that the text is the bytes rich's console would print
without colour. What this layout does not follow raises :class:`NeedsRich`: markup that rich would read
(``[``), tabs, line breaks and control characters in a text, and a width the table does not fit.
tests/test_text_layout.py holds it to rich's output.
"""

from __future__ import annotations

import re

from engine.records import record

Part = tuple[str, str | None]  # (text, rich style)


@record(frozen=True)
class Line:
    """One printed line (wrapped at the width): its parts with their styles."""

    parts: tuple[Part, ...]
    markup: bool = False  # rich reads the text as markup (a str printed without markup=False)
    text: bool = False  # printed as one rich Text with the style of its part
    style: str | None = None  # the style of the whole line
    indent: int = 0  # a hanging indent: the first ``indent`` characters are the item's mark, its wrapped lines go under its text


@record(frozen=True)
class Column:
    header: str
    width: int
    justify: str = "left"
    no_wrap: bool = False
    overflow: str = "ellipsis"


@record(frozen=True)
class Table:
    """A table of text cells (rich reads each cell as markup), rich's box SIMPLE_HEAD without its edge."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]


class NeedsRich(Exception):
    """Something the plain layout does not lay out as rich would."""


_TRAILING = re.compile(r"\s+$")
_UNSAFE = frozenset(map(chr, [*range(0x20), 0x7F]))  # the control characters (no pattern compiled at every start)
# rich's one-cell ranges (rich.cells._SINGLE_CELL_UNICODE_RANGES) and the punctuation the reports print, each one
# cell in rich (tests/test_text_layout.py checks both): a text of these is measured by its length, as rich measures it.
# Told character by character (a line has few distinct ones beyond ASCII), not by a pattern compiled at every start
NARROW_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2500, 0x25FC), (0x2800, 0x28FF))
NARROW_MARKS = frozenset("\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2192\u2264\u2265\u20ac\ue000\ue001")
_NONSPACE, _SPACE = re.compile(r"\S"), re.compile(r"\s")  # where a word's text starts and ends (rich's words: \s*\S+\s*)
_PRINTABLE_ASCII = frozenset(map(chr, range(0x20, 0x7F)))
_SUMMED = ("\u200d", "\ufe0f")  # without these, a text's cell width is the sum of its words' (the fast path's premise)


def _narrow(text: str) -> bool:
    """Whether every character of ``text`` is one cell wide in rich (of :data:`NARROW_RANGES` or :data:`NARROW_MARKS`)."""
    if text.isascii():  # printable ASCII is U+0020 to U+007E, the first range
        return text.isprintable()
    for ch in set(text).difference(_PRINTABLE_ASCII):
        if ch not in NARROW_MARKS and not any(low <= ord(ch) <= high for low, high in NARROW_RANGES[1:]):
            return False
    return True


def cell_len(text: str) -> int:
    """rich's ``cell_len``."""
    if _narrow(text):
        return len(text)
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def set_cell_size(text: str, total: int) -> str:
    """rich's ``set_cell_size``."""
    if _narrow(text):
        return text + " " * (total - len(text)) if len(text) < total else text[:total]
    from rich.cells import set_cell_size as rich_set_cell_size

    return rich_set_cell_size(text, total)


def _chop_narrow(text: str, width: int) -> list[str]:
    """rich's ``chop_cells`` for a text one cell a character."""
    return [text[i : i + width] for i in range(0, len(text), width)]


def divide_line(text: str, width: int, fold: bool = True, narrow: bool | None = None) -> list[int]:
    """rich's ``divide_line`` (:mod:`engine.render.rich_wrap`): where ``text`` breaks to fit ``width``; ``narrow``: whether
    ``text`` is known to be of one-cell characters (None: not known)."""
    if _narrow(text) if narrow is None else narrow:
        return _divide_narrow(text, width, fold)
    from rich.cells import cell_len as rich_cell_len
    from rich.cells import chop_cells

    from engine.render import rich_wrap  # rich's division of a line, only for one with wide characters

    return rich_wrap.divide_line(text, width, fold, rich_cell_len, chop_cells)


def _divide_narrow(text: str, width: int, fold: bool) -> list[int]:
    """``rich_wrap.divide_line(text, width, fold, len, _chop_narrow)``, a line at a time instead of a word at a time:
    with one cell a character, a word fits when its last non-space character stands within ``width`` of the line's
    start, so the first word that does not is the one holding the first non-space character at or past that point
    (tests/test_cold_render.py holds the two to the same breaks)."""
    first = _NONSPACE.search(text)
    if first is None:
        return []  # no word
    breaks: list[int] = []
    line = pos = 0  # the line's start; the end of the words placed so far
    while (found := _NONSPACE.search(text, max(line + width, pos))) is not None:
        run = found.start()
        while run > pos and not text[run - 1].isspace():
            run -= 1
        start = 0 if run == first.start() else run  # the first word holds the line's leading spaces
        gap = _SPACE.search(text, found.start())
        stripped = gap.start() if gap else len(text)  # where the word's text ends
        after = _NONSPACE.search(text, stripped)
        pos = after.start() if after else len(text)  # where the word and its spaces end
        if stripped - start > width and fold:  # it fits on no line: folded
            for line in range(start, pos, width):
                if line:
                    breaks.append(line)
        elif start:  # on the next line (or, too long and not folded, left whole there)
            breaks.append(start)
            line = start
    return breaks


def _checked(text: str, markup: bool) -> str:
    if (not text.isprintable() if text.isascii() else not _UNSAFE.isdisjoint(text)) or (markup and "[" in text):
        raise NeedsRich(text)
    return text


def _rstrip_end(text: str, size: int) -> str:
    """rich's ``Text.rstrip_end``: whitespace beyond ``size`` characters removed from the end."""
    excess = len(text) - size
    if excess > 0:
        found = _TRAILING.search(text)
        if found is not None:
            text = text[: len(text) - min(len(found.group(0)), excess)]
    return text


def _truncate(text: str, width: int, overflow: str, pad: bool = False, narrow: bool = False) -> str:
    """rich's ``Text.truncate``; ``narrow``: ``text`` is known to be of one-cell characters (a piece of such a line)."""
    length = len(text) if narrow else cell_len(text)
    if length > width:
        if narrow:
            text = text[: width - 1] + "…" if overflow == "ellipsis" else text[:width]
        else:
            text = set_cell_size(text, width - 1) + "…" if overflow == "ellipsis" else set_cell_size(text, width)
    if pad and length < width:
        text += " " * (width - length)
    return text


def wrap(text: str, width: int, justify: str = "default", overflow: str = "fold", no_wrap: bool = False) -> list[str]:
    """rich's ``Text.wrap`` of a one-line text (its one-cell characters, the common case, measured once: each piece of
    the text, and each piece with spaces or an ellipsis added, is of them too)."""
    narrow = _narrow(text)
    if no_wrap or ((narrow or not any(ch in text for ch in _SUMMED)) and (len(text) if narrow else cell_len(text)) <= width):  # it fits
        lines = [text]
    else:
        breaks = divide_line(text, width, fold=overflow == "fold", narrow=narrow)
        lines = [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    lines = [_rstrip_end(line, width) for line in lines]
    if justify == "left":
        lines = [_truncate(line, width, overflow, pad=True, narrow=narrow) for line in lines]
    elif justify == "right":
        lines = [_truncate(line.rstrip(), width, overflow, narrow=narrow) for line in lines]
        lines = [" " * (width - (len(line) if narrow else cell_len(line))) + line for line in lines]
    elif justify != "default":
        raise NeedsRich(justify)
    return [_truncate(line, width, overflow, narrow=narrow) for line in lines]


def _cell(text: str, column: Column) -> list[str]:
    text = _checked(text, True)
    narrow = _narrow(text)
    return [_truncate(line, column.width, "crop", pad=True, narrow=narrow)
            for line in wrap(text, column.width, column.justify, column.overflow, column.no_wrap)]


def _table(table: Table, width: int) -> list[str]:
    cols = table.columns
    pads = [(0 if i == 0 else 1, 0 if i == len(cols) - 1 else 1) for i in range(len(cols))]
    if sum(c.width for c in cols) + sum(a + b for a, b in pads) + len(cols) - 1 > width:
        raise NeedsRich("the table does not fit")  # rich would narrow the columns
    out = []
    for n, row in enumerate(((c.header for c in cols), *table.rows)):
        cells = [_cell(text, c) for text, c in zip(row, cols, strict=True)]
        height = max(len(c) for c in cells)
        for i in range(height):
            out.append(" ".join(" " * a + (cell[i] if i < len(cell) else " " * c.width) + " " * b
                                for cell, c, (a, b) in zip(cells, cols, pads, strict=True)))
        if n == 0:
            out.append("─".join("─" * (c.width + a + b) for c, (a, b) in zip(cols, pads, strict=True)))
    return out


def hanging(line: Line, width: int) -> int:
    """The hanging indent of ``line`` at ``width``: none when too little width would be left for its text."""
    return line.indent if 0 < line.indent <= width - 20 and not line.markup else 0


def plain_layout(items: list[Line | Table], width: int) -> str:
    """The summary as rich's console prints it without colour (each line without its trailing spaces); a line with a
    hanging indent is its mark, then its text wrapped at the width left, each further line under the text."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, Table):
            lines += _table(item, width)
            continue
        text = _checked("".join(text for text, _style in item.parts), item.markup)
        indent = hanging(item, width)
        if indent:
            lines += [(text[:indent] if i == 0 else " " * indent) + part for i, part in enumerate(wrap(text[indent:], width - indent))]
        else:
            lines += wrap(text, width)
    return "".join(line.rstrip() + "\n" for line in lines)
