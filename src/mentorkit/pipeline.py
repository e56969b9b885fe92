"""The pipeline: load ─► validate ─► plan ─► assemble ─► render ─► publish."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

# Reading, checking and rendering modules are imported where they are used: a build with nothing
# to do recalls the checked library and reuses every output, and should not pay for importing them.
from mentorkit.model import Agency, Library
from mentorkit.plan.documents import Document, plan_documents, site_documents
from mentorkit.plan.manifest import Manifest, plan_agency, plan_base
from mentorkit.progress import progress_of
from mentorkit.publish import FILE_MARKER, MARKER, keep_previous, publishing, publishing_file, remove_output_file
from mentorkit.load.fingerprint import digest_file
from mentorkit.render.cache import Output, Published, Record, digest_tree, key_bundle, key_cohort, plan_outputs, read_record, record_path, reusable, scan_folder, status_of, write_record
from mentorkit.render.calendar import write_schedule
from mentorkit.render.jobs import Job, Planned, State, run_jobs
from mentorkit.validate.memo import key_definitions, key_library, remembered

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


def check(*, root: Path, agency_files: list[Path], remember: bool = False) -> tuple[Library, list[Agency]]:
    """Load and validate the content and the given definitions (recalled from build/.cache/ when remember and unchanged); raise InvalidInput listing every problem."""
    cache_dir = root / "build" / ".cache" if remember else None

    def read_library() -> Library:
        from mentorkit.validate.content import load_library

        return load_library(root)

    def read_agencies() -> list[Agency]:
        from mentorkit.validate.agency import load_agencies

        return load_agencies(agency_files, library=library, root=root)

    library = remembered(cache_dir, name="library", key=lambda: key_library(root), compute=read_library)
    agencies = remembered(cache_dir, name="definitions", key=lambda: key_definitions(key_library(root), agency_files, root=root), compute=read_agencies)
    return library, agencies


def stage_variant(*, root: Path, agency_file: Path | None, staging: Path | None = None, pdf: bool = False, library: Library | None = None) -> StagedVariant:
    """Load, validate, plan and assemble one variant (an already validated library may be passed)."""
    from mentorkit.validate.agency import load_agencies
    from mentorkit.validate.content import load_library

    library = library or load_library(root)
    agency = load_agencies([agency_file], library=library, root=root)[0] if agency_file else None
    return assemble_variant(library, agency, staging=staging or root / "build", pdf=pdf, nested=staging is None)


def assemble_variant(library: Library, agency: Agency | None, *, staging: Path, pdf: bool, nested: bool = True) -> StagedVariant:
    """Plan and assemble a validated variant into staging/<variant>/ (or into staging itself when not nested)."""
    from mentorkit.assemble.staging import assemble_site

    manifest = plan_agency(library, agency) if agency else plan_base(library)
    documents = plan_documents(manifest) if pdf else ()
    tree = staging / manifest.variant.name if nested else staging
    config = assemble_site(library, manifest, agency=agency, staging=tree, documents=site_documents(manifest, documents))
    return StagedVariant(library, agency, manifest, documents, config)


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


META = "meta"
"""The owner of an agency's small files beside its site and PDFs: manifest.json and the schedule."""


BUNDLE = "bundle"
"""The name in a record of a variant's zip (the base site's is dist/site.zip, with a record of its own)."""


@dataclass
class _Build:
    """One variant's output folder: what is planned, what can be reused, and where the rest is made."""

    planned: Planned
    target: Path
    site: str
    """The site's folder inside target: '' for the base site (target is the site), 'site' for an agency."""
    outputs: tuple[Output, ...]
    meta: dict[str, bytes]
    record: Record
    zip: Path
    """Where the variant's bundle is published."""
    bundle: Output | None
    """The variant's zip with its key; None when it cannot be known (without PDFs)."""
    zip_record: Record
    """The base site's zip's own record (an agency's zip is in its folder's record)."""
    keep: set[str]
    meta_fresh: bool
    restat: bool
    """Whether a file had to be read again because its status was not the recorded one."""
    work: Path | None = None
    scratch: Path | None = None
    jobs: list[Job] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.planned.manifest.variant.name

    def owner(self, relative: str) -> str:
        """Return which output a file of the folder belongs to."""
        if relative in self.meta:
            return META
        if self.site and relative == self.zip.name:
            return BUNDLE
        names = {d.filename for d in self.planned.documents}
        if relative.startswith("pdf/") and relative[4:] in names:
            return relative[4:]
        if self.site and relative.startswith("site/pdf/") and relative[9:] in names:
            return relative[9:]
        if not self.site or relative.startswith(self.site + "/"):
            return "site"
        return META

    def pdf_files(self, name: str) -> tuple[str, ...]:
        """Return where a PDF is published: pdf/, and for an agency a copy beside its site's pages when its site links it."""
        # The trainer guide stays in pdf/; the mentors' site neither links nor holds it.
        on_site = {d.filename for d in site_documents(self.planned.manifest, self.planned.documents)}
        return (f"pdf/{name}", f"site/pdf/{name}") if self.site and name in on_site else (f"pdf/{name}",)

    @property
    def zip_fresh(self) -> bool:
        """Whether the published zip is the one this build would make."""
        return BUNDLE in self.keep

    @property
    def zip_present(self) -> bool:
        return self.zip.is_file()

    def up_to_date(self, *, bundle: bool) -> bool:
        """Whether every output, the small files and the zip (made when bundle, else kept only when current) are as this build would make them."""
        outputs = self.keep >= {o.name for o in self.outputs} and self.meta_fresh
        if not self.site:
            return outputs and (self.zip_fresh or not bundle)
        return outputs and (self.zip_fresh if bundle or self.zip_present else True)


def build(
    library: Library, agencies: list[Agency], *, root: Path, dist: Path, base: bool, pdf: bool = True, bundle: bool = False, jobs: int | None = None, force: bool = False
) -> None:
    """Build the base site (when base) and the agencies' variants (with their zips when bundle), rebuilding only the outputs whose inputs changed."""
    cache_dir = root / "build" / ".cache"
    builds = [_plan_build(library, agency, root=root, dist=dist, pdf=pdf, force=force, cache_dir=cache_dir) for agency in ([None] if base else []) + agencies]
    todo = [b for b in builds if not b.up_to_date(bundle=bundle)]
    for b in builds:
        if not b.site and not bundle and b.zip_present and not b.zip_fresh:
            _remove_stale_zip(b.zip)
        if b not in todo:
            log.info("Up to date: %s", b.target)
            if b.restat:  # the next build need not read them again
                write_record(record_path(cache_dir, b.target), b.record.outputs, folder=b.target)
    with ExitStack() as stack:
        zips: dict[Path, Path] = {}
        for b in todo:
            if bundle and not b.site:
                # The zip beside dist/site/ is replaced only after the site is: a failed build leaves both as they were.
                zips[b.target] = stack.enter_context(publishing_file(b.zip))
            b.work = stack.enter_context(publishing(b.target))
            # Named like publishing's temporary folders, so that the next build sweeps it if this one is killed.
            b.scratch = Path(tempfile.mkdtemp(prefix=f".{b.target.name}-new-", dir=b.target.parent))
            stack.callback(shutil.rmtree, b.scratch, ignore_errors=True)
            for output in b.outputs:
                if output.name in b.keep:
                    continue
                if output.document is None:
                    b.jobs.append(Job(b.name, b.work / b.site if b.site else b.work))
                else:
                    b.jobs.append(Job(b.name, b.scratch / output.name, output.document))
            rebuilt = len(b.jobs)
            reused = f"; {len(b.outputs) - rebuilt} up to date" if rebuilt < len(b.outputs) else ""
            log.info("Building %s (%s): %d of %d outputs%s", b.target, ", ".join(b.planned.manifest.languages), rebuilt, len(b.outputs), reused)
        # PDFs first: they take the longest, so the pool is not left waiting for one at the end.
        queue = [j for b in todo for j in b.jobs if j.document] + [j for b in todo for j in b.jobs if not j.document]
        shown = {j: str(_final_path(b, j)) for b in todo for j in b.jobs}
        state = State(library, {b.name: b.planned for b in todo})
        with progress_of(len(queue)) as advance:
            run_jobs(queue, state=state, workers=jobs or default_jobs(), done=lambda job: advance(shown[job]))
        records = {b.target: _finish(b, pdf=pdf) for b in todo}
        for b in todo:
            if bundle and not (b.zip_fresh and b.site):
                zip_file = _bundle(library, b, zip_path=zips.get(b.target))
                if b.site and b.bundle:
                    records[b.target][BUNDLE] = Published(b.bundle.key, {b.zip.name: digest_file(zip_file)})
            elif b.site and b.zip_present and not b.zip_fresh:
                log.info("Removed %s: its site changed, and this build makes no zip (--bundle makes it again)", b.zip)
    for b in todo:
        write_record(record_path(cache_dir, b.target), records[b.target], folder=b.target)
        if bundle and not b.site and b.bundle:
            write_record(record_path(cache_dir, b.zip), {BUNDLE: Published(b.bundle.key, {b.zip.name: digest_file(b.zip)})}, folder=b.zip.parent)
        log.info("Built %s", b.target)


def _remove_stale_zip(path: Path) -> None:
    """Delete the base site's zip when it no longer matches the site (only a zip mentorkit wrote)."""
    if remove_output_file(path):
        log.info("Removed %s: its site changed, and this build makes no zip (--bundle makes it again)", path)


def _plan_build(library: Library, agency: Agency | None, *, root: Path, dist: Path, pdf: bool, force: bool, cache_dir: Path) -> _Build:
    manifest = plan_agency(library, agency) if agency else plan_base(library)
    documents = plan_documents(manifest) if pdf else ()
    if agency:
        for warning in manifest.warnings:
            log.warning("%s: %s", agency.source, warning)
    target = dist / "site" if agency is None else dist / "agencies" / agency.id
    planned = Planned(manifest, agency, documents, staging=root / "build" / manifest.variant.name)
    outputs = plan_outputs(library, manifest, documents, agency=agency)
    on_site = [d.filename for d in site_documents(manifest, documents)]
    zip_output = Output(BUNDLE, key_bundle(outputs, on_site=on_site)) if pdf else None
    zip_path = dist / "site.zip" if agency is None else target / f"{agency.id}-site.zip"
    meta = _meta_files(library, manifest, agency)
    record = Record() if force else read_record(record_path(cache_dir, target))
    zip_record = Record() if force or agency is not None else read_record(record_path(cache_dir, zip_path))
    b = _Build(planned, target, "" if agency is None else "site", outputs, meta, record, zip_path, zip_output, zip_record, keep=set(), meta_fresh=False, restat=False)
    present: dict[str, dict[str, str]] = {}
    if record.outputs and target.is_dir():
        # publishing's mark of a folder mentorkit wrote is no output's file.
        files, b.restat = scan_folder(target, record=record, skip=(MARKER,))
        for relative, file_digest in files.items():
            present.setdefault(b.owner(relative), {})[relative] = file_digest
    if agency is None and zip_record.outputs and zip_path.is_file():
        recorded = zip_record.outputs[BUNDLE].files.get(zip_path.name) if BUNDLE in zip_record.outputs else None
        same = recorded is not None and zip_record.status.get(zip_path.name) == status_of(zip_path)
        present[BUNDLE] = {zip_path.name: recorded if same and recorded else digest_file(zip_path)}
        record = Record({**record.outputs, **{k: v for k, v in zip_record.outputs.items() if k == BUNDLE}}, record.status)
    b.keep = reusable([*outputs, *([zip_output] if zip_output else [])], record=record.outputs, present=present)
    b.meta_fresh = bool(record.outputs) and present.get(META, {}) == {name: hashlib.sha256(data).hexdigest() for name, data in meta.items()}
    return b


def _meta_files(library: Library, manifest: Manifest, agency: Agency | None) -> dict[str, bytes]:
    if agency is None:
        return {}
    files = {"manifest.json": manifest.to_json().encode()}
    if agency.schedule:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "schedule.ics"
            write_schedule(library, agency, path=path)
            files[f"{agency.id}-schedule.ics"] = path.read_bytes()
            # The site links to its own copy, so that mentors can subscribe from the schedule.
            files[f"site/{agency.id}-schedule.ics"] = files[f"{agency.id}-schedule.ics"]
    return files


def _final_path(b: _Build, job: Job) -> Path:
    if job.document is None:
        return b.target / b.site if b.site else b.target
    return b.target / "pdf" / job.document.filename


def _finish(b: _Build, *, pdf: bool) -> dict[str, Published]:
    """Put every output in its place in the new folder (reused files linked from the published one) and return its record."""
    assert b.work is not None and b.scratch is not None
    record: dict[str, Published] = {}
    if not pdf:
        # Before the site's record is taken: kept PDFs are then part of the site this build published.
        if b.site and keep_previous(b.target, b.work, folders=("pdf", "site/pdf")):
            log.warning("Kept the previous build's PDFs of %s (not rebuilt with --no-pdf; they may be out of date)", b.target.name)
        elif not b.site and keep_previous(b.target, b.work, folders=("pdf",)):
            log.warning("Kept the previous build's PDFs in %s/pdf (not rebuilt with --no-pdf; they may be out of date)", b.target)
    for output in b.outputs:
        if output.name in b.keep:
            for relative in b.record.outputs[output.name].files:
                _link(b.target / relative, b.work / relative)
            record[output.name] = b.record.outputs[output.name]
        elif output.document is None:
            site = b.work / b.site
            files = {f"{b.site}/{r}" if b.site else r: d for r, d in digest_tree(site).items()}
            record[output.name] = Published(output.key, {r: d for r, d in files.items() if b.owner(r) == "site"})
        else:
            first, *copies = b.pdf_files(output.name)
            (b.work / first).parent.mkdir(parents=True, exist_ok=True)
            os.replace(b.scratch / output.name, b.work / first)
            for copy in copies:
                (b.work / copy).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(b.work / first, b.work / copy)
            record[output.name] = Published(output.key, {r: digest_file(b.work / r) for r in (first, *copies)})
    if b.site and b.zip_fresh:
        # An agency's zip still matches its site: kept, whether or not this build asked for one.
        _link(b.zip, b.work / b.zip.name)
        record[BUNDLE] = b.record.outputs[BUNDLE]
    for name, data in b.meta.items():
        (b.work / name).parent.mkdir(parents=True, exist_ok=True)
        (b.work / name).write_bytes(data)
    return record


def _bundle(library: Library, b: _Build, *, zip_path: Path | None) -> Path:
    """Write the variant's site as a zip that opens from disk (a second MkDocs render, after its PDFs are in place); return where."""
    from mentorkit.assemble.staging import assemble_site
    from mentorkit.render.bundle import write_bundle

    assert b.work is not None
    planned = b.planned
    config = assemble_site(library, planned.manifest, agency=planned.agency, staging=planned.staging, documents=site_documents(planned.manifest, planned.documents))
    if b.site:
        zip_path = write_bundle(config, built_site=b.work / b.site, zip_path=b.work / b.zip.name, folder=b.zip.stem, comment=FILE_MARKER)
    else:
        assert zip_path is not None
        write_bundle(config, built_site=b.work, zip_path=zip_path, folder="site", comment=FILE_MARKER)
    log.info("Bundled %s", b.target)
    return zip_path


def _link(source: Path, target: Path) -> None:
    """Reuse a verified published file: a hard link where the file system allows one, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def build_cohort(library: Library, agencies: list[Agency], *, root: Path, dist: Path, force: bool = False) -> tuple[Path, bool]:
    """Build the trainer's cohort view of every agency into dist/cohort/ (never into a site); return it and whether it was rebuilt."""
    from mentorkit.render.cohort import write_cohort

    target = dist / "cohort"
    where = record_path(root / "build" / ".cache", target)
    output = Output("cohort", key_cohort(library, agencies))
    record = Record() if force else read_record(where)
    present, restat = scan_folder(target, record=record, skip=(MARKER,)) if record.outputs and target.is_dir() else ({}, False)
    if reusable([output], record=record.outputs, present={"cohort": present}):
        if restat:
            write_record(where, record.outputs, folder=target)
        return target, False
    log.info("Building the cohort view of %d agencies into %s", len(agencies), target)
    with publishing(target) as out:
        write_cohort(library, agencies, out=out)
        files = digest_tree(out)
    files.pop(MARKER, None)
    write_record(where, {"cohort": Published(output.key, files)}, folder=target)
    return target, True
