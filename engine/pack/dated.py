"""Parameters that take the assessment year: ``value_from: assessment_year`` in pack.yaml.

A threshold such as "a current action plan runs until this year or later" must move with the date of
the assessment (the profile's ``as_of``, its period, ``--as-of`` or today), not with the year the pack
was written. The pack's ``value`` stays its default (rule examples and lint use it); an assessment of
another year gets the pack re-parameterised, as a tailoring file would change the value, and keeps the
tailoring it had. One pack per year and tailoring, kept for the process (and the compiled-pack cache).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from engine.pack.compiled import Pack
from engine.pack.loading import load_pack
from engine.yamlio import Locations

ASSESSMENT_YEAR = "assessment_year"
_DATED: dict[tuple[int, int], tuple[Pack, Pack]] = {}


def dated_pack(pack: Pack, year: int | None) -> Pack:
    """``pack`` with its ``value_from: assessment_year`` parameters set to ``year`` (within their bounds);
    ``pack`` itself when none differs. A parameter the pack's tailoring sets keeps the tailoring's value."""
    if year is None:
        return pack
    hit = _DATED.get((id(pack), year))  # once per pack and year: a batch's profiles share a few years
    if hit is not None and hit[0] is pack:
        return hit[1]
    tailored = {c["target"] for c in (pack.tailoring or {}).get("changes", []) if c["kind"] == "parameter"}
    values: dict[str, float] = {}
    for name, p in pack.header.parameters.items():
        if p.value_from == ASSESSMENT_YEAR and name not in tailored:
            v = float(min(max(year, p.minimum if p.minimum is not None else year), p.maximum if p.maximum is not None else year))
            if v != p.value:
                values[name] = v
    if not values:
        _DATED[(id(pack), year)] = (pack, pack)
        return pack
    source: dict[str, Any] = dict(pack.tailoring["source"]) if pack.tailoring else {"tailoring": "assessment-year", "pack": pack.id}
    source["parameters"] = [*source.get("parameters", []),
                            *({"parameter": k, "value": v, "reason": "the assessment year"} for k, v in sorted(values.items()))]
    built = load_pack(pack.root, (source, Locations(f"{pack.root}/pack.yaml")))
    dated = dataclasses.replace(built, tailoring=pack.tailoring)
    _DATED[(id(pack), year)] = (pack, dated)
    return dated
