"""The exceptions of mentorkit; only the command line prints them and chooses the exit status."""

from __future__ import annotations

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


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.key, problem.message)
