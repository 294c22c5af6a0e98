"""migov as a process: the entry point of the ``migov`` command and of ``python -m engine``.

The collector is tuned before anything else is imported, as :func:`engine.cli.main` tunes it for the run: a one-shot
command's imports (click's and migov's) allocate objects that all live until exit, and the default threshold (a young
collection every 700 allocations) traversed them some twenty times, about 3 ms of a cold start. Only here: a program
that imports ``engine.cli`` and calls ``main(argv)`` keeps its own collector.
"""

import gc

gc.set_threshold(100_000, 50, 100)

from engine.cli import main  # after the collector is tuned: the CLI's imports then run no collection

__all__ = ["main"]
