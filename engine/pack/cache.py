"""Compiled packs kept between runs, so that a cold ``migov assess`` need not parse YAML and validate the pack.

The key is a digest of everything a compiled pack depends on: the migov version, the Python version,
every file of the pack folder and of the shared references, the engine code that builds packs, and the
tailoring. A pack is never read across versions or after any of those change, and one that cannot be
read is rebuilt. A digest is remembered under the files' stat signature (size, modification and change times,
inode), as ``make`` and git do, so that an unchanged pack is not read and hashed again on every run; a file
changed in the last two seconds is not remembered (a coarse clock could hide a second change). The folder
is the user's cache directory (``MIGOV_CACHE_DIR`` overrides it;
``MIGOV_NO_CACHE=1`` turns the cache off); when it cannot be written, packs are simply not cached.

A pickle runs code when it is loaded, so the folder must be private: created 0700, and used only when it is a
folder owned by the user that no one else can write (else one warning line, and no cache). A pickle is loaded only
from a regular file in it (not through a link) owned by the user and writable by no one else; every file is
written 0600. migov's files are named ``migov-`` and a digest (:data:`OWN`): the clean-up that keeps the newest
:data:`KEEP` removes only those, never another file of a folder ``MIGOV_CACHE_DIR`` names. The report templates'
compiled code (jinja's bytecode cache, ``engine/render/templates.py``) lives in ``templates/`` of the same folder.
"""

from __future__ import annotations

import binascii
import io
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from os import PathLike
from typing import Any, BinaryIO, TypeVar

from engine import __version__
from engine.errors import MigovError
from engine.escape import filename
from engine.i18n import _
from engine.pack.compiled import Pack
from engine.resources import data_folder

try:  # the C pickler that pickle.py re-exports: pickle.py itself (its Python pickler, struct) costs about 2 ms a cold start
    import _pickle as pickle
except ImportError:  # an interpreter without it: the standard module (tests/test_cli_structure.py runs the cache that way too)
    import pickle  # type: ignore[no-redef]

_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError, RecursionError)
T = TypeVar("T")
PROTOCOL = 5  # pickle.HIGHEST_PROTOCOL since Python 3.8 (_pickle does not name it)
KEEP = 32  # compiled packs kept; the oldest beyond this are removed
_ENGINE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
_CODE = (".", "pack")  # the folders of the code a compiled pack comes from (the base modules and pack/), and a little more


OWN = {"pickle": r"migov-[0-9a-f]{64}\.pickle", "txt": r"migov-[0-9a-f]{64}\.txt",
       "stat": r"migov-[0-9a-f]{8}-[0-9]+\.stat"}  # the names of the files migov writes, by kind (compiled when a file is written)
_CHECKED: dict[str, str | None] = {}  # each folder checked once a process


def cache_dir() -> str | None:
    """The private cache folder (created 0700 when missing), or None: the cache off, the folder not private or unwritable."""
    if os.environ.get("MIGOV_NO_CACHE"):
        return None
    chosen = _chosen()
    if chosen not in _CHECKED:
        _CHECKED[chosen] = _private(chosen)
    return _CHECKED[chosen]


def _chosen() -> str:
    chosen = os.environ.get("MIGOV_CACHE_DIR")
    if chosen:
        return chosen
    if sys.platform.startswith("linux"):  # the XDG rule platformdirs follows on Linux, without importing it every run
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        return os.path.join(xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache"), "migov", "packs")
    from platformdirs import user_cache_dir  # platformdirs: the other systems' rules (macOS, Windows)

    return os.path.join(user_cache_dir("migov", appauthor=False), "packs")


def _private(folder: str) -> str | None:
    """``folder`` when it is (or is made) a folder of the user's that no one else can write; else None."""
    try:
        try:
            st = os.stat(folder)
        except FileNotFoundError:
            os.makedirs(folder, mode=0o700)
            st = os.stat(folder)
    except OSError:
        return None  # cannot be made: no cache, not an error
    if not stat.S_ISDIR(st.st_mode):
        return None
    reason = None
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        reason = _("it belongs to another user")
    elif hasattr(os, "getuid") and st.st_mode & 0o022:
        reason = _("others can write to it")
    if reason is None:
        return folder
    sys.stderr.write(_("migov: warning: {folder}: the cache folder is not private ({reason}); nothing is cached").format(
        folder=filename(folder), reason=reason) + "\n")
    return None


def _load(file: str, load: Callable[[BinaryIO], Any]) -> Any:
    """``load`` of ``file`` when it is a regular file (not a link) of the user's that no one else can write; else OSError."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022 or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            raise OSError(f"not loaded: {file}")
        return load(fh)


def _keep(file: str, data: bytes, pattern: str) -> None:
    """``data`` written to ``file`` (0600), then the oldest of migov's files of that kind beyond :data:`KEEP` removed."""
    from engine.outputs import write_atomic  # only when a file is kept: a run on a cached pack writes none

    os.makedirs(os.path.dirname(file), mode=0o700, exist_ok=True)
    write_atomic(file, data, mode=0o600)
    _prune(os.path.dirname(file), pattern)


def pack_digest(root: str, tailoring: str) -> str:
    """sha256 of what the compiled pack at ``root`` (with ``tailoring``, as canonical JSON) depends on."""
    code = sorted((f for folder in _CODE for f in _files(os.path.normpath(os.path.join(_ENGINE, folder)), recurse=False) if f.endswith(".py")), key=_parts)
    files = [(f"{folder}:{os.path.basename(f)}", f) for folder, found in (("pack", _files(root)), ("shared", _files(os.path.join(data_folder("rules"), "_shared"))),
                                                                          ("code", code)) for f in found]
    return files_digest(f"migov {__version__}\0python {sys.version}\0{root}\0{tailoring}\0", files)


def _parts(path: str) -> list[str]:
    return path.split(os.sep)


def _files(folder: str, recurse: bool = True) -> list[str]:
    """The files in ``folder`` (and its subfolders but ``__pycache__``, not through links), in the order of
    ``sorted(Path(folder).rglob("*"))``: read with ``os.scandir``, which knows an entry's kind without a stat, as
    strings (the sixty-odd files of a pack and its code need no Path object each to be stat'ed)."""
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_file():
                found.append(entry.path)
            elif recurse and entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                found += _files(entry.path)
    return sorted(found, key=_parts)


def files_digest(head: str, files: Sequence[tuple[str, str | PathLike[str]]]) -> str:
    """sha256 of ``head`` and, for each file, its label and the sha256 of its bytes; remembered in the
    cache under the files' stat signature, so that the files are read only when one of them changed."""
    lines, newest = [head], 0
    for label, f in files:
        st = os.stat(f)
        lines.append(f"{label}\0{f}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
        newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
    signature = "\n".join(lines) + "\n"
    folder = cache_dir()
    # binascii's CRC-32 is zlib's (the same names), and YAML's reading has imported binascii already: zlib is not loaded for it
    memo = os.path.join(folder, f"migov-{binascii.crc32(signature.encode()):08x}-{len(signature)}.stat") if folder else None
    if memo is not None:
        with suppress(OSError, UnicodeDecodeError):
            with open(memo, encoding="utf-8") as fh:
                saved = fh.read()
            if saved[:-64] == signature:
                return saved[-64:]
    import hashlib  # OpenSSL loads slowly: only when the files must be read

    h = hashlib.sha256(head.encode())
    for label, f in files:
        h.update(f"{label}\0".encode() + hashlib.sha256(_bytes(f)).digest())
    digest = h.hexdigest()
    if memo is not None and newest < time.time_ns() - 2_000_000_000:
        with suppress(OSError, MigovError):  # unwritable: not remembered
            _keep(memo, (signature + digest).encode("utf-8"), "stat")
    return digest


def cached_pack(root: str, tailoring: str, build: Callable[[], Pack]) -> Pack:
    """The compiled pack from the cache, else ``build()`` (then cached if the folder can be written)."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        digest = pack_digest(root, tailoring)
    except OSError:
        return build()
    file = os.path.join(folder, f"migov-{digest}.pickle")
    with suppress(*_UNREADABLE):  # absent, damaged, not the user's own or from another migov: rebuilt below
        stamp, pack = _load(file, pickle.load)
        if stamp == (__version__, digest) and isinstance(pack, Pack):
            _DIGESTS[id(pack)] = (pack, digest)
            return pack
    pack = build()
    _DIGESTS[id(pack)] = (pack, digest)
    with suppress(OSError, MigovError, pickle.PicklingError, TypeError, AttributeError, RecursionError):  # unwritable: no cache
        _keep(file, pickle.dumps(((__version__, digest), pack), protocol=PROTOCOL), "pickle")
    return pack


_DIGESTS: dict[int, tuple[Pack, str]] = {}  # id of a pack cached_pack returned -> (the pack, its digest)


class _Pickler(pickle.Pickler):
    """Pickles the pack an object refers to as a reference to it (restored as the live pack)."""

    def __init__(self, file: BinaryIO, pack: Pack) -> None:
        super().__init__(file, protocol=PROTOCOL)
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


def in_cache(pack: Pack) -> bool:
    """Whether ``pack`` is one :func:`cached_pack` returned from a cache folder it can use: what :func:`cached_beside`
    keeps beside it is then read back in the next process, not built again."""
    entry = _DIGESTS.get(id(pack))
    return entry is not None and entry[0] is pack and cache_dir() is not None


def cached_beside(pack: Pack, kind: str, code: list[str], build: Callable[[], T], accept: type[T]) -> T:
    """``build()``, an object made from a pack :func:`cached_pack` returned, kept beside the pack under its
    digest with ``kind`` and the bytes of ``code`` (the modules it is made by); its references to the
    pack are kept as references. Built again when any of them changes, or when the cache cannot be used."""
    folder = cache_dir()
    entry = _DIGESTS.get(id(pack))
    if folder is None or entry is None or entry[0] is not pack:
        return build()
    try:
        digest = files_digest(f"{entry[1]}\0{kind}\0", [(os.path.basename(f), f) for f in code])
    except OSError:
        return build()
    file = os.path.join(folder, f"migov-{digest}.pickle")
    with suppress(*_UNREADABLE):
        stamp, made = _load(file, lambda fh: _Unpickler(fh, pack).load())
        if stamp == (__version__, digest) and isinstance(made, accept):
            return made
    made = build()
    with suppress(OSError, MigovError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        buffer = io.BytesIO()
        _Pickler(buffer, pack).dump(((__version__, digest), made))
        _keep(file, buffer.getvalue(), "pickle")
    return made


def cached_text(kind: str, files: list[str], compute: Callable[[], str]) -> str:
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
    file = os.path.join(folder, f"migov-{digest}.txt")
    with suppress(OSError, UnicodeDecodeError), open(file, encoding="utf-8") as fh:
        return fh.read()
    answer = compute()
    with suppress(OSError, MigovError):  # unwritable: not kept
        _keep(file, answer.encode("utf-8"), "txt")
    return answer


def _bytes(file: str | PathLike[str]) -> bytes:
    with open(file, "rb") as fh:
        return fh.read()


def _prune(folder: str, kind: str) -> None:
    """The oldest of migov's own files of ``kind`` beyond :data:`KEEP` removed: by name (:data:`OWN`), regular files only."""
    own = re.compile(OWN[kind])
    with os.scandir(folder) as entries:
        found = [(e.stat(follow_symlinks=False).st_mtime, e.path) for e in entries if own.fullmatch(e.name) and e.is_file(follow_symlinks=False)]
    for _mtime, old in sorted(found, reverse=True)[KEEP:]:
        with suppress(FileNotFoundError):
            os.unlink(old)
