"""Run a build's independent jobs (one site or one PDF each) serially or in one pool of processes.

Each job writes one output into a folder of its own, so the order in which jobs finish changes
nothing that is written: the parallel build is byte-identical to the serial one. A worker's log
records travel back with its result and are logged by the main process, so that warnings are
never lost behind the progress bar; a worker's error is raised in the main process as it is.
"""

from __future__ import annotations

import logging
import multiprocessing
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
from mentorkit.model import Agency, Library
from mentorkit.plan.documents import FILLABLE, SLIDE_KINDS, Document, Kind, site_documents
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


def run_job(job: Job) -> list[tuple[str, int, str]]:
    """Render one output and return the log records it made, as (logger, level, message)."""
    assert _state is not None, "run_job runs after start_worker or within jobs_running"
    from mentorkit.assemble.context import context_for
    from mentorkit.assemble.followuphandouts import compose_follow_up_handouts
    from mentorkit.assemble.handouts import compose_handouts
    from mentorkit.assemble.printdoc import compose_document
    from mentorkit.assemble.round_templates import compose_round_templates
    from mentorkit.assemble.slides import compose_slides
    from mentorkit.assemble.staging import assemble_site
    from mentorkit.render.site import render_site

    planned = _state.variants[job.variant]
    if job.document is None:
        # The mentors' site neither links nor holds the trainer guide.
        on_site = site_documents(planned.manifest, planned.documents)
        staged = assemble_site(_state.library, planned.manifest, agency=planned.agency, staging=planned.staging, documents=on_site)
        render_site(staged, site_dir=job.target, engine=planned.engine)
    else:
        from mentorkit.render.pdf import render_pdf  # WeasyPrint takes a second to import: only where PDFs are made
        ctx = context_for(_state.library, planned.manifest, agency=planned.agency, lang=job.document.lang)
        job.target.parent.mkdir(parents=True, exist_ok=True)
        if job.document.kind is Kind.SLIDES:
            job.target.write_text(compose_slides(ctx, job.document), encoding="utf-8")
        elif job.document.kind in SLIDE_KINDS:
            render_pdf(compose_slides(ctx, job.document), str(job.target), stylesheet_name="slides.css")
        else:
            # The handouts', worksheets' and round templates' form fields are fillable in a PDF reader; guides and handbooks have none.
            compose = {Kind.WORKSHOP_HANDOUTS: compose_handouts, Kind.FOLLOW_UP_HANDOUTS: compose_follow_up_handouts, Kind.ROUND_TEMPLATES: compose_round_templates}.get(job.document.kind, compose_document)
            render_pdf(compose(ctx, job.document), str(job.target), job.document.kind in FILLABLE)
    records = [(r.name, r.levelno, r.getMessage()) for r in _records]
    _records.clear()
    return records


class _Keep(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _records.append(record)


def start_worker(state: State) -> None:
    """Prepare a worker process: the state, its own process group, its log records kept for the main process."""
    from mentorkit.render.site import die_with_parent

    global _state
    _state = state
    # A build killed by SIGKILL cannot stop its workers: the kernel does, rather than let them
    # render into a folder the next build sweeps away.
    die_with_parent()
    # Its own process group: Ctrl-C in the terminal reaches only the main process, which stops the
    # workers, and stopping a worker's group stops its MkDocs and Pagefind too.
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the main process's handlers: SIGTERM must simply end it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    root = logging.getLogger()
    root.handlers[:] = [_Keep()]


def run_jobs(jobs: Sequence[Job], *, state: State, workers: int, done: Callable[[Job], None]) -> None:
    """Run every job, in processes when workers > 1; call done(job) in this process as each finishes; raise the first failure."""
    global _state
    if jobs:
        _import_renderers(pdf=any(job.document for job in jobs))
    if workers <= 1 or len(jobs) <= 1:
        _state = state
        try:
            for job in jobs:
                run_job(job)
                _records.clear()
                done(job)
        finally:
            _state = None
        return
    # fork: the workers start with the library already in memory instead of receiving a copy.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context, initializer=start_worker, initargs=(state,))
    try:
        with _terminating_interrupts():
            futures = [pool.submit(run_job, job) for job in jobs]
            index = {future: number for number, future in enumerate(futures)}
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in sorted(finished, key=index.__getitem__):
                    if future.exception() is None:
                        for name, level, message in future.result():
                            logging.getLogger(name).log(level, message)
                        done(jobs[index[future]])
                if any(future.exception() for future in finished):
                    # As a serial build would: the first failure in job order is reported. Every
                    # earlier job has started (the pool takes them in order), so let those finish.
                    for future in pending:
                        future.cancel()
                    wait(pending)
                    failed = [f for f in futures if f.done() and not f.cancelled() and f.exception() is not None]
                    raise min(failed, key=index.__getitem__).exception()  # type: ignore[misc]
    except BrokenProcessPool:
        _stop(pool)
        raise MachineFault("a rendering process ended abruptly (the system may have stopped it for lack of memory); build again with --jobs 1, or free some memory. The previous output is untouched.") from None
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _import_renderers(*, pdf: bool) -> None:
    """Import what run_job uses before the pool forks, so that every worker starts with it loaded."""
    import mentorkit.assemble.handouts
    import mentorkit.assemble.printdoc
    import mentorkit.assemble.slides
    import mentorkit.assemble.staging
    import mentorkit.render.site  # noqa: F401

    if pdf:
        import mentorkit.render.pdf  # noqa: F401


STOP_GRACE_S = 5
"""How long a stopped worker may take to end before it is killed."""


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop every worker and what it runs now, and drop the jobs not started; return only when every worker has ended."""
    # The pool keeps its processes in a private mapping; it offers no other way to stop a running job.
    processes = [p for p in list((pool._processes or {}).values()) if p.pid is not None]
    for process in processes:
        pid = process.pid or 0
        try:
            # A worker that has not yet made its own process group is still in ours: stop it alone.
            if os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGTERM)
            else:
                os.kill(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=STOP_GRACE_S)
        if process.is_alive():  # it ignored SIGTERM (caught between fork and start_worker): no waiting for it
            process.kill()
            process.join(timeout=STOP_GRACE_S)


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
