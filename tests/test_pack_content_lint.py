"""Lint L018: every key a rule cites has a title in references.yaml in each language of the pack."""

import os
import shutil
from pathlib import Path

from engine.packtools.lint import lint
from tests.helpers import ROOT, run_cli

MINI = ROOT / "tests" / "packs" / "mini"


def _pack_citing_a_key_titled_in_english_only(tmp_path: Path) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(MINI, dest)
    (dest / "references.yaml").write_text(
        'notes:\n  title: {en: "Notes", fr: "Notes"}\n  keys:\n    n1: {en: "A note"}\n', encoding="utf-8")
    rules = dest / "rules" / "all.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace('sources: {seed: "test", gcm: [23], sdg: ["17.16"]}',
                                  'sources: {seed: "test", gcm: [23], sdg: ["17.16"], notes: [n1]}', 1), encoding="utf-8")
    return dest


def test_a_cited_key_without_a_french_title_is_an_error(tmp_path: Path) -> None:
    pack = _pack_citing_a_key_titled_in_english_only(tmp_path)
    hits = [p for p in lint(pack) if p.code == "L018"]
    assert hits and hits[0].file.endswith("all.yaml") and "notes n1" in hits[0].message and "'fr'" in hits[0].message
    fr = run_cli("rules", "lint", str(pack), env={**os.environ, "LANGUAGE": "fr"})
    assert "L018" in fr.stdout and "n’a pas de titre en « fr »" in fr.stdout


def test_bundled_citations_have_both_titles() -> None:
    for pack in ("idm2018", "sdg-10-7-2"):
        assert not [p for p in lint(pack) if p.code in ("L014", "L018")]
