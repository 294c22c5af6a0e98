"""The command line's structure: cold start imports, shared options, one atomic writer, one input dispatch, the pack cache."""

from __future__ import annotations

import gc
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from engine.authoring.intake import assessment_of, kind_of, read_input
from engine.cli import build_cli, main
from engine.cli.lazy import Command
from engine.errors import MigovError
from engine.i18n import languages
from engine.outputs import write_atomic
from engine.pack import cache
from engine.pack.loading import build_pack, default_pack, load_pack, resolve_pack_dir
from tests.helpers import ROOT, run_cli

PROFILE = ROOT / "profiles" / "examplia-country.yaml"
HEAVY = ("pydantic", "yaml", "rich", "jinja2", "matplotlib", "openpyxl", "babel", "durable_rules_engine", "engine.pack", "engine.assess")


def imported(*args: str) -> set[str]:
    """The modules a whole ``migov ARGS`` process imports (python -X importtime)."""
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "engine", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return {m.group(1) for m in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", r.stderr, flags=re.MULTILINE)}


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("-h",)])
def test_version_and_help_import_nothing_heavy(args):
    modules = imported(*args)
    assert "click" in modules and "engine.cli" in modules
    assert not sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)), modules


def test_assess_imports_only_what_its_format_needs():
    text = imported("assess", str(PROFILE))
    as_json = imported("assess", str(PROFILE), "--format", "json")
    for modules in (text, as_json):
        assert not [m for m in modules if m.split(".")[0] in ("matplotlib", "jinja2", "openpyxl")]
        assert not {"engine.render.html", "engine.render.chart", "engine.render.pdf", "engine.authoring.spreadsheet", "engine.lens"} & modules
    assert "rich" not in text and "rich" not in as_json  # text of one-cell characters is measured without rich
    assert "rich.console" not in text  # piped, the text is laid out without rich's console (engine.render.plain)


def test_a_cached_assess_imports_no_pydantic_and_no_babel():
    """The pack and the assessment are plain dataclasses that pydantic only validates (a cached pack and an
    assessment the engine makes are never validated), and numbers are formatted from numbers.json, so a
    run on a cached pack imports neither pydantic nor Babel."""
    imported("assess", str(PROFILE))  # fills the pack cache
    for modules in (imported("assess", str(PROFILE)), imported("assess", str(PROFILE), "--format", "json")):
        assert not {"pydantic", "babel", "importlib.metadata", "platformdirs", "engine.pack.tailoring"} & modules


def test_a_piped_report_imports_no_writer_and_no_completion():
    """A report on stdout needs no writer (engine.outputs) and no temporary file (tempfile, and with it shutil, random, bz2, lzma), no terminal size
    and no shell completion; --version needs no completion either. The interpreter's own start-up may import some of
    them (a sitecustomize): only what migov adds is checked, on a cached pack (filling the cache writes files)."""
    imported("assess", str(PROFILE))  # fills the pack cache
    r = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True, check=False)
    startup = {m.group(1) for m in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", r.stderr, flags=re.MULTILINE)}
    added = imported("assess", str(PROFILE)) - startup
    assert not {"engine.outputs", "tempfile", "shutil", "random", "bz2", "lzma", "click.shell_completion", "locale",
                "pathlib", "urllib.parse", "ipaddress", "engine.evaluate.durable.compiler", "engine.plaindata",
                "engine.render.rich_wrap", "engine.pack.placeholders", "unicodedata",
                "engine.pack.parse", "engine.pack.normal", "engine.pack.validate"} & added, sorted(added)
    assert "click.shell_completion" not in imported("--version")


def test_every_command_makes_its_own_help_option():
    """--help and --version are made by migov, their help from its catalogue: click's would look the words up through
    gettext (locale imported, the disk searched) in every cold command; ``locale`` above checks a whole process."""
    cli = build_cli()
    ctx = click.Context(cli)
    for cmd in [cli, *commands(cli, ctx)]:
        assert isinstance(cmd, Command), cmd.name
        helps = [p for p in cmd.get_params(ctx) if "--help" in p.opts]
        assert len(helps) == 1 and helps[0] is cmd.get_help_option(ctx)  # one option, the same each time (click orders by identity)


def commands(group: click.Group, ctx: click.Context) -> list[click.Command]:
    found: list[click.Command] = []
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None
        found += commands(cmd, ctx) if isinstance(cmd, click.Group) else [cmd]
    return found


def test_every_lang_option_offers_the_catalogues_that_exist():
    cli = build_cli()
    every = commands(cli, click.Context(cli))
    assert len(every) == 16  # with examples, doctor and rules export
    langs = [p for c in every for p in c.params if p.name == "lang"]
    assert len(langs) == 9  # assess, explain, self-assess, init, template, batch, compare, rules docs, rules schema
    for p in langs:
        assert isinstance(p.type, click.Choice) and tuple(p.type.choices) == languages()


def test_the_cli_names_no_pack():
    for src in (ROOT / "engine" / "cli").glob("*.py"):
        assert "idm2018" not in src.read_text(encoding="utf-8"), src


def test_rules_commands_default_to_the_default_pack():
    r = run_cli("rules", "lint", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert run_cli("rules", "lint", default_pack(), "--format", "json").stdout == r.stdout


def test_an_unknown_kind_is_a_one_line_error(tmp_path):
    r = run_cli("init", "--kind", "countri", "-o", str(tmp_path / "p.yaml"))
    assert r.returncode == 2 and not (tmp_path / "p.yaml").exists()
    assert r.stderr.count("\n") == 1 and "--kind: unknown kind 'countri'" in r.stderr and "country" in r.stderr


# --- the atomic writer ----------------------------------------------------------------------------

def test_atomic_write_leaves_no_temporary_file_after_an_exception(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def broken(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, broken)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_refuses_an_input_a_folder_and_a_missing_folder(tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(MigovError, match="refusing to overwrite an input file"):
        write_atomic(tmp_path / "." / "in.yaml", "y", [source], field="--output")
    with pytest.raises(MigovError, match="is a directory"):
        write_atomic(tmp_path, "y")
    with pytest.raises(MigovError, match="the folder does not exist"):
        write_atomic(tmp_path / "nowhere" / "x.txt", "y")
    assert source.read_text(encoding="utf-8") == "x: 1\n" and sorted(p.name for p in tmp_path.iterdir()) == ["in.yaml"]


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_atomic_write_mode_follows_the_umask(tmp_path, mask):
    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "t.txt", "text é\n")
        write_atomic(tmp_path / "b.bin", b"\x00\x01")
        write_atomic(tmp_path / "c.txt", lambda p: p.write_bytes(b"ok"))
    finally:
        os.umask(old)
    for name in ("t.txt", "b.bin", "c.txt"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~mask
    assert (tmp_path / "t.txt").read_text(encoding="utf-8") == "text é\n" and (tmp_path / "b.bin").read_bytes() == b"\x00\x01"


# --- the input dispatch ---------------------------------------------------------------------------

def test_intake_reads_each_kind_of_input(tmp_path):
    from engine.assess import file_digests
    from engine.authoring.intake import assessed as assess
    from engine.authoring.spreadsheet import write_template
    from engine.render import html
    from engine.render import json as json_render

    assert [kind_of(Path(n)) for n in ("a.yaml", "a.yml", "a.XLSX", "a.html", "a.htm", "a.json")] == [
        "profile", "profile", "workbook", "report", "report", "assessment"]
    plain = read_input(PROFILE, None)
    prof = plain.profile()
    assert plain.embedded is None and plain.pack.id == default_pack() and prof.id
    a = assess(plain.pack, prof, "en")

    report = tmp_path / "r.html"
    report.write_text(html.render(a, plain.pack, prof, file_digests(plain.pack)), encoding="utf-8")
    warnings: list[str] = []
    from_report = read_input(report, None, warn=warnings.append)
    assert from_report.embedded is not None and from_report.pack is plain.pack and not warnings
    assert from_report.profile().facts == prof.facts

    as_json = tmp_path / "a.json"
    as_json.write_text(json_render.render(a), encoding="utf-8")
    assert assessment_of(as_json, None, None).score == a.score
    assert assessment_of(report, None, None).score == a.score
    assert assessment_of(PROFILE, None, "en").score == a.score

    workbook = tmp_path / "w.xlsx"
    write_template(plain.pack, "country", "en", workbook)
    filled = read_input(workbook, None)
    assert filled.pack.id == plain.pack.id and isinstance(filled.data, dict)
    with pytest.raises(MigovError, match="no such file"):
        read_input(tmp_path / "missing.xlsx", None, check_exists=True)
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(MigovError, match="invalid JSON"):
        assessment_of(bad, None, None)


# --- the compiled-pack cache ----------------------------------------------------------------------

def test_pack_cache_is_reused_invalidated_and_optional(tmp_path, monkeypatch):
    root = resolve_pack_dir(None).resolve()
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(tmp_path / "c"))
    built: list[int] = []

    def build():
        built.append(1)
        return build_pack(root)

    first = cache.cached_pack(root, "", build)
    again = cache.cached_pack(root, "", build)
    assert len(built) == 1 and again.id == first.id and len(again.rules) == len(first.rules)
    (entry,) = (tmp_path / "c").glob("*.pickle")
    entry.write_bytes(pickle.dumps((("0.0.0", "x"), first)))  # another migov's: not trusted
    cache.cached_pack(root, "", build)
    assert len(built) == 2
    entry.write_bytes(b"damaged")
    cache.cached_pack(root, "", build)
    assert len(built) == 3
    assert cache.pack_digest(root, "") != cache.pack_digest(root, json.dumps({"pack": "x"}))

    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(blocker / "c"))  # cannot be created: no cache, same pack
    assert cache.cached_pack(root, "", build).id == first.id
    monkeypatch.setenv("MIGOV_NO_CACHE", "1")
    assert cache.cache_dir() is None and load_pack(None).id == first.id


def test_the_cache_works_with_the_standard_pickle_module_alone(tmp_path):
    """Without the C pickler (``_pickle``, which the cache imports directly), the cache takes pickle.py: the pack and
    what is kept beside it are written by the first run, read back unchanged by the second, same report."""
    code = ("import sys; sys.modules['_pickle'] = None; from engine.pack import cache; assert cache.pickle.__name__ == 'pickle'; "
            "from engine.cli import main; main(sys.argv[1:])")
    env = {**os.environ, "MIGOV_CACHE_DIR": str(tmp_path)}
    seen = []
    for _ in range(2):
        r = subprocess.run([sys.executable, "-c", code, "assess", str(PROFILE)], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        assert r.returncode == 0 and r.stderr == "", r.stderr
        seen.append((r.stdout, sorted((f.name, f.stat().st_mtime_ns) for f in tmp_path.glob("migov-*.pickle"))))
    assert seen[0] == seen[1] and len(seen[0][1]) >= 2
    assert seen[0][0] == run_cli("assess", str(PROFILE)).stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux rule")
@pytest.mark.parametrize("xdg", [None, "", "/tmp/xdg-cache", "relative/cache", "~/cache"])
def test_the_cache_folder_is_platformdirs_user_cache_dir(monkeypatch, xdg):
    from platformdirs import user_cache_dir

    monkeypatch.delenv("MIGOV_CACHE_DIR", raising=False)
    monkeypatch.delenv("MIGOV_NO_CACHE", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache.cache_dir() == os.path.join(user_cache_dir("migov", appauthor=False), "packs")


def test_the_collector_is_tuned_for_the_process_only():
    """``migov`` as a process collects rarely and freezes its objects at exit; ``main(argv)`` in a caller's process leaves its collector alone."""
    before = gc.get_threshold()
    assert main(["--version"]) in (0, None) and gc.get_threshold() == before
    code = "import gc, sys; from engine.cli import main; sys.argv = ['migov', '--version']; main(); print(gc.get_threshold())"
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert r.stdout.splitlines()[-1] == "(100000, 50, 100)"


def test_the_plain_json_check_is_the_short_class_of_what_yaml_does_not_print():
    """``engine.yamlio.fast`` tests the few code points outside YAML's printable set (and the backslash and the line
    separators) as a short class, cheap to compile at start: it matches exactly what the negated long class matches."""
    from engine.yamlio.fast import _NOT_PLAIN

    printable = re.compile(r"[^\n\r\x20-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    every = "".join(map(chr, range(0x110000)))
    short = re.compile(_NOT_PLAIN)
    assert [m.start() for m in short.finditer(every)] == [m.start() for m in printable.finditer(every)]
    assert short.search('{"a":\n :1}') and not short.search('{"é": "ok"}')


def test_a_month_means_its_last_day_as_calendar_says():
    """``parse_date("2024-02")`` finds the month's last day without importing calendar at start: the same day for every month."""
    import calendar
    import datetime as dt

    from engine.pack.provenance import parse_date

    for year in (*range(1, 40), *range(1890, 2110), *range(9960, 10000)):
        for month in range(1, 13):
            assert parse_date(f"{year:04d}-{month:02d}") == dt.date(year, month, calendar.monthrange(year, month)[1])


def test_the_terminal_check_passes_no_character_it_should_show():
    """``terminal`` returns a text of printable characters (newlines, tabs and no-break spaces too) as it is, before any
    pattern is compiled: no character it shows is among them, on the Unicode database of this Python."""
    from engine.escape import _SHOWN, _printable, terminal

    shown = re.compile(_SHOWN)
    assert not [hex(i) for i in range(0x110000) if shown.match(chr(i)) and _printable(chr(i))]
    text = "Score\u00a0: 55,8\u202f%\n\tl’OIM — ok\n"
    assert terminal(text) is text and terminal(text, keep_colour=True) is text
    assert terminal("a\u202eb\x1b[2J\n") == "a\\u202eb\\x1b[2J\n" and terminal("\x1b[1mA\x1b[0m", keep_colour=True) == "\x1b[1mA\x1b[0m"
