"""The Finnish text passes Voikko, with the project's word list for domain terms."""

from __future__ import annotations

import re
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


SWEDISH_UNKNOWN_SHARE = 0.01
"""Issue 29: unknown words at most 1% of the Swedish prose (the rest are names and terms of data/spelling/sv.txt)."""


def test_swedish_material_is_spelled_with_hunspell(record_property):
    """Hunspell (sv_FI) and the Swedish word list accept at least 99% of the words of every Swedish module, exercise and page."""
    result = run_spellcheck("--lang", "sv")
    summary = result.stderr.strip().splitlines()[-1]
    unknown, files, words = (int(n) for n in re.fullmatch(r"(\d+) unknown words in (\d+) files \(\S+% of (\d+) words\)", summary).groups())
    assert files >= 55 and words > 10_000, summary  # every Swedish text was read
    record_property("swedish_unknown_share", f"{unknown / words:.4%}")
    assert unknown / words <= SWEDISH_UNKNOWN_SHARE, result.stdout


def test_swedish_misspelling_is_reported_and_the_word_list_accepts_terms(tmp_path):
    """A misspelt Swedish word is reported with its file and line; terms of the word list and compounds of known words are not."""
    page = tmp_path / "sv.md"
    page.write_text(
        "---\ntitle: Sparrning\n---\n\nLärandementorerna faciliterar sparrningen i kamratgruppen.\nDen här meningen innehåler ett stavfel.\n\nHR-chefen läser målbeskrivningen.\n",
        encoding="utf-8",
    )
    result = run_spellcheck(str(page))
    assert result.returncode == 1
    assert result.stdout == f"{page}:6: innehåler\n"
    assert result.stderr == "1 unknown words in 1 files (6.67% of 15 words)\n"
