"""Every rule's examples run as pytest items named by rule id, on both engines."""

import pytest

from engine.pack.loading import load_pack
from engine.packtools.examples import run_examples
from engine.resources import data_dir
from tests.helpers import ENGINES

PACK = load_pack("idm2018")
BUNDLED = sorted(p.name for p in data_dir("rules").iterdir() if (p / "pack.yaml").is_file())
RESULTS = {(name, eng): {(r.rule, r.index): r for r in run_examples(load_pack(name), eng)} for name in BUNDLED for eng in ENGINES}
KEYS = [(name, key) for name in BUNDLED for key in sorted(RESULTS[(name, "python")])]


def test_both_packs_are_bundled():
    assert {"idm2018", "sdg-10-7-2"} <= set(BUNDLED)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("key", KEYS, ids=lambda k: f"{k[0]}:{k[1][0]}-{k[1][1]}")
def test_rule_example(engine, key):
    r = RESULTS[(key[0], engine)][key[1]]
    assert r.passed, f"{r.file}:{r.line}: {r.rule} example {r.index}: expected {r.expected}, got {r.got}"


def test_pack_shape():
    dims = {d.id for d in PACK.header.dimensions}
    assert len(PACK.rules) >= 40
    for d in dims:
        rules = [r for r in PACK.rules if r.rule.dimension == d]
        assert len(rules) >= 4, d
    for cr in PACK.rules:
        statuses = {e.status.value for e in cr.rule.examples}
        assert {"met", "gap"} <= statuses, cr.rule.id
        assert cr.rule.sources.seed
        for lang in ("en", "fr"):
            assert cr.rule.title[lang] and all(rec[lang] for rec in cr.rule.wordings())
