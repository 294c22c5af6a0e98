"""A finding in one language, written once for all the profiles that have the same one.

A batch's reports each write a hundred findings, and most of them are alike from one profile to the next: the same
criterion, status, level and evidence. :func:`engine.render.localize.localized` keeps each finding it writes here
under :func:`key`, and takes it back for every later profile whose finding has the same key; the finding's plain data
and the compact JSON of that data (an HTML report's embedded copy) are made the first time they are asked for
(:mod:`engine.render.neutral`) and kept beside it. The same objects are shared by several reports, which only read them.

What is kept is forgotten all at once when it grows past :data:`LIMIT` findings: a long batch's memory stays flat.
"""

from __future__ import annotations

from typing import Any

from engine.assessment import Finding
from engine.pack.compiled import Pack

try:
    from _pickle import dumps
except ImportError:  # an interpreter without the C pickler (the pack cache imports it: no import of pickle's Python module)
    from pickle import dumps

LIMIT = 20_000  # findings kept (a report's some 100 findings, each a few kB with its data and text)
TEXTS = frozenset({"title", "evidence", "recommendation", "sources"})  # what localized() writes over: every other field is keyed


def key(kind: str, f: Finding) -> Any:
    """What decides ``f`` in words, beside its pack and language: the profile's kind (a recommendation may differ by kind)
    and every field of ``f`` but the texts written over it, exactly (pickled: True is not 1, nor 1.0 the integer 1)."""
    if not f.evidence_data and f.level is None:  # most: not applicable to the kind, or without evidence
        return kind, f.rule, f.dimension, f.status.__class__, f.status, f.weight.__class__, f.weight
    return dumps((kind, f.rule, f.dimension, f.status, f.weight, f.level, f.evidence_data), 5)


_KEPT: dict[tuple[int, str, Any], list[Any]] = {}  # (id of the pack, language, key) -> [its pack, the finding, its data, its text]
_BY_ID: dict[int, list[Any]] = {}  # id of a finding kept, or of its data -> the same entry (which holds it: the id stays its own)


def found(pack: Pack, lang: str, k: Any) -> Finding | None:
    """The finding written for key ``k`` in ``pack`` and ``lang``, if one was."""
    entry = _KEPT.get((id(pack), lang, k))
    return entry[1] if entry is not None and entry[0] is pack else None


def keep(pack: Pack, lang: str, k: Any, written: Finding) -> Finding:
    """``written`` kept for key ``k`` in ``pack`` and ``lang``; returned."""
    if len(_KEPT) >= LIMIT:
        forget()
    entry = _KEPT[(id(pack), lang, k)] = [pack, written, None, None]
    _BY_ID[id(written)] = entry
    return written


def forget() -> None:
    """Everything kept forgotten."""
    _KEPT.clear()
    _BY_ID.clear()


def entry(obj: Any) -> list[Any] | None:
    """The entry of a finding kept, or of its data: [its pack, the finding, its data or None, (the function that encoded
    that data, its text) or None], which :mod:`engine.render.neutral` fills in; None for anything else."""
    found = _BY_ID.get(id(obj))
    return found if found is not None and (found[1] is obj or found[2] is obj) else None


def know(data: Any, held: list[Any]) -> None:
    """``data``, the data of the finding of ``held`` (an :func:`entry`), known by its id too."""
    held[2] = data
    _BY_ID[id(data)] = held
