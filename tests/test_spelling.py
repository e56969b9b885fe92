"""The Finnish text passes Voikko, with the project's word list for domain terms."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def run_spellcheck(*files: str) -> subprocess.CompletedProcess:
    # The system Python: Debian's python3-libvoikko is installed for it, not for the venv.
    return subprocess.run([sys.executable, str(REPO / "scripts" / "spellcheck.py"), *files], capture_output=True, text=True, cwd=REPO)


def test_finnish_material_has_no_unknown_words():
    """Every Finnish module, exercise and page is spelled correctly."""
    result = run_spellcheck()
    assert result.returncode == 0, result.stdout
    assert result.stderr.strip().startswith("0 unknown words in ")


def test_misspelling_is_reported(tmp_path):
    """A misspelt word is reported with its file and line; the word list does not hide it."""
    page = tmp_path / "fi.md"
    page.write_text("---\ntitle: Testi\n---\n\nOppimismentorit tukevat kollegoita.\nTämä lause sisältää kirjoitusvirheenn.\n", encoding="utf-8")
    result = run_spellcheck(str(page))
    assert result.returncode == 1
    assert result.stdout == f"{page}:6: kirjoitusvirheenn\n"


def test_code_and_prose_are_told_apart_by_the_parser(tmp_path):
    """Code in any fence is not prose, and prose after a fence that holds a shorter fence line is checked."""
    page = tmp_path / "fi.md"
    page.write_text(
        "---\ntitle: Testi\nsummary: \"Otsikon `koodixyz` ja [linkki](module:ei-olexyz) sekä virheelinenn\"\n---\n\n~~~\nkoodiasanaxyz\n```\n~~~\n\n````\n```\n````\n\nTämä lause sisältää kirjoitusvirheenn.\n\n    sisennettyäkoodiaxyz\n",
        encoding="utf-8",
    )
    result = run_spellcheck(str(page))
    assert result.stdout == f"{page}:3: virheelinenn\n{page}:15: kirjoitusvirheenn\n"
