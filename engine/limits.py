"""Every limit migov puts on what it reads, in one table: its default and the variable that raises it.

A limit guards against a file that would take too long or too much memory (a "billion laughs" YAML, a
zip bomb, a catastrophic pattern). Each can be raised with an environment variable; docs/LIMITS.md lists
them. :func:`exceeded` is the one wording of the error: what was too big, the limit, how to raise it.
"""

from __future__ import annotations

import math
import os

from engine.i18n import _
from engine.records import record


@record(frozen=True)
class Limit:
    env: str
    default: int
    unit: str  # "MB" when the value is given in megabytes (and used in bytes)


LIMITS: dict[str, Limit] = {
    "file": Limit("MIGOV_MAX_FILE_MB", 5, "MB"),  # a YAML or JSON input (and a profile self-assess writes)
    "report": Limit("MIGOV_MAX_REPORT_MB", 20, "MB"),  # an HTML report read back as input
    "workbook": Limit("MIGOV_MAX_WORKBOOK_MB", 20, "MB"),  # a workbook as stored (zipped)
    "expanded": Limit("MIGOV_MAX_EXPANDED_MB", 50, "MB"),  # a workbook unzipped, or a YAML file's text through its aliases
    "ratio": Limit("MIGOV_MAX_ZIP_RATIO", 200, ""),  # how much one member of a workbook may expand
    "elements": Limit("MIGOV_MAX_ELEMENTS", 200_000, ""),  # values in one YAML document, aliases expanded
    "aliases": Limit("MIGOV_MAX_ALIASES", 1_000, ""),  # alias uses (*name) in one YAML document
    "depth": Limit("MIGOV_MAX_DEPTH", 64, ""),  # nesting of lists and mappings
    "items": Limit("MIGOV_MAX_ITEMS", 50_000, ""),  # entries in one list or mapping
    "text": Limit("MIGOV_MAX_TEXT", 100_000, ""),  # characters in one text value
    "rows": Limit("MIGOV_MAX_ROWS", 50_000, ""),  # rows read from one workbook sheet
    "number": Limit("MIGOV_MAX_NUMBER", 10**15, ""),  # magnitude of a number (1e308, .inf and .nan never)
    "pattern": Limit("MIGOV_MAX_PATTERN", 200, ""),  # characters in a glob pattern of a condition
    "rules": Limit("MIGOV_MAX_RULES", 2_000, ""),  # rules (and derived facts) in one pack
    "alternatives": Limit("MIGOV_MAX_ALTERNATIVES", 64, ""),  # alternatives a product (all, at_least) of one condition makes
}


CHROMIUM_TIMEOUT = Limit("MIGOV_CHROMIUM_TIMEOUT", 60, "s")  # seconds Chromium may take to print a PDF before it is stopped
LARGEST = {"MB": 10**6, "s": 86_400, "": 10**15}  # the largest value a variable takes, by unit (a terabyte, a day, the number limit)


def limit(name: str) -> int:
    """The limit's value (bytes for the MB limits): the environment's when it is one the variable accepts (the CLI
    refuses any other at start, :func:`environment_problem`), else the default."""
    spec = LIMITS[name]
    value = _value(spec)
    return int(value * 1024 * 1024) if spec.unit == "MB" else int(value)


def seconds(spec: Limit = CHROMIUM_TIMEOUT) -> float:
    """A time limit in seconds (``MIGOV_CHROMIUM_TIMEOUT``): the environment's when accepted, else the default."""
    return _value(spec)


def _value(spec: Limit) -> float:
    raw = os.environ.get(spec.env, "").strip()
    return float(raw) if raw and _problem(spec, raw) is None else float(spec.default)


def _problem(spec: Limit, raw: str) -> str | None:
    """What is wrong with ``raw`` as the value of ``spec``'s variable, or None."""
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    fits = {"": value.is_integer() if math.isfinite(value) else False, "MB": value * 1024 * 1024 >= 1, "s": True}[spec.unit]
    if math.isfinite(value) and 0 < value <= LARGEST[spec.unit] and fits:  # counts are whole; megabytes and seconds may be fractions
        return None
    what = {"MB": _("a positive number of megabytes up to {n}"), "s": _("a positive number of seconds up to {n}"),
            "": _("a whole number from 1 to {n}")}[spec.unit].format(n=f"{LARGEST[spec.unit]:,}".replace(",", " "))
    return _("{env}={value} is not accepted: expected {what}").format(env=spec.env, value=_shown(raw), what=what)


def _shown(raw: str) -> str:
    """A value as an error quotes it: printable, at most 40 characters."""
    shown = "".join(c if c.isprintable() else "?" for c in raw)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def environment_problem() -> str | None:
    """The first ``MIGOV_*`` variable whose value is not one it accepts, as one line, or None: a limit (and
    ``MIGOV_CHROMIUM_TIMEOUT``) takes a number in its range, ``MIGOV_NO_CACHE`` 1 or nothing, and a
    ``MIGOV_MAX_*`` variable must be one of the limits (a misspelt one would be ignored)."""
    known = {spec.env: spec for spec in [*LIMITS.values(), CHROMIUM_TIMEOUT]}
    for env in sorted(os.environ):
        raw = os.environ[env].strip()
        if env in known and raw:
            problem = _problem(known[env], raw)
            if problem:
                return problem
        elif env.startswith("MIGOV_MAX_") and env not in known:
            return _("{env} is not a limit of migov: the limits are {names}").format(env=env, names=", ".join(sorted(k for k in known if k.startswith("MIGOV_MAX_"))))
        elif env == "MIGOV_NO_CACHE" and raw not in ("", "1"):
            return _("{env}={value} is not accepted: expected 1 (to turn the cache off) or nothing").format(env=env, value=_shown(raw))
    return None


def shown(name: str) -> str:
    """The limit as a user reads it: ``5 MB``, ``64``."""
    spec = LIMITS[name]
    value = limit(name)
    return f"{value / 1024 / 1024:g} MB" if spec.unit == "MB" else f"{value:,}".replace(",", " ")


def exceeded(name: str, what: str) -> str:
    """'``what`` is over the limit of N (set VAR to raise it)', translated."""
    return _("{what}: over the limit of {limit} (set {env} to raise it)").format(what=what, limit=shown(name), env=LIMITS[name].env)
