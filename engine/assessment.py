"""The assessment: the JSON contract of ``migov assess --format json``, as typed models.

Fields are declared in the order of the JSON keys; the keys the contract leaves out when they do not
apply (``profile.period``, ``tailoring``, ``lenses``) are left out when None, so that
:meth:`Assessment.to_json` writes the same bytes as the plain data it replaces. Reading is exact, as the
committed schema (schemas/assessment.schema.json) is: a missing, mistyped or unknown key is a one-line
error naming the file and the field. ``sources`` stays an open mapping, scheme -> citations, as packs
may declare schemes of their own.
"""

from __future__ import annotations

import json
import math
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from engine.errors import MigovError
from engine.pack.model import Kind, Status
from engine.pack.validate import pydantic_message

Number = int | float
"""A weight: integral weights are written as integers (2, not 2.0)."""
Citations = list[int | str] | str
"""One scheme's citations: GCM objective numbers, SDG target codes, or a passage of the source text."""


def _absent(value: Any) -> bool:
    return value is None


class Part(BaseModel):
    # defer_build: the validators and serializers are built when first used (reading an assessment or a
    # report), not at import; an assessment the engine makes is constructed, and written by plain_data.
    model_config = ConfigDict(extra="forbid", serialize_by_alias=True, defer_build=True)


class _NotPlain(Exception):
    """A value plain_data leaves to pydantic's serializer."""


def plain_data(value: Any) -> Any:
    """``model_dump(mode="json")`` for the values an assessment holds (models, text, numbers, lists,
    mappings with text keys), without building pydantic's serializer; anything else raises _NotPlain."""
    if isinstance(value, Part):
        out: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            v = getattr(value, name)
            if not (v is None and info.exclude_if is _absent):
                out[info.serialization_alias or name] = plain_data(v)
        return out
    if isinstance(value, Enum):
        return plain_data(value.value)
    if value is None or isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: plain_data(v) for k, v in value.items()}
    raise _NotPlain(type(value).__name__)


class PackRef(Part):
    id: str
    version: str


class ProfileRef(Part):
    id: str
    name: str
    kind: Kind
    period: str | None = Field(default=None, exclude_if=_absent)


class Score(Part):
    overall: float | None
    rating: str | None
    coverage: float | None
    best_case: float | None
    worst_case: float | None
    unknown_policy: Literal["exclude", "gap"]
    # evidence-aware rating (new keys): "low" / "medium" / "high" from coverage; withheld (rating null)
    # below the pack's min_coverage; the distinct unknown facts of applicable criteria
    confidence: Literal["low", "medium", "high"] | None = None
    withheld: bool = False
    facts_to_collect: int = 0


class Counts(Part):
    met: int
    gap: int
    unknown: int
    not_applicable: int


class Dimension(Part):
    id: str
    title: str
    weight: Number
    score: float | None
    rating: str | None
    coverage: float | None
    counts: Counts
    confidence: Literal["low", "medium", "high"] | None = None
    withheld: bool = False
    facts_to_collect: int = 0
    best_case: float | None = None  # the dimension's score if every unknown were met, and if every one were a gap
    worst_case: float | None = None


class Finding(Part):
    """One rule's outcome; ``sources`` maps a citation scheme (gcm, sdg, seed, or one a pack declares) to its citations."""

    rule: str
    dimension: str
    title: str
    status: Status
    weight: Number
    evidence: list[str]
    recommendation: str
    sources: dict[str, Citations]


class Recommendation(Part):
    rule: str
    dimension: str
    title: str
    text: str
    score_gain: float | None


class Change(Part):
    """One change a tailoring file made to the pack, with its reason."""

    kind: Literal["deselect", "weight", "dimension_weight", "parameter", "rating"]
    target: str
    from_: Number | str = Field(alias="from")
    to: Number | str
    reason: str


class Tailoring(Part):
    """The tailoring the pack was adapted by (``assess --tailoring``)."""

    id: str
    title: str | None
    changes: list[Change]


class LensView(Part):
    """Another pack's estimate, inferred from this profile's facts (``assess --lens``)."""

    @model_validator(mode="before")
    @classmethod
    def _drop_display_keys(cls, data: Any) -> Any:
        """Reports made before the assessment was typed embedded their lenses with the text they displayed
        (``score_text``, ``rating_title``): dropped on reading, so those reports still read back."""
        if isinstance(data, dict) and ("score_text" in data or "rating_title" in data):
            dims = data.get("dimensions")
            data = {k: v for k, v in data.items() if k not in ("score_text", "rating_title")}
            if isinstance(dims, list):
                data["dimensions"] = [{k: v for k, v in d.items() if k != "score_text"} if isinstance(d, dict) else d for d in dims]
        return data

    lens: str
    title: str
    estimate: bool
    notice: str
    pack: PackRef
    score: Score
    dimensions: list[Dimension]
    inferred: dict[str, Any]
    not_inferred: list[str]


class Source(Part):
    """One source the profile cites for its facts (``sources:`` in the profile), and whether it is stale."""

    id: str
    title: str | None
    url: str | None
    document: str | None
    as_of: str | None
    facts: list[str]
    stale: bool


class Provenance(Part):
    """Where the facts come from: their date, their sources, the stale facts and the lists not marked complete."""

    facts_as_of: str | None
    sources: list[Source]
    stale_after_years: Number | None
    stale_facts: list[str]
    incomplete_lists: list[str]


class Assessment(Part):
    """One profile assessed against one rule pack (``migov assess --format json``)."""

    migov_version: str
    pack: PackRef
    tailoring: Tailoring | None = Field(default=None, exclude_if=_absent)
    profile: ProfileRef
    language: str
    score: Score
    dimensions: list[Dimension]
    findings: list[Finding]
    recommendations: list[Recommendation]
    lenses: list[LensView] | None = Field(default=None, exclude_if=_absent)
    assessed_on: str | None = None  # the assessment date: --as-of, else the profile's as_of, else today
    provenance: Provenance | None = None

    def to_data(self) -> dict[str, Any]:
        """The plain JSON data, keys in contract order (``model_dump(mode="json")``, without building its serializer)."""
        try:
            data: dict[str, Any] = plain_data(self)
        except _NotPlain:
            return self.model_dump(mode="json")
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2) + "\n"


class Embedded(Part):
    """What an HTML report carries: the inputs it was made from, and its assessment."""

    migov_version: str | None = None
    pack: PackRef
    inputs_sha256: str
    profile: dict[str, Any]
    tailoring: dict[str, Any] | None = Field(default=None, exclude_if=_absent)
    assessment: Assessment


SCHEMA_ID = "migov:assessment"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the assessment, as committed in schemas/assessment.schema.json."""
    schema = Assessment.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "migov assessment (migov assess --format json)", **schema}


def read_assessment(data: Any, file: str) -> Assessment:
    """``data`` (parsed JSON) as an assessment, or a one-line error naming ``file`` and the field."""
    try:
        return Assessment.model_validate(data)
    except ValidationError as exc:
        raise _error(exc, data, file) from None


def read_embedded_data(data: Any, file: str) -> Embedded:
    """The data an HTML report carries (parsed JSON), or a one-line error naming ``file`` and the field."""
    try:
        return Embedded.model_validate(data)
    except ValidationError as exc:
        raise _error(exc, data, file) from None


def _error(exc: ValidationError, data: Any, file: str) -> MigovError:
    err = exc.errors()[0]
    return MigovError(pydantic_message(err), file=file, field=field_path(err["loc"], data, err["type"]) or None)


def field_path(loc: tuple[int | str, ...], data: Any, kind: str) -> str:
    """The field as a reader writes it (``findings[3].status``): pydantic's location, without the names
    it adds for the members of a union, and without the key itself when the key is the problem.

    >>> field_path(("findings", 0, "weight", "int"), {"findings": [{"weight": "x"}]}, "int_type")
    'findings[0].weight'
    >>> field_path(("score", "overall"), {"score": {}}, "missing")
    'score.overall'
    """
    steps: list[int | str] = []
    node = data
    for i, part in enumerate(loc):
        found = part in node if isinstance(node, dict) else isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if found:
            node = node[part]
        else:
            if kind == "missing" and i == len(loc) - 1:
                steps.append(part)
            break
        steps.append(part)
    if kind == "extra_forbidden":
        steps = steps[:-1]
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in steps).lstrip(".")
