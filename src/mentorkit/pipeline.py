"""The pipeline: load ─► validate ─► plan ─► assemble ─► render ─► publish."""

from __future__ import annotations

import logging
import shutil
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from mentorkit.assemble.staging import assemble_site
from mentorkit.model import Agency, Library
from mentorkit.plan.documents import Document, plan_documents, site_documents
from mentorkit.plan.manifest import Manifest, plan_agency, plan_base
from mentorkit.publish import FILE_MARKER, keep_previous, publishing, publishing_file
from mentorkit.render.bundle import write_bundle
from mentorkit.render.calendar import write_schedule
from mentorkit.render.site import render_site
from mentorkit.validate.agency import load_agencies
from mentorkit.validate.content import load_library

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StagedVariant:
    """A variant planned and assembled into its staging tree."""

    library: Library
    agency: Agency | None
    manifest: Manifest
    documents: tuple[Document, ...]
    config: Path
    """The staging tree's mkdocs.yml."""


def check(*, root: Path, agency_files: list[Path]) -> tuple[Library, list[Agency]]:
    """Load and validate the content and the given definitions; raise InvalidInput listing every problem."""
    library = load_library(root)
    agencies = load_agencies(agency_files, library=library, root=root)
    return library, agencies


def stage_variant(*, root: Path, agency_file: Path | None, staging: Path | None = None, pdf: bool = False, library: Library | None = None) -> StagedVariant:
    """Load, validate, plan and assemble one variant (an already validated library may be passed)."""
    library = library or load_library(root)
    agency = load_agencies([agency_file], library=library, root=root)[0] if agency_file else None
    return assemble_variant(library, agency, staging=staging or root / "build", pdf=pdf, nested=staging is None)


def assemble_variant(library: Library, agency: Agency | None, *, staging: Path, pdf: bool, nested: bool = True) -> StagedVariant:
    """Plan and assemble a validated variant into staging/<variant>/ (or into staging itself when not nested)."""
    manifest = plan_agency(library, agency) if agency else plan_base(library)
    documents = plan_documents(manifest) if pdf else ()
    tree = staging / manifest.variant.name if nested else staging
    config = assemble_site(library, manifest, agency=agency, staging=tree, documents=site_documents(manifest, documents))
    return StagedVariant(library, agency, manifest, documents, config)


def build_base(library: Library, *, root: Path, dist: Path, pdf: bool = True, bundle: bool = False) -> Path:
    """Build the base bilingual site (trainer edition) into dist/site/."""
    target = dist / "site"
    staged = assemble_variant(library, None, staging=root / "build", pdf=pdf)
    log.info("Building the base site (%s) into %s", ", ".join(staged.manifest.languages), target)
    with ExitStack() as stack:
        # The zip beside dist/site/ is replaced only after the site is: a failed build leaves both as they were.
        bundle_zip = stack.enter_context(publishing_file(dist / "site.zip")) if bundle else None
        site_dir = stack.enter_context(publishing(target))
        render_site(staged.config, site_dir=site_dir)
        if staged.documents:
            from mentorkit.render.pdf import render_pdfs  # WeasyPrint takes a second to import

            render_pdfs(library, staged.manifest, staged.documents, agency=None, out=site_dir / "pdf")
        elif not pdf and keep_previous(target, site_dir, folders=("pdf",)):
            log.warning("Kept the previous build's PDFs in %s/pdf (not rebuilt with --no-pdf; they may be out of date)", target)
        if bundle_zip:
            write_bundle(staged.config, built_site=site_dir, zip_path=bundle_zip, folder="site", comment=FILE_MARKER)
    return target


def build_agency(library: Library, agency: Agency, *, root: Path, dist: Path, pdf: bool = True, bundle: bool = False) -> Path:
    """Build an agency's site, handbooks, schedule and manifest into dist/agencies/<id>/."""
    target = dist / "agencies" / agency.id
    staged = assemble_variant(library, agency, staging=root / "build", pdf=pdf)
    manifest = staged.manifest
    log.info("Building %s (%s, %d modules) into %s", agency.id, ", ".join(manifest.languages), len(manifest.selected), target)
    for warning in manifest.warnings:
        log.warning("%s: %s", agency.source, warning)
    with publishing(target) as out:
        render_site(staged.config, site_dir=out / "site")
        (out / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
        if agency.schedule:
            write_schedule(library, agency, path=out / f"{agency.id}-schedule.ics")
            # The site links to its own copy, so that mentors can subscribe from the schedule.
            shutil.copy2(out / f"{agency.id}-schedule.ics", out / "site" / f"{agency.id}-schedule.ics")
        if staged.documents:
            from mentorkit.render.pdf import copy_into_site, render_pdfs

            pdfs = render_pdfs(library, manifest, staged.documents, agency=agency, out=out / "pdf")
            # The trainer guide stays in pdf/; the mentors' site neither links nor holds it.
            on_site = {d.filename for d in site_documents(manifest, staged.documents)}
            copy_into_site([p for p in pdfs if p.name in on_site], site_dir=out / "site")
        elif not pdf and keep_previous(target, out, folders=("pdf", "site/pdf")):
            log.warning("Kept the previous build's PDFs of %s (not rebuilt with --no-pdf; they may be out of date)", agency.id)
        if bundle:
            write_bundle(staged.config, built_site=out / "site", zip_path=out / f"{agency.id}-site.zip", folder=f"{agency.id}-site", comment=FILE_MARKER)
    return target


def build_cohort(library: Library, agencies: list[Agency], *, dist: Path) -> Path:
    """Build the trainer's cohort view of every agency into dist/cohort/ (never into a site)."""
    from mentorkit.render.cohort import write_cohort

    target = dist / "cohort"
    log.info("Building the cohort view of %d agencies into %s", len(agencies), target)
    with publishing(target) as out:
        write_cohort(library, agencies, out=out)
    return target
