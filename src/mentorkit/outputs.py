"""One variant's output folder as a build sees it: planned, checked against its record, filled, recorded.

A folder holds a site (for an agency under site/), its PDFs, the small files beside them and,
with --bundle, a zip of the site that opens from disk (the base site's zip is dist/site.zip, beside
its folder, with a record of its own). Each is an output with a key (render/cache.py): what still
matches its record is kept, linked into the new folder; the rest are the steps of the build
(render/steps.py), whose results `finish_folder` and `bundle_folder` put in place and record.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cached_property, reduce
from pathlib import Path

from mentorkit.load.fingerprint import digest_file
from mentorkit.load.reads import Lister, Reads
from mentorkit.model import Agency, Library
from mentorkit.plan.documents import DECK_FOLDER, PDF_FOLDER, Document, plan_documents, schedule_file, site_documents
from mentorkit.plan.manifest import Manifest, plan_agency, plan_base
from mentorkit.publish import FILE_MARKER, MARKER, keep_previous, publishing, publishing_file, remove_output_file
from mentorkit.render.cache import Output, Published, Record, digest_tree, key_bundle, plan_outputs, read_record, record_path, reusable, scan_folder, digest_recorded, write_record
from mentorkit.render.calendar import compose_schedule
from mentorkit.render.steps import BUNDLE, Planned, Rendered, Step

log = logging.getLogger(__name__)

META = "meta"
"""The owner of an agency's small files beside its site and PDFs: manifest.json and the schedule."""


@dataclass(frozen=True)
class OutputFolder:
    """One variant's output folder as planned: what it holds, and what of it can be reused."""

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
    keep: frozenset[str]
    """The outputs (and BUNDLE) whose key and published files match the record: reused as they are."""
    meta_fresh: bool
    restat: bool
    """Whether a file had to be read again because its status was not the recorded one."""

    @property
    def name(self) -> str:
        return self.planned.manifest.variant.name

    def owner(self, relative: str) -> str:
        """Return which output a file of the folder belongs to."""
        if relative in self.meta:
            return META
        if self.site and relative == self.zip.name:
            return BUNDLE
        paths = self.document_paths
        if relative in paths:
            return paths[relative]
        if self.site and relative.startswith("site/") and relative[5:] in paths:
            return paths[relative[5:]]
        if not self.site or relative.startswith(self.site + "/"):
            return "site"
        return META

    @cached_property
    def document_paths(self) -> Mapping[str, str]:
        """Return each document's file name by where it is published in the folder (asked once for every file a scan finds)."""
        return {d.path: d.filename for d in self.planned.documents}

    def document_files(self, document: Document) -> tuple[str, ...]:
        """Return where a document is published: pdf/ (decks slides/), and for an agency a copy beside its site's pages when its site links it."""
        # The trainer guide and the decks stay in the agency's folder; the mentors' site neither links nor holds them.
        on_site = site_documents(self.planned.manifest, self.planned.documents)
        return (document.path, f"site/{document.path}") if self.site and document in on_site else (document.path,)

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


@dataclass(frozen=True)
class OpenFolder:
    """A planned folder while the build fills it: the new folder, the base site's new zip, a scratch folder and the steps that render into them."""

    folder: OutputFolder
    work: Path
    """The new folder being filled."""
    scratch: Path
    """Where PDFs are rendered before they take their places."""
    steps: tuple[Step, ...]
    """Its outputs to make, the zip among them: its outputs are rendered, then its zip."""
    zip_work: Path | None = None
    """Where the base site's new zip is written (with --bundle)."""


def keep_folder(b: OutputFolder, *, cache_dir: Path) -> None:
    """Leave an up-to-date folder as it is; record the status of files that had to be read again."""
    log.info("Up to date: %s", b.target)
    if b.restat:  # the next build need not read them again
        write_record(record_path(cache_dir, b.target), b.record.outputs, folder=b.target)


def drop_stale_zip(b: OutputFolder, *, bundle: bool) -> None:
    """Delete the base site's zip when this build makes none and it no longer matches the site (only a zip mentorkit wrote)."""
    if not b.site and not bundle and b.zip_present and not b.zip_fresh and remove_output_file(b.zip):
        _say_removed(b.zip)


def open_folder(b: OutputFolder, stack: ExitStack, *, bundle: bool) -> OpenFolder:
    """Start the new folder (and the base site's new zip) beside the published one, with the steps that fill it."""
    # The zip beside dist/site/ is replaced only after the site is: a failed build leaves both as they were.
    zip_work = stack.enter_context(publishing_file(b.zip)) if bundle and not b.site else None
    work = stack.enter_context(publishing(b.target))
    # Named like publishing's temporary folders, so that the next build sweeps it if this one is killed.
    scratch = Path(tempfile.mkdtemp(prefix=f".{b.target.name}-new-", dir=b.target.parent))
    stack.callback(shutil.rmtree, scratch, ignore_errors=True)
    site = work / b.site if b.site else work
    steps = tuple(
        Step(b.name, output.name, output.key, site) if output.document is None else Step(b.name, output.name, output.key, scratch / output.name, output.document)
        for output in b.outputs
        if output.name not in b.keep
    )
    reused = f"; {len(b.outputs) - len(steps)} up to date" if len(steps) < len(b.outputs) else ""
    log.info("Building %s (%s): %d of %d outputs%s", b.target, ", ".join(b.planned.manifest.languages), len(steps), len(b.outputs), reused)
    if bundle and not (b.zip_fresh and b.site):
        zip_path, folder = (work / b.zip.name, b.zip.stem) if b.site else (zip_work, "site")
        assert zip_path is not None, "the base site's zip is started above when bundle"
        # Without PDFs a zip has no key: it is made, and not recorded.
        steps += (Step(b.name, BUNDLE, b.bundle.key if b.bundle else "", zip_path, built_site=site, folder=folder, comment=FILE_MARKER),)
    # What was assembled for the previous build's documents goes: only this build's are left there.
    shutil.rmtree(b.planned.printing, ignore_errors=True)
    return OpenFolder(b, work, scratch, steps, zip_work)


def bundle_folder(opened: OpenFolder, record: dict[str, Published], *, zipped: Rendered | None) -> None:
    """Note the folder's new zip in the record (an agency's current one is already kept), or say that a stale one is gone."""
    b = opened.folder
    if zipped is not None:
        log.info("Bundled %s", b.target)
        if b.site and b.bundle:
            record[BUNDLE] = Published(zipped.output.step.key, dict(zipped.files), bundle_reads(b, record).merged(zipped.output.reads))
    elif b.site and b.zip_present and not b.zip_fresh:
        _say_removed(b.zip)  # the new folder holds no zip


def _say_removed(zip_path: Path) -> None:
    log.info("Removed %s: its site changed, and this build makes no zip (--bundle makes it again)", zip_path)


def record_folder(b: OutputFolder, record: dict[str, Published], *, cache_dir: Path, zipped: Rendered | None) -> None:
    """Write the record of the published folder (and of the base site's new zip)."""
    write_record(record_path(cache_dir, b.target), record, folder=b.target)
    if zipped is not None and not b.site and b.bundle:
        published = Published(zipped.output.step.key, {b.zip.name: digest_file(b.zip)}, bundle_reads(b, record).merged(zipped.output.reads))
        write_record(record_path(cache_dir, b.zip), {BUNDLE: published}, folder=b.zip.parent)
    log.info("Built %s", b.target)


def bundle_reads(b: OutputFolder, record: Mapping[str, Published]) -> Reads:
    """Return what a variant's zip holds of what its site and the PDFs on it read (the zip holds those PDFs)."""
    names = ["site", *(d.filename for d in site_documents(b.planned.manifest, b.planned.documents))]
    return reduce(Reads.merged, (record[name].reads for name in names if name in record), Reads())


def plan_folder(library: Library, agency: Agency | None, *, root: Path, dist: Path, pdf: bool, force: bool, cache_dir: Path, lister: Lister, engine: str = "mkdocs") -> OutputFolder:
    manifest = plan_agency(library, agency) if agency else plan_base(library)
    documents = plan_documents(manifest, page_ids={page.id for page in library.pages}) if pdf else ()
    if agency:
        for warning in manifest.warnings:
            log.warning("%s: %s", agency.source, warning)
    target = dist / "site" if agency is None else dist / "agencies" / agency.id
    planned = Planned(manifest, agency, documents, staging=root / "build" / manifest.variant.name, engine=engine)
    outputs = plan_outputs(manifest, documents, agency=agency, engine=engine)
    on_site = [d.filename for d in site_documents(manifest, documents)]
    zip_output = Output(BUNDLE, key_bundle(outputs, on_site=on_site)) if pdf else None
    zip_path = dist / "site.zip" if agency is None else target / f"{agency.id}-site.zip"
    meta = _meta_files(library, manifest, agency)
    record = Record() if force else read_record(record_path(cache_dir, target))
    zip_record = Record() if force or agency is not None else read_record(record_path(cache_dir, zip_path))
    site = "" if agency is None else "site"
    # Who owns which file is the plan's to say: the same folder, before anything is known to be kept.
    owner = OutputFolder(planned, target, site, outputs, meta, record, zip_path, zip_output, keep=frozenset(), meta_fresh=False, restat=False).owner
    present: dict[str, dict[str, str]] = {}
    restat = False
    if record.outputs and target.is_dir():
        # publishing's mark of a folder mentorkit wrote is no output's file.
        files, restat = scan_folder(target, record=record, skip=(MARKER,))
        for relative, file_digest in files.items():
            present.setdefault(owner(relative), {})[relative] = file_digest
    if agency is None and zip_record.outputs and zip_path.is_file():
        # The base site's zip lies beside its folder, with a record of its own.
        present[BUNDLE] = {zip_path.name: digest_recorded(zip_path, relative=zip_path.name, record=zip_record)[0]}
        record = Record({**record.outputs, **{k: v for k, v in zip_record.outputs.items() if k == BUNDLE}}, record.status)
    keep = frozenset(reusable([*outputs, *([zip_output] if zip_output else [])], record=record.outputs, present=present, lister=lister))
    meta_fresh = bool(record.outputs) and present.get(META, {}) == {name: hashlib.sha256(data).hexdigest() for name, data in meta.items()}
    return OutputFolder(planned, target, site, outputs, meta, record, zip_path, zip_output, keep=keep, meta_fresh=meta_fresh, restat=restat)


def _meta_files(library: Library, manifest: Manifest, agency: Agency | None) -> dict[str, bytes]:
    if agency is None:
        return {}
    files = {"manifest.json": manifest.to_json().encode()}
    if agency.schedule or agency.follow_ups:
        for lang in agency.languages:
            name = schedule_file(agency_id=agency.id, lang=lang, languages=agency.languages)
            files[name] = compose_schedule(library, agency, lang=lang)
            # The site links to its own copy, so that mentors can subscribe from the schedule.
            files[f"site/{name}"] = files[name]
    return files


def final_path(b: OutputFolder, step: Step) -> Path:
    """Return where an output of the folder is published."""
    if step.name == BUNDLE:
        return b.zip
    if step.document is None:
        return b.target / b.site if b.site else b.target
    return b.target / step.document.path


def finish_folder(opened: OpenFolder, *, pdf: bool, rendered: Mapping[str, Rendered]) -> dict[str, Published]:
    """Put every output in its place in the new folder (reused files linked from the published one) and return its record: each output's files and what it read."""
    b, work, scratch = opened.folder, opened.work, opened.scratch
    record: dict[str, Published] = {}
    kept: dict[str, str] = {}
    if not pdf:
        # Kept PDFs are part of the site this build published: its record lists them with its files.
        folders = (PDF_FOLDER, DECK_FOLDER, f"site/{PDF_FOLDER}", f"site/{DECK_FOLDER}") if b.site else (PDF_FOLDER, DECK_FOLDER)
        if b.site and keep_previous(b.target, work, folders=folders):
            log.warning("Kept the previous build's PDFs of %s (not rebuilt with --no-pdf; they may be out of date)", b.target.name)
        elif not b.site and keep_previous(b.target, work, folders=folders):
            log.warning("Kept the previous build's PDFs in %s/pdf (not rebuilt with --no-pdf; they may be out of date)", b.target)
        kept = {f"{folder}/{r}": d for folder in folders if (work / folder).is_dir() for r, d in digest_tree(work / folder).items()}
    for output in b.outputs:
        if output.name in b.keep:
            for relative in b.record.outputs[output.name].files:
                _link(b.target / relative, work / relative)
            record[output.name] = b.record.outputs[output.name]
            continue
        made = rendered[output.name]
        if output.document is None:
            files = {f"{b.site}/{r}" if b.site else r: d for r, d in made.files.items()}
            site_kept = {r: d for r, d in kept.items() if b.owner(r) == "site"}
            record[output.name] = Published(output.key, {**files, **site_kept}, made.output.reads)
        else:
            first, *copies = b.document_files(output.document)
            (work / first).parent.mkdir(parents=True, exist_ok=True)
            os.replace(scratch / output.name, work / first)
            for copy in copies:
                (work / copy).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(work / first, work / copy)
            record[output.name] = Published(output.key, {r: made.files[output.name] for r in (first, *copies)}, made.output.reads)
    if b.site and b.zip_fresh:
        # An agency's zip still matches its site: kept, whether or not this build asked for one.
        _link(b.zip, work / b.zip.name)
        record[BUNDLE] = b.record.outputs[BUNDLE]
    for name, data in b.meta.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_bytes(data)
    return record


def _link(source: Path, target: Path) -> None:
    """Reuse a verified published file: a hard link where the file system allows one, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
