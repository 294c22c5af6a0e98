"""The placeholders of a pack's sentence templates (its narrative): a closed language, checked and filled here.

A template is text with placeholders ``{name}`` or ``{name:spec}``. Python's ``str.format`` would allow more
than a pack can need, and more than is safe in a file others write: attribute and index access
(``{dimension.__class__.__mro__}`` prints the engine's classes, ``{dimension.nosuchattr}`` is a traceback),
conversions (``!r``) and any width (``{score:>200000000}`` writes a 200 MB report). Here a placeholder is one of
the names the engine fills, with at most an alignment, a sign, a width and a precision no larger than
:data:`MAX_WIDTH`. :func:`template_problem` says what is wrong with a template (the pack loader, and so
``rules lint`` as L015, report it with the file and line); :func:`fill` refuses a template it would say that
of, in one line, rather than format it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from engine.errors import PackError
from engine.i18n import _

MAX_WIDTH = 20
"""The largest width or precision a placeholder may ask for (a score needs 5, a count 3)."""
# compiled on first use (re keeps it): a run that fills no template, a cold text ``assess``, does not compile it
_SPEC = r"^(?:.?[<>^=])?[-+ ]?0?(?P<width>[0-9]+)?[,_]?(?:\.(?P<precision>[0-9]+))?[dfgs%]?$"


def template_problem(template: str, names: Collection[str]) -> str | None:
    """What makes ``template`` not a sentence template over ``names``, in one line, or None."""
    import string  # its Formatter: only for a template checked or filled (string compiles a pattern at import)

    allowed = ", ".join("{" + n + "}" for n in names)
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:  # a lone { or }
        return _("the template is not valid ({reason}): write {{{{ and }}}} for a brace").format(reason=exc)
    for _text, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in names:
            if any(c in name for c in ".[]") and name.split(".")[0].split("[")[0] in names:
                return _("a placeholder is a name only, without . or [ ]: {{{name}}}; use {allowed}").format(name=name[:40], allowed=allowed)
            return _("unknown placeholder {name}; use {allowed}").format(name=repr(name[:40]), allowed=allowed)
        if conversion is not None:
            return _("a placeholder takes no conversion (!{conversion}): {{{name}}}").format(conversion=conversion, name=name)
        match = re.match(_SPEC, spec or "", re.DOTALL)
        if match is None or "{" in (spec or ""):
            return _("the format of {{{name}}} is not one a sentence can use: {spec}").format(name=name, spec=(spec or "")[:40])
        sizes = [int(g) for g in (match["width"], match["precision"]) if g is not None]
        if sizes and max(sizes) > MAX_WIDTH:
            return _("the width or precision of {{{name}}} is over {n}").format(name=name, n=MAX_WIDTH)
    return None


_FINE: set[tuple[str, frozenset[str]]] = set()  # (template, names) template_problem found nothing wrong with: checked once


def fill(template: str, values: Mapping[str, object], file: str | None = None, field: str | None = None) -> str:
    """``template`` with its placeholders filled from ``values``, or a one-line :class:`PackError` naming ``file`` and
    ``field`` when :func:`template_problem` finds a problem or the format does not fit the value (``{dimension:d}``)."""
    checked = (template, frozenset(values))
    problem = None if checked in _FINE else template_problem(template, values)
    if problem is None:
        if len(_FINE) < 4096:  # bounded: a pack has a few templates, filled with the same names in every report
            _FINE.add(checked)
        try:
            return template.format_map(values)
        except (ValueError, TypeError) as exc:
            problem = _("the template cannot be filled: {reason}").format(reason=exc)
    raise PackError(problem, file=file, field=field)
