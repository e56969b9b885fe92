"""The exceptions of mentorkit; only the command line prints them and chooses the exit status."""

from __future__ import annotations

import errno
import resource
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the input, located as precisely as we can."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class MentorkitError(Exception):
    """Base of every error mentorkit reports to its user."""

    exit_status = 1


class InvalidInput(MentorkitError):
    """The content or a definition is invalid; carries every problem found in one run."""

    exit_status = 2

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(set(problems), key=_problem_order))
        super().__init__(self.summary())

    def summary(self) -> str:
        """Return the count line, e.g. '3 errors in 2 files'."""
        files = {p.file for p in self.problems}
        errors = "error" if len(self.problems) == 1 else "errors"
        in_files = "file" if len(files) == 1 else "files"
        return f"{len(self.problems)} {errors} in {len(files)} {in_files}"

    def __str__(self) -> str:
        return "\n".join([*map(str, self.problems), self.summary()])


class InvalidArgument(MentorkitError):
    """A command-line argument is unusable (an unsafe id, a file that would be overwritten)."""

    exit_status = 2


class BuildError(MentorkitError):
    """A build step failed for a reason other than invalid input (a tool crashed, a disk filled)."""


class MachineFault(BuildError):
    """The machine ran out of something or refused a write: disk space, memory, open files, a writable disk."""


_FAULTS = {
    errno.ENOSPC: ("no space left on the disk", "free some space on the disk that holds it"),
    errno.EDQUOT: ("the disk quota is used up", "free some space within your quota"),
    errno.EROFS: ("the file system is read-only", "build where you may write, e.g. --dist with a writable folder"),
    errno.EACCES: ("permission denied", "fix the owner or permissions of the folder"),
    errno.EPERM: ("operation not permitted", "fix the owner or permissions of the folder"),
    errno.ENOMEM: ("out of memory", "close other programs, or build with --jobs 1"),
    errno.EMFILE: ("too many open files", "raise the limit, e.g. ulimit -n 4096, or build with --jobs 1"),
    errno.ENFILE: ("the system has too many open files", "close other programs, or build with --jobs 1"),
}


def machine_fault(error: BaseException, *, doing: str = "") -> MachineFault | None:
    """Return the fault an OSError or MemoryError stands for, naming what ran out and where; None for any other error."""
    if isinstance(error, MemoryError):
        return MachineFault(f"out of memory{' ' + doing if doing else ''}; close other programs, or build with --jobs 1. The previous output is untouched.")
    if not isinstance(error, OSError) or error.errno not in _FAULTS:
        return None
    what, remedy = _FAULTS[error.errno]
    if error.errno == errno.EMFILE:
        what += f" (this process may open {resource.getrlimit(resource.RLIMIT_NOFILE)[0]}: ulimit -n)"
    where = error.filename2 or error.filename
    place = f" at {where}" if where else ""
    return MachineFault(f"{what}{place}{' while ' + doing if doing else ''}; {remedy}. The previous output is untouched.")


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.key, problem.message)
