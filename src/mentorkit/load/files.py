"""Checks that need the files themselves: links out of the project, folders where files belong, unreadable bytes.

They run while the tree is read (validate never touches a file), and each is recorded as a Problem.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from mentorkit.errors import Problem
from mentorkit.load.yamlsource import Document, ProblemFound, read_document, relative

SAFE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CONTENT_FOLDERS = ("modules", "exercises", "docs", "data")


def check_content_tree(root: Path) -> list[Problem]:
    """Return every symbolic link in the content folders that leads outside the project (never followed)."""
    problems = []
    resolved_root = root.resolve()
    for name in CONTENT_FOLDERS:
        for path in _walk_without_following(root / name):
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(resolved_root):
                    problems.append(Problem(path.relative_to(root).as_posix(), None, "", f"a symbolic link to {target}, outside the project; expected the file itself inside the project (links out are never read)"))
    return problems


def check_folders(root: Path) -> list[Problem]:
    """Return the problems of folder names and of folders where only files belong."""
    problems = []
    for folder in sorted(p for p in (root / "exercises").glob("*") if p.is_dir()):
        if not SAFE_ID.match(folder.name):
            problems.append(Problem(folder.relative_to(root).as_posix(), None, "", f"'{folder.name}' is not a safe exercise id; expected lower-case letters a–z, digits and single hyphens, e.g. {slug_of(folder.name)}"))
        problems += _subfolders(folder, root, allowed=())
    for folder in sorted(p for p in (root / "modules").glob("*/*") if p.is_dir()):
        problems += _subfolders(folder, root, allowed=("figures",))
    return problems


def check_readable(path: Path, *, root: Path, example: str | None = None) -> list[Problem]:
    """Return a problem when a path that should be a file is a folder or cannot be read."""
    file = relative(path, root)
    if path.is_dir():
        return [Problem(file, None, "", f"is a folder; expected a file here, e.g. {example or path.name + ' as a text file'}")]
    if path.exists() and not os.access(path, os.R_OK):
        return [Problem(file, None, "", "cannot be read (permission denied); expected a file mentorkit may read, e.g. chmod a+r " + file)]
    return []


def check_markdown_text(raw: bytes, *, file: str) -> list[Problem]:
    """Return what stops a Markdown file from being read: a BOM, control characters, unclosed front matter."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return [Problem(file, 1, "", "starts with a byte order mark (BOM); expected UTF-8 without BOM: save the file as plain UTF-8")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return []  # The reader reports undecodable text with its reason.
    problems = list(check_control_characters(text, file=file, first_line=1))
    lines = text.split("\n")
    if lines[0].rstrip() == "---" and not any(line.rstrip() == "---" for line in lines[1:]):
        problems.append(Problem(file, 1, "", "front matter is not closed; expected a line --- after the front matter's last key, e.g. ---\\ntitle: …\\n---"))
    return problems


def check_control_characters(text: str, *, file: str, first_line: int, key: str = "") -> Iterator[Problem]:
    """Yield a problem for each line that holds a NUL or another control character."""
    for index, line in enumerate(text.split("\n")):
        bad = sorted({c for c in line if unicodedata.category(c) == "Cc" and c not in "\t\r"})
        if bad:
            shown = ", ".join(f"U+{ord(c):04X}" for c in bad)
            yield Problem(file, first_line + index, key, f"control character {shown}; expected printable text only: delete it (it is invisible in most editors)")


def read_markdown(path: Path, *, root: Path, problems: list[Problem]) -> Document | None:
    """Return a Markdown document, or None (its problems recorded) when it cannot be read safely."""
    unsafe = check_readable(path, root=root)
    if not unsafe:
        unsafe = check_markdown_text(path.read_bytes(), file=relative(path, root))
    problems.extend(unsafe)
    if unsafe:
        return None
    try:
        return read_document(path, root=root)
    except ProblemFound as found:
        problems.extend(found.problems)
        return None


def read_figures(root: Path) -> dict[str, bytes | None]:
    """Return every entry of the modules' figures/ folders by path: its bytes, or None for a folder."""
    figures: dict[str, bytes | None] = {}
    for folder in sorted(p for p in (root / "modules").glob("*/*/figures") if p.is_dir() and not p.is_symlink()):
        for path in sorted(folder.iterdir()):
            figures[relative(path, root)] = None if path.is_dir() or not os.access(path, os.R_OK) else path.read_bytes()
    return figures


def slug_of(name: str) -> str:
    """Return a safe id close to a name, for the example in a message."""
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-") or "my-exercise"


def _subfolders(folder: Path, root: Path, *, allowed: tuple[str, ...]) -> list[Problem]:
    kind, article = ("module", "a") if allowed else ("exercise", "an")
    where = "module.yml, the translations (fi.md, en.md …) and figures/" if allowed else "exercise.yml and the translations (fi.md, en.md …)"
    return [
        Problem(path.relative_to(root).as_posix(), None, "", f"a folder '{path.name}' where only files belong; expected only {where} in {article} {kind} folder, e.g. an image as modules/<track>/<id>/figures/<name>.svg")
        for path in sorted(folder.iterdir())
        # A folder named like an expected file is reported as such by the reader (check_readable).
        if path.is_dir() and not path.is_symlink() and path.name not in allowed and path.suffix not in {".yml", ".md"}
    ]


def _walk_without_following(folder: Path) -> Iterator[Path]:
    if not folder.is_dir() or folder.is_symlink():
        return
    for path in sorted(folder.iterdir()):
        yield path
        if path.is_dir() and not path.is_symlink():
            yield from _walk_without_following(path)
