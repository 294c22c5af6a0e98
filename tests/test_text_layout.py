"""The plain text layout prints what rich's console prints without colour, byte for byte.

``migov assess`` lays out its text summary without rich's console when there is no colour (most of a
cold start); these tests hold that layout to rich's on the bundled profiles and on random texts and
tables: long words, wide characters, non-breaking spaces, cells that wrap or are cut short.
"""

from __future__ import annotations

import random
import sys

import pytest

from engine.authoring.intake import assessed as assess  # the assessment written in a language
from engine.pack.loading import load_pack
from engine.pack.profiles import load_profile, pack_of, read_profile
from engine.render.plain import Column, Line, NeedsRich, Table, plain_layout
from engine.render.rich_layout import rich_layout
from engine.render.text import summary
from tests.helpers import PROFILES, ROOT

COLUMNS = (Column("Dimension", 28, overflow="fold"), Column("Score", 6, justify="right", no_wrap=True),
           Column("", 12, no_wrap=True), Column("Rating", 25, overflow="fold"),
           Column("met/gap/unknown", 15, justify="right", no_wrap=True))
WORDS = ["a", "of", "the", "migration", "coopération", "interétatique", "—", "…", "█░░", "100,0", "Ω", "日本語", "emoji😀",
         "x" * 30, "y" * 120, "l'État", "non\u00a0breaking", "two  spaces", "trailing ", " leading"]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, n)))


def _items(profile, lang, full=True, width=100, with_profile=True):
    data, _locs = read_profile(profile)
    pack = load_pack(pack_of(data))
    prof = load_profile(profile, pack)
    return summary(assess(pack, prof, lang), pack, profile=prof if with_profile else None, full=full, width=width)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("full", [True, False], ids=["full", "short"])
def test_the_bundled_profiles_print_as_rich_prints_them(profile, lang, full):
    for width in (98, 100, 400):
        items = _items(profile, lang, full, width)
        assert plain_layout(items, width) == rich_layout(items, width, colour=False)
    items = _items(profile, lang, full, with_profile=False)
    assert plain_layout(items, 100) == rich_layout(items, 100, colour=False)


def test_random_lines_and_tables_print_as_rich_prints_them():
    rng = random.Random(11)
    for _ in range(300):
        width = rng.choice([98, 100, 101, 140])
        items: list[Line | Table] = [Line(((_text(rng, 40), "bold"),), text=True), Line(((_text(rng, 30), None),), markup=True),
                                     Line(((_text(rng, 3), "bold"), (_text(rng, 20), None))), Line(((_text(rng, 25), None),), style="italic")]
        items += [Line(((f"{rng.randint(1, 30)}. " + _text(rng, 40), None),), indent=rng.choice([2, 3, 4, 6])),
                  Line((("  - ", None), (_text(rng, 30), "bold")), indent=4)]
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

    from engine.render.plain import _narrow

    narrow = [chr(c) for c in range(0x110000) if _narrow(chr(c))]
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


EXAMPLIA = ROOT / "profiles" / "examplia-country.yaml"


def _report(lang, full, width=100):
    from engine.render.text import render

    data, _locs = read_profile(EXAMPLIA)
    pack = load_pack(pack_of(data))
    prof = load_profile(EXAMPLIA, pack)
    return render(assess(pack, prof, lang), pack, width=width, profile=prof, full=full)


@pytest.mark.parametrize("lang,most", [("en", 50), ("fr", 58)])
def test_the_short_report_fits_one_screen_and_says_each_thing_once(lang, most):
    text = _report(lang, full=False)
    lines = text.splitlines()
    assert len(lines) <= most, text
    score = "55.8" if lang == "en" else "55,8"
    assert text.count(score) == 1  # the score once: no sentence repeating the headline
    assert "Top recommendations" not in text and "Recommandations prioritaires" not in text  # the key actions, once
    assert "see --format" not in text  # no section sends the reader elsewhere; the last line does, once
    assert text.count("--full") == 1 and "--full" in lines[-1] and "report.html" in lines[-1] if lang == "en" else "rapport.html" in lines[-1]
    assert ("Where each dimension stands" if lang == "en" else "Situation de chaque dimension") not in text  # the whole report's


@pytest.mark.parametrize("full", [True, False], ids=["full", "short"])
@pytest.mark.parametrize("width", [100, 80])
def test_wrapped_lines_hang_under_their_item(full, width):
    lines = _report("en", full, width).splitlines()
    start = lines.index("Key actions") + 1
    actions = lines[start:lines.index("", start)]
    assert [line[:3] for line in actions if not line.startswith("   ")] == ["1. ", "2. ", "3. "]  # the rest hangs under them
    assert len(actions) > 6  # some lines did wrap
    hanging = [item for item in _items(EXAMPLIA, "en", full, width) if isinstance(item, Line) and item.indent]
    assert len(hanging) > 7  # key actions, listed items (fewer on one screen beside a longer table), criteria, recommendations, sources
    wrapped = 0
    for item in hanging:  # each listed item's further lines go under its text
        first, *rest = plain_layout([item], width).splitlines()
        assert all(line.startswith(" " * item.indent) and line[item.indent] != " " for line in rest), (first, rest)
        wrapped += bool(rest)
    assert wrapped > 3


def test_the_full_report_has_every_criterion_with_its_evidence_and_every_reference():
    from engine.render import summary as words

    data, _locs = read_profile(EXAMPLIA)
    pack = load_pack(pack_of(data))
    prof = load_profile(EXAMPLIA, pack)
    a = assess(pack, prof, "en")
    text = _report("en", full=True).replace("\n   ", " ").replace("\n  ", " ").replace("\n ", " ")
    for f in a.findings:
        if f.status != "not_applicable":
            assert f"{f.title} ({f.rule})" in text.replace("\n", " ") or f.rule in text, f.rule
    assert all(r.rule in text for r in a.recommendations)  # the key actions, then the others, each once
    assert text.count("SR-CS-ROLE —") == 0 and "Other recommendations (19)" in text
    for ref in words.about(a, pack, prof, "en", "text")["sources"]:
        assert f"- {ref}" in text.replace("\n    ", " ")
    assert "… and" not in text and "see --format" not in text and "Every criterion, its evidence" not in text
    assert "How to reproduce this report: migov assess PROFILE --rules idm2018 --lang en --format text --full" in text


def test_piped_and_saved_text_is_the_whole_report_a_terminal_gets_one_screen(tmp_path):
    import os
    import re

    import pexpect

    from tests.helpers import run_cli

    piped = run_cli("assess", str(EXAMPLIA))
    assert "Where each dimension stands" in piped.stdout and "--full, or" not in piped.stdout
    assert run_cli("assess", str(EXAMPLIA), "--full").stdout == piped.stdout
    run_cli("assess", str(EXAMPLIA), "-o", str(tmp_path / "r.txt"))
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == piped.stdout
    short = run_cli("assess", str(EXAMPLIA), "--short").stdout
    assert short.splitlines()[-1].startswith("Every criterion, its evidence and the sources: --full") and len(short.splitlines()) <= 50
    seen = {}
    for colour in (False, True):  # the plain layout, and rich's console with colour
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"COLUMNS": "100", "LANGUAGE": "en"}
        if not colour:
            env["NO_COLOR"] = "1"
        child = pexpect.spawn(sys.executable, ["-m", "engine", "assess", str(EXAMPLIA)], cwd=str(ROOT), env=env, encoding="utf-8",
                              dimensions=(50, 100), timeout=120)
        out = child.read()
        child.close()
        assert ("\x1b[" in out) == colour
        seen[colour] = re.sub(r"\x1b\[[0-9;]*m", "", out).replace("\r\n", "\n")
    assert seen[False] == seen[True]
    assert seen[False].split("Republic", 1)[1] == short.split("Republic", 1)[1]  # after any warning on stderr: the one screen
