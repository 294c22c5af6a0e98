"""The house keeps its shape: small modules, imports at the top, nothing cited from outside the repository."""

from __future__ import annotations

import ast
import re
import subprocess
import tomllib
from pathlib import Path

from tests.helpers import ROOT

ENGINE = ROOT / "engine"
MAX_LINES = 300

# Imports allowed inside a function, each deferring a heavy or optional dependency (the only exception):
DEFERRED = {
    "openpyxl": "workbooks only",
    "matplotlib": "the PNG/PDF chart only",
    "babel": "number formatting: locale data loads slowly",
    "engine.numbers": "the number data (json), only when a number is formatted (not for --version or --help)",
    "pydantic": "validating untrusted input (and writing schemas) only: a cached pack and an assessment the engine makes need none",
    "platformdirs": "the pack cache only",
    "engine.evaluate.durable": "the C extension, only with --engine durable",
    "engine.evaluate.quick": "the reference evaluator's plan, only where it evaluates (durable_rules needs only the derivation plan)",
    "engine.render": "each output format imports its renderer (rich, jinja2, Chromium) only when asked for",
    "engine.lens": "--lens only",
    "engine.authoring.spreadsheet": "openpyxl, for workbook inputs only",
    "engine.pack.loading": "the default pack, only when a command needs it",
    "engine.pack.declared": "kinds, references and citations as a pack declares them: only when a pack is built, not when it is cached",
    "engine.pack.origin": "a modified copy of an exported pack: only when a pack is built, not when it is cached",
    "engine.pack.describe": "a condition in plain words (explain, the rulebook), not an assessment",
    "engine.pack.tailoring": "tailoring models, only with --tailoring",
    "engine.yamlio.full": "PyYAML (its reader compiles a long pattern at import), only for a document the plain readers leave to it or an error's position in one they read",
    "engine.yamlio.jsonin": "the strict JSON reader, only for a JSON input (a profile or assessment), not for a YAML profile",
    "hashlib": "OpenSSL, only when files must be read and hashed (a pack whose digest the cache remembers needs none)",
    "difflib": "did-you-mean suggestions, only in an error message",
    "ctypes": "syncfs, called once when a batch has written its reports (engine/batch/folder.py)",
    "readline": "line editing at self-assess's prompts, only when stdin is a terminal (and not on every platform)",
    "engine.outputs": "the atomic writer, only when a file is written (a report on stdout and a run on a cached pack write none)",
    "string": "string.Formatter reads a template's placeholders: only when a pack is built or a narrative filled (string compiles a pattern at import)",
    "tempfile": "the atomic writer's temporary file (tempfile brings shutil, random, bz2 and lzma), only when a file is written: a report on stdout needs none",
    "shutil": "the terminal's size, only when the text report goes to a terminal (a piped or saved one is 100 columns wide)",
    "click.shell_completion": "shell completion's items, only when the shell asks for completions",
    "pathlib": "a Path for the commands that do not run cold: on Python 3.11 and 3.12 pathlib imports urllib.parse and ipaddress (4 ms), so the modules a cold assess runs keep paths as strings (engine.resources)",
    "engine.render.rich_wrap": "rich's division of a line, only for a text line with wide characters",
    "engine.pack.placeholders": "a pack's sentence templates, checked when the pack is built and filled when a report writes them",
    "unicodedata": "the categories of characters past ASCII, only for an id or key that has some (engine/yamlio/paths.py)",
    "engine.pack.validate": "validating a pack or an assessment read from a file: not for a pack from the cache or an assessment made now",
    "engine.pack.parse": "parsing a pack's conditions, only when the pack is built (not when it is cached)",
    "engine.pack.normal": "a pack's conditions in normal form, only when the pack is built (not when it is cached)",
    "engine.plaindata": "an assessment as plain data, only when it is written as data (JSON, a report): a text assess needs none",
    "rich": "the text layout's measures of wide characters, only for a text that has some (and the terminal's console)",
}


def _modules() -> list[Path]:
    return sorted(p for p in ENGINE.rglob("*.py") if "locale" not in p.parts)


def test_no_module_is_over_300_lines():
    long = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_imports_inside_functions_only_defer_heavy_dependencies():
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, (ast.Import, ast.ImportFrom)):
                    names = [sub.module or ""] if isinstance(sub, ast.ImportFrom) else [a.name for a in sub.names]
                    for name in names:
                        if not any(name == d or name.startswith(d + ".") for d in DEFERRED):
                            found.append(f"{path.relative_to(ROOT)}:{sub.lineno}: {name}")
    assert not found, found


def test_no_file_cites_a_path_outside_the_repository():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    # a sibling folder of the checkout ("shared" beside it), a path climbing out of it, or this machine's work folder
    outside = re.compile(r"(^|[^_\w])" + "shared" + r"/|\.\./\.\./|/" + "work/")
    cited = []
    for name in files:
        path = ROOT / name
        if path.suffix in (".mo", ".png", ".xlsx") or not path.is_file() or name.startswith("tests/test_house.py"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        cited += [f"{name}:{i}" for i, line in enumerate(text.splitlines(), 1) if outside.search(line.replace("rules/_shared/", ""))]
    assert not cited, cited


def test_every_package_ships_in_the_wheel():
    """Each folder of engine/ with an __init__.py is listed in pyproject's packages (else the installed migov lacks it)."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "engine").rglob("__init__.py")}
    assert found - listed == set(), "add to [tool.setuptools] packages in pyproject.toml"
