"""A finding in one language, written once for all the profiles that have the same one.

A batch's reports each write a hundred findings, and most of them are alike from one profile to the next: the same
criterion, status, level and evidence. :func:`engine.render.localize.localized` keeps each finding it writes a second
time here under :func:`key`, and takes it back for every later profile whose finding has the same key; the finding's plain data
and the compact JSON of that data (an HTML report's embedded copy) are made the first time they are asked for
(:mod:`engine.render.neutral`) and kept beside it. The same objects are shared by several reports, which only read them.

What is kept is forgotten all at once when it grows past :data:`LIMIT` findings: a long batch's memory stays bounded.
"""

from __future__ import annotations

from typing import Any

from engine.assessment import Finding
from engine.pack.compiled import Pack

try:
    from _pickle import dumps
except ImportError:  # an interpreter without the C pickler (the pack cache imports it: no import of pickle's Python module)
    from pickle import dumps

LIMIT = 4_000  # findings kept (each with its data, text and row about 10 kB: some 40 MB at most in a batch's worker)
SEEN = 50_000  # keys of findings seen once remembered (a few hundred bytes each)
TEXTS = frozenset({"title", "evidence", "recommendation", "sources"})  # what localized() writes over: every other field is keyed


def key(kind: str, f: Finding) -> Any:
    """What decides ``f`` in words, beside its pack and language: the profile's kind (a recommendation may differ by kind)
    and every field of ``f`` but the texts written over it, exactly (pickled: True is not 1, nor 1.0 the integer 1)."""
    if not f.evidence_data and f.level is None:  # most: not applicable to the kind, or without evidence
        return kind, f.rule, f.dimension, f.status.__class__, f.status, f.weight.__class__, f.weight
    level = f.level
    return dumps((kind, f.rule, f.dimension, f.status, f.weight, None if level is None else _fields(level), [_fields(e) for e in f.evidence_data]), 5)


def _fields(r: Any) -> tuple[Any, ...]:
    """A record (a level, a piece of evidence) as its class's name and its fields' values, in order: pickled as a tuple,
    at a fraction of the cost of the record itself (whose class pickle looks up by its module each time)."""
    return (r.__class__.__name__, *r.__dict__.values())


class Kept:
    """A finding kept, and what was made of it: its plain data and that data's text as the report embeds it
    (:mod:`engine.render.neutral`), and its row of the report model (:func:`engine.render.report.build_report`)."""

    __slots__ = ("data", "finding", "pack", "row", "text")

    def __init__(self, pack: Pack, finding: Finding) -> None:
        self.pack, self.finding = pack, finding
        self.data: Any = None  # its plain data, once made
        self.text: tuple[Any, str] | None = None  # (the function that encoded the data, the text)
        self.row: tuple[Pack, dict[str, Any]] | None = None  # (the report's pack, the row)


_KEPT: dict[tuple[int, str, Any], Kept] = {}  # (id of the pack, language, key) -> what was kept
_SEEN: set[tuple[int, str, Any]] = set()  # (id of the pack, language, key) of the findings seen once, not kept
_BY_ID: dict[int, Kept] = {}  # id of a finding kept, or of its data -> the same entry (which holds it: the id stays its own)


def found(pack: Pack, lang: str, k: Any) -> Finding | None:
    """The finding written for key ``k`` in ``pack`` and ``lang``, if one was."""
    held = _KEPT.get((id(pack), lang, k))
    return held.finding if held is not None and held.pack is pack else None


def keep(pack: Pack, lang: str, k: Any, written: Finding) -> Finding:
    """``written`` kept for key ``k`` in ``pack`` and ``lang`` if the key was seen before (a finding seen once, most of
    those a batch meets only once, costs its key, not its texts); returned."""
    at = (id(pack), lang, k)
    if at not in _SEEN:
        if len(_SEEN) >= SEEN:
            _SEEN.clear()
        _SEEN.add(at)
        return written
    if len(_KEPT) >= LIMIT:
        forget()
    held = _KEPT[at] = Kept(pack, written)
    _BY_ID[id(written)] = held
    return written


def forget() -> None:
    """Everything kept forgotten."""
    _KEPT.clear()
    _SEEN.clear()
    _BY_ID.clear()


def entry(obj: Any) -> Kept | None:
    """What was kept with a finding kept, or with its data; None for anything else."""
    held = _BY_ID.get(id(obj))
    return held if held is not None and (held.finding is obj or held.data is obj) else None


def know(data: Any, held: Kept) -> None:
    """``data``, the data of the finding of ``held``, known by its id too."""
    held.data = data
    _BY_ID[id(data)] = held
