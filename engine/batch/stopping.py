"""How a batch stops on SIGTERM or SIGHUP, on both sides of its pool of workers.

The main process raises :class:`Stopped` once (:func:`stop_on_signals`) and stops the pool (``engine.batch.run``).

A worker unwinds at once when the signal finds it in migov's own code (a half-written output is removed on the way).
Where the pool's code holds one of its locks, or writes a result, the worker only takes note, and leaves as soon as it
can: it asks again every :data:`AGAIN` seconds, and as it begins a task (:func:`check`). multiprocessing's queues hold
locks shared by every process of the pool (a worker takes the task queue's while it waits for a task, the result
queue's while it writes one), and an exception raised between such a lock taken and the ``with`` that gives it back
(multiprocessing's ``__enter__`` and ``__exit__`` are Python code) left it taken for ever: the pool's own teardown then
waited on it until the batch killed its workers, 5 or 10 s later (measured: 8 stops in 30 on a machine with one other
busy process; none since). A worker forked by the fork server before its handlers are set leaves at once (:func:`serve`).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

SIGNALS = (signal.SIGTERM, signal.SIGHUP)
AGAIN = 0.02  # seconds after which a worker that could not unwind when the signal came asks again


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP reached the main process: the workers are stopped, the batch ends with 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOPPING: list[int] = []  # the signal that stops the batch, once it came (main process)
_NOTED: list[int] = []  # the signal a worker took in the pool's code, to leave on (worker)
_SERVER: list[int] = []  # the fork server's process id (set in the fork server)


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP raise :class:`Stopped` in the main process (once: a second one while it winds up is ignored)."""
    def stop(signum: int, _frame: object) -> None:
        if not STOPPING:
            STOPPING.append(signum)
            raise Stopped(signum)

    for sig in SIGNALS:
        signal.signal(sig, stop)


def unwind_on_signals() -> None:
    """A worker's handlers, set first thing when it starts (``engine.batch.run._init``)."""
    for sig in SIGNALS:
        signal.signal(sig, _unwind)


def check() -> None:
    """Called by a worker as it begins a task: leave if a signal came while it was in the pool's code."""
    if _NOTED:
        _leave(_NOTED[0])


def _unwind(signum: int, frame: FrameType | None) -> None:
    if must_wait(frame):
        if not _NOTED:
            _NOTED.append(signum)
        # asked again shortly: the worker may next wait for a lock the stopping pool keeps, and no other signal come
        signal.signal(signal.SIGALRM, _again)
        signal.setitimer(signal.ITIMER_REAL, AGAIN)
        return
    _leave(signum)


def _again(_signum: int, frame: FrameType | None) -> None:
    _unwind(_NOTED[0], frame)


def _leave(signum: int) -> None:
    """Unwind once. A second signal while the worker unwinds (a hang-up sent to the whole group, then the pool's SIGTERM)
    is ignored: raised inside multiprocessing's own handling of the first exit, it broke it with a traceback (seen on
    Python 3.13)."""
    for sig in SIGNALS:
        signal.signal(sig, _unwinding)  # not SIG_IGN: one already pending would then raise "ignored due to race condition"
    sys.exit(128 + signum)


def _unwinding(_signum: int, _frame: FrameType | None) -> None:
    """A signal that arrives while the worker unwinds: nothing more to do."""


def must_wait(frame: FrameType | None) -> bool:
    """Whether a worker interrupted at ``frame`` must not unwind now: in migov's code it may (no lock of the pool is held
    there); in the pool's code only while it waits for a task or for a lock it does not hold. It waits while it writes a
    result (the message whole, then the lock given back) and while it holds a lock of the pool in multiprocessing's
    ``__enter__`` (taken, the ``with`` not yet entered) or ``__exit__`` (not yet given back)."""
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name == "engine" or name.startswith("engine."):
            return False
        if name == "multiprocessing.queues" and frame.f_code.co_name == "put":
            return True
        if name == "multiprocessing.synchronize" and frame.f_code.co_name in ("__enter__", "__exit__"):
            return _held(frame.f_locals.get("self"))
        frame = frame.f_back
    return False


def _held(lock: object) -> bool:
    """Whether this process holds ``lock`` (a multiprocessing lock); where that cannot be asked, that it does (the worker
    then leaves when it next begins a task, or at the pool's end-of-work message)."""
    try:
        return bool(lock._semlock._is_mine())  # type: ignore[attr-defined]
    except AttributeError:
        return True


def serve() -> None:
    """In the fork server (``engine.batch.preload``): SIGTERM and SIGHUP do nothing to the server itself (the main process
    stops it) but end at once a worker forked from it that has not set its own handlers yet. Such a worker has begun no
    output and holds no lock of the pool; it inherited the server's handlers, and the server's signals were ignored: the
    pool's SIGTERM to a worker it had just started in place of one the group's signal had stopped was lost, and the batch
    waited for that worker until it killed it."""
    _SERVER[:] = [os.getpid()]
    for sig in SIGNALS:
        signal.signal(sig, _before_init)


def _before_init(signum: int, _frame: FrameType | None) -> None:
    if os.getpid() != _SERVER[0]:
        os._exit(128 + signum)
