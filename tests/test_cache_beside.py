"""What the pack cache keeps beside a compiled pack (the durable plan) and the default pack's name."""

from __future__ import annotations

import os

import pytest

from engine.evaluate.durable.compiler import Plan, compile_pack
from engine.pack import cache, loading
from engine.pack.loading import build_pack, resolve_pack_dir


def test_the_durable_plan_is_kept_beside_its_pack_and_refers_to_the_live_pack(tmp_path, monkeypatch):
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(tmp_path / "c"))
    root = resolve_pack_dir(None).resolve()
    pack = cache.cached_pack(root, "", lambda: build_pack(root))
    built: list[Plan] = []

    def build() -> Plan:
        built.append(compile_pack(pack))
        return built[-1]

    code = [tmp_path / "code.py"]
    code[0].write_text("one", encoding="utf-8")
    first = cache.cached_beside(pack, "plan", code, build, Plan)
    again = cache.cached_beside(pack, "plan", code, build, Plan)
    assert len(built) == 1 and again is not first and again.pack is pack
    assert again.digest == first.digest and [r.rules for r in again.final] == [r.rules for r in first.final]
    code[0].write_text("two", encoding="utf-8")  # the code that makes it changed: made again
    cache.cached_beside(pack, "plan", code, build, Plan)
    assert len(built) == 2
    for entry in (tmp_path / "c").glob("*.pickle"):
        if entry.stat().st_size < 200_000 and b"Plan" in entry.read_bytes():  # the plan, not the pack (over 300 KB)
            entry.write_bytes(b"damaged")
    cache.cached_beside(pack, "plan", code, build, Plan)
    assert len(built) == 3
    other = build_pack(root)  # not a pack the cache returned: never read from the cache
    cache.cached_beside(other, "plan", code, build, Plan)
    assert len(built) == 4


@pytest.mark.parametrize("damage", [False, True])
def test_the_default_pack_is_kept_and_a_damaged_answer_is_not_trusted(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(tmp_path / "c"))
    names = loading.bundled_packs()
    expected = loading._default_of(names)
    assert loading.default_pack() == expected
    (kept,) = (tmp_path / "c").glob("*.txt")
    if damage:
        kept.write_text("no-such-pack", encoding="utf-8")
    assert loading.default_pack() == expected
    monkeypatch.setenv("MIGOV_NO_CACHE", "1")
    assert loading.default_pack() == expected


def test_a_digest_is_remembered_by_the_files_stat_and_read_again_when_one_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("MIGOV_CACHE_DIR", str(tmp_path / "c"))
    files = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    for f in files:
        f.write_text("one", encoding="utf-8")
    labelled = [(f.name, f) for f in files]
    fresh = cache.files_digest("head", labelled)
    assert not list((tmp_path / "c").glob("*.stat"))  # changed in the last two seconds: not remembered
    for f in files:  # as if written a minute ago
        os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns - 60_000_000_000))
    monkeypatch.setattr(cache.time, "time_ns", lambda: max(f.stat().st_ctime_ns for f in files) + 60_000_000_000)
    assert cache.files_digest("head", labelled) == fresh
    assert len(list((tmp_path / "c").glob("*.stat"))) == 1
    read: list[str] = []
    real = cache._bytes
    monkeypatch.setattr(cache, "_bytes", lambda file: read.append(os.path.basename(file)) or real(file))
    assert cache.files_digest("head", labelled) == fresh and read == []  # unchanged: not read again
    files[1].write_text("two", encoding="utf-8")  # same size, new change time: read and hashed again
    changed = cache.files_digest("head", labelled)
    assert changed != fresh and read == ["a.yaml", "b.yaml"]
    assert cache.files_digest("other head", labelled) not in (fresh, changed)
