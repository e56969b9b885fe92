"""The caches at their edges (issue 23): the digest is of the bytes parsed, --force forces, a memo
cannot run code, and links and pipes in the content are handled by one rule, never by a hang."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import problems_of, run_cli
from mentorkit import pipeline
from mentorkit.load import yamlsource
from mentorkit.load.tree import read_tree

FI = "modules/mentor/mt-core/fi.md"


def test_a_file_saved_while_it_is_read_keeps_the_digest_of_what_was_parsed(library_root, monkeypatch):
    """A save between reading a file and digesting it must not record the new digest with the old text."""
    path = library_root / FI
    old = path.read_bytes()
    parse = yamlsource.parse_yaml

    def parse_then_save(text, *, file, line_offset=0):
        if file == FI:  # the user saves the file just after its bytes were read
            path.write_bytes(old.replace("Suurin osa oppimisesta".encode(), "Valtaosa oppimisesta".encode()))
        return parse(text, file=file, line_offset=line_offset)

    monkeypatch.setattr(yamlsource, "parse_yaml", parse_then_save)
    tree = read_tree(library_root)
    assert tree.digests[FI] == hashlib.sha256(old).hexdigest()
    (folder,) = [f for f in tree.modules if f.name == "mt-core"]
    assert "Suurin osa oppimisesta" in folder.documents["fi"].body


def _memo(root: Path) -> Path:
    return root / "build" / ".cache" / "library.pickle"


def _plant(memo: Path, value: object) -> None:
    """Replace a memo's payload, keeping its key and writing a checksum that matches, as an attacker could."""
    key = memo.read_bytes().partition(b"\n")[0].split(b" ")[0]
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    memo.write_bytes(key + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)


class _Runs:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_memo_with_a_valid_checksum_runs_no_code(library_root, tmp_path):
    """A memo that would call os.system when unpickled is a miss: the library is read and checked again."""
    library, _ = pipeline.check(root=library_root, agency_files=[], remember=True)
    marker = tmp_path / "ran"
    _plant(_memo(library_root), (_Runs(str(marker)), []))
    again, _ = pipeline.check(root=library_root, agency_files=[], remember=True)
    assert not marker.exists()
    assert again == library


def test_force_reads_and_checks_the_content_again(library_root):
    """--force forces: a memo that disagrees with the files (it matches their key) is not used."""
    import dataclasses

    library, _ = pipeline.check(root=library_root, agency_files=[], remember=True)
    module = library.module("mt-core")
    stale_text = {lang: dataclasses.replace(text, title="VANHENTUNUT OTSIKKO") for lang, text in module.text.items()}
    stale = dataclasses.replace(library, modules=tuple(dataclasses.replace(m, text=stale_text) if m.id == "mt-core" else m for m in library.modules))
    _plant(_memo(library_root), (stale, []))
    result = run_cli("build", "--force", "--no-pdf", "--root", str(library_root))
    assert result.returncode == 0, result.stderr
    page = (library_root / "dist/site/mentor/mt-core/index.html").read_text(encoding="utf-8")
    assert "VANHENTUNUT OTSIKKO" not in page and module.text["fi"].title in page


def test_a_linked_module_folder_is_refused_everywhere_alike(library_root):
    """A module folder (or a figures/ folder) that is a link inside the project is refused, never half followed."""
    shutil.move(library_root / "modules/mentor/mt-core", library_root / "mt-core-real")
    os.symlink(library_root / "mt-core-real", library_root / "modules/mentor/mt-core")
    assert problems_of(library_root) == [
        "modules/mentor/mt-core: a symbolic link to the folder mt-core-real; expected the folder itself here (mentorkit follows links to files inside the project, never links to folders)",
    ]
    result = run_cli("build", "--force", "--no-pdf", "--root", str(library_root))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_named_pipe_in_a_content_folder_hangs_nothing(library_root):
    """A FIFO as a translation, or beside one, is reported; check and build end at once."""
    (library_root / "modules/mentor/mt-core/notes.txt").unlink(missing_ok=True)
    os.mkfifo(library_root / "modules/mentor/mt-core/notes.txt")
    (library_root / "docs/fi/privacy.md").unlink()
    os.mkfifo(library_root / "docs/fi/privacy.md")
    for command in (["check"], ["build", "--no-pdf"]):
        result = subprocess.run([sys.executable, "-m", "mentorkit", *command, "--root", str(library_root)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert "docs/fi/privacy.md: is a named pipe (FIFO), not a file; expected a regular file here (mentorkit never reads from a pipe or a device), e.g. privacy.md as a text file" in result.stderr.splitlines()
        assert "Traceback" not in result.stderr
