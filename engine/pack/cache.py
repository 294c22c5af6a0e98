"""Compiled packs kept between runs, so that a cold ``migov assess`` need not parse YAML and validate the pack.

The key is a digest of everything a compiled pack depends on: the migov version, the Python version,
every file of the pack folder and of the shared references, the engine code that builds packs, and the
tailoring. A pack is never read across versions or after any of those change, and one that cannot be
read is rebuilt. A digest is remembered under the files' stat signature (size, modification and change times,
inode), as ``make`` and git do, so that an unchanged pack is not read and hashed again on every run; a file
changed in the last two seconds is not remembered (a coarse clock could hide a second change). The folder
is the user's cache directory (``MIGOV_CACHE_DIR`` overrides it;
``MIGOV_NO_CACHE=1`` turns the cache off); when it cannot be written, packs are simply not cached.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import time
import zlib
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from engine import __version__
from engine.errors import MigovError
from engine.outputs import write_atomic
from engine.pack.compiled import Pack
from engine.resources import data_dir

_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError, RecursionError)
T = TypeVar("T")
KEEP = 32  # compiled packs kept; the oldest beyond this are removed
_ENGINE = Path(__file__).resolve().parents[1]
_CODE = (".", "pack")  # the folders of the code a compiled pack comes from (the base modules and pack/), and a little more


def cache_dir() -> Path | None:
    if os.environ.get("MIGOV_NO_CACHE"):
        return None
    chosen = os.environ.get("MIGOV_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform.startswith("linux"):  # the XDG rule platformdirs follows on Linux, without importing it every run
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        return Path(xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache")) / "migov" / "packs"
    from platformdirs import user_cache_dir  # platformdirs: the other systems' rules (macOS, Windows)

    return Path(user_cache_dir("migov", appauthor=False)) / "packs"


def pack_digest(root: Path, tailoring: str) -> str:
    """sha256 of what the compiled pack at ``root`` (with ``tailoring``, as canonical JSON) depends on."""
    code = sorted((f for folder in _CODE for f in _files(_ENGINE / folder, recurse=False) if f.name.endswith(".py")), key=lambda f: f.parts)
    files = [(f"{folder}:{f.name}", f) for folder, found in (("pack", _files(root)), ("shared", _files(data_dir("rules") / "_shared")), ("code", code))
             for f in found]
    return files_digest(f"migov {__version__}\0python {sys.version}\0{root}\0{tailoring}\0", files)


def _files(folder: Path, recurse: bool = True) -> list[Path]:
    """The files in ``folder`` (and its subfolders but ``__pycache__``, not through links), in the order of
    ``sorted(folder.rglob("*"))``: read with ``os.scandir``, which knows an entry's kind without a stat."""
    found: list[Path] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_file():
                found.append(folder / entry.name)
            elif recurse and entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                found += _files(folder / entry.name)
    return sorted(found, key=lambda f: f.parts)


def files_digest(head: str, files: list[tuple[str, Path]]) -> str:
    """sha256 of ``head`` and, for each file, its label and the sha256 of its bytes; remembered in the
    cache under the files' stat signature, so that the files are read only when one of them changed."""
    lines, newest = [head], 0
    for label, f in files:
        st = f.stat()
        lines.append(f"{label}\0{f}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
        newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
    signature = "\n".join(lines) + "\n"
    folder = cache_dir()
    memo = folder / f"{zlib.crc32(signature.encode()):08x}-{len(signature)}.stat" if folder else None
    if memo is not None:
        with suppress(OSError, UnicodeDecodeError):
            saved = memo.read_text(encoding="utf-8")
            if saved[:-64] == signature:
                return saved[-64:]
    import hashlib  # OpenSSL loads slowly: only when the files must be read

    h = hashlib.sha256(head.encode())
    for label, f in files:
        h.update(f"{label}\0".encode() + hashlib.sha256(f.read_bytes()).digest())
    digest = h.hexdigest()
    if memo is not None and newest < time.time_ns() - 2_000_000_000:
        with suppress(OSError, MigovError):  # unwritable: not remembered
            memo.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(memo, (signature + digest).encode("utf-8"))
            _prune(memo.parent, "*.stat")
    return digest


def cached_pack(root: Path, tailoring: str, build: Callable[[], Pack]) -> Pack:
    """The compiled pack from the cache, else ``build()`` (then cached if the folder can be written)."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        digest = pack_digest(root, tailoring)
    except OSError:
        return build()
    file = folder / f"{digest}.pickle"
    with suppress(*_UNREADABLE):  # absent, damaged or from another migov: rebuilt below
        with file.open("rb") as fh:
            stamp, pack = pickle.load(fh)
        if stamp == (__version__, digest) and isinstance(pack, Pack):
            _DIGESTS[id(pack)] = (pack, digest)
            return pack
    pack = build()
    _DIGESTS[id(pack)] = (pack, digest)
    with suppress(OSError, MigovError, pickle.PicklingError, TypeError, AttributeError, RecursionError):  # unwritable: no cache
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(file, pickle.dumps(((__version__, digest), pack), protocol=pickle.HIGHEST_PROTOCOL))
        _prune(folder)
    return pack


_DIGESTS: dict[int, tuple[Pack, str]] = {}  # id of a pack cached_pack returned -> (the pack, its digest)


class _Pickler(pickle.Pickler):
    """Pickles the pack an object refers to as a reference to it (restored as the live pack)."""

    def __init__(self, file: BinaryIO, pack: Pack) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.pack = pack

    def persistent_id(self, obj: Any) -> str | None:
        return "pack" if obj is self.pack else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: BinaryIO, pack: Pack) -> None:
        super().__init__(file)
        self.pack = pack

    def persistent_load(self, pid: Any) -> Pack:
        if pid != "pack":
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self.pack


def cached_beside(pack: Pack, kind: str, code: list[Path], build: Callable[[], T], accept: type[T]) -> T:
    """``build()``, an object made from a pack :func:`cached_pack` returned, kept beside the pack under its
    digest with ``kind`` and the bytes of ``code`` (the modules it is made by); its references to the
    pack are kept as references. Built again when any of them changes, or when the cache cannot be used."""
    folder = cache_dir()
    entry = _DIGESTS.get(id(pack))
    if folder is None or entry is None or entry[0] is not pack:
        return build()
    try:
        digest = files_digest(f"{entry[1]}\0{kind}\0", [(f.name, f) for f in code])
    except OSError:
        return build()
    file = folder / f"{digest}.pickle"
    with suppress(*_UNREADABLE):
        with file.open("rb") as fh:
            stamp, made = _Unpickler(fh, pack).load()
        if stamp == (__version__, digest) and isinstance(made, accept):
            return made
    made = build()
    with suppress(OSError, MigovError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        buffer = io.BytesIO()
        _Pickler(buffer, pack).dump(((__version__, digest), made))
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(file, buffer.getvalue())
        _prune(folder)
    return made


def cached_text(kind: str, files: list[Path], compute: Callable[[], str]) -> str:
    """``compute()``, kept in the cache under a digest of the migov and Python versions, ``kind`` and the
    names and bytes of ``files`` (the inputs and the code the answer comes from); computed again when
    any of them changes, or when the cache is off or cannot be read or written."""
    folder = cache_dir()
    if folder is None:
        return compute()
    try:
        digest = files_digest(f"migov {__version__}\0python {sys.version}\0{kind}\0", [(str(f), f) for f in files])
    except OSError:
        return compute()
    file = folder / f"{digest}.txt"
    with suppress(OSError, UnicodeDecodeError):
        return file.read_text(encoding="utf-8")
    answer = compute()
    with suppress(OSError, MigovError):  # unwritable: not kept
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(file, answer.encode("utf-8"))
        _prune(folder, "*.txt")
    return answer


def _prune(folder: Path, pattern: str = "*.pickle") -> None:
    entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
