"""Output choices a newcomer relies on: the extension a command cannot write is refused, a PDF on Letter paper
reproduces itself, and --fail-under never passes a profile whose rating is withheld on its point score."""

import pytest

from engine.render.pdf import find_chromium
from tests.helpers import ROOT, run_cli

COUNTRY = ROOT / "profiles" / "examplia-country.yaml"
EARLIER = ROOT / "profiles" / "examplia-country-2025.yaml"
PUBLIC_FACTS = ROOT / "profiles" / "abu-dhabi-dialogue-public-facts.yaml"  # rating withheld: 0.6–100.0


def test_compare_refuses_a_pdf_it_cannot_write_and_writes_nothing(tmp_path):
    out = tmp_path / "progress.pdf"
    r = run_cli("compare", str(EARLIER), str(COUNTRY), "-o", str(out))
    assert r.returncode == 2 and "cannot write pdf" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_fail_under_reads_the_lowest_score_of_a_withheld_rating():
    r = run_cli("assess", str(PUBLIC_FACTS), "--fail-under", "50")
    assert r.returncode == 1  # its point score is 100.0, but only 3 % of the facts are known
    assert "may be as low as 8.7" in r.stderr
    assert run_cli("assess", str(COUNTRY), "--fail-under", "50").returncode == 0  # 55.8, rated


@pytest.mark.skipif(find_chromium() is None, reason="PDF output needs Chromium (apt-get install chromium)")
def test_a_letter_pdf_names_the_pdf_command_that_reproduces_it(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    r = run_cli("assess", str(COUNTRY), "--paper", "Letter", "-o", str(out))
    assert r.returncode == 0, r.stderr
    reader = PdfReader(str(out))
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 216
    text = "".join(p.extract_text() for p in reader.pages)
    assert "--format pdf -o report.pdf" in text and "--format html" not in text
