"""The plain text layout prints what rich's console prints without colour, byte for byte.

``migov assess`` lays out its text summary without rich's console when there is no colour (most of a
cold start); these tests hold that layout to rich's on the bundled profiles and on random texts and
tables: long words, wide characters, non-breaking spaces, cells that wrap or are cut short.
"""

from __future__ import annotations

import random

import pytest

from engine.assess import assess
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile, pack_of, read_profile
from engine.render.plain import Column, Line, NeedsRich, Table, plain_layout
from engine.render.rich_layout import rich_layout
from engine.render.text import summary
from tests.helpers import PROFILES

COLUMNS = (Column("Dimension", 28, overflow="fold"), Column("Score", 6, justify="right", no_wrap=True),
           Column("", 12, no_wrap=True), Column("Rating", 25, overflow="fold"),
           Column("met/gap/unknown", 15, justify="right", no_wrap=True))
WORDS = ["a", "of", "the", "migration", "coopération", "interétatique", "—", "…", "█░░", "100,0", "Ω", "日本語", "emoji😀",
         "x" * 30, "y" * 120, "l'État", "non\u00a0breaking", "two  spaces", "trailing ", " leading"]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, n)))


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_bundled_profiles_print_as_rich_prints_them(profile, lang):
    data, _locs = read_profile(profile)
    pack = load_pack(pack_of(data))
    items = summary(assess(pack, load_profile(profile, pack), lang), pack)
    for width in (98, 100, 400):
        assert plain_layout(items, width) == rich_layout(items, width, colour=False)


def test_random_lines_and_tables_print_as_rich_prints_them():
    rng = random.Random(11)
    for _ in range(300):
        width = rng.choice([98, 100, 101, 140])
        items: list[Line | Table] = [Line(((_text(rng, 40), "bold"),), text=True), Line(((_text(rng, 30), None),), markup=True),
                                     Line(((_text(rng, 3), "bold"), (_text(rng, 20), None))), Line(((_text(rng, 25), None),), style="italic")]
        rows = tuple(tuple(_text(rng, k) for k in (8, 2, 1, 8, 2)) for _ in range(rng.randint(0, 4)))
        items.append(Table(COLUMNS, rows))
        assert plain_layout(items, width) == rich_layout(items, width, colour=False)


@pytest.mark.parametrize("item", [Line((("a [bold]markup[/bold] text", None),), markup=True), Line((("a\ttab", None),)),
                                  Line((("two\nlines", None),)), Table(COLUMNS, (("[x]", "1", "", "", ""),))])
def test_what_the_plain_layout_does_not_follow_goes_to_rich(item):
    with pytest.raises(NeedsRich):
        plain_layout([item], 100)
    with pytest.raises(NeedsRich):
        plain_layout([Table(COLUMNS, ())], 97)  # rich would narrow the columns


def test_the_narrow_characters_are_one_cell_in_rich_and_cover_its_own():
    from rich.cells import _SINGLE_CELLS, get_character_cell_size

    from engine.render.plain import NARROW

    narrow = [chr(c) for c in range(0x110000) if NARROW.fullmatch(chr(c))]
    assert all(get_character_cell_size(c) == 1 for c in narrow)
    assert set(_SINGLE_CELLS) <= set(narrow)


@pytest.mark.parametrize("seed", range(10))
def test_the_wrapping_is_riches(seed):
    """rich's division of a line (copied in engine/render/rich_wrap.py, not imported from rich's private ``_wrap``) gives
    the lines of rich's public ``Text.wrap``, for narrow texts (measured by their length) and wide ones (by rich.cells)."""
    from rich.console import Console
    from rich.text import Text

    from engine.render.plain import wrap

    rng = random.Random(seed)
    console = Console(width=100)
    for _ in range(50):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30)))
        for width in (1, 5, 12, 28, 100):
            for overflow in ("fold", "crop", "ellipsis"):
                expected = [line.plain for line in Text(text).wrap(console, width, overflow=overflow)]  # type: ignore[arg-type]
                assert wrap(text, width, overflow=overflow) == expected, (text, width, overflow)


def test_no_module_imports_a_private_module_of_rich():
    import ast
    from pathlib import Path

    import engine

    for path in Path(engine.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                parts = name.split(".")
                assert parts[0] != "rich" or not any(part.startswith("_") for part in parts), f"{path}: {name}"
