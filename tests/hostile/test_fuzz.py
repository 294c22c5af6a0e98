"""Fuzzing every kind of input: profiles, workbooks, answers files, packs and JSON assessments.

Each case must end in a result or a :class:`MigovError` (one line, exit 2 at the command line), never
another exception. In-process cases run many examples quickly; the command-line cases (a whole process
each, under memory and CPU limits) run a few. ``HYPOTHESIS_PROFILE=exhaustive`` runs many more of both.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.assessment import read_assessment
from engine.authoring.spreadsheet import read_workbook
from engine.compare.inputs import check_assessment
from engine.errors import MigovError
from engine.pack.loading import load_pack
from engine.pack.profiles import validate_profile
from engine.yamlio import parse_yaml
from tests.helpers import ROOT
from tests.hostile.common import assert_clean, migov, snapshot

settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("exhaustive", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
FEW = settings(max_examples=int(os.environ.get("MIGOV_FUZZ_CLI_EXAMPLES", "3")), deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

PROFILE = (ROOT / "profiles" / "examplia-country.yaml").read_text(encoding="utf-8")
GOLDEN = json.loads((ROOT / "tests" / "golden" / "examplia-country.en.json").read_text(encoding="utf-8"))
YAML_BITS = ["&a ", "*a", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "'", '"', "#", "!!str ", "!!binary ", "<<: *a\n", "? ", "|\n",
             ".inf", ".nan", "1e+308", "2026-02-30", "~", "yes", "\x1b[2J", "\ud7ff", "\t", "%YAML 1.1\n", "---\n", "...\n"]


def _mutate(text: str, data: st.DataObject) -> str:
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 20))
        piece = data.draw(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=12)))
        text = text[:at] + piece + text[at + cut:]
    return text


@pytest.fixture(scope="module")
def pack():
    return load_pack("idm2018")


@given(st.data())
def test_profiles(pack, data):
    text = _mutate(PROFILE, data)
    try:
        parsed, locs = parse_yaml(text, "p.yaml")
        validate_profile(parsed, locs, pack)
    except MigovError as exc:
        assert "\n" not in str(exc)


@given(st.text(max_size=400))
def test_any_text_as_yaml(text):
    try:
        parse_yaml(text, "p.yaml")
    except MigovError:
        pass


def _forged(data: st.DataObject) -> object:
    a = json.loads(json.dumps(GOLDEN))
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.sampled_from(["score", "dimensions", "findings", "pack", "profile", "top"]))
        value = data.draw(st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.text(max_size=8),
                                    st.sampled_from(["met", "gap", "unknown", "not_applicable"])))
        if where == "top":
            a[data.draw(st.sampled_from(list(a)))] = value
        elif where in ("score", "pack", "profile") and isinstance(a.get(where), dict):
            a[where][data.draw(st.sampled_from(sorted(a[where])))] = value
        elif isinstance(a.get(where), list) and a[where]:
            item = data.draw(st.sampled_from(a[where]))
            if isinstance(item, dict):
                item[data.draw(st.sampled_from(sorted(item)))] = value
    return a


@given(st.data())
def test_assessment_json(tmp_path_factory, data):
    a = _forged(data)
    try:
        check_assessment(read_assessment(a, "a.json"), tmp_path_factory.getbasetemp() / "a.json")
    except MigovError as exc:
        assert "\n" not in str(exc)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "t.xlsx"
    r = migov("template", "--kind", "country", "-o", str(path))
    assert r.returncode == 0, r.stderr
    return path.read_bytes()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_workbooks(pack, workbook, tmp_path, data):
    """A member of the zip damaged, or the zip's bytes themselves."""
    path = tmp_path / "w.xlsx"
    if data.draw(st.booleans()):
        raw = bytearray(workbook)
        for _ in range(data.draw(st.integers(1, 8))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
        path.write_bytes(bytes(raw))
    else:
        src = zipfile.ZipFile(io.BytesIO(workbook))
        names = src.namelist()
        victim = data.draw(st.sampled_from(names))
        with zipfile.ZipFile(path, "w") as out:
            for name in names:
                body = src.read(name)
                if name == victim:
                    body = _mutate(body.decode("utf-8", "replace"), data).encode("utf-8")
                out.writestr(name, body)
    try:
        read_workbook(path, pack)
    except MigovError as exc:
        assert "\n" not in str(exc)


@given(st.data())
def test_packs(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("pack")
    shutil.copytree(ROOT / "tests" / "packs" / "mini", root / "mini")
    rule = min((root / "mini" / "rules").glob("*.yaml"))
    rule.write_text(_mutate(rule.read_text(encoding="utf-8"), data), encoding="utf-8")
    with mock.patch.dict(os.environ, {"MIGOV_NO_CACHE": "1"}):  # not left set for the tests that follow
        try:
            load_pack(root / "mini")
        except MigovError as exc:
            assert "\n" not in str(exc)


@FEW
@given(st.data())
def test_command_line_profiles(tmp_path, data):
    """The whole command, under memory and CPU limits: exit 0, 1 or 2, one line, no file but the output changed."""
    (tmp_path / "p.yaml").write_text(_mutate(PROFILE, data), encoding="utf-8")
    before = {f: d for f, d in snapshot(tmp_path).items() if not f.endswith("out")}
    fmt = data.draw(st.sampled_from(["text", "json", "markdown"]))
    r = migov("assess", str(tmp_path / "p.yaml"), "--format", fmt, "-o", str(tmp_path / "out"), "--engine", "python")
    assert_clean(r)
    after = snapshot(tmp_path)
    assert {f: d for f, d in after.items() if not f.endswith("out")} == before
    if r.returncode == 0 and fmt == "json":
        json.loads((tmp_path / "out").read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(c))


@FEW
@given(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(["?", "yes", "no", "1", "none", "\x1b[2J", "nan", "inf"])), max_size=40),
       st.binary(max_size=40))
def test_command_line_answers(tmp_path, lines, tail):
    answers = tmp_path / "answers.txt"
    answers.write_bytes("\n".join(lines).encode("utf-8", "replace") + b"\n" + tail)
    r = migov("self-assess", "--kind", "country", "--answers", str(answers), "-o", str(tmp_path / "p.yaml"))
    assert r.returncode in (0, 2, 130) and "Traceback" not in r.stderr, r.stderr[-2000:]
