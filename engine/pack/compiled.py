"""The compiled pack: rules and derived facts in normal form, with where they were written."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from engine.conditions import Conjunction, FieldTest
from engine.pack.citing import cite_scheme
from engine.pack.model import Derived, FactDef, FieldDef, Key, PackHeader, References, Rule, Sources
from engine.records import record

HEADER_KEYS = ("id", "name", "kind", "language", "period", "pack", "groups", "as_of", "complete", "sources")


@record
class CompiledLevel:
    """One level of a graded rule: its id, the fraction of the weight it reaches, and its own condition."""

    id: str
    fraction: float
    dnf: list[Conjunction]
    tree: Any = None


@record
class CompiledRule:
    rule: Rule
    file: str
    line: int
    dnf: list[Conjunction]
    applies: list[Conjunction] | None
    requires: frozenset[str]
    index: int = 0  # position in its file's list of rules
    tree: Any = None  # the condition as written (engine.conditions.Node), for plain-words descriptions
    applies_tree: Any = None
    levels: tuple[CompiledLevel, ...] = ()  # a graded rule's ladder (engine/pack/levels.py); dnf and tree are its top level


@record
class CompiledDerived:
    derived: Derived
    file: str
    line: int
    where: tuple[FieldTest, ...]
    dnf: list[Conjunction]
    requires: frozenset[str]
    depends: frozenset[str]
    stratum: int = 0
    tree: Any = None  # the 'when' condition as written


@record
class Pack:
    root: str  # the folder, and files, as strings: a cold command uses no pathlib (engine.resources)
    header: PackHeader
    facts: dict[str, FactDef]
    record_fields: dict[str, dict[str, FieldDef]]
    derived: dict[str, CompiledDerived]
    rules: list[CompiledRule]
    files: list[str] = field(default_factory=list)
    references: References = field(default_factory=References)
    tailoring: dict[str, Any] | None = None  # id, title, changes (with reasons), source data
    ask_if: dict[str, tuple[list[Conjunction], Any]] = field(default_factory=dict)  # follow-ups: fact -> (when, otherwise)

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def version(self) -> str:
        return self.header.version

    def text(self, value: dict[str, str] | None, lang: str) -> str:
        """A pack string in ``lang``, falling back to the pack's first language."""
        if not value:
            return ""
        return value.get(lang) or value.get(self.header.languages[0]) or next(iter(value.values()))

    @property
    def kinds(self) -> list[str]:
        """The kinds of profile the pack declares, in order."""
        return [k.id for k in self.header.kinds]

    def kind_label(self, kind: str, lang: str) -> str:
        """The pack's name for a kind of profile in ``lang`` (its id if the pack has none)."""
        return next((self.text(k.title, lang) for k in self.header.kinds if k.id == kind), kind)

    def cited(self, sources: Sources) -> dict[str, list[Key]]:
        """What a rule cites, scheme by scheme: every scheme of the pack's ``cites`` (empty if none), then others."""
        cited = sources.cited
        order = [*self.header.cites, *(s for s in cited if s not in self.header.cites)]
        return {s: list(cited.get(s) or []) for s in order}

    def citations(self, cited: dict[str, Any], lang: str) -> list[dict[str, Any]]:
        """Each cited scheme as ``lang`` writes it (:func:`engine.pack.citing.cite_scheme`): its keys in a run of text
        (``text``), and each key with its title, its reference and both together: what every output shows of the sources."""
        out = []
        for sid, keys in cited.items():
            scheme = self.references.schemes.get(sid)
            if sid == "seed" or not keys or scheme is None:
                continue
            titles = {str(k): self.text(v, lang) for k, v in scheme.keys.items()}
            out.append(cite_scheme(self.references, sid, list(keys), titles, self.text(scheme.title, lang), lang))
        return out
