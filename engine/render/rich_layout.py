"""The text summary laid out by rich's console: colour on a terminal, and what the plain layout leaves to rich."""

from __future__ import annotations

import io
import re

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from engine.render.plain import Line, Table, hanging


def rich_layout(items: list[Line | Table], width: int, colour: bool) -> str:
    buf = io.StringIO()
    con = Console(file=buf, width=width, color_system="standard" if colour else None, force_terminal=colour,
                  highlight=False, emoji=False, soft_wrap=False)
    for item in items:
        if isinstance(item, Table):
            table = RichTable(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
            for c in item.columns:
                if c.no_wrap:
                    table.add_column(c.header, justify=c.justify, width=c.width, no_wrap=True)  # type: ignore[arg-type]
                else:
                    table.add_column(c.header, justify=c.justify, width=c.width, no_wrap=False, overflow=c.overflow)  # type: ignore[arg-type]
            for row in item.rows:
                table.add_row(*row)
            con.print(table)
        elif indent := hanging(item, width):  # the mark, then the text wrapped under it (as plain_layout does)
            whole = Text.assemble(*[(text, style) if style else text for text, style in item.parts], style=item.style or "")
            mark, body = whole[:indent], whole[indent:]
            for i, part in enumerate(body.wrap(con, width - indent)):
                con.print(Text.assemble(mark if i == 0 else " " * indent, part))
        elif item.text:
            text, style = item.parts[0]
            con.print(Text(text, style=style or ""))
        elif len(item.parts) > 1:
            con.print(Text.assemble(*[(text, style) if style else text for text, style in item.parts]))
        elif item.style is not None:
            con.print(item.parts[0][0], markup=item.markup, style=item.style)
        else:
            con.print(item.parts[0][0], markup=item.markup)
    # a wrapped styled line may end in spaces before its closing colour code: stripped too, as the plain layout does
    return "".join(_TRAILING.sub(r"\1", line).rstrip() + "\n" for line in buf.getvalue().splitlines())


_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)+)$")
