"""The publisher: named in the accessibility statement, privacy notice and footer; example values warned about."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import AGENCY, copy_library, run_cli
from quality import page_text

PUBLISHER = """\
publisher:
  name: {fi: Testiviraston viestintä, en: Test Agency Communications}
  email: saavutettavuus@testivirasto.fi
  privacy_email: tietosuoja@testivirasto.fi
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    root = copy_library(tmp_path_factory.mktemp("publisher") / "library")
    (root / "agencies").mkdir()
    (root / "agencies" / "testivirasto.yml").write_text(AGENCY + PUBLISHER, encoding="utf-8")
    (root / "agencies" / "toinen.yml").write_text(AGENCY.replace("testivirasto", "toinen"), encoding="utf-8")
    result = run_cli("build", "--all", "--no-pdf", "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root / "dist"


@pytest.mark.slow
def test_agency_names_itself_as_publisher(dist):
    site = dist / "agencies/testivirasto/site"
    statement = page_text(site / "accessibility/index.html")
    assert "Testiviraston viestintä" in statement
    assert "saavutettavuus@testivirasto.fi" in statement
    privacy = page_text(site / "en/privacy/index.html")
    assert "Test Agency Communications" in privacy
    assert "tietosuoja@testivirasto.fi" in privacy
    assert "Sivuston julkaisija: Testiviraston viestintä" in (site / "index.html").read_text(encoding="utf-8")
    assert "Published by Test Agency Communications" in (site / "en/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_publisher_stays_in_its_agency(dist):
    """The base site and another agency keep data/site.yml's publisher."""
    for site in (dist / "site", dist / "agencies/toinen/site"):
        text = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
        assert "testivirasto.fi" not in text.replace("testivirasto.example.fi", "")
        assert "Testiviraston viestintä" not in text
        assert "a11y@example.fi" in page_text(site / "accessibility/index.html")


def test_check_warns_about_example_addresses(library_root):
    result = run_cli("check", "--root", str(library_root))
    assert result.returncode == 0
    # One warning names every example address (with the line of the first), not one warning each.
    assert [line for line in result.stderr.splitlines() if "example address" in line] == [
        "warning: data/site.yml:2: site_url, owner.email, accessibility.feedback_email: still example addresses "
        "(example.fi, kurssi.example.fi); expected the publisher's own before the site is published (a warning: check passes)"
    ]
    site = library_root / "data/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("example.fi", "kurssi.fi"), encoding="utf-8")
    assert "example address" not in run_cli("check", "--root", str(library_root)).stderr


def test_publisher_needs_an_address(agency_file, library_root):
    agency_file.write_text(AGENCY + "publisher:\n  name: Testivirasto\n", encoding="utf-8")
    result = run_cli("check", "--agency", str(agency_file), "--root", str(library_root))
    assert result.returncode == 2
    assert "publisher" in result.stderr and "email" in result.stderr
