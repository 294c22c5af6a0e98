"""The YAML document built from the parser's events, without recursion, under :mod:`engine.limits`.

PyYAML's composer recurses (a document nested 100,000 deep crashes the interpreter) and expands
aliases without counting; this builder keeps its own stack, counts every element and character through
aliases, refuses an alias inside the value it names, and records where each element starts.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import field
from typing import Any

import yaml

from engine.errors import MigovError
from engine.i18n import _
from engine.limits import exceeded, limit
from engine.records import record
from engine.yamlio.paths import Path_, dotted, invisible

__all__ = ["Builder", "Path_", "dotted", "invisible"]

_MERGE = "tag:yaml.org,2002:merge"
_STARTS = frozenset((yaml.SequenceStartEvent, yaml.MappingStartEvent))  # the parsers make these classes, never subclasses
_ENDS = frozenset((yaml.SequenceEndEvent, yaml.MappingEndEvent))


@record
class _Frame:
    """A list or mapping being built."""

    value: Any
    path: Path_
    anchor: str | None
    elements: int  # the element budget left when it started (to count what an alias of it costs)
    chars: int
    key: Any = None  # a mapping's pending key; _NO_KEY when a key is expected
    seen: dict[str, int] = field(default_factory=dict)
    merges: list[Any] = field(default_factory=list)


_NO_KEY = object()


class Builder:
    """Plain data from the parser's events, iteratively, under the limits (see the module's docstring)."""

    def __init__(self, loader: Any, locs: Any) -> None:  # a yamlio.Locations
        self.loader, self.locs = loader, locs
        self.kind: Any = type(loader)
        self.last_tag = ""
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # anchor -> (value, elements, characters)
        self.open: set[str] = set()
        self.elements, self.chars, self.aliases = limit("elements"), limit("expanded"), limit("aliases")
        self.depth, self.items, self.text, self.number = limit("depth"), limit("items"), limit("text"), limit("number")

    def fail(self, message: str, event: Any, path: Path_) -> MigovError:
        where = dotted(path)
        where = where if len(where) <= 80 else where[:77] + "…"
        return MigovError(message, file=self.locs.file, line=event.start_mark.line + 1, field=where or None)

    def document(self) -> Any:
        get, check = self.loader.get_event, self.loader.check_event
        get()  # stream start
        if check(yaml.StreamEndEvent):
            raise MigovError(_("the file holds no YAML document; expected a mapping"), file=self.locs.file, line=1)
        get()  # document start
        data = self.build()
        get()  # document end
        if not check(yaml.StreamEndEvent):
            event = get()
            raise self.fail(_("invalid YAML: {problem}").format(problem=_("expected a single document")), event, ())
        return data

    def build(self) -> Any:
        stack: list[_Frame] = []
        get, lines, cols = self.loader.get_event, self.locs.lines, self.locs.cols
        while True:
            event = get()
            kind = event.__class__
            if kind in _ENDS:
                frame = stack.pop()
                value = frame.value
                for merged in frame.merges:
                    for k, v in merged.items():
                        value.setdefault(k, v)
                if frame.anchor:
                    self.open.discard(frame.anchor)
                    self.anchors[frame.anchor] = (value, frame.elements - self.elements, frame.chars - self.chars)
            else:
                top = stack[-1] if stack else None
                as_key = top is not None and top.key is _NO_KEY
                if top is None:
                    path: Path_ = ()
                elif top.key is None:  # a list (a mapping's key is never None)
                    path = top.path + (len(top.value),)
                else:
                    path = top.path if as_key or top.key is _MERGE_KEY else top.path + (top.key,)
                if kind in _STARTS:
                    if as_key:
                        raise self.fail(_("a key must be a plain word"), event, path)
                    if len(stack) >= self.depth:
                        raise self.fail(exceeded("depth", _("nesting")), event, path)
                    self.spend(1, 0, event, path)
                    self.locate(path, event)
                    mapping = kind is yaml.MappingStartEvent
                    stack.append(_Frame({} if mapping else [], path, event.anchor, self.elements, self.chars, _NO_KEY if mapping else None))
                    if event.anchor:
                        self.open.add(event.anchor)
                    continue
                if kind is yaml.AliasEvent:
                    value = self.alias(event, path)
                else:
                    value = self.scalar(event, path, as_key)
                    if event.anchor:
                        self.anchors[event.anchor] = (value, 1, len(event.value))
                    if not as_key and path not in lines:
                        mark = event.start_mark
                        lines[path], cols[path] = mark.line + 1, mark.column + 1
            if not stack:
                return value
            top = stack[-1]
            key = top.key
            if key is None and len(top.value) < self.items:
                top.value.append(value)  # the common cases of place(), here
            elif key.__class__ is str:
                top.value[key] = value
                top.key = _NO_KEY
            else:
                self.place(top, value, event)

    def place(self, top: _Frame, value: Any, event: Any) -> None:
        if isinstance(top.value, list):
            if len(top.value) >= self.items:
                raise self.fail(exceeded("items", _("entries in one list")), event, top.path)
            top.value.append(value)
        elif top.key is _NO_KEY:
            if value is _MERGE_KEY:
                top.key = _MERGE_KEY
                return
            if not isinstance(value, (str, int, float, bool)) or value is None:
                raise self.fail(_("a key must be a plain word"), event, top.path)
            key = value if isinstance(value, str) else str(value)
            if key.isascii() and key.isprintable():
                fold = key  # ASCII is its own NFC and NFKC form, and none of it invisible
            else:
                key = unicodedata.normalize("NFC", key)  # é typed either way is one key
                hidden = invisible(key)
                if hidden:
                    raise self.fail(_("the key holds an invisible character ({char}): retype it").format(char=hidden), event, top.path)
                fold = unicodedata.normalize("NFKC", key)  # ﬁ and fi, ① and 1: one key
            line = event.start_mark.line + 1
            if fold in top.seen:
                raise self.fail(_("duplicate key '{key}' (first at line {first})").format(key=key, first=top.seen[fold]), event, top.path + (key,))
            if len(top.seen) >= self.items:
                raise self.fail(exceeded("items", _("entries in one mapping")), event, top.path)
            top.seen[fold] = line
            top.key = key
        else:
            if top.key is _MERGE_KEY:
                merged = value if isinstance(value, list) else [value]
                if not all(isinstance(m, dict) for m in merged):
                    raise self.fail(_("a merge (<<) takes a mapping or a list of mappings"), event, top.path)
                top.merges.extend(merged)
            else:
                top.value[top.key] = value
            top.key = _NO_KEY

    def locate(self, path: Path_, event: Any) -> None:
        self.locs.lines.setdefault(path, event.start_mark.line + 1)
        self.locs.cols.setdefault(path, event.start_mark.column + 1)

    def spend(self, elements: int, chars: int, event: Any, path: Path_) -> None:
        self.elements -= elements
        self.chars -= chars
        if self.elements < 0:
            raise self.fail(exceeded("elements", _("the document expands to too many elements (YAML aliases?)")), event, path)
        if self.chars < 0:
            raise self.fail(exceeded("expanded", _("the document's text expands too far (YAML aliases?)")), event, path)

    def alias(self, event: Any, path: Path_) -> Any:
        name = event.anchor
        if name in self.open:
            raise self.fail(_("the alias *{name} is inside the value it names (a cycle)").format(name=name), event, path)
        if name not in self.anchors:
            raise self.fail(_("invalid YAML: {problem}").format(problem=_("found undefined alias '{name}'").format(name=name)), event, path)
        self.aliases -= 1
        if self.aliases < 0:
            raise self.fail(exceeded("aliases", _("alias uses")), event, path)
        value, elements, chars = self.anchors[name]
        self.spend(elements, chars, event, path)
        self.locate(path, event)
        return value

    def scalar(self, event: Any, path: Path_, as_key: bool) -> Any:
        text = event.value
        memo = (self.kind, event.tag, event.implicit, text)
        hit = _SCALARS.get(memo)
        if hit is not None:  # a scalar read before: the same tag and value (immutable), its limits checked again
            tag, value = hit
            if tag is _MERGE and as_key:
                return _MERGE_KEY
            if len(text) > self.text:
                raise self.fail(exceeded("text", _("a text of {n} characters").format(n=len(text))), event, path)
            self.spend(1, len(text), event, path)
            if value.__class__ in (int, float) and abs(value) > self.number:
                raise self.fail(exceeded("number", _("the number {value}").format(value=text)), event, path)
            return value
        value = self._scalar(event, path, as_key)
        if len(text) <= 64 and value is not _MERGE_KEY and value.__class__ in _IMMUTABLE:
            if len(_SCALARS) >= 4096:
                _SCALARS.clear()  # a bounded memo of the short scalars (true, 0, enum words…), never a growing store
            _SCALARS[memo] = (self.last_tag, value)
        return value

    def _scalar(self, event: Any, path: Path_, as_key: bool) -> Any:
        loader = self.loader
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _MERGE and as_key:
            return _MERGE_KEY
        self.last_tag = tag = _MERGE if tag == _MERGE else tag
        text = event.value
        if len(text) > self.text:
            raise self.fail(exceeded("text", _("a text of {n} characters").format(n=len(text))), event, path)
        self.spend(1, len(text), event, path)
        if tag == _STR and self.kind.yaml_constructors.get(tag) is _CONSTRUCT_STR:
            return text  # what construct_yaml_str gives: the scalar's text
        construct = loader.yaml_constructors.get(tag)
        if construct is None or tag in ("tag:yaml.org,2002:binary", "tag:yaml.org,2002:set"):
            raise self.fail(_("unsupported YAML value"), event, path)
        try:
            value = construct(loader, yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style))
        except (ValueError, OverflowError):
            message = _("'{value}' is not a date that exists") if tag.endswith(":timestamp") else _("'{value}' is not a valid number")
            raise self.fail(message.format(value=text), event, path) from None
        if tag.endswith(":timestamp"):
            return str(value)  # dates stay ISO text; the vocabulary says what a field holds
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(_("'{value}' is not a finite number; the output must stay valid JSON").format(value=text), event, path)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > self.number:
            raise self.fail(exceeded("number", _("the number {value}").format(value=text)), event, path)
        return value


_MERGE_KEY = object()
_STR = "tag:yaml.org,2002:str"
_CONSTRUCT_STR = yaml.constructor.SafeConstructor.construct_yaml_str
_IMMUTABLE = (str, int, float, bool, type(None))
# (loader class, event tag, implicit, text) -> (tag, value) of a scalar built before
_SCALARS: dict[tuple[type, str | None, tuple[bool, bool], str], tuple[str, Any]] = {}
