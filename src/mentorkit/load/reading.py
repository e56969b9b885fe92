"""Read a file's bytes once, and only when it is a regular file: the bytes parsed are the bytes digested.

A named pipe (FIFO) or a device in a content folder would block a plain open() for ever; it is
opened without blocking, and refused after fstat tells what it is.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}


class NotRegularFile(OSError):
    """A path that should be a file is a pipe, a device or a socket; its strerror says which."""


@dataclass(frozen=True)
class FileBytes:
    """A file's bytes as read, with their SHA-256 and the modification time of the file they came from."""

    data: bytes
    digest: str
    modified_ns: int


def read_regular(path: Path) -> FileBytes:
    """Return the bytes of a regular file; raise NotRegularFile for anything else, OSError when it cannot be read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            kind = KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
            raise NotRegularFile(0, kind, str(path))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return FileBytes(data, hashlib.sha256(data).hexdigest(), status.st_mtime_ns)


def special_kind(path: Path) -> str | None:
    """Return what a path is when it is a pipe, a device or a socket (links followed), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return KINDS.get(stat.S_IFMT(mode))
