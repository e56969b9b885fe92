"""The cohort view in real Chromium: axe-core finds nothing at desktop and phone width, and no request leaves the machine."""

from __future__ import annotations

import pytest
from quality import AXE_JS, axe_violations, describe_violations, require_tool, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_cohort_view_is_accessible_and_offline(real_built, browser):
    """Both languages, 1280 and 390 px wide: zero axe-core violations, every request to 127.0.0.1."""
    require_tool(AXE_JS)
    found, foreign = {}, []
    with serve(real_built / "cohort") as url:
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.on("request", lambda request: foreign.append(request.url) if not request.url.startswith(url) else None)
            for path in ("", "en/"):
                page.goto(url + path)
                assert page.locator("table").count() == 3 and page.locator("svg.chart").count() == 1
                found[f"{url}{path} at {width} px"] = axe_violations(page)
            context.close()
    found = {k: v for k, v in found.items() if v}
    assert not found, describe_violations(found)
    assert not foreign, foreign
