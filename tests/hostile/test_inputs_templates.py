"""A pack's narrative templates are a closed placeholder language: names only, no attribute or index access,
no conversion, no width or precision over 20. Lint reports the others (L015, file and line), loading a pack
refuses them in one line, and filling one at run time refuses it rather than formats it."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from engine.assessment import read_assessment
from engine.errors import MigovError, PackError
from engine.pack.loading import load_pack
from engine.pack.placeholders import MAX_WIDTH, fill, template_problem
from engine.packtools.lint import lint
from engine.render.summary import narrative
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden" / "examplia-country.en.json"
NAMES = ("dimension", "score", "met", "examples")
VALUES = {"dimension": "Data", "score": "50", "met": 2, "examples": "“A”"}
POTENTIAL = "{dimension} has potential for further development ({score}): {gap_clause}, namely {examples}."

HOSTILE = {
    "{dimension.__class__.__mro__}": "a placeholder is a name only",
    "{dimension.nosuchattr}": "a placeholder is a name only",
    "{dimension[0]}": "a placeholder is a name only",
    "{score:>200000000}": f"the width or precision of {{score}} is over {MAX_WIDTH}",
    "{score:.99}": f"the width or precision of {{score}} is over {MAX_WIDTH}",
    "{score:{met}}": "the format of {score} is not one a sentence can use",
    "{score!r}": "a placeholder takes no conversion",
    "{0}": "unknown placeholder '0'",
    "{}": "unknown placeholder ''",
    "{nosuch}": "unknown placeholder 'nosuch'",
    "a { b": "the template is not valid",
}


@pytest.mark.parametrize("template", list(HOSTILE))
def test_a_hostile_template_is_refused_before_it_is_formatted(template):
    assert HOSTILE[template] in (template_problem(template, NAMES) or "")
    with pytest.raises(PackError, match="^") as err:
        fill(template, VALUES, "pack.yaml", "narrative.potential.en")
    assert err.value.file == "pack.yaml" and err.value.field == "narrative.potential.en" and "\n" not in str(err.value)


@pytest.mark.parametrize(("template", "filled"), [
    ("{dimension} ({score}): {met} met, {examples}.", "Data (50): 2 met, “A”."),
    ("{score:>6}|{met:03d}|{dimension:<5}|", "    50|002|Data |"),
    ("{{literal braces}} {dimension}", "{literal braces} Data"),
])
def test_names_and_small_formats_fill(template, filled):
    assert template_problem(template, NAMES) is None
    assert fill(template, VALUES) == filled


def test_a_format_that_does_not_fit_the_value_is_one_line():
    with pytest.raises(PackError, match="the template cannot be filled"):
        fill("{dimension:d}", VALUES)


@pytest.fixture()
def pack_copy(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path / "rules" / "idm2018"


@pytest.mark.parametrize("placeholder", ["{dimension.__class__.__mro__}", "{dimension.nosuchattr}", "{score:>200000000}"])
def test_lint_and_loading_name_the_file_and_line(pack_copy, placeholder):
    header = pack_copy / "pack.yaml"
    text = header.read_text(encoding="utf-8")
    assert POTENTIAL in text
    header.write_text(text.replace(POTENTIAL, POTENTIAL.replace("{dimension}", placeholder, 1), 1), encoding="utf-8")
    hits = [p for p in lint(pack_copy) if p.code == "L015"]
    assert hits and hits[0].file.endswith("pack.yaml") and hits[0].line and hits[0].field == "narrative.potential.en"
    with pytest.raises(MigovError, match="narrative.potential.en") as err:
        load_pack(pack_copy)
    assert err.value.line == hits[0].line


def test_a_hostile_template_in_a_pack_already_loaded_is_refused_when_the_report_is_written():
    """A pack compiled before the check (the pack cache) or built in code still never formats a hostile template."""
    pack = load_pack("idm2018")
    nar = pack.header.narrative
    assert nar is not None
    hostile = dataclasses.replace(nar, potential={"en": "{dimension.__class__.__mro__}", "fr": "{dimension}"})
    forged = dataclasses.replace(pack, header=dataclasses.replace(pack.header, narrative=hostile))
    a = read_assessment(json.loads(GOLDEN.read_text(encoding="utf-8")), "g.json")
    assert narrative(a, pack, "en")["potential"]
    with pytest.raises(PackError, match=r"pack\.yaml: narrative\.potential\.en: a placeholder is a name only"):
        narrative(a, forged, "en")
