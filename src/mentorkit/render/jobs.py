"""Run a build's independent jobs (one site or one PDF each) in one pool of worker processes (concurrent.futures).

Each job writes one output into a folder of its own, so the order in which jobs finish changes
nothing that is written: the parallel build is byte-identical to the serial one. A worker's log
records travel back with its result and are logged by the main process, so that warnings are
never lost behind the progress bar; a worker's error is raised in the main process as it is.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mentorkit.errors import MachineFault
from mentorkit.load.reads import ReadLog, recording
from mentorkit.model import Agency, Library
from mentorkit.plan.documents import SHAPES, Document, site_documents
from mentorkit.plan.manifest import Manifest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Planned:
    """A variant as the jobs need it: its plan, its agency and its documents."""

    manifest: Manifest
    agency: Agency | None
    documents: tuple[Document, ...]
    staging: Path
    """Where its site's staging tree is assembled."""
    engine: str = "mkdocs"
    """The static site generator that builds its site (render/site.py ENGINES)."""


@dataclass(frozen=True)
class Job:
    """Render one output of a variant into target: its site (document None) or one PDF."""

    variant: str
    target: Path
    document: Document | None = None


@dataclass(frozen=True)
class State:
    """What every job reads: the validated library and the planned variants by name."""

    library: Library
    variants: Mapping[str, Planned]


_state: State | None = None
_records: list[logging.LogRecord] = []


def run_job(job: Job) -> tuple[list[tuple[str, int, str]], ReadLog]:
    """Render one output and return the log records it made, as (logger, level, message), and what content it read."""
    assert _state is not None, "run_job runs after start_worker or within jobs_running"
    from mentorkit.assemble.context import context_for
    from mentorkit.assemble.staging import assemble_site
    from mentorkit.render.recipes import RECIPES
    from mentorkit.render.site import render_site

    planned = _state.variants[job.variant]
    # What the output reads is what it uses of the library, noted as it is used: the cache's record of its inputs.
    reads = ReadLog()
    library = recording(_state.library, reads)
    if job.document is None:
        # The mentors' site neither links nor holds the trainer guide.
        on_site = site_documents(planned.manifest, planned.documents)
        staged = assemble_site(library, planned.manifest, agency=planned.agency, staging=planned.staging, documents=on_site)
        render_site(staged, site_dir=job.target, engine=planned.engine)
    else:
        from mentorkit.render.pdf import render_pdf  # WeasyPrint takes a second to import: only where PDFs are made
        ctx = context_for(library, planned.manifest, agency=planned.agency, lang=job.document.lang)
        job.target.parent.mkdir(parents=True, exist_ok=True)
        recipe = RECIPES[job.document.kind]
        html = recipe.compose(ctx, job.document)
        if recipe.stylesheet is None:
            job.target.write_text(html, encoding="utf-8")
        else:
            render_pdf(html, str(job.target), SHAPES[job.document.kind].fillable, stylesheet_name=recipe.stylesheet)
    records = [(r.name, r.levelno, r.getMessage()) for r in _records]
    _records.clear()
    return records, reads


class _Keep(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _records.append(record)


def start_worker(state: State, stop: int) -> None:
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


def run_jobs(jobs: Sequence[Job], *, state: State, workers: int, done: Callable[[Job, ReadLog], None]) -> None:
    """Run every job in a pool of worker processes (one with workers 1); call done(job, what it read) in this process as each finishes; raise the first failure in job order.

    Shutdown, documented: a job's failure lets the jobs already running finish and cancels the
    rest (as a serial build would stop there); an interrupt (Ctrl-C, SIGTERM) or a worker's abrupt
    end writes to the stop pipe, on which every worker ends its own process group at once; the
    executor's shutdown(cancel_futures=True) then waits for them all. A build killed by SIGKILL
    cannot stop anything: each worker sees its parent's sentinel close and ends its group itself.
    """
    if not jobs:
        return
    _import_renderers(pdf=any(job.document for job in jobs))
    # fork: the workers start with the library already in memory instead of receiving a copy.
    context = multiprocessing.get_context("fork")
    stop, stopping = os.pipe()
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))), mp_context=context, initializer=start_worker, initargs=(state, stop))
    try:
        with _terminating_interrupts():
            futures = [pool.submit(run_job, job) for job in jobs]
            index = {future: number for number, future in enumerate(futures)}
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in sorted(finished, key=index.__getitem__):
                    if future.exception() is None:
                        records, reads = future.result()
                        for name, level, message in records:
                            logging.getLogger(name).log(level, message)
                        done(jobs[index[future]], reads)
                if any(future.exception() for future in finished):
                    # As a serial build would: the first failure in job order is reported. Every
                    # earlier job has started (the pool takes them in order), so let those finish.
                    for future in pending:
                        future.cancel()
                    wait(pending)
                    failed = [f for f in futures if f.done() and not f.cancelled() and f.exception() is not None]
                    raise min(failed, key=index.__getitem__).exception()  # type: ignore[misc]
    except BrokenProcessPool:
        _stop(pool, stopping)
        raise MachineFault("a rendering process ended abruptly (the system may have stopped it for lack of memory); build again with --jobs 1, or free some memory. The previous output is untouched.") from None
    except BaseException:
        _stop(pool, stopping)
        raise
    else:
        pool.shutdown()
    finally:
        os.close(stop)
        os.close(stopping)


def _import_renderers(*, pdf: bool) -> None:
    """Import what run_job uses before the pool forks, so that every worker starts with it loaded."""
    import mentorkit.assemble.staging
    import mentorkit.render.recipes  # every kind's composer
    import mentorkit.render.site  # noqa: F401

    if pdf:
        import mentorkit.render.pdf  # noqa: F401


def _stop(pool: ProcessPoolExecutor, stopping: int) -> None:
    """Have every worker end its process group (and so what it runs), drop the jobs not started, and wait until every worker has ended."""
    os.write(stopping, b"x")
    pool.shutdown(wait=True, cancel_futures=True)


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
