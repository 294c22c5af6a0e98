"""The dashboard's heat table: each profile's row as the template would write it, with its escaping and typography."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from markupsafe import Markup, escape

_KEYED = frozenset({str, int, float, bool, type(None)})  # the values a row's cells hold, remembered by value and type


def rows_html(rows: Iterable[dict[str, Any]], groups: list[dict[str, Any]], kind_labels: dict[str, str],
               finalize: Callable[[Any], Any] | None) -> Iterator[Markup]:
    """The heat table's rows, each as the template wrote it (the same escaping and typography, ``finalize``), in one
    string: a page of 5,000 rows was some 100 template steps a row."""
    memo: dict[tuple[type, Any], str] = {}  # the page's classes, numbers and labels repeat from row to row: each written once

    def e(value: Any) -> str:
        if value.__class__ not in _KEYED:
            return str(escape(finalize(value) if finalize is not None else value))
        key = (value.__class__, value)  # 1, 1.0 and True are equal keys, but are written differently
        found = memo.get(key)
        if found is None:
            found = str(escape(finalize(value) if finalize is not None else value))
            if len(memo) < 100_000:
                memo[key] = found
        return found

    written: dict[tuple[Any, ...], str] = {}  # the cells' texts (few: the memo grows no larger than the scores a page shows)
    attrs = [(e(g["attr"]), g["key"]) for g in groups]
    for r in rows:
        name, link, kind = e(r["name"]), r["link"], r["kind"]
        head = f'<a href="{e(link)}">{name}</a>' if link else name
        overall = r["overall"]
        tds = []
        for c in r["cells"]:  # a cell's text, once per class, value and text: a batch's scores repeat
            value = c["value"]
            key = (c["class"], value.__class__, value, c["text"])
            td = written.get(key)
            if td is None:
                td = written[key] = f'<td class="num {e(c["class"])}" data-value="{e(value if value is not None else -1)}">{e(c["text"])}</td>'
            tds.append(td)
        cells = "".join(tds)
        data = "".join(f' data-{attr}="{e(r["groups"].get(key, ""))}"' for attr, key in attrs)
        yield Markup(
            f'<tr data-name="{name}" data-kind="{e(kind)}"{data}>\n<th scope="row" data-value="{name}">{head}</th>'
            f'<td data-value="{e(kind)}">{e(kind_labels.get(kind, kind))}</td>'
            f'<td class="num {e(r["overall_class"])}" data-value="{e(overall if overall is not None else -1)}"><strong>{e(r["overall_text"])}</strong>'
            f'<br><span class="meta">{e(r["rating"])}</span></td><td data-value="{e(r["coverage_value"])}">{e(r["coverage"])}</td>'
            f'<td data-value="{e(r["period"])}">{e(r["period"] or "—")}</td>{cells}</tr>\n')
