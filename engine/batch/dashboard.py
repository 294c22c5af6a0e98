"""The batch dashboard: one self-contained page comparing every profile of a batch.

A profile x dimension heatmap (scores as text and colour), sortable and filterable by kind, group and
name; the gaps most profiles share (the agenda of a partnership meeting); the profiles that failed,
with their errors; links to each report. The only script is inline and allowed by its hash in the CSP.
A link is a file name in the output folder only (no folder, never ``..``), its bytes percent-encoded; a file
name's bytes that are not UTF-8 are shown as ``\\xff``.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from engine.batch.heat import rows_html
from engine.batch.row import Row, View, unpack, view
from engine.batch.table import Done
from engine.escape import unbroken
from engine.i18n import catalogue, format_number, format_percent, translate, translate_plural
from engine.outputs import write_atomic
from engine.pack.compiled import Pack
from engine.pack.model import Band
from engine.render.verdict import range_text
from engine.resources import data_dir
from engine.score import band_range

if TYPE_CHECKING:
    from jinja2 import Template

MAX_ROWS = 5000
DISCLAIMER = ("This dashboard is a self-assessment aid: it gathers assessments made from the facts of each profile. It is not a ranking of countries "
              "or partnerships, nor an official classification: its rows can be sorted only to ease reading, and it does not replace the official reporting of any framework.")
GROUP_LABELS = {"region": "Region", "process": "Process", "corridor": "Corridor", "income_group": "Income group", "subregion": "Subregion"}  # a profile's group keys as the dashboard names them
SCRIPT = """
(function () {
  var bar = document.querySelector('[role=search]');
  if (!bar) { return; }
  var search = bar.querySelector('input.search');
  var filters = bar.querySelectorAll('[data-filter]');
  var tables = document.querySelectorAll('table.heat');
  function apply() {
    var q = search.value.toLowerCase();
    Array.prototype.forEach.call(tables, function (table) {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var show = row.dataset.name.toLowerCase().indexOf(q) >= 0;
        Array.prototype.forEach.call(filters, function (f) {
          if (f.value && row.getAttribute('data-' + f.dataset.filter) !== f.value) { show = false; }
        });
        row.hidden = !show;
      });
    });
  }
  Array.prototype.forEach.call(filters, function (f) { f.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  Array.prototype.forEach.call(tables, function (table) {
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    function mark(active, asc) {
      Array.prototype.forEach.call(heads, function (c) {
        var arrow = c.querySelector('.sort-arrow');
        if (c === active) {
          c.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
          if (arrow) { arrow.textContent = asc ? '\\u25B2' : '\\u25BC'; }
        } else {
          c.removeAttribute('aria-sort');
          if (arrow) { arrow.textContent = '\\u21C5'; }
        }
      });
    }
    Array.prototype.forEach.call(heads, function (th, i) {
      var button = th.querySelector('button');
      if (!button) { return; }
      button.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        mark(th, asc);
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[i].dataset.value, y = b.cells[i].dataset.value;
          var nx = parseFloat(x), ny = parseFloat(y);
          var cmp = (isNaN(nx) || isNaN(ny)) ? String(x).localeCompare(String(y)) : nx - ny;
          return asc ? cmp : -cmp;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
"""


def _band_class(score: float | None, bands: list[Any]) -> str:
    if score is None:
        return "band-none"
    idx = 0
    for i, b in enumerate(bands):
        if score + 1e-9 >= b.min:
            idx = i
    return f"band-{idx}"


class Aggregate:
    """What the dashboard needs, in bounded memory: at most MAX_ROWS rows per pack (each a compact text,
    :func:`engine.batch.row.view`, without its gaps, which are counted), gap counts, failures (file and error)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[str]] = {}
        self.counts: dict[str, Counter[str]] = {}
        self.totals: Counter[str] = Counter()
        self.failed: list[tuple[str, str]] = []

    def add(self, row: Row) -> None:
        self._keep(row.pack, row.gaps, view(row) if row.ok else None, row.file, row.error)

    def take(self, item: Done) -> None:
        """A row finished, as the main process takes it (:class:`engine.batch.table.Done`)."""
        self._keep(item.pack, item.gaps, item.shown, item.file, item.error)

    def _keep(self, pack: str | None, gaps: list[str], shown: str | None, file: str, error: str | None) -> None:
        if shown is None:
            self.failed.append((file, error or ""))
            return
        pid = pack or ""
        self.totals[pid] += 1
        self.counts.setdefault(pid, Counter()).update(gaps)
        kept = self.rows.setdefault(pid, [])
        if len(kept) < MAX_ROWS:
            kept.append(shown)


def render(agg: Aggregate, packs: dict[str, Pack], lang: str, formats: tuple[str, ...], tagged: bool = False,
           languages: tuple[str, ...] = ()) -> str:
    """The dashboard in ``lang``; ``tagged``: the reports are written in several languages, named ``x.<lang>.html``
    (the dashboard links those in its own language). ``languages``: the dashboards written, ``index.html`` in the first
    and ``index.<lang>.html`` in the others; each links to the others."""
    return "".join(_pieces(agg, packs, lang, formats, tagged, languages))


def write(target: Path, agg: Aggregate, packs: dict[str, Pack], lang: str, formats: tuple[str, ...], tagged: bool = False,
          languages: tuple[str, ...] = ()) -> None:
    """:func:`render` written to ``target`` atomically as it is laid out: the page of a large batch (a row per profile) is
    never held whole in memory, nor its rows' cells."""
    def writer(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(_pieces(agg, packs, lang, formats, tagged, languages))

    write_atomic(target, writer, [data_dir("rules")], field="--output")


def template(lang: str) -> Template:
    """The dashboard's template in ``lang`` (jinja2 imported, the environment made, the compiled code read): loaded by a
    batch with workers while its fork server starts, when the main process would otherwise wait; else when written."""
    from engine.render.templates import environment  # jinja2, only when a dashboard is written

    return environment(lang).get_template("dashboard.html.j2")


def _pieces(agg: Aggregate, packs: dict[str, Pack], lang: str, formats: tuple[str, ...], tagged: bool,
            languages: tuple[str, ...]) -> Iterator[str]:
    others = [{"lang": each, "href": "index.html" if i == 0 else f"index.{each}.html"} for i, each in enumerate(languages) if each != lang]
    failed = [{"file": unbroken(file), "error": unbroken(error)} for file, error in sorted(agg.failed, key=lambda f: f[0])]
    sections = [_section(agg.rows[pid], pack, lang, formats, agg.counts[pid], agg.totals[pid], f".{lang}" if tagged else "")
                for pid, pack in packs.items() if agg.rows.get(pid)]
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    from engine.render.templates import stylesheet

    page = template(lang)
    env, css = page.environment, stylesheet()
    group_keys = sorted({k for s in sections for k in s["groups"]})
    groups = [{"key": k, "attr": f"g{i}", "label": group_label(k, lang),
               "values": sorted({v for s in sections for v in s["groups"].get(k, [])})} for i, k in enumerate(group_keys, 1)]
    kinds = sorted({k for s in sections for k in s["kinds"]})
    kind_labels = {k: label for s in sections for k, label in s["kind_labels"].items()}
    for s in sections:  # each row laid out as the page is written: the groups' attributes are those of every section
        s["rows"] = rows_html(s["rows"], groups, s["kind_labels"], env.finalize)
    n_ok = sum(agg.totals.values())

    def count(singular: str, plural: str, n: int) -> str:
        return catalogue(lang).ngettext(singular, plural, n).format(n=n)

    return page.generate(
        lang=lang, sections=sections, failed=failed, n_ok=n_ok, css=css, script=SCRIPT, script_hash=script_hash, groups=groups,
        kinds=kinds, kind_labels=kind_labels, count=count, disclaimer=translate(DISCLAIMER, lang), others=others)


def _link(stem: str, suffix: str | None) -> str | None:
    """The relative link to a profile's report: a file of the output folder, never a path out of it.

    >>> _link("a b", "html"), _link("../passwd", "html"), _link("x\\udcff", "json")
    ('a%20b.html', None, 'x%FF.json')
    """
    if suffix is None or not stem or os.sep in stem or "/" in stem or stem.startswith("."):
        return None
    return quote(os.fsencode(f"{stem}.{suffix}"))


def _sort_value(r: View) -> float | None:
    """What a profile is sorted by: its score, or, when its rating is withheld, the lowest score its unknowns
    allow (sorting by the point would rank a profile known on 3 % of its facts first)."""
    return r.worst if _unrated(r) else r.overall


def _unrated(r: View) -> bool:
    """No point score though facts are known: the rating withheld, or too few criteria assessed (2.0: the point is null)."""
    return (r.withheld or r.overall is None) and (r.coverage or 0) > 0


def _rating(r: View, bands: list[Band], titles: dict[str, str], lang: str) -> tuple[str, bool]:
    """The rating as the profile's report says it, and whether it is a band (not a range) the colour may repeat."""
    if r.withheld:
        return _withheld(r.facts_to_collect, lang), False
    if _unrated(r):
        return translate_plural("too few criteria assessed to rate — {n} fact to collect", "too few criteria assessed to rate — {n} facts to collect",
                                r.facts_to_collect, lang).format(n=r.facts_to_collect), False
    between = band_range(r.worst, r.best, bands) if r.overall is not None else None
    if between and r.worst is not None and r.best is not None:
        return translate("between {low} and {high} ({range})", lang).format(low=titles[between[0]], high=titles[between[1]],
                                                                          range=range_text(r.worst, r.best, lang)), False
    return titles.get(r.rating or "", "—"), True


def _range_text(low_high: list[float | None], lang: str) -> str:
    """A withheld rating's score: the range its unknowns allow, never a point (nor a band's colour)."""
    return range_text(low_high[0], low_high[1], lang, wrap=True)  # the heat table prints whole


def _withheld(facts: int, lang: str) -> str:
    return translate_plural("insufficient evidence — {n} fact to collect", "insufficient evidence — {n} facts to collect", facts, lang).format(n=facts)


def group_label(key: str, lang: str) -> str:
    """A group key (``region``, ``process``) in words in ``lang``; a key migov does not know is shown as written, spaced."""
    known = GROUP_LABELS.get(key)
    return translate(known, lang) if known else key.replace("_", " ").capitalize()


def _order(kept: list[str]) -> tuple[list[int], dict[str, set[str]], set[str]]:
    """The kept rows' numbers in the table's order (by score, best first, then name and file; a tie in that order of arrival),
    the values of each group and the kinds: each row read once and let go (the 5,000 rows of a pack are never all read at once)."""
    keys: list[tuple[float, str, str, int]] = []
    groups: dict[str, set[str]] = {}
    kinds: set[str] = set()
    for i, text in enumerate(kept):
        r = unpack(text)
        keys.append((-(_sort_value(r) or -1.0), r.name or "", r.file, i))
        for k, v in r.groups.items():
            groups.setdefault(k, set()).add(v)
        if r.kind:
            kinds.add(r.kind)
    keys.sort()
    return [k[3] for k in keys], groups, kinds


def _section(kept: list[str], pack: Pack, lang: str, formats: tuple[str, ...], counts: Counter[str], total: int, tag: str = "") -> dict[str, Any]:
    order, seen, kinds = _order(kept)
    bands = list(pack.header.ratings)
    band_titles = {b.id: pack.text(b.title, lang) for b in bands}
    dims = [{"id": d.id, "title": pack.text(d.title, lang)} for d in pack.header.dimensions]
    rules = {cr.rule.id: cr for cr in pack.rules}
    shared = [{"rule": rid, "n": n, "share": format_percent(n / total, lang) if total else "—",
               "title": pack.text(rules[rid].rule.title, lang) if rid in rules else rid,
               "dimension": pack.text(next(d.title for d in pack.header.dimensions if d.id == rules[rid].rule.dimension), lang) if rid in rules else ""}
              for rid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]]
    groups = {k: sorted(seen[k]) for k in sorted(seen)}
    link = "html" if "html" in formats else "json" if "json" in formats else None
    shown = (unpack(kept[i]) for i in order)  # one at a time, in order, as the page is written
    table = _table(shown, [d["id"] for d in dims], bands, band_titles, lang, tag, link)  # laid out as the page is written (:func:`write`)
    return {
        "pack": {"id": pack.id, "version": pack.version, "title": pack.text(pack.header.title, lang)},
        "dims": dims, "rows": table, "truncated": total - len(order), "shared": shared, "groups": groups,
        "kinds": sorted(kinds), "kind_labels": {k: pack.kind_label(k, lang) for k in pack.kinds}, "n": total,
        "bands": [{"title": pack.text(b.title, lang), "min": format_number(b.min, lang, 0), "class": f"band-{i}"} for i, b in enumerate(bands)],
    }


def _table(shown: Iterator[View], dims: list[str], bands: list[Band], band_titles: dict[str, str], lang: str, tag: str, link: str | None) -> Iterator[dict[str, Any]]:
    """The heat table's rows (:func:`engine.batch.heat.rows_html`); a cell made once per score or range (they repeat), shared."""
    cells: dict[tuple[Any, ...], dict[str, Any]] = {}

    def cell(value: float | None, span: list[float | None] | None) -> dict[str, Any]:
        key = (value.__class__, value) if span is None else (None, *((x.__class__, x) for x in span))  # 1 and 1.0: written differently
        if key not in cells:
            cells[key] = ({"value": value, "text": format_number(value, lang), "class": _band_class(value, bands)} if span is None else
                          {"value": span[0], "text": _range_text(span, lang), "class": "range"})
        return cells[key]

    for r in shown:
        rating, banded = _rating(r, bands, band_titles, lang)
        yield {
            "name": unbroken(r.name or r.file), "id": r.id, "kind": r.kind, "period": r.period or "", "groups": r.groups, "link": _link(r.stem + tag if r.stem else "", link), "overall": _sort_value(r),
            "overall_text": _range_text([r.worst, r.best], lang) if _unrated(r) else format_number(r.overall, lang),
            "overall_class": _band_class(r.overall, bands) if banded else "range", "rating": rating,
            "coverage": format_percent(r.coverage, lang), "coverage_value": -1 if r.coverage is None else r.coverage,
            "cells": [cell(r.dimensions.get(d), r.ranges.get(d)) for d in dims],
        }
