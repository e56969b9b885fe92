"""Render printable documents with WeasyPrint: tagged PDF/UA-1, A4, embedded fonts, offline.

WeasyPrint is single-threaded and CPU-bound: a build renders its documents side by side, one
document per step in a pool of processes (render/steps.py, render/jobs.py).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from mentorkit.errors import BuildError
from mentorkit.render.glyphs import warn_missing_glyphs
from mentorkit.render.pdftags import add_header_scopes


class OfflineFetcher(URLFetcher):
    """Fetch only local files and data: URLs; anything on a network is refused, and fails the build."""

    def fetch(self, url, headers=None):
        if not url.startswith(("file:", "data:")):
            raise FatalURLFetchingError(f"refused to fetch {url}: handbooks are built without network access")
        return super().fetch(url, headers)


@cache
def font_configuration() -> FontConfiguration:
    """Return the one font configuration of this process.

    Without one, WeasyPrint makes a configuration per document, and each keeps its Pango font map
    for the life of the process: a worker grew by about 0.3 MB a document, past 1 GB in a round of
    100 agencies. With one, it measured 0.04 MB a document for the follow-up handouts and 0.1 MB for
    a slide handout.
    """
    return FontConfiguration()


@cache
def print_stylesheet(name: str) -> CSS:
    """Return a print style sheet of theme/print/, parsed once per process."""
    return CSS(string=resources.files("mentorkit.theme").joinpath(f"print/{name}").read_text(encoding="utf-8"), font_config=font_configuration())


def render_pdf(html: str, target: str, forms: bool = False, *, stylesheet_name: str = "print.css") -> str:
    """Render one HTML document to a tagged PDF/UA-1 file (with fillable fields when `forms`) and return its path."""
    warn_missing_glyphs(html, document=Path(target).name)
    try:
        HTML(string=html, base_url=str(Path(target).parent), url_fetcher=OfflineFetcher()).write_pdf(
            target, stylesheets=[print_stylesheet(stylesheet_name)], font_config=font_configuration(), pdf_variant="pdf/ua-1", uncompressed_pdf=False, pdf_forms=forms
        )
    except FatalURLFetchingError as error:
        raise BuildError(f"{Path(target).name}: {error}") from None
    add_header_scopes(Path(target))
    return target
