"""Live preview: stage a variant, build it, serve the built site, and rebuild when the content changes.

Our watcher follows the source content (modules/, exercises/, docs/, data/, mkdocs.yml and the
agency definition) and re-runs load, plan and assemble; when the staging tree changed, the site is
built again (every language, as `mentorkit build` does, without search) and swapped in whole. A
small server of ours serves it on 127.0.0.1 and tells open pages to reload. Its log holds only what
the user acts on: where the preview is, content problems, a build that failed, and nothing of the
requests (the theme's own probes, such as a language's sitemap.xml, are not the user's to fix).
Content that does not validate or does not build leaves the last good site on view.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from mentorkit.assemble.staging import StagedSite
from mentorkit.errors import BuildError, InvalidInput
from mentorkit.pipeline import stage_variant
from mentorkit.plan.manifest import Variant
from mentorkit.render.site import render_site

log = logging.getLogger(__name__)

CONTENT_DIRS = ("modules", "exercises", "docs", "data")
SETTINGS_FILE = "mkdocs.yml"
CHANGE_EVENTS = {"created", "modified", "deleted", "moved"}
QUIET_S = 0.2
"""Wait this long after the last change before re-staging: an editor's save is several events."""
VERSION_PATH = "/.mentorkit-preview-version"
"""Where an open page asks which build it shows; a new number makes it reload."""
RELOAD_SCRIPT = (
    "<script>(function(){var v=null;setInterval(function(){fetch('" + VERSION_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(t){if(v===null)v=t;else if(t!==v)location.reload()})"
    ".catch(function(){})},1000)})();</script>"
)
"""Added to each served page (never to a built one): reloads it when a new build is swapped in."""


def serve_preview(*, root: Path, agency_file: Path | None, port: int, report: Callable[[InvalidInput], None]) -> None:
    """Serve a live preview on 127.0.0.1:port until interrupted; report invalid content and keep serving."""
    root = root.resolve()
    agency_file = agency_file.resolve() if agency_file else None
    _check_port(port)
    staged = stage_preview(root=root, agency_file=agency_file, staging=None)
    preview = Preview(site=staged.staging.with_name(staged.staging.name + ".site"))
    preview.build(staged.site)
    log.info("Previewing %s on http://127.0.0.1:%d/ (every language; built from %s)", "the base site" if staged.variant.is_base else staged.variant.name, port, staged.staging.relative_to(root))
    log.info("Search is not available in the preview: Pagefind indexes a built site (mentorkit build). Ctrl-C stops.")
    # SIGTERM stops the preview as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    changed = threading.Event()
    observer = server = None
    try:
        observer = _watch_sources(root, agency_file, changed)
        server = _start_server(preview, port)
        was_valid = True
        while True:
            if not changed.wait(timeout=0.5):
                continue
            # Wait until the files settle: an editor's save is often several events.
            changed.clear()
            while changed.wait(timeout=QUIET_S):
                changed.clear()
            was_valid = _rebuild(root, agency_file, staged.staging, preview, report, was_valid=was_valid)
    except KeyboardInterrupt:
        log.info("Stopping the preview")
    finally:
        signal.signal(signal.SIGTERM, previous)
        if observer:
            observer.stop()
        if server:
            server.shutdown()
            server.server_close()
        if observer:
            observer.join(timeout=5)


@dataclass
class Preview:
    """The built site on view, and which build it is."""

    site: Path
    version: int = 0

    def build(self, staged: StagedSite) -> None:
        """Build the staged site and put it on view."""
        self.swap(self.render(staged))

    def render(self, staged: StagedSite) -> Path:
        """Build the staged site beside the one on view; return where."""
        fresh = self.site.with_name(self.site.name + ".next")
        shutil.rmtree(fresh, ignore_errors=True)
        render_site(staged, site_dir=fresh, index=False)
        return fresh

    def swap(self, fresh: Path) -> None:
        """Put a rendered site on view in place of the current one, whole; open pages then reload."""
        old = self.site.with_name(self.site.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.site.exists():
            os.replace(self.site, old)
        os.replace(fresh, self.site)
        shutil.rmtree(old, ignore_errors=True)
        self.version += 1


@dataclass(frozen=True)
class Staged:
    """What staging the preview did."""

    variant: Variant
    staging: Path
    site: StagedSite
    """The staged language projects, in staging."""
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
    site = replace(staged.site, projects=tuple(replace(p, config=target / p.config.relative_to(scratch)) for p in staged.site.projects))
    return Staged(variant, target, site, changed)


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


def _rebuild(root: Path, agency_file: Path | None, staging: Path, preview: Preview, report: Callable[[InvalidInput], None], *, was_valid: bool) -> bool:
    """Re-stage the preview and, where it changed, build it again; return whether the content was valid."""
    started = time.perf_counter()
    try:
        staged = stage_preview(root=root, agency_file=agency_file, staging=staging)
        if not was_valid:
            log.info("The content is valid again")
        if staged.changed:
            fresh = preview.render(staged.site)
            # Said before the swap, so that the log is ahead of what the browser shows.
            log.info("Rebuilt in %.1f s; open pages reload", time.perf_counter() - started)
            preview.swap(fresh)
    except InvalidInput as error:
        report(error)
        return False
    except BuildError as error:
        log.error("%s\nStill showing the last version that built.", error)
        return False
    except Exception as error:  # keep serving the last good site whatever went wrong
        log.error("Could not rebuild the preview (%s: %s); still showing the last valid version", type(error).__name__, error)
        return False
    return True


def _staging_dir(root: Path, variant: str) -> Path:
    # Apart from build/<variant>/, which `mentorkit build` replaces as a whole.
    # A leading dot cannot clash with an agency id.
    return root / "build" / ".serve" / variant


def _watch_sources(root: Path, agency_file: Path | None, changed: threading.Event):
    observer = Observer()
    for name in CONTENT_DIRS:
        if (root / name).is_dir():
            observer.schedule(_ChangeHandler(changed), str(root / name), recursive=True)
    only = [root / SETTINGS_FILE] + ([agency_file] if agency_file else [])
    for path in only:
        observer.schedule(_ChangeHandler(changed, only=path), str(path.parent), recursive=False)
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


def _start_server(preview: Preview, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, preview=preview))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Handler(SimpleHTTPRequestHandler):
    """Serve the site on view; pages get the reload script, and requests are not logged."""

    def __init__(self, *args, preview: Preview, **kwargs):
        self.preview = preview
        super().__init__(*args, directory=str(preview.site), **kwargs)

    def do_GET(self) -> None:
        """Answer the build number, a page with the reload script, or a file as it is."""
        if not self._for_this_host():
            return
        if self.path == VERSION_PATH:
            self._send(200, str(self.preview.version).encode(), "text/plain")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send(200, path.read_bytes().replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1), "text/html; charset=utf-8")
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        """Answer a HEAD request like GET's headers, for this host only."""
        if self._for_this_host():
            super().do_HEAD()

    def _for_this_host(self) -> bool:
        """Refuse a request that names another host: a page elsewhere may rebind its name to 127.0.0.1 (DNS rebinding)."""
        # The browser still sends the attacker's host name in the Host header, so only the
        # preview's own names on its own port are answered.
        port = self.server.server_address[1]  # type: ignore[index]  # an AF_INET address: (host, port)
        if self.headers.get("Host", "").lower() in {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}:
            return True
        self._send(421, b"This preview answers only http://127.0.0.1 and http://localhost on its own port.\n", "text/plain; charset=utf-8")
        return False

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        """Log nothing per request: the preview's log is for what the user acts on."""


def _interrupt(signum, frame) -> None:
    """Stop on SIGTERM as on Ctrl-C."""
    raise KeyboardInterrupt
