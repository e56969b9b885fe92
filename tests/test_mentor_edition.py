"""Mentor editions hold the mentors' material only: built for real and read as a mentor would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import AGENCY, copy_library, run_cli


def site_texts(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


def test_workshop_module_is_not_selected_through_a_rating(library_root, agency_file):
    """A workshop module that addresses a low-rated dimension stays out of the mentors' edition."""
    agency_file.write_text(AGENCY.replace("psychological-safety: 4", "psychological-safety: 1"), encoding="utf-8")
    result = run_cli("build", "--agency", str(agency_file), "--no-pdf", "--root", str(library_root))
    assert result.returncode == 0, result.stderr
    out = library_root / "dist/agencies/testivirasto"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "ws-start" not in [c["module"] for c in manifest["selected"]]
    assert {"module": "ws-start", "reasons": [{"kind": "workshop", "goal": None, "theme": None, "dimension": None, "rating": None}]} in manifest["omitted"]
    texts = site_texts(out / "site")
    assert "workshop/index.html" not in texts and "en/workshop/index.html" not in texts
    for path, html in texts.items():
        assert "ws-start" not in html and "Työpajan aloitus" not in html, path
        assert "<strong>0 min</strong>" not in html, path  # the total of an empty agenda


def test_workshop_module_added_by_hand(built):
    """modules.add brings a workshop module, and its section, into a mentor edition."""
    site = built / "agencies/toinen-virasto/site"
    assert (site / "workshop/ws-start/index.html").is_file()
    assert "Työpajan aloitus" in (site / "workshop/index.html").read_text(encoding="utf-8")


def test_mentor_site_has_no_empty_section_or_table(built):
    """Without a workshop module there is no workshop section and no table without rows."""
    site = built / "agencies/testivirasto/site"
    texts = site_texts(site)
    assert not any(path.startswith(("workshop/", "en/workshop/")) for path in texts)
    for path, html in texts.items():
        assert "Edustajien työpaja" not in html and "Representatives' workshop" not in html, path
        assert "| | " not in html, path
        assert "<tbody>\n</tbody>" not in html and "<tbody></tbody>" not in html, path


def test_mentor_site_has_no_facilitator_note(built):
    """No facilitator block, trainer page or trainer-guide link reaches a mentors' site."""
    for agency in ("testivirasto", "toinen-virasto"):
        for path, html in site_texts(built / f"agencies/{agency}/site").items():
            assert "admonition facilitator" not in html and "TRAINER-NOTE" not in html, path
            assert "trainer-guide" not in html and "Kouluttajan opas" not in html and "Trainer guide" not in html, path
