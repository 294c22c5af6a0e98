"""Writing a file atomically, the one way migov writes what it produces.

A temporary file in the target's folder, flushed and fsynced, then ``os.replace``: a reader sees the old
file or the new one, never half of one. ``durable=False`` leaves out the fsync for a caller that makes
many files durable at once (``migov batch`` syncs its folder's file system once, before its manifest
lists them: :func:`engine.batch.folder.sync`). The new file gets the mode an ordinary new file would (0666 less
the umask, not mkstemp's 0600). Never over an input (the same file by path or by inode, so a hard or
symbolic link to an input is refused too), never over a folder or a non-regular file (a device such as
/dev/null, a FIFO, a socket: replacing one would break the system); on any exception (Ctrl-C included)
the temporary file is removed and the target is untouched. A full disk or a read-only folder is a
one-line :class:`MigovError`.

Every temporary file is made by ``tempfile.mkstemp`` (``O_CREAT|O_EXCL|O_NOFOLLOW``, a random name, mode 0600
until it is complete): a link planted in the folder under a name migov might use is never followed, and a
file already there is never opened. Its name, ``.NAME.XXXXXXXX.tmp``, is shortened (``.NAM~.XXXXXXXX.tmp``)
so that it fits the file system's longest name (``NAME_MAX``) whenever the target's own name does:
:func:`temporary` makes one for a caller that writes a file over time (``migov batch``'s summary).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from os import PathLike
from pathlib import Path
from typing import IO

from engine.errors import MigovError
from engine.i18n import _

Content = str | bytes | Callable[[Path], None]  # text, bytes, or a writer given the temporary file's path


def check_target(target: str | PathLike[str], protected: Iterable[str | PathLike[str]] = (), field: str | None = None) -> None:
    """Refuse to write over an input file, a folder or a non-regular file, or into a missing folder.

    ``protected`` holds the inputs: files, and folders (a rule pack's) inside which nothing is written.
    """
    path = Path(target)
    resolved = path.resolve()
    try:
        st: os.stat_result | None = os.stat(path)
    except OSError:
        st = None
    for p in protected:
        guarded = Path(p).resolve()
        if resolved == guarded or (st is not None and _same(st, p)):
            raise MigovError(_("refusing to overwrite an input file"), file=str(target), field=field)
        if guarded.is_dir() and guarded in resolved.parents:  # a folder of inputs (a rule pack): nothing written inside
            raise MigovError(_("refusing to write inside a folder of inputs ({folder})").format(folder=p), file=str(target), field=field)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise MigovError(_("is a directory; expected a file to write"), file=str(target), field=field)
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise MigovError(_("is not a regular file (a device, FIFO or socket); migov writes only regular files"), file=str(target), field=field)
    if not _parent(path).is_dir():
        raise MigovError(_("the folder does not exist"), file=str(target), field=field)


def _same(st: os.stat_result, other: str | PathLike[str]) -> bool:
    try:
        o = os.stat(other)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (o.st_dev, o.st_ino)


def write_atomic(target: str | PathLike[str], content: Content, protected: Iterable[str | PathLike[str]] = (), field: str | None = None,
                 durable: bool = True, mode: int | None = None) -> Path:
    """Write ``content`` to ``target`` atomically (see the module's docstring); returns the target. ``mode``: the new
    file's (the cache's private 0600), else an ordinary new file's."""
    check_target(target, protected, field)  # errors name the target as it was given
    target = Path(target)
    fd, tmp = _mkstemp(target, field)
    try:
        if callable(content):
            os.close(fd)
            content(tmp)
            if durable:
                with tmp.open("rb+") as fh:
                    os.fsync(fh.fileno())
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(fd, "wb") as bfh:
                bfh.write(data)
                bfh.flush()
                if durable:
                    os.fsync(bfh.fileno())
        publish(tmp, target, mode)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _cannot_write(target, exc, field) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def temporary(target: str | Path, protected: Iterable[str | Path] = (), field: str | None = None) -> tuple[IO[str], Path]:
    """A new temporary file for ``target`` (in its folder, never through a link), open for UTF-8 text, and its
    path: written over time, then moved into place by :func:`publish`, or removed by the caller."""
    check_target(target, protected, field)
    fd, tmp = _mkstemp(Path(target), field)
    return os.fdopen(fd, "w", encoding="utf-8", newline=""), tmp


def publish(tmp: Path, target: str | Path, mode: int | None = None) -> None:
    """The complete temporary file ``tmp`` given ``mode`` (else an ordinary new file's) and renamed to ``target``."""
    os.chmod(tmp, 0o666 & ~umask() if mode is None else mode)
    os.replace(tmp, target)


def _mkstemp(target: Path, field: str | None) -> tuple[int, Path]:
    import tempfile  # shutil, random and the compression modules: only when a file is written, not for stdout

    folder = _parent(target)
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=temporary_prefix(target.name, folder), suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(target, exc, field) from None
    return fd, Path(name)


def temporary_prefix(name: str, folder: str | Path = ".") -> str:
    """``.NAME.``, or ``.NAM~.`` cut so that ``.NAM~.XXXXXXXX.tmp`` fits the folder's longest file name.

    >>> temporary_prefix("summary.csv"), len(os.fsencode(temporary_prefix("é" * 127)))
    ('.summary.csv.', 242)
    """
    room = _name_max(folder) - len(".XXXXXXXX.tmp")
    raw = os.fsencode(name)
    if len(raw) + 2 <= room:
        return f".{name}."
    return "." + os.fsdecode(raw[:room - 3]) + "~."  # a cut inside a character leaves bytes kept as they are


def _name_max(folder: str | Path) -> int:
    try:
        return min(os.pathconf(folder, "PC_NAME_MAX"), 255)
    except (OSError, ValueError):
        return 255


def _cannot_write(target: Path, exc: OSError, field: str | None) -> MigovError:
    return MigovError(_("cannot write the file: {reason}").format(reason=exc.strerror or type(exc).__name__), file=str(target), field=field)


def umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _parent(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")
