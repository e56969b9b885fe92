"""The command line as a user meets it: help for every command, the version, new-agency, no tracebacks."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import REPO, edit, run_cli
from mentorkit import cli as cli_module

CONTENT_DIRS = ("modules", "exercises", "docs", "data", "agencies")


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    """Return a copy of the repository's real content, to write agency definitions into."""
    root = tmp_path_factory.mktemp("repo")
    for name in CONTENT_DIRS:
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.mark.parametrize("name", sorted(cli_module.cli.commands))
def test_every_command_has_help(name: str) -> None:
    """Each command explains itself in --help, and documents each of its options."""
    command = cli_module.cli.commands[name]
    assert command.help, f"{name} has no help text"
    result = CliRunner().invoke(cli_module.cli, [name, "--help"], prog_name="mentorkit")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: mentorkit {name} ")
    assert " ".join(command.help.splitlines()[0].split()) in " ".join(result.output.split())
    for option in command.params:
        if isinstance(option, click.Option):
            assert option.help, f"{name} {option.opts[0]} has no help text"


def test_version() -> None:
    """`mentorkit --version` names the program and its version."""
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout == "mentorkit, version 0.1.0\n"


def test_new_agency_writes_a_definition_that_passes_check(repo_copy: Path) -> None:
    """The template is a valid definition of the real material as it is written."""
    result = run_cli("new-agency", "uusi-virasto", cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Wrote agencies/uusi-virasto.yml. Fill it in, then: mentorkit check --agency agencies/uusi-virasto.yml\n"
    check = run_cli("check", "--agency", "agencies/uusi-virasto.yml", cwd=repo_copy)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("OK: ")


def test_new_agency_refuses_a_path_as_id(repo_copy: Path) -> None:
    """An id that would leave agencies/ is refused before it touches a path."""
    result = run_cli("new-agency", "../x", cwd=repo_copy)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Error: '../x' is not a safe agency id; expected lower-case letters a–z, digits and single hyphens, at most 64 characters, e.g. esimerkkivirasto",
    ]
    assert not (repo_copy / "x.yml").exists()


def test_new_agency_refuses_an_id_with_a_final_newline(repo_copy: Path) -> None:
    """`mentorkit new-agency $'x\\n'` writes nothing: the id is matched whole, as check matches it."""
    result = run_cli("new-agency", "x\n", cwd=repo_copy)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Error: 'x\\n' is not a safe agency id; expected lower-case letters a–z, digits and single hyphens, at most 64 characters, e.g. esimerkkivirasto",
    ]
    assert not (repo_copy / "agencies" / "x\n.yml").exists()


def test_new_agency_refuses_to_overwrite(repo_copy: Path) -> None:
    """An existing definition is left alone unless --force is given."""
    path = repo_copy / "agencies" / "kide-palvelukeskus.yml"
    before = path.read_bytes()
    result = run_cli("new-agency", "kide-palvelukeskus", cwd=repo_copy)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Error: agencies/kide-palvelukeskus.yml already exists; expected a new id, or --force to overwrite it",
    ]
    assert path.read_bytes() == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _break_content(root: Path) -> None:
    edit(root, "modules/mentor/mt-core/module.yml", "duration_min: 120", "duration_min: two hours")


def _break_translation(root: Path) -> None:
    edit(root, "modules/mentor/mt-core/en.md", "## Background", "## Background\n\n## More")


def _write(relative: str, data: bytes):
    def write(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)

    return write


MESSAGES = {
    'build, invalid content': "modules/mentor/mt-core/module.yml:4: duration_min: 'two hours' is not a whole number; expected minutes as a whole number between 1 and 600, e.g. 60",
    'build, missing definition': 'agencies/none.yml: no such file; expected the path of an agency definition, e.g. agencies/esimerkkivirasto.yml',
    'build, YAML syntax error': "agencies/broken.yml:1: invalid YAML at column 5: while parsing a flow sequence here, expected ',' or ']', but got '<stream end>' on line 2; expected YAML syntax, e.g. key: value, with quotes around text that contains ': '",
    'check, not UTF-8': 'agencies/latin.yml: not UTF-8 text (invalid continuation byte); expected a UTF-8 file',
    'check, not a mapping': 'agencies/list.yml:1: not a goal definition; expected a mapping of keys, e.g. schema: 1 (see `mentorkit new-agency`)',
    'check, a folder as definition': 'modules: is a folder; expected a file here, e.g. agencies/esimerkkivirasto.yml',
    'check, definition without --agency': 'Error: unexpected argument agencies/x.yml; agency definitions follow --agency, e.g. --agency agencies/x.yml',
    'check --translations, parity': "modules/mentor/mt-core/en.md:16: body: heading 2 '## More' has no counterpart (fi.md has 1 heading); expected the same headings at the same levels, in the same order, as fi.md",
    'serve, invalid content': "modules/mentor/mt-core/module.yml:4: duration_min: 'two hours' is not a whole number; expected minutes as a whole number between 1 and 600, e.g. 60",
    'serve, port out of range': "Error: Invalid value for '--port': 70000 is not in the range 1<=x<=65535.",
    'serve, port not a number': "Error: Invalid value for '--port': 'eighty' is not a valid integer range.",
    'stamp-translation, no file': "Error: Missing argument 'FILE...'.",
    'stamp-translation, the source': 'modules/mentor/mt-core/fi.md: is the source text, not a translation; expected a translation into en, e.g. modules/mentor/mt-psych-safety/en.md',
    'new-agency, unsafe id': "Error: 'Uusi Virasto' is not a safe agency id; expected lower-case letters a–z, digits and single hyphens, at most 64 characters, e.g. esimerkkivirasto",
    'unknown command': "Error: No such command 'publish'.",
    'unknown option': "Error: No such option '--pdf-only'.",
}
"""The line of stderr that says what is wrong, for each case of INVALID."""

INVALID = {
    "build, invalid content": (_break_content, ["build", "--no-pdf"]),
    "build, missing definition": (None, ["build", "--no-pdf", "--agency", "agencies/none.yml"]),
    "build, YAML syntax error": (_write("agencies/broken.yml", b"id: [x\n"), ["build", "--no-pdf", "--agency", "agencies/broken.yml"]),
    "check, not UTF-8": (_write("agencies/latin.yml", "nimi: Pyhäjärvi\n".encode("latin-1")), ["check", "--agency", "agencies/latin.yml"]),
    "check, not a mapping": (_write("agencies/list.yml", b"- a\n- b\n"), ["check", "--agency", "agencies/list.yml"]),
    "check, a folder as definition": (None, ["check", "--agency", "modules"]),
    "check, definition without --agency": (None, ["check", "agencies/x.yml"]),
    "check --translations, parity": (_break_translation, ["check", "--translations"]),
    "serve, invalid content": (_break_content, ["serve", "--port", str(_free_port())]),
    "serve, port out of range": (None, ["serve", "--port", "70000"]),
    "serve, port not a number": (None, ["serve", "--port", "eighty"]),
    "stamp-translation, no file": (None, ["stamp-translation"]),
    "stamp-translation, the source": (None, ["stamp-translation", "modules/mentor/mt-core/fi.md"]),
    "new-agency, unsafe id": (None, ["new-agency", "Uusi Virasto"]),
    "unknown command": (None, ["publish"]),
    "unknown option": (None, ["build", "--pdf-only"]),
}


@pytest.mark.parametrize("case", INVALID, ids=list(INVALID))
def test_invalid_input_gives_no_traceback(library_root: Path, case: str) -> None:
    """Invalid input ends with exit status 2 and a message, never a Python traceback."""
    prepare, args = INVALID[case]
    if prepare:
        prepare(library_root)
    result = run_cli(*args, cwd=library_root)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Internal error" not in result.stderr
    assert MESSAGES[case] in result.stderr.splitlines()
