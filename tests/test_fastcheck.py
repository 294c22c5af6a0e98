"""A fact's quick check (engine/pack/fastcheck) takes a value only as the full check would, and leaves every other to it:
on every fact of the bundled packs, valid values and values changed in each way a profile can get them wrong."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from engine.errors import ProfileError
from engine.pack import profiles
from engine.pack.fastcheck import SLOW, fact_check
from engine.pack.loading import bundled_packs, load_pack
from engine.pack.profiles import _check_fact, validate_profile
from engine.yamlio import Locations
from tests.helpers import random_facts, typed

ODD = [None, True, False, 0, 1, -1, 2.5, math.nan, 10**6, -(10**6), "", "x", "EX", "1", [], ["x"], ["x", "x"], [1], {}, {"a": 1}, [{}], [None]]


def _changed(value: Any, rng: random.Random) -> list[Any]:
    """``value`` and values a profile might hold instead: other types, a duplicate, a record's field dropped, changed or added."""
    out = [value, *ODD]
    if isinstance(value, list) and value:
        out += [value + value[:1], [*value[:-1], 3], [*value, None], value[:-1]]
        if isinstance(value[0], dict):
            rec = dict(value[0])
            for key in list(rec):
                out += [[{k: v for k, v in rec.items() if k != key}], [{**rec, key: None}], *([{**rec, key: odd}] for odd in rng.sample(ODD, 6))]
            out += [[{**rec, "unknown_field": 1}], [rec, "x"]]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        out += [value + 1000, value - 1000, str(value), float(value)]
    if isinstance(value, str):
        out += [value + "_", value.upper()]
    return out


def _full(fdef: Any, value: Any, kind: str) -> Any:
    def err(path: Any, message: str) -> ProfileError:
        return ProfileError(message)

    try:
        return ("ok", typed(_check_fact(fdef, value, kind, ("f",), err)))
    except ProfileError:
        return ("error", None)


@pytest.mark.parametrize("pack_id", bundled_packs())
def test_a_quick_check_takes_a_value_only_as_the_full_check_gives_it(pack_id):
    pack = load_pack(pack_id)
    rng = random.Random(17)
    taken = left = 0
    for round_ in range(12):
        for kind in pack.kinds:
            facts = random_facts(pack, rng, kind, missing=0.0)
            for name, value in facts.items():
                fdef = pack.facts[name]
                check = fact_check(fdef)
                for candidate in _changed(value, rng):
                    if candidate is None:
                        continue  # a null fact is unknown: never checked
                    got = check(candidate)
                    if got is SLOW:
                        left += 1
                        continue
                    taken += 1
                    assert _full(fdef, candidate, kind) == ("ok", typed(got)), (pack_id, name, candidate, round_)
                    assert got is not candidate or not isinstance(candidate, (list, dict))  # a copy, as the full check makes
    assert taken > 100 and left > 100


def test_a_profile_reads_the_same_and_fails_with_the_same_error_with_the_quick_checks(monkeypatch):
    """Whole profiles, valid and not: the facts and the first error (its field and words) are those of the full checks alone."""
    pack = load_pack("idm2018")
    rng = random.Random(23)
    cases = []
    for i in range(60):
        kind = "country" if i % 2 else "partnership"
        data = {"id": f"p{i}", "name": f"P{i}", "kind": kind, **random_facts(pack, rng, kind, missing=0.2)}
        if i % 3 == 0:
            name = rng.choice(sorted(k for k in data if k in pack.facts))
            data[name] = rng.choice(_changed(data[name], rng)[1:])
        cases.append(data)

    def read(data: dict[str, Any]) -> Any:
        try:
            p = validate_profile(dict(data), Locations("p.yaml"), pack)
            return ("ok", typed(p.facts), p.incomplete)
        except ProfileError as exc:
            return ("error", str(exc))

    quick = [read(d) for d in cases]
    monkeypatch.setattr(profiles, "_quick", lambda pack: {name: (frozenset(f.kinds), lambda _v: SLOW) for name, f in pack.facts.items()})
    assert [read(d) for d in cases] == quick
    assert sum(q[0] == "error" for q in quick) >= 5
