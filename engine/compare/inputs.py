"""A JSON assessment given to ``compare`` is checked before it is trusted.

The JSON contract (pydantic model, :mod:`engine.assessment`) is checked when it is read; here, what an
edited or forged file would break: every dimension's counts must be its findings' counts, every score a
number from 0 to 100 and the overall score inside the range of the dimension scores (a weighted mean
is); and when migov has the pack the assessment names, in that version, every rule and dimension must be
one of that pack's. An HTML report's embedded assessment is checked the same way. A mismatch is one line naming the file and the field. When the assessment names the
digest of the pack's files and this copy of the pack has another, a warning says so (the assessment was
made with an edited or exported copy, or the file was edited), and the comparison goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from engine.assess import pack_sha256
from engine.assessment import Assessment
from engine.errors import MigovError
from engine.i18n import _
from engine.pack.loading import bundled_packs, load_pack
from engine.pack.model import Status


def check_assessment(a: Assessment, path: Path, warn: Callable[[str], None] | None = None, within: str = "") -> Assessment:
    """``a`` itself, or a :class:`MigovError` saying what does not add up; ``warn`` is told when the pack
    digest it names is not that of the pack migov has; ``within`` prefixes the fields (``assessment.`` in a report)."""
    file = str(path)

    def fail(field: str, what: str) -> MigovError:
        return MigovError(_("the assessment does not add up ({what}): was it edited?").format(what=what), file=file, field=within + field)

    for i, d in enumerate(a.dimensions):
        mine = [f for f in a.findings if f.dimension == d.id]
        counts = {s: sum(1 for f in mine if f.status == s) for s in Status}
        stated = {Status.met: d.counts.met, Status.gap: d.counts.gap, Status.unknown: d.counts.unknown, Status.not_applicable: d.counts.not_applicable}
        if counts != stated:
            raise fail(f"dimensions[{i}].counts", _("the counts are not those of the findings of {dimension}").format(dimension=d.id))
        if d.score is not None and not 0 <= d.score <= 100:
            raise fail(f"dimensions[{i}].score", _("a score from 0 to 100 is expected"))
    s = a.score
    for name in ("overall", "best_case", "worst_case"):
        value = getattr(s, name)
        if value is not None and not 0 <= value <= 100:
            raise fail(f"score.{name}", _("a score from 0 to 100 is expected"))
    # an unrated dimension (2.0: score null) still counts in the overall score, somewhere in its range
    low = [x for d in a.dimensions for x in (d.score, d.worst_case if d.score is None and d.counts.met + d.counts.gap else None) if x is not None]
    high = [x for d in a.dimensions for x in (d.score, d.best_case if d.score is None and d.counts.met + d.counts.gap else None) if x is not None]
    if s.overall is not None and low and not min(low) - 0.05 <= s.overall <= max(high) + 0.05:
        raise fail("score.overall", _("the overall score is outside the range of the dimension scores"))
    if s.coverage is not None and not 0 <= s.coverage <= 1:
        raise fail("score.coverage", _("a coverage from 0 to 1 is expected"))
    dims = {d.id for d in a.dimensions}
    for i, f in enumerate(a.findings):
        if f.dimension not in dims:
            raise fail(f"findings[{i}].dimension", _("'{dimension}' is not one of its dimensions").format(dimension=f.dimension))
    if a.pack.id in bundled_packs():
        pack = load_pack(a.pack.id)
        if pack.version == a.pack.version:
            if warn is not None and a.pack.sha256 and a.tailoring is None and a.pack.sha256 != pack_sha256(pack):
                other = _("migov: warning: {file}: the assessment was made with another copy of pack {pack} {version} (its files differ); was the pack or the file edited?")
                warn(other.format(file=file, pack=a.pack.id, version=a.pack.version))
            rules = {r.rule.id for r in pack.rules}
            for i, f in enumerate(a.findings):
                if f.rule not in rules:
                    raise MigovError(_("rule '{rule}' is not in pack {pack} {version}, which the assessment names: was it edited?").format(
                        rule=f.rule, pack=a.pack.id, version=a.pack.version), file=file, field=f"{within}findings[{i}].rule")
    return a
