"""Where the bundled data folders are (inside the installed package, else the checkout), and the little of ``pathlib``
a cold command needs, on strings: on Python 3.11 and 3.12 ``pathlib`` imports ``urllib.parse`` and ``ipaddress``, 4 ms
of a cold ``assess``, so the modules it runs take and keep paths as strings (and accept a ``Path``)."""

from __future__ import annotations

import os
from os import PathLike
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def data_folder(name: str) -> str:
    """A bundled data folder (``rules`` or ``reports``): inside the installed package, else the checkout."""
    here = os.path.dirname(os.path.realpath(__file__))  # the engine package
    installed = os.path.join(here, f"_{name}")
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(here), name)


def data_dir(name: str) -> Path:
    """:func:`data_folder` as a :class:`~pathlib.Path`, for the commands that do not run cold."""
    from pathlib import Path  # not on a cold assess's path (see data_folder)

    return Path(data_folder(name))


def suffix(path: str | PathLike[str]) -> str:
    """``Path(path).suffix``: the extension of the last part, none for a name that starts or ends with its only dot.

    >>> suffix("r.HTML"), suffix("a/b.tar.gz"), suffix(".bashrc"), suffix("x."), suffix("out.json/"), suffix("dir.d/f")
    ('.HTML', '.gz', '', '', '.json', '')
    """
    name = os.path.basename(os.fspath(path).rstrip("/"))
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""
