"""Remember what validation returned under build/.cache/, so that unchanged input is not read and checked again.

A memo is keyed on a fingerprint of everything its validation read (every entry of the content
folders, the definitions), of our own code and of the tools' versions: any change misses it. The
warnings validation gave are kept with it and given again. The stored bytes carry their own
SHA-256, so a truncated or edited memo is a miss, never a wrong result; one that cannot be written
is skipped.

A memo cannot run code, even one planted with a valid checksum: it is unpickled by an unpickler
that knows only values (our model's frozen dataclasses and enums, dates, and Python's own
containers), so the only thing a memo can do is construct them. Anything else is a miss.
"""

from __future__ import annotations

import hashlib
import logging
import os
import dataclasses
import datetime
import enum
import io
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, cast

from mentorkit.load.fingerprint import digest_file, fingerprint_content, hash_parts, package_digests, tool_versions

T = TypeVar("T")

MEMO_VERSION = "mentorkit memo 1"


def key_library(root: Path) -> str | None:
    """Return the key of a project's library as it lies on disk now, or None when it cannot be fingerprinted."""
    content = fingerprint_content(root)
    return None if content is None else _key("library", content)


def key_definitions(library_key: str | None, paths: Sequence[Path], *, root: Path) -> str | None:
    """Return the key of definitions validated against a library: their paths as given, where they lead, their bytes and save times."""
    if library_key is None:
        return None
    parts = [library_key, str(root.resolve())]
    try:
        for path in paths:
            # The save time is part of a definition as validated: its calendar's DTSTAMP and SEQUENCE.
            parts += [str(path), os.path.realpath(path), str(path.is_symlink()), digest_file(path), str(path.stat().st_mtime_ns)]
    except OSError:
        return None
    return _key("definitions", *parts)


def remembered(cache_dir: Path | None, *, name: str, key: Callable[[], str | None], compute: Callable[[], T], recall: bool = True) -> T:
    """Return what compute returns, recalled from cache_dir/<name>.pickle when stored under the same key (unless not recall); replay its warnings."""
    before = key() if cache_dir else None
    found = _recall(cache_dir / f"{name}.pickle", key=before) if recall and cache_dir and before else None
    if found is not None:
        value, warnings = found
        for logger, message in warnings:
            logging.getLogger(logger).warning(message)
        return cast(T, value)
    capture = _Warnings()
    logging.getLogger("mentorkit").addHandler(capture)
    try:
        value = compute()
    finally:
        logging.getLogger("mentorkit").removeHandler(capture)
    # Stored only when nothing changed while it was read: the key must describe what was validated.
    if cache_dir and before and key() == before:
        _remember(cache_dir / f"{name}.pickle", key=before, value=(value, capture.warnings))
    return value


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.warnings.append((record.name, record.getMessage()))


def _key(kind: str, *parts: str) -> str:
    return hash_parts(str(MEMO_VERSION), kind, *parts, *(f"{name}={value}" for name, value in (*tool_versions(), *package_digests())))


def _recall(path: Path, *, key: str) -> tuple[object, list[tuple[str, str]]] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, payload = data.partition(b"\n")
    if header != f"{key} {hashlib.sha256(payload).hexdigest()}".encode():
        return None
    try:
        found = _ValuesOnly(io.BytesIO(payload)).load()
    except Exception:  # intact bytes that no longer unpickle (a class renamed since), or a refused global: a miss
        return None
    return found if isinstance(found, tuple) and len(found) == 2 else None


class _ValuesOnly(pickle.Unpickler):
    """Unpickle values only: pickle would otherwise call whatever a memo names (os.system)."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) in (("datetime", "date"), ("datetime", "datetime")):
            return getattr(datetime, name)
        if module in ("builtins", "copyreg") and name in ("frozenset", "set", "tuple", "list", "dict"):
            return super().find_class(module, name)
        if module == "mentorkit.model" or module.startswith("mentorkit.model."):
            found = super().find_class(module, name)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a value mentorkit stores")


def _remember(path: Path, *, key: str, value: object) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(f"{key} {hashlib.sha256(payload).hexdigest()}\n".encode() + payload)
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
