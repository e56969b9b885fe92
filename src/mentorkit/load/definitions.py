"""Read agency goal definitions (DESIGN.md, a contract) into sources, with a digest per file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mentorkit.errors import Problem
from mentorkit.load.files import check_readable
from mentorkit.load.fingerprint import digest_file
from mentorkit.load.yamlsource import ProblemFound, Source, read_yaml


@dataclass(frozen=True)
class Definition:
    """A goal definition file as read."""

    source: Source
    digest: str
    """SHA-256 of the file, so that planning fingerprints the variant without reading it again."""


def read_definitions(paths: list[Path], *, root: Path) -> tuple[list[Definition], list[Problem]]:
    """Read every definition file; return those readable and the problems of the others."""
    definitions: list[Definition] = []
    problems: list[Problem] = []
    for path in paths:
        unreadable = check_readable(path, root=root, example="agencies/esimerkkivirasto.yml")
        if unreadable:
            problems.extend(unreadable)
            continue
        if not path.is_file():
            problems.append(Problem(str(path), None, "", "no such file; expected the path of an agency definition, e.g. agencies/esimerkkivirasto.yml"))
            continue
        try:
            definitions.append(Definition(read_yaml(path, root=root), digest_file(path)))
        except ProblemFound as found:
            problems.extend(found.problems)
    return definitions, problems
