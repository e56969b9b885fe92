"""Machine faults (issue 23): what ran out and where, the contract's exit status, no hang, no traceback, output intact."""

from __future__ import annotations

import errno
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import write_agencies
from mentorkit import cli as cli_module
from mentorkit.render.faults import tool_fault

STOP_SCRIPT = textwrap.dedent("""
    import os, sys, time
    from mentorkit.render import jobs

    real = jobs.start_worker
    claim = sys.argv[1]

    def start_late(state):
        # The first worker starts as usual; the second is held before it has its own process group.
        try:
            os.close(os.open(claim, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            time.sleep(600)
        real(state)

    jobs.start_worker = start_late
    state = jobs.State(library=None, variants={})
    try:
        jobs.run_jobs([jobs.Job("missing", jobs.Path("a")), jobs.Job("missing", jobs.Path("b"))], state=state, workers=2, done=lambda job: None)
    except KeyError as error:
        print("failed as expected:", error, flush=True)
""")


def test_a_failure_stops_a_worker_that_has_no_process_group_yet(tmp_path: Path) -> None:
    """A job fails while another worker has not yet made its own process group: the build still ends, its workers with it."""
    result = subprocess.run([sys.executable, "-c", STOP_SCRIPT, str(tmp_path / "claimed")], capture_output=True, text=True, timeout=120)
    assert result.stdout.startswith("failed as expected: 'missing'"), result.stderr


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "dist/site/index.html"),
         "Error: no space left on the disk at dist/site/index.html; free some space on the disk that holds it. The previous output is untouched."),
        (OSError(errno.EROFS, "Read-only file system", "build/.cache/library.pickle"),
         "Error: the file system is read-only at build/.cache/library.pickle; build where you may write, e.g. --dist with a writable folder. The previous output is untouched."),
        (MemoryError(), "Error: out of memory; close other programs, or build with --jobs 1. The previous output is untouched."),
    ],
)
def test_a_machine_fault_is_a_message_and_exit_1(library_root: Path, monkeypatch, error: BaseException, expected: str) -> None:
    """Disk full, a read-only disk, no memory: one line saying what ran out and where, exit 1 (DESIGN.md), no traceback."""
    from mentorkit import pipeline

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(pipeline, "check", fail)
    result = CliRunner().invoke(cli_module.cli, ["build", "--no-pdf", "--root", str(library_root)], prog_name="mentorkit")
    assert result.exit_code == 1
    assert result.output.splitlines() == [expected]


def test_a_tool_that_ran_out_of_disk_is_named_not_dumped() -> None:
    """MkDocs' 48-line traceback for a full disk becomes one message naming the file."""
    output = "Traceback (most recent call last):\n  File \"x\", line 1\n" * 20 + "OSError: [Errno 28] No space left on device: '/src/a.js' -> '/out/dist/.site-new-x/a.js'\n"
    fault = tool_fault(output, doing="MkDocs wrote /out/dist/.site-new-x")
    assert str(fault) == "no space left on the disk at /out/dist/.site-new-x/a.js while MkDocs wrote /out/dist/.site-new-x; free some space on the disk that holds it. The previous output is untouched."
    assert tool_fault("ERROR - Doc file 'x.md' contains a link\nAborted with 1 warnings in strict mode!", doing="…") is None


def test_a_low_open_files_limit_is_named(library_root: Path) -> None:
    """With `ulimit -n 12` the build says which limit ran out and exits 1, instead of "Internal error"."""
    write_agencies(library_root)
    result = subprocess.run(
        ["sh", "-c", f"ulimit -n 12 && exec {sys.executable} -m mentorkit build --all --no-pdf --jobs 2 --root {library_root}"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: too many open files (this process may open 12: ulimit -n)"), result.stderr
    assert "Internal error" not in result.stderr and "Traceback" not in result.stderr


def test_no_home_folder_is_no_crash(library_root: Path, monkeypatch) -> None:
    """A uid without a home folder (no HOME, no passwd entry) builds, and `--dist ~/x` is refused in words."""
    import pwd

    def no_entry(uid: int):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    runner = CliRunner()
    result = runner.invoke(cli_module.cli, ["build", "--no-pdf", "--root", str(library_root)], prog_name="mentorkit")
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli_module.cli, ["build", "--no-pdf", "--root", str(library_root), "--dist", "~/out"], prog_name="mentorkit")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: --dist ~/out starts with ~, but this user has no home folder (no HOME, no passwd entry); expected a path without ~, e.g. --dist ./dist"
