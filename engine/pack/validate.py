"""Validating pack and profile YAML with pydantic: one positioned, translated error per problem.

pydantic is imported when something is validated, not with this module: a pack read from the cache and
an assessment the engine makes are never validated, so a cached run imports no pydantic.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from engine.errors import MigovError, PackError, did_you_mean
from engine.i18n import _
from engine.yamlio import Locations, Path_

if TYPE_CHECKING:
    from pydantic import TypeAdapter

M = TypeVar("M")
EXTRA = ("extra_forbidden", "unexpected_keyword_argument")  # an unknown key (a pydantic model's word; a dataclass's)


@cache
def adapter(model: Any) -> TypeAdapter[Any]:
    """pydantic's validator for ``model`` (a dataclass of the pack models, or a pydantic model), built once."""
    from pydantic import TypeAdapter  # pydantic: only when something is validated (or a schema written)

    return TypeAdapter(model)


def check(model: type[M], data: Any) -> tuple[M | None, list[Any]]:
    """``data`` validated as ``model``: (the value, []), or (None, pydantic's errors)."""
    from pydantic import ValidationError  # pydantic: only when something is validated

    try:
        return adapter(cast(Any, model)).validate_python(data), []
    except ValidationError as exc:
        return None, list(exc.errors())


def validate_model(model: type[M], data: Any, locs: Locations, base: Path_ = (), cls: type[MigovError] = PackError,
                   sink: list[MigovError] | None = None) -> M:
    """Validate ``data`` with pydantic; the first error becomes a one-line error with its line.

    With a ``sink`` (lint), every error is recorded there before the first is raised.
    """
    value, problems = check(model, data)
    if value is not None:
        return value
    errors = []
    for err in problems:
        path = base + tuple(err["loc"])
        code = "L007" if path and path[-1] == "weight" and err["type"] == "greater_than" else "L002"
        errors.append(locs.error(path, _pydantic_message(err, model, path, base), cls, code=code))
    if sink is not None:
        sink.extend(errors[1:])
    raise errors[0]


def field_names(model: Any) -> list[str]:
    """The fields of a dataclass or of a pydantic model, in order."""
    return [f.name for f in dataclasses.fields(model)] if dataclasses.is_dataclass(model) else list(model.model_fields)


def _pydantic_message(err: Any, model: Any, path: Path_, base: Path_) -> str:
    """pydantic's message for a pack or profile file; an unknown key gets a did-you-mean among the model's fields."""
    if err["type"] in EXTRA:
        key = str(path[-1])
        allowed = field_names(model) if len(path) == len(base) + 1 else []
        return _("unknown key '{key}'").format(key=key) + (did_you_mean(key, allowed) if allowed else "")
    return pydantic_message(err)


def pydantic_message(err: Any) -> str:
    """pydantic's message for the common cases, in the user's language; its own text otherwise."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind in EXTRA:
        return _("unknown key '{key}'").format(key=err["loc"][-1])
    simple = {
        "missing": _("required field is missing"),
        "string_type": _("expected text"),
        "bool_type": _("expected true or false"),
        "bool_parsing": _("expected true or false"),
        "list_type": _("expected a list"),
        "dict_type": _("expected a mapping"),
        "model_type": _("expected a mapping"),
        "dataclass_type": _("expected a mapping"),
        "dataclass_args_type": _("expected a mapping"),
        "model_attributes_type": _("expected a mapping"),
        "float_type": _("expected a number"),
        "float_parsing": _("expected a number"),
        "finite_number": _("expected a finite number, not inf or nan"),
        "int_type": _("expected a whole number"),
        "int_parsing": _("expected a whole number"),
        "int_from_float": _("expected a whole number"),
    }
    if kind in simple:
        return simple[kind]
    if kind in ("greater_than", "greater_than_equal", "less_than_equal"):
        return _("expected a number {op} {limit}").format(op={"greater_than": ">", "greater_than_equal": ">=", "less_than_equal": "<="}[kind], limit=ctx.get(next(iter(ctx), ""), ""))
    if kind == "finite_number":
        return _("'{value}' is not a finite number").format(value=err.get("input"))
    if kind == "string_pattern_mismatch":
        return _("'{value}' does not have the expected form ({pattern})").format(value=err.get("input"), pattern=ctx.get("pattern"))
    if kind in ("literal_error", "enum"):
        return _("'{value}' is not allowed: expected one of {allowed}").format(value=err.get("input"), allowed=ctx.get("expected"))
    if kind == "too_short":
        return _("expected at least {n} entries").format(n=ctx.get("min_length"))
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


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


def check_texts(raw: Any, locs: Locations, langs: list[str], keys: tuple[str, ...], path: Path_, sink: Sink | None = None) -> None:
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


def field_path(loc: tuple[int | str, ...], data: Any, kind: str) -> str:
    """The field as a reader writes it (``findings[3].status``): pydantic's location, without the names
    it adds for the members of a union, and without the key itself when the key is the problem.

    >>> field_path(("findings", 0, "weight", "int"), {"findings": [{"weight": "x"}]}, "int_type")
    'findings[0].weight'
    >>> field_path(("score", "overall"), {"score": {}}, "missing")
    'score.overall'
    """
    steps: list[int | str] = []
    node = data
    for i, part in enumerate(loc):
        found = part in node if isinstance(node, dict) else isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if found:
            node = node[part]
        else:
            if kind == "missing" and i == len(loc) - 1:
                steps.append(part)
            break
        steps.append(part)
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        steps = steps[:-1]
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in steps).lstrip(".")
