"""What a trainer meets at 390 px and from disk (issue 28): the agenda shows every column, the
offline search page promises no search, the back-to-top button keeps off the goal form's error
summary, and the trainer's page leads to the goal form and the printables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import REPO
from quality import serve
from test_browser import TIMEOUT_MS

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser) -> Page:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def base_url(real_built) -> str:
    with serve(real_built / "site") as url:
        yield url


@pytest.fixture(scope="module")
def bundle(form_bundle) -> Path:
    """The fixture library's base site as a bundle, unpacked (conftest's form_bundle, shared with tests/test_goal_form_parity.py)."""
    return form_bundle[1]


@pytest.mark.parametrize("path", ["workshop/", "en/workshop/", "mentor/", "kick-off/", "en/harvest/"])
def test_the_agenda_shows_every_column_at_390_px(phone, base_url, path):
    """Every agenda's last column (Kesto, Duration) lies wholly on a 390 px screen, with no sideways scroll."""
    phone.goto(base_url + path)
    tables = phone.locator("article table")
    assert tables.count() >= 1
    for index in range(tables.count()):
        last = tables.nth(index).locator("thead th").last
        expect(last).to_have_text(re.compile("^(Kesto|Duration)$"))
        box = last.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] - 8, (path, index, box)
        scroller = tables.nth(index).locator("xpath=ancestor::div[@role='region']")
        assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), (path, index)


def test_the_offline_search_page_promises_no_search(phone, bundle):
    """Opened from disk, the search page says search needs a web server, without the search hint or the header's search button."""
    for page_path in ["search.html", "en/search.html"]:
        phone.goto((bundle / page_path).as_uri())
        expect(phone.locator(".md-header .mk-search-link")).to_be_hidden()
    # Elsewhere the button stays: it leads to that explanation (tests/test_bundle.py).
    phone.goto((bundle / "index.html").as_uri())
    expect(phone.locator(".md-header .mk-search-link")).to_be_visible()
    phone.goto((bundle / "search.html").as_uri())
    expect(phone.locator(".mk-search-offline")).to_be_visible()
    expect(phone.locator(".mk-search-offline")).to_contain_text("Haku toimii vain, kun sivusto avataan verkkopalvelimelta.")
    expect(phone.locator(".mk-search-hint")).to_be_hidden()
    expect(phone.locator("form.mk-search")).to_be_hidden()


def test_the_search_hint_and_button_stay_on_a_served_site(phone, base_url):
    """From a web server the search page keeps its form, its hint and the header's button."""
    phone.goto(base_url + "search/")
    expect(phone.locator(".mk-search-hint")).to_be_visible()
    expect(phone.locator(".md-header .mk-search-link")).to_be_visible()
    expect(phone.locator(".mk-search-offline")).to_be_hidden()


def _overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def test_back_to_top_keeps_off_the_error_summary(phone, base_url):
    """After a save with errors at 390 px, the back-to-top button never lies over the error summary, however it is scrolled."""
    phone.goto(base_url + "goal-form/")
    phone.mouse.wheel(0, 4000)
    phone.get_by_role("button", name="Tarkista ja tallenna").click()
    summary = phone.locator(".mk-gf-summary")
    expect(summary).to_be_focused()
    top = phone.locator(".md-top")
    # Scrolled up to the summary (the button appears on scrolling up), then with the summary right
    # under the header, where the button sits.
    for scroll in ["", "e => { e.scrollIntoView({block: 'start'}); window.scrollBy(0, -60); }"]:
        if scroll:
            summary.evaluate(scroll)
            phone.mouse.wheel(0, -40)
        phone.wait_for_timeout(600)  # Material fades the button in; judge the page once still
        shown = top.is_visible() and top.evaluate("e => getComputedStyle(e).visibility === 'visible' && getComputedStyle(e).opacity !== '0'")
        if shown:
            assert not _overlap(top.bounding_box(), summary.bounding_box()), (top.bounding_box(), summary.bounding_box())
    summary.get_by_role("link").first.focus()
    expect(top).to_have_css("visibility", "hidden")


def test_the_trainers_page_leads_to_the_form_and_the_printables(phone, base_url, tmp_path, repo_library):
    """Kouluttajalle links the goal form, and (in a build with PDFs) the workshop handouts, worksheets, round templates and trainer guide."""
    from mentorkit.pipeline import stage_variant

    staged = stage_variant(root=REPO, agency_file=None, staging=tmp_path / "base", pdf=True, library=repo_library)
    for lang, path in [("fi", "for-trainers/"), ("en", "en/for-trainers/")]:
        phone.goto(base_url + path)
        hrefs = [a.get_attribute("href") for a in phone.locator("article a[href]").all()]
        assert any(href.rstrip("/").endswith("goal-form") for href in hrefs), hrefs
        project = next(p for p in staged.site.projects if p.lang == lang)
        page = (project.config.parent / "docs" / "for-trainers.md").read_text(encoding="utf-8")
        # Written relative to the page as a web server publishes it: for-trainers/ or en/for-trainers/.
        up = "../" * path.count("/")
        pdfs = sorted(re.findall(rf'href="{re.escape(up)}pdf/([^"]+)"', page))
        assert pdfs == sorted(f"{kind}-{lang}.pdf" for kind in ("trainer-guide", "workshop-handouts", "worksheets", "follow-up-handouts", "round-templates")), pdfs


@pytest.mark.parametrize("path", ["kick-off/", "en/workshop/"])
def test_agenda_times_keep_to_one_line_on_a_wide_screen(browser, base_url, path):
    """At 1280 px every agenda's clock times are one line ('12.30–12.45', not '12.30–' above '12.45')."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + path)
    times = page.locator("article .mk-time")
    assert times.count() >= 5
    heights = times.evaluate_all("els => els.map(e => e.getClientRects().length)")
    context.close()
    assert set(heights) == {1}, (path, heights)
