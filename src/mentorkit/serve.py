"""Live preview: stage a variant, let MkDocs' dev server serve it, and re-stage when the content changes.

Two watchers, one each side of the staging tree. Ours watches the source content (modules/,
exercises/, docs/, data/ and the agency definition) and re-runs load, plan and assemble; MkDocs'
dev server watches the staging tree, rebuilds and reloads the browser. The staging tree is updated
file by file, and only where a file changed, so MkDocs sees small, complete changes; content that
does not validate leaves it as it was.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from mentorkit.errors import BuildError, InvalidInput
from mentorkit.pipeline import stage_variant
from mentorkit.plan.manifest import Variant
from mentorkit.render.site import serve_site

log = logging.getLogger(__name__)

CONTENT_DIRS = ("modules", "exercises", "docs", "data")
CHANGE_EVENTS = {"created", "modified", "deleted", "moved"}
MKDOCS_LINE = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+(?P<message>.*)$")
MKDOCS_NEWS = ("Serving on", "Documentation built in", "Reloading browsers")
QUIET_S = 0.2
"""Wait this long after the last change before re-staging: an editor's save is several events."""


def serve_preview(*, root: Path, agency_file: Path | None, port: int, report: Callable[[InvalidInput], None]) -> None:
    """Serve a live preview on 127.0.0.1:port until interrupted; report invalid content and keep serving."""
    root = root.resolve()
    agency_file = agency_file.resolve() if agency_file else None
    _check_port(port)
    staged = stage_preview(root=root, agency_file=agency_file, staging=None)
    staging, config = staged.staging, staged.staging / "mkdocs.yml"
    log.info("Previewing %s on http://127.0.0.1:%d/ from %s", "the base site" if staged.variant.is_base else staged.variant.name, port, staging.relative_to(root))
    log.info("Search is not available in the preview: Pagefind indexes a built site (mentorkit build). Ctrl-C stops.")
    # SIGTERM stops the preview as Ctrl-C does, so that MkDocs' process is stopped with it.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    changed = threading.Event()
    observer = server = None
    try:
        observer = _watch_sources(root, agency_file, changed)
        server = _start_mkdocs(config, port)
        was_valid = True
        while server.poll() is None:
            if not changed.wait(timeout=0.5):
                continue
            # Wait until the files settle: an editor's save is often several events.
            changed.clear()
            while changed.wait(timeout=QUIET_S):
                changed.clear()
            valid = _restage(root, agency_file, staging, report)
            if valid and not was_valid:
                log.info("The content is valid again")
            was_valid = valid
        raise BuildError(f"MkDocs' dev server stopped (exit status {server.returncode}); its messages are above. Reproduce with: mkdocs serve -f {config}")
    except KeyboardInterrupt:
        log.info("Stopping the preview")
    finally:
        signal.signal(signal.SIGTERM, previous)
        if observer:
            observer.stop()
        if server:
            _stop(server)
        if observer:
            observer.join(timeout=5)


@dataclass(frozen=True)
class Staged:
    """What staging the preview did."""

    variant: Variant
    staging: Path
    changed: int
    """How many files of the staging tree were written or removed."""


def stage_preview(*, root: Path, agency_file: Path | None, staging: Path | None) -> Staged:
    """Load, validate, plan and assemble the variant, then update its preview staging tree where it changed."""
    # The variant is known once its definition is validated; a leading dot cannot clash with an id.
    scratch = staging.with_name(staging.name + ".next") if staging else root / "build" / ".serve" / ".next"
    staged = stage_variant(root=root, agency_file=agency_file, staging=scratch)
    variant = staged.manifest.variant
    target = staging or _staging_dir(root, variant.name)
    changed = sync_tree(scratch, target)
    shutil.rmtree(scratch, ignore_errors=True)
    return Staged(variant, target, changed)


def sync_tree(source: Path, target: Path) -> int:
    """Make target hold the files of source, writing only those that differ; return how many changed."""
    changed = 0
    wanted = set()
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(source)
        wanted.add(relative)
        destination = target / relative
        data = path.read_bytes()
        if destination.is_file() and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        # Replace, never write in place: MkDocs must not read half a file.
        partial = destination.with_name(f".{destination.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, destination)
        changed += 1
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target) not in wanted:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def _restage(root: Path, agency_file: Path | None, staging: Path, report: Callable[[InvalidInput], None]) -> bool:
    """Re-stage the preview; return whether the content was valid."""
    started = time.perf_counter()
    try:
        staged = stage_preview(root=root, agency_file=agency_file, staging=staging)
    except InvalidInput as error:
        report(error)
        return False
    except Exception as error:  # keep serving the last good tree whatever went wrong
        log.error("Could not re-assemble the preview (%s: %s); still showing the last valid version", type(error).__name__, error)
        return False
    took = time.perf_counter() - started
    if staged.changed:
        log.info("Re-assembled in %.2f s: %d staged files changed; MkDocs rebuilds and the browser reloads", took, staged.changed)
    else:
        log.info("Re-assembled in %.2f s: the preview is unchanged", took)
    return True


def _staging_dir(root: Path, variant: str) -> Path:
    # Apart from build/<variant>/, which `mentorkit build` replaces as a whole while MkDocs watches.
    # A leading dot cannot clash with an agency id.
    return root / "build" / ".serve" / variant


def _watch_sources(root: Path, agency_file: Path | None, changed: threading.Event):
    observer = Observer()
    for name in CONTENT_DIRS:
        if (root / name).is_dir():
            observer.schedule(_ChangeHandler(changed), str(root / name), recursive=True)
    if agency_file:
        observer.schedule(_ChangeHandler(changed, only=agency_file), str(agency_file.parent), recursive=False)
    observer.daemon = True
    observer.start()
    return observer


class _ChangeHandler(FileSystemEventHandler):
    """Set an event when a content file is written, created, moved or deleted."""

    def __init__(self, changed: threading.Event, *, only: Path | None = None):
        self.changed = changed
        self.only = only

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Reading the content (as re-staging does) raises opened/closed events: those are not changes.
        if event.event_type not in CHANGE_EVENTS:
            return
        paths = [Path(os.fsdecode(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if self.only is not None:
            paths = [p for p in paths if p == self.only]
        if any(not _is_editor_noise(p.name) for p in paths):
            self.changed.set()


def _is_editor_noise(name: str) -> bool:
    """Tell an editor's swap, backup and probe files from content."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


def _check_port(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise BuildError(f"port {port} on 127.0.0.1 is in use; stop what uses it, or choose another port, e.g. --port {port + 1}") from None


def _start_mkdocs(config: Path, port: int) -> subprocess.Popen:
    process = serve_site(config, port=port)
    threading.Thread(target=_relay, args=(process,), daemon=True).start()
    return process


def _relay(process: subprocess.Popen) -> None:
    """Pass MkDocs' messages on to our log: problems and the few a user watches for; the rest with -v."""
    for line in process.stdout or ():
        match = MKDOCS_LINE.match(line.rstrip())
        if not match:
            if line.strip():
                log.warning("mkdocs: %s", line.rstrip())
            continue
        level, message = match.group("level"), match.group("message")
        if level in ("WARNING", "ERROR", "CRITICAL"):
            log.warning("mkdocs: %s: %s", level.lower(), message)
        elif any(phrase in message for phrase in MKDOCS_NEWS):
            log.info("mkdocs: %s", message)
        else:
            log.debug("mkdocs: %s", message)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _interrupt(signum, frame) -> None:
    """Stop on SIGTERM as on Ctrl-C: the MkDocs child process is stopped too."""
    raise KeyboardInterrupt
