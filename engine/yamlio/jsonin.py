"""JSON read under the same rules as YAML: what is read can always be written back as valid JSON.

Python's ``json`` module accepts what migov must not trust: ``NaN`` and ``Infinity`` (and ``1e400``, read
as infinity), integers of thousands of digits (a traceback past 4,300), duplicate keys (the last one wins,
silently), text with a lone surrogate (which no output can encode) and nesting until the interpreter's
recursion limit. :func:`parse_json` refuses each in one line naming the file (and the field when it is
known), under the limits of :mod:`engine.limits`: magnitude of a number, nesting depth, entries per list
or mapping, characters per text.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

from engine.errors import MigovError
from engine.i18n import _
from engine.limits import exceeded, limit
from engine.yamlio.paths import Path_, dotted

_SURROGATE = re.compile("[\ud800-\udfff]")
_DIGITS = 20  # an integer longer than this is over any magnitude limit: refused before it is converted


class _Refused(Exception):
    """A value the hooks refuse (the decoder knows no position for it)."""


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def _number(text: str, value: float) -> float:
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refused(_("'{value}' is not a finite number; the output must stay valid JSON").format(value=_short(text)))
    if abs(value) > limit("number"):
        raise _Refused(exceeded("number", _("the number {value}").format(value=_short(text))))
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > _DIGITS:
        raise _Refused(exceeded("number", _("the number {value}").format(value=_short(text))))
    value = int(text)
    _number(text, value)
    return value


def _float(text: str) -> float:
    return float(_number(text, float(text)))


def _constant(word: str) -> None:
    raise _Refused(_("invalid JSON: {problem}").format(problem=_("{word} is not a JSON number").format(word=word)))


def _mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    folded: set[str] = set()
    for key, value in pairs:
        fold = unicodedata.normalize("NFKC", key)
        if fold in folded:
            raise _Refused(_("duplicate key '{key}'").format(key=_SURROGATE.sub("\ufffd", key)))
        folded.add(fold)
        out[key] = value
    return out


def parse_json(text: str, name: str) -> Any:
    """The data of a JSON document, or a one-line :class:`MigovError` naming ``name`` (see the module's docstring)."""
    try:
        data = json.loads(text, parse_constant=_constant, parse_int=_int, parse_float=_float, object_pairs_hook=_mapping)
    except json.JSONDecodeError as exc:
        raise MigovError(_("invalid JSON: {problem}").format(problem=exc.msg), file=name, line=exc.lineno) from None
    except RecursionError:
        raise MigovError(exceeded("depth", _("nesting")), file=name) from None
    except _Refused as exc:
        raise MigovError(str(exc), file=name) from None
    check_tree(data, name)
    return data


def check_tree(data: Any, name: str) -> None:
    """Refuse, without recursion, nesting past the depth limit, lists or mappings past the items limit, and text
    past the text limit or with a lone surrogate (keys included)."""
    depth, items, chars = limit("depth"), limit("items"), limit("text")
    stack: list[tuple[Any, Path_]] = [(data, ())]
    while stack:
        value, path = stack.pop()

        def fail(message: str, where: Path_ = path) -> MigovError:
            field = dotted(where)
            return MigovError(message, file=name, field=(field if len(field) <= 80 else field[:77] + "…") or None)

        if isinstance(value, str):
            if len(value) > chars:
                raise fail(exceeded("text", _("a text of {n} characters").format(n=len(value))))
            if _SURROGATE.search(value):
                raise fail(_("the text holds a lone surrogate (U+D800 to U+DFFF), which is not a character"))
            continue
        if not isinstance(value, (list, dict)):
            continue
        if len(path) >= depth:
            raise fail(exceeded("depth", _("nesting")))
        if len(value) > items:
            raise fail(exceeded("items", _("entries in one list") if isinstance(value, list) else _("entries in one mapping")))
        if isinstance(value, list):
            stack.extend((v, path + (i,)) for i, v in enumerate(value))
            continue
        for key, v in value.items():
            if _SURROGATE.search(key) or len(key) > chars:
                raise fail(_("the text holds a lone surrogate (U+D800 to U+DFFF), which is not a character")
                           if _SURROGATE.search(key) else exceeded("text", _("a text of {n} characters").format(n=len(key))))
            stack.append((v, path + (key,)))
