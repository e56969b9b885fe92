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
from mentorkit.load.reading import read_regular, special_kind
from mentorkit.load.yamlsource import Document, ProblemFound, read_document, read_file, relative

SAFE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CONTENT_FOLDERS = ("modules", "exercises", "docs", "data")


def check_content_tree(root: Path) -> list[Problem]:
    """Return every symbolic link in the content folders that is never followed: one out of the project, or one to a folder.

    The one rule for links, so that reading, checking and the caches' fingerprints see the same
    tree: a link to a file inside the project is read as that file (its bytes are what counts);
    a link to a folder is refused, wherever it is (a linked module folder or figures/ folder).
    """
    problems = []
    resolved_root = root.resolve()
    for name in CONTENT_FOLDERS:
        top = root / name
        for path in ([top] if top.is_symlink() else _walk_without_following(top)):
            if not path.is_symlink():
                continue
            target = path.resolve()
            if not target.is_relative_to(resolved_root):
                problems.append(Problem(path.relative_to(root).as_posix(), None, "", f"a symbolic link to {target}, outside the project; expected the file itself inside the project (links out are never read)"))
            elif target.is_dir():
                problems.append(Problem(path.relative_to(root).as_posix(), None, "", f"a symbolic link to the folder {target.relative_to(resolved_root).as_posix()}; expected the folder itself here (mentorkit follows links to files inside the project, never links to folders)"))
    return problems


def check_folders(root: Path) -> list[Problem]:
    """Return the problems of folder names and of folders where only files belong."""
    problems = []
    for folder in sorted(p for p in (root / "exercises").glob("*") if p.is_dir()):
        if not SAFE_ID.fullmatch(folder.name):
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
    special = special_kind(path)
    if special:
        return [Problem(file, None, "", f"is {special}, not a file; expected a regular file here (mentorkit never reads from a pipe or a device), e.g. {example or path.name + ' as a text file'}")]
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


BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they reorder what a reader sees (mentorkit isolates right-to-left text itself)."""


def refused_character(c: str) -> bool:
    """Tell whether the one text rule refuses a character: a control character, a line separator or a bidi control."""
    return (unicodedata.category(c) in ("Cc", "Zl", "Zp") and c not in "\t\r\n") or c in BIDI_CONTROLS


def refused_code_points() -> list[int]:
    """Return every code point the text rule refuses, for the goal form's copy of the rule as data."""
    # Unicode's stability policy fixes Cc (U+0000–001F, U+007F–009F), Zl and Zp (U+2028, U+2029);
    # every bidi control lies below U+3000 too, so this range holds every refused character.
    return [cp for cp in range(0x3000) if refused_character(chr(cp))]


def check_control_characters(text: str, *, file: str, first_line: int, key: str = "") -> Iterator[Problem]:
    """Yield a problem for each line that holds a control character, a line separator or a bidi control.

    The one text rule for every string mentorkit reads, content and definitions alike.
    """
    # The rule is asked once per distinct character, not once per character: every load reads
    # every line of the content, and almost every text has nothing to report.
    refused = {c for c in set(text) if refused_character(c)}
    if not refused:
        return
    for index, line in enumerate(text.split("\n")):
        bad = sorted(refused.intersection(line))
        if not bad:
            continue
        shown = ", ".join(f"U+{ord(c):04X}" + (f" {unicodedata.name(c)}" if unicodedata.name(c, "") else "") for c in bad)
        if any(c in BIDI_CONTROLS for c in bad):
            yield Problem(file, first_line + index, key, f"bidirectional control character {shown}; expected text without direction controls: delete it (it reorders what readers see; mentorkit isolates right-to-left text itself)")
        else:
            yield Problem(file, first_line + index, key, f"control character {shown}; expected printable text only: delete it (it is invisible in most editors)")


def read_markdown(path: Path, *, root: Path, problems: list[Problem]) -> Document | None:
    """Return a Markdown document, or None (its problems recorded) when it cannot be read safely."""
    unsafe = check_readable(path, root=root)
    if unsafe:
        problems.extend(unsafe)
        return None
    try:
        # Read once: the bytes checked are the bytes parsed and digested.
        read = read_file(path, root=root)
        unsafe = check_markdown_text(read.data, file=relative(path, root))
        problems.extend(unsafe)
        return None if unsafe else read_document(path, root=root, read=read)
    except ProblemFound as found:
        problems.extend(found.problems)
        return None


def read_figures(root: Path) -> dict[str, bytes | None]:
    """Return every entry of the modules' figures/ folders by path: its bytes, or None for a folder."""
    figures: dict[str, bytes | None] = {}
    for folder in sorted(p for p in (root / "modules").glob("*/*/figures") if p.is_dir() and not p.is_symlink()):
        for path in sorted(folder.iterdir()):
            figures[relative(path, root)] = _figure_bytes(path)
    return figures


def _figure_bytes(path: Path) -> bytes | None:
    """Return a figure's bytes, or None for a folder, a pipe or a device, or a file that cannot be read."""
    if path.is_dir():
        return None
    try:
        return read_regular(path).data
    except OSError:
        return None


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
