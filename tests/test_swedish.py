"""Swedish as a third site language (issue 29), on one build of the fixture library with sv added.

The fixture's Swedish texts (its sv.md files and the sv of its data) are built into a base site in
Finnish, English and Swedish, and an agency in Finnish and Swedish with a schedule, with every PDF
(tests/conftest.py: `swedish_built`). Checked here: the language switch across the three languages,
Swedish search with stemming, Finland-Swedish dates and times in the site, the PDFs and the cohort
view, the agency's Swedish site, PDFs and calendar, axe-core on every Swedish page and pdfua on every
Swedish PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfua import Severity, validate
from playwright.sync_api import expect
from pypdf import PdfReader

from quality import AXE_JS, axe_violations, describe_violations, html_files, page_text, require_tool, serve
from test_browser import TIMEOUT_MS, open_search_and_query, page  # noqa: F401  (page: the browser tests' fresh page, a fixture)

pytestmark = pytest.mark.slow

AGENCY = "agencies/svenska-myndigheten"


@pytest.fixture(scope="module")
def dist(swedish_built) -> Path:
    return swedish_built


@pytest.fixture(scope="module")
def url(dist) -> str:
    """The build served from its dist folder: the base site at site/, the agency at agencies/<id>/site/."""
    with serve(dist) as base:
        yield base


def swedish_pages(site: Path) -> list[Path]:
    return [p for p in html_files(site) if p.relative_to(site).parts[0] == "sv"]


# Dates, times and texts ----------------------------------------------------------------------------


def test_agency_home_page_has_swedish_dates_and_times(dist):
    """The agency's Swedish home page writes dates and a session's time the Finland-Swedish way."""
    text = page_text(dist / AGENCY / "site/sv/index.html")
    assert "Workshoppens gemensamma bedömning 14 september 2026: 1 = stämmer inte alls, 5 = stämmer helt." in text
    assert "söndag 6 december 2026 kl. 9.00–11.30 Mentorns roll Mötesrummet Berget" in text
    assert "Lägg till tidtabellen i kalendern (iCalendar-fil, .ics)" in text
    # The Finnish site of the same agency keeps the Finnish forms.
    assert "su 6.12.2026 9.00–11.30" in page_text(dist / AGENCY / "site/index.html")


def test_swedish_pdfs_and_calendar_of_a_bilingual_agency(dist):
    """An agency with languages [fi, sv] gets its handbook in Swedish, with Swedish dates, and its calendar."""
    handbook = "\n".join(p.extract_text() for p in PdfReader(dist / AGENCY / "pdf/svenska-myndigheten-mentor-handbook-sv.pdf").pages)
    assert "Handbok för lärandementorer" in handbook
    assert "söndag 6 december 2026 kl. 9.00–11.30" in handbook
    assert "En introduktionskamrat för varje nyanställd" in handbook
    calendar = (dist / AGENCY / "svenska-myndigheten-schedule.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Helsinki:20261206T090000" in calendar
    # The first language's calendar keeps the contract's name; each further language has its own.
    assert "SUMMARY:Mentorin rooli (Ruotsinkielinen virasto)" in calendar
    swedish = (dist / AGENCY / "svenska-myndigheten-schedule-sv.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Helsinki:20261206T090000" in swedish
    assert "SUMMARY:Mentorns roll (" in swedish and "Mentorin rooli" not in swedish
    # Each language's home page links its own calendar, the copy at the site's root.
    assert 'href="../svenska-myndigheten-schedule-sv.ics"' in (dist / AGENCY / "site/sv/index.html").read_text(encoding="utf-8")
    assert 'href="svenska-myndigheten-schedule.ics"' in (dist / AGENCY / "site/index.html").read_text(encoding="utf-8")
    assert (dist / AGENCY / "site/svenska-myndigheten-schedule-sv.ics").read_bytes() == (dist / AGENCY / "svenska-myndigheten-schedule-sv.ics").read_bytes()


def test_cohort_view_in_swedish(dist):
    """The trainer's cohort view has a Swedish page with the session's date and time in Swedish."""
    text = page_text(dist / "cohort/sv/index.html", within="body")
    assert "Gruppvy för utbildaren" in text
    assert "6 december 2026 kl. 9.00–11.30" in text


def test_glossary_in_swedish_and_swedish_terms_on_the_other_pages(dist):
    """The Swedish glossary defines the terms; the Finnish one names each term's Swedish equivalent."""
    swedish = page_text(dist / "site/sv/glossary/index.html")
    assert "tyst kunskap Kunnande som vuxit fram genom erfarenhet." in swedish
    assert "på svenska" not in swedish
    assert "hiljainen tieto Kokemuksen kautta syntynyttä osaamista. ruotsiksi: tyst kunskap" in page_text(dist / "site/glossary/index.html")


def test_search_indexes_swedish_with_its_own_stemmer(dist):
    """Pagefind writes a Swedish index beside the Finnish and English ones."""
    entry = (dist / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8")
    assert '"sv":{"hash":"sv_' in entry and '"wasm":"sv"' in entry


# In a browser --------------------------------------------------------------------------------------


@pytest.mark.browser
def test_language_switch_across_three_languages(page, url):
    """From a Swedish module page the menu offers all three languages; each leads to the same module."""
    site = url + "site/"
    for start, lang, target, heading in [
        ("sv/mentor/mt-core/", "fi", "mentor/mt-core/", "Mentorin rooli"),
        ("mentor/mt-core/", "sv", "sv/mentor/mt-core/", "Mentorns roll"),
        ("sv/mentor/mt-core/", "en", "en/mentor/mt-core/", "The mentor's role"),
        ("en/mentor/mt-core/", "sv", "sv/mentor/mt-core/", "Mentorns roll"),
    ]:
        page.goto(site + start)
        menu = page.locator(".md-header .md-select")
        expect(menu.locator("a[hreflang]")).to_have_text(["Suomi", "English", "Svenska"])
        menu.locator("button").click()
        menu.locator(f"a[hreflang={lang}]").click()
        expect(page).to_have_url(site + target)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("article h1")).to_have_text(heading)
    alternates = page.locator("head link[rel=alternate][hreflang]").evaluate_all("links => links.map(l => l.hreflang)")
    assert sorted(alternates) == ["en", "fi", "sv"]


@pytest.mark.browser
def test_swedish_search_finds_inflected_forms_in_swedish_pages_only(page, url, dist):
    """'intervjuerna' (the definite plural) finds the page that says 'intervju', in Swedish pages only."""
    swedish = "\n".join(page_text(p) for p in swedish_pages(dist / "site")).lower()
    assert "intervju" in swedish.split() or " intervju." in swedish
    assert "intervjuerna" not in swedish and "haastattelu" not in swedish
    site = url + "site/"
    results = open_search_and_query(page, site + "sv/", "intervjuerna")
    assert page.url.startswith(site + "sv/search/")
    assert site + "sv/exercises/ex-pair/" in results
    assert all(r.startswith(site + "sv/") for r in results), results
    assert open_search_and_query(page, site + "sv/", "haastattelu") == []
    expect(page.locator("#mk-search-status")).to_have_text("Inga träffar.")


@pytest.mark.browser
def test_axe_finds_no_violation_on_swedish_pages(browser, url, dist):
    """axe-core, WCAG 2.0/2.1 A and AA: zero violations on every Swedish page of the base site and the agency's."""
    require_tool(AXE_JS)
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(path=str(AXE_JS))
    axe_page = context.new_page()
    found, count = {}, 0
    for prefix in ("site", f"{AGENCY}/site"):
        site = dist / prefix
        for path in swedish_pages(site):
            relative = path.relative_to(dist).as_posix()
            axe_page.goto(url + relative.removesuffix("index.html"))
            count += 1
            if violations := axe_violations(axe_page):
                found[relative] = violations
    context.close()
    assert count >= 25
    assert not found, describe_violations(found)


# PDFs ----------------------------------------------------------------------------------------------


def swedish_pdfs(dist: Path) -> list[Path]:
    """Every Swedish PDF of the build, one agency site's copies left out (they are the same files)."""
    return sorted(p for p in dist.rglob("*-sv.pdf") if not (p.relative_to(dist).parts[0] == "agencies" and "site" in p.relative_to(dist).parts))


def test_every_swedish_pdf_kind_is_built(dist):
    """The base site's PDFs, the slides and the agency's PDFs all exist in Swedish."""
    names = {p.name for p in swedish_pdfs(dist)}
    assert {"trainer-guide-sv.pdf", "worksheets-sv.pdf", "workshop-handouts-sv.pdf", "mt-core-sv.pdf", "mt-core-notes-sv.pdf", "mt-core-handout-sv.pdf"} <= names
    assert {"svenska-myndigheten-mentor-handbook-sv.pdf", "svenska-myndigheten-worksheets-sv.pdf", "svenska-myndigheten-trainer-guide-sv.pdf"} <= names
    handouts = "\n".join(p.extract_text() for p in PdfReader(dist / "site/pdf/workshop-handouts-sv.pdf").pages)
    assert "Blankett för självvärdering" in handouts and "stämmer inte alls" in handouts


def test_pdfua_finds_nothing_in_swedish_pdfs(dist):
    """The PDF/UA checker reports no error or warning on any Swedish PDF, each tagged as Swedish."""
    pdfs = swedish_pdfs(dist)
    findings = []
    for path in pdfs:
        report = validate(str(path))
        findings += [f"{path.name}: {f.severity.name} {f.rule_id} page {f.location.page}: {f.message}" for f in report.findings if f.severity >= Severity.WARNING]
        assert PdfReader(path).trailer["/Root"]["/Lang"] == "sv", path.name
    assert len(pdfs) >= 20
    assert findings == []
