"""Read the content tree (data/, modules/, exercises/, docs/) into values, with a digest per file.

Nothing is checked here beyond what reading needs (YAML syntax, UTF-8, front matter): what a
file means, and whether it is missing, is for the validate stage. Every file is read once; the
digests let planning fingerprint a variant without reading any file again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from mentorkit.errors import InvalidInput, Problem
from mentorkit.load.fingerprint import digest_file
from mentorkit.load.files import check_content_tree, check_folders, check_readable, read_figures, read_markdown
from mentorkit.load.yamlsource import Document, ProblemFound, Source, read_yaml, relative

T = TypeVar("T")

DATA_FILES = ("site", "themes", "dimensions", "glossary", "references", "methods", "materials")
"""The vocabularies and settings of data/, each a file data/<name>.yml."""
OPTIONAL_DATA_FILES = ("training-plans",)
"""Data files a project may leave out, read the same way when present."""


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
    figures: Mapping[str, bytes | None]
    """Every entry of a module's figures/ folder by path: its bytes, or None when it is a folder or unreadable."""
    digests: Mapping[str, str]
    """SHA-256 of every content file (figures too), by its path relative to the project."""
    problems: tuple[Problem, ...]
    """What made a file unreadable."""


def read_tree(root: Path) -> Tree:
    """Read every content file under root; record, rather than raise, what makes a file unreadable.

    Symbolic links out of the project are the exception: they raise InvalidInput before anything is read.
    """
    root = root.resolve()
    outside = check_content_tree(root)
    if outside:  # Links out of the project are never followed, so nothing else is read.
        raise InvalidInput(outside)
    problems: list[Problem] = check_folders(root)

    def attempt(read: Callable[[], T]) -> T | None:
        try:
            return read()
        except ProblemFound as found:
            problems.extend(found.problems)
            return None

    data: dict[str, Source] = {}
    for path in [*(root / "data" / f"{name}.yml" for name in (*DATA_FILES, *OPTIONAL_DATA_FILES)), *sorted((root / "data" / "ui").glob("*.yml"))]:
        if path.exists() and not _unreadable(path, root=root, problems=problems):
            source = attempt(partial(read_yaml, path, root=root))
            if source is not None:
                data[path.relative_to(root / "data").with_suffix("").as_posix()] = source
    modules = tuple(_read_folder(p, root=root, kind="module", attempt=attempt, problems=problems) for p in _folders(root / "modules", "*/*"))
    exercises = tuple(_read_folder(p, root=root, kind="exercise", attempt=attempt, problems=problems) for p in _folders(root / "exercises", "*"))
    pages: dict[str, dict[str, Document]] = {}
    page_files = sorted((root / "docs").glob("*/*.md"))
    for path in page_files:
        document = read_markdown(path, root=root, problems=problems)
        if document is not None:
            pages.setdefault(path.parent.name, {})[path.stem] = document
    files = [
        *(root / "data").glob("**/*.yml"),
        *page_files,
        *(root / "exercises").glob("*/*"),
        *(root / "modules").glob("*/*/*"),
    ]
    # A folder named like a file is present (and reported as a folder), not missing.
    present = sorted(path.relative_to(root).as_posix() for path in files if path.is_file() or (path.is_dir() and path.suffix in {".yml", ".md"}))
    figures = read_figures(root)
    readable = [path for path in present if (root / path).is_file() and os.access(root / path, os.R_OK)]
    return Tree(
        root=str(root),
        present=frozenset(present),
        data=data,
        modules=modules,
        exercises=exercises,
        pages=pages,
        page_files=tuple(path.relative_to(root).as_posix() for path in page_files),
        figures=figures,
        digests={
            **{path: digest_file(root / path) for path in readable},
            **{path: hashlib.sha256(content).hexdigest() for path, content in figures.items() if content is not None},
        },
        problems=tuple(problems),
    )


def _unreadable(path: Path, *, root: Path, problems: list[Problem]) -> bool:
    """Record and return whether a path that should be a file is a folder or cannot be read."""
    found = check_readable(path, root=root)
    problems.extend(found)
    return bool(found)


def _folders(folder: Path, pattern: str) -> list[Path]:
    return sorted(path for path in folder.glob(pattern) if path.is_dir())


def _read_folder(folder: Path, *, root: Path, kind: str, attempt: Callable, problems: list[Problem]) -> Folder:
    facts_path = folder / f"{kind}.yml"
    readable = facts_path.exists() and not _unreadable(facts_path, root=root, problems=problems)
    facts = attempt(lambda: read_yaml(facts_path, root=root)) if readable else None
    documents = {}
    for path in sorted(folder.glob("*.md")):
        document = read_markdown(path, root=root, problems=problems)
        if document is not None:
            documents[path.stem] = document
    return Folder(folder.relative_to(root).as_posix(), folder.name, folder.parent.name, facts, documents)
