"""One profile's row of a batch, and the check that a row read back from a manifest is one migov could have written.

The manifest (``.migov-batch.json``) sits in the output folder, which others may write to: a row read from it is
taken only when every field has the type and range migov gives it (names and ids text, scores finite numbers in
0-100, coverage in 0-1, counts whole and not negative), else the whole manifest is ignored and the batch redoes
every profile. Its output stem is taken only when it is the one the batch names anyway (:mod:`engine.batch.run`),
so that a forged row cannot point the dashboard at another file.
"""

from __future__ import annotations

import json
import math
from dataclasses import field, fields
from typing import Any, NamedTuple

from engine.records import record


@record
class Row:
    file: str
    stem: str
    ok: bool
    digest: str  # the input's identity: base digest, size and modification time of the profile file
    error: str | None = None
    pack: str | None = None
    id: str | None = None
    name: str | None = None
    kind: str | None = None
    period: str | None = None
    groups: dict[str, str] = field(default_factory=dict)
    overall: float | None = None
    rating: str | None = None
    coverage: float | None = None
    best: float | None = None
    worst: float | None = None
    dimensions: dict[str, float | None] = field(default_factory=dict)
    gaps: list[str] = field(default_factory=list)
    confidence: str | None = None  # evidence-aware rating: the rating is null when withheld
    withheld: bool = False
    facts_to_collect: int = 0
    ranges: dict[str, list[float | None]] = field(default_factory=dict)  # dimensions whose rating is withheld: [lowest, highest]


class View(NamedTuple):
    """What the dashboard shows of a profile assessed (not its gaps, counted as they come): its fields read as the row's do."""

    file: str
    stem: str
    id: str | None
    name: str | None
    kind: str | None
    period: str | None
    groups: dict[str, str]
    overall: float | None
    rating: str | None
    coverage: float | None
    best: float | None
    worst: float | None
    dimensions: dict[str, float | None]
    withheld: bool
    facts_to_collect: int
    ranges: dict[str, list[float | None]]


def view(r: Row) -> str:
    """The dashboard's part of a row assessed, as it is kept until the dashboard is written: one compact JSON text (ASCII, a
    file name's undecodable bytes as ``\\udcff``), a few hundred bytes where its objects took some two thousand."""
    return _COMPACT([r.file, r.stem, r.id, r.name, r.kind, r.period, r.groups, r.overall, r.rating, r.coverage, r.best, r.worst,
                     r.dimensions, r.withheld, r.facts_to_collect, r.ranges])


def unpack(text: str) -> View:
    """The :class:`View` :func:`view` wrote."""
    return View(*json.loads(text))


_COMPACT = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode  # a row holds no container twice


_TEXT = ("file", "stem", "digest")
_OPTIONAL_TEXT = ("error", "pack", "id", "name", "kind", "period", "rating", "confidence")
_SCORES = ("overall", "best", "worst")


def _score(value: Any, top: float = 100.0) -> bool:
    return value is None or (type(value) in (int, float) and math.isfinite(value) and 0 <= value <= top)


def _texts(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def row_from_data(data: Any) -> Row | None:
    """The row ``data`` (one manifest line, parsed) describes, or None when it is not one migov writes."""
    if not isinstance(data, dict) or set(data) != {f.name for f in fields(Row)}:
        return None
    checks = (
        all(isinstance(data[k], str) and data[k] for k in _TEXT),
        all(data[k] is None or isinstance(data[k], str) for k in _OPTIONAL_TEXT),
        type(data["ok"]) is bool and type(data["withheld"]) is bool,
        type(data["facts_to_collect"]) is int and data["facts_to_collect"] >= 0,
        all(_score(data[k]) for k in _SCORES) and _score(data["coverage"], 1.0),
        _texts(data["groups"]),
        isinstance(data["dimensions"], dict) and all(isinstance(k, str) and _score(v) for k, v in data["dimensions"].items()),
        isinstance(data["gaps"], list) and all(isinstance(g, str) for g in data["gaps"]),
        isinstance(data["ranges"], dict) and all(isinstance(k, str) and isinstance(v, list) and len(v) == 2 and all(_score(x) for x in v)
                                                 for k, v in data["ranges"].items()),
    )
    return Row(**data) if all(checks) else None
