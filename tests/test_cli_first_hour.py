"""What users of good command lines expect in their first hour: an output extension migov cannot write is refused,
a profile of another pack says which, every line in one language (click's own messages too, --lang=xx, the
LANGUAGE list), ``-`` for standard input, --quiet, help on every option in both languages, shell completion,
no warning under ``python -W error``, and ``explain --profile`` taking what ``assess`` takes."""

from __future__ import annotations

import gettext
import json
import os
import subprocess
import sys

import click
import pytest

from engine.cli import build_cli, main
from engine.i18n import click_speaks, languages, set_language
from tests.helpers import ROOT, run_cli

PROFILE = ROOT / "profiles" / "examplia-country.yaml"
EARLIER = ROOT / "profiles" / "examplia-country-2025.yaml"
SDG = ROOT / "profiles" / "examplia-sdg-10-7-2.yaml"
ENGLISH = {**os.environ, "LANGUAGE": "en", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


def stdin_cli(text: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=ROOT, input=text, capture_output=True, text=True, timeout=120,
                          check=False, env=ENGLISH)


def one_error_line(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    return r.stderr


# 1. output extensions

@pytest.mark.parametrize("name", ["out.docx", "out.yaml"])
def test_an_extension_assess_cannot_write_is_refused_with_those_it_writes(tmp_path, name):
    err = one_error_line(run_cli("assess", str(PROFILE), "-o", str(tmp_path / name), env=ENGLISH))
    assert "--output" in err and name.split(".")[1] in err
    assert "text (.txt)" in err and "html (.html, .htm)" in err and "pdf (.pdf)" in err
    assert not (tmp_path / name).exists()


def test_compare_refuses_an_unknown_extension_and_format_overrides_it(tmp_path):
    err = one_error_line(run_cli("compare", str(EARLIER), str(PROFILE), "-o", str(tmp_path / "x.docx"), env=ENGLISH))
    assert "markdown (.md, .markdown)" in err and "pdf" not in err and "--format" in err
    r = run_cli("assess", str(PROFILE), "--format", "text", "-o", str(tmp_path / "report.log"))
    assert r.returncode == 0 and "Overall score" in (tmp_path / "report.log").read_text(encoding="utf-8")
    assert run_cli("assess", str(PROFILE), "-o", str(tmp_path / "report")).returncode == 0  # no extension: the default format


# 2. a profile of another pack

def test_a_profile_of_another_pack_names_it_and_hints_the_lens():
    err = one_error_line(run_cli("assess", str(PROFILE), "--rules", "sdg-10-7-2", env=ENGLISH))
    assert "unknown fact 'migration'" in err and "pack idm2018" in err and "--rules idm2018 --lens sdg-10-7-2" in err
    err = one_error_line(run_cli("assess", str(SDG), "--rules", "idm2018", env=ENGLISH))
    assert "pack sdg-10-7-2" in err and "--rules sdg-10-7-2" in err and "--lens" not in err  # no lens from sdg-10-7-2 to idm2018
    fr = one_error_line(run_cli("assess", str(PROFILE), "--rules", "sdg-10-7-2", "--lang", "fr"))
    assert "champ non reconnu" in fr and "ceux du jeu idm2018" in fr


def test_the_lens_the_hint_names_works():
    r = run_cli("assess", str(PROFILE), "--rules", "idm2018", "--lens", "sdg-10-7-2", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["lenses"]


# 3. one language per line

@pytest.mark.parametrize("args", [["--lang=fr", "assess", "--bogus"], ["assess", "--lang=fr", "--bogus"], ["--lang", "fr", "assess", "--bogus"]])
def test_lang_with_or_without_equals_anywhere_gives_french_errors(args):
    err = one_error_line(run_cli(*args, env=ENGLISH))
    assert err.startswith("migov\u00a0: erreur\u00a0: Option «\u202f--bogus\u202f» inconnue (voir ") and "migov assess --help" in err, err


def test_the_first_language_of_the_language_list_that_migov_has():
    err = one_error_line(run_cli("assess", env={**ENGLISH, "LANGUAGE": "de:fr"}))
    assert err.startswith("migov\u00a0: erreur\u00a0: Argument manquant «\u202fPROFIL\u202f»"), err
    assert "Missing argument" in one_error_line(run_cli("assess", env={**ENGLISH, "LANGUAGE": "de", "LANG": "fr_FR.UTF-8"}))
    assert "Argument manquant" in one_error_line(run_cli("assess", env={**ENGLISH, "LANGUAGE": "", "LANG": "fr_FR.UTF-8"}))
    english = one_error_line(run_cli("assess", "--bogus", "--lang", "en", env={**ENGLISH, "LANGUAGE": "fr"}))
    assert english.startswith("migov: error: No such option '--bogus' (see 'migov assess --help')"), english


def test_clicks_invalid_value_and_unknown_command_are_french():
    err = one_error_line(run_cli("assess", str(PROFILE), "--format", "docx", "--lang", "fr"))
    assert "valeur non valide pour «\u202f--format\u202f»\u00a0: «\u202fdocx\u202f» n’est pas admis\u202f; valeurs admises\u00a0: «\u202ftext\u202f»" in err
    assert "Commande «\u202fnosuch\u202f» inconnue" in one_error_line(run_cli("--lang", "fr", "nosuch"))  # the reports' typography


def test_help_is_french_throughout_under_lang_fr():
    out = run_cli("--lang", "fr", "assess", "--help", env={**ENGLISH, "COLUMNS": "200"}).stdout
    assert out.startswith("Utilisation\u00a0: migov assess")
    assert "Options\u00a0:" in out and "Afficher ce message et quitter." in out and "défaut\u00a0: A4]" in out and "[default" not in out
    for english in ("Usage:", "Options:", "Show this message"):
        assert english not in out
    top = run_cli("--help", env={**ENGLISH, "LANGUAGE": "fr"}).stdout
    assert "Commandes\u00a0:" in top and "Afficher la version et quitter." in top


def test_a_lang_before_the_command_is_the_commands_language():
    r = run_cli("--lang", "fr", "assess", str(PROFILE), "--format", "json", env=ENGLISH)
    assert r.returncode == 0 and json.loads(r.stdout)["language"] == "fr"


def test_main_puts_back_the_callers_gettext_domain_and_language(capsys):
    domain, language = gettext.textdomain(), os.environ.get("LANGUAGE")
    main(["--lang", "fr", "--help"])
    assert "Afficher ce message et quitter." in capsys.readouterr().out
    assert gettext.textdomain() == domain and os.environ.get("LANGUAGE") == language
    set_language("en")


# 4. standard input

def test_a_dash_reads_the_profile_from_standard_input():
    text = PROFILE.read_text(encoding="utf-8")
    r = stdin_cli(text, "assess", "-", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["score"] == json.loads(run_cli("assess", str(PROFILE), "--format", "json").stdout)["score"]
    explained = stdin_cli(text, "explain", "DATA-DISAGG", "--profile", "-")
    assert explained.returncode == 0 and "Key statistics by migratory status: no" in explained.stdout


def test_errors_in_standard_input_name_stdin_and_the_line():
    err = one_error_line(stdin_cli("id: x\nname: y\nkind: country\nmigration:\n  nosuch: 1\n", "assess", "-"))
    assert err.startswith("migov: error: <stdin>:5: ") and "unknown fact" in err
    assert "<stdin>:5: invalid YAML" in one_error_line(stdin_cli("id: x\nname: y\nkind: [\n\n", "assess", "-"))


# 5. --quiet

def test_quiet_prints_only_errors(tmp_path):
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o777)  # a cache folder others can write to: a warning, which --quiet silences
    env = {**ENGLISH, "MIGOV_CACHE_DIR": str(shared)}
    loud = run_cli("assess", str(PROFILE), "--format", "json", env=env)
    assert loud.returncode == 0 and "warning" in loud.stderr and "cache" in loud.stderr
    for flag in ("-q", "--quiet"):
        quiet = run_cli("assess", str(PROFILE), "--format", "json", flag, env=env)
        assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == loud.stdout
    assert "no such file" in one_error_line(run_cli("assess", "-q", str(ROOT / "nothere.yaml"), env=ENGLISH))


def test_quiet_batch_and_compare(tmp_path):
    r = run_cli("batch", str(PROFILE), "-o", str(tmp_path / "out"), "--formats", "none", "-q")
    assert r.returncode == 0 and r.stdout == "" and r.stderr == ""
    assert (tmp_path / "out" / "summary.csv").is_file()
    r = run_cli("compare", "-q", str(EARLIER), str(PROFILE), "--lang", "en")
    assert r.returncode == 0 and r.stderr == "" and r.stdout


# 6. help and completion

def every_command(group: click.Group, ctx: click.Context, path: str = "migov") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = [(path, group)]
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)  # imports the lazy command's module
        assert cmd is not None, name
        found += every_command(cmd, ctx, f"{path} {name}") if isinstance(cmd, click.Group) else [(f"{path} {name}", cmd)]
    return found


def option_helps(lang: str) -> dict[str, str]:
    set_language(lang)
    try:
        with click_speaks(lang):  # click's own options (--help, --version) as main() builds them
            cli = build_cli()
            ctx = click.Context(cli)
            return {f"{path} {'/'.join(p.opts)}": p.help or "" for path, cmd in every_command(cli, ctx) for p in cmd.get_params(ctx)
                    if isinstance(p, click.Option)}
    finally:
        set_language("en")


def test_every_option_of_every_command_has_help_in_english_and_french():
    english, french = option_helps("en"), option_helps("fr")
    assert len(english) > 60 and english.keys() == french.keys()
    assert [o for o, h in english.items() if not h.strip()] == []
    assert [o for o, h in french.items() if not h.strip()] == []
    same = [o for o in english if english[o] == french[o]]
    assert same == [], same  # each help is translated


def test_assess_help_says_which_inputs_it_takes():
    out = run_cli("assess", "--help", env={**ENGLISH, "COLUMNS": "200"}).stdout
    assert "a YAML file" not in out and ".xlsx" in out and "HTML report" in out and "standard input" in out


def complete(words: str) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    r = run_cli(env={**ENGLISH, "_MIGOV_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


def test_shell_completion_offers_packs_folders_and_languages():
    assert complete("migov assess --rules ") == ["plain,idm2018", "plain,sdg-10-7-2", "dir,"]
    assert complete("migov assess --rules sd") == ["plain,sdg-10-7-2", "dir,sd"]
    assert complete("migov assess --lang ") == complete("migov --lang ") == [f"plain,{code}" for code in languages()]
    assert "plain,fr" in complete("migov --lang ")
    assert complete("migov assess pro") == complete("migov assess p.yaml --tailoring pro") == ["file,pro"]  # the shell's file names


# 7. no warning

@pytest.mark.parametrize("args", [["--version"], ["--help"], ["assess", "--help"], ["assess", str(PROFILE), "--format", "json"],
                                  ["explain", "DATA-DISAGG", "--profile", str(PROFILE)]])
def test_no_warning_under_python_w_error(args):
    r = subprocess.run([sys.executable, "-W", "error", "-m", "engine", *args], cwd=ROOT, capture_output=True, text=True, check=False,
                       env=ENGLISH, timeout=120)
    assert r.returncode == 0 and "Warning" not in r.stderr, r.stderr
    if args == ["--version"]:
        assert r.stdout.startswith("migov ")


# 8. explain --profile takes what assess takes

def test_explain_reads_a_report_like_assess(tmp_path):
    report = tmp_path / "r.html"
    assert run_cli("assess", str(PROFILE), "-o", str(report)).returncode == 0
    from_report = run_cli("explain", "DATA-DISAGG", "--profile", str(report), env=ENGLISH)
    assert from_report.returncode == 0, from_report.stderr
    assert from_report.stdout == run_cli("explain", "DATA-DISAGG", "--profile", str(PROFILE), env=ENGLISH).stdout
    assessment = tmp_path / "a.json"  # a JSON assessment carries the profile it was made from (its inputs), as a report does
    assert run_cli("assess", str(PROFILE), "-o", str(assessment)).returncode == 0
    from_json = run_cli("explain", "DATA-DISAGG", "--profile", str(assessment), env=ENGLISH)
    assert from_json.returncode == 0, from_json.stderr
    assert from_json.stdout == from_report.stdout


def test_explain_reads_a_filled_workbook(tmp_path):
    book = tmp_path / "q.xlsx"
    assert run_cli("template", "--kind", "country", "-o", str(book)).returncode == 0
    err = one_error_line(run_cli("explain", "DATA-DISAGG", "--profile", str(book), env=ENGLISH))
    assert "q.xlsx: Profile!" in err  # read as a workbook (its sheet and cell), not as YAML


def test_explain_writes_its_text_to_o_and_refuses_other_extensions(tmp_path):
    out = tmp_path / "why.txt"
    assert run_cli("explain", "DATA-DISAGG", "--profile", str(PROFILE), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == run_cli("explain", "DATA-DISAGG", "--profile", str(PROFILE)).stdout
    assert "it writes: text (.txt)" in one_error_line(run_cli("explain", "DATA-DISAGG", "-o", str(tmp_path / "why.html"), env=ENGLISH))
    assert not (tmp_path / "why.html").exists()
