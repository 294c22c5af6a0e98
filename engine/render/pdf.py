"""PDF from the HTML report, printed by headless Chromium.

Why Chromium rather than WeasyPrint: it is the engine the browser tests already run, so the print
stylesheet that is tested is the one that prints; it renders the inline SVG chart and modern CSS
faithfully; and it needs no system libraries beyond the browser. Where it is missing, one line says
how to install it (or point MIGOV_CHROMIUM at it).

The page comes from the report's print stylesheet: page numbers ("3 / 11") and the running header (the
report's subject and the period of its facts) in the page margins, no forced page breaks. The paper is A4 (``paper``
"Letter" prints the same report on US Letter); the PDF has an outline (bookmarks) from the report's
headings, its table of contents in a PDF reader, and is tagged for screen readers.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from engine.errors import MigovError
from engine.i18n import _
from engine.limits import seconds

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer",
         "--generate-pdf-document-outline", "--export-tagged-pdf", "--disable-breakpad", "--mute-audio"]
PAPERS = {"A4": "A4", "Letter": "letter"}


def find_chromium() -> str | None:
    explicit = os.environ.get("MIGOV_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def on_paper(html: str, paper: str = "A4") -> str:
    """The report with its paper size set (a page rule of its own, after the report's stylesheet).

    >>> on_paper("<head></head>", "Letter")
    '<head><style>@page { size: letter; }</style></head>'
    """
    rule = f"<style>@page {{ size: {PAPERS[paper]}; }}</style>"
    return html.replace("</head>", rule + "</head>", 1)


def render(html: str, paper: str = "A4") -> bytes:
    """The report printed to PDF on ``paper`` (A4 or Letter)."""
    browser = find_chromium()
    if browser is None:
        raise MigovError(_("PDF output needs Chromium, which was not found: install it (Debian/Ubuntu: apt-get install chromium) or set MIGOV_CHROMIUM to its path"), field="--format pdf")
    with tempfile.TemporaryDirectory(prefix="migov-pdf-") as tmp:
        src, out = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        src.write_text(on_paper(html, paper), encoding="utf-8")
        cmd = [browser, *FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", src.as_uri()]
        try:  # a session of its own: a browser that never exits is stopped with every process it started
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
        except OSError as exc:
            raise MigovError(_("Chromium could not print the PDF: {reason}").format(reason=exc)) from None
        try:
            stderr = proc.communicate(timeout=seconds())[1]
        except subprocess.TimeoutExpired:
            _stop(proc)
            raise MigovError(_("Chromium did not print the PDF within {n} seconds and was stopped (set MIGOV_CHROMIUM_TIMEOUT to wait longer)").format(
                n=f"{seconds():g}")) from None
        if not out.is_file() or out.stat().st_size == 0:
            reason = (stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
            raise MigovError(_("Chromium could not print the PDF: {reason}").format(reason=reason))
        return out.read_bytes()


def _stop(proc: subprocess.Popen[str]) -> None:
    """Kill the browser's process group, then stop reading its output (a process outside the group may hold it open)."""
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.kill()
    if proc.stderr is not None:
        proc.stderr.close()
    proc.wait()
