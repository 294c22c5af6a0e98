"""The pack's vocabulary: the facts a profile may state, their values, and the records derived from them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.conditions import Conjunction, Match, facts_of
from engine.errors import PackError, did_you_mean, glossed
from engine.i18n import _, current_language, format_value
from engine.pack.compiled import HEADER_KEYS, CompiledDerived
from engine.pack.model import FactDef, FactType, FieldDef, Vocabulary
from engine.yamlio import Locations, Path_

if TYPE_CHECKING:
    from engine.pack.parse import Scope
    from engine.pack.validate import Sink


def read_facts(vocab: Vocabulary, vdata: Any, vlocs: Locations, langs: list[str], dims: list[str], sink: Sink) -> tuple[dict[str, FactDef], dict[str, dict[str, FieldDef]]]:
    """The facts a profile may state, and the fields of each list of records, checked."""
    from engine.pack.validate import check_texts  # building a pack: not when it is cached

    facts: dict[str, FactDef] = {}
    records: dict[str, dict[str, FieldDef]] = {}
    for i, f in enumerate(vocab.facts):
        p: Path_ = ("facts", i)
        if f.id in facts or f.id in HEADER_KEYS:
            sink.fail(vlocs.error(p + ("id",), _("duplicate or reserved fact id '{id}'").format(id=f.id), PackError, code="L003"))
            continue
        check_texts(vdata["facts"][i], vlocs, langs, ("label", "question", "help"), p, sink)
        if f.dimension is not None and f.dimension not in dims:
            sink.fail(vlocs.error(p + ("dimension",), _("unknown dimension '{id}'").format(id=f.dimension) + did_you_mean(f.dimension, dims), PackError, code="L004"))
        check_bounds(f, vlocs, p, sink)
        needs_values = f.type == FactType.enum or (f.type == FactType.list and f.items is None)
        if needs_values and not f.values:
            sink.fail(vlocs.error(p, _("a {type} fact needs 'values'").format(type=f.type.value), PackError, code="L002"))
            continue
        if f.type == FactType.records:
            if not f.fields:
                sink.fail(vlocs.error(p, _("a records fact needs 'fields'"), PackError, code="L002"))
                continue
            for j, fd in enumerate(f.fields):
                check_bounds(fd, vlocs, p + ("fields", j), sink)
                if fd.type in ("enum",) and not fd.values or fd.type == "list" and not fd.values and fd.items is None:
                    sink.fail(vlocs.error(p + ("fields", j), _("field '{id}' needs 'values'").format(id=fd.id), PackError, code="L002"))
            records[f.id] = {fd.id: fd for fd in f.fields}
        facts[f.id] = f
    return facts, records


def check_bounds(spec: Any, locs: Locations, p: Path_, sink: Sink) -> None:
    """A fact's, field's or parameter's ``minimum`` not above its ``maximum``, and no empty allowed value (L002)."""
    lo, hi = getattr(spec, "minimum", None), getattr(spec, "maximum", None)
    if lo is not None and hi is not None and lo > hi:
        sink.fail(locs.error(p + ("minimum",), _("the minimum ({minimum}) is above the maximum ({maximum})").format(
            minimum=f"{lo:g}", maximum=f"{hi:g}"), PackError, code="L002"))
    for value in getattr(spec, "values", None) or ():
        if not str(value).strip():
            sink.fail(locs.error(p + ("values", value), _("an allowed value cannot be empty text"), PackError, code="L002"))


def compile_derived(vocab: Vocabulary, scope: Scope, facts: dict[str, FactDef], records: dict[str, dict[str, FieldDef]], vlocs: Locations, file: str, sink: Sink) -> dict[str, CompiledDerived]:
    """Derived record types in normal form, stratified so that each is derived after what it reads."""
    from engine.pack.normal import check_refs, dnf_at  # building a pack: not when it is cached
    from engine.pack.parse import Parser

    for d in vocab.derived:  # every derived type is known before any condition is read: order does not matter
        if d.from_ in records and d.id not in facts:
            scope.records.setdefault(d.id, records[d.from_])
    derived: dict[str, CompiledDerived] = {}
    for i, d in enumerate(vocab.derived):
        p = ("derived", i)
        try:
            if d.id in facts or d.id in derived or d.id in records:
                raise vlocs.error(p + ("id",), _("derived id '{id}' is already used").format(id=d.id), PackError, code="L003")
            if d.from_ not in scope.records:
                raise vlocs.error(p + ("from",), _("'{name}' is not a list of records").format(name=d.from_) + did_you_mean(d.from_, list(scope.records)), PackError, code="L004")
            parser = Parser(scope, vlocs, bound={d.as_: d.from_})
            source = parser.parse({"exists": d.from_, "where": d.where or {}}, p)
            assert isinstance(source, Match)
            empty: list[Conjunction] = [()]
            when_tree = parser.parse(d.when, p + ("when",)) if d.when else None
            dnf = dnf_at(when_tree, vlocs, p + ("when",)) if when_tree is not None else empty
            deps = {name for conj in dnf for lit in conj for name in facts_of(lit)} | {d.from_}
            check_refs(dnf, {d.as_}, vlocs, p + ("when",))
        except PackError as exc:
            sink.fail(exc)
            continue
        derived[d.id] = CompiledDerived(d, file, vlocs.line(p) or 1, source.where, dnf, frozenset(), frozenset(deps), 0, when_tree)
    try:
        stratify(derived, vlocs)
    except PackError as exc:
        sink.fail(exc)
        for name in list(derived):
            derived.pop(name)
    for cd in derived.values():
        cd.requires = frozenset(base_facts(cd.depends, derived))
    return derived


def stratify(derived: dict[str, CompiledDerived], locs: Locations) -> None:
    state: dict[str, int] = {}

    def visit(name: str, trail: tuple[str, ...]) -> int:
        if name in trail:
            raise locs.error(("derived",), _("derived facts depend on themselves: {cycle}").format(cycle=" -> ".join(trail + (name,))), PackError, code="L012")
        if name not in derived:
            return -1
        if name not in state:
            state[name] = 1 + max((visit(dep, trail + (name,)) for dep in derived[name].depends), default=-1)
        return state[name]

    for name, item in derived.items():
        item.stratum = visit(name, ())


def base_facts(names: set[str] | frozenset[str], derived: dict[str, CompiledDerived]) -> set[str]:
    out: set[str] = set()
    for n in names:
        out |= base_facts(derived[n].depends, derived) if n in derived else {n}
    return out


def check_value(ftype: str, values: dict[str, Any] | None, items: str | None, value: Any, path: Path_, err: Any,
                 minimum: float | None = None, maximum: float | None = None) -> Any:
    if ftype == "bool":
        if not isinstance(value, bool):
            raise err(path, _("expected true or false, not '{value}'").format(value=value))
    elif ftype == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise err(path, _("expected a number, not '{value}'").format(value=value))
        if minimum is not None and value < minimum or maximum is not None and value > maximum:
            lang = current_language()  # the bounds as the reader's language writes numbers (« entre 0 et 100 », never 0.0)
            raise err(path, _("expected a number from {lo} to {hi}").format(lo=format_value(minimum, lang), hi=format_value(maximum, lang)))
    elif ftype == "text":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise err(path, _("expected text"))
        value = str(value)
    elif ftype == "enum":
        if not isinstance(value, str) or values is None or value not in values:
            raise err(path, _("'{value}' is not allowed: expected one of {allowed}").format(value=value, allowed=glossed(values or [], values)) + did_you_mean(str(value), list(values or [])))
    elif ftype == "list":
        if not isinstance(value, list):
            raise err(path, _("expected a list (use [] for none)"))
        seen: set[Any] = set()
        for i, v in enumerate(value):
            check_value("text" if items == "text" else "enum", values, None, v, path + (i,), err)
            if v in seen:
                raise err(path + (i,), _("'{value}' is listed twice").format(value=v))
            seen.add(v)
        value = [str(v) for v in value]
    return value
