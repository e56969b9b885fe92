"""`mentorkit serve`: a live preview that follows edits to the content and survives invalid ones."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import edit, run_cli

pytestmark = pytest.mark.slow

MODULE_FI = "modules/mentor/mt-core/fi.md"
SENTENCE = "Suurin osa oppimisesta tapahtuu arjessa"
TIMEOUT_S = 30


@dataclass(frozen=True)
class Preview:
    """A running `mentorkit serve` on a library copy."""

    root: Path
    url: str
    process: subprocess.Popen
    log: Path

    def page(self, path: str) -> str:
        """Return the text of a served page."""
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def output(self) -> str:
        """Return what the command has written so far."""
        return self.log.read_text(encoding="utf-8")


@pytest.fixture
def preview(library_root: Path, tmp_path: Path) -> Iterator[Preview]:
    """Start `mentorkit serve` on a free port and stop it afterwards, whatever happened."""
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mentorkit", "serve", "--port", str(port), "--root", str(library_root)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so that cleanup reaches MkDocs too
        )
    running = Preview(library_root, f"http://127.0.0.1:{port}/", process, log)
    try:
        _wait_for(lambda: _answers(running.url) or process.poll() is not None, what="the preview to answer")
        assert process.poll() is None, running.output()
        yield running
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        _kill_group(process.pid)


def test_preview_follows_an_edit(preview: Preview) -> None:
    """Editing a module's Finnish text shows the new sentence on its page, without a restart."""
    assert SENTENCE in preview.page("mentor/mt-core/")
    assert "Search is not available in the preview" in preview.output()
    edit(preview.root, MODULE_FI, SENTENCE, "Valtaosa oppimisesta tapahtuu arjen työssä")
    _wait_for(lambda: "Valtaosa oppimisesta tapahtuu arjen työssä" in preview.page("mentor/mt-core/"), what="the edit to show")
    assert SENTENCE not in preview.page("mentor/mt-core/")
    assert "Rebuilt in " in preview.output()
    # Checked again for the edit, the content gives the same warning: it is shown once a run, on one line.
    assert [line for line in preview.output().splitlines() if "example addresses" in line] == [
        "warning: data/site.yml:2: site_url, owner.email, accessibility.feedback_email: still example addresses "
        "(example.fi, kurssi.example.fi); expected the publisher's own before the site is published (a warning: check passes)"
    ]


def test_preview_shows_every_language_and_logs_only_what_to_act_on(preview: Preview) -> None:
    """The English pages are served beside the Finnish; the theme's sitemap probes and the requests stay out of the log."""
    assert '<html lang="en"' in preview.page("en/mentor/mt-core/")
    # Material's language menu asks for <language link>sitemap.xml on every page: a 404 nobody can fix.
    with pytest.raises(urllib.error.HTTPError):
        preview.page("en/mentor/mt-core/sitemap.xml")
    lines = [line for line in preview.output().splitlines() if not line.startswith("warning: data/site.yml:")]
    assert lines == [
        "Previewing the base site on " + preview.url + " (every language; built from build/.serve/base)",
        "Search is not available in the preview: Pagefind indexes a built site (mentorkit build). Ctrl-C stops.",
    ]


def test_invalid_edit_keeps_the_last_valid_version(preview: Preview) -> None:
    """An invalid edit is reported and the server keeps serving; fixing it shows the fix."""
    edit(preview.root, MODULE_FI, "!!! reflection", "!!! warning")
    problem = (
        f"{MODULE_FI}:19: body: unknown teaching block 'warning'; expected one of: objectives, exercise, reflection, keypoints, facilitator, e.g. !!! reflection"
    )
    _wait_for(lambda: problem in preview.output(), what="the problem to be reported")
    assert "1 error in 1 file; still showing the last valid version. Fix them and save again." in preview.output()
    assert preview.process.poll() is None
    assert SENTENCE in preview.page("mentor/mt-core/")
    edit(preview.root, MODULE_FI, "!!! warning", "!!! reflection")
    edit(preview.root, MODULE_FI, SENTENCE, "Korjauksen jälkeen sivu päivittyy")
    _wait_for(lambda: "Korjauksen jälkeen sivu päivittyy" in preview.page("mentor/mt-core/"), what="the fixed edit to show")
    assert "The content is valid again" in preview.output()
    assert "Traceback" not in preview.output()


def test_terminate_stops_mkdocs_too(preview: Preview) -> None:
    """SIGTERM stops the preview cleanly: exit status 0, and nothing answers on the port any more."""
    preview.process.send_signal(signal.SIGTERM)
    assert preview.process.wait(timeout=20) == 0, preview.output()
    assert "Stopping the preview" in preview.output()
    assert not _answers(preview.url)


def test_ctrl_c_stops_cleanly(preview: Preview) -> None:
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) stops the preview and MkDocs."""
    os.killpg(preview.process.pid, signal.SIGINT)
    assert preview.process.wait(timeout=20) == 0, preview.output()
    assert "Traceback" not in preview.output()
    assert "Stopping the preview" in preview.output()
    assert not _answers(preview.url)


def test_invalid_content_at_start_is_reported(library_root: Path) -> None:
    """With invalid content there is nothing to preview: the problems are listed with exit status 2."""
    edit(library_root, MODULE_FI, "!!! reflection", "!!! warning")
    result = run_cli("serve", "--port", str(_free_port()), "--root", str(library_root))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "Aborted with 1 error in 1 file; nothing was written."


def test_port_in_use_is_reported(library_root: Path) -> None:
    """A port that is taken is named, with another to try."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), "--root", str(library_root))
    assert result.returncode == 1
    assert result.stderr == f"Error: port {port} on 127.0.0.1 is in use; stop what uses it, or choose another port, e.g. --port {port + 1}\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _wait_for(condition: Callable[[], bool], *, what: str, timeout: float = TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def test_preview_answers_only_its_own_host(preview: Preview) -> None:
    """A page that rebinds its own name to 127.0.0.1 (DNS rebinding) gets no preview page; the preview's own names do."""
    port = preview.url.rsplit(":", 1)[1].strip("/")

    def status(host: str) -> int:
        request = urllib.request.Request(preview.url + "mentor/mt-core/", headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert status(f"attacker.example:{port}") == 421
    assert status(f"127.0.0.1.nip.io:{port}") == 421
    assert status(f"localhost:{port}") == 200
    assert status(f"127.0.0.1:{port}") == 200
