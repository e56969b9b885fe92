"""Run a build's steps in one pool of worker processes (concurrent.futures), phase after phase.

A build runs its phases in one pool: every output assembled (the plan made complete), then every
output rendered, then the zips. Each step writes one output into a place of its own, so the order
in which steps finish changes nothing that is written: the parallel build is byte-identical to
the serial one. A worker's log records travel back with its result and are logged by the main
process, so that warnings are never lost behind the progress bar; a worker's error is raised in
the main process as it is.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from mentorkit.errors import MachineFault

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

_state: Any = None
_records: list[logging.LogRecord] = []


def worker_state() -> Any:
    """Return what the pool gave every worker to read (render/steps.py: the library and the planned variants)."""
    return _state


def _call(step: Callable[[T], R], item: T) -> tuple[list[tuple[str, int, str]], R]:
    """Run one step in a worker; return the log records it made, as (logger, level, message), with its result."""
    result = step(item)
    records = [(r.name, r.levelno, r.getMessage()) for r in _records]
    _records.clear()
    return records, result


class _Keep(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _records.append(record)


def start_worker(state: Any, stop: int) -> None:
    """Prepare a worker process: the state, its own process group watched over, its log records kept for the main process."""
    global _state
    _state = state
    # Its own process group: Ctrl-C in the terminal reaches only the main process, and ending the
    # group ends the worker's MkDocs and Pagefind too.
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM (the executor's own end of a broken pool) ends the worker's group, not the worker alone.
    signal.signal(signal.SIGTERM, _end_group)
    root = logging.getLogger()
    root.handlers[:] = [_Keep()]
    parent = multiprocessing.parent_process()
    threading.Thread(target=_watch, args=([stop, parent.sentinel] if parent else [stop],), daemon=True).start()


def _end_group(signum: int = signal.SIGKILL, frame: object = None) -> None:
    """End this worker's process group: the worker and the programs it runs."""
    os.killpg(0, signal.SIGKILL)


def _watch(ready: list[int]) -> None:
    """End this worker's process group when the build stops it (a byte on the stop pipe) or ends, even by SIGKILL (the parent's sentinel closes)."""
    # A pipe and a sentinel, no lock: a worker killed at any moment can never leave the others waiting.
    multiprocessing.connection.wait(ready)
    _end_group()


class Pool:
    """The build's worker processes, running one phase of steps at a time."""

    def __init__(self, executor: ProcessPoolExecutor) -> None:
        self._executor = executor

    def run(self, step: Callable[[T], R], items: Sequence[T], *, done: Callable[[T, R], None]) -> None:
        """Run step on every item in the workers and call done(item, result) in this process as each finishes; return when all have, or raise the first failure in item order.

        A failure lets the steps already running finish and cancels the rest, as a serial build
        would stop there.
        """
        futures: list[Future[tuple[list[tuple[str, int, str]], R]]] = [self._executor.submit(_call, step, item) for item in items]
        index = {future: number for number, future in enumerate(futures)}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in sorted(finished, key=index.__getitem__):
                if future.exception() is None:
                    records, result = future.result()
                    for name, level, message in records:
                        logging.getLogger(name).log(level, message)
                    done(items[index[future]], result)
            if any(future.exception() for future in finished):
                # Every earlier step has started (the pool takes them in order), so let those finish.
                for future in pending:
                    future.cancel()
                wait(pending)
                failed = [f for f in futures if f.done() and not f.cancelled() and f.exception() is not None]
                raise min(failed, key=index.__getitem__).exception()  # type: ignore[misc]


@contextmanager
def worker_pool(*, state: Any, workers: int) -> Iterator[Pool]:
    """Start a pool of worker processes (one with workers 1) that read state, for the phases of one build.

    Shutdown, documented: leaving the block normally waits for the workers (shutdown()); a
    failure, an interrupt (Ctrl-C, SIGTERM) or a worker's abrupt end writes to the stop pipe, on
    which every worker ends its own process group at once, and the executor's
    shutdown(cancel_futures=True) then waits for them all. A build killed by SIGKILL cannot stop
    anything: each worker sees its parent's sentinel close and ends its group itself.
    """
    # fork: the workers start with the library (and what the steps import) already in memory instead of receiving a copy.
    context = multiprocessing.get_context("fork")
    stop, stopping = os.pipe()
    executor = ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context, initializer=start_worker, initargs=(state, stop))
    try:
        with _terminating_interrupts():
            yield Pool(executor)
    except BrokenProcessPool:
        _stop(executor, stopping)
        raise MachineFault("a rendering process ended abruptly (the system may have stopped it for lack of memory); build again with --jobs 1, or free some memory. The previous output is untouched.") from None
    except BaseException:
        _stop(executor, stopping)
        raise
    else:
        executor.shutdown()
    finally:
        os.close(stop)
        os.close(stopping)


def _stop(executor: ProcessPoolExecutor, stopping: int) -> None:
    """Have every worker end its process group (and so what it runs), drop the steps not started, and wait until every worker has ended."""
    os.write(stopping, b"x")
    executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _terminating_interrupts() -> Iterator[None]:
    """While workers run, let SIGTERM stop the build like Ctrl-C, unless someone else already handles it."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
