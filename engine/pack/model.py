"""The rule pack as plain dataclasses: what a policy team writes in rules/<pack-id>/*.yaml. Conditions stay raw mappings
(:mod:`engine.conditions` parses them with positions). Stdlib dataclasses, so that a pack read back from the cache needs no
pydantic; pydantic validates the YAML into them (:mod:`engine.pack.validate`), reading ``__pydantic_config__`` and the :class:`Check` markers.
"""

from __future__ import annotations

from dataclasses import field, fields
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal

from engine.records import record

Text = dict[str, str]  # a user-facing string per language code: {"en": "...", "fr": "..."}
ByKind = dict[str, Text]  # a text per kind of profile, for a rule worded differently for each kind: {kind: {"en": ..., "fr": ...}}


class Check:
    """A constraint for pydantic (``pattern``, ``gt``, ``ge``, ``le``, ``min_length``) or ``default`` (the JSON Schema's default of a
    field filled by a factory): ``Annotated[str, Check(pattern=...)]``; pydantic calls it, so this module never imports pydantic."""

    def __init__(self, default: Any = None, **constraints: Any) -> None:
        self.default = default
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.constraints)
        if self.default is not None:
            schema.setdefault("metadata", {}).setdefault("pydantic_js_updates", {})["default"] = self.default
        return schema


def alias(name: str) -> str:  # the key a field is written as: its name without a trailing "_" (from_ is from)
    return name.removesuffix("_")


class Strict:
    """Unknown keys are errors; a field is read by its key (``from``) or its name (``from_``)."""
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "alias_generator": alias, "validate_by_name": True, "validate_by_alias": True,
                                                  "allow_inf_nan": False}  # numbers in packs are finite (weight: inf crashed rendering)


Kind = str  # a kind of profile, one of the ids the pack declares in ``kinds`` (pack.yaml)

Key = int | str  # a key of a citation scheme: a number (GCM objective 19) or a code (SDG target 17.17)


@record(frozen=True, kw_only=True)
class KindDef(Strict):
    """A kind of profile the pack assesses (e.g. a country, a partnership, a city), with its label."""

    id: Annotated[str, Check(pattern=r"^[a-z][a-z0-9_-]*$")]
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


@record(frozen=True, kw_only=True)
class FieldDef(Strict):
    id: Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*$")]
    type: Literal["bool", "enum", "number", "text", "list"]
    label: Text
    values: dict[str, Text] | None = None
    items: Literal["text"] | None = None
    required: bool = True


@record(frozen=True, kw_only=True)
class AskIf(Strict):
    """A follow-up question: asked only when ``when`` holds; otherwise the answer is ``otherwise``."""

    when: dict[str, Any]
    otherwise: Any


@record(frozen=True, kw_only=True)
class FactDef(Strict):
    id: Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")]
    type: FactType
    kinds: Annotated[list[Kind], Check(default=[])] = field(default_factory=list)  # not written: every kind the pack declares (the loader fills them in)
    dimension: str | None = None
    label: Text
    question: Text
    help: Text | None = None
    values: dict[str, Text] | None = None
    items: Literal["text"] | None = None
    minimum: float | None = None
    maximum: float | None = None
    fields: list[FieldDef] | None = None
    # records: the fields whose values name a record in findings, joined by " → " (e.g. [origin, destination]);
    # without it, a record is named by its first text value
    named_by: list[str] | None = None
    ask_if: AskIf | None = None
    complete: bool = False  # a list a profile always states whole (a country's migration roles): never read as naming only some items
    ages: bool = True  # false: a fact that does not age (a founding commitment): never stale, however old its sources


@record(frozen=True, kw_only=True)
class Derived(Strict):
    """Records inferred from other facts (forward chaining), e.g. corridors an agreement covers."""

    id: Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*$")]
    from_: str
    as_: Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Text
    where: dict[str, Any] | None = None
    when: dict[str, Any] | None = None


@record(frozen=True, kw_only=True)
class Sources:
    """What a rule cites: ``seed``, the passage of the source text, and per citation scheme the keys it cites.

    The schemes are data (references.yaml): ``sources: {seed: ..., gcm: [19, 23], sdg: ["17.17"]}``.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "allow"}  # each scheme's keys: pydantic sets them as attributes
    seed: str | Text  # the passage of the source text, as a citation (per language, or one string)

    @property
    def cited(self) -> dict[str, Any]:
        """Scheme id -> what the rule cites under it, as written (checked by the loader)."""
        return {k: v for k, v in vars(self).items() if k not in _SOURCES_FIELDS}
    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(self) == vars(other)


@record(frozen=True, kw_only=True)
class Example(Strict):
    status: Status
    kind: Kind | None = None
    facts: dict[str, Any]
    note: str | None = None
    level: str | None = None  # a graded rule's: the id of the level the example reaches ("none": none)


@record(frozen=True, kw_only=True)
class Level(Strict):
    """One level of a graded criterion (engine/pack/levels.py): reached when its condition and those of the levels below hold."""

    id: Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Text
    condition: dict[str, Any]
    fraction: Annotated[float, Check(gt=0, le=1)] | None = None  # of the rule's weight; not written: k/n
    recommendation: Text | ByKind | None = None  # how to reach this level; not written: the rule's


@record(frozen=True, kw_only=True)
class Rule(Strict):
    id: Annotated[str, Check(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")]
    dimension: str
    kinds: Annotated[list[Kind], Check(default=[])] = field(default_factory=list)  # not written: every kind the pack declares (the loader fills them in)
    weight: Annotated[float, Check(gt=0)]
    title: Text
    condition: dict[str, Any] | None = None  # or levels: an ordered ladder, each level a condition (one of the two)
    levels: list[Level] | None = None
    applies_if: dict[str, Any] | None = None
    recommendation: Text | ByKind  # one text, or one per kind the rule applies to (the loader checks the kinds)
    sources: Sources
    examples: Annotated[list[Example], Check(min_length=2)]

    @property
    def by_kind(self) -> ByKind | None:
        """The recommendation's variants by kind, or None when it is one text for every kind."""
        return by_kind(self.recommendation)

    def recommendation_for(self, kind: str) -> Text:
        """The recommendation as a profile of ``kind`` reads it: its kind's variant, or the one text."""
        variants = self.by_kind
        if variants is None:
            return self.recommendation  # type: ignore[return-value]  # one text (by_kind says so)
        return variants.get(kind) or next(iter(variants.values()))

    def wordings(self) -> list[Text]:
        """Every wording of the recommendation: the one text, or each kind's variant."""
        variants = self.by_kind
        return [self.recommendation] if variants is None else list(variants.values())  # type: ignore[list-item]


@record(frozen=True, kw_only=True)
class Dimension(Strict):
    id: Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*$")]
    weight: Annotated[float, Check(gt=0)]
    title: Text
    description: Text | None = None


@record(frozen=True, kw_only=True)
class Band(Strict):
    id: Annotated[str, Check(pattern=r"^[a-z][a-z0-9_]*$")]
    min: Annotated[float, Check(ge=0, le=100)]
    title: Text


@record(frozen=True, kw_only=True)
class Narrative(Strict):
    """Sentence templates for the report's areas: well developed, with potential, not assessed."""

    well_developed_from: Annotated[float, Check(ge=0, le=100)]
    well_developed: Text
    potential: Text
    not_assessed: Text
    # a dimension with a gap whose score is still in the well-developed range: listed with potential, said as both
    potential_well_developed: Text | None = None


@record(frozen=True, kw_only=True)
class Scheme(Strict):
    """A citation scheme (references.yaml): its title, the form of its keys and the title of each key."""

    title: Text | None = None  # may be left to the shared references when a pack only adds keys
    pattern: str | None = None  # a regular expression every key matches, e.g. [0-9]+ for numbered objectives
    keys: Annotated[dict[Key, Text], Check(default={})] = field(default_factory=dict)


@record(frozen=True, kw_only=True)
class References(Strict):
    """The citation schemes rules may cite, by id, in the order they are declared."""

    schemes: Annotated[dict[str, Scheme], Check(default={})] = field(default_factory=dict)


@record(frozen=True, kw_only=True)
class Parameter(Strict):
    """A named threshold conditions use as ``{param: name}``; a tailoring file may change its value."""

    value: float
    title: Text
    minimum: float | None = None
    maximum: float | None = None
    # "assessment_year": the value is the year of the assessment date (engine/pack/dated.py); ``value`` the default
    value_from: Literal["assessment_year"] | None = None


@record(frozen=True, kw_only=True)
class Confidence(Strict):
    """Coverage (percent of applicable criteria with known facts) from which confidence is medium, then high."""

    medium: Annotated[float, Check(ge=0, le=100)] = 50
    high: Annotated[float, Check(ge=0, le=100)] = 80


@record(frozen=True, kw_only=True)
class Scoring(Strict):
    unknown: Literal["exclude", "gap"] = "exclude"
    # Evidence-aware ratings: below min_coverage (percent known) the rating is withheld, the score shown as a range;
    min_coverage: Annotated[float, Check(ge=0, le=100)] = 0
    min_assessed: Annotated[int, Check(ge=0)] = 0  # a dimension with fewer criteria met or gap than this is not rated
    confidence: Confidence | None = None  # None: the defaults (medium from 50, high from 80)
    # Provenance: a fact whose sources are all dated more than this many years before the assessment is stale.
    stale_after_years: Annotated[float, Check(gt=0)] | None = None


@record(frozen=True, kw_only=True)
class PackHeader(Strict):
    id: Annotated[str, Check(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
    version: str
    derived_from: dict[str, str] | None = None  # written by `migov rules export`: the pack a copy was made from (engine.pack.origin)
    default: bool = False  # the pack used when neither --rules nor the profile names one (one bundled pack says so)
    languages: Annotated[list[str], Check(min_length=1)]
    kinds: Annotated[list[KindDef], Check(default=[])] = field(default_factory=list)  # not written: the default kinds of rules/_shared/kinds.yaml
    cites: Annotated[list[str], Check(default=[])] = field(default_factory=list)  # the citation schemes every finding lists, in order (not written: those its rules cite)
    title: Text
    description: Text | None = None
    narrative: Narrative | None = None
    parameters: Annotated[dict[str, Parameter], Check(default={})] = field(default_factory=dict)
    scoring: Scoring = Scoring()
    ratings: Annotated[list[Band], Check(min_length=1)]
    dimensions: Annotated[list[Dimension], Check(min_length=1)]


@record(frozen=True, kw_only=True)
class Vocabulary(Strict):
    facts: list[FactDef]
    derived: Annotated[list[Derived], Check(default=[])] = field(default_factory=list)


def by_kind(value: Text | ByKind) -> ByKind | None:
    """``value`` as variants by kind (its values are texts, not strings), or None when it is one text."""
    if value and all(isinstance(v, dict) for v in value.values()):
        return value  # type: ignore[return-value]
    return None


_SOURCES_FIELDS = frozenset(f.name for f in fields(Sources))
