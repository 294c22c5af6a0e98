"""The rule pack as pydantic models: what a policy team writes in rules/<pack-id>/*.yaml.

Conditions stay raw mappings here; :mod:`engine.conditions` parses them with positions.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from engine.i18n import _

Text = dict[str, str]
"""A user-facing string per language code: ``{"en": "...", "fr": "..."}``."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Kind(str, Enum):
    country = "country"  # one State assessing its own partnerships
    partnership = "partnership"  # a partnership: RCP, bilateral framework, city network...


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
    kinds: list[Kind] = [Kind.country, Kind.partnership]
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


class Sources(Strict):
    seed: str | Text  # the passage of the source text, as a citation (per language, or one string)
    gcm: list[int] = []
    sdg: list[str] = []

    @field_validator("gcm")
    @classmethod
    def _gcm_objectives(cls, v: list[int]) -> list[int]:
        for n in v:
            if not 1 <= n <= 23:
                raise ValueError(_("GCM objective {n} does not exist (1 to 23)").format(n=n))
        return v

    @field_validator("sdg")
    @classmethod
    def _sdg_targets(cls, v: list[str]) -> list[str]:
        import re

        for t in v:
            if not re.fullmatch(r"\d{1,2}\.[0-9a-z]+(\.\d+)?", t):
                raise ValueError(_("'{target}' is not an SDG target or indicator such as 10.7 or 17.17.1").format(target=t))
        return v


class Example(Strict):
    status: Status
    kind: Kind | None = None
    facts: dict[str, Any]
    note: str | None = None


class Rule(Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
    dimension: str
    kinds: list[Kind] = [Kind.country, Kind.partnership]
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


class References(Strict):
    """Titles of cited instruments: GCM objectives by number, SDG targets and indicators by code."""

    gcm: dict[int, Text] = {}
    sdg: dict[str, Text] = {}


class Parameter(Strict):
    """A named threshold conditions use as ``{param: name}``; a tailoring file may change its value."""

    value: float
    title: Text
    minimum: float | None = None
    maximum: float | None = None


class Scoring(Strict):
    unknown: Literal["exclude", "gap"] = "exclude"


class PackHeader(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    version: str
    default: bool = False  # the pack used when neither --rules nor the profile names one (one bundled pack says so)
    languages: list[str] = Field(min_length=1)
    title: Text
    description: Text | None = None
    narrative: Narrative | None = None
    parameters: dict[str, Parameter] = {}
    scoring: Scoring = Scoring()
    ratings: list[Band] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)


class Vocabulary(Strict):
    facts: list[FactDef]
    derived: list[Derived] = []
