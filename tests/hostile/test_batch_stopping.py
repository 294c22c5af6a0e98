"""A batch worker's SIGTERM or SIGHUP never leaves a lock of the pool taken: it unwinds at once in migov's code, waits
while the pool's code holds one of its locks and leaves as soon as that lock is given back; a worker forked before it
set its own handlers leaves at once, and the fork server itself stays. Each case runs in a process of its own (its
signal handlers are its own)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from engine.batch import stopping
from tests.helpers import ROOT

# a function run as if it were multiprocessing's own: a lock's __enter__ that takes it (or not), then the signal comes
WORKER = """
import multiprocessing, os, signal, time
from engine.batch import stopping

stopping.unwind_on_signals()
lock = multiprocessing.get_context("fork").Lock()
pool_code = {{"__name__": "multiprocessing.synchronize", "os": os, "signal": signal}}
exec("def __enter__(self, take):\\n    if take:\\n        self.acquire()\\n    os.kill(os.getpid(), signal.SIGTERM)\\n"
     "    return 'the signal waited'", pool_code)
print(pool_code["__enter__"](lock, {take}), flush=True)
lock.release()
print("the lock given back", flush=True)
time.sleep(5)
print("never here", flush=True)
"""


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


def test_a_worker_holding_a_lock_of_the_pool_leaves_once_it_is_given_back():
    done = _run(WORKER.format(take=True))
    assert done.returncode == 128 + 15, done.stderr
    assert done.stdout.splitlines() == ["the signal waited", "the lock given back"], done.stdout


def test_a_worker_waiting_for_a_lock_it_does_not_hold_leaves_at_once():
    done = _run(WORKER.format(take=False))
    assert done.returncode == 128 + 15, done.stderr
    assert done.stdout == "", done.stdout


def test_a_worker_in_migovs_code_unwinds_at_once():
    done = _run("""
        import os, signal
        from engine.batch import stopping
        stopping.unwind_on_signals()
        try:
            os.kill(os.getpid(), signal.SIGHUP)
        finally:
            print("unwound", flush=True)
        print("never here", flush=True)
    """)
    assert done.returncode == 128 + 1, done.stderr
    assert done.stdout == "unwound\n"


def test_a_worker_forked_before_its_handlers_leaves_and_the_server_stays():
    done = _run("""
        import os, signal, time
        from engine.batch import stopping
        stopping.serve()
        pid = os.fork()
        if pid == 0:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        os.kill(os.getpid(), signal.SIGTERM)
        print("server stays", os.waitstatus_to_exitcode(status), flush=True)
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "server stays 143\n"


def test_where_a_lock_cannot_be_asked_the_worker_waits():
    assert stopping._held(object()) is True  # the fallback where a lock of multiprocessing has no _is_mine
