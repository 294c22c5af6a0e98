"""A profile written as plain JSON is read by ``json`` (engine/yamlio/fast.py): the same data as the YAML builder's, the
same errors (left to the builder), the same positions when an error asks for one; with the pure-Python YAML parser too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import MigovError
from engine.pack.loading import load_pack
from engine.pack.profiles import validate_profile
from engine.yamlio import DeferredLocations, Locations, full, parse_yaml
from engine.yamlio.build import Builder
from engine.yamlio.fast import plain_json
from tests.helpers import agree_with_builder, typed


def slow(text: str) -> tuple[Any, Locations]:
    """The YAML builder's reading (what parse_yaml did before the fast path)."""
    locs = Locations("x")
    loader = full._Loader(text)
    try:
        return Builder(loader, locs).document(), locs
    finally:
        loader.dispose()


def agree(text: str) -> Any:
    """The fast reading is None or the builder's; when the builder refuses the text, it is None."""
    return agree_with_builder(plain_json, lambda t: slow(t)[0], (MigovError, yaml.YAMLError), text)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**16, 10**16), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=12), st.sampled_from(["yes", "no", "2026-02-30", "1e3", "~", "<<", "a: b", "#x", "&a", "*a", "!tag"]))
keys = st.one_of(st.text(max_size=8), st.sampled_from(["<<", "ﬁ", "fi", "a\u200bb", "x" * 1100, "id", "a:b", " k "]))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(keys, documents, max_size=5), st.sampled_from([None, 2, "\t"]), st.booleans(), st.booleans())
def test_the_fast_reading_is_the_builders(data: dict[str, Any], indent: Any, ascii_only: bool, compact: bool) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only, separators=(",", ":") if compact else None)
    agree(text)


@pytest.mark.parametrize("text", [
    '{"a": 1, "a": 2}', '{"a": "x\\ty"}', '{"a": "\\ud83d\\ude00"}', '{"a":\t1}', '{"a": "\x7f"}', '{"a": "\x85"}', '{"a": "\ufffe"}',
    '{"a": NaN}', '{"a": Infinity}', '{"a": 1e400}', '{"a": 1' + "0" * 30 + '}', '{"a"\n: 1}', '{"a"\r: 1}', '{"<<": {"b": 1}}',
    '{"' + "k" * 1100 + '": 1}', '{"ﬁ": 1, "fi": 2}', '{"a\u200bb": 1}', '["a"]', '"a"', '{"a": 1}\n{"b": 2}', '{"a": 1} # c',
    '{"a": 1,}', "{'a': 1}", '{"a": .5}', '{"a": -0, "b": -0.0, "c": 1E5, "d": 1.5e-3, "e": true, "f": null, "g": [], "h": {}}',
    '\ufeff{"a": 1}', '{"a": "\u2028"}', '{"a": "é", "é": 1}', '{"a": "\U0001F600"}',
])
def test_odd_texts(yaml_loader: Any, text: str) -> None:
    agree(text)


@pytest.mark.parametrize(("variable", "value"), [("MIGOV_MAX_TEXT", "3"), ("MIGOV_MAX_TEXT", "4"), ("MIGOV_MAX_DEPTH", "2"), ("MIGOV_MAX_ITEMS", "2"),
                                                 ("MIGOV_MAX_ELEMENTS", "9"), ("MIGOV_MAX_ELEMENTS", "10"), ("MIGOV_MAX_NUMBER", "10"),
                                                 ("MIGOV_MAX_EXPANDED_MB", "0.00003")])
def test_every_limit_is_the_builders(yaml_loader: Any, monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    for text in ('{"a": [1, 2, 3], "b": {"c": {"d": true}}, "e": "long text"}', '{"a": 11, "b": -11.5}', '{"a": [[[]]]}', '{"ab": "x"}',
                 '{"a": 1, "b": 2, "c": 3}', '{"n": null}'):
        agree(text)


def test_generated_profiles_take_the_fast_path_and_keep_their_positions(yaml_loader: Any, tmp_path: Path) -> None:
    text = json.dumps({"id": "p1", "name": "P", "kind": "country", "corridors": [{"origin": "FR", "destination": "MA"}],
                       "coordination.mechanism": "maybe"}, indent=1)
    data, locs = parse_yaml(text, "p.yaml")
    assert isinstance(locs, DeferredLocations) and typed(data) == typed(slow(text)[0])
    assert (locs.lines, locs.cols) == (slow(text)[1].lines, slow(text)[1].cols)
    with pytest.raises(MigovError) as err:  # the error names the line of the bad value, as the builder's positions say
        validate_profile(*parse_yaml(text, "p.yaml"), load_pack("idm2018"))
    assert err.value.line == text.splitlines().index('  "coordination.mechanism": "maybe"'.replace("  ", " ")) + 1


def test_yaml_block_style_keeps_its_positions() -> None:
    """The plain block style is read without the YAML parser (engine/yamlio/plain.py), its positions found when asked for;
    a document outside it (an anchor here) is read by the builder."""
    data, locs = parse_yaml("id: p1\nname: P\n", "p.yaml")
    assert data == {"id": "p1", "name": "P"} and isinstance(locs, DeferredLocations) and locs.line(("name",)) == 2
    data, locs = parse_yaml("id: &a p1\nname: *a\n", "p.yaml")
    assert data == {"id": "p1", "name": "p1"} and not isinstance(locs, DeferredLocations) and locs.line(("name",)) == 2
