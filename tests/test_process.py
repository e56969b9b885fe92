"""The build as a process: real signals, real concurrent builds, a real web server running as another user."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import AGENCY, run_cli

ONE_LANGUAGE = AGENCY.replace("languages: [fi, en]", "languages: [fi]")


def start(*args: str, cwd: Path) -> subprocess.Popen:
    """Start the mentorkit command line as a user would, without waiting for it."""
    return subprocess.Popen([sys.executable, "-m", "mentorkit", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def children(pid: int) -> list[int]:
    """Return the process ids of a process's children."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def wait_until(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) if folder.is_dir() else []


def test_site_is_served_by_a_server_running_as_another_user(library_root: Path) -> None:
    """A web server running as nobody answers 200 for the published site: folders 0755, files 0644."""
    # Every folder on the way must let nobody through, so the output goes outside pytest's private tmp.
    dist = Path(tempfile.mkdtemp(prefix="mentorkit-served-"))
    dist.chmod(0o755)
    try:
        result = run_cli("build", "--no-pdf", "--dist", str(dist), cwd=library_root)
        assert result.returncode == 0, result.stderr
        site = dist / "site"
        assert stat.S_IMODE(site.stat().st_mode) == 0o755
        assert stat.S_IMODE((site / "index.html").stat().st_mode) == 0o644
        assert stat.S_IMODE((site / "en").stat().st_mode) == 0o755
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "/usr/bin/python3", "-m", "http.server", "--bind", "127.0.0.1", "-d", str(site), str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            def answer(path: str) -> int | None:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
                        return response.status
                except urllib.error.HTTPError as error:
                    return error.code
                except OSError:
                    return None

            assert wait_until(lambda: answer("/"), timeout=15, what="the server") == 200
            assert answer("/en/") == 200
            assert answer("/pagefind/pagefind-entry.json") == 200
            assert Path(f"/proc/{server.pid}/status").read_text().count("\t65534") >= 2, "the server does not run as nobody"
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        subprocess.run(["rm", "-rf", str(dist)], check=True)


def test_two_builds_at_once_both_succeed(library_root: Path) -> None:
    """Two real builds of one project at the same time: the second waits for the first, with a message."""
    first = start("build", "--no-pdf", cwd=library_root)
    second = start("build", "--no-pdf", cwd=library_root)
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    waiting = [err for _, err in outputs if "Waiting for another build of" in err]
    assert len(waiting) == 1, outputs
    assert (library_root / "dist/site/index.html").is_file()
    assert leftovers(library_root / "dist") == []


def test_sigterm_stops_the_pdf_workers_and_cleans_up(library_root: Path) -> None:
    """SIGTERM while PDFs render: exit 143 with one line, no worker left running, no temporary folder left."""
    (library_root / "agencies").mkdir()
    (library_root / "agencies/testivirasto.yml").write_text(ONE_LANGUAGE, encoding="utf-8")
    build = start("build", "--agency", "agencies/testivirasto.yml", cwd=library_root)

    def workers() -> list[int]:
        # Forks of the build: the same command line (not a program an import runs for a moment).
        return [c for c in children(build.pid) if command_of(c) == command_of(build.pid)]

    found = wait_until(workers, timeout=120, what="the PDF workers")
    time.sleep(0.5)
    found = workers() or found
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 143, err
    assert err.splitlines()[-1] == "Interrupted (SIGTERM); the previous output is untouched."
    wait_until(lambda: not any(alive(pid) for pid in found), timeout=10, what="the workers to end")
    assert leftovers(library_root / "dist/agencies") == []
    assert not (library_root / "dist/agencies/testivirasto").exists()


def test_no_pdf_build_keeps_the_pdfs(library_root: Path) -> None:
    """`build --agency X --no-pdf` after a full build keeps X's PDFs and says so."""
    (library_root / "agencies").mkdir()
    (library_root / "agencies/testivirasto.yml").write_text(ONE_LANGUAGE, encoding="utf-8")
    full = run_cli("build", "--agency", "agencies/testivirasto.yml", cwd=library_root)
    assert full.returncode == 0, full.stderr
    pdf = library_root / "dist/agencies/testivirasto/pdf/testivirasto-mentor-handbook-fi.pdf"
    before = pdf.read_bytes()
    again = run_cli("build", "--no-pdf", "--agency", "agencies/testivirasto.yml", cwd=library_root)
    assert again.returncode == 0, again.stderr
    assert "Kept the previous build's PDFs of testivirasto (not rebuilt with --no-pdf; they may be out of date)" in again.stderr
    assert pdf.read_bytes() == before
    assert (library_root / "dist/agencies/testivirasto/site/pdf/testivirasto-mentor-handbook-fi.pdf").read_bytes() == before


def test_next_build_sweeps_what_a_killed_build_left(library_root: Path) -> None:
    """After SIGKILL mid-build, the temporary folder is left; the next build removes it and says so."""
    dist = library_root / "dist"
    build = start("build", "--no-pdf", cwd=library_root)
    wait_until(lambda: leftovers(dist), timeout=120, what="the temporary output folder")
    build.send_signal(signal.SIGKILL)
    build.communicate(timeout=30)
    assert build.returncode == -signal.SIGKILL
    left = leftovers(dist)
    assert left and left[0].startswith(".site-new-")
    result = run_cli("build", "--no-pdf", cwd=library_root)
    assert result.returncode == 0, result.stderr
    assert f"Removed {Path('dist') / left[0]}, left behind by an interrupted build" in result.stderr
    assert leftovers(dist) == []


def test_sigkill_of_the_build_ends_its_workers(library_root: Path) -> None:
    """SIGKILL of the build (nothing can be cleaned up) still ends its PDF workers at once, not after their document."""
    (library_root / "agencies").mkdir()
    (library_root / "agencies/testivirasto.yml").write_text(ONE_LANGUAGE, encoding="utf-8")
    build = start("build", "--jobs", "2", "--agency", "agencies/testivirasto.yml", cwd=library_root)

    def workers() -> list[int]:
        # Forks of the build: the same command line (not a program an import runs for a moment).
        return [c for c in children(build.pid) if command_of(c) == command_of(build.pid)]

    found = wait_until(lambda: len(workers()) >= 2 and workers(), timeout=120, what="the PDF workers")
    build.send_signal(signal.SIGKILL)
    build.communicate(timeout=30)
    wait_until(lambda: not any(alive(pid) for pid in found), timeout=5, what="the workers to end with the build")


def test_swap_interrupted_between_its_renames_is_recovered(library_root: Path) -> None:
    """A kill between the two renames leaves the old output aside; the next build puts it back before it starts."""
    assert run_cli("build", "--no-pdf", cwd=library_root).returncode == 0
    dist = library_root / "dist"
    # The state a kill between `site -> .site-old-…` and `.site-new-… -> site` leaves behind.
    (dist / "site").rename(dist / ".site-old-k1ll3d00")
    (dist / ".site-new-k1ll3d00").mkdir()
    (dist / ".notes-new-mine").mkdir()  # not mentorkit's: left alone
    (dist / ".site-old-k1ll3d00" / "kept.txt").write_text("from the old output", encoding="utf-8")
    # A build of one agency does not touch dist/site: what it shows there is the recovered old output.
    (library_root / "agencies").mkdir()
    (library_root / "agencies/testivirasto.yml").write_text(AGENCY, encoding="utf-8")
    result = run_cli("build", "--no-pdf", "--agency", "agencies/testivirasto.yml", cwd=library_root)
    assert result.returncode == 0, result.stderr
    assert "Restored dist/site, which an interrupted build had left as .site-old-k1ll3d00" in result.stderr
    assert (dist / "site/kept.txt").read_text(encoding="utf-8") == "from the old output"
    assert (dist / "site/index.html").is_file()
    assert leftovers(dist) == [".notes-new-mine"]


def test_read_only_output_folder_is_exit_2(library_root: Path) -> None:
    """A dist/ the user may not write to is exit 2 with what to do, not an internal error; nothing is left behind."""
    dist = library_root / "dist"
    dist.mkdir()
    dist.chmod(0o555)
    # Without capabilities, root is bound by the permission bits like any user.
    result = subprocess.run(
        ["setpriv", "--bounding-set=-all", "--inh-caps=-all", sys.executable, "-m", "mentorkit", "build", "--no-pdf"],
        cwd=library_root, capture_output=True, text=True,
    )
    dist.chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"Error: cannot write the output in dist (Permission denied); expected a folder you may write to: "
        f"fix its owner or permissions, or choose another output folder with --dist"
    )
    assert list(dist.iterdir()) == []


def test_umask_is_respected(library_root: Path) -> None:
    """A stricter umask (027) gives 0750 folders, as any other file the user makes."""
    result = subprocess.run(["sh", "-c", f"umask 027 && exec {sys.executable} -m mentorkit build --no-pdf"], cwd=library_root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((library_root / "dist/site").stat().st_mode) == 0o750
    assert stat.S_IMODE((library_root / "dist/site/index.html").stat().st_mode) == 0o640


@pytest.fixture(autouse=True)
def _no_inherited_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    os.umask(0o022)


def test_failed_swap_leaves_nothing_behind(library_root: Path) -> None:
    """A dist/site owned by another user in a sticky dist/ cannot be swapped: exit 2, the old site intact, no temporary folder."""
    assert run_cli("build", "--no-pdf", cwd=library_root).returncode == 0
    dist = library_root / "dist"
    before = (dist / "site/index.html").read_bytes()
    # Sticky and owned by nobody, like /tmp: only the owner of dist/site (nobody) may rename it.
    os.chown(dist / "site", 65534, 65534)
    os.chown(dist, 65534, 65534)
    dist.chmod(0o1777)
    result = subprocess.run(
        ["setpriv", "--bounding-set=-all", "--inh-caps=-all", sys.executable, "-m", "mentorkit", "build", "--no-pdf", "--force"],
        cwd=library_root, capture_output=True, text=True,
    )
    os.chown(dist, 0, 0)
    dist.chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "Error: cannot write the output in dist (Operation not permitted); expected a folder you may write to: "
        "fix its owner or permissions, or choose another output folder with --dist"
    )
    assert leftovers(dist) == []
    assert (dist / "site/index.html").read_bytes() == before
