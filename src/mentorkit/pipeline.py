"""The pipeline: load ─► validate ─► plan ─► assemble ─► render ─► publish."""

from __future__ import annotations

import logging
from pathlib import Path

from mentorkit.assemble.staging import assemble_site
from mentorkit.load.agency import load_agencies
from mentorkit.load.content import load_library
from mentorkit.model import Agency, Library
from mentorkit.plan.manifest import plan_agency, plan_base
from mentorkit.publish import keep_previous, publishing
from mentorkit.plan.documents import plan_documents
from mentorkit.render.calendar import write_schedule
from mentorkit.render.site import render_site

log = logging.getLogger(__name__)


def check(*, root: Path, agency_files: list[Path]) -> tuple[Library, list[Agency]]:
    """Validate the content and the given definitions; raise InvalidInput listing every problem."""
    library = load_library(root)
    return library, load_agencies(agency_files, library=library, root=root)


def build_base(library: Library, *, root: Path, dist: Path, pdf: bool = True) -> Path:
    """Build the base bilingual site (trainer edition) into dist/site/."""
    manifest = plan_base(library)
    documents = plan_documents(manifest) if pdf else ()
    target = dist / "site"
    log.info("Building the base site (%s) into %s", ", ".join(manifest.languages), target)
    config = assemble_site(library, manifest, agency=None, staging=root / "build" / "base", documents=documents)
    with publishing(target) as site_dir:
        render_site(config, site_dir=site_dir)
        if documents:
            from mentorkit.render.pdf import render_pdfs  # WeasyPrint takes a second to import

            render_pdfs(library, manifest, documents, agency=None, out=site_dir / "pdf")
        elif not pdf and keep_previous(target, site_dir, folders=("pdf",)):
            log.warning("Kept the previous build's PDFs in %s/pdf (not rebuilt with --no-pdf; they may be out of date)", target)
    return target


def build_agency(library: Library, agency: Agency, *, root: Path, dist: Path, pdf: bool = True) -> Path:
    """Build an agency's site, handbooks, schedule and manifest into dist/agencies/<id>/."""
    manifest = plan_agency(library, agency)
    target = dist / "agencies" / agency.id
    log.info("Building %s (%s, %d modules) into %s", agency.id, ", ".join(manifest.languages), len(manifest.selected), target)
    for warning in manifest.warnings:
        log.warning("%s: %s", agency.source, warning)
    documents = plan_documents(manifest) if pdf else ()
    config = assemble_site(library, manifest, agency=agency, staging=root / "build" / agency.id, documents=documents)
    with publishing(target) as out:
        render_site(config, site_dir=out / "site")
        (out / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
        if agency.schedule:
            write_schedule(library, agency, path=out / f"{agency.id}-schedule.ics")
        if documents:
            from mentorkit.render.pdf import copy_into_site, render_pdfs

            pdfs = render_pdfs(library, manifest, documents, agency=agency, out=out / "pdf")
            copy_into_site(pdfs, site_dir=out / "site")
        elif not pdf and keep_previous(target, out, folders=("pdf", "site/pdf")):
            log.warning("Kept the previous build's PDFs of %s (not rebuilt with --no-pdf; they may be out of date)", agency.id)
    return target
