"""``migov rules lint``: every problem of a rule pack at once, as ``file:line:col: CODE message``.

The loader's own checks run in collecting mode (one source of truth for what a valid pack is); lint
adds what only a reviewer needs: conditions that can never hold, examples that are not valid
profiles, facts no rule uses, joins the durable engine cannot bind. Codes are stable; see CODES.
"""

from __future__ import annotations

import itertools
import math
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from engine.conditions import Conjunction, Count, Match, Overlap, Ref, Test
from engine.errors import MigovError, PackError
from engine.evaluate.semantics import compare
from engine.i18n import _
from engine.operators import BY_OP
from engine.pack.compiled import Pack
from engine.pack.loading import build_pack, resolve_pack_dir
from engine.pack.profiles import validate_profile
from engine.pack.validate import Sink
from engine.packtools.parity import parity
from engine.packtools.problem import Problem
from engine.yamlio import Locations, load_yaml

# code: (severity, what it means) — the catalogue the docs and the tests use
CODES = {
    "L001": ("error", "invalid YAML or unreadable file"),
    "L002": ("error", "structure: a key, type or value the pack format does not allow"),
    "L003": ("error", "duplicate id (rule, fact, derived fact or dimension)"),
    "L004": ("error", "unknown name: a fact, value, dimension, record, field or operator the pack does not declare"),
    "L005": ("error", "invalid condition"),
    "L006": ("error", "missing translation for a declared language"),
    "L007": ("error", "weight that is not positive"),
    "L008": ("error", "dimension with no rules"),
    "L009": ("error", "examples: a rule without both a 'met' and a 'gap' example, or an example that is not a valid profile"),
    "L010": ("error", "condition that can never hold given the declared values"),
    "L011": ("error", "invalid text pattern (matches)"),
    "L012": ("error", "derived fact that depends on itself"),
    "L013": ("error", "rule applies to a kind of profile its facts are not asked of"),
    "L014": ("error", "cited GCM objective or SDG target without a title in references.yaml"),
    "L015": ("error", "rating bands or narrative templates that cannot work"),
    "L016": ("warning", "fact declared but used by no rule"),
    "L017": ("warning", "two joined records of the same type: durable_rules binds one record to one pattern only"),
    "L018": ("error", "cited key whose title in references.yaml is missing in a language the pack declares"),
    "L019": ("error", "text in a language the pack does not declare (languages: in pack.yaml)"),
    "L020": ("warning", "two scored criteria of one dimension test the same fact the same way, for the same kinds: counted twice"),
}
PARITY = frozenset({"L006", "L018", "L019"})  # the codes that say a pack's texts are not in exactly its declared languages


def _problem(err: MigovError, default: str = "L002") -> Problem:
    code = err.code or ("L001" if not isinstance(err, PackError) else default)
    return Problem(err.file or "", err.line or 1, err.col or 1, code, CODES.get(code, ("error", ""))[0], err.field, err.message)


def lint(spec: str | Path) -> list[Problem]:
    """All problems of the pack at ``spec`` (a bundled id or a folder); raises MigovError if unusable."""
    root = resolve_pack_dir(spec).resolve()
    if not (root / "pack.yaml").is_file():
        raise MigovError(_("not a rule pack: no pack.yaml"), file=str(root))
    sink = Sink(collect=True)
    pack: Pack | None = None
    try:
        pack = build_pack(root, sink)
    except MigovError as exc:
        sink.guard(exc)
    problems = [_problem(e) for e in sink.problems]
    if pack is not None:
        problems += _never_holds(pack) + _examples(pack) + _unused(pack) + _joins(pack) + _citations(pack) + _double_counting(pack)
    problems += parity(root)
    unique = {(p.file, p.line, p.col, p.code, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.file, p.line, p.col, p.code))


def as_json(problems: list[Problem]) -> list[dict[str, Any]]:
    return [asdict(p) for p in problems]


# --- conditions that can never hold ---------------------------------------------------------------

def _candidates(values: list[Any], lo: float, hi: float, numeric: bool) -> list[Any]:
    if not numeric:
        return [*values, "\u0000another value"]
    points = sorted({v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)} | {lo, hi} - {-math.inf, math.inf})
    out = set(points)
    for v in points:
        out |= {v - 1e-6, v + 1e-6}
    for a, b in itertools.pairwise(points):
        out.add((a + b) / 2)
    if not points:
        out.add(0.0)
    return [v for v in out if lo <= v <= hi]


def _unsatisfiable(tests: list[tuple[str, Any]], kind: str, declared: Any, lo: float, hi: float) -> bool:
    if kind == "bool":
        domain: list[Any] = [True, False]
    elif declared:
        domain = list(declared)
    else:
        mentioned = [v for op, value in tests for v in BY_OP[op].candidates(value)]
        domain = _candidates(mentioned, lo, hi, kind == "number")
    return not any(all(compare(op, v, value) for op, value in tests) for v in domain)


def _conj_impossible(conj: Conjunction, pack: Pack) -> bool:
    by_fact: dict[str, list[tuple[str, Any]]] = {}
    for lit in conj:
        if isinstance(lit, Test):
            by_fact.setdefault(lit.fact, []).append((lit.op, lit.value))
        elif isinstance(lit, (Overlap, Count)) and lit.op == "gte" and isinstance(lit, Overlap) and lit.n > len(set(lit.values)):
            return True
        elif isinstance(lit, Match) and not lit.negated:
            fields = pack.record_fields.get(lit.records) or pack.record_fields.get(pack.derived[lit.records].derived.from_ if lit.records in pack.derived else "", {})
            per_field: dict[str, list[tuple[str, Any]]] = {}
            for t in lit.where:
                if t.op in BY_OP and BY_OP[t.op].field_lint and not isinstance(t.value, Ref):
                    per_field.setdefault(t.field, []).append((t.op, t.value))
            for fname, tests in per_field.items():
                fd = fields.get(fname)
                if fd is not None and _unsatisfiable(tests, fd.type, fd.values, -math.inf, math.inf):
                    return True
    for fact, tests in by_fact.items():
        fdef = pack.facts[fact]
        lo = fdef.minimum if fdef.minimum is not None else -math.inf
        hi = fdef.maximum if fdef.maximum is not None else math.inf
        if _unsatisfiable(tests, fdef.type.value, fdef.values, lo, hi):
            return True
    return False


def _never_holds(pack: Pack) -> list[Problem]:
    out = []
    for cr in pack.rules:
        if cr.dnf and all(_conj_impossible(c, pack) for c in cr.dnf):
            out.append(Problem(cr.file, cr.line, 1, "L010", "error", f"{cr.rule.id}.condition",
                               _("the condition can never hold given the declared values and bounds")))
    return out


# --- examples, unused facts, joins -----------------------------------------------------------------

def _examples(pack: Pack) -> list[Problem]:
    out = []
    by_file: dict[str, Locations] = {}
    for cr in pack.rules:
        if cr.file not in by_file:
            by_file[cr.file] = load_yaml(Path(cr.file))[1]
        locs = by_file[cr.file]
        for j, ex in enumerate(cr.rule.examples):
            kind = ex.kind or cr.rule.kinds[0]
            data = {"id": "example", "name": "example", "kind": kind, **ex.facts}
            base = (cr.index, "examples", j, "facts")
            shifted = Locations(cr.file, {(k[len(base):] if k[: len(base)] == base else ("\u0000",) + k): v for k, v in locs.lines.items()},
                                {(k[len(base):] if k[: len(base)] == base else ("\u0000",) + k): v for k, v in locs.cols.items()})
            shifted.lines[()] = locs.line(base) or cr.line
            try:
                validate_profile(data, shifted, pack)
            except MigovError as exc:
                out.append(Problem(cr.file, exc.line or cr.line, exc.col or 1, "L009", "error",
                                   f"{cr.rule.id}.examples[{j}]" + (f".{exc.field}" if exc.field else ""), exc.message))
    return out


def _unused(pack: Pack) -> list[Problem]:
    used = set()
    for cr in pack.rules:
        used |= set(cr.requires)
    for d in pack.derived.values():
        used |= set(d.requires)
    vfile = os.path.join(pack.root, "vocabulary.yaml")
    vlocs = load_yaml(Path(vfile))[1]
    out = []
    for i, fid in enumerate(pack.facts):
        if fid not in used:
            out.append(Problem(vfile, vlocs.line(("facts", i)) or 1, vlocs.col(("facts", i)) or 1, "L016", "warning", f"facts[{i}]",
                               _("fact '{name}' is used by no rule").format(name=fid)))
    return out


def _joins(pack: Pack) -> list[Problem]:
    out = []
    for cr in pack.rules:
        for conj in cr.dnf:
            joined = [lit for lit in conj if isinstance(lit, Match) and not lit.negated and any(
                isinstance(t.value, Ref) or t.op == "contains" for t in lit.where)]
            referenced = {ref.alias for lit in conj if isinstance(lit, Match) for t in lit.where
                          for ref in (t.value if t.op == "contains" else (t.value,)) if isinstance(ref, Ref)}
            kinds = [lit.records for lit in conj if isinstance(lit, Match) and not lit.negated and (lit in joined or lit.alias in referenced)]
            if len(kinds) != len(set(kinds)):
                out.append(Problem(cr.file, cr.line, 1, "L017", "warning", f"{cr.rule.id}.condition",
                                   _("two joined '{records}' records: durable_rules cannot bind the same record to both").format(
                                       records=next(k for k in kinds if kinds.count(k) > 1))))
                break
    return out



def _citations(pack: Pack) -> list[Problem]:
    """Every key a rule cites has a title in references.yaml in each language of the pack (L018)."""
    out = []
    for cr in pack.rules:
        for sid, keys in cr.rule.sources.cited.items():
            scheme = pack.references.schemes.get(sid)
            if scheme is None or not isinstance(keys, list):
                continue  # reported by the loader (L014, L002)
            titles = {str(k): v for k, v in scheme.keys.items()}
            for key in keys:
                title = titles.get(str(key))
                missing = [lang for lang in pack.header.languages if title is not None and not title.get(lang)]
                if missing:
                    out.append(Problem(cr.file, cr.line, 1, "L018", "error", f"{cr.rule.id}.sources.{sid}",
                                       _("{scheme} {key} has no title in '{lang}' in references.yaml").format(
                                           scheme=sid, key=key, lang=missing[0])))
    return out


def _tests(pack: Pack, conj: Conjunction) -> set[Any]:
    """The tests of an alternative, each as what it reads and how (record names left out): fact, operator, value."""
    out: set[Any] = set()
    for lit in conj:
        if isinstance(lit, Match):
            out.add(("match", lit.records, lit.negated, tuple(sorted((t.field, t.op, repr(t.value), t.n) for t in lit.where))))
        elif isinstance(lit, Overlap):
            out.add(("overlap", lit.fact, tuple(sorted(lit.values)), lit.op, lit.n))
        elif isinstance(lit, Count):
            out.add(("count", lit.records, tuple(sorted((t.field, t.op, repr(t.value), t.n) for t in lit.where)), lit.op, lit.n))
        else:
            out.add((type(lit).__name__, lit.fact, *(repr(v) for k, v in vars(lit).items() if k != "fact")))
    return out


def _allowed(conj: Conjunction) -> dict[str, set[Any]]:
    """The values each scalar fact may take for ``conj`` to hold, from its ``equals`` and ``in`` tests."""
    out: dict[str, set[Any]] = {}
    for lit in conj:
        if isinstance(lit, Test) and lit.op in ("eq", "in"):
            values = set(lit.value) if lit.op == "in" else {lit.value}
            out[lit.fact] = out[lit.fact] & values if lit.fact in out else values
    return out


def _exclusive(a: list[Conjunction] | None, b: list[Conjunction] | None) -> bool:
    """Whether two applicability conditions can never hold together (sibling rules, one per partnership type)."""
    if not a or not b:
        return False
    return all(any(not (x[f] & y[f]) for f in x.keys() & y.keys()) for ca in a for cb in b for x, y in [(_allowed(ca), _allowed(cb))])


def _double_counting(pack: Pack) -> list[Problem]:
    """Two scored criteria of one dimension, for a kind both apply to, testing the same fact the same way (L020):
    one fact met (or missing) would count twice in the dimension's score."""
    out = []
    seen: dict[tuple[str, str, Any], list[str]] = {}  # (dimension, kind, test) -> the rules testing it
    applies = {cr.rule.id: cr.applies for cr in pack.rules}
    for cr in pack.rules:
        tests = set().union(*(_tests(pack, conj) for conj in cr.dnf)) if cr.dnf else set()
        shared = sorted({(t[1], other) for kind in cr.rule.kinds for t in tests for other in seen.get((cr.rule.dimension, kind, t), [])
                         if not _exclusive(cr.applies, applies[other])})
        for kind in cr.rule.kinds:
            for t in tests:
                seen.setdefault((cr.rule.dimension, kind, t), []).append(cr.rule.id)
        for fact, other in shared:
            out.append(Problem(cr.file, cr.line, 1, "L020", "warning", f"{cr.rule.id}.condition",
                               _("tests '{fact}' as {other} does, in the same dimension and for the same kinds: it counts twice in the score").format(
                                   fact=fact, other=other)))
    return out
