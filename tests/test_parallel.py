"""`build --jobs N`: the parallel build writes exactly what the serial one writes, fails the same way, and stops on Ctrl-C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_library, edit, run_cli, write_agencies

pytestmark = pytest.mark.slow


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def round_root(tmp_path_factory) -> Path:
    """Return the fixture library with two agencies."""
    root = copy_library(tmp_path_factory.mktemp("parallel") / "library")
    write_agencies(root)
    return root


def test_parallel_build_is_byte_identical_to_serial(round_root):
    """The base site and two agencies with their PDFs, built with --jobs 1 and --jobs 2: every file the same."""
    serial, parallel = round_root.parent / "serial", round_root.parent / "parallel"
    for jobs, dist in (("1", serial), ("2", parallel)):
        result = run_cli("build", "--all", "--jobs", jobs, "--root", str(round_root), "--dist", str(dist))
        assert result.returncode == 0, result.stderr
    one, two = files_of(serial), files_of(parallel)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert "agencies/toinen-virasto/pdf/toinen-virasto-mentor-handbook-en.pdf" in one
    assert "site/pagefind/pagefind-entry.json" in one
    assert sorted(p.name for p in serial.iterdir()) == ["agencies", "cohort", "site"], "a temporary folder was left behind"


def test_worker_error_is_reported_as_in_a_serial_build(library_root, monkeypatch):
    """MkDocs failing in every site (a build date it cannot read): the same message and exit status with --jobs 1 and --jobs 2."""
    write_agencies(library_root)
    # Validation catches every content mistake before rendering; a bad SOURCE_DATE_EPOCH reaches MkDocs.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not-a-number")
    outcomes = []
    for jobs in ("1", "2"):
        result = run_cli("build", "--all", "--no-pdf", "--force", "--jobs", jobs, "--root", str(library_root))
        lines = result.stderr.splitlines()
        # The only difference allowed: the name of the temporary folder each build writes into.
        error = [re.sub(r"/\.([a-z-]+)-[a-z0-9_]{8}\b", r"/.\1-TMP", line) for line in lines[lines.index(next(l for l in lines if l.startswith("Error:"))):]]
        outcomes.append((result.returncode, error))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == 1
    assert outcomes[0][1][0].startswith("Error: MkDocs could not build ")
    assert any("not-a-number" in line for line in outcomes[0][1])
    assert "mentorkit/" not in "\n".join(line for line in outcomes[0][1] if line.lstrip().startswith("File ")), "no traceback of mentorkit's own"
    assert [p for p in (library_root / "dist").rglob("*") if p.is_file()] == [], "a failed build wrote something"


def descendants(pid: int) -> set[int]:
    """Return the processes started by pid, and by those, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def forked_workers(pid: int) -> set[int]:
    """Return the pool's workers: children that are forks of pid (same command line), not the short-lived programs an import may run."""
    def command(of: int) -> bytes:
        try:
            return Path(f"/proc/{of}/cmdline").read_bytes()
        except OSError:
            return b""

    mine = command(pid)
    return {child for child in descendants(pid) if mine and command(child) == mine}


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_stops_every_worker(library_root, signum):
    """Ctrl-C (or SIGTERM) during a parallel build stops the workers and their MkDocs, writes nothing and exits non-zero."""
    write_agencies(library_root)
    process = subprocess.Popen(
        [sys.executable, "-m", "mentorkit", "build", "--all", "--jobs", "2", "--root", str(library_root)],
        stderr=subprocess.PIPE, text=True,
    )
    assert process.stderr is not None
    said = []
    for line in process.stderr:
        said.append(line)
        if line.startswith("Building"):
            break
    assert said and said[-1].startswith("Building"), "the build ended before it began:\n" + "".join(said) + process.stderr.read()
    deadline = time.monotonic() + 30
    while len(forked_workers(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(forked_workers(process.pid)) >= 2, "no workers started"
    workers = descendants(process.pid)
    process.send_signal(signum)
    rest = process.stderr.read()
    assert process.wait(timeout=60) != 0
    if signum == signal.SIGINT:
        assert process.returncode == 130
        assert "Interrupted" in rest
    assert "Traceback" not in rest
    time.sleep(0.5)
    assert [pid for pid in workers if alive(pid)] == []
    dist = library_root / "dist"
    assert [p for p in dist.rglob("*") if p.is_file()] == [], "an interrupted build wrote something"
