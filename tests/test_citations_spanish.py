"""Spanish complete: its golden assessments (written by tests/regen_golden.py with English and French) and its
citations, as the Spanish texts of the Global Compact and the SDGs write them."""

from __future__ import annotations

import pytest

from tests.helpers import PROFILES, ROOT, run_cli


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_spanish_golden_json(profile):
    """Regenerate with  python -m tests.regen_golden  after an intended change."""
    out = run_cli("assess", str(profile), "--format", "json", "--lang", "es").stdout
    golden = ROOT / "tests" / "golden" / f"{profile.stem}.es.json"
    assert out == golden.read_text(encoding="utf-8"), f"{golden} differs: run python -m tests.regen_golden"


def test_spanish_report_cites_the_spanish_way():
    profile = next(p for p in PROFILES if p.stem == "examplia-country")
    md = run_cli("assess", str(profile), "--format", "markdown", "--lang", "es").stdout
    assert "del Pacto Mundial" in md and "(ODS, meta 17.18)" in md
    assert "objetivos del Pacto Mundial:" not in md and "metas de los ODS" not in md
