"""Every limit migov puts on what it reads, in one table: its default and the variable that raises it.

A limit guards against a file that would take too long or too much memory (a "billion laughs" YAML, a
zip bomb, a catastrophic pattern). Each can be raised with an environment variable; docs/LIMITS.md lists
them. :func:`exceeded` is the one wording of the error: what was too big, the limit, how to raise it.
"""

from __future__ import annotations

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


def limit(name: str) -> int:
    """The limit's value (bytes for the MB limits): the environment's when it is a positive number."""
    spec = LIMITS[name]
    raw = os.environ.get(spec.env, "").strip()
    try:
        value = float(raw) if raw else float(spec.default)
    except ValueError:
        value = float(spec.default)
    if value <= 0:
        value = float(spec.default)
    return int(value * 1024 * 1024) if spec.unit == "MB" else int(value)


def shown(name: str) -> str:
    """The limit as a user reads it: ``5 MB``, ``64``."""
    spec = LIMITS[name]
    value = limit(name)
    return f"{value / 1024 / 1024:g} MB" if spec.unit == "MB" else f"{value:,}".replace(",", " ")


def exceeded(name: str, what: str) -> str:
    """'``what`` is over the limit of N (set VAR to raise it)', translated."""
    return _("{what}: over the limit of {limit} (set {env} to raise it)").format(what=what, limit=shown(name), env=LIMITS[name].env)
