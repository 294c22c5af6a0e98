"""SIGTERM or SIGHUP to a batch with workers: it ends quietly with 128 + the signal, and leaves no temporary file."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

import pytest

from tests.helpers import batch_under_way


@pytest.mark.parametrize("to_group", [False, True], ids=["main", "group"])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_stopped_batch_ends_quietly_and_leaves_nothing(tmp_path, sig, to_group):
    p, out = batch_under_way(tmp_path)  # the signal is sent once a report exists
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
    p, out = batch_under_way(tmp_path)  # the signals are sent once a report exists
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
