"""The rule pack as pydantic models: what a policy team writes in rules/<pack-id>/*.yaml.

Conditions stay raw mappings here; :mod:`engine.conditions` parses them with positions.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Text = dict[str, str]
"""A user-facing string per language code: ``{"en": "...", "fr": "..."}``."""


class Strict(BaseModel):
    # defer_build: a model's validator is built when it first validates (a pack read from its YAML), not at
    # import: a pack from the cache is unpickled, never validated, so a cached run builds none.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


Kind = str
"""A kind of profile, one of the ids the pack declares in ``kinds`` (pack.yaml)."""

Key = int | str
"""A key of a citation scheme: a number (GCM objective 19) or a code (SDG target 17.17)."""


class KindDef(Strict):
    """A kind of profile the pack assesses (e.g. a country, a partnership, a city), with its label."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: Text


class Status(str, Enum):
    met = "met"  # the condition holds
    gap = "gap"  # the condition does not hold and every fact it needs is known
    unknown = "unknown"  # a fact it needs is missing from the profile ("we don't know" is not "no")
    not_applicable = "not_applicable"  # its applicability does not hold for this profile


class FactType(str, Enum):
    bool = "bool"
    enum = "enum"
    number = "number"
    text = "text"
    list = "list"  # list of enum values (``values``) or of free text (``items: text``)
    records = "records"  # list of records with declared ``fields``


class FieldDef(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: Literal["bool", "enum", "number", "text", "list"]
    label: Text
    values: dict[str, Text] | None = None
    items: Literal["text"] | None = None
    required: bool = True


class AskIf(Strict):
    """A follow-up question: asked only when ``when`` holds; otherwise the answer is ``otherwise``."""

    when: dict[str, Any]
    otherwise: Any


class FactDef(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
    type: FactType
    kinds: list[Kind] = []  # not written: every kind the pack declares (the loader fills them in)
    dimension: str | None = None
    label: Text
    question: Text
    help: Text | None = None
    values: dict[str, Text] | None = None
    items: Literal["text"] | None = None
    minimum: float | None = None
    maximum: float | None = None
    fields: list[FieldDef] | None = None
    ask_if: AskIf | None = None


class Derived(Strict):
    """Records inferred from other facts (forward chaining), e.g. corridors an agreement covers."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    from_: str = Field(alias="from")
    as_: str = Field(alias="as", pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    where: dict[str, Any] | None = None
    when: dict[str, Any] | None = None


class Sources(BaseModel):
    """What a rule cites: ``seed``, the passage of the source text, and per citation scheme the keys it cites.

    The schemes are data (references.yaml): ``sources: {seed: ..., gcm: [19, 23], sdg: ["17.17"]}``.
    """

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)
    seed: str | Text  # the passage of the source text, as a citation (per language, or one string)

    @property
    def cited(self) -> dict[str, Any]:
        """Scheme id -> what the rule cites under it, as written (checked by the loader)."""
        return dict(self.model_extra or {})


class Example(Strict):
    status: Status
    kind: Kind | None = None
    facts: dict[str, Any]
    note: str | None = None


class Rule(Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
    dimension: str
    kinds: list[Kind] = []  # not written: every kind the pack declares (the loader fills them in)
    weight: float = Field(gt=0)
    title: Text
    condition: dict[str, Any]
    applies_if: dict[str, Any] | None = None
    recommendation: Text
    sources: Sources
    examples: list[Example] = Field(min_length=2)


class Dimension(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    weight: float = Field(gt=0)
    title: Text
    description: Text | None = None


class Band(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    min: float = Field(ge=0, le=100)
    title: Text


class Narrative(Strict):
    """Sentence templates for the report's areas: well developed, with potential, not assessed."""

    well_developed_from: float = Field(ge=0, le=100)
    well_developed: Text
    potential: Text
    not_assessed: Text


class Scheme(Strict):
    """A citation scheme (references.yaml): its title, the form of its keys and the title of each key."""

    title: Text | None = None  # may be left to the shared references when a pack only adds keys
    pattern: str | None = None  # a regular expression every key matches, e.g. [0-9]+ for numbered objectives
    keys: dict[Key, Text] = {}


class References(Strict):
    """The citation schemes rules may cite, by id, in the order they are declared."""

    schemes: dict[str, Scheme] = {}


class Parameter(Strict):
    """A named threshold conditions use as ``{param: name}``; a tailoring file may change its value."""

    value: float
    title: Text
    minimum: float | None = None
    maximum: float | None = None
    # "assessment_year": the value is the year of the assessment date (engine/pack/dated.py); ``value`` the default
    value_from: Literal["assessment_year"] | None = None


class Confidence(Strict):
    """Coverage (percent of applicable criteria with known facts) from which confidence is medium, then high."""

    medium: float = Field(default=50, ge=0, le=100)
    high: float = Field(default=80, ge=0, le=100)


class Scoring(Strict):
    unknown: Literal["exclude", "gap"] = "exclude"
    # Evidence-aware ratings (percent of applicable criteria with known facts): below min_coverage the
    # rating is withheld and the score is shown as a range; confidence is low, medium or high.
    min_coverage: float = Field(default=0, ge=0, le=100)
    confidence: Confidence | None = None  # None: the defaults (medium from 50, high from 80)
    # Provenance: a fact whose sources are all dated more than this many years before the assessment is stale.
    stale_after_years: float | None = Field(default=None, gt=0)


class PackHeader(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    version: str
    default: bool = False  # the pack used when neither --rules nor the profile names one (one bundled pack says so)
    languages: list[str] = Field(min_length=1)
    kinds: list[KindDef] = []  # not written: the default kinds of rules/_shared/kinds.yaml
    cites: list[str] = []  # the citation schemes every finding lists, in order (not written: those its rules cite)
    title: Text
    description: Text | None = None
    narrative: Narrative | None = None
    parameters: dict[str, Parameter] = {}
    # A factory, not Scoring(): a default instance would build the model's validator at import.
    scoring: Scoring = Field(default_factory=Scoring, json_schema_extra={"default": {"unknown": "exclude"}})
    ratings: list[Band] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)


class Vocabulary(Strict):
    facts: list[FactDef]
    derived: list[Derived] = []
