"""Shared folders: a link planted in a batch's output folder is never followed, and the caches run no one else's code
and delete no one else's files."""

from __future__ import annotations

import os
import pickle
import stat

import pytest

from engine.pack import cache
from engine.pack.loading import build_pack, resolve_pack_dir
from tests.helpers import ROOT
from tests.hostile.common import assert_clean, migov

PROFILE = ROOT / "profiles" / "examplia-country.yaml"


@pytest.mark.parametrize("name", [".summary.csv.tmp", "..migov-batch.json.tmp", ".summary.csv.abcdefgh.tmp"])
def test_a_link_under_a_temporary_name_is_never_followed(tmp_path, name):
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    out.mkdir()
    victim.write_text("mine", encoding="utf-8")
    os.symlink(victim, out / name)
    assert_clean(migov("batch", str(PROFILE), "-o", str(out), "--formats", "none"), (0,))
    assert victim.read_text(encoding="utf-8") == "mine" and (out / "summary.csv").is_file()


@pytest.mark.parametrize("dangling", [True, False])
def test_a_link_named_as_the_lock_is_refused(tmp_path, dangling):
    out, target = tmp_path / "out", tmp_path / "target"
    out.mkdir()
    if not dangling:
        target.write_text("mine", encoding="utf-8")
    os.symlink(target, out / ".migov-batch.lock")
    r = migov("batch", str(PROFILE), "-o", str(out), "--formats", "none")
    assert_clean(r, (2,), r"\.migov-batch\.lock: --output: is a symbolic link")
    assert (not target.exists()) if dangling else target.read_text(encoding="utf-8") == "mine"
    assert not (out / "summary.csv").exists()


def test_a_temporary_name_fits_the_longest_file_name(tmp_path):
    out = tmp_path / ("r" * 250 + ".json")
    assert_clean(migov("assess", str(PROFILE), "--format", "json", "-o", str(out)), (0,))
    assert out.is_file() and [p.name for p in tmp_path.iterdir()] == [out.name]


def _cached(env_dir):
    return {"MIGOV_NO_CACHE": "", "MIGOV_CACHE_DIR": str(env_dir)}


def test_the_cache_deletes_only_its_own_files_and_keeps_templates_inside(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o700)
    theirs = [folder / f"note{i}.txt" for i in range(40)] + [folder / f"data{i}.pickle" for i in range(40)] + [folder / "a.stat"]
    for f in theirs:
        f.write_text("mine", encoding="utf-8")
    for _ in range(2):
        assert_clean(migov("assess", str(PROFILE), "--format", "html", env=_cached(folder)), (0,))
    assert all(f.read_text(encoding="utf-8") == "mine" for f in theirs)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # nothing beside the named folder (the templates were in ../templates)
    assert any((folder / "templates").rglob("*.cache"))
    own = [p for p in folder.iterdir() if p.name.startswith("migov-")]
    assert own and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in own)
    for kind in ("pickle", "txt", "stat"):  # the clean-up itself, with more than it keeps
        for i in range(cache.KEEP + 5):
            (folder / f"migov-{i:064x}.{kind}" if kind != "stat" else folder / f"migov-{i:08x}-1.stat").write_bytes(b"")
        cache._prune(folder, kind)
    assert all(f.exists() for f in theirs)
    assert len([p for p in folder.iterdir() if p.name.startswith("migov-") and p.suffix == ".txt"]) == cache.KEEP


@pytest.mark.parametrize("how", ["group-writable", "world-writable", "another-owner"])
def test_a_cache_folder_others_can_write_is_not_used(tmp_path, how):
    folder = tmp_path / "shared"
    folder.mkdir()
    if how == "another-owner":
        if os.getuid() != 0:
            pytest.skip("giving a folder to another user needs root")
        os.chown(folder, 12345, 12345)
        folder.chmod(0o755)
    else:
        folder.chmod(0o770 if how == "group-writable" else 0o1777)
    r = migov("assess", str(PROFILE), env=_cached(folder))
    assert_clean(r, (0,))
    (line,) = r.stderr.splitlines()
    assert "the cache folder is not private" in line
    assert not list(folder.iterdir())


@pytest.mark.parametrize("how", ["world-writable", "another-owner", "link"])
def test_a_pickle_is_loaded_only_from_the_users_own_file(tmp_path, monkeypatch, how):
    folder, marker = tmp_path / "c", tmp_path / "ran"
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(folder))
    root = resolve_pack_dir(None).resolve()
    built: list[int] = []

    def build():
        built.append(1)
        return build_pack(root)

    cache.cached_pack(root, "", build)
    (entry,) = folder.glob("migov-*.pickle")

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    planted = tmp_path / "planted.pickle"
    planted.write_bytes(pickle.dumps(Payload()))
    entry.unlink()
    if how == "link":
        os.symlink(planted, entry)
    else:
        os.replace(planted, entry)
        if how == "world-writable":
            entry.chmod(0o666)
        elif os.getuid() == 0:
            os.chown(entry, 12345, 12345)
        else:
            pytest.skip("giving a file to another user needs root")
    cache.cached_pack(root, "", build)
    assert not marker.exists() and len(built) == 2
