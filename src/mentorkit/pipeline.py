"""The pipeline: load ─► validate ─► plan ─► assemble ─► render ─► publish."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mentorkit.assemble.staging import assemble_site
from mentorkit.load.agency import load_agencies
from mentorkit.load.content import load_library
from mentorkit.load.examples import example_values
from mentorkit.model import Agency, Library
from mentorkit.plan.manifest import plan_agency, plan_base
from mentorkit.publish import publishing
from mentorkit.plan.documents import plan_documents
from mentorkit.render.bundle import write_bundle
from mentorkit.render.calendar import write_schedule
from mentorkit.render.site import render_site

log = logging.getLogger(__name__)


def check(*, root: Path, agency_files: list[Path]) -> tuple[Library, list[Agency]]:
    """Validate the content and the given definitions; raise InvalidInput listing every problem."""
    library = load_library(root)
    agencies = load_agencies(agency_files, library=library, root=root)
    for warning in example_values(root):
        log.warning("Warning: %s", warning)
    return library, agencies


def build_base(library: Library, *, root: Path, dist: Path, pdf: bool = True, bundle: bool = False) -> Path:
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
        if bundle:
            write_bundle(config, built_site=site_dir, zip_path=dist / "site.zip", folder="site")
    return target


def build_agency(library: Library, agency: Agency, *, root: Path, dist: Path, pdf: bool = True, bundle: bool = False) -> Path:
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
            # The site links to its own copy, so that mentors can subscribe from the schedule.
            shutil.copy2(out / f"{agency.id}-schedule.ics", out / "site" / f"{agency.id}-schedule.ics")
        if documents:
            from mentorkit.render.pdf import copy_into_site, render_pdfs

            pdfs = render_pdfs(library, manifest, documents, agency=agency, out=out / "pdf")
            copy_into_site(pdfs, site_dir=out / "site")
        if bundle:
            write_bundle(config, built_site=out / "site", zip_path=out / f"{agency.id}-site.zip", folder=f"{agency.id}-site")
    return target
