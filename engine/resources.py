"""Where the bundled data folders are: inside the installed package, else the checkout."""

from __future__ import annotations

from pathlib import Path


def data_dir(name: str) -> Path:
    """A bundled data folder (``rules`` or ``reports``): inside the installed package, else the checkout."""
    here = Path(__file__).resolve().parent  # the engine package
    installed = here / f"_{name}"
    return installed if installed.is_dir() else here.parent / name
