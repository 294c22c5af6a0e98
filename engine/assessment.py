"""The assessment: the JSON contract of ``migov assess --format json``, as typed models. Fields are in the order of the JSON keys;
keys the contract leaves out when they do not apply (``profile.period``, ``tailoring``, ``lenses``, ``inputs``) are left out when None.
Reading is exact, as the committed schema (schemas/assessment.schema.json) is: a missing, mistyped or unknown key is a one-line error
naming the file and field. Language-neutral as the engine makes it; :func:`engine.render.localize.localized` writes its texts.
"""

from __future__ import annotations

import json
from dataclasses import field
from typing import Any, ClassVar, Literal, TypeVar, cast

from engine.errors import MigovError
from engine.i18n import _, languages
from engine.pack.evidence_words import OMIT, Evidence
from engine.pack.model import Kind, Status, alias
from engine.records import record

Number = int | float  # a weight: integral weights are written as integers (2, not 2.0)
P = TypeVar("P", bound="Part")
Citations = list[int | str] | str  # one scheme's citations: GCM objective numbers, SDG target codes, or a passage of the source text


class Part:
    """Stdlib dataclasses, read by pydantic (:func:`read_assessment`): unknown keys are errors, ``from_`` is ``from``, no inf or nan."""
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "alias_generator": alias, "serialize_by_alias": True, "allow_inf_nan": False}




@record(kw_only=True)
class PackRef(Part):
    id: str
    version: str
    sha256: str | None = field(default=None, metadata=OMIT)  # of the pack's files (and tailoring) it was made with


@record(kw_only=True)
class ProfileRef(Part):
    id: str
    name: str
    kind: Kind
    period: str | None = field(default=None, metadata=OMIT)


@record(kw_only=True)
class Score(Part):
    overall: float | None
    rating: str | None
    coverage: float | None
    best_case: float | None
    worst_case: float | None
    unknown_policy: Literal["exclude", "gap"]
    # "low" / "medium" / "high" from coverage; withheld below the pack's min_coverage; the distinct unknown facts to collect
    confidence: Literal["low", "medium", "high"] | None = None
    withheld: bool = False  # (2.0) withheld or too_few: score and rating null, the range best_case–worst_case stands
    facts_to_collect: int = 0
    too_few: bool = False  # (2.0) fewer criteria met or gap than the pack's min_assessed
    rating_range: list[str] | None = None  # (2.0) [band of worst_case, band of best_case] when they differ: rating null


@record(kw_only=True)
class Counts(Part):
    met: int
    gap: int
    unknown: int
    not_applicable: int


@record(kw_only=True)
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
    too_few: bool = False
    rating_range: list[str] | None = None


@record(kw_only=True)
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
    evidence_data: list[Evidence] = field(default_factory=list)  # (1.1) the evidence as data, to put in words in any language
    level: Level | None = field(default=None, metadata=OMIT)  # (2.1) a graded criterion's, where it applies


@record(kw_only=True)
class Level(Part):
    """(2.1) A graded criterion's level: the one reached (its id; null: none), the ladder's ids and the fraction of the weight
    reached; unknown, also the highest level still possible (``up_to``) and the range of fractions the unknowns allow."""
    reached: str | None
    levels: list[str]
    fraction: float
    up_to: str | None = field(default=None, metadata=OMIT)
    range: list[float] | None = field(default=None, metadata=OMIT)


@record(kw_only=True)
class Recommendation(Part):
    rule: str
    dimension: str
    title: str
    text: str
    score_gain: float | None
    gain_range: list[float] | None = None  # (2.0) [least, most] gain whatever the unknowns are, when its dimension is not rated


@record(kw_only=True)
class Change(Part):
    """One change a tailoring file made to the pack, with its reason."""
    kind: Literal["deselect", "weight", "dimension_weight", "parameter", "rating"]
    target: str
    from_: Number | str
    to: Number | str
    reason: str


@record(kw_only=True)
class Tailoring(Part):
    """The tailoring the pack was adapted by (``assess --tailoring``)."""
    id: str
    title: str | None
    changes: list[Change]


@record(kw_only=True)
class LensView(Part):
    """Another pack's estimate, inferred from this profile's facts (``assess --lens``)."""
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return {"type": "function-before", "function": {"type": "no-info", "function": _drop_display_keys}, "schema": handler(source)}

    lens: str
    title: str
    estimate: bool
    notice: str
    pack: PackRef
    score: Score
    dimensions: list[Dimension]
    inferred: dict[str, Any]
    not_inferred: list[str]


@record(kw_only=True)
class Source(Part):
    """One source the profile cites for its facts (``sources:`` in the profile), and whether it is stale."""

    id: str
    title: str | None
    url: str | None
    document: str | None
    as_of: str | None
    facts: list[str]
    stale: bool


@record(kw_only=True)
class Provenance(Part):
    """Where the facts come from: their date, their sources, the stale facts and the lists not marked complete."""

    facts_as_of: str | None
    sources: list[Source]
    stale_after_years: Number | None
    stale_facts: list[str]
    incomplete_lists: list[str]


@record(kw_only=True)
class Inputs(Part):
    """The validated profile (as a report embeds it) and the tailoring an assessment was made with."""

    profile: dict[str, Any]
    tailoring: dict[str, Any] | None = field(default=None, metadata=OMIT)


def _drop_display_keys(data: Any) -> Any:
    """Older reports embedded their lenses with the text they displayed (``score_text``, ``rating_title``): dropped."""
    if isinstance(data, dict) and ("score_text" in data or "rating_title" in data):
        dims = data.get("dimensions")
        data = {k: v for k, v in data.items() if k not in ("score_text", "rating_title")}
        if isinstance(dims, list):
            data["dimensions"] = [{k: v for k, v in d.items() if k != "score_text"} if isinstance(d, dict) else d for d in dims]
    return data


@record(kw_only=True)
class Assessment(Part):
    """One profile assessed against one rule pack (``migov assess --format json``)."""
    migov_version: str
    schema_version: str = "1.0"  # of this contract: SCHEMA_VERSION when written; an assessment without it is older
    pack: PackRef
    tailoring: Tailoring | None = field(default=None, metadata=OMIT)
    profile: ProfileRef
    language: str
    score: Score
    dimensions: list[Dimension]
    findings: list[Finding]
    recommendations: list[Recommendation]
    lenses: list[LensView] | None = field(default=None, metadata=OMIT)
    assessed_on: str | None = None  # the assessment date: --as-of, else the profile's as_of, else today
    provenance: Provenance | None = None
    inputs: Inputs | None = field(default=None, metadata=OMIT)  # (1.1) what it was made from, so that it can be rendered again

    def to_data(self) -> dict[str, Any]:  # the plain JSON data, keys in contract order
        from engine.plaindata import plain_data  # only for an assessment written as data (JSON, a report), not for text

        return cast(dict[str, Any], plain_data(self))
    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2) + "\n"


@record(kw_only=True)
class Embedded(Part):
    """What an HTML report carries: the inputs it was made from, and its assessment."""
    migov_version: str | None = None
    pack: PackRef
    inputs_sha256: str
    profile: dict[str, Any]
    tailoring: dict[str, Any] | None = field(default=None, metadata=OMIT)
    assessment: Assessment


SCHEMA_ID = "migov:assessment"
SCHEMA_VERSION = "2.1"  # 1.1: evidence_data, inputs; 2.0: score, rating null when not rated (too_few, rating_range, gain_range); 2.1: levels


def json_schema() -> dict[str, Any]:  # as committed in schemas/assessment.schema.json
    from engine.pack.validate import adapter  # pydantic's schema: only for the schema itself

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, "title": "migov assessment (migov assess --format json)",
            **adapter(Assessment).json_schema(by_alias=True, mode="serialization")}


def read_assessment(data: Any, file: str) -> Assessment:  # parsed JSON as an assessment, or a one-line error naming file and field
    return _read(Assessment, data, file)


def read_embedded_data(data: Any, file: str) -> Embedded:  # the data an HTML report carries, or a one-line error
    return _read(Embedded, data, file)


def _read(part: type[P], data: Any, file: str) -> P:
    from engine.pack.validate import check, field_path, pydantic_message  # reading an assessment: not for one made now

    value, problems = check(part, data)
    if value is not None:
        a = value.assessment if isinstance(value, Embedded) else value
        if isinstance(a, Assessment) and a.language not in languages():  # a language migov has: its reports are written in it
            raise MigovError(_("'{value}' is not a supported language: expected {languages}").format(value=a.language, languages=", ".join(
                languages())), file=file, field="language" if a is value else "assessment.language")
        return value
    err = problems[0]
    raise MigovError(pydantic_message(err), file=file, field=field_path(err["loc"], data, err["type"]) or None)
