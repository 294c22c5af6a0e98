"""Evidence: what decided a status, one item per fact (explainability), as language-neutral data.

Each item is an :class:`~engine.pack.evidence_words.Evidence` (a message key and its arguments); its words in a
language are made when a report is rendered (:func:`engine.pack.evidence_words.words`), never here.
"""

from __future__ import annotations

from typing import Any

from engine.conditions import Conjunction, Count, FieldTest, Match, NoMatch, Overlap, Test
from engine.evaluate.semantics import Records, field_ok
from engine.pack.compiled import Pack
from engine.pack.evidence_words import Evidence, words
from engine.pack.profiles import INCOMPLETE

SHOWN = 5  # records named by a piece of evidence; "…" says there are more


def naming(pack: Pack, name: str) -> tuple[str, ...]:
    """The fields that name a record of ``name`` (a records fact, or records derived from one), as the pack declares."""
    while name in pack.derived:
        name = pack.derived[name].derived.from_
    fdef = pack.facts.get(name)
    return tuple(fdef.named_by or ()) if fdef is not None else ()


def record_name(record: dict[str, Any], key: int, named_by: tuple[str, ...] = ()) -> str:
    """A record in words: the fields the pack names it by, else its first text value, else its number."""
    if named_by and all(f in record for f in named_by):
        return " → ".join(str(record[f]) for f in named_by)
    for value in record.values():
        if isinstance(value, str):
            return value
    return f"#{key + 1}"


def item(pack: Pack, lit: Any, facts: dict[str, Any], records: dict[str, Records]) -> Evidence:
    """The evidence of one part of a condition: the value it read, or the records it counted or matched."""
    if isinstance(lit, (Test, NoMatch, Overlap)):
        value = facts.get(lit.fact)
        if isinstance(lit, Overlap):
            return Evidence(key="overlap", fact=lit.fact, values=[v for v in (value or []) if v in lit.values],
                            n=sum(1 for v in lit.values if v in (value or [])), total=len(lit.values), needed=lit.n,
                            partial=_true(lit.fact in facts.get(INCOMPLETE, ())))
        return Evidence(key="value", fact=lit.fact, value=value)
    name = lit.records
    local = tuple(t for t in lit.where if _local(t))
    matching = [(k, r) for k, r in records.get(name, []) if all(field_ok(r, t, {}) for t in local)]
    partial = _true(name in facts.get(INCOMPLETE, ()))  # the list may name only some of its items
    if isinstance(lit, Count):
        return Evidence(key="count", fact=name, n=len(matching), needed=lit.n, partial=partial)
    if not matching:
        return Evidence(key="none_matching", fact=name, n=len(records.get(name, [])), partial=partial)
    by = naming(pack, name)
    return Evidence(key="matching", fact=name, items=[record_name(r, k, by) for k, r in matching[:SHOWN]], more=_true(len(matching) > SHOWN),
                    partial=partial)


def describe(pack: Pack, lit: Any, facts: dict[str, Any], records: dict[str, Records], lang: str) -> str:
    """One part's evidence in words (``migov explain``)."""
    return words(pack, item(pack, lit, facts, records), lang)


def _true(flag: bool) -> bool | None:
    """True, or None: a flag the assessment leaves out when it does not hold."""
    return True if flag else None


def _local(t: FieldTest) -> bool:
    return t.op != "contains" and not hasattr(t.value, "alias")


def evidence(pack: Pack, conjs: list[Conjunction], facts: dict[str, Any], records: dict[str, Records]) -> list[Evidence]:
    out: list[Evidence] = []
    for conj in conjs:
        for lit in conj:
            if isinstance(lit, Match) and not lit.negated and any(
                isinstance(o, Match) and o.records == lit.records and o.negated for o in conj
            ):
                continue
            found = item(pack, lit, facts, records)
            if found not in out:
                out.append(found)
    return out
