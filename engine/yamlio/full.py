"""The full YAML parser (PyYAML, with libyaml when present): every document the plain readers leave to it.

Imported only when needed (PyYAML's reader compiles a long pattern at import): for a document that
:mod:`engine.yamlio.fast` and :mod:`engine.yamlio.plain` do not read, and for the positions of an error in one they
read. On top of PyYAML's composer: YAML 1.2 booleans and numbers, and the document built by
:class:`engine.yamlio.build.Builder` under the limits, its errors one line each.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from engine.errors import MigovError
from engine.i18n import _
from engine.limits import exceeded, limit
from engine.yamlio.build import Builder
from engine.yamlio.problems import PARSER_DEPTH, parser_problem

try:  # libyaml is much faster to parse; the pure-Python parser gives the same nodes
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """SafeLoader with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:float")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(  # YAML 1.2 numbers: 1e3 and 1.5e-2 too (1.1 wanted a dot); .inf and .nan are refused when built
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)
_NESTING = re.compile(r"nesting depth", re.IGNORECASE)


def build(text: str, locs: Any) -> Any:
    """The document in ``text``, its positions recorded in ``locs`` (a :class:`engine.yamlio.Locations`); a
    :class:`MigovError` naming the file (``locs.file``) and line for what is wrong with it."""
    name = locs.file
    loader = _Loader(text)
    try:
        return Builder(loader, locs).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if _NESTING.search(problem):  # the parser's own ceiling (libyaml: 1,000), reached before migov's
            what = _("nesting")
            message = exceeded("depth", what) if limit("depth") < PARSER_DEPTH else _("{what}: over the YAML parser's own limit of {limit}").format(
                what=what, limit=PARSER_DEPTH)
            raise MigovError(message, file=name, line=line) from None
        raise MigovError(_("invalid YAML: {problem}").format(problem=parser_problem(problem)), file=name, line=line) from None
    except yaml.YAMLError as exc:
        raise MigovError(_("invalid YAML: {problem}").format(problem=str(exc).splitlines()[0]), file=name) from None
    finally:
        loader.dispose()


def locate(text: str, locs: Any) -> None:
    """The positions of a document a plain reader read, recorded in ``locs`` as :func:`build` records them."""
    loader = _Loader(text)
    try:
        Builder(loader, locs).document()
    except (MigovError, yaml.YAMLError):  # not expected (the plain readers accept only what they read the same): no position
        pass
    finally:
        loader.dispose()
