"""The migov process (the ``migov`` command, ``python -m engine``) tunes its collector before click and migov are
imported; a program that imports ``engine.cli`` keeps its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _after_import(module: str) -> dict[str, object]:
    """The collector's threshold after importing ``module`` in a new interpreter, and whether a collection ran once click
    had begun to load (one before, while the interpreter finds and loads the ``engine`` package, is not the CLI's)."""
    code = ("import gc, json, sys; seen = []; "
            "gc.callbacks.append(lambda phase, info: phase == 'start' and seen.append('click' in sys.modules)); "
            f"import {module}; "
            "print(json.dumps({'threshold': gc.get_threshold(), 'during_the_cli': any(seen)}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_the_process_entry_point_loads_click_and_the_cli_without_a_collection():
    seen = _after_import("engine.program")
    assert seen["during_the_cli"] is False
    assert seen["threshold"][0] > 700


def test_a_program_importing_the_cli_keeps_its_collector():
    assert _after_import("engine.cli")["threshold"] == _after_import("json")["threshold"]  # the interpreter's own


def test_the_command_and_python_m_engine_run_through_the_process_entry_point():
    scripts = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'migov = "engine.program:main"' in scripts
    assert (ROOT / "engine" / "__main__.py").read_text(encoding="utf-8").startswith("from engine.program import main")
