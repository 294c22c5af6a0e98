"""A profile in the plain block style is read without PyYAML (engine/yamlio/plain.py): the same data as the YAML builder's,
or left to the builder (which then gives its own error); the same positions when an error asks for one; and a cold
``assess`` of a YAML profile imports no PyYAML."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import MigovError
from engine.pack.loading import load_pack
from engine.pack.profiles import validate_profile
from engine.yamlio import DeferredLocations, Locations, full, parse_yaml
from engine.yamlio.plain import plain_yaml
from tests.helpers import ROOT, agree_with_builder, typed


def agree(text: str) -> Any:
    """The plain reading is None or the builder's; when the builder refuses the text, it is None."""
    return agree_with_builder(plain_yaml, lambda t: full.build(t, Locations("x")), (MigovError, yaml.YAMLError), text)


TRICKY = ["yes", "no", "on", "Off", "y", "~", "null", "Null", "NULL", "true", "False", "TRUE", "1e3", "0x1F", "012", "0o7", "1_000", "+1",
          "-0", "-1", "0", "6.40", "-0.0", "1.", ".5", ".inf", ".nan", "2026", "2026-02-30", "2026-06-30", "2026-06", "1:30", "10.7.2",
          "&a", "*a", "!x", "!!str 1", "|", ">", "%x", "@x", "`x`", "a #b", "a#b", "a # b: c", "http://x.org/a", "a: b", "a:", ":a",
          "a:b", " a", "a ", "'", '"', "it's", 'say "hi"', "a, b", "a [b]", "{a}", "- a", "-a", "? a", "a\u00a0", "é", "Ünï",
          "–dash", "x" * 40, "", "1000000000000001", "999999999999999", "3.14159265358979323846", "1e400", "<<", "=", "a\tb",
          "a\\b", "\u2028", "\ufeff", "\x85", "#", "a  b"]
keys = st.one_of(st.sampled_from(["id", "name", "kind", "a", "b_c", "d.e", "f-g", "_", "x" * 130, "true", "Null", "yes", "1", "-a", "a b",
                                  "a:b", "<<", "ﬁ", "é", "\"q\"", "'q'", "[k]", "k #"]),
                 st.text(alphabet="abz_.-: 1", min_size=1, max_size=6))
scalars = st.one_of(st.sampled_from(TRICKY), st.integers(-10**16, 10**16).map(str), st.floats(allow_nan=False).map(repr),
                    st.text(alphabet="aZé –:#-,'\"[]{}&*!|>%@` .0123456789\\", max_size=10))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)), max_leaves=16)

tame_keys = st.sampled_from(["id", "name", "kind", "a", "b_c", "d.e", "f-g", "K9"])
tame_scalars = st.one_of(st.sampled_from(["EX", "Coastal region", "yes", "no", "null", "true", "False", "~", "é–x", "it's", "C'est \"ça\""]),
                         st.integers(-10**6, 10**6).map(str), st.tuples(st.integers(-99, 99), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]}"),
                         st.text(alphabet="abXY é–'\".:/-,", min_size=1, max_size=12).map(lambda t: "w" + t))
tame = st.recursive(tame_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(tame_keys, inner, max_size=4)),
                    max_leaves=16)


def _scalar(text: str, quote: int) -> str:
    return text if quote == 0 else (f'"{text}"' if quote == 1 else f"'{text}'")


def _flow(value: Any, draw: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v, draw)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, draw) for v in value) + "]"
    return _scalar(value, draw(st.sampled_from([0, 0, 0, 1, 2])))


def _block(value: Any, indent: int, draw: Any) -> list[str]:
    """``value`` (a mapping or a list) in the block style, each choice drawn: flow or block, indentation, quotes, comments."""
    pad, lines = " " * indent, []
    items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
    for key, item in items:
        head = f"{pad}{key}:" if key is not None else f"{pad}-"
        comment = draw(st.sampled_from(["", "", "", "  # note", " #: x"]))
        if isinstance(item, (dict, list)) and item and draw(st.booleans()):
            if key is None and isinstance(item, dict) and draw(st.booleans()):  # `- key: value` and the keys below it
                inner = _block(item, indent + 2, draw)
                lines.append(f"{pad}- {inner[0].lstrip(' ')}")
                lines += inner[1:]
                continue
            step = draw(st.sampled_from([2, 4, 0 if key is not None and isinstance(item, list) else 2, 1]))
            lines.append(head + comment)
            lines += _block(item, indent + step, draw)
        elif isinstance(item, (dict, list)):
            lines.append(f"{head} {_flow(item, draw)}{comment}")
        else:
            lines.append(f"{head} {_scalar(item, draw(st.sampled_from([0, 0, 0, 1, 2])))}{comment}".rstrip(" ") if item or key is None else head + comment)
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["", "# a comment", "   # indented comment", "  "])))
    return lines


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # the loader is meant for every example
@given(st.one_of(st.dictionaries(tame_keys, tame, min_size=1, max_size=6), st.dictionaries(keys, documents, min_size=1, max_size=6)), st.data())
def test_the_plain_reading_is_the_builders(yaml_loader: Any, data: dict[str, Any], draw: Any) -> None:
    agree("\n".join(_block(data, 0, draw.draw)) + "\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # the loader is meant for every example
@given(st.dictionaries(keys, documents, min_size=1, max_size=5), st.data(), st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(
    [" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", '"', "[", "]", "{", "}", ",", "\n", "\n  ", "\t", "&", "*", "!", "|", "?", "\\", "é",
     "\u2028", "\r"])), max_size=3))
def test_an_edited_document_is_read_the_same_or_left_to_the_builder(yaml_loader: Any, data: dict[str, Any], draw: Any,
                                                                     edits: list[tuple[int, str]]) -> None:
    text = "\n".join(_block(data, 0, draw.draw)) + "\n"
    for at, piece in edits:
        at %= len(text) + 1
        text = text[:at] + piece + text[at:]
    agree(text)


@pytest.mark.parametrize("text", [
    "a: 1\nb:\n- x\n- y\nc: 2\n", "a:\n  - k: 1\n    l: [2, 3]\n  - k: 4\n", "a:\n  - k:\n    - 1\n", "a:\n  - k:\n      m: 1\n",
    "a: x\n  b: y\n", "a:\n  b: 1\n c: 2\n", "a:\n  - x\n  b: 1\n", "a: 1\na: 2\n", "a: [1, 2,]\n", "a: [1,\n  2]\n", "a: {b: 1, b: 2}\n",
    "a: {b: }\n", "a: 'x''y'\n", "a: \"x\" y\n", "a: \"x\"  # c\n", "- a\n", "  a: 1\n", "---\na: 1\n", "a: 1\n...\n", "%YAML 1.2\n---\na: 1\n",
    "a: b: c\n", "a: http://x.org/p?q=1\n", "a:b\n", "a: [x: 1]\n", "a: {b: [c, {d: e}]}\n", "a:    spaced  words   # c\n",
    "a: - b\n", "a: -5\n", "a: - 5\n", "- - a\n", "a:\n  - - b\n", "a: |\n  x\n", "a: multi\n  line\n", "a:\n\n\n  b: 1\n",
    "a: \u00e9t\u00e9 \u2013 x\n", "a: ref\u00a0\n", "a: [\u00e9, '\u00e9']\n", "true: 1\n", "a: 2026-02-30\n", "a: 1000000000000001\n",
])
def test_hand_written_documents(yaml_loader: Any, text: str) -> None:
    agree(text)


@pytest.mark.parametrize("variable, value", [("MIGOV_MAX_DEPTH", "1"), ("MIGOV_MAX_DEPTH", "2"), ("MIGOV_MAX_ITEMS", "2"),
                                             ("MIGOV_MAX_TEXT", "3"), ("MIGOV_MAX_TEXT", "6"), ("MIGOV_MAX_ELEMENTS", "9"),
                                             ("MIGOV_MAX_NUMBER", "10"), ("MIGOV_MAX_EXPANDED_MB", "0.00003")])
def test_every_limit_is_the_builders(yaml_loader: Any, monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    for text in ("a: [1, 2, 3]\nb:\n  c:\n    d: true\ne: long text\n", "a: 11\nb: -11.5\n", "a: [[[]]]\n", "ab: x\n",
                 "a: 1\nb: 2\nc: 3\n", "n: null\n", "list:\n- 1\n- 2\n- 3\n"):
        agree(text)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "profiles").glob("*.yaml")))
def test_the_bundled_profiles_are_read_plainly_with_the_builders_positions(name: str) -> None:
    text = (ROOT / "profiles" / name).read_text(encoding="utf-8")
    data, locs = parse_yaml(text, name)
    built = Locations(name)
    assert isinstance(locs, DeferredLocations) and typed(data) == typed(full.build(text, built))
    assert (locs.lines, locs.cols) == (built.lines, built.cols)


def test_a_cold_assess_of_a_yaml_profile_imports_no_pyyaml(tmp_path: Path) -> None:
    """Once the pack is in the cache (the first run reads its YAML, as a first run after installing does)."""
    argv = [sys.executable, "-X", "importtime", "-m", "engine", "assess", str(ROOT / "profiles" / "examplia-country.yaml")]
    env = {**os.environ, "MIGOV_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    r = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    assert r.returncode == 0, r.stderr
    modules = {m.group(1) for m in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", r.stderr, flags=re.MULTILINE)}
    assert "engine.yamlio.plain" in modules and not {m for m in modules if m == "yaml" or m.startswith(("yaml.", "engine.yamlio.full"))}


def test_an_error_in_a_plain_profile_names_its_line(tmp_path: Path) -> None:
    text = "id: p1\nname: P\nkind: country\ncoordination:\n  mechanism: maybe\n"
    with pytest.raises(MigovError) as err:
        validate_profile(*parse_yaml(text, "p.yaml"), load_pack("idm2018"))
    assert err.value.line == 5
