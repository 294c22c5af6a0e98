"""PDF from the HTML report, printed by headless Chromium.

Why Chromium rather than WeasyPrint: it is the engine the browser tests already run, so the print
stylesheet that is tested is the one that prints; it renders the inline SVG chart and modern CSS
faithfully; and it needs no system libraries beyond the browser. Where it is missing, one line says
how to install it (or point MIGOV_CHROMIUM at it), or that MIGOV_CHROMIUM names no executable Chromium.
Chromium runs with its sandbox, except as root (where it cannot start with one).

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
FLAGS = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer",
         "--generate-pdf-document-outline", "--export-tagged-pdf", "--disable-breakpad", "--mute-audio"]
PAPERS = {"A4": "A4", "Letter": "letter"}


def find_chromium() -> str | None:
    """The browser to print with: ``MIGOV_CHROMIUM`` when it is set (None if it names no executable), else the first
    of CANDIDATES on the PATH."""
    explicit = os.environ.get("MIGOV_CHROMIUM")
    if explicit:
        return shutil.which(explicit)  # a path to an executable file, or a command on the PATH
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing_chromium() -> str:
    """Why there is no Chromium to print with, and what to do, in one sentence of the current language: the variable
    names a path that is not an executable Chromium, or none was found on the PATH."""
    explicit = os.environ.get("MIGOV_CHROMIUM")
    if explicit:
        return _("MIGOV_CHROMIUM is set to {path}, which is not an executable Chromium: point it at one, or unset it to use the chromium on the PATH (Debian/Ubuntu: apt-get install chromium)").format(path=explicit)
    return _("PDF output needs Chromium, which was not found: install it (Debian/Ubuntu: apt-get install chromium) or set MIGOV_CHROMIUM to its path")


def running_as_root() -> bool:
    """Whether this process runs as root (False where the system has no user ids, as on Windows)."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is not None and geteuid() == 0


def sandbox_flags(as_root: bool | None = None) -> list[str]:
    """Chromium keeps its sandbox; only root, for whom Chromium refuses to start with it, turns it off."""
    return ["--no-sandbox"] if (running_as_root() if as_root is None else as_root) else []


def command(browser: str, src: Path, out: Path, profile: Path, as_root: bool | None = None) -> list[str]:
    """The command line that prints ``src`` to ``out`` (``as_root``: None asks the system; given, for the tests)."""
    return [browser, *FLAGS, *sandbox_flags(as_root), f"--user-data-dir={profile}", f"--print-to-pdf={out}", src.as_uri()]


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
        raise MigovError(missing_chromium(), field="--format pdf")
    with tempfile.TemporaryDirectory(prefix="migov-pdf-") as tmp:
        src, out = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        src.write_text(on_paper(html, paper), encoding="utf-8")
        cmd = command(browser, src, out, Path(tmp) / "profile")
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
