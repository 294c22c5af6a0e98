"""The self-assessment questionnaire, driven in a real pseudo-terminal (pexpect) and from answer files."""

import os
import sys

import pexpect

from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from tests.helpers import ROOT, run_cli

TIMEOUT = 30


def spawn(*args, lang="en"):
    env = {**os.environ, "LANGUAGE": lang, "NO_COLOR": "1", "COLUMNS": "100"}
    return pexpect.spawn(sys.executable, ["-m", "engine", "self-assess", *args], cwd=str(ROOT), env=env,
                         encoding="utf-8", timeout=TIMEOUT, dimensions=(50, 120))


def answer_all(child, first=None):
    """Answer every remaining question with "don't know" (records: "no"); return the count asked."""
    asked = 0
    while True:
        i = child.expect([r"\[(\d+)/(\d+)\]", r"Report: .*\.report\.html", r"Rapport[ \u00a0]: .*\.report\.html", pexpect.EOF,
                          r"name every item\?.*\n> ", r"nomme-t-elle tous les éléments[ \u202f]\?.*\n> "])
        if i >= 4:  # a list was answered before (resumed): it names at least its items
            child.sendline("")
            continue
        if i != 0:
            return asked, i
        asked += 1
        j = child.expect([r"Are there any\?", r"Y en a-t-il[ \u202f]\?", r"\n> "])
        child.expect(r"> ") if j in (0, 1) else None
        child.sendline("no" if j == 0 else "non" if j == 1 else "?")


def test_full_run_in_french(tmp_path):
    out = tmp_path / "examplia.yaml"
    child = spawn("--kind", "country", "--lang", "fr", "-o", str(out), lang="fr")
    child.expect("Nom du pays ou du partenariat")
    child.sendline("République d'Examplia")
    child.expect(r"── Coopération interétatique \(section 1 sur 10\) ──")
    asked, end = answer_all(child)
    assert end == 2 and asked >= 25
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    pack = load_pack("idm2018")
    profile = load_profile(out, pack)
    assert profile.name == "République d'Examplia" and profile.language == "fr"
    assert out.with_name("examplia.report.html").is_file()


def test_invalid_answers_are_asked_again_with_the_reason(tmp_path):
    out = tmp_path / "p.yaml"
    child = spawn("--kind", "country", "-o", str(out))
    child.expect("Name of the country or partnership")
    child.sendline("Testland")
    child.expect(r"\[1/\d+\]")
    child.expect("Are there any")
    child.sendline("maybe")
    child.expect("Not understood: answer yes or no")
    child.sendline("no")
    child.expect(r"\[2/\d+\]")
    child.sendline("no")
    child.expect(r"\[3/\d+\] Is there an inter-ministerial coordination mechanism")
    child.sendline("perhaps")
    child.expect("Not understood: answer yes or no")
    child.sendline("yes")
    child.expect(r"\[4/\d+\] Which portfolios")
    child.sendline("1, 99")
    child.expect("Not understood: choose a number from 1 to 10")
    child.sendline("1, 2, health")
    child.expect("Does this answer name every item")
    child.sendline("maybe")
    child.expect("Not understood: answer yes or no")
    child.sendline("")  # Enter: no, the list names at least these
    child.expect(r"\[5/\d+\]")
    child.expect(r"\n> ")  # at the prompt, as a person would be (a Ctrl-C before readline waits can be lost by Python's readline)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    profile = load_profile(out, load_pack("idm2018"))
    assert profile.facts["coordination.portfolios"] == ["migration", "development", "health"]
    assert "coordination.portfolios" in profile.incomplete


def test_interrupted_with_ctrl_c_and_resumed(tmp_path):
    out = tmp_path / "resume.yaml"
    child = spawn("--kind", "country", "-o", str(out))
    child.expect("Name of the country")
    child.sendline("Resumia")
    for n in (1, 2):
        child.expect(rf"\[{n}/\d+\]")
        child.expect("Are there any")
        child.sendline("no")
    child.expect(r"\[3/\d+\]")
    child.expect("> ")
    child.sendline("yes")
    child.expect(r"\[4/\d+\]")
    child.expect(r"\n> ")  # at the prompt, as a person would be (a Ctrl-C before readline waits can be lost by Python's readline)
    child.sendcontrol("c")
    child.expect("Interrupted: your answers are saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 or child.signalstatus is not None
    partial = load_profile(out, load_pack("idm2018"))  # a valid partial profile
    assert partial.facts["coordination.mechanism"] is True and "coordination.portfolios" not in partial.facts
    again = spawn("-o", str(out))
    again.expect(r"\[(\d+)/\d+\] Which portfolios")
    assert again.match.group(1) == "4"  # resumes at the first unanswered question
    again.expect("> ")
    again.sendline("1")
    again.expect(r"Does this answer name every item\? yes / no \(Enter: no\)")
    again.sendline("yes")
    answer_all(again)
    again.close()
    final = load_profile(out, load_pack("idm2018"))
    assert final.facts["coordination.mechanism"] is True and final.facts["coordination.portfolios"] == ["migration"]
    assert "coordination.portfolios" not in final.incomplete  # marked as naming every item


def test_review_keeps_answers_on_enter(tmp_path):
    out = tmp_path / "r.yaml"
    answers = tmp_path / "a.txt"
    answers.write_text("Reviewland\nno\nno\nno\n" + "?\n" * 60, encoding="utf-8")
    assert run_cli("self-assess", "--kind", "country", "-o", str(out), "--answers", str(answers)).returncode == 0
    keep = tmp_path / "keep.txt"
    keep.write_text("\n" * 80, encoding="utf-8")
    r = run_cli("self-assess", "-o", str(out), "--answers", str(keep), "--review")
    assert r.returncode == 0 and "Current answer: no — press Enter to keep it" in r.stdout
    assert load_profile(out, load_pack("idm2018")).facts["coordination.mechanism"] is False


def test_answers_file_for_a_partnership_and_follow_ups(tmp_path):
    out = tmp_path / "rcp.yaml"
    answers = tmp_path / "answers.txt"
    answers.write_text("\n".join(["Dialogue X", "?", "?", "no"] + ["?"] * 60) + "\n", encoding="utf-8")  # type, corridors, then members
    r = run_cli("self-assess", "--kind", "partnership", "-o", str(out), "--answers", str(answers))
    assert r.returncode == 0, r.stderr
    assert "No rating: only 0% of the facts" in r.stdout and f"Profile: {out}" in r.stdout  # the result in words (nothing known yet)
    profile = load_profile(out, load_pack("idm2018"))
    assert profile.kind == "partnership" and profile.facts["members"] == []
    assert "coordination.mechanism" not in profile.facts  # country questions are not asked of a partnership


def test_follow_up_skipped_when_parent_rules_it_out(tmp_path):
    out = tmp_path / "f.yaml"
    answers = tmp_path / "a.txt"
    answers.write_text("Followland\nno\nno\nno\n" + "?\n" * 60, encoding="utf-8")
    r = run_cli("self-assess", "--kind", "country", "-o", str(out), "--answers", str(answers))
    assert "Which portfolios" not in r.stdout
    profile = load_profile(out, load_pack("idm2018"))
    assert profile.facts["coordination.mechanism"] is False and profile.facts["coordination.portfolios"] == []


def test_answers_that_end_early_are_saved(tmp_path):
    out = tmp_path / "short.yaml"
    answers = tmp_path / "a.txt"
    answers.write_text("Shortland\nno\n", encoding="utf-8")
    r = run_cli("self-assess", "--kind", "country", "-o", str(out), "--answers", str(answers))
    assert r.returncode == 2 and "the answers ended before the questionnaire" in r.stderr
    assert load_profile(out, load_pack("idm2018")).facts["agreements"] == []


def test_in_french_interrupted_once_and_resumed_to_an_assessment(tmp_path):
    """The issue's 'done means': someone who never saw YAML, in French, interrupts once, resumes, gets the assessment."""
    out = tmp_path / "examplia.yaml"
    child = spawn("--kind", "country", "--lang", "fr", "-o", str(out), lang="fr")
    child.expect("Nom du pays ou du partenariat")
    child.sendline("République d'Examplia")
    child.expect(r"\[1/\d+\]")
    child.expect("Y en a-t-il")
    child.sendline("non")
    child.expect(r"\[2/\d+\]")
    child.expect(r"\n> ")  # at the prompt, as a person would be (a Ctrl-C before readline waits can be lost by Python's readline)
    child.sendcontrol("c")
    child.expect("Interrompu\u00a0: vos réponses sont enregistrées dans")  # the reports' typography
    child.expect(pexpect.EOF)
    child.close()
    again = spawn("-o", str(out), "--lang", "fr", lang="fr")
    again.expect(r"\[(\d+)/\d+\] Quels sont les principaux couloirs")
    assert again.match.group(1) == "2"
    again.expect("Y en a-t-il")
    again.sendline("non")
    _, end = answer_all(again)
    assert end == 2  # "Rapport : …report.html"
    again.close()
    profile = load_profile(out, load_pack("idm2018"))
    assert profile.facts["agreements"] == [] and profile.facts["corridors"] == [] and profile.language == "fr"
