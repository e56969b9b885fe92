"""Publish safely: build beside the target, then swap it into place; never replace what mentorkit did not write.

The swap is two renames (os.rename: the old folder aside, the new one into place); a process
killed between them leaves the old output under a `.<name>-old-…` name, which the next build puts
back before it starts (recover_outputs).
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mentorkit.errors import InvalidArgument

log = logging.getLogger(__name__)

MARKER = ".mentorkit-output"
"""The file mentorkit leaves in each output folder it writes: only such a folder is ever replaced."""

MARKER_TEXT = "Written by mentorkit. The next build replaces this folder; anything added to it is lost.\n"
FILE_MARKER = b"Written by mentorkit. The next build replaces this file."
"""The comment of each zip mentorkit writes beside its folders (dist/site.zip): only such a file is ever replaced."""
SOURCE_FOLDERS = ("modules", "exercises", "docs", "data", "agencies", "src")
_NEW, _OLD = "new", "old"


def check_output_folder(dist: Path, *, root: Path) -> Path:
    """Return the output folder resolved; refuse one where a build could destroy sources or a home."""
    folder, project = _expand_user(dist).resolve(), root.resolve()
    what = ""
    home = _home()
    if folder == Path(folder.anchor):
        what = "is the file system root"
    elif home is not None and folder == home:
        what = "is the home folder"
    elif folder == project or project.is_relative_to(folder):
        what = f"contains the project {project}"
    else:
        inside = next((name for name in SOURCE_FOLDERS if folder.is_relative_to(project / name)), None)
        if inside:
            what = f"is inside the project's {inside}/ folder"
    if what:
        raise InvalidArgument(f"--dist {dist} {what}; a build replaces folders there. Choose an output folder of its own, e.g. --dist {project / 'dist'}")
    return folder


def _home() -> Path | None:
    """Return the user's home folder, or None for a user who has none (no HOME, no passwd entry)."""
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError):
        return None


def _expand_user(path: Path) -> Path:
    """Return path with a leading ~ expanded; refuse it, in words, for a user without a home folder."""
    try:
        return path.expanduser()
    except RuntimeError:
        raise InvalidArgument(f"--dist {path} starts with ~, but this user has no home folder (no HOME, no passwd entry); expected a path without ~, e.g. --dist ./dist") from None


def check_replaceable(target: Path) -> None:
    """Refuse to build into a target that exists and was not written by mentorkit."""
    if target.is_symlink() or (target.exists() and not (target / MARKER).is_file()):
        raise InvalidArgument(
            f"{target} exists and was not written by mentorkit (it has no {MARKER}); a build would replace it. "
            f"Move it away, or choose another output folder with --dist"
        )


def check_replaceable_file(target: Path) -> None:
    """Refuse to write a zip over a file that exists and was not written by mentorkit."""
    if target.is_symlink() or (target.exists() and not _written_zip(target)):
        raise InvalidArgument(
            f"{target} exists and was not written by mentorkit (it is not a zip with mentorkit's comment); a build would replace it. "
            f"Move it away, or choose another output folder with --dist"
        )


def _written_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == FILE_MARKER
    except (OSError, zipfile.BadZipFile):
        return False


@contextmanager
def build_lock(root: Path, *, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the project's build lock (build/.lock); call on_wait once if another build holds it."""
    folder = root / "build"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / ".lock", "a+b")
    except OSError as error:
        raise _unwritable(folder, error) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover_outputs(folder: Path) -> None:
    """Put back an output a killed swap left aside, and delete temporary folders of killed builds."""
    if not folder.is_dir():
        return
    for entry in sorted(folder.iterdir()):
        name, kind = _temporary(entry)
        if kind is None:
            continue
        target = folder / name
        if kind == _OLD and not target.exists() and (entry / MARKER).is_file():
            entry.rename(target)
            log.warning("Restored %s, which an interrupted build had left as %s", target, entry.name)
        elif entry.is_file():
            entry.unlink()
            log.info("Removed %s, left behind by an interrupted build", entry)
        else:
            shutil.rmtree(entry, ignore_errors=True)
            log.info("Removed %s, left behind by an interrupted build", entry)


@contextmanager
def publishing(target: Path) -> Iterator[Path]:
    """Yield an empty folder to build into; on success it replaces target, on failure target is untouched."""
    check_replaceable(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}-{_NEW}-", dir=target.parent))
    except OSError as error:
        raise _unwritable(target.parent, error) from None
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    try:
        (work / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        # mkdtemp makes the folder private (0700); published output is as readable as any file the
        # user creates, so that a web server running as another user can serve it.
        work.chmod(0o777 & ~_umask())
        replaced = _swap(work, target)
    except BaseException as error:
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(error, OSError):
            raise _unwritable(target.parent, error) from None
        raise
    if replaced:
        log.info("Replaced the previous build in %s", target)


@contextmanager
def publishing_file(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside target to write into; on success it replaces target, on failure target is untouched."""
    check_replaceable_file(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}-{_NEW}-", dir=target.parent)
        os.close(handle)
    except OSError as error:
        raise _unwritable(target.parent, error) from None
    work = Path(name)
    try:
        yield work
        work.chmod(0o666 & ~_umask())
        os.replace(work, target)
    except BaseException as error:
        work.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _unwritable(target.parent, error) from None
        raise


def remove_output(target: Path) -> bool:
    """Delete an output folder if mentorkit wrote it; return whether it did."""
    if target.is_symlink() or not (target / MARKER).is_file():
        return False
    shutil.rmtree(target)
    return True


def remove_output_file(target: Path) -> bool:
    """Delete a zip if mentorkit wrote it; return whether it did."""
    if target.is_symlink() or not _written_zip(target):
        return False
    target.unlink()
    return True


def _swap(work: Path, target: Path) -> bool:
    """Move work to target; return whether an old target was replaced."""
    if not target.exists():
        work.rename(target)
        return False
    old = target.with_name(f".{target.name}-{_OLD}-{work.name.rsplit('-', 1)[-1]}")
    target.rename(old)
    try:
        work.rename(target)
    except OSError:
        old.rename(target)  # the old output back in its place
        raise
    shutil.rmtree(old, ignore_errors=True)
    return True


def _temporary(entry: Path) -> tuple[str, str | None]:
    """Return (target name, new or old) of a temporary folder or file publishing() makes, else (name, None)."""
    parts = entry.name[1:].rsplit("-", 2) if entry.name.startswith(".") else []
    # The last part is mkdtemp's: eight of a–z, 0–9 and _; a user's own `.x-new-y` is left alone.
    # A file is one publishing_file() had not yet moved into place.
    is_folder, is_file = entry.is_dir(), parts[1:2] == [_NEW] and entry.is_file()
    if len(parts) == 3 and parts[1] in (_NEW, _OLD) and re.fullmatch(r"[a-z0-9_]{8}", parts[2]) and (is_folder or is_file) and not entry.is_symlink():
        return parts[0], parts[1]
    return entry.name, None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _unwritable(folder: Path, error: OSError) -> InvalidArgument:
    reason = error.strerror or str(error)
    return InvalidArgument(
        f"cannot write the output in {folder} ({reason}); expected a folder you may write to: "
        f"fix its owner or permissions, or choose another output folder with --dist"
    )


def keep_previous(target: Path, work: Path, *, folders: tuple[str, ...]) -> list[Path]:
    """Copy folders of the previous output into the new one (PDFs a --no-pdf build does not remake)."""
    kept = []
    for name in folders:
        previous = target / name
        if previous.is_dir() and not previous.is_symlink() and not (work / name).exists():
            shutil.copytree(previous, work / name, symlinks=True)
            kept.append(work / name)
    return kept
