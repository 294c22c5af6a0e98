"""Spreadsheet round trip: a workbook to fill in (``migov template --format xlsx``), read back as a profile.

One sheet per dimension (a row per question, drop-down lists for allowed answers), one sheet per list of
records (a row per record), instructions in the chosen language. Reading accepts the displayed labels
in English or French, and every error names the sheet and the cell.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from engine.authoring import xlsxsafe
from engine.authoring.naming import is_placeholder, profile_id
from engine.authoring.questionnaire import UNKNOWN, AnswerError, options, parse, plan, words
from engine.authoring.sheets import allowed_answers, sheet_name
from engine.errors import MigovError
from engine.i18n import SOURCE_LANGUAGE, languages, translate
from engine.limits import exceeded, limit
from engine.pack.compiled import HEADER_KEYS, Pack
from engine.pack.loading import default_pack
from engine.pack.model import FactDef, Kind
from engine.pack.profiles import once
from engine.yamlio import Locations, Path_, dotted

ANSWER_COL = 4  # D
COMPLETE_COL = 6  # F: "every item named?" of a list


class CellLocations(Locations):
    """Positions in a workbook: errors name the sheet and the cell."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.cells: dict[Path_, str] = {}

    def error(self, path: Path_, message: str, cls: type[MigovError] = MigovError, code: str | None = None) -> MigovError:
        probe = path
        while probe not in self.cells and probe:
            probe = probe[:-1]
        cell = self.cells.get(probe)
        field = (f"{cell} " if cell else "") + (dotted(path) or "")
        return cls(message, file=self.file, field=field.strip() or None, code=code)


def write_template(pack: Pack, kind: Kind, lang: str, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    def t(s: str) -> str:
        return translate(s, lang)

    wb = Workbook()
    used: set[str] = set()
    info = cast(Any, wb.active)
    info.title = sheet_name(t("Instructions"), used)
    lines = [t("Self-assessment workbook — {pack}").format(pack=pack.text(pack.header.title, lang)),
             "",
             t("1. Fill in the sheet “{sheet}” (name of the country or partnership).").format(sheet=t("Profile")),
             t("2. In each dimension sheet, answer in the column “Answer”; use the drop-down lists where there are any."),
             t("3. Leave an answer empty, or choose “don't know”, when it is not known: it will count as unknown, never as “no”."),
             t("4. For several choices, write them separated by commas. For lists of records, use their own sheets: one row per record."),
             t("5. For a list, answer “yes” in the column “Every item named?” when it names every item; left empty, it names at least those items."),
             t("6. Then run:  migov assess this-file.xlsx --format html --output report.html")]
    for i, line in enumerate(lines, 1):
        info.cell(row=i, column=1, value=line)
    info.column_dimensions["A"].width = 110
    info["A1"].font = Font(bold=True, size=14)

    lists = wb.create_sheet("_lists")
    lists.sheet_state = "hidden"
    list_col = [0]

    def validation(sheet: Any, labels: list[str], ref: str) -> None:
        list_col[0] += 1
        col = list_col[0]
        for r, label in enumerate(labels, 1):
            lists.cell(row=r, column=col, value=label)
        letter = lists.cell(row=1, column=col).column_letter
        dv = DataValidation(type="list", formula1=f"=_lists!${letter}$1:${letter}${len(labels)}", allow_blank=True)
        dv.error = t("Choose a value from the list (or leave empty if you don't know).")
        dv.showErrorMessage = True
        sheet.add_data_validation(dv)
        dv.add(ref)

    dont_know = t("don't know")
    yes, no = t("yes"), t("no")
    head = PatternFill("solid", fgColor="DDE5EE")
    prof = wb.create_sheet(sheet_name(t("Profile"), used))
    prof.append(["key", t("Question"), t("Answer")])
    for key, question, value in (("id", t("Short identifier (letters, digits, dashes); left empty, it is made from the name"), None),
                                 ("name", t("Name of the country or partnership: ").strip(" :"), None),
                                 ("kind", t("Kind"), kind), ("language", t("Language ({languages})").format(languages=", ".join(languages())), lang),
                                 ("period", t("Period"), None)):
        prof.append([key, question, value])
    prof.column_dimensions["B"].width = 50
    prof.column_dimensions["C"].width = 40
    if pack.id != default_pack():  # the default pack needs no "pack" header
        prof.append(["pack", "pack", pack.id])

    for section in plan(pack, kind, lang):
        ws = wb.create_sheet(sheet_name(section.title, used))
        ws.append(["fact", t("Question"), t("Help"), t("Answer"), t("Allowed answers"), t("Every item named?")])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = head
        for q in section.questions:
            f = q.fact
            row = ws.max_row + 1
            allowed, labels = allowed_answers(pack, f, lang, yes, no, dont_know)
            if f.type.value == "records":
                rs = wb.create_sheet(sheet_name(pack.text(f.label, lang), used))
                allowed = t("One row per record in the sheet “{sheet}”; write “none” here if there are none.").format(sheet=rs.title)
                labels = [t("none"), dont_know]
                _records_sheet(pack, f, lang, rs, validation, yes, no, dont_know)
            ws.append([f.id, pack.text(f.question, lang), pack.text(f.help, lang), None, allowed])
            if labels:
                validation(ws, labels, f"D{row}")
            if f.type.value in ("list", "records") and not f.complete:  # open list: it names at least its items unless "yes" here
                validation(ws, [yes, no], f"F{row}")
            for c in range(1, 7):
                ws.cell(row=row, column=c).alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions["A"].width = 18
        ws.column_dimensions["B"].width = 60
        ws.column_dimensions["C"].width = 35
        ws.column_dimensions["D"].width = 30
        ws.column_dimensions["E"].width = 45
        ws.column_dimensions["F"].width = 18
        ws.freeze_panes = "B2"
    xlsxsafe.save(wb, path)  # no cell a spreadsheet would run


def _records_sheet(pack: Pack, f: FactDef, lang: str, ws: Any, validation: Any, yes: str, no: str, dont_know: str) -> None:
    from openpyxl.styles import Font

    fields = f.fields or []
    ws.append([f"fact:{f.id}", *[fd.id for fd in fields]])
    ws.row_dimensions[1].hidden = True
    ws.append([pack.text(f.label, lang), *[pack.text(fd.label, lang) + ("" if fd.required else " " + translate("(optional)", lang)) for fd in fields]])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for i, fd in enumerate(fields, 2):
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = 28
        if fd.type == "enum":
            validation(ws, [label for _, label in options(pack, fd.values, lang)], f"{letter}3:{letter}500")
        elif fd.type == "bool":
            validation(ws, [yes, no], f"{letter}3:{letter}500")
    ws.column_dimensions["A"].width = 8
    ws.freeze_panes = "B3"


def read_workbook(path: Path, pack: Pack) -> tuple[dict[str, Any], CellLocations]:
    """A filled workbook as profile data (not yet validated) and the cell of every value."""
    formulas = xlsxsafe.check_zip(path)  # sizes checked before anything is expanded
    wb = xlsxsafe.load(path, data_only=True)
    typed = xlsxsafe.load(path, data_only=False) if formulas else None  # a formula's text, when its value was never computed
    locs = CellLocations(str(path))
    if not any(str(ws.cell(row=1, column=1).value or "") == "key" for ws in wb.worksheets):
        raise MigovError(translate("no profile sheet (a sheet whose cell A1 is 'key'): is this a workbook made by migov template?"),
                         file=str(path), field=f"{wb.worksheets[0].title}!A1")
    for ws in wb.worksheets:
        if ws.max_row > limit("rows"):
            raise MigovError(exceeded("rows", translate("{n} rows").format(n=ws.max_row)), file=str(path), field=ws.title)
    data: dict[str, Any] = {}
    complete: list[str] = []  # the lists answered "every item named"
    lang = "en"
    for ws in wb.worksheets:
        first = str(ws.cell(row=1, column=1).value or "")
        if first == "key":
            for row in ws.iter_rows(min_row=2):
                key, value = row[0].value, row[2].value
                if key in HEADER_KEYS:
                    locs.cells[(str(key),)] = once(locs.cells.get((str(key),)), str(key), f"{ws.title}!C{row[0].row}", str(path))
                if key in HEADER_KEYS and value not in (None, ""):
                    data[str(key)] = str(value).strip() if key != "period" or not isinstance(value, (int, float)) else str(int(value))
                    locs.cells[(str(key),)] = f"{ws.title}!C{row[0].row}"
            locs.cells.setdefault((), f"{ws.title}!A1")
            lang = data["language"] if data.get("language") in languages() else SOURCE_LANGUAGE
    if is_placeholder(data.get("id"), pack.kinds):  # no id, or the template's my-<kind>: one from the name, as self-assess makes
        data["id"] = profile_id(data.get("name"), data.get("kind"))
    for ws in wb.worksheets:
        first = str(ws.cell(row=1, column=1).value or "")
        if first == "fact":
            for row in ws.iter_rows(min_row=2):
                fid = str(row[0].value)
                if fid not in pack.facts:
                    continue
                f = pack.facts[fid]
                cell = row[ANSWER_COL - 1]
                where = f"{ws.title}!{cell.coordinate}"
                locs.cells[(fid,)] = once(locs.cells.get((fid,)), fid, where, str(path))  # a fact named twice: refused
                xlsxsafe.no_formula(typed, ws.title, cell, str(path))
                text = "" if cell.value is None else str(cell.value)
                whole = row[COMPLETE_COL - 1] if len(row) >= COMPLETE_COL and f.type.value in ("list", "records") else None
                if whole is not None and whole.value not in (None, "") and _parse_cell(
                        pack, "bool", None, None, whole.value, lang, f"{ws.title}!{whole.coordinate}", fid, str(path)) is True:
                    complete.append(fid)
                if f.type.value == "records":
                    low = text.strip().lower()
                    if low in words(lang)["none"] | {translate("none", x).lower() for x in (lang, SOURCE_LANGUAGE)}:
                        data.setdefault(fid, [])
                    elif low and low not in words(lang)["dont_know"] | words(SOURCE_LANGUAGE)["dont_know"]:
                        raise MigovError(translate("'{value}' is not allowed here: write 'none', or fill in the sheet of these records").format(value=text.strip()),
                                         file=str(path), field=f"{where} {fid}")
                    continue
                if not text.strip():
                    continue
                value = _parse_cell(pack, f.type.value, f.values, f.items, cell.value, lang, where, fid, str(path), f.minimum, f.maximum)
                if value is not UNKNOWN:
                    data[fid] = value
        elif first.startswith("fact:") and first[5:] in pack.facts:
            fid = first[5:]
            f = pack.facts[fid]
            ids = [str(c.value) for c in ws[1][1:]]
            fields = {fd.id: fd for fd in f.fields or []}
            records: list[dict[str, Any]] = []
            for row in ws.iter_rows(min_row=3):
                cells = row[1:1 + len(ids)]
                if all(c.value in (None, "") for c in cells):
                    continue
                rec: dict[str, Any] = {}
                for field_id, c in zip(ids, cells):
                    fd = fields.get(field_id)
                    if fd is None or c.value in (None, ""):
                        continue
                    where = f"{ws.title}!{c.coordinate}"
                    xlsxsafe.no_formula(typed, ws.title, c, str(path))
                    locs.cells[(fid, len(records), field_id)] = where
                    value = _parse_cell(pack, fd.type, fd.values, fd.items, c.value, lang, where, f"{fid}.{field_id}", str(path))
                    if value is not UNKNOWN:
                        rec[field_id] = value
                locs.cells[(fid, len(records))] = f"{ws.title}!A{row[0].row}"
                records.append(rec)
            if records:
                data[fid] = records
    if complete:
        data["complete"] = complete
    return data, locs


def _parse_cell(pack: Pack, ftype: str, values: Any, items: Any, raw: Any, lang: str, where: str, name: str, file: str,
                lo: Any = None, hi: Any = None) -> Any:
    if isinstance(raw, bool):
        raw = "yes" if raw else "no"
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() and ftype not in ("enum",) else str(raw)
    last: AnswerError | None = None
    for language in dict.fromkeys((lang, SOURCE_LANGUAGE)):
        try:
            return parse(pack, ftype, values, items, text, language, lo, hi)
        except AnswerError as exc:
            last = last or exc
    raise MigovError(str(last), file=file, field=f"{where} {name}")


def pack_of_workbook(path: Path) -> str | None:
    """The pack a workbook names on its profile sheet, if any (the workbook's sizes are checked first)."""
    xlsxsafe.check_zip(path)
    try:
        wb = xlsxsafe.load(path, data_only=True, read_only=True)
    except MigovError:
        return None
    try:
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(max_row=20, values_only=True))
            if rows and rows[0] and rows[0][0] == "key":
                for row in rows[1:]:
                    if row and row[0] == "pack" and len(row) > 2 and row[2]:
                        return str(row[2])
    except Exception:  # noqa: BLE001 - a damaged sheet: read_workbook says so, in one line
        return None
    return None
