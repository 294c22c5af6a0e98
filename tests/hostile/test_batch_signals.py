"""SIGTERM or SIGHUP to a batch with workers: it ends quietly with 128 + the signal, and leaves no temporary file."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.helpers import ROOT

PROFILE = ROOT / "profiles" / "examplia-country.yaml"


@pytest.mark.parametrize("to_group", [False, True], ids=["main", "group"])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_stopped_batch_ends_quietly_and_leaves_nothing(tmp_path, sig, to_group):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    text = PROFILE.read_text(encoding="utf-8")
    for i in range(24):
        (src / f"p{i:02d}.yaml").write_text(text.replace("id: examplia-2026", f"id: p{i}"), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "engine", "batch", str(src), "-o", str(out), "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.time() + 120  # a safety net, not an assertion: the signal is sent once a report exists
    while time.time() < deadline and not (out.exists() and any(out.glob("p*.html"))):
        time.sleep(0.05)
    (os.killpg if to_group else os.kill)(p.pid, sig)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 128 + sig, err
    assert err == "", err  # no worker, fork server or resource tracker traceback
    assert not [n for n in os.listdir(out) if n.endswith(".tmp")]


def _tgkill() -> object:
    """glibc's tgkill (a signal to one thread of another process), or None where the C library has none."""
    try:
        return ctypes.CDLL(None, use_errno=True).tgkill
    except (OSError, AttributeError):
        return None


@pytest.mark.skipif(not sys.platform.startswith("linux") or _tgkill() is None, reason="needs Linux threads and glibc's tgkill")
def test_a_signal_taken_by_a_helper_thread_still_stops_the_batch(tmp_path):
    """The kernel hands a signal sent to the whole group to any thread of the main process: one of the pool's helper
    threads may take it while the main thread waits for a task whose worker the same signal stopped. The batch must still
    end (it waited for ever)."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    text = PROFILE.read_text(encoding="utf-8")
    for i in range(24):
        (src / f"p{i:02d}.yaml").write_text(text.replace("id: examplia-2026", f"id: p{i}"), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "engine", "batch", str(src), "-o", str(out), "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.time() + 120  # a safety net, not an assertion: the signals are sent once a report exists
    while time.time() < deadline and not (out.exists() and any(out.glob("p*.html"))):
        time.sleep(0.05)
    helper = next(int(t) for t in sorted(os.listdir(f"/proc/{p.pid}/task")) if int(t) != p.pid)  # not the main thread
    others = [int(x) for x in os.listdir("/proc") if x.isdigit() and int(x) != p.pid and _group(int(x)) == p.pid]
    _tgkill()(p.pid, helper, signal.SIGTERM)
    for pid in others:  # the workers (the fork server and the resource tracker ignore it)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 128 + signal.SIGTERM, err
    assert err == "", err
    assert not [n for n in os.listdir(out) if n.endswith(".tmp")]


def _group(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None
