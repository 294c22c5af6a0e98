"""The output formats of an assessment, in one registry.

Every format is rendered from the assessment written in the language asked (:func:`engine.render.localize.localized`:
the engine's assessment is language-neutral, and one read back is written again). Each entry names a format, says whether it is bytes and whether it needs ``--output``, and renders
through its own module, imported only when that format is asked for (rich for text; jinja2 and the
chart for Markdown and HTML; the Chromium printer for PDF), so that a text or JSON run never loads
them. Adding a format is a module here and one entry of :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from engine.assessment import Assessment
from engine.pack.compiled import Pack
from engine.pack.profiles import Profile
from engine.records import record
from engine.render import localize

FileDigests = tuple[tuple[str, bytes], ...]


@record(frozen=True)
class Job:
    """What a renderer is handed: the assessment and everything already loaded that it may show."""

    assessment: Assessment
    pack: Pack
    profile: Profile
    files: FileDigests  # (name, sha256) of the pack's files, read by the caller: rendering reads no pack file
    colour: bool = False
    lens_packs: Mapping[str, Pack] | None = None
    paper: str = "A4"  # the PDF's paper size: A4 or Letter
    lang: str = ""  # the report's language (default: the assessment's, else the profile's, else English)


@record(frozen=True)
class Format:
    render: Callable[[Job], str | bytes]
    binary: bool = False
    needs_output: bool = False  # written to a file only (never to a terminal)
    needs_files: bool = False  # shows the digests of the pack's files (``Job.files``; empty for the others)


def _text(job: Job) -> str:
    from engine.render import text  # rich

    return text.render(job.assessment, job.pack, colour=job.colour, lens_packs=job.lens_packs, profile=job.profile)


def _json(job: Job) -> str:
    from engine.render import json  # as the other formats: not imported by a text run

    return json.render(job.assessment)


def _markdown(job: Job) -> str:
    from engine.render import markdown  # jinja2

    return markdown.render(job.assessment, job.pack, job.profile, job.lens_packs)


def _html(job: Job) -> str:
    from engine.render import html  # jinja2 and the SVG chart

    return html.render(job.assessment, job.pack, job.profile, job.files, job.lens_packs)


def _pdf(job: Job) -> bytes:
    from engine.render import html, pdf  # jinja2, the SVG chart and headless Chromium

    page = html.render(job.assessment, job.pack, job.profile, job.files, job.lens_packs, fmt="pdf")  # it reproduces the PDF
    return pdf.render(page, job.paper)


FORMATS: dict[str, Format] = {
    "text": Format(_text),
    "json": Format(_json),
    "markdown": Format(_markdown),
    "html": Format(_html, needs_files=True),
    "pdf": Format(_pdf, binary=True, needs_output=True, needs_files=True),
}


def render(fmt: str, job: Job) -> str | bytes:
    """The assessment in ``fmt`` (a key of :data:`FORMATS`), in ``job.lang``."""
    return FORMATS[fmt].render(in_language(job))


def in_language(job: Job) -> Job:
    """``job`` with its assessment written in its language (as it is when it is already in that language)."""
    a = job.assessment
    lang = job.lang or a.language or job.profile.language or "en"
    if a.language == lang:
        return job
    return Job(localize.localized(a, job.pack, job.profile, lang), job.pack, job.profile, job.files, job.colour, job.lens_packs, job.paper, lang)

