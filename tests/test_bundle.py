"""Bundles: each site as a zip that opens from disk (file://), with working links, language switch and PDFs."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import AGENCY, copy_library, run_cli
from mentorkit.publish import FILE_MARKER, publishing_file, recover_outputs
from mentorkit.render.bundle import write_zip
from quality import internal_urls
from test_site_paths import check_zips

pytestmark = pytest.mark.slow

SCHEDULE = "schedule:\n  - {module: mt-core, date: 2026-10-06, start: '09:00', end: '12:00', place: Kallio}\n"


def build(root: Path, dist: Path, *extra: str) -> None:
    result = run_cli("build", "--all", "--bundle", *extra, "--root", str(root), "--dist", str(dist))
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    root = copy_library(tmp_path_factory.mktemp("bundle") / "library")
    (root / "agencies").mkdir()
    (root / "agencies" / "testivirasto.yml").write_text(AGENCY + SCHEDULE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def dist(library) -> Path:
    """The fixture library built with PDFs and bundles."""
    target = library.parent / "dist"
    build(library, target)
    return target


def unzip(archive: Path, target: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(target)
    return target


@pytest.fixture(scope="module")
def agency_bundle(dist, tmp_path_factory) -> Path:
    return unzip(dist / "agencies/testivirasto/testivirasto-site.zip", tmp_path_factory.mktemp("agency-zip")) / "testivirasto-site"


@pytest.fixture(scope="module")
def base_bundle(dist, tmp_path_factory) -> Path:
    return unzip(dist / "site.zip", tmp_path_factory.mktemp("base-zip")) / "site"


def test_bundles_are_where_the_layout_says(dist):
    assert (dist / "site.zip").is_file()
    assert (dist / "agencies/testivirasto/testivirasto-site.zip").is_file()
    names = zipfile.ZipFile(dist / "agencies/testivirasto/testivirasto-site.zip").namelist()
    assert names == sorted(names)
    assert "testivirasto-site/index.html" in names
    # The bundle carries exactly the PDFs the served site carries.
    served = sorted(p.name for p in (dist / "agencies/testivirasto/site/pdf").iterdir())
    assert [n.rpartition("/")[2] for n in names if n.startswith("testivirasto-site/pdf/")] == served
    assert "testivirasto-mentor-handbook-fi.pdf" in served
    # A mentors' site, and so its bundle, never holds the trainer guide (it stays in the agency's pdf/).
    assert not [n for n in names if "trainer-guide" in n]
    assert (dist / "agencies/testivirasto/pdf/testivirasto-trainer-guide-fi.pdf").is_file()


def test_zips_hold_the_recorded_paths_and_language_links(dist):
    """Each zip holds every page and file it held before the site layer changed, with the same language links."""
    check_zips(dist)


def test_bundle_has_no_agency_data_of_another(dist):
    names = zipfile.ZipFile(dist / "site.zip").namelist()
    archive = zipfile.ZipFile(dist / "site.zip")
    assert not [n for n in names if n.endswith(".html") and b"Testivirasto" in archive.read(n)]


@pytest.mark.parametrize("which", ["agency_bundle", "base_bundle"])
def test_every_link_leads_to_a_file(which, request):
    """From disk a link to a folder shows a directory listing: every internal link names a file."""
    site = request.getfixturevalue(which)
    problems = []
    for page, line, tag, attribute, value in internal_urls(site):
        if attribute == "data-bundle":
            continue  # the search index: not in a bundle (its search page says so)
        path = unquote(urlsplit(value).path)
        target = Path(os.path.normpath(page.parent / path)) if path else page
        if not target.is_file():
            problems.append(f"{page.relative_to(site)}:{line}: <{tag} {attribute}=\"{value}\">")
    assert problems == []


def test_identical_inputs_give_identical_zips(library, dist, tmp_path):
    again = tmp_path / "again"
    build(library, again)
    for name in ("site.zip", "agencies/testivirasto/testivirasto-site.zip"):
        assert (again / name).read_bytes() == (dist / name).read_bytes(), name


def test_a_zip_mentorkit_did_not_write_is_not_replaced(library, tmp_path):
    """dist/site.zip lives beside dist/site/: like a folder without the marker, a zip of someone else's is refused."""
    theirs = tmp_path / "dist/site.zip"
    theirs.parent.mkdir()
    theirs.write_bytes(b"my own notes")
    result = run_cli("build", "--bundle", "--no-pdf", "--root", str(library), "--dist", str(tmp_path / "dist"))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {theirs} exists and was not written by mentorkit (it is not a zip with mentorkit's comment); "
        "a build would replace it. Move it away, or choose another output folder with --dist"
    )
    assert theirs.read_bytes() == b"my own notes"
    assert not (tmp_path / "dist/site").exists()


def test_a_failed_build_leaves_the_previous_zip(tmp_path):
    """The zip is written beside the target and moved into place only when everything succeeded."""
    target = tmp_path / "site.zip"
    with publishing_file(target) as work:
        write_zip(tmp_path, zip_path=work, folder="site", comment=FILE_MARKER)
    first = target.read_bytes()
    with pytest.raises(RuntimeError), publishing_file(target) as work:
        work.write_bytes(b"half a zip")
        raise RuntimeError("the site did not build")
    assert target.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.zip"]
    # A build killed before the move leaves its temporary file; the next build sweeps it away.
    (tmp_path / ".site.zip-new-abcd1234").write_bytes(b"killed")
    recover_outputs(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.zip"]


# In Chromium, from file:// -----------------------------------------------------------------------


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def assert_a_page(page) -> None:
    """The browser shows one of our pages, not a directory listing."""
    expect(page.locator("article h1").first).to_be_visible()
    assert not page.url.endswith("/")
    assert "Index of" not in page.title()


@pytest.mark.browser
def test_navigation_from_disk(page, agency_bundle):
    page.goto((agency_bundle / "index.html").as_uri())
    assert_a_page(page)
    links = page.locator(".md-sidebar--primary a.md-nav__link[href]")
    hrefs = sorted({links.nth(i).get_attribute("href") for i in range(links.count())} - {"#", None})
    assert len(hrefs) >= 8
    for href in hrefs:
        page.goto((agency_bundle / "index.html").as_uri())
        page.locator(f'.md-sidebar--primary a.md-nav__link[href="{href}"]').first.dispatch_event("click")
        page.wait_for_load_state()
        assert_a_page(page)


@pytest.mark.browser
def test_language_switch_from_disk(page, agency_bundle):
    page.goto((agency_bundle / "mentor/mt-core.html").as_uri())
    menu = page.locator(".md-header .md-select")
    menu.locator("button").hover()
    menu.locator("a[hreflang=en]").click()
    expect(page).to_have_url((agency_bundle / "en/mentor/mt-core.html").as_uri())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_a_page(page)
    page.locator(".md-header .md-select button").hover()
    page.locator(".md-header .md-select a[hreflang=fi]").click()
    expect(page).to_have_url((agency_bundle / "mentor/mt-core.html").as_uri())


@pytest.mark.browser
def test_pdf_and_schedule_links_from_disk(page, agency_bundle):
    page.goto((agency_bundle / "index.html").as_uri())
    for selector in (".mk-downloads a", "a[href$='.ics']"):
        link = page.locator(selector).first
        target = page.evaluate("(a) => a.href", link.element_handle())
        path = Path(unquote(urlsplit(target).path))
        assert path.is_file(), target
        assert path.read_bytes()[:5] in (b"%PDF-", b"BEGIN"), target


@pytest.mark.browser
def test_search_says_it_needs_a_server(page, base_bundle):
    page.goto((base_bundle / "index.html").as_uri())
    page.locator(".mk-search-link").click()
    expect(page).to_have_url((base_bundle / "search.html").as_uri())
    message = page.locator(".mk-search-offline")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Haku toimii vain, kun sivusto avataan verkkopalvelimelta")
    expect(page.locator("form.mk-search")).to_be_hidden()
    message.locator("a").click()
    expect(page).to_have_url((base_bundle / "index.html").as_uri())
