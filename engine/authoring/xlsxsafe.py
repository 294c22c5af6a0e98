"""A workbook opened only after its zip is checked: size, expanded size, expansion ratio, number of parts.

openpyxl expands every part it reads; a small file can hold gigabytes (a "zip bomb"). The checks read the
zip's directory only (no expansion), under the limits of :mod:`engine.limits`; then the workbook is loaded
and any damage inside it (broken XML, a part missing) is one line naming the file.

A workbook migov writes (:func:`save`, ``migov template``) holds no formula: a cell whose text begins with ``=``
(a pack's label, a kind, a sheet of drop-down lists) is typed as a string, so that a spreadsheet shows it and
never runs it.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any

from engine.errors import MigovError
from engine.i18n import _
from engine.limits import exceeded, limit
from engine.yamlio import check_file

MAX_PARTS = 10_000


def check_zip(path: Path) -> bool:
    """Refuse a workbook over the limits; True when one of its sheets holds a formula."""
    check_file(path, limit_name="workbook", expected="workbook (.xlsx)")
    try:
        with zipfile.ZipFile(path) as zf:
            parts = zf.infolist()
            if len(parts) > MAX_PARTS:
                raise MigovError(_("not a workbook migov can read: {reason}").format(reason=_("{n} parts").format(n=len(parts))), file=str(path))
            total = sum(p.file_size for p in parts)
            if total > limit("expanded"):
                raise MigovError(exceeded("expanded", _("the workbook expands to {size:.0f} MB").format(size=total / 1e6)), file=str(path))
            for p in parts:
                if p.file_size > 1_000_000 and p.file_size > limit("ratio") * max(p.compress_size, 1):
                    raise MigovError(exceeded("ratio", _("the part {part} expands {n:.0f} times").format(part=p.filename, n=p.file_size / max(p.compress_size, 1))),
                                     file=str(path))
            return any(_has_formula(zf, p) for p in parts if p.filename.startswith("xl/worksheets/") and p.filename.endswith(".xml"))
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise MigovError(_("not a workbook migov can read: {reason}").format(reason=_reason(exc)), file=str(path)) from None


def _has_formula(zf: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    with zf.open(part) as fh:
        data = fh.read(limit("expanded") + 1)
    return b"<f>" in data or b"<f " in data


def save(workbook: Any, path: Path) -> None:
    """``workbook`` saved to ``path`` with every cell typed as a formula (text beginning with ``=``) typed as text."""
    for sheet in workbook.worksheets:  # the hidden sheet of drop-down lists too
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    workbook.save(path)


def load(path: Path, *, data_only: bool, read_only: bool = False) -> Any:
    """The openpyxl workbook, or one line saying why it cannot be read."""
    try:
        from openpyxl import load_workbook

        return load_workbook(path, data_only=data_only, read_only=read_only)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything from a damaged file: KeyError, ParseError, TypeError...
        raise MigovError(_("not a workbook migov can read: {reason}").format(reason=_reason(exc)), file=str(path)) from None


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def no_formula(typed: Any, sheet: str, cell: Any, file: str) -> None:
    """A formula whose value was never computed (the file was not saved by a spreadsheet program) is refused."""
    if typed is None or cell.value is not None:
        return  # no formula in the file, or its computed value is there: that value is the answer
    text = typed[sheet][cell.coordinate].value
    if isinstance(text, str) and text.startswith("="):
        raise MigovError(_("the cell holds a formula ({formula}) with no computed value: type the answer, or open and save the file in a spreadsheet program")
                         .format(formula=text[:40]), file=file, field=f"{sheet}!{cell.coordinate}")
