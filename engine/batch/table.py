"""``summary.csv`` and the manifest of a batch: written row by row to temporary files, moved into place at the end.

Every text cell of ``summary.csv`` that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, a tab or a
carriage return first: a profile named ``=HYPERLINK(...)``, a file ``=1+1.yaml``) is prefixed with a single quote
(OWASP's rule), and a file name's bytes that are not UTF-8 are written as ``\\xff``. The temporary files are made by
:func:`engine.outputs.temporary`: random names, never through a link planted in the folder.
The manifest read back is never trusted: a line that is not JSON, not UTF-8, nested past the parser's depth or
not a row migov writes (:func:`engine.batch.row.row_from_data`) makes the whole manifest ignored.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, NamedTuple

from engine.batch.folder import sync
from engine.batch.row import Row, row_from_data, view
from engine.escape import FORMULA_START, csv_cell
from engine.outputs import publish, temporary

MANIFEST = ".migov-batch.json"
MAX_MANIFEST_LINE = 1_000_000  # characters of one row: a longer line is not one migov wrote
_SORTED = json.JSONEncoder(sort_keys=True).encode  # made once: json.dumps with options makes an encoder per call
_SORTED_TEXT = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def read_manifest(out: Path, base: str) -> tuple[dict[str, Row], list[str]]:
    """The rows of the previous run with the same base (pack, language, formats), one JSON line each; none
    (every profile redone) when the manifest is missing, damaged or holds a row migov would not write."""
    previous: dict[str, Row] = {}
    try:
        with (out / MANIFEST).open(encoding="utf-8") as fh:
            head = json.loads(fh.readline(MAX_MANIFEST_LINE) or "{}")
            if not isinstance(head, dict) or head.get("base") != base:
                return {}, []
            formats = head.get("formats")
            if not isinstance(formats, list) or not all(f in ("json", "html") for f in formats):
                return {}, []
            for line in iter(lambda: fh.readline(MAX_MANIFEST_LINE), ""):
                row = row_from_data(json.loads(line))
                if row is None or row.file in previous:
                    return {}, []
                previous[row.file] = row
    except (OSError, ValueError, RecursionError):  # ValueError: JSON and UTF-8 errors alike
        return {}, []
    return previous, formats


class Done(NamedTuple):
    """A profile finished, as the main process takes it: its summary.csv and manifest lines already written out (by the
    worker that assessed it), the key of its id, and what the dashboard keeps. A few strings and a tuple: cheaper to
    pickle and to read back than the row, and nothing of it is formatted again in the main process."""

    key: str | None  # pack|id|period of a profile assessed with an id: two in one batch are refused (engine.batch.plan.check_id)
    file: str
    csv: str
    manifest: str
    pack: str | None
    gaps: list[str]
    shown: str | None  # the dashboard's fields (engine.batch.row.view; None: the profile failed)
    error: str | None


def done(row: Row, dimensions: list[str]) -> Done:
    """``row`` as the main process takes it (:class:`Done`)."""
    key = f"{row.pack}|{row.id}|{row.period}" if row.ok and row.id is not None else None
    return Done(key, row.file, csv_line(row, dimensions), manifest_line(row), row.pack, row.gaps, view(row) if row.ok else None, row.error)


_LINE = io.StringIO()
_LINE_CSV = csv.writer(_LINE, lineterminator="\n")


def csv_line(row: Row, dimensions: list[str]) -> str:
    """The row's line of summary.csv, as csv.writer writes it."""
    _LINE.seek(0)
    _LINE.truncate()
    _LINE_CSV.writerow(csv_row(row, dimensions))
    return _LINE.getvalue()


def manifest_line(row: Row) -> str:
    return _MANIFEST(row.__dict__) + "\n"  # ASCII: a file name's undecodable bytes as \udcff, read back as they were


_MANIFEST = json.JSONEncoder(check_circular=False).encode  # json.dumps's text; a row holds no container twice (nothing to check)


class Writer:
    """summary.csv and the manifest, written row by row to temporary files, moved into place at the end."""

    def __init__(self, out: Path, base: str, formats: tuple[str, ...], dimensions: list[str]) -> None:
        self.out, self.dimensions = out, dimensions
        self.csv_fh, self.csv_tmp = temporary(out / "summary.csv")
        try:
            self.manifest_fh, self.manifest_tmp = temporary(out / MANIFEST)
        except BaseException:
            self.csv_fh.close()
            self.csv_tmp.unlink(missing_ok=True)
            raise
        csv.writer(self.csv_fh, lineterminator="\n").writerow(csv_header(dimensions))
        self.manifest_fh.write(json.dumps({"base": base, "formats": list(formats)}) + "\n")

    def add(self, row: Row) -> None:
        self.add_lines(csv_line(row, self.dimensions), manifest_line(row))

    def add_lines(self, csv_text: str, manifest_text: str) -> None:
        """A row's lines, written out already (:class:`Done`)."""
        self.csv_fh.write(csv_text)
        self.manifest_fh.write(manifest_text)

    def close(self) -> None:
        self.csv_fh.close()
        self.manifest_fh.close()
        sync(self.out)  # the reports of the rows listed, on disk before the manifest says they are done
        publish(self.csv_tmp, self.out / "summary.csv")
        publish(self.manifest_tmp, self.out / MANIFEST)


def csv_header(dimensions: list[str]) -> list[str]:
    return ["file", "status", "pack", "id", "name", "kind", "overall", "rating", "coverage", "best_case", "worst_case", *dimensions,
            "other_scores", "groups", "error", "confidence", "withheld", "facts_to_collect"]


def csv_row(r: Row, dimensions: list[str]) -> list[Any]:
    dims = r.dimensions
    other = {d: v for d, v in dims.items() if d not in dimensions}
    return [_cell(c) for c in (
        r.file, "ok" if r.ok else "error", r.pack, r.id, r.name, r.kind, r.overall, r.rating, r.coverage, r.best, r.worst,
        *[dims.get(d) for d in dimensions], _SORTED(other) if other else "",
        _SORTED_TEXT(r.groups) if r.groups else "", r.error or "",
        r.confidence or "", r.withheld if r.ok else "", r.facts_to_collect if r.ok else "")]


def _cell(value: object) -> object:
    """:func:`engine.escape.csv_cell`, and at once what it leaves as it is: a number, plain ASCII text that no formula starts."""
    if type(value) is not str or (value.isascii() and "\r" not in value and not value.startswith(FORMULA_START)):
        return value
    return csv_cell(value)
