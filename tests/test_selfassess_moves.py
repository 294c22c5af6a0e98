"""Self-assessment as users of good CLIs expect: line editing and no escape sequence saved as an answer,
back / help / skip (retour / aide / passer), and no colour with NO_COLOR."""

import os
import re
import sys

import pexpect
import yaml

from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile
from tests.helpers import ROOT, run_cli

TIMEOUT = 30
SGR = re.compile(r"\x1b\[[0-9;]*m")  # a colour or style


def spawn(*args, lang="en", env=None):
    env = {**os.environ, "LANGUAGE": lang, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "xterm", **(env or {})}
    env = {k: v for k, v in env.items() if v is not None}
    return pexpect.spawn(sys.executable, ["-m", "engine", "self-assess", *args], cwd=str(ROOT), env=env,
                         encoding="utf-8", timeout=TIMEOUT, dimensions=(50, 120))


def answered(tmp_path, lines, *args, name="p.yaml"):
    """self-assess fed ``lines`` from an answers file: (result, profile file)."""
    out = tmp_path / name
    answers = tmp_path / (name + ".txt")
    answers.write_text("\n".join(lines) + "\n" + "?\n" * 80, encoding="utf-8")
    r = run_cli("self-assess", "--kind", "country", "-o", str(out), "--answers", str(answers), *args)
    return r, out


def spaced(text):
    """French output with its no-break spaces (before : ; ? !) as plain spaces, to compare with plain text."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def facts(out):
    return load_profile(out, load_pack("idm2018")).facts


# 1. line editing, and escape sequences never saved


def test_arrow_keys_edit_the_answer_in_a_terminal(tmp_path):
    out = tmp_path / "edit.yaml"
    child = spawn("--kind", "country", "-o", str(out))
    child.expect("Name of the country or partnership")
    child.send("Testand" + "\x1b[D" * 3 + "l\r")  # typed "Testand", three times the left arrow, then "l"
    child.expect(r"\[1/\d+\]")
    child.expect(r"\n> ")  # at the prompt, as a person would be (a Ctrl-C before readline waits can be lost by Python's readline)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["name"] == "Testland" and data["id"] == "testland"


def test_an_escape_sequence_in_an_answer_is_asked_again(tmp_path):
    r, out = answered(tmp_path, ["Testlan\x1b[Dd", "Testland", "no", "no", "yes\x1b[A", "yes"])
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Not understood: the answer holds keys that are not text (an arrow key?); type it again") == 2
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["name"] == "Testland" and "\x1b" not in out.read_text(encoding="utf-8")
    assert facts(out)["coordination.mechanism"] is True


def test_escape_sequences_refused_in_french_too(tmp_path):
    r, out = answered(tmp_path, ["Examplia\x1b[D", "Examplia"], "--lang", "fr")
    assert "Réponse non comprise : la réponse contient des touches qui ne sont pas du texte (une flèche ?) ; retapez-la" in spaced(r.stdout)
    assert "Examplia^[[D" in r.stdout  # the answer echoed shows the key, and never sends it to the terminal
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["name"] == "Examplia"


def test_pasted_text_markers_are_dropped_not_refused(tmp_path):
    r, out = answered(tmp_path, ["\x1b[200~Pasteland\x1b[201~"])
    assert r.returncode == 0 and "Not understood" not in r.stdout
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["name"] == "Pasteland"


# 2. back, help, skip


def test_the_words_are_announced_once(tmp_path):
    r, _ = answered(tmp_path, ["Wordland"])
    assert r.stdout.count("At any question: back goes back to the previous one, help explains it, skip leaves it unknown for now and goes on.") == 1
    r, _ = answered(tmp_path, ["Motland"], "--lang", "fr", name="fr.yaml")
    assert r.stdout.count("À chaque question\u00a0: «\u202fretour\u202f» revient à la précédente, «\u202faide\u202f» l’explique, «\u202fpasser\u202f»"
                          " la laisse inconnue pour l’instant et passe à la suivante.") == 1


def test_back_changes_the_previous_answer_and_its_follow_up(tmp_path):
    # agreements: no; corridors: no; mechanism: yes; at the portfolios: back, and the mechanism becomes no
    r, out = answered(tmp_path, ["Backland", "no", "no", "yes", "back", "no"])
    assert r.returncode == 0, r.stderr
    after_back = r.stdout.split("> back", 1)[1]
    assert re.search(r"\[3/\d+\] Is there an inter-ministerial coordination mechanism", after_back)
    assert "Current answer: yes — press Enter to keep it" in after_back
    assert "Which portfolios" not in after_back  # ruled out by the new answer
    f = facts(out)
    assert f["coordination.mechanism"] is False and f["coordination.portfolios"] == []


def test_back_twice_then_enter_keeps_the_answers_on_the_way_forward(tmp_path):
    r, out = answered(tmp_path, ["Twiceland", "no", "no", "yes", "1, 2", "yes", "back", "back", "", "", ""])
    assert r.returncode == 0, r.stderr
    after = r.stdout.split("> back\n", 2)[2]
    assert "Current answer: yes — press Enter to keep it" in after and "Current answer: migration, development" in after
    f = facts(out)
    assert f["coordination.mechanism"] is True and f["coordination.portfolios"] == ["migration", "development"]
    assert "coordination.portfolios" not in load_profile(out, load_pack("idm2018")).incomplete  # its "every item" kept too


def test_back_at_the_first_question_says_so(tmp_path):
    r, out = answered(tmp_path, ["Firstland", "back", "no"])
    assert r.returncode == 0 and "This is the first question." in r.stdout
    assert facts(out)["agreements"] == []


def test_back_from_inside_a_record_returns_to_the_question_before(tmp_path):
    # agreements: no; corridors: yes, then back while the first corridor's fields are asked
    r, out = answered(tmp_path, ["Recordland", "no", "yes", "back", "yes", "EX-AG", "1", "1", "EX, RU", "no", "no", "no", "no"])
    assert r.returncode == 0, r.stderr
    assert "Current answer: none — press Enter to keep it" in r.stdout.split("> back", 1)[1]
    assert facts(out)["agreements"] == [{"name": "EX-AG", "type": "bilateral_labour", "status": "active", "partners": ["EX", "RU"], "reintegration": False}]
    assert facts(out)["corridors"] == []


def test_help_prints_the_pack_help_and_asks_again(tmp_path):
    r, out = answered(tmp_path, ["Helpland", "help", "no", "no", "help", "yes"])
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("One record per agreement; partners are ISO country codes") == 2  # with the question, and on help
    after = r.stdout.split("> help", 2)[2]
    assert after.startswith("\n      There is no more help for this question.\n      yes / no / ? (don't know)\n> yes")
    assert facts(out)["coordination.mechanism"] is True


def test_skip_leaves_the_fact_unknown_and_resuming_asks_it_again(tmp_path):
    r, out = answered(tmp_path, ["Skipland", "no", "no", "skip", "?"])
    assert r.returncode == 0, r.stderr
    saved = yaml.safe_load(out.read_text(encoding="utf-8"))["coordination"]
    assert "mechanism" not in saved and saved["portfolios"] is None  # skipped: not answered; its follow-up asked, "?"
    again = tmp_path / "again.txt"
    again.write_text("yes\n", encoding="utf-8")
    r = run_cli("self-assess", "-o", str(out), "--answers", str(again))
    assert re.search(r"\[3/\d+\] Is there an inter-ministerial", r.stdout)
    assert facts(out)["coordination.mechanism"] is True


def test_skip_inside_a_record_leaves_the_list_unknown(tmp_path):
    r, out = answered(tmp_path, ["Skiprecord", "yes", "skip", "no"])
    assert r.returncode == 0, r.stderr
    f = facts(out)
    assert "agreements" not in f and f["corridors"] == []


def test_retour_aide_passer_in_french(tmp_path):
    r, out = answered(tmp_path, ["Retourland", "non", "non", "aide", "oui", "retour", "non", "passer"], "--lang", "fr")
    assert r.returncode == 0, r.stderr
    assert "Il n’y a pas d’autre aide pour cette question." in r.stdout
    assert "Réponse actuelle : oui — Entrée pour la garder" in spaced(r.stdout)
    f = facts(out)
    assert f["coordination.mechanism"] is False and f["coordination.portfolios"] == []
    assert not any(v == "passer" for v in f.values())


def test_back_in_a_terminal(tmp_path):
    out = tmp_path / "tty.yaml"
    child = spawn("--kind", "country", "-o", str(out))
    child.expect("Name of the country or partnership")
    child.sendline("Ttyland")
    child.expect("skip leaves it unknown for now")
    child.expect(r"\[1/\d+\]")
    child.expect("Are there any")
    child.sendline("no")
    child.expect(r"\[2/\d+\]")
    child.expect("> ")
    child.sendline("back")
    child.expect(r"\[1/\d+\]")
    child.expect("Current answer: none")
    child.expect("> ")
    child.sendline("")
    child.expect(r"\[2/\d+\]")
    child.expect(r"\n> ")  # at the prompt, as a person would be (a Ctrl-C before readline waits can be lost by Python's readline)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert facts(out)["agreements"] == []


# 4. NO_COLOR


def _finished(tmp_path):
    """A profile every question of which is answered: self-assess on it goes straight to the report."""
    r, out = answered(tmp_path, ["Colourland"], name="done.yaml")
    assert r.returncode == 0, r.stderr
    return out


def _final_report(out, env):
    child = spawn("-o", str(out), env=env)
    child.expect(r"Report: .*\.report\.html")
    text = child.before
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return text


def test_no_color_is_honoured_in_the_final_report(tmp_path):
    out = _finished(tmp_path)
    plain = _final_report(out, {"NO_COLOR": "1"})
    assert "Colourland" in plain and not SGR.search(plain)
    coloured = _final_report(out, {"NO_COLOR": None})  # the same terminal without NO_COLOR: colour, so the check above means something
    assert SGR.search(coloured)
