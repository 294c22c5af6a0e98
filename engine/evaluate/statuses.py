"""Every rule's status and levels reached on one profile, read from the trace through each rule's keys: what a summary
needs (:func:`engine.evaluate.findings.judge` gives the same, with what decided each, for reports and explain)."""

from __future__ import annotations

from engine.evaluate.levels import Reached, level_key
from engine.evaluate.logic import NEG
from engine.evaluate.trace import Trace
from engine.pack.compiled import CompiledRule, Pack
from engine.pack.model import Kind, Status


def statuses(pack: Pack, kind: Kind, trace: Trace) -> list[tuple[CompiledRule, Status, Reached | None]]:
    """Every rule's (rule, status, levels reached) as :func:`judge` decides them, without what decided them: the trace read
    through each rule's keys, made once per pack (a batch's summary reads them the same way, :func:`engine.figures.summary_figures`)."""
    fired, closed = trace.fired, trace.closed
    met, gap, unknown = Status.met, Status.gap, Status.unknown
    out: list[tuple[CompiledRule, Status, Reached | None]] = []
    for cr, kinds, key, neg, app, app_neg, levels in _keys(pack)[0]:
        if kind not in kinds:
            out.append((cr, _NA, None))
            continue
        st = unknown
        if app is not None:
            st = met if fired.get(app) else gap if fired.get(app_neg) or app in closed else unknown
            if st == gap:
                out.append((cr, _NA, None))
                continue
        if not levels:
            if app is None or st == met:
                st = met if fired.get(key) else gap if fired.get(neg) or key in closed else unknown
            out.append((cr, st, None))
            continue
        at = reached(levels, fired, closed)
        if app is None or st == met:
            st = at.status
        out.append((cr, st, at))
    return out


def reached(levels: tuple[tuple[str, str], ...], fired: dict[str, frozenset[int]], closed: frozenset[str]) -> Reached:
    """The levels a graded rule reaches, read from the trace through its levels' keys (and their negations)."""
    low = high = total = len(levels)
    for k, (lk, ln) in enumerate(levels):
        s = _MET if fired.get(lk) else _GAP if fired.get(ln) or lk in closed else _UNKNOWN
        if s != _MET and low == total:
            low = k
        if s == _GAP:
            high = k
            break
    return _REACHED.get((low, high, total)) or _REACHED.setdefault((low, high, total), Reached(low, high, total))


_NA, _MET, _GAP, _UNKNOWN = Status.not_applicable, Status.met, Status.gap, Status.unknown
_REACHED: dict[tuple[int, int, int], Reached] = {}  # frozen: one of each range, shared


def other_kinds(pack: Pack, kind: Kind) -> dict[str, int]:
    """Per dimension, the rules of another kind than ``kind``: those :func:`keys_of` leaves out."""
    counts: dict[str, int] = {}
    for cr in pack.rules:
        if kind not in cr.rule.kinds:
            counts[cr.rule.dimension] = counts.get(cr.rule.dimension, 0) + 1
    return counts


def keys_of(pack: Pack, kind: Kind) -> list[_Row]:
    """The rows of :func:`_keys` of the rules of ``kind``, in the pack's order."""
    return _keys(pack)[1].get(kind, [])


_Row = tuple[CompiledRule, frozenset[Kind], str, str, str | None, str, tuple[tuple[str, str], ...]]


def _keys(pack: Pack) -> tuple[list[_Row], dict[Kind, list[_Row]]]:
    """Per rule: its kinds and the trace keys that decide it (condition, applicability, levels), with their negations;
    and the rules of each kind."""
    held = _KEYS.get(id(pack))
    if held is None or held[0] is not pack:
        rows: list[_Row] = []
        for cr in pack.rules:
            rid = cr.rule.id
            levels = tuple((level_key(cr, k), level_key(cr, k) + NEG) for k in range(1, len(cr.levels) + 1))
            app = rid + "@" if cr.applies is not None else None
            rows.append((cr, frozenset(cr.rule.kinds), rid, rid + NEG, app, "" if app is None else app + NEG, levels))
        kinds = {k for row in rows for k in row[1]}
        held = _KEYS[id(pack)] = (pack, rows, {k: [row for row in rows if k in row[1]] for k in kinds})
    return held[1], held[2]


_KEYS: dict[int, tuple[Pack, list[_Row], dict[Kind, list[_Row]]]] = {}
