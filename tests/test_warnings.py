"""A build's reminders: an edited Finnish text's translation named in one line, each warning once (issue 28)."""

from __future__ import annotations

import pytest

from conftest import edit, run_cli

MODULE_FI = "modules/mentor/mt-core/fi.md"
MODULE_EN = "modules/mentor/mt-core/en.md"
REMINDER = (
    f"warning: 1 translation out of date with the Finnish text: {MODULE_EN}; "
    "update, then: ./mentorkit stamp-translation FILE (make check lists them)"
)


@pytest.mark.slow
def test_a_build_names_a_drifted_translation_in_one_line(library_root):
    """After a Finnish edit, build says in one line which translation is out of date, also when it has nothing to rebuild."""
    assert run_cli("stamp-translation", MODULE_EN, "--root", str(library_root), cwd=library_root).returncode == 0
    first = run_cli("build", "--no-pdf", "--root", str(library_root))
    assert first.returncode == 0, first.stderr
    assert "out of date with the Finnish text" not in first.stderr
    edit(library_root, MODULE_FI, "Suurin osa oppimisesta tapahtuu arjessa", "Valtaosa oppimisesta tapahtuu arjessa")
    for _ in range(2):  # the rebuild, then a build with nothing to do (its check recalled from build/.cache/)
        result = run_cli("build", "--no-pdf", "--root", str(library_root))
        assert result.returncode == 0, result.stderr
        warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
        assert warnings.count(REMINDER) == 1, result.stderr
        assert len(warnings) == len(set(warnings)), warnings  # each warning once
