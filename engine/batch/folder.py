"""The batch's output folder: one batch at a time (a lock), names that never collide, no temporary file left.

- :class:`Lock`: an advisory lock (``flock``) on ``.migov-batch.lock`` in the folder, held for the whole
  run and released by the system if the process dies; a second batch into the same folder is refused
  with one line instead of interleaving its rows into ``summary.csv``. The lock file is opened without
  following a link (``O_NOFOLLOW``; created with ``O_EXCL``) and must be a regular file: a link planted
  under its name (dangling or not) is refused, never followed to create or open its target.
- :func:`check_folder`: no output folder inside a rule pack's folder (nor the bundled rules).
- :class:`Names`: each profile's output stem, unique in the folder however the inputs are named
  (``c.yaml``, ``c.yml`` and ``c-2.yaml``; ``C.yaml`` beside ``c.yaml`` on a case-blind disk; a profile
  called ``index.yaml``, whose report would replace the dashboard), and never the name of an input; a name
  starting with a dot (``.w.yaml``, ``.yaml``) loses its dots (an output never hides, nor looks like a
  temporary file), and a long one is cut so that ``STEM-N.html`` fits the longest file name.
- :func:`sync`: the reports the workers wrote (without an fsync each), made durable at once, before the
  manifest that lists them as done is moved into place: a re-run after a crash or a power cut never
  takes a report the manifest lists for one that is on disk.
- :func:`sweep`: the temporary files a batch writes (``.NAME.json.XXXXXXXX.tmp``, ``.summary.csv.XXXXXXXX.tmp``
  and the like, all made by :mod:`engine.outputs`), removed on every way out (a worker stopped mid-write
  cannot always remove its own); never through a link, never another file.
"""

from __future__ import annotations

import fcntl
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Self

from engine.errors import MigovError
from engine.i18n import _

LOCK = ".migov-batch.lock"
TEMPORARY = re.compile(r"^\..+(?:\.json|\.html|\.csv|~)\.[a-z0-9_]{8}\.tmp$")  # what a batch writes (engine.outputs.temporary_prefix)
NAME_MAX = 255  # bytes of a file name (Linux, macOS, Windows)
RESERVED = frozenset({"index", "summary"})  # index.html is the dashboard, summary.csv the table


class Lock:
    """``with Lock(folder):`` one batch at a time in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK
        self.fd: int | None = None

    def __enter__(self) -> Self:
        flags = os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            try:
                self.fd = os.open(self.path, flags | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                self.fd = os.open(self.path, flags)  # the lock file of an earlier batch; a link is ELOOP, not followed
            if not stat.S_ISREG(os.fstat(self.fd).st_mode):
                self.__exit__(None, None, None)
                raise MigovError(_("is not a regular file (a device, FIFO or socket); migov writes only regular files"), file=str(self.path), field="--output")
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if self.fd is not None:
                os.close(self.fd)
                self.fd = None
            raise MigovError(_("another migov batch is writing to this folder; wait for it to finish or choose another folder"),
                             file=str(self.path.parent), field="--output") from None
        except OSError as exc:
            if os.path.islink(self.path):
                raise MigovError(_("is a symbolic link; migov never follows a link in its output folder: remove it"),
                                 file=str(self.path), field="--output") from None
            raise MigovError(_("cannot write the file: {reason}").format(reason=exc.strerror), file=str(self.path), field="--output") from None
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)


class Names:
    """Unique output stems for one folder, given the input files (whose own names are never taken)."""

    def __init__(self, out: Path, inputs: list[str], suffixes: tuple[str, ...] = ("json", "html")) -> None:
        self.out = os.path.realpath(out)
        self.inputs = _inside(self.out, inputs)
        self.suffixes = suffixes
        self.tail = max(len(os.fsencode(f".{x}")) for x in (*suffixes, "html"))  # "x.fr.html": the longest name of a stem
        self.used: set[str] = set()

    def stem(self, file: str) -> str:
        base = os.path.splitext(os.path.basename(file).lstrip("."))[0] or "profile"  # ".w.yaml": "w"; ".yaml": "profile"
        stem, n = _fit(base, "", self.tail), 1
        while not self._free(stem):
            n += 1
            stem = _fit(base, f"-{n}", self.tail)
        self.used.add(stem.casefold())
        return stem

    def _free(self, stem: str) -> bool:
        if stem.casefold() in self.used or stem.casefold() in RESERVED:
            return False
        return not self.inputs or all(os.path.join(self.out, f"{stem}.{x}") not in self.inputs for x in self.suffixes)


def _fit(base: str, suffix: str, tail: int = len(".html")) -> str:
    """``base + suffix``, ``base`` cut (by bytes, as the file system counts) so that the stem and ``tail`` bytes (``.html``) fit NAME_MAX."""
    room = NAME_MAX - tail - len(os.fsencode(suffix))
    if len(base) * 4 <= room:  # at most 4 bytes a character (a lone surrogate's escaped byte: 1): fits, nothing to count
        return base + suffix
    while len(os.fsencode(base)) > room:  # whole characters taken off the end
        base = base[:-1]
    return base + suffix


def _inside(out: str, inputs: list[str]) -> set[str]:
    """The real paths of the inputs that are in the folder ``out`` (a real path): the only names an output could take from
    an input. A file that is not a link is its folder's real path and its name (one ``lstat``, its folder resolved once)."""
    folders: dict[str, str] = {}
    found: set[str] = set()
    for f in inputs:
        folder = os.path.dirname(f)
        real = folders.get(folder)
        if real is None:
            real = folders[folder] = os.path.realpath(folder or os.curdir)
        if real == out and not os.path.islink(f):
            found.add(os.path.join(real, os.path.basename(f)))
        elif os.path.islink(f) and os.path.dirname(path := os.path.realpath(f)) == out:
            found.add(path)
    return found


def check_folder(out: Path, folders: Iterable[str | Path]) -> None:
    """Refuse an output folder that is one of ``folders`` (the rule packs read, the bundled rules) or inside one."""
    where = Path(os.path.realpath(out))
    for folder in folders:
        guarded = Path(os.path.realpath(folder))
        if where == guarded or guarded in where.parents:
            raise MigovError(_("refusing to write inside a folder of inputs ({folder})").format(folder=folder), file=str(out), field="--output")


def sync(out: Path) -> None:
    """Everything written in ``out``'s file system made durable: Linux's ``syncfs`` on the folder, else ``sync``
    (all file systems). One call instead of an fsync per report (about 0.25 ms each, 1-2 reports a profile)."""
    try:
        fd = os.open(out, os.O_RDONLY)
    except OSError:
        os.sync()
        return
    try:
        import ctypes  # the one call to syncfs, once a batch has written its reports

        syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
        if syncfs is None or syncfs(fd) != 0:
            os.sync()
    except OSError:
        os.sync()
    finally:
        os.close(fd)


def sweep(out: Path) -> None:
    """Remove the temporary files a batch writes in ``out`` (:data:`TEMPORARY`; no other file)."""
    try:
        with os.scandir(out) as entries:
            names = [e.name for e in entries if TEMPORARY.match(e.name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return
    for name in names:
        try:
            os.unlink(os.path.join(out, name))
        except OSError:
            pass
