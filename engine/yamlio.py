"""YAML reading that keeps line numbers, refuses what it does not understand, and never explodes.

PyYAML's composer gives every node its position (libyaml when present, for start-up speed). On top:
- YAML 1.2 booleans only (``true``/``false``): ``no``, ``yes``, ``on`` and ``off`` stay strings,
  so an answer ``no`` in a profile is the word "no", not a boolean (the "Norway problem");
- duplicate keys are refused with both lines;
- files over a size limit, binary files, directories and empty files are refused before parsing;
- alias expansion is bounded (a "billion laughs" document is refused, not expanded).

:func:`load_yaml` returns the plain data and a :class:`Locations` map from a path of keys and
indexes to the line where that element starts.
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from engine.errors import MigovError
from engine.i18n import _
from engine.records import record

try:  # libyaml is much faster to parse; the pure-Python parser gives the same nodes
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]


class _Loader(_BaseLoader):
    """SafeLoader with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@record
class Locations:
    """Where each element of a loaded document starts (1-based lines)."""

    file: str
    lines: dict[Path_, int] = field(default_factory=dict)
    cols: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest located ancestor."""
        return _nearest(self.lines, path)

    def col(self, path: Path_) -> int | None:
        """The column (1-based) of ``path``, or of its nearest located ancestor."""
        return _nearest(self.cols, path)

    def error(self, path: Path_, message: str, cls: type[MigovError] = MigovError, code: str | None = None) -> MigovError:
        return cls(message, file=self.file, line=self.line(path), field=dotted(path) or None, col=self.col(path), code=code)


def _nearest(positions: dict[Path_, int], path: Path_) -> int | None:
    while True:
        if path in positions:
            return positions[path]
        if not path:
            return None
        path = path[:-1]


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file or raise a one-line :class:`MigovError`."""
    name = str(path)
    if path.is_dir():
        raise MigovError(_("is a directory; expected a YAML file"), file=name)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise MigovError(
                _("file is {size:.1f} MB; the limit is {limit:.0f} MB").format(
                    size=size / 1e6, limit=max_bytes / 1e6
                ),
                file=name,
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MigovError(_("no such file"), file=name) from None
    except OSError as exc:
        raise MigovError(_("cannot read the file: {reason}").format(reason=exc.strerror), file=name) from None
    if b"\x00" in raw[:8192]:
        raise MigovError(_("is a binary file; expected YAML text"), file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise MigovError(_("is not UTF-8 text; expected YAML in UTF-8"), file=name, line=line) from None


def load_yaml(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Any, Locations]:
    """Parse one YAML document from ``path``: (data, locations)."""
    text = read_text(path, max_bytes=max_bytes)
    return parse_yaml(text, str(path))


def parse_yaml(text: str, name: str) -> tuple[Any, Locations]:
    locs = Locations(name)
    if not text.strip():
        raise MigovError(_("the file is empty; expected a YAML mapping"), file=name, line=1)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise MigovError(_("the file holds no YAML document; expected a mapping"), file=name, line=1)
        budget = [MAX_NODES]
        data = _build(loader, node, (), locs, budget)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise MigovError(_("invalid YAML: {problem}").format(problem=problem), file=name, line=line) from None
    except yaml.YAMLError as exc:
        raise MigovError(_("invalid YAML: {problem}").format(problem=str(exc).splitlines()[0]), file=name) from None
    finally:
        loader.dispose()
    return data, locs


def _build(loader: Any, node: yaml.Node, path: Path_, locs: Locations, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise MigovError(
            _("the document expands to more than {n} elements (YAML aliases?); refused").format(n=MAX_NODES),
            file=locs.file,
            line=node.start_mark.line + 1,
        )
    locs.lines.setdefault(path, node.start_mark.line + 1)
    locs.cols.setdefault(path, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = _build(loader, key_node, path, locs, budget) if not isinstance(key_node, yaml.ScalarNode) else loader.construct_object(key_node)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise MigovError(_("a key must be a plain word"), file=locs.file, line=key_node.start_mark.line + 1, field=dotted(path) or None)
            key = str(key) if not isinstance(key, str) else key
            if key in seen:
                raise MigovError(
                    _("duplicate key '{key}' (first at line {first})").format(key=key, first=seen[key]),
                    file=locs.file,
                    line=key_node.start_mark.line + 1,
                    field=dotted(path + (key,)),
                )
            seen[key] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, path + (key,), locs, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), locs, budget) for i, item in enumerate(node.value)]
    value = loader.construct_object(node)
    if node.tag == "tag:yaml.org,2002:timestamp":
        return str(value)  # dates stay ISO text; the vocabulary says what a field holds
    if isinstance(value, (bytes, set)):
        raise MigovError(_("unsupported YAML value"), file=locs.file, line=node.start_mark.line + 1, field=dotted(path) or None)
    return value
