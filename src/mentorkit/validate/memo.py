"""Remember the last validated library under build/.cache/, so that an unchanged project is not read and checked again.

The memo is keyed on a fingerprint of every entry of the content folders, of our own code and of
the tools' versions: any change to any of them misses it. The stored bytes carry their own SHA-256,
so a truncated or edited memo is a miss, never a wrong library; one that cannot be written is no error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from mentorkit.load.fingerprint import fingerprint_content, package_digests, tool_versions
from mentorkit.model import Library

MEMO_VERSION = b"mentorkit library memo 1\n"


@dataclass(frozen=True)
class Validated:
    """A validated library and the warnings its validation gave."""

    library: Library
    warnings: tuple[str, ...]


def key_library(root: Path) -> str | None:
    """Return the memo key of a project's library as it lies on disk now, or None when it cannot be fingerprinted."""
    content = fingerprint_content(root)
    if content is None:
        return None
    digest = hashlib.sha256(MEMO_VERSION + content.encode())
    for name, value in (*tool_versions(), *package_digests()):
        digest.update(f"{name}\0{value}\0".encode())
    return digest.hexdigest()


def memo_path(cache_dir: Path) -> Path:
    """Return where the memo is kept."""
    return cache_dir / "library.pickle"


def recall_library(cache_dir: Path, *, key: str) -> Validated | None:
    """Return the remembered library when it was stored under key and is intact, else None."""
    try:
        data = memo_path(cache_dir).read_bytes()
    except OSError:
        return None
    header, _, payload = data.partition(b"\n")
    if header != f"{key} {hashlib.sha256(payload).hexdigest()}".encode():
        return None
    try:
        found = pickle.loads(payload)
    except Exception:  # an intact payload of another build of our classes: a miss
        return None
    return found if isinstance(found, Validated) else None


def remember_library(cache_dir: Path, *, key: str, validated: Validated) -> None:
    """Store the validated library under key, atomically (a memo that cannot be written is skipped)."""
    payload = pickle.dumps(validated, protocol=pickle.HIGHEST_PROTOCOL)
    path = memo_path(cache_dir)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(f"{key} {hashlib.sha256(payload).hexdigest()}\n".encode() + payload)
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
