"""A fact's JSON text as durable_rules reads it: the bytes ``json.dumps`` writes without its spaces.

``json.JSONEncoder.encode`` makes a new C encoder at every call, which costs as much as writing a small fact. The
standard library's C encoder (``json.encoder.c_make_encoder``, not a public name) is made once here and called
directly; where it is missing, or does not take the arguments it takes in Python 3.11 to 3.14, or writes other text
than the public encoder for a probe, ``encode`` is the public encoder's method.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

PUBLIC = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_PROBE: list[Any] = [{"t": "x", "a": 1, "b": 1.5, "c": True, "d": None, "e": "é\"\n", "f": [1, "z"], "g": {"h": -0.0}}]
_PROBE_TEXT = '[{"t":"x","a":1,"b":1.5,"c":true,"d":null,"e":"é\\"\\n","f":[1,"z"],"g":{"h":-0.0}}]'


def _direct() -> Callable[[Any], str] | None:
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    try:
        chunks = make(None, PUBLIC.default, json.encoder.encode_basestring, None, ":", ",", False, False, True)

        def encode(value: Any) -> str:
            return "".join(chunks(value, 0))

        return encode if encode(_PROBE) == _PROBE_TEXT else None
    except (TypeError, ValueError):
        return None


encode: Callable[[Any], str] = _direct() or PUBLIC.encode
