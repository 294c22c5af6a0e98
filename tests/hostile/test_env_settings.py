"""The environment as a hostile input: every MIGOV_* value is checked (one line naming the variable and what it
accepts, exit 2), a Chromium that never exits is stopped, a full disk under the template cache or `template`
is one line (or no cache), and `--as-of 0000` is one line."""

from __future__ import annotations

import errno
import os
import re
import stat
import zipfile
from pathlib import Path

import jinja2.bccache
import pytest

from engine.cli import main
from engine.errors import MigovError
from engine.limits import environment_problem, limit, seconds
from engine.render import pdf, templates
from tests.helpers import ROOT

PROFILE = str(ROOT / "profiles" / "examplia-country.yaml")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args)) or 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line(err: str, pattern: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and re.search(pattern, lines[0]), err


@pytest.mark.parametrize(("env", "value", "accepts"), [
    ("MIGOV_MAX_FILE_MB", "inf", "a positive number of megabytes up to 1 000 000"),
    ("MIGOV_MAX_DEPTH", "nan", "a whole number from 1 to"),
    ("MIGOV_MAX_TEXT", "1e300", "a whole number from 1 to"),
    ("MIGOV_MAX_DEPTH", "0.5", "a whole number from 1 to"),  # it truncated to 0 and refused every file
    ("MIGOV_MAX_ITEMS", "-3", "a whole number from 1 to"),
    ("MIGOV_MAX_ROWS", "lots", "a whole number from 1 to"),
    ("MIGOV_MAX_REPORT_MB", "0", "a positive number of megabytes"),
    ("MIGOV_CHROMIUM_TIMEOUT", "never", "a positive number of seconds up to 86 400"),
    ("MIGOV_NO_CACHE", "yes", "1 \\(to turn the cache off\\) or nothing"),
])
def test_a_bad_migov_value_is_one_line_exit_2(capsys, monkeypatch, env, value, accepts):
    monkeypatch.setenv(env, value)
    code, out, err = cli(capsys, "assess", PROFILE)
    assert code == 2 and not out
    one_line(err, rf"^migov: error: {env}={re.escape(value)} is not accepted: expected {accepts}")
    assert limit("depth") >= 1 and limit("file") >= 1  # called anyway (a library use), a bad value is the default


def test_a_misspelt_limit_is_refused(capsys, monkeypatch):
    monkeypatch.setenv("MIGOV_MAX_FILE", "20")
    code, _out, err = cli(capsys, "--version")
    assert code == 2
    one_line(err, r"MIGOV_MAX_FILE is not a limit of migov: the limits are .*MIGOV_MAX_FILE_MB")


def test_a_value_out_of_sight_is_quoted_printable(monkeypatch):
    monkeypatch.setenv("MIGOV_MAX_DEPTH", "\x1b[2J" + "9" * 100)
    problem = environment_problem()
    assert problem and "\x1b" not in problem and "…" in problem


@pytest.mark.parametrize(("env", "value", "name", "expected"), [
    ("MIGOV_MAX_FILE_MB", "0.5", "file", 512 * 1024),  # half a megabyte is a size
    ("MIGOV_MAX_DEPTH", "100", "depth", 100),
    ("MIGOV_MAX_DEPTH", "1e2", "depth", 100),
    ("MIGOV_MAX_DEPTH", " 12 ", "depth", 12),
])
def test_good_values_are_taken(monkeypatch, env, value, name, expected):
    monkeypatch.setenv(env, value)
    assert environment_problem() is None and limit(name) == expected


def test_without_migov_variables_the_defaults_hold(monkeypatch):
    for name in [k for k in os.environ if k.startswith("MIGOV_")]:
        monkeypatch.delenv(name)
    assert environment_problem() is None
    assert seconds() == 60 and limit("depth") == 64 and limit("file") == 5 * 1024 * 1024


@pytest.fixture()
def never_exits(tmp_path):
    """A 'browser' that never prints and never exits, with a child of its own holding its output open."""
    script = tmp_path / "chromium"
    script.write_text("#!/bin/sh\nsleep 600 &\nsleep 600\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_chromium_that_never_exits_is_stopped(monkeypatch, never_exits):
    monkeypatch.setenv("MIGOV_CHROMIUM", str(never_exits))
    monkeypatch.setenv("MIGOV_CHROMIUM_TIMEOUT", "1")
    with pytest.raises(MigovError, match=r"Chromium did not print the PDF within 1 seconds and was stopped \(set MIGOV_CHROMIUM_TIMEOUT"):
        pdf.render("<html><head></head><body>x</body></html>")


def test_the_timeout_through_the_cli(capsys, monkeypatch, never_exits, tmp_path):
    monkeypatch.setenv("MIGOV_CHROMIUM", str(never_exits))
    monkeypatch.setenv("MIGOV_CHROMIUM_TIMEOUT", "0.5")
    code, _out, err = cli(capsys, "assess", PROFILE, "-o", str(tmp_path / "r.pdf"))
    assert code == 2 and not (tmp_path / "r.pdf").exists()
    one_line(err, r"Chromium did not print the PDF within 0\.5 seconds")


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_under_the_template_cache_means_no_cache(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("MIGOV_NO_CACHE", raising=False)
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(jinja2.bccache.Bucket, "write_bytecode", _disk_full)
    templates.environment.cache_clear()
    templates._bytecode_cache.cache_clear()
    try:
        code, _out, err = cli(capsys, "assess", PROFILE, "-o", str(tmp_path / "r.html"))
    finally:
        templates.environment.cache_clear()
        templates._bytecode_cache.cache_clear()
    assert code in (0, 1), err
    assert "migov-data" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert not [p for p in (tmp_path / "templates").rglob("*") if p.is_file()]  # nothing half-written left behind


def test_a_full_disk_under_the_template_cache_when_reading(monkeypatch, tmp_path):
    monkeypatch.delenv("MIGOV_NO_CACHE", raising=False)
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(jinja2.bccache.Bucket, "load_bytecode", _disk_full)
    templates._bytecode_cache.cache_clear()
    try:
        cache = templates._bytecode_cache("plain")
        assert cache is not None
        bucket = jinja2.bccache.Bucket(jinja2.Environment(), "k", "checksum")
        where = Path(cache.directory) / (cache.pattern % "k")  # type: ignore[attr-defined]  # jinja's FileSystemBytecodeCache
        where.write_bytes(b"x")
        cache.load_bytecode(bucket)  # EIO or the like while reading: compiled again
    finally:
        templates._bytecode_cache.cache_clear()


@pytest.mark.parametrize("fmt", ["xlsx", "yaml"])
def test_a_full_disk_under_template_is_one_line(capsys, monkeypatch, tmp_path, fmt):
    if fmt == "xlsx":
        monkeypatch.setattr(zipfile.ZipFile, "writestr", _disk_full)
    else:
        monkeypatch.setattr(os, "fsync", _disk_full)
    target = tmp_path / f"t.{fmt}"
    code, _out, err = cli(capsys, "template", "--kind", "country", "-o", str(target))
    assert code == 2 and not target.exists() and not list(tmp_path.iterdir())
    one_line(err, rf"t\.{fmt}: --output: cannot write the file: {os.strerror(errno.ENOSPC)}")


@pytest.mark.parametrize("as_of", ["0000", "0000-12", "2026-13", "10000"])
def test_an_impossible_as_of_is_one_line(capsys, as_of):
    code, _out, err = cli(capsys, "assess", PROFILE, "--as-of", as_of)
    assert code == 2
    one_line(err, r"--as-of: expected a date")


@pytest.mark.parametrize("as_of", ["0001", "9999", "9999-12"])
def test_the_first_and_last_years_are_dates(capsys, as_of):
    code, _out, err = cli(capsys, "assess", PROFILE, "--as-of", as_of, "--format", "json")
    assert code in (0, 1), err
