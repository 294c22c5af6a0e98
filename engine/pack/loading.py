"""Loading: rule packs and profiles from YAML, validated, with file:line on every error."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.conditions import ConditionError, Conjunction, FieldTest, Match, Ref, facts_of, to_dnf
from engine.errors import MigovError, PackError, did_you_mean
from engine.i18n import _
from engine.pack.model import Derived, FactDef, FactType, FieldDef, PackHeader, References, Rule, Vocabulary
from engine.pack.parse import Parser, Scope
from engine.yamlio import Locations, Path_, load_yaml

HEADER_KEYS = ("id", "name", "kind", "language", "period", "pack", "groups")
DEFAULT_PACK = "idm2018"
M = TypeVar("M", bound=BaseModel)


def data_dir(name: str) -> Path:
    """A bundled data folder (``rules`` or ``reports``): inside the installed package, else the checkout."""
    here = Path(__file__).resolve().parents[1]  # the engine package
    installed = here / f"_{name}"
    return installed if installed.is_dir() else here.parent / name


@dataclass
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


@dataclass
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


@dataclass
class Pack:
    root: Path
    header: PackHeader
    facts: dict[str, FactDef]
    record_fields: dict[str, dict[str, FieldDef]]
    derived: dict[str, CompiledDerived]
    rules: list[CompiledRule]
    files: list[Path] = field(default_factory=list)
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


def validate_model(model: type[M], data: Any, locs: Locations, base: Path_ = (), cls: type[MigovError] = PackError,
                   sink: list[MigovError] | None = None) -> M:
    """Validate ``data`` with pydantic; the first error becomes a one-line error with its line.

    With a ``sink`` (lint), every error is recorded there before the first is raised.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            path = base + tuple(err["loc"])
            code = "L007" if path and path[-1] == "weight" and err["type"] == "greater_than" else "L002"
            errors.append(locs.error(path, _pydantic_message(err, model, path, base), cls, code=code))
        if sink is not None:
            sink.extend(errors[1:])
        raise errors[0] from None


def _pydantic_message(err: Any, model: type[BaseModel], path: Path_, base: Path_) -> str:
    """pydantic's message for the common cases, in the user's language; its own text otherwise."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = list(model.model_fields) if len(path) == len(base) + 1 else []
        return _("unknown key '{key}'").format(key=key) + (did_you_mean(key, allowed) if allowed else "")
    simple = {
        "missing": _("required field is missing"),
        "string_type": _("expected text"),
        "bool_type": _("expected true or false"),
        "list_type": _("expected a list"),
        "dict_type": _("expected a mapping"),
        "model_type": _("expected a mapping"),
        "float_type": _("expected a number"),
        "float_parsing": _("expected a number"),
        "int_type": _("expected a whole number"),
        "int_parsing": _("expected a whole number"),
    }
    if kind in simple:
        return simple[kind]
    if kind in ("greater_than", "greater_than_equal", "less_than_equal"):
        return _("expected a number {op} {limit}").format(op={"greater_than": ">", "greater_than_equal": ">=", "less_than_equal": "<="}[kind], limit=ctx.get(next(iter(ctx), ""), ""))
    if kind == "string_pattern_mismatch":
        return _("'{value}' does not have the expected form ({pattern})").format(value=err.get("input"), pattern=ctx.get("pattern"))
    if kind in ("literal_error", "enum"):
        return _("'{value}' is not allowed: expected one of {allowed}").format(value=err.get("input"), allowed=ctx.get("expected"))
    if kind == "too_short":
        return _("expected at least {n} entries").format(n=ctx.get("min_length"))
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])




def resolve_pack_dir(spec: str | Path | None) -> Path:
    """``--rules``: a bundled pack id or a directory."""
    if spec is None or spec == "":
        spec = DEFAULT_PACK
    path = Path(spec)
    if path.is_dir():
        return path
    bundled = data_dir("rules") / str(spec)
    if "/" not in str(spec) and bundled.is_dir():
        return bundled
    available = sorted(p.name for p in data_dir("rules").iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    raise MigovError(
        _("no rule pack '{spec}': give a directory or one of the bundled packs: {names}").format(spec=spec, names=", ".join(available)),
        field="--rules",
    )


_CACHE: dict[tuple[Path, str], Pack] = {}
Tailoring = tuple[Any, Locations]  # (data, locations) of a tailoring file


def read_tailoring(path: str | Path) -> Tailoring:
    return load_yaml(Path(path))


def load_pack(spec: str | Path | None = None, tailoring: Tailoring | None = None) -> Pack:
    """The pack at ``spec`` (bundled id or folder), adapted by a tailoring file if one is given."""
    root = resolve_pack_dir(spec).resolve()
    key = (root, json.dumps(tailoring[0], sort_keys=True, default=str) if tailoring else "")
    if key not in _CACHE:
        _CACHE[key] = _load_pack(root, tailoring=tailoring)
    return _CACHE[key]


class Sink:
    """Where the loader's problems go: raised at once (loading), or all recorded (lint)."""

    def __init__(self, collect: bool = False) -> None:
        self.collect = collect
        self.problems: list[MigovError] = []

    def fail(self, error: MigovError) -> None:
        if not self.collect:
            raise error
        self.problems.append(error)

    def guard(self, error: MigovError) -> None:
        """Record an error raised by a step that could not go on (only reached while collecting)."""
        self.problems.append(error)

    @property
    def extra(self) -> list[MigovError] | None:
        return self.problems if self.collect else None


def _load_pack(root: Path, sink: Sink | None = None, tailoring: Tailoring | None = None) -> Pack:
    sink = sink or Sink()
    header_file = root / "pack.yaml"
    if not header_file.is_file():
        raise PackError(_("a rule pack needs pack.yaml (identity, dimensions, ratings)"), file=str(header_file))
    data, hlocs = load_yaml(header_file)
    header = validate_model(PackHeader, data, hlocs, sink=sink.extra)
    langs = header.languages
    _check_texts(data, hlocs, langs, ("title", "description"), (), sink)
    for i, dim in enumerate(data.get("dimensions", [])):
        _check_texts(dim, hlocs, langs, ("title", "description"), ("dimensions", i), sink)
    for i, band in enumerate(data.get("ratings", [])):
        _check_texts(band, hlocs, langs, ("title",), ("ratings", i), sink)
    if header.narrative is not None:
        sample = {"dimension": "D", "score": "50", "met": 1, "gaps": 1, "unknown": 1, "known": 2, "examples": "E"}
        for key in ("well_developed", "potential", "not_assessed"):
            for lang, template in getattr(header.narrative, key).items():
                try:
                    template.format(**sample)
                except (KeyError, IndexError, ValueError) as exc:
                    sink.fail(hlocs.error(("narrative", key, lang), _("unknown placeholder {name}; use {allowed}").format(
                        name=exc, allowed=", ".join("{" + k + "}" for k in sample)), PackError, code="L015"))
    mins = [b.min for b in header.ratings]
    if mins[0] != 0 or mins != sorted(set(mins)):
        sink.fail(hlocs.error(("ratings",), _("rating bands must start at min 0 and rise strictly"), PackError, code="L015"))
    dims = [d.id for d in header.dimensions]
    for i, dim_id in enumerate(dims):
        if dim_id in dims[:i]:
            sink.fail(hlocs.error(("dimensions", i, "id"), _("duplicate dimension id"), PackError, code="L003"))

    vocab_file = root / "vocabulary.yaml"
    vdata, vlocs = load_yaml(vocab_file)
    vocab = validate_model(Vocabulary, vdata, vlocs, sink=sink.extra)
    facts: dict[str, FactDef] = {}
    records: dict[str, dict[str, FieldDef]] = {}
    for i, f in enumerate(vocab.facts):
        p: Path_ = ("facts", i)
        if f.id in facts or f.id in HEADER_KEYS:
            sink.fail(vlocs.error(p + ("id",), _("duplicate or reserved fact id '{id}'").format(id=f.id), PackError, code="L003"))
            continue
        _check_texts(vdata["facts"][i], vlocs, langs, ("label", "question", "help"), p, sink)
        if f.dimension is not None and f.dimension not in dims:
            sink.fail(vlocs.error(p + ("dimension",), _("unknown dimension '{id}'").format(id=f.dimension) + did_you_mean(f.dimension, dims), PackError, code="L004"))
        needs_values = f.type == FactType.enum or (f.type == FactType.list and f.items is None)
        if needs_values and not f.values:
            sink.fail(vlocs.error(p, _("a {type} fact needs 'values'").format(type=f.type.value), PackError, code="L002"))
            continue
        if f.type == FactType.records:
            if not f.fields:
                sink.fail(vlocs.error(p, _("a records fact needs 'fields'"), PackError, code="L002"))
                continue
            for j, fd in enumerate(f.fields):
                if fd.type in ("enum",) and not fd.values or fd.type == "list" and not fd.values and fd.items is None:
                    sink.fail(vlocs.error(p + ("fields", j), _("field '{id}' needs 'values'").format(id=fd.id), PackError, code="L002"))
            records[f.id] = {fd.id: fd for fd in f.fields}
        facts[f.id] = f

    params = {k: v.value for k, v in header.parameters.items()}
    changes: list[dict[str, Any]] = []
    tspec = None
    if tailoring is not None:
        from engine.pack.tailoring import TailoringFile, parameter_overrides

        tdata, tlocs = tailoring
        tspec = validate_model(TailoringFile, tdata, tlocs)
        if tspec.pack != header.id:
            raise tlocs.error(("pack",), _("this tailoring is for pack '{made}', not '{pack}'").format(made=tspec.pack, pack=header.id), PackError, code="L002")
        params, changes = parameter_overrides(tspec, tlocs, header)
    scope = Scope(facts, dict(records), params=params)
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
            dnf = _dnf(when_tree, vlocs, p + ("when",)) if when_tree is not None else empty
            deps = {name for conj in dnf for lit in conj for name in facts_of(lit)} | {d.from_}
            _check_refs(dnf, {d.as_}, vlocs, p + ("when",))
        except PackError as exc:
            sink.fail(exc)
            continue
        derived[d.id] = CompiledDerived(d, str(vocab_file), vlocs.line(p) or 1, source.where, dnf, frozenset(), frozenset(deps), 0, when_tree)
    try:
        _stratify(derived, vlocs)
    except PackError as exc:
        sink.fail(exc)
        for name in list(derived):
            derived.pop(name)
    for cd in derived.values():
        cd.requires = frozenset(base_facts(cd.depends, derived))

    rules: list[CompiledRule] = []
    seen: dict[str, str] = {}
    files = [header_file, vocab_file]
    rules_dir = root / "rules"
    rule_files = sorted(rules_dir.glob("*.yaml")) if rules_dir.is_dir() else []
    if not rule_files:
        raise PackError(_("a rule pack needs rules/*.yaml"), file=str(rules_dir))
    references = _load_references(root)
    used_dims: set[str] = set()
    for rf in rule_files:
        files.append(rf)
        try:
            rdata, rlocs = load_yaml(rf)
        except MigovError as exc:
            if not sink.collect:
                raise
            exc.code = "L001"
            sink.guard(exc)
            continue
        if not isinstance(rdata, list):
            sink.fail(rlocs.error((), _("expected a list of rules"), PackError, code="L002"))
            continue
        for i, raw in enumerate(rdata):
            p = (i,)
            try:
                rule = validate_model(Rule, raw, rlocs, p, sink=sink.extra)
            except PackError as exc:
                sink.fail(exc)
                if isinstance(raw, dict) and isinstance(raw.get("dimension"), str):
                    used_dims.add(raw["dimension"])  # a broken rule still counts for its dimension
                continue
            used_dims.add(rule.dimension)
            if scope.params:
                rule = _fill_params(rule, scope.params)
            line = rlocs.line(p) or 1
            try:
                if rule.id in seen:
                    raise rlocs.error(p + ("id",), _("duplicate rule id '{id}' (also in {where})").format(id=rule.id, where=seen[rule.id]), PackError, code="L003")
                seen[rule.id] = f"{rf.name}:{line}"
                if rule.dimension not in dims:
                    raise rlocs.error(p + ("dimension",), _("unknown dimension '{id}'").format(id=rule.dimension) + did_you_mean(rule.dimension, dims), PackError, code="L004")
                _check_texts(raw, rlocs, langs, ("title", "recommendation"), p, sink)
                if isinstance(rule.sources.seed, dict):
                    _check_texts(raw.get("sources"), rlocs, langs, ("seed",), p + ("sources",), sink)
                for j, n in enumerate(rule.sources.gcm):
                    if n not in references.gcm:
                        sink.fail(rlocs.error(p + ("sources", "gcm", j), _("GCM objective {n} has no title in references.yaml").format(n=n), PackError, code="L014"))
                for j, t in enumerate(rule.sources.sdg):
                    if t not in references.sdg:
                        sink.fail(rlocs.error(p + ("sources", "sdg", j), _("SDG target {t} has no title in references.yaml").format(t=t), PackError, code="L014"))
                statuses = {e.status.value for e in rule.examples}
                if not {"met", "gap"} <= statuses:
                    sink.fail(rlocs.error(p + ("examples",), _("a rule needs at least one 'met' and one 'gap' example"), PackError, code="L009"))
                parser = Parser(scope, rlocs)
                tree = parser.parse(rule.condition, p + ("condition",))
                dnf = _dnf(tree, rlocs, p + ("condition",))
                _check_refs(dnf, set(), rlocs, p + ("condition",))
                applies = None
                applies_tree = None
                if rule.applies_if is not None:
                    applies_tree = Parser(scope, rlocs).parse(rule.applies_if, p + ("applies_if",))
                    applies = _dnf(applies_tree, rlocs, p + ("applies_if",))
                    _check_refs(applies, set(), rlocs, p + ("applies_if",))
                names = {n for conj in dnf + (applies or []) for lit in conj for n in facts_of(lit)}
                requires = frozenset(base_facts(names, derived))
                for name in sorted(requires):
                    fkinds = set(facts[name].kinds)
                    if not set(rule.kinds) <= fkinds:
                        raise rlocs.error(p + ("kinds",), _("the rule applies to {kinds} but fact '{name}' is only asked of {fact_kinds}").format(kinds=", ".join(k.value for k in rule.kinds), name=name, fact_kinds=", ".join(k.value for k in facts[name].kinds)), PackError, code="L013")
            except PackError as exc:
                sink.fail(exc)
                continue
            rules.append(CompiledRule(rule, str(rf), line, dnf, applies, requires, i, tree, applies_tree))
    for i, dim in enumerate(header.dimensions):
        if dim.id not in used_dims:
            sink.fail(hlocs.error(("dimensions", i), _("dimension '{id}' has no rules").format(id=dim.id), PackError, code="L008"))
    pack = Pack(root, header, facts, records, derived, rules, files, references)
    from engine.pack.profiles import check_value

    for i, f in enumerate(vocab.facts):
        if f.ask_if is None or f.id not in facts:
            continue
        p = ("facts", i, "ask_if")
        try:
            when = _dnf(Parser(scope, vlocs).parse(f.ask_if.when, p + ("when",)), vlocs, p + ("when",))
            if f.type != FactType.records:
                check_value(f.type.value, f.values, f.items, f.ask_if.otherwise, p + ("otherwise",),
                            lambda path, msg: vlocs.error(path, msg, PackError, code="L002"))
            elif f.ask_if.otherwise != []:
                raise vlocs.error(p + ("otherwise",), _("expected a list (use [] for none)"), PackError, code="L002")
        except PackError as exc:
            sink.fail(exc)
            continue
        pack.ask_if[f.id] = (when, f.ask_if.otherwise)
    if tailoring is not None and tspec is not None:
        from engine.pack.tailoring import apply

        apply(tspec, tailoring[1], pack, changes)
        pack.tailoring = {"id": tspec.tailoring, "title": tspec.title, "changes": changes, "source": tailoring[0]}
    return pack


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill_params(rule: Rule, params: dict[str, float]) -> Rule:
    """Titles and recommendations show the current value of the parameters they name: {name}."""
    values = _Params({k: f"{v:g}" for k, v in params.items()})

    def fill(text: dict[str, str]) -> dict[str, str]:
        return {lang: s.format_map(values) if "{" in s else s for lang, s in text.items()}

    return rule.model_copy(update={"title": fill(rule.title), "recommendation": fill(rule.recommendation)})


def _load_references(root: Path) -> References:
    """The bundled shared references, extended or overridden by the pack's own references.yaml."""
    gcm: dict[int, Any] = {}
    sdg: dict[str, Any] = {}
    for path in (data_dir("rules") / "_shared" / "references.yaml", root / "references.yaml"):
        if path.is_file():
            data, locs = load_yaml(path)
            refs = validate_model(References, data, locs)
            gcm.update(refs.gcm)
            sdg.update(refs.sdg)
    return References(gcm=gcm, sdg=sdg)


def _dnf(node: Any, locs: Locations, path: Path_) -> list[Conjunction]:
    try:
        return to_dnf(node)
    except ConditionError:
        raise locs.error(path, _("a text pattern (matches) cannot be negated"), PackError, code="L005") from None
    except ValueError as exc:
        raise locs.error(path, _("the condition expands to more than {n} alternatives").format(n=exc.args[0]), PackError, code="L005") from None


def _check_refs(dnf: list[Conjunction], bound: set[str], locs: Locations, path: Path_) -> None:
    """A reference must name a record matched earlier in the same alternative; negations take no 'contains' refs."""
    for conj in dnf:
        seen = set(bound)
        for lit in conj:
            if not isinstance(lit, Match):
                continue
            for t in lit.where:
                for ref in t.value if t.op == "contains" else (t.value,):
                    if isinstance(ref, Ref) and ref.alias not in seen:
                        raise locs.error(path, _("'{name}' is referenced where it is not matched (a reference must point to an earlier 'exists')").format(name=ref.alias), PackError, code="L005")
                if lit.negated and t.op == "contains":
                    raise locs.error(path, _("a negated match cannot test 'contains' with a reference; derive the records first"), PackError, code="L005")
            if not lit.negated:
                seen.add(lit.alias)


def _stratify(derived: dict[str, CompiledDerived], locs: Locations) -> None:
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


def _check_texts(raw: Any, locs: Locations, langs: list[str], keys: tuple[str, ...], path: Path_, sink: Sink | None = None) -> None:
    if not isinstance(raw, dict):
        return
    for key in keys:
        value = raw.get(key)
        if value is None:
            continue
        for lang in langs:
            if not isinstance(value, dict) or not str(value.get(lang, "")).strip():
                err = locs.error(path + (key,), _("missing the '{lang}' text (the pack declares languages {langs})").format(lang=lang, langs=", ".join(langs)), PackError, code="L006")
                if sink is None:
                    raise err
                sink.fail(err)
