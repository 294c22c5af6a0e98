"""Tailoring: adapt a bundled pack without copying it, the way OpenSCAP tailoring files adapt a benchmark.

A short YAML file deselects rules, changes rule or dimension weights, parameter values (thresholds) and
rating bands, each change with a reason. It is validated like a pack (file, line, field, "did you
mean"), applied when the pack loads, and every report prints the changes with their reasons.
"""

from __future__ import annotations

from dataclasses import field, replace
from typing import Annotated, Any

from engine.errors import PackError, did_you_mean
from engine.i18n import _
from engine.pack.model import Band, Check, Strict, Text
from engine.records import record
from engine.yamlio import Locations

Reason = str | Text


@record(frozen=True, kw_only=True)
class Deselect(Strict):
    rule: str
    reason: Reason


@record(frozen=True, kw_only=True)
class Weight(Strict):
    rule: str | None = None
    dimension: str | None = None
    weight: Annotated[float, Check(gt=0)]
    reason: Reason


@record(frozen=True, kw_only=True)
class ParameterValue(Strict):
    parameter: str
    value: float
    reason: Reason


@record(frozen=True, kw_only=True)
class Rating(Strict):
    band: str
    min: Annotated[float, Check(ge=0, le=100)]
    reason: Reason


@record(frozen=True, kw_only=True)
class TailoringFile(Strict):
    tailoring: Annotated[str, Check(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    pack: str
    title: Text | None = None
    deselect: list[Deselect] = field(default_factory=list)
    weights: list[Weight] = field(default_factory=list)
    parameters: list[ParameterValue] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def parameter_overrides(spec: TailoringFile, locs: Locations, header: Any) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """New parameter values (checked against the pack's bounds) and the changes to report."""
    values = {k: v.value for k, v in header.parameters.items()}
    changes = []
    for i, p in enumerate(spec.parameters):
        where = ("parameters", i)
        decl = header.parameters.get(p.parameter)
        if decl is None:
            raise locs.error(where + ("parameter",), _("unknown parameter '{name}'").format(name=p.parameter)
                             + did_you_mean(p.parameter, list(header.parameters)), PackError, code="L004")
        if decl.minimum is not None and p.value < decl.minimum or decl.maximum is not None and p.value > decl.maximum:
            raise locs.error(where + ("value",), _("expected a number from {lo} to {hi}").format(lo=_num(decl.minimum), hi=_num(decl.maximum)), PackError, code="L002")
        changes.append({"kind": "parameter", "target": p.parameter, "from": _num(values[p.parameter]), "to": _num(p.value), "reason": p.reason})
        values[p.parameter] = p.value
    return values, changes


def apply(spec: TailoringFile, locs: Locations, pack: Any, changes: list[dict[str, Any]]) -> None:
    """Deselections, weights and rating bands, applied to a loaded pack in place."""
    ids = [cr.rule.id for cr in pack.rules]
    dims = [d.id for d in pack.header.dimensions]
    for i, d in enumerate(spec.deselect):
        if d.rule not in ids:
            raise locs.error(("deselect", i, "rule"), _("no rule '{rule}' in pack {pack}").format(rule=d.rule, pack=pack.id)
                             + did_you_mean(d.rule, ids), PackError, code="L004")
        changes.append({"kind": "deselect", "target": d.rule, "from": "selected", "to": "deselected", "reason": d.reason})
    pack.rules = [cr for cr in pack.rules if cr.rule.id not in {d.rule for d in spec.deselect}]
    header_dims = {d.id: d for d in pack.header.dimensions}
    for i, w in enumerate(spec.weights):
        where = ("weights", i)
        if (w.rule is None) == (w.dimension is None):
            raise locs.error(where, _("a weight change names either a rule or a dimension"), PackError, code="L002")
        if w.rule is not None:
            cr = next((c for c in pack.rules if c.rule.id == w.rule), None)
            if cr is None:
                raise locs.error(where + ("rule",), _("no rule '{rule}' in pack {pack}").format(rule=w.rule, pack=pack.id)
                                 + did_you_mean(w.rule, ids), PackError, code="L004")
            changes.append({"kind": "weight", "target": w.rule, "from": _num(cr.rule.weight), "to": _num(w.weight), "reason": w.reason})
            cr.rule = replace(cr.rule, weight=w.weight)
        else:
            assert w.dimension is not None
            if w.dimension not in header_dims:
                raise locs.error(where + ("dimension",), _("unknown dimension '{id}'").format(id=w.dimension)
                                 + did_you_mean(w.dimension, dims), PackError, code="L004")
            changes.append({"kind": "dimension_weight", "target": w.dimension, "from": _num(header_dims[w.dimension].weight),
                            "to": _num(w.weight), "reason": w.reason})
            header_dims[w.dimension] = replace(header_dims[w.dimension], weight=w.weight)
    bands = {b.id: b for b in pack.header.ratings}
    for i, r in enumerate(spec.ratings):
        if r.band not in bands:
            raise locs.error(("ratings", i, "band"), _("unknown rating band '{name}'").format(name=r.band)
                             + did_you_mean(r.band, list(bands)), PackError, code="L004")
        changes.append({"kind": "rating", "target": r.band, "from": _num(bands[r.band].min), "to": _num(r.min), "reason": r.reason})
        bands[r.band] = Band(id=r.band, min=r.min, title=bands[r.band].title)
    new_bands = [bands[b.id] for b in pack.header.ratings]
    mins = [b.min for b in new_bands]
    if mins[0] != 0 or mins != sorted(set(mins)):
        raise locs.error(("ratings",), _("rating bands must start at min 0 and rise strictly"), PackError, code="L015")
    pack.header = replace(pack.header, dimensions=[header_dims[d] for d in dims], ratings=new_bands)
