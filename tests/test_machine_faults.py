"""Machine faults (issue 23): what ran out and where, the contract's exit status, no hang, no traceback, output intact."""

from __future__ import annotations

import errno
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import write_agencies
from mentorkit import cli as cli_module
from mentorkit.render.faults import tool_fault

STOP_SCRIPT = textwrap.dedent("""
    import signal, subprocess, sys
    from pathlib import Path
    from mentorkit.render import jobs

    # Ctrl-C raises KeyboardInterrupt, as in the command line, even where SIGINT came in ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def render(item):
        # A long render in a program of its own, as MkDocs and Pagefind run.
        child = subprocess.Popen(["sleep", "600"])
        Path(sys.argv[1], str(child.pid)).touch()
        child.wait()
        return []

    step = render
    with jobs.worker_pool(state=None, workers=2) as pool:
        pool.run(step, ["a", "b"], done=lambda item, result: None)
""")


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGKILL])
def test_a_stopped_build_ends_what_its_workers_run(tmp_path: Path, signum: int) -> None:
    """Ctrl-C, or a SIGKILL nothing can clean up after: the workers end, and the programs they run with them."""
    process = subprocess.Popen([sys.executable, "-c", STOP_SCRIPT, str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    started = [int(p.name) for p in tmp_path.iterdir()]
    assert len(started) == 2, "the workers did not start their programs"
    process.send_signal(signum)
    process.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in started if alive(pid)] == []


OOM_SCRIPT = STOP_SCRIPT.replace("step = render", textwrap.dedent("""
    def killed(item):
        if item == "b":
            while not any(Path(sys.argv[1]).iterdir()):  # the other step's program runs
                pass
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel ends a process out of memory
        return render(item)

    import os
    step = killed
    try:
""")).replace("with jobs.worker_pool(", "    with jobs.worker_pool(").replace("\n    pool.run(", "\n        pool.run(") + "except jobs.MachineFault as fault:\n    print(fault)\n"


def test_a_worker_killed_for_memory_ends_the_build_and_the_others(tmp_path: Path) -> None:
    """A worker ended abruptly (the out-of-memory killer) while another renders: the build says what happened, and nothing it started runs on."""
    result = subprocess.run([sys.executable, "-c", OOM_SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.stdout.startswith("a rendering process ended abruptly (the system may have stopped it for lack of memory); build again with --jobs 1"), result.stderr
    started = [int(p.name) for p in tmp_path.iterdir()]
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started and [pid for pid in started if alive(pid)] == []


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
