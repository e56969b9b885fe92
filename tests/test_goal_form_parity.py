"""The goal form and `mentorkit check` agree: every definition of the validation tables goes through both.

The form is built from the fixture library (its goal-form page added) as a bundle, and opened from
the unzipped bundle by file://, as an agency opens a mailed zip. For each definition: when check
refuses it, the form refuses to open it or to save it (its error summary shows), unless the form
writes the value in the form check reads (a time 9:00 becomes 09:00) and what it saves passes
check; when check accepts it, the form saves the same data, and check accepts what it saved.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import AGENCY, REPO, copy_library, run_cli
from mentorkit.errors import InvalidInput
from mentorkit.validate.agency import load_agencies
from mentorkit.validate.content import load_library
from test_browser import TIMEOUT_MS
from test_disagreement import RANGE_CASES, WITH_RANGE
from test_followups import CASES as FOLLOW_UP_CASES, WITH_FOLLOW_UP
from test_validate_agency import CASES

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TABLE = {f"agency: {name}": AGENCY.replace(old, new, 1) for name, (old, new, _) in CASES.items()}
TABLE |= {f"range: {message.split(': ', 2)[2][:60]}": WITH_RANGE.replace(old, new) for old, new, message in RANGE_CASES}
TABLE |= {f"follow-up: {name}": WITH_FOLLOW_UP.replace(old, new, 1) for name, (old, new, _) in FOLLOW_UP_CASES.items()}
TABLE |= {
    "valid": AGENCY,
    "valid with a range": WITH_RANGE,
    # Follow-ups (issue 24): the form reads them into its fields and saves them unchanged.
    "valid with follow-ups": WITH_FOLLOW_UP,
    # A mentor edition: a rating of 1 does not bring the workshop module ws-start into the selection.
    "workshop module through a rating": AGENCY.replace("psychological-safety: 4", "psychological-safety: 1")
    + "schedule:\n  - {module: ws-start, date: 2026-10-01, start: '09:00', end: '12:00'}\n",
    "workshop module added by hand": AGENCY + "modules: {add: [ws-start]}\nschedule:\n  - {module: ws-start, date: 2026-10-01, start: '09:00', end: '12:00'}\n",
    "core module in the schedule": AGENCY + "schedule:\n  - {module: mt-core, date: 2026-10-01, start: '09:00', end: '12:00', place: {fi: Sali, en: Hall}}\n",
    "anchor and alias": AGENCY.replace("round: \"2026\"", "round: &r \"2026\"\nshare_with_cohort: false") + "x-copy: *r\n",
    "key named like an object's property": AGENCY.replace("  ratings:\n", "  disagreement:\n    constructor: {low: 1, high: 2}\n  ratings:\n"),
    "module named like an object's property": AGENCY + "schedule:\n  - {module: toString, date: 2026-10-01, start: '09:00', end: '12:00'}\n",
    "__proto__ key": AGENCY + "__proto__: {polluted: true}\n",
}
NORMALISED = {"agency: time without a leading zero", "agency: time with a final newline"}
"""Refused by check, written in its ISO form by the form (a time without its leading zero or with a final newline): what the form saves passes check."""


@pytest.fixture(scope="module")
def fixture_bundle(tmp_path_factory) -> tuple[Path, Path]:
    """Build the fixture library's base site, with the goal form, as a bundle; return the library and the unzipped site."""
    root = copy_library(tmp_path_factory.mktemp("parity") / "library")
    for lang in ("fi", "en"):
        shutil.copy(REPO / "docs" / lang / "goal-form.md", root / "docs" / lang / "goal-form.md")
    site = root / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("  - id: accessibility\n", "  - id: goal-form\n    generated: goal-form\n    base_only: true\n  - id: accessibility\n", 1), encoding="utf-8")
    dist = root.parent / "dist"
    result = run_cli("build", "--no-pdf", "--bundle", "--root", str(root), "--dist", str(dist))
    assert result.returncode == 0, result.stderr
    unzipped = root.parent / "unzipped"
    with zipfile.ZipFile(dist / "site.zip") as archive:
        archive.extractall(unzipped)
    return root, unzipped / "site"


@pytest.fixture(scope="module")
def library(fixture_bundle):
    return load_library(fixture_bundle[0])


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def check_problems(library, root: Path, path: Path) -> list[str]:
    """Return what check says of a definition (nothing when it passes)."""
    try:
        load_agencies([path], library=library, root=root)
    except InvalidInput as caught:
        return [str(p) for p in caught.problems]
    return []


def through_form(page: Page, form: Path, source: Path, target: Path) -> str | None:
    """Open a definition in the form and save it: return what it saved, or None when it refused."""
    page.goto(form.as_uri())
    page.get_by_label("Open a saved definition (.yml)").set_input_files(str(source))
    status = page.locator("#gf-status")
    expect(status).to_contain_text(source.name)
    if "mk-gf-bad" in (status.get_attribute("class") or ""):
        return None
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="Check and save").click()
    expect(page.locator("#gf-summary h2, #gf-saved p")).to_have_count(1)
    if page.locator("#gf-summary h2").count():
        assert not downloads
        return None
    downloads[0].save_as(target)
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(TABLE))
def test_form_and_check_agree(case, fixture_bundle, library, page, tmp_path):
    root, site = fixture_bundle
    source = root / "agencies" / f"{case.replace(' ', '-').replace(':', '').replace('_', '')[:40]}.yml"
    source.parent.mkdir(exist_ok=True)
    source.write_text(TABLE[case], encoding="utf-8")
    refused = check_problems(library, root, source)
    saved = through_form(page, site / "en" / "goal-form.html", source, tmp_path / "testivirasto.yml")
    source.unlink()
    if saved is None:
        assert refused, f"the form refused a definition that check accepts:\n{TABLE[case]}"
        return
    written = source.with_name("saved.yml")
    written.write_text(saved, encoding="utf-8")
    problems = check_problems(library, root, written)
    written.unlink()
    assert problems == [], f"check refuses what the form saved:\n{saved}"
    if refused:
        assert case in NORMALISED, f"the form saved a definition that check refuses ({refused}):\n{saved}"
    else:
        assert yaml.safe_load(saved) == yaml.safe_load(TABLE[case])


def test_bundle_form_draws_and_saves(fixture_bundle, library, page, tmp_path):
    """From the unzipped bundle (file://), the form has its fields and saves a file check accepts."""
    root, site = fixture_bundle
    page.goto((site / "goal-form.html").as_uri())
    page.locator("#gf-languages-en").check()  # a new definition starts in the page's language only
    page.get_by_label("Tunniste (pakollinen)", exact=True).fill("levyvirasto")
    page.get_by_label("Viraston nimi suomeksi (pakollinen)").fill("Levyvirasto")
    page.get_by_label("Viraston nimi englanniksi (pakollinen)").fill("Disk Agency")
    goal = page.get_by_role("group", name="Tavoite 1")
    goal.get_by_label("Tavoitteen tunniste (pakollinen)").fill("eka")
    goal.get_by_label("Otsikko suomeksi (pakollinen)").fill("Ensimmäinen")
    goal.get_by_label("Otsikko englanniksi (pakollinen)").fill("First")
    goal.get_by_role("checkbox").first.check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tarkista ja tallenna").click()
    target = root / "agencies" / "levyvirasto.yml"
    target.parent.mkdir(exist_ok=True)
    download.value.save_as(target)
    problems = check_problems(library, root, target)
    target.unlink()
    assert problems == []
