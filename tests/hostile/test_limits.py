"""Hangs and memory: every limit of engine/limits.py refuses in one line naming the limit and how to raise it."""

from __future__ import annotations

import re
import time

import pytest

from engine.errors import MigovError
from engine.operators import BY_KEY, glob_match, glob_regex
from engine.yamlio import parse_yaml

HEAD = "id: x\nname: X\nkind: country\n"


@pytest.mark.parametrize(("text", "message"), [
    ("a: &x [*x]\n", r"a\[0\]: the alias \*x is inside the value it names \(a cycle\)"),
    ("d: " + "[" * 100_000 + "]" * 100_000 + "\n", r"nesting: over the limit of 64 \(set MIGOV_MAX_DEPTH"),
    ("period: 2026-02-30\n", r"'2026-02-30' is not a date that exists"),
    ("n: .inf\n", r"'.inf' is not a finite number"),
    ("n: .nan\n", r"'.nan' is not a finite number"),
    ("n: 1.0e+308\n", r"over the limit of .* \(set MIGOV_MAX_NUMBER"),
    ("n: " + "9" * 5000 + "\n", r"MIGOV_MAX_NUMBER|not a valid number"),
    ("a: &a [" + ",".join(["x"] * 9) + "]\n" + "".join(f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh")),
     r"MIGOV_MAX_ELEMENTS"),
    ("s: &s " + "x" * 90_000 + "\nl: [" + ",".join(["*s"] * 900) + "]\n", r"MIGOV_MAX_EXPANDED_MB"),
    ("s: &s x\nl: [" + ",".join(["*s"] * 1200) + "]\n", r"alias uses: over the limit of 1 000 \(set MIGOV_MAX_ALIASES"),
    ("s: " + "x" * 100_001 + "\n", r"MIGOV_MAX_TEXT"),
    ("l: [" + ",".join(["1"] * 50_001) + "]\n", r"entries in one list: over the limit of 50 000 \(set MIGOV_MAX_ITEMS"),
    ("a: 1\n---\nb: 2\n", r"expected a single document"),
    ("? [a]\n: 1\n", r"a key must be a plain word"),
], ids=["cycle", "depth", "date", "inf", "nan", "huge-float", "huge-int", "laughs", "expanded-text", "aliases", "text", "items", "documents", "key"])
def test_yaml_limits(text, message):
    start = time.process_time()
    with pytest.raises(MigovError, match=message):
        parse_yaml(HEAD + text, "f.yaml")
    assert time.process_time() - start < 10


def test_a_limit_is_raised_by_its_variable(monkeypatch):
    """Up to the parser's own ceiling; past it, that ceiling is named (MIGOV_MAX_DEPTH cannot lift it)."""
    monkeypatch.setenv("MIGOV_MAX_DEPTH", "200")
    data, _ = parse_yaml(HEAD + "d: " + "[" * 150 + "]" * 150 + "\n", "f.yaml")
    assert isinstance(data["d"], list)
    monkeypatch.setenv("MIGOV_MAX_DEPTH", "100000")
    try:  # a parser with a ceiling of its own (libyaml, PyYAML >= 6.0.4) refuses it, naming that ceiling
        parse_yaml(HEAD + "d: " + "[" * 5000 + "]" * 5000 + "\n", "f.yaml")
    except MigovError as exc:
        assert re.search(r"nesting: over the YAML parser's own limit of 1.?000", str(exc)), exc


def test_merge_keys_and_aliases_still_work():
    data, locs = parse_yaml("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nlist: [*b]\n", "f.yaml")
    assert data["other"] == {"x": 1, "y": 3} and data["list"] == [{"x": 1, "y": 2}]
    assert locs.line(("other", "y")) == 4


def test_glob_is_linear_and_agrees_with_the_regular_expression():
    import re

    start = time.process_time()
    assert not glob_match("*a*a*a*a*b", "a" * 100_000)
    assert time.process_time() - start < 1
    for pattern in ("EU*", "*Africa", "E*U*A", "*", "a*a", "ab*ba", "x"):
        for text in ("EU–Africa", "EUA", "aa", "a", "aba", "abba", "ababa", "x", ""):
            assert glob_match(pattern, text) == (re.fullmatch(glob_regex(pattern), text) is not None), (pattern, text)


@pytest.mark.parametrize("pattern", ["*a*a*a*a*a*b", "a**b", "x" * 201])
def test_catastrophic_patterns_are_refused(pattern):
    check = BY_KEY["matches"].check
    assert check is not None
    problem = check(pattern)
    assert problem is not None and problem.code == "L011"
