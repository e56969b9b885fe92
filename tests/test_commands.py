"""Every command a text tells a user to type works as typed in a fresh shell (issue 28).

The texts: the guides in the repository's root (README.md and the rest), the site's pages
(docs/), the interface strings, the command line's own help and output, the definition
`new-agency` writes and the file the goal form saves. Each command found is run as typed in the
repository (or in a copy of its content) by bash in a fresh environment: no activated virtual
environment and a PATH without .venv/bin. `check` runs for real (it writes nothing); every other
command of the kit runs with --help, and make runs as a dry run (-n).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml

from conftest import REAL_AGENCY, REAL_CONTENT, REPO
from mentorkit.cli import cli
from mentorkit.command import COMMAND

SUBCOMMANDS = frozenset(cli.commands)
FRESH_PATH = "/usr/local/bin:/usr/bin:/bin"
GUIDES = sorted(REPO.glob("*.md"))
PAGES = sorted((REPO / "docs").glob("*/*.md"))
UI_STRINGS = sorted((REPO / "data" / "ui").glob("*.yml"))
SEPARATORS = {"&&", "||", ";", "|"}


@dataclass(frozen=True)
class Command:
    """A command as a text spells it, and where."""

    where: str
    words: tuple[str, ...]

    @property
    def ours(self) -> bool:
        """Return whether the command runs the kit (its launcher, or make in its folder)."""
        program = self.words[0]
        # A folder such as ~/mentorkit named alone is no command; the name alone in code font is.
        return program in ("make", "mentorkit", COMMAND) or (program.endswith("mentorkit") and len(self.words) > 1)


def fresh_env() -> dict[str, str]:
    """Return the environment of a fresh login: no virtual environment, nothing of .venv on PATH."""
    env = {"HOME": os.environ.get("HOME", "/root"), "PATH": FRESH_PATH, "LANG": "C.UTF-8", "TERM": "dumb"}
    assert ".venv" not in env["PATH"]
    return env


def run_typed(words: tuple[str, ...], *, cwd: Path) -> subprocess.CompletedProcess:
    """Run words as a user types them, in bash started afresh."""
    line = shlex.join(words)
    return subprocess.run(["bash", "--noprofile", "--norc", "-c", line], cwd=cwd, env=fresh_env(), capture_output=True, text=True, timeout=300)


def harmless(words: tuple[str, ...], *, check: bool) -> tuple[str, ...]:
    """Return what to run for a command a text names: make dry, check for real when asked (it writes nothing), the rest with --help."""
    if words[0] == "make":
        return ("make", "-n", *words[1:])
    if check and len(words) > 1 and words[1] == "check":
        return words
    return (*words, "--help")


SHELL = frozenset({"sh", "bash", "console", "shell"})


def code_of_markdown(text: str) -> list[tuple[str, bool]]:
    """Return the text of every code span and code block of a Markdown text (front matter left out), and whether it is shell.

    Inline code and blocks marked sh are shell; a block of another or no language is a listing,
    such as the README's table of commands, whose lines hold a command up to two spaces.
    """
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    html = markdown.markdown(text, extensions=["fenced_code"])
    found = []
    for code in lxml.html.fragment_fromstring(html, create_parent="div").iter("code"):
        language = (code.get("class") or "").removeprefix("language-")
        found.append((code.text_content(), code.getparent().tag != "pre" or language in SHELL))
    return found


def commands_in_code(code: str, *, where: str) -> list[Command]:
    """Return each command of a code span or block: one a line, split at && ; and |, comments left out."""
    found = []
    for line in code.replace("\\\n", " ").splitlines():
        try:
            words = shlex.split(line, comments=True)
        except ValueError:  # not shell: YAML or prose in code font
            continue
        current: list[str] = []
        for word in [*words, ";"]:
            if word in SEPARATORS:
                if current:
                    found.append(Command(where, tuple(current)))
                current = []
            else:
                current.append(word)
    return found


def commands_in_listing(code: str, *, where: str) -> list[Command]:
    """Return the command that starts each line of a listing, up to the two spaces before its description."""
    lines = (line.split("  ")[0].split() for line in code.splitlines())
    return [Command(where, tuple(words)) for words in lines if words and words[0] in ("make", COMMAND)]


def commands_in_prose(text: str, *, where: str) -> list[Command]:
    """Return each command of the kit in plain text (output, help, comments): from its name to the end of the phrase."""
    found = []
    for line in text.splitlines():
        if line.startswith("Usage:"):  # click's synopsis, with [OPTIONS] where options go
            continue
        for phrase in line.split("  "):
            words = phrase.replace("`", " ").split()
            for start, word in enumerate(words):
                if word == COMMAND:
                    command = [word]
                    for argument in words[start + 1:]:
                        if argument[-1] in ".,;:)" and not argument.endswith((".yml", ".md")):
                            if len(command) == 1:  # the sentence ends with the subcommand: "… ./mentorkit new-agency."
                                command.append(argument.rstrip(".,;:)"))
                            break
                        command.append(argument)
                    found.append(Command(where, tuple(command)))
    return found


def misspelled(text: str, *, where: str) -> list[str]:
    """Return each place a text names a command of the kit by another spelling than COMMAND."""
    words = text.replace("`", " ").replace("(", " ").split()
    return [
        f"{where}: {word} {following}"
        for word, following in zip(words, words[1:])
        if word.endswith("mentorkit") and following.rstrip(".,;:)") in SUBCOMMANDS and word != COMMAND
    ]


def text_commands() -> list[Command]:
    """Return the commands of the guides, the site's pages and the interface strings."""
    found = []
    for path in GUIDES + PAGES:
        where = path.relative_to(REPO).as_posix()
        for code, shell in code_of_markdown(path.read_text(encoding="utf-8")):
            found.extend(commands_in_code(code, where=where) if shell else commands_in_listing(code, where=where))
    for path in UI_STRINGS:
        for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            found.extend(commands_in_prose(str(value), where=f"{path.relative_to(REPO)}: {key}"))
    return [command for command in found if command.ours]


def assert_runs(commands: list[Command], *, cwd: Path, check: bool = False) -> None:
    """Run each distinct command as typed in a fresh shell (check for real if asked); fail listing every one that does not work."""
    failed = []
    for words in sorted({c.words for c in commands}):
        result = run_typed(harmless(words, check=check), cwd=cwd)
        wheres = sorted({c.where for c in commands if c.words == words})
        if result.returncode != 0:
            failed.append(f"{shlex.join(words)} ({', '.join(wheres)}): exit {result.returncode}: {(result.stderr or result.stdout).strip()[-300:]}")
        elif words[0] != "make" and len(words) > 1 and words[1] in SUBCOMMANDS and words[1] != "check":
            assert result.stdout.startswith(f"Usage: {COMMAND} {words[1]} "), result.stdout
    assert not failed, "\n".join(failed)


def test_the_texts_spell_the_command_one_way():
    """The guides, the site's pages, the interface strings and the template name the kit's commands as COMMAND."""
    template = REPO / "src" / "mentorkit" / "templates" / "agency.yml"
    texts = [(p.relative_to(REPO).as_posix(), p.read_text(encoding="utf-8")) for p in GUIDES + PAGES + UI_STRINGS + [template]]
    wrong = [place for where, text in texts for place in misspelled(text, where=where)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
def test_the_guides_and_pages_name_commands_that_work():
    """Every command of the README, the other guides, the site's pages and the interface strings works as typed."""
    commands = text_commands()
    wheres = {c.where for c in commands}
    # The README teaches the round: the check, an agency's build with its zip, and the preview.
    for words in (("make", "build"), (COMMAND, "build", "--all", "--no-pdf"), (COMMAND, "check", "--agency")):
        assert any(c.words[: len(words)] == words for c in commands if c.where == "README.md"), words
    assert {"docs/fi/for-trainers.md", "docs/en/for-trainers.md"} <= wheres
    assert_runs(commands, cwd=REPO)


@pytest.fixture(scope="module")
def content_copy(tmp_path_factory) -> Path:
    """Return a copy of the repository's content with the launcher, where a command may write."""
    root = tmp_path_factory.mktemp("commands")
    for name in REAL_CONTENT:
        shutil.copytree(REPO / name, root / name)
    (root / "mentorkit").symlink_to(REPO / "mentorkit")
    return root


@pytest.mark.slow
def test_the_command_line_names_commands_that_work(content_copy):
    """What new-agency prints, the header of the file it writes, and every --help name commands that work as typed."""
    created = run_typed((COMMAND, "new-agency", "komentovirasto"), cwd=content_copy)
    assert created.returncode == 0, created.stderr
    assert created.stdout == f"Wrote agencies/komentovirasto.yml. Fill it in, then: {COMMAND} check --agency agencies/komentovirasto.yml\n"
    header = (content_copy / "agencies" / "komentovirasto.yml").read_text(encoding="utf-8").split("\n\n")[0]
    commands = commands_in_prose(created.stdout, where="new-agency's output") + commands_in_prose(header, where="the template's header")
    assert {c.words[1] for c in commands} == {"check", "build"}
    assert_runs(commands, cwd=content_copy, check=True)
    for name in ["", *sorted(SUBCOMMANDS)]:
        shown = run_typed((COMMAND, *name.split(), "--help"), cwd=content_copy)
        assert shown.returncode == 0, shown.stderr
        assert not misspelled(shown.stdout, where=f"{name} --help"), shown.stdout
        commands += commands_in_prose(shown.stdout, where=f"{COMMAND} {name} --help")
    assert_runs(commands, cwd=content_copy)


@pytest.mark.slow
def test_a_drifted_translation_names_a_command_that_works(content_copy):
    """check --translations tells how to stamp each drifted translation (English and Swedish) with a command that works as typed."""
    page = content_copy / "docs" / "fi" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUusi virke.\n", encoding="utf-8")
    result = run_typed((COMMAND, "check", "--translations"), cwd=content_copy)
    assert result.returncode == 0, result.stderr
    commands = commands_in_prose(result.stdout, where="check --translations")
    assert [c.words for c in commands] == [(COMMAND, "stamp-translation", "docs/en/glossary.md"), (COMMAND, "stamp-translation", "docs/sv/glossary.md")]
    assert_runs(commands, cwd=content_copy)


@pytest.mark.slow
@pytest.mark.browser
def test_the_goal_forms_saved_file_names_a_command_that_works(browser, real_built, content_copy):
    """The file the goal form saves names the folder it belongs in, and its check passes as typed once it is there."""
    from quality import serve

    example = REPO / "agencies" / f"{REAL_AGENCY}.yml"
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        with serve(real_built / "site") as url:
            page.goto(f"{url}/en/goal-form/")
            page.get_by_label("Open a saved definition (.yml)").set_input_files(str(example))
            with page.expect_download() as download:
                page.get_by_role("button", name="Check and save").click()
            # Where the header says it belongs: the trainer copies it from Downloads into agencies/.
            saved = content_copy / "agencies" / download.value.suggested_filename
            download.value.save_as(saved)
    finally:
        context.close()
    header = saved.read_text(encoding="utf-8").split("\n\n")[0]
    commands = commands_in_prose(header, where="the goal form's saved file")
    assert [c.words for c in commands] == [(COMMAND, "check", "--agency", f"agencies/{REAL_AGENCY}.yml")]
    assert_runs(commands, cwd=content_copy, check=True)
