"""Read the content tree (data/, modules/, exercises/, docs/) into values, with a digest per file.

Nothing is checked here beyond what reading needs (YAML syntax, UTF-8, front matter): what a
file means, and whether it is missing, is for the validate stage. Every file is read once; the
digests let planning fingerprint a variant without reading any file again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from mentorkit.errors import Problem
from mentorkit.load.yamlsource import Document, ProblemFound, Source, read_document, read_yaml, relative

T = TypeVar("T")

DATA_FILES = ("site", "themes", "dimensions", "glossary", "references", "methods", "materials")
"""The vocabularies and settings of data/, each a file data/<name>.yml."""


@dataclass(frozen=True)
class Folder:
    """A module or exercise folder as read: its facts file and its translations."""

    path: str
    """Relative to the project, e.g. modules/mentor/mt-psych-safety."""
    name: str
    parent: str
    facts: Source | None
    """None when the facts file is missing or could not be read."""
    documents: Mapping[str, Document]
    """The readable translations by language code (the file's stem)."""


@dataclass(frozen=True)
class Tree:
    """Everything read from a project's content folders."""

    root: str
    present: frozenset[str]
    """Every file that exists, relative to the project: tells a missing file from an unreadable one."""
    data: Mapping[str, Source]
    """The readable data files by name: 'site', 'themes', …, and 'ui/<lang>'."""
    modules: tuple[Folder, ...]
    exercises: tuple[Folder, ...]
    pages: Mapping[str, Mapping[str, Document]]
    """The readable written pages: language -> page id -> document."""
    page_files: tuple[str, ...]
    """Every docs/<lang>/<id>.md that exists."""
    digests: Mapping[str, str]
    """SHA-256 of every content file, by its path relative to the project."""
    problems: tuple[Problem, ...]
    """What made a file unreadable."""


def read_tree(root: Path) -> Tree:
    """Read every content file under root; record, rather than raise, what makes a file unreadable."""
    root = root.resolve()
    problems: list[Problem] = []

    def attempt(read: Callable[[], T]) -> T | None:
        try:
            return read()
        except ProblemFound as found:
            problems.append(found.problem)
            return None

    data: dict[str, Source] = {}
    for path in [*(root / "data" / f"{name}.yml" for name in DATA_FILES), *sorted((root / "data" / "ui").glob("*.yml"))]:
        if path.is_file():
            source = attempt(partial(read_yaml, path, root=root))
            if source is not None:
                data[path.relative_to(root / "data").with_suffix("").as_posix()] = source
    modules = tuple(_read_folder(p, root=root, kind="module", attempt=attempt) for p in _folders(root / "modules", "*/*"))
    exercises = tuple(_read_folder(p, root=root, kind="exercise", attempt=attempt) for p in _folders(root / "exercises", "*"))
    pages: dict[str, dict[str, Document]] = {}
    page_files = sorted((root / "docs").glob("*/*.md"))
    for path in page_files:
        document = attempt(partial(read_document, path, root=root))
        if document is not None:
            pages.setdefault(path.parent.name, {})[path.stem] = document
    files = [
        *(root / "data").glob("**/*.yml"),
        *page_files,
        *(root / "exercises").glob("*/*"),
        *(root / "modules").glob("*/*/*"),
    ]
    present = sorted(relative(path, root) for path in files if path.is_file())
    return Tree(
        root=str(root),
        present=frozenset(present),
        data=data,
        modules=modules,
        exercises=exercises,
        pages=pages,
        page_files=tuple(relative(path, root) for path in page_files),
        digests={path: digest_file(root / path) for path in present},
        problems=tuple(problems),
    )


def digest_file(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folders(folder: Path, pattern: str) -> list[Path]:
    return sorted(path for path in folder.glob(pattern) if path.is_dir())


def _read_folder(folder: Path, *, root: Path, kind: str, attempt: Callable) -> Folder:
    facts_path = folder / f"{kind}.yml"
    facts = attempt(lambda: read_yaml(facts_path, root=root)) if facts_path.is_file() else None
    documents = {}
    for path in sorted(folder.glob("*.md")):
        document = attempt(partial(read_document, path, root=root))
        if document is not None:
            documents[path.stem] = document
    return Folder(relative(folder, root), folder.name, folder.parent.name, facts, documents)
