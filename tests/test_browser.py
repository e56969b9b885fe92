"""The sites in a real browser: Debian's Chromium driven by Playwright (no browser download).

On the fixture library's build: the language switch, Finnish search, navigation at phone width and
no request leaving 127.0.0.1. On the repository's own content: axe-core (WCAG 2.0/2.1 A and AA)
on every page of the base site in every language and of one agency's site, and at 390 px on every
page with a table.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import REAL_AGENCY
from evidence import record
from quality import (
    AXE_JS, CHROMIUM, CHROMIUM_ARGS, axe_violations, axe_violations_of_urls, describe_violations, html_files, page_text, require_tool, serve,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 375, "height": 740}
TIMEOUT_MS = 15_000


@pytest.fixture
def page(browser) -> Page:
    """A fresh desktop-sized page (its own context: no cookies or storage carried over)."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def fixture_url(built) -> str:
    """The fixture build served from its dist folder: the base site at site/, agencies at agencies/<id>/site/.

    Serving the sites from sub-folders also shows that nothing depends on being at the server's root.
    """
    with serve(built) as url:
        yield url


def texts(site: Path, lang: str) -> str:
    """Return the lower-cased text of every page of one language of a site."""
    pages = [p for p in html_files(site) if (p.relative_to(site).parts[0] == "en") == (lang == "en")]
    return "\n".join(page_text(p) for p in pages).lower()


# 1. The language switch ----------------------------------------------------------------------------


def test_language_switch_keeps_the_page(page, fixture_url):
    """From a Finnish module page the language menu leads to the same module in English, and back."""
    site = fixture_url + "site/"
    page.goto(site + "mentor/mt-core/")
    menu = page.locator(".md-header .md-select")
    # Material shows the menu's list on hover and on focus (opacity 0 → 1, max-height 0 → 200px).
    expect(menu.locator(".md-select__inner")).to_have_css("opacity", "0")
    menu.locator("button").hover()
    expect(menu.locator(".md-select__inner")).to_have_css("opacity", "1")
    english = menu.locator("a[hreflang=en]")
    expect(english).to_have_text("English")
    english.click()
    expect(page).to_have_url(site + "en/mentor/mt-core/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("article h1")).to_have_text("The mentor's role")

    expect(menu.locator(".md-select__inner")).to_have_css("opacity", "0")
    menu.locator("button").click()
    expect(menu.locator(".md-select__inner")).to_have_css("opacity", "1")
    finnish = menu.locator("a[hreflang=fi]")
    expect(finnish).to_have_text("Suomi")
    finnish.click()
    expect(page).to_have_url(site + "mentor/mt-core/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("article h1")).to_have_text("Mentorin rooli")


# 2. Search -----------------------------------------------------------------------------------------


def open_search_and_query(page: Page, start: str, query: str) -> list[str]:
    """From a page, follow the header's search button, search for `query`; return the result links."""
    page.goto(start)
    page.locator("a.mk-search-link").click()
    box = page.locator("#mk-search-input")
    expect(box).to_be_visible()
    box.fill(query)
    box.press("Enter")
    expect(page.locator("#mk-search-status")).not_to_be_empty()
    # A result link also names the words to highlight on its page (?pagefind-highlight=…).
    return page.locator("#mk-search-results a").evaluate_all("links => links.map(a => a.href.split('?')[0])")


# (query in an inflected form, the form the text has, a word of only the other language's pages)
FINNISH_SEARCH = ("parihaastattelun", "parihaastattelu", "debrief")
ENGLISH_SEARCH = ("interviews", "interview", "kollegalta")


def test_finnish_search_finds_inflected_forms_in_finnish_pages_only(page, fixture_url, built):
    """Pagefind stems Finnish queries and answers from the Finnish index only."""
    query, in_text, foreign = FINNISH_SEARCH
    finnish, english = texts(built / "site", "fi"), texts(built / "site", "en")
    assert in_text in finnish and query not in finnish, "the query must be a form the text does not have"
    assert foreign in english and foreign not in finnish
    site = fixture_url + "site/"

    results = open_search_and_query(page, site + "mentor/mt-core/", query)
    assert page.url.startswith(site + "search/")
    assert results, f"no result for {query!r}"
    assert site + "exercises/ex-pair/" in results
    assert all(r.startswith(site) and not r.startswith(site + "en/") for r in results), results
    assert open_search_and_query(page, site + "mentor/mt-core/", foreign) == []
    expect(page.locator("#mk-search-status")).to_have_text("Ei tuloksia.")


def test_english_search_finds_english_pages_only(page, fixture_url, built):
    """The English search page answers from the English index, stemmed in English."""
    query, in_text, foreign = ENGLISH_SEARCH
    finnish, english = texts(built / "site", "fi"), texts(built / "site", "en")
    assert in_text in english and query not in english
    assert foreign in finnish and foreign not in english
    site = fixture_url + "site/"

    results = open_search_and_query(page, site + "en/mentor/mt-core/", query)
    assert page.url.startswith(site + "en/search/")
    assert site + "en/exercises/ex-pair/" in results
    assert all(r.startswith(site + "en/") for r in results), results
    assert open_search_and_query(page, site + "en/mentor/mt-core/", foreign) == []
    expect(page.locator("#mk-search-status")).to_have_text("No results.")


def test_search_result_leads_to_the_page(page, fixture_url):
    """On an agency's site, served from a sub-folder, a search result opens the page it names."""
    site = fixture_url + "agencies/testivirasto/site/"
    results = open_search_and_query(page, site, "perehdytys")
    assert results and all(r.startswith(site) and "/en/" not in r for r in results), results
    page.locator("#mk-search-results a", has_text="Perehdytys vertaisten kesken").click()
    expect(page).to_have_url(re.compile(re.escape(site + "mentor/mt-onboarding/") + r"\?pagefind-highlight="))
    expect(page.locator("article h1")).to_have_text("Perehdytys vertaisten kesken")


def test_words_not_on_the_real_site_find_nothing(page, real_sites):
    """On the real site a word that is on no page finds nothing, in either language."""
    site, url = real_sites["base"]
    finnish, english = texts(site, "fi"), texts(site, "en")
    for start, query, words, none in [(url, "zebra", finnish, "Ei tuloksia."), (url + "en/", "haastattelu", english, "No results.")]:
        assert query not in words
        assert open_search_and_query(page, start, query) == []
        expect(page.locator("#mk-search-status")).to_have_text(none)


def test_real_finnish_search_finds_inflected_forms(page, real_sites):
    """On the real site, the genitive of a word finds the pages that use its other forms, in Finnish only."""
    site, url = real_sites["base"]
    results = open_search_and_query(page, url, "haastattelun")
    assert len(results) >= 3, results
    assert all(r.startswith(url) and not r.startswith(url + "en/") for r in results), results


# 3. Phone width ------------------------------------------------------------------------------------


def test_navigation_at_phone_width(browser, fixture_url):
    """At 375 × 740 the menu button opens the drawer; its links, nested ones too, lead to their pages."""
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    site = fixture_url + "site/"
    page.goto(site)
    nav = page.locator("nav.md-nav--primary")
    menu_button = page.locator(".md-header label.md-header__button[for=__drawer]")
    glossary = nav.get_by_role("link", name="Sanasto", exact=True)
    expect(menu_button).to_be_visible()
    expect(glossary).not_to_be_in_viewport()
    menu_button.click()
    expect(glossary).to_be_in_viewport()
    glossary.click()
    expect(page).to_have_url(site + "glossary/")
    expect(page.locator("article h1")).to_have_text("Sanasto")

    # A module sits in its track's section: open the section, then follow the module's link.
    menu_button.click()
    section = nav.locator("li.md-nav__item--nested").filter(has=page.get_by_role("link", name="Mentorivalmennus", exact=True))
    module = section.get_by_role("link", name="Mentorin rooli", exact=True)
    expect(module).not_to_be_in_viewport()
    section.locator(".md-nav__container > label").click()
    expect(module).to_be_in_viewport()
    module.click()
    expect(page).to_have_url(site + "mentor/mt-core/")
    expect(page.locator("article h1")).to_have_text("Mentorin rooli")
    context.close()


# 4. No request leaves 127.0.0.1 --------------------------------------------------------------------

# Material's language menu asks for <language link>sitemap.xml on every page, expecting the
# links to point at each language's root; mentorkit makes them point at the same page
# in the other language, so the request 404s and Material follows the link as it is (which is
# what we want). Harmless, and the only failing request allowed.
MATERIAL_SITEMAP_PROBE = re.compile(r"/sitemap\.xml$")


def record_requests(page: Page) -> tuple[list[str], list[str]]:
    """Record every request of a page, and every failed one; abort any request to another host."""
    requests, failed = [], []
    page.on("request", lambda request: requests.append(request.url))
    # net::ERR_ABORTED: cancelled because the page moved on (e.g. the favicon), or aborted below.
    page.on("requestfailed", lambda request: "ERR_ABORTED" not in (request.failure or "") and failed.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.url} ({response.status})"))
    page.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda route: route.abort())
    return requests, failed


def foreign_hosts(urls: list[str]) -> set[str]:
    """Return the hosts other than 127.0.0.1 among URLs (data: and blob: URLs have none)."""
    return {urlsplit(u).hostname for u in urls if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"}


def test_no_request_leaves_the_machine(page, fixture_url):
    """Pages, language switch, search, agency home with its chart: every request goes to 127.0.0.1."""
    requests, failed = record_requests(page)
    site, agency = fixture_url + "site/", fixture_url + "agencies/testivirasto/site/"
    for url in [site, site + "mentor/mt-core/", site + "glossary/", site + "accessibility/", agency, agency + "en/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    page.goto(site + "exercises/ex-pair/")
    page.locator(".md-header .md-select button").hover()
    page.locator(".md-header .md-select a[hreflang=en]").click()
    expect(page).to_have_url(site + "en/exercises/ex-pair/")
    assert open_search_and_query(page, site + "en/", "interviews")
    assert open_search_and_query(page, site, "parihaastattelua")
    page.wait_for_load_state("networkidle")

    assert len(requests) > 50
    assert any("/pagefind/" in u for u in requests) and any(u.endswith(".css") for u in requests)
    assert not foreign_hosts(requests), sorted(set(requests))
    assert not [f for f in failed if not MATERIAL_SITEMAP_PROBE.search(f.split(" ")[0])], failed


def test_request_recorder_reports_a_planted_foreign_request(page, fixture_url):
    """A page that loads something from another host is caught (and the request never leaves)."""
    requests, _failed = record_requests(page)
    page.goto(fixture_url + "site/")
    page.set_content('<html lang="en"><body><img src="https://cdn.example.com/logo.png" alt="Logo"></body></html>')
    page.wait_for_load_state("networkidle")
    assert foreign_hosts(requests) == {"cdn.example.com"}


# 5. axe-core on every page -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def real_sites(real_built) -> dict[str, tuple[Path, str]]:
    """The repository's base site and one agency's site, each served at the root of its own server."""
    base, agency = real_built / "site", real_built / "agencies" / REAL_AGENCY / "site"
    with serve(base) as base_url, serve(agency) as agency_url:
        yield {"base": (base, base_url), "agency": (agency, agency_url)}


@pytest.fixture
def axe_page(browser) -> Page:
    """A page that has axe-core in every document it opens (registered once, not injected per URL)."""
    require_tool(AXE_JS)
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(path=str(AXE_JS))
    yield context.new_page()
    context.close()


def url_of(site: Path, base_url: str, path: Path) -> str:
    """Return the URL a built file is served at (a folder's index.html by the folder)."""
    relative = path.relative_to(site).as_posix()
    return base_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


@pytest.mark.parametrize("name", ["base", "agency"])
def test_axe_finds_no_violation_on_any_page(axe_page, real_sites, name):
    """axe-core, WCAG 2.0/2.1 A and AA: zero violations on every page (both languages, 404 included)."""
    site, base_url = real_sites[name]
    pages = html_files(site)
    # Two pages of the same context take turns, so that one loads while axe runs in the other.
    checked = axe_violations_of_urls([axe_page, axe_page.context.new_page()], [url_of(site, base_url, path) for path in pages])
    found = {url: violations for url, violations in checked.items() if violations}
    assert len(pages) > 50 and any(p.parent.name == "en" for p in pages)
    # The statement lists what failed by page path and rule, never by the test server's address.
    failures = [f"{url.removeprefix(base_url) or '/'}: {v['id']} ({v['help']})" for url, violations in found.items() for v in violations]
    # axe-core checks only the automatable part of WCAG: its runs alone never make a site fully compliant.
    record(gate="axe", variant="base" if name == "base" else REAL_AGENCY, items=len(pages), failures=failures, complete=False)
    print(f"axe-core: {len(pages)} pages of {site.relative_to(site.parents[1])}: {sum(map(len, found.values()))} violations")
    assert not found, f"axe-core violations on {len(found)} of {len(pages)} pages:\n{describe_violations(found)}"


TABLE_PHONE = {"width": 390, "height": 844}

# Per table of the article: whether it sits in a region that takes keyboard focus, that region's
# accessible name (aria-label, or the text of what aria-labelledby names), and whether it scrolls.
_TABLE_REGIONS = """() => [...document.querySelectorAll("article table")].map(table => {
  const region = table.closest("[role=region]");
  const named = region && (region.getAttribute("aria-label") || document.getElementById(region.getAttribute("aria-labelledby"))?.textContent);
  return {focusable: !!region && region.tabIndex === 0, name: (named || "").trim(), scrolls: !!region && region.scrollWidth > region.clientWidth};
})"""


def test_axe_finds_no_violation_on_table_pages_at_phone_width(browser, real_sites):
    """At 390 px, every base-site page with a table, in every language: zero violations; each table in a named, focusable region."""
    require_tool(AXE_JS)
    site, base_url = real_sites["base"]
    pages = [p for p in html_files(site) if "<table" in p.read_text(encoding="utf-8")]
    context = browser.new_context(viewport=TABLE_PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    found, unreachable, scrolling, languages = {}, [], [], set()
    for path in pages:
        url = url_of(site, base_url, path)
        page.goto(url)
        languages.add(page.locator("html").get_attribute("lang"))
        found[url] = axe_violations(page)
        # Slides scale to the screen instead of scrolling (tests/test_slides.py): their tables are not in the article.
        for index, table in enumerate(page.evaluate(_TABLE_REGIONS)):
            if not table["focusable"] or not table["name"]:
                unreachable.append(f"{url.removeprefix(base_url)} table {index + 1}: {table}")
            if table["scrolls"]:
                scrolling.append(url.removeprefix(base_url))
    context.close()
    assert languages == {"fi", "en", "sv"} and len(pages) >= 30, (languages, len(pages))
    assert not unreachable, "\n".join(unreachable)
    # The Swedish contacts table (sv/mentor/mt-psych-safety/, "Företagshälsovården") is wider than 390 px
    # where the browser cannot hyphenate: the checks above are of regions that really scroll.
    assert scrolling, "no table scrolls sideways at 390 px"
    found = {url: v for url, v in found.items() if v}
    assert not found, describe_violations(found)


def test_axe_finds_no_violation_in_interactive_states(browser, real_sites):
    """Search results on show, the language menu open, and the drawer open at phone width."""
    _site, base_url = real_sites["base"]
    found = {}
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    for url in [base_url + "search/?q=perehdytys", base_url + "en/search/?q=onboarding"]:
        page.goto(url)
        expect(page.locator("#mk-search-results li").first).to_be_visible()
        found[url] = axe_violations(page)
    page.goto(base_url + "mentor/")
    page.locator(".md-header .md-select button").hover()
    expect(page.locator(".md-header .md-select__inner")).to_have_css("opacity", "1")
    found[base_url + "mentor/ (language menu open)"] = axe_violations(page)
    context.close()

    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    for path in ["", "mentor/", "mentor/mt-mentor-role/", "en/glossary/"]:
        page.goto(base_url + path)
        page.locator(".md-header label.md-header__button[for=__drawer]").click()
        expect(page.locator("nav.md-nav--primary")).to_be_in_viewport()
        found[base_url + path + " (drawer open at 375 px)"] = axe_violations(page)
    context.close()
    found = {url: v for url, v in found.items() if v}
    assert not found, describe_violations(found)


PLANTED_A11Y = """<!doctype html>
<html lang="en"><head><title>Planted</title></head>
<body>
<main>
<h1>Planted faults</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color: #aaaaaa; background: #ffffff">Pale grey text on white.</p>
</main>
</body></html>"""


def test_axe_reports_planted_violations(page):
    """The same helper reports an image without alt text and text of too low contrast."""
    page.set_content(PLANTED_A11Y)
    violations = axe_violations(page)
    assert {v["id"] for v in violations} == {"image-alt", "color-contrast"}
    report = describe_violations({"planted.html": violations})
    assert "planted.html: image-alt (critical) at img" in report
    assert "planted.html: color-contrast (serious) at p" in report
