"""Render printable documents with WeasyPrint: tagged PDF/UA-1, A4, embedded fonts, offline."""

from __future__ import annotations

import logging
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from mentorkit.assemble.context import context_for
from mentorkit.assemble.handouts import compose_handouts
from mentorkit.assemble.printdoc import compose_document
from mentorkit.errors import BuildError
from mentorkit.model import Agency, Library
from mentorkit.plan.documents import Kind
from mentorkit.plan.manifest import Manifest
from mentorkit.render.pdftags import add_header_scopes

log = logging.getLogger(__name__)


class OfflineFetcher(URLFetcher):
    """Fetch only local files and data: URLs; anything on a network is refused, and fails the build."""

    def fetch(self, url, headers=None):
        if not url.startswith(("file:", "data:")):
            raise FatalURLFetchingError(f"refused to fetch {url}: handbooks are built without network access")
        return super().fetch(url, headers)


def render_pdfs(library: Library, manifest: Manifest, documents, *, agency: Agency | None, out: Path) -> list[Path]:
    """Render the planned documents of a variant into out/ and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    jobs = []
    for document in documents:
        ctx = context_for(library, manifest, agency=agency, lang=document.lang)
        # The handouts' form fields are fillable in a PDF reader; no other document has fields.
        handouts = document.kind is Kind.WORKSHOP_HANDOUTS
        compose = compose_handouts if handouts else compose_document
        jobs.append((compose(ctx, document), str(out / document.filename), handouts))
    # WeasyPrint is single-threaded and CPU-bound: a process per core (at most two, to leave room
    # for the rest of the machine) renders documents side by side.
    workers = min(len(jobs), os.cpu_count() or 1, 2)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(render_pdf, *zip(*jobs)))
    for path in results:
        log.info("Rendered %s", Path(path).name)
    return [Path(p) for p in results]


def render_pdf(html: str, target: str, forms: bool = False) -> str:
    """Render one HTML document to a tagged PDF/UA-1 file (with fillable fields when `forms`) and return its path."""
    stylesheet = CSS(string=resources.files("mentorkit.theme").joinpath("print/print.css").read_text(encoding="utf-8"))
    try:
        HTML(string=html, base_url=str(Path(target).parent), url_fetcher=OfflineFetcher()).write_pdf(
            target, stylesheets=[stylesheet], pdf_variant="pdf/ua-1", uncompressed_pdf=False, pdf_forms=forms
        )
    except FatalURLFetchingError as error:
        raise BuildError(f"{Path(target).name}: {error}") from None
    add_header_scopes(Path(target))
    return target


def copy_into_site(pdfs: list[Path], *, site_dir: Path) -> None:
    """Put the PDFs beside the site's pages too, so that a published site's download links work."""
    target = site_dir / "pdf"
    target.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        shutil.copy2(pdf, target / pdf.name)
