"""What a cold text ``assess`` no longer works out each time: every criterion's basis is kept beside its cached pack
(engine/render/cited.py), the same as the one worked out from the pack, in every language; and the text layout measures
a line of one-cell characters without its pattern, as rich does (engine/render/plain.py)."""

from __future__ import annotations

import random
import re

import pytest

from engine.i18n import languages
from engine.pack import cache
from engine.pack.loading import build_pack, resolve_pack_dir
from engine.render import cited, plain, rich_wrap
from engine.render.localize import rule_sources


@pytest.mark.parametrize("lang", languages())
def test_every_basis_is_kept_beside_the_cached_pack_and_is_the_one_worked_out(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(cited, "_MEMO", {})
    root = resolve_pack_dir(None).resolve()
    pack = cache.cached_pack(root, "", lambda: build_pack(root))
    first = dict(cited._memo(pack, lang))  # worked out and kept
    cited._MEMO.clear()
    kept = dict(cited._memo(pack, lang))  # read back
    every = rule_sources(pack, lang)
    assert len(kept) == len({cited._key(s) for s in every}) > 0 and kept == first
    other = build_pack(root)  # the same pack, not from the cache: each basis worked out when asked for
    assert cited._memo(other, lang) == {}
    for sources in every:
        assert kept[("basis", cited._key(sources))] == tuple(cited.basis(sources, other, lang))


def test_nothing_is_kept_without_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(cited, "_MEMO", {})
    root = resolve_pack_dir(None).resolve()
    pack = cache.cached_pack(root, "", lambda: build_pack(root))
    monkeypatch.setenv("MIGOV_NO_CACHE", "1")
    assert not cache.in_cache(pack) and cited._memo(pack, "en") == {}
    sources = rule_sources(pack, "en")[0]
    assert cited.basis(sources, pack, "en") == list(cited._basis(sources, pack.citations(sources, "en")))


@pytest.mark.parametrize("text", ["", "plain ASCII text", "tab\there", "\x7f", "é–x", "ascii then \u4e00", "a\u200db", "\x1b[0m", "\xad", "\u02ff\u0300",
                                  "\u0370\u0482\u0483", "\u2500\u25fc\u25fd", "\u28ff\u2900", "\ue000\ue001\ue002", "€→≤≥•…", "\x9f\xa0"])
def test_a_line_is_one_cell_a_character_as_the_pattern_says(text):
    pattern = "[\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u2500-\u25fc\u2800-\u28ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2192\u2264\u2265\u20ac\ue000\ue001]*"
    assert plain._narrow(text) == (re.fullmatch(pattern, text) is not None)  # the pattern the layout matched before
    if re.search(r"[\x00-\x1f\x7f]", text):
        with pytest.raises(plain.NeedsRich):
            plain._checked(text, False)
    else:
        assert plain._checked(text, False) == text


@pytest.mark.parametrize("seed", range(4))
def test_a_line_of_one_cell_characters_breaks_where_riches_divide_line_breaks_it(seed):
    """The layout's division a line at a time (plain._divide_narrow) gives the breaks of rich's, a word at a time
    (engine/render/rich_wrap.py, held to rich's public Text.wrap by tests/test_text_layout.py)."""
    rng = random.Random(seed)
    pieces = ["a", "b", "xyzzy", "  ", " ", "\xa0", "–", "é", "-", "supercalifragilistic" * 2, ".", ",", "\ue000"]
    for _ in range(5000):
        text = " " * rng.choice([0, 0, 1, 3]) + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        width, fold = rng.randint(1, 30), rng.random() < 0.6
        assert plain._divide_narrow(text, width, fold) == rich_wrap.divide_line(text, width, fold, len, plain._chop_narrow), (text, width, fold)
