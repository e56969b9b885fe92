"""Fingerprints of what a build is made from: the content folders as they lie on disk, our own code, the tools."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from functools import cache
from importlib import metadata
from pathlib import Path

import yaml

from mentorkit.load.reading import read_regular, special_kind

CONTENT_FOLDERS = ("data", "docs", "exercises", "modules")
"""The folders read_tree reads: nothing else of a project shapes the library."""

TOOLS = (
    "mentorkit", "mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2",
    "babel", "weasyprint", "pydyf", "fonttools", "pikepdf", "pagefind", "pagefind_bin", "icalendar", "PyYAML", "jsonschema",
)
"""The distributions whose version changes what is read, checked or written."""


def source_date_epoch() -> str:
    """Return the moment a build dates what it makes: SOURCE_DATE_EPOCH, else the start of the current day (UTC).

    An input like any file: every output dated by it is keyed on it, so a new day or a new
    SOURCE_DATE_EPOCH never keeps an output dated by the old one.
    """
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip() or str(int(time.time()) // 86400 * 86400)


def digest_file(path: Path) -> str:
    """Return the SHA-256 of a regular file's bytes (a pipe or device raises NotRegularFile, never blocks)."""
    return read_regular(path).digest


def fingerprint_content(root: Path) -> str | None:
    """Return one SHA-256 of every entry of the content folders (names, kinds, link targets, bytes), or None when one cannot be read."""
    digest = hashlib.sha256(str(root.resolve()).encode())
    try:
        for folder in CONTENT_FOLDERS:
            top = root / folder
            if not top.exists() and not top.is_symlink():
                digest.update(f"absent {folder}\0".encode())
                continue
            for directory, dirs, files in os.walk(top, onerror=_raise):
                dirs.sort()
                for name in sorted(dirs + files):
                    path = Path(directory, name)
                    relative = path.relative_to(root).as_posix()
                    if path.is_symlink():
                        # Links are never followed by the walk: their target and what it holds both count.
                        kind = f"link {os.readlink(path)} " + (digest_file(path) if path.is_file() else "")
                    elif name in dirs:
                        kind = "folder"
                    elif special_kind(path):  # a pipe is never read: it would block
                        kind = f"special {special_kind(path)}"
                    else:
                        kind = "file " + digest_file(path)
                    digest.update(f"{relative}\0{kind}\0".encode())
        for name in site_settings_files(root):
            path = root / name
            digest.update(f"{name}\0{digest_file(path) if path.is_file() else 'absent'}\0".encode())
    except OSError:
        return None
    return digest.hexdigest()


def site_settings_files(root: Path) -> list[str]:
    """Return mkdocs.yml and the local files it names (logo, favicon, style sheets), as far as it can be read."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return ["mkdocs.yml"]
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return ["mkdocs.yml"]  # its own digest changes when it is mended
    theme = data.get("theme") if isinstance(data, dict) else None
    named = [theme.get(key) for key in ("logo", "favicon")] if isinstance(theme, dict) else []
    css = data.get("extra_css") if isinstance(data, dict) else None
    named += css if isinstance(css, list) else []
    return ["mkdocs.yml", *(n for n in named if isinstance(n, str) and n and ".." not in n and not n.startswith("/"))]


def _raise(error: OSError) -> None:
    raise error


def hash_parts(*parts: str) -> str:
    """Return the SHA-256 of the parts, each ended by a NUL (so that no two lists of parts run together alike)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


@cache
def tool_versions() -> tuple[tuple[str, str], ...]:
    """Return the Python version and the version of every tool that shapes the output."""
    versions = [("python", sys.version)]
    for name in TOOLS:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, "absent"))
    return tuple(versions)


@cache
def package_digests() -> tuple[tuple[str, str], ...]:
    """Return the SHA-256 of every file of the mentorkit package: code, theme, schemas, templates."""
    package = Path(__file__).resolve().parent.parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return tuple((p.relative_to(package).as_posix(), digest_file(p)) for p in files)
