"""The accessibility statement claims only what the gates' recorded runs support; the privacy notice's example values warn.

The statement made from the repository's real runs is checked page by page in tests/test_html.py
(test_accessibility_statement_has_what_the_law_requires).
"""

from __future__ import annotations

from pathlib import Path

from conftest import edit, run_cli

EVIDENCE = """\
runs:
- {gate: axe, tool: axe-core 4.14.1, checked: '2026-12-06', variant: base, items: 120, failures: [], complete: true}
- {gate: html, tool: Nu HTML Checker 26.9.27, checked: '2026-12-06', variant: base, items: 120, failures: [], complete: true}
- {gate: pdfua, tool: pdfua 0.1.3, checked: '2026-12-06', variant: pdf, items: 12, failures: [], complete: %s}
"""


def claim(root: Path, status: str, *, pdf_complete: bool | None) -> list[str]:
    """Claim a status in the fixture's data/site.yml, with or without recorded runs; return check's error lines."""
    edit(root, "data/site.yml", "  status: none\n", f"  status: {status}\n")
    if pdf_complete is not None:
        (root / "data" / "accessibility-evidence.yml").write_text(EVIDENCE % str(pdf_complete).lower(), encoding="utf-8")
    result = run_cli("check", "--root", str(root))
    errors = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
    assert result.returncode == (2 if errors else 0), result.stderr
    return errors


def test_full_compliance_with_pdfs_checked_only_in_part_is_refused(library_root):
    assert claim(library_root, "full", pdf_complete=False) == [
        "data/site.yml:13: accessibility.status: 'full' claims more than the accessibility gates' evidence supports for the "
        "base site (pdfua 0.1.3 checks only part of its standard, see data/accessibility-evidence.yml); expected at most "
        "'partial', e.g. status: partial",
        "Aborted with 1 error in 1 file; nothing was written.",
    ]


def test_partial_compliance_from_the_same_runs_passes(library_root):
    assert claim(library_root, "partial", pdf_complete=False) == []


def test_full_compliance_passes_only_when_every_gate_ran_completely_without_a_failure(library_root):
    assert claim(library_root, "full", pdf_complete=True) == []


def test_any_claim_without_recorded_runs_is_refused(library_root):
    assert claim(library_root, "partial", pdf_complete=None) == [
        "data/site.yml:13: accessibility.status: 'partial' claims more than the accessibility gates' evidence supports for "
        "the base site (no gate has recorded a run, see data/accessibility-evidence.yml); expected at most 'none', e.g. "
        "status: none",
        "Aborted with 1 error in 1 file; nothing was written.",
    ]


def test_a_failure_the_gates_found_keeps_the_claim_at_partial(library_root):
    edit(library_root, "data/site.yml", "  status: none\n", "  status: full\n")
    (library_root / "data" / "accessibility-evidence.yml").write_text(
        (EVIDENCE % "true").replace("variant: base, items: 120, failures: []", "variant: base, items: 120, failures: ['en/: color-contrast']", 1),
        encoding="utf-8",
    )
    result = run_cli("check", "--root", str(library_root))
    assert result.returncode == 2
    assert "(axe-core 4.14.1 found 1 failure, see data/accessibility-evidence.yml); expected at most 'partial'" in result.stderr


def test_example_privacy_values_warn_once(library_root):
    result = run_cli("check", "--root", str(library_root))
    assert result.returncode == 0
    privacy = [line for line in result.stderr.splitlines() if "privacy" in line]
    assert privacy == [
        "warning: data/site.yml:14: privacy: the privacy notice still names the example controller (email); expected the "
        "publisher's own before the site is published (a warning: check passes)"
    ]
    edit(library_root, "data/site.yml", "privacy@example.fi", "tietosuoja@testikoulutus.fi")
    assert "privacy" not in run_cli("check", "--root", str(library_root)).stderr
