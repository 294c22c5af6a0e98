"""The JSON writer lays out an indented document itself (the standard library's indented encoder is pure Python): the
same text as ``json.dumps(data, ensure_ascii=False, indent=2)``, whatever the data, and the parts shared between a
profile's reports in several languages encoded once."""

import json
import random

from engine.render.json import indented, render_data


def _value(rng: random.Random, depth: int = 0):
    r = rng.random()
    if depth > 3 or r < 0.4:
        return rng.choice([0, 1, -7, 2.5, -0.0, 1e-7, 1e22, 10**30, None, True, False, "", "x", 'q"b\\s\n\t\x01',
                           "\u2028é «»<&>", "\ud800", float("nan"), float("inf"), (), [], {}])
    if r < 0.65:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if r < 0.75:
        return tuple(_value(rng, depth + 1) for _ in range(rng.randrange(4)))
    return {rng.choice(["a", "b", "ü", '"', "", "k\n"]): _value(rng, depth + 1) for _ in range(rng.randrange(4))}


def test_the_same_text_as_json_dumps_with_indent():
    rng = random.Random(7)
    for _ in range(3000):
        data = _value(rng)
        assert indented(data) == json.dumps(data, ensure_ascii=False, indent=2), data


def test_keys_that_are_not_strings_are_left_to_json():
    data = {"a": [{1: "x", 2.5: None, False: 0, None: 1}], "b": {}}
    assert indented(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_a_shared_part_is_encoded_once_and_reused_where_it_is_the_same_object():
    part = {"key": "value", "args": [1, 2]}
    shared = {id(part): [part, None, ""]}
    first = render_data({"findings": [{"evidence_data": [part]}], "x": part}, shared)
    assert shared[id(part)][2]
    again = render_data({"findings": [{"evidence_data": [part]}], "x": part}, shared)
    equal_copy = render_data({"findings": [{"evidence_data": [dict(part)]}], "x": dict(part)})
    assert first == again == equal_copy
