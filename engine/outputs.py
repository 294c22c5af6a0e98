"""Writing a file atomically, the one way migov writes what it produces.

A temporary file in the target's folder, flushed and fsynced, then ``os.replace``: a reader sees the old
file or the new one, never half of one. The new file gets the mode an ordinary new file would (0666 less
the umask, not mkstemp's 0600). Never over an input, never over a folder; on any exception (Ctrl-C
included) the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from engine.errors import MigovError
from engine.i18n import _

Content = str | bytes | Callable[[Path], None]  # text, bytes, or a writer given the temporary file's path


def check_target(target: str | Path, protected: Iterable[str | Path] = (), field: str | None = None) -> None:
    """Refuse to write over an input file or a folder, or into a folder that does not exist."""
    path = Path(target)
    resolved = path.resolve()
    if any(resolved == Path(p).resolve() for p in protected):
        raise MigovError(_("refusing to overwrite an input file"), file=str(target), field=field)
    if path.is_dir():
        raise MigovError(_("is a directory; expected a file to write"), file=str(target), field=field)
    if not _parent(path).is_dir():
        raise MigovError(_("the folder does not exist"), file=str(target), field=field)


def write_atomic(target: str | Path, content: Content, protected: Iterable[str | Path] = (), field: str | None = None) -> Path:
    """Write ``content`` to ``target`` atomically (see the module's docstring); returns the target."""
    check_target(target, protected, field)  # errors name the target as it was given
    target = Path(target)
    fd, name = tempfile.mkstemp(dir=_parent(target), prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        if callable(content):
            os.close(fd)
            content(tmp)
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(fd, "wb") as bfh:
                bfh.write(data)
                bfh.flush()
                os.fsync(bfh.fileno())
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _parent(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")
