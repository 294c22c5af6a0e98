"""``migov batch``, the main process's side before and after the workers: the profile files, the jobs (a profile
whose inputs did not change is not redone), the check that ids are unique, the digests that say what changed."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from engine import __version__
from engine.batch.folder import Names
from engine.batch.row import Row
from engine.batch.table import Done, done, read_manifest
from engine.errors import MigovError, in_words
from engine.i18n import _
from engine.pack.compiled import Pack

PROFILE_SUFFIXES = (".yaml", ".yml", ".xlsx")


def collect(paths: list[Path]) -> list[str]:
    """Profile files named, or found (not recursively) in the folders named; sorted, unique.

    Plain strings, not Path objects: a list of 100,000 of them stays small.
    """
    out: list[str] = []
    for p in paths:
        if p.is_dir():
            with os.scandir(p) as entries:  # a name's suffix, as os.path.splitext takes it (a hidden file is skipped first)
                names = sorted(e.name for e in entries if not e.name.startswith(".") and e.name.lower().endswith(PROFILE_SUFFIXES) and e.is_file())
            folder = os.path.join(str(p), "")  # as os.path.join(p, name) writes each: 100,000 calls of it took a tenth of a second
            out += [folder + n for n in names]
        elif p.exists():
            out.append(str(p))
        else:
            raise MigovError(_("no such file or folder"), file=str(p))
    return list(dict.fromkeys(out))


def pack_digest(pack: Pack) -> str:
    h = hashlib.sha256()
    for f in sorted(pack.files, key=lambda name: name.split(os.sep)):  # in the order of their parts, as Paths sort
        h.update(os.path.basename(f).encode() + hashlib.sha256(Path(f).read_bytes()).digest())
    if pack.tailoring:
        h.update(json.dumps(pack.tailoring["source"], sort_keys=True, default=str).encode())
    return h.hexdigest()


def languages_of(lang: str | None) -> tuple[str, ...]:
    """The languages of ``--lang`` (``en,fr``: each profile's reports in both); none: each profile's own language.

    >>> languages_of("en, fr,en"), languages_of("fr"), languages_of(None)
    (('en', 'fr'), ('fr',), ())
    """
    return tuple(dict.fromkeys(x.strip() for x in (lang or "").split(",") if x.strip()))


def suffixes(langs: tuple[str, ...], formats: tuple[str, ...]) -> tuple[str, ...]:
    """The outputs of a profile after its stem: ``json``, ``html``; with several languages ``en.json``, ``fr.html``…"""
    return tuple(f"{lang}.{x}" for lang in langs for x in formats) if len(langs) > 1 else formats


def plan_jobs(files: list[str], out: Path, base: str, langs: tuple[str, ...] = ()) -> Iterator[tuple[str, str, str] | Row]:
    """For each file, in order: a job to run, or the previous row when nothing changed.

    Only ``stat`` is read (no file contents); a profile whose size, time and outputs are unchanged is
    not redone. A row of the manifest is reused only under the output stem this run gives its file: a forged
    row cannot name another file. A generator, so that memory does not grow with the number of profiles.
    """
    previous, formats = read_manifest(out, base)
    outputs = suffixes(langs, tuple(formats))
    names = Names(out, files, suffixes(langs, ("json", "html")))  # unique stems, never an input's name, never the dashboard's
    for f in files:
        stem = names.stem(f)
        st = os.stat(f)
        digest = hashlib.sha256(f"{base}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:32]
        old = previous.pop(f, None)
        if old is not None and old.digest == digest and old.stem == stem and (not old.ok or all((out / f"{stem}.{x}").exists() for x in outputs)):
            yield old
        else:
            yield (f, stem, digest)


def check_id(row: Row, seen: dict[str, str]) -> Row:
    """The row, or an error row when another profile of the batch has its id and period (two rounds differ by period)."""
    if not row.ok or row.id is None:
        return row
    first = seen.setdefault(f"{row.pack}|{row.id}|{row.period}", row.file)
    if first == row.file:
        return row
    return Row(file=row.file, stem=row.stem, ok=False, digest=row.digest,
               error=in_words(MigovError(_("id: '{id}' (period {period}) is also the id of {other}; each profile needs its own id, or another period").format(
                   id=row.id, period=row.period or "—", other=first), file=row.file)))


def base_digest(pack: Pack, lang: str | None, formats: tuple[str, ...]) -> str:
    return hashlib.sha256(f"{__version__}|{pack_digest(pack)}|{lang}|{','.join(formats)}".encode()).hexdigest()


def check_done(item: Done, seen: dict[str, int], at: int, files: list[str], dimensions: list[str]) -> Done:
    """:func:`check_id` of the batch's row number ``at`` (``files[at]``'s: the rows come in the files' order); ``seen`` maps
    an id's key to the number of its first profile (not a copy of its name). The row is read back from its manifest line
    only when its id is taken."""
    if item.key is None:
        return item
    first = files[seen.setdefault(item.key, at)]
    if first == item.file:
        return item
    return done(check_id(Row(**json.loads(item.manifest)), {item.key: first}), dimensions)
