"""A summary-only batch does only the work its outputs need: no text of the pack, no citation, no evidence, no report."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from engine.cli import main
from engine.evaluate import findings as findings_module
from engine.pack.compiled import Pack

ROOT = Path(__file__).resolve().parents[1]


def _refused(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a summary-only batch asked for the evidence, which only a report needs")


def _pack_texts_asked(tmp_path: Path, names: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times a summary-only batch of these bundled profiles asks the pack for a text or a citation."""
    calls = 0
    for method in ("text", "cited", "citations", "kind_label"):
        real = getattr(Pack, method)

        def counted(self: Pack, *args: object, _real: object = real) -> object:
            nonlocal calls
            calls += 1
            return _real(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(Pack, method, counted)
    profiles, out = tmp_path / f"in{len(names)}", tmp_path / f"out{len(names)}"
    profiles.mkdir()
    for name in names:
        shutil.copy(ROOT / "profiles" / name, profiles / name)
    with pytest.raises(SystemExit) as done:
        main(["batch", str(profiles), "-o", str(out), "--formats", "none", "--jobs", "1", "--quiet"])
    assert done.value.code in (0, None)
    with open(out / "summary.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(names) and all(r["overall"] or r["best_case"] for r in rows)  # a profile too thin to rate has its range
    assert not [p for p in out.glob("*.json") if not p.name.startswith(".")]  # no report (the manifest is hidden)
    monkeypatch.undo()
    return calls


def test_a_summary_only_batch_writes_no_sentence_citation_or_evidence(tmp_path, monkeypatch):
    """The dashboard's titles are read once per batch; a profile adds no pack text, citation or evidence."""
    monkeypatch.setattr(findings_module, "evidence", _refused)
    one = _pack_texts_asked(tmp_path, ("examplia-country.yaml",), monkeypatch)
    monkeypatch.setattr(findings_module, "evidence", _refused)
    three = _pack_texts_asked(tmp_path, ("examplia-country.yaml", "examplia-country-2025.yaml", "weak-partnership.yaml"), monkeypatch)
    assert one == three


def test_records_made_by_a_batch_read_back_as_they_were_written(tmp_path):
    """Records made many times (each class's compiled __init__ in use) give the same rows as the first ones."""
    profiles = tmp_path / "in"
    profiles.mkdir()
    source = (ROOT / "profiles" / "examplia-country.yaml").read_text(encoding="utf-8")
    for i in range(40):  # more than records.COMPILE_AFTER of every record class a profile makes
        (profiles / f"p{i:02d}.yaml").write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(SystemExit):
        main(["batch", str(profiles), "-o", str(out), "--formats", "json", "--jobs", "1", "--quiet"])
    reports = [json.loads((out / f"p{i:02d}.json").read_text(encoding="utf-8")) for i in range(40)]
    assert all(r == reports[0] for r in reports[1:])
