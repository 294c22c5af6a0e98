"""`compare` given edited or forged assessments: an HTML report is checked as JSON is, JSON is read strictly
(no NaN, no number past the limit, no 100,000-deep nesting, no lone surrogate, no duplicate key, a language
migov has), and a pack an input names is looked up among the bundled packs, never loaded from a folder."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from openpyxl import load_workbook

from engine.cli import main
from engine.errors import MigovError
from engine.yamlio.jsonin import parse_json
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden" / "examplia-country.en.json"
DATA = re.compile(r'(<script type="application/json" id="migov-data">)(.*?)(</script>)', re.DOTALL)
CITY = str(ROOT / "tests" / "packs" / "city")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """migov in this process: (exit code, stdout, stderr); an exception other than an exit fails the test."""
    try:
        code = main(list(args)) or 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


def refused(capsys: pytest.CaptureFixture[str], pattern: str, *args: str) -> str:
    """The one line of a refusal (exit 2) matching ``pattern``."""
    code, _out, err = cli(capsys, *args)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1, (code, err)
    assert re.search(pattern, lines[0]), lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "r.html"
    try:
        main(["assess", str(ROOT / "profiles" / "examplia-country.yaml"), "-o", str(path)])
    except SystemExit as exc:
        assert not exc.code
    return path.read_text(encoding="utf-8")


def _edit_report(report: str, tmp_path, edit=None, raw: str | None = None):
    m = DATA.search(report)
    assert m
    data = json.loads(m.group(2))
    if edit is not None:
        edit(data)
    body = raw if raw is not None else json.dumps(data)
    path = tmp_path / "edited.html"
    path.write_text(report[: m.start(2)] + body + report[m.end(2):], encoding="utf-8")
    return path


def _golden() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def _overall_99(a: dict) -> None:
    a["score"]["overall"] = 99
    for d in a["dimensions"]:
        d["score"] = 5


def test_an_edited_report_is_refused_as_the_same_edit_in_json_is(capsys, report, tmp_path):
    edited = _edit_report(report, tmp_path, lambda d: _overall_99(d["assessment"]))
    refused(capsys, r"edited\.html: assessment\.score\.overall: the assessment does not add up", "compare", str(GOLDEN), str(edited))
    a = _golden()
    _overall_99(a)
    (tmp_path / "edited.json").write_text(json.dumps(a), encoding="utf-8")
    refused(capsys, r"edited\.json: score\.overall: the assessment does not add up", "compare", str(GOLDEN), str(tmp_path / "edited.json"))


def test_an_unedited_report_still_compares(capsys, report, tmp_path):
    same = _edit_report(report, tmp_path)
    code, out, err = cli(capsys, "compare", str(GOLDEN), str(same), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["overall"]["delta"] == 0


FORGED = {  # name -> (the JSON text from the golden assessment's, what the refusal says)
    "nan": (lambda t: t.replace('"overall": 55.8', '"overall": NaN', 1), r"NaN is not a JSON number"),
    "infinity": (lambda t: t.replace('"overall": 55.8', '"overall": 1e400', 1), r"'1e400' is not a finite number"),
    "huge": (lambda t: t.replace('"overall": 55.8', '"overall": ' + "9" * 5000, 1), r"the number 9{20}…: over the limit .*MIGOV_MAX_NUMBER"),
    "deep": (lambda t: "[" * 100_000 + "]" * 100_000, r"nesting: over the limit of 64 \(set MIGOV_MAX_DEPTH"),
    "surrogate": (lambda t: t.replace('"name": "Republic', '"name": "\\ud800Republic', 1), r"profile\.name: the text holds a lone surrogate"),
    "language": (lambda t: t.replace('"language": "en"', '"language": "xx"', 1), r"language: 'xx' is not a supported language: expected en, es, fr"),
    "duplicate": (lambda t: t.replace('{\n  "migov_version"', '{\n  "language": "fr",\n  "migov_version"', 1), r"duplicate key 'language'"),
    "inf text": (lambda t: json.dumps({**json.loads(t), "score": {**json.loads(t)["score"], "best_case": "inf"}}), r"score\.best_case: expected a finite number"),
}


@pytest.mark.parametrize("name", list(FORGED))
def test_a_forged_json_assessment_is_one_line_exit_2_and_writes_nothing(capsys, tmp_path, name):
    forge, message = FORGED[name]
    text = forge(GOLDEN.read_text(encoding="utf-8"))
    assert text != GOLDEN.read_text(encoding="utf-8")
    forged = tmp_path / "forged.json"
    forged.write_text(text, encoding="utf-8")
    out = tmp_path / "c.json"
    refused(capsys, "forged\\.json: .*" + message, "compare", str(GOLDEN), str(forged), "-o", str(out))
    assert not out.exists()


@pytest.mark.parametrize("name", ["nan", "deep", "surrogate", "language", "duplicate"])
def test_the_same_forgeries_in_a_report_are_refused(capsys, report, tmp_path, name):
    m = DATA.search(report)
    assert m
    compact = m.group(2)
    raw = {"nan": compact.replace('"overall":55.8', '"overall":NaN', 1), "deep": "[" * 100_000 + "]" * 100_000,
           "surrogate": compact.replace('"name":"Republic', '"name":"\\ud800Republic', 1),
           "language": compact.replace('"language":"en"', '"language":"xx"', 1),
           "duplicate": compact.replace('{"migov_version"', '{"profile":{},"migov_version"', 1)}[name]
    assert raw != compact
    if name == "language":  # the embedded profile has a language too: edit the assessment's
        raw = json.dumps({**json.loads(compact), "assessment": {**json.loads(compact)["assessment"], "language": "xx"}})
    path = _edit_report(report, tmp_path, raw=raw)
    line = refused(capsys, r"edited\.html: ", "compare", str(GOLDEN), str(path))
    assert {"language": "assessment.language: 'xx'", "duplicate": "duplicate key 'profile'"}.get(name, "") in line


def test_compare_json_output_is_valid_json(capsys, tmp_path):
    out = tmp_path / "c.json"
    code, _out, err = cli(capsys, "compare", str(GOLDEN), str(GOLDEN), "-o", str(out))
    assert code == 0, err
    json.loads(out.read_text(encoding="utf-8"), parse_constant=lambda word: pytest.fail(f"{word} in the output"))


def test_a_json_pack_id_never_names_a_folder(capsys, tmp_path):
    a = _golden()
    a["pack"]["id"] = CITY  # a folder that is a pack: loading it would give the city pack's bands
    forged = tmp_path / "city.json"
    forged.write_text(json.dumps(a), encoding="utf-8")
    code, out, err = cli(capsys, "compare", str(forged), str(forged), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["bands"] == []  # the pack was not found among the bundled ones: ratings shown by id
    code, out, _err = cli(capsys, "compare", str(forged), str(forged), "--format", "json", "--rules", CITY)
    assert code == 0 and json.loads(out)["bands"]  # --rules may name any folder


def test_a_report_pack_id_never_names_a_folder(capsys, report, tmp_path):
    def to_city(d: dict) -> None:
        d["pack"]["id"] = CITY
        d["assessment"]["pack"]["id"] = CITY

    path = _edit_report(report, tmp_path, to_city)
    refused(capsys, r"edited\.html: pack\.id: '.*city' is not a bundled pack: expected idm2018, sdg-10-7-2, or give the pack's folder with --rules",
            "assess", str(path))


def test_a_profile_pack_header_never_names_a_folder(capsys, tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(f"id: x\nname: X\nkind: city\npack: {CITY}\n", encoding="utf-8")
    refused(capsys, r"p\.yaml:4: pack: '.*city' is not a bundled pack", "assess", str(profile))
    code, _out, err = cli(capsys, "assess", str(profile), "--rules", CITY)
    assert code in (0, 1), err


def test_a_workbook_pack_cell_never_names_a_folder(capsys, tmp_path):
    book = tmp_path / "t.xlsx"
    assert cli(capsys, "template", "--kind", "country", "-o", str(book))[0] == 0
    wb = load_workbook(book)
    sheet = next(ws for ws in wb.worksheets if ws.cell(row=1, column=1).value == "key")
    sheet.append(["pack", "pack", CITY])  # the default pack's workbook has no pack row
    wb.save(book)
    refused(capsys, r"t\.xlsx: pack: '.*city' is not a bundled pack", "assess", str(book))


@pytest.mark.parametrize(("text", "message"), [
    ('{"a": 1, "a": 2}', "duplicate key 'a'"),
    ('{"\uff41": 1, "a": 2}', "duplicate key 'a'"),  # ａ (fullwidth) folds to a
    ("[1e400]", "not a finite number"),
    ('"\\udc00"', "lone surrogate"),
    ("1" * 21, "MIGOV_MAX_NUMBER"),
    ('{"a": Infinity}', "Infinity is not a JSON number"),
])
def test_parse_json_refuses(text, message):
    with pytest.raises(MigovError, match=re.escape(message)) as err:
        parse_json(text, "x.json")
    assert err.value.file == "x.json"


def test_parse_json_reads_what_migov_writes():
    data = parse_json(GOLDEN.read_text(encoding="utf-8"), "g.json")
    assert data == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_same_subject_is_recognised_after_nfc(capsys, tmp_path):
    before, after = _golden(), _golden()
    before["profile"]["id"], after["profile"]["id"] = unicodedata.normalize("NFD", "café-2026"), "café-2026"
    for name, a in (("b.json", before), ("a.json", after)):
        (tmp_path / name).write_text(json.dumps(a), encoding="utf-8")
    code, out, err = cli(capsys, "compare", str(tmp_path / "b.json"), str(tmp_path / "a.json"), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["subject"]["same"]
