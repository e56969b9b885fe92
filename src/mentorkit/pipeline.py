"""The pipeline: load ─► validate ─► plan ─► assemble ─► render ─► publish."""

from __future__ import annotations

import logging
import os
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable

# Reading, checking and rendering modules are imported where they are used: a build with nothing
# to do recalls the checked library and reuses every output, and should not pay for importing them.
from mentorkit.load.reads import Lister, ReadLog, reads_of, recording
from mentorkit.model import Agency, Library
from mentorkit.outputs import bundle_folder, drop_stale_zip, final_path, finish_folder, keep_folder, open_folder, plan_folder, record_folder
from mentorkit.plan.documents import Document, plan_documents, site_documents
from mentorkit.plan.manifest import Manifest, plan_agency, plan_base
from mentorkit.progress import progress_of
from mentorkit.publish import MARKER, publishing
from mentorkit.render.cache import Output, Published, Record, digest_tree, key_cohort, read_record, record_path, reusable, scan_folder, write_record
from mentorkit.render.jobs import worker_pool
from mentorkit.render.steps import BUNDLE, PlannedOutput, Rendered, State, Step, assemble_output, import_steps, render_output
from mentorkit.shards import Shard
from mentorkit.validate.memo import key_definitions, key_library, remembered

if TYPE_CHECKING:
    from mentorkit.assemble.staging import StagedSite

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StagedVariant:
    """A variant planned and assembled into its staging tree."""

    library: Library
    agency: Agency | None
    manifest: Manifest
    documents: tuple[Document, ...]
    site: StagedSite
    """The staging tree's language projects."""


def check(*, root: Path, agency_files: list[Path], remember: bool = False, recall: bool = True) -> tuple[Library, list[Agency]]:
    """Load and validate the content and the given definitions (kept in build/.cache/ when remember; recalled from there when also recall and unchanged); raise InvalidInput listing every problem."""
    cache_dir = root / "build" / ".cache" if remember else None

    def read_library() -> Library:
        from mentorkit.validate.content import load_library

        return load_library(root)

    def read_agencies() -> list[Agency]:
        from mentorkit.validate.agency import load_agencies

        return load_agencies(agency_files, library=library, root=root)

    library = remembered(cache_dir, name="library", key=lambda: key_library(root), compute=read_library, recall=recall)
    agencies = remembered(cache_dir, name="definitions", key=lambda: key_definitions(key_library(root), agency_files, root=root), compute=read_agencies, recall=recall)
    return library, agencies


def remind_drifted(library: Library, *, root: Path) -> None:
    """Warn in one line when translations are out of date with their source (recalled from build/.cache/ while nothing changed)."""

    def review() -> list[str]:
        from mentorkit.validate.translations import drift_reminder, drifted_translations

        drifted = drifted_translations(library)
        if drifted:
            log.warning(drift_reminder(drifted))
        return drifted

    remembered(root / "build" / ".cache", name="drift", key=lambda: key_library(root), compute=review)


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
    documents = plan_documents(manifest, page_ids={page.id for page in library.pages}) if pdf else ()
    tree = staging / manifest.variant.name if nested else staging
    site = assemble_site(library, manifest, agency=agency, staging=tree, documents=site_documents(manifest, documents))
    return StagedVariant(library, agency, manifest, documents, site)


@dataclass(frozen=True)
class BuildOptions:
    """How a build renders: with PDFs, with zips, in how many processes, ignoring the cache or not, with which site generator."""

    pdf: bool = True
    bundle: bool = False
    jobs: int | None = None
    force: bool = False
    engine: str = "mkdocs"


def build_project(*, root: Path, dist: Path, files: list[Path], build_all: bool, options: BuildOptions, shard: Shard | None = None, merge: tuple[Path, ...] = (), on_wait: Callable[[], None]) -> None:
    """Check, then under the project's build lock recover what a killed build left, and build what the command asks into dist.

    The base site when build_all or no files; the agencies of files; with build_all, the cohort view
    (and the output of gone definitions removed); with shard, only the round's agencies in that
    shard and its shard.json; with merge, the shards' agencies taken in first. Every target is
    checked before the first is written: a refusal leaves everything as it was.
    """
    from mentorkit.publish import build_lock, check_output_folder, check_replaceable, check_replaceable_file, recover_outputs
    from mentorkit.shards import merge_shards, shard_folders, write_shard

    check_output_folder(dist, root=root)
    if shard is not None:
        files = round_definitions(root)
    # Validation writes nothing but its memo (atomically), so it needs no lock; invalid input leaves every output as it was.
    # --force forces: the content is read and checked again too, not recalled from the memo; what
    # it checked is remembered, so that the build after it need not check it again.
    library, agencies = check(root=root, agency_files=files, remember=True, recall=not options.force)
    remind_drifted(library, root=root)
    if shard is not None:
        agencies = [agency for agency in agencies if shard.holds(agency.id)]
    shards = shard_folders(merge)
    cache_dir = root / "build" / ".cache"
    with build_lock(root, on_wait=on_wait):
        for folder in (dist, dist / "agencies"):
            recover_outputs(folder)
        base = shard is None and (build_all or not files)
        # A cohort view follows every build of a definition in it (consent may have changed).
        follow = shard is None and not build_all and follows_cohort(files, root=root, dist=dist)
        cohort = [dist / "cohort"] if build_all or follow else []
        for target in ([dist / "site"] if base else []) + [dist / "agencies" / a.id for a in agencies] + cohort:
            check_replaceable(target)
        if options.bundle and base:
            check_replaceable_file(dist / "site.zip")
        if shards:
            merge_shards(shards, agency_ids=[a.id for a in agencies], dist=dist, cache_dir=cache_dir)
        build(library, agencies, root=root, dist=dist, base=base, pdf=options.pdf, bundle=options.bundle, jobs=options.jobs, force=options.force, engine=options.engine)
        if shard is not None:
            write_shard(shard, [a.id for a in agencies], dist=dist, cache_dir=cache_dir)
        if build_all:
            cohort_view, rebuilt = build_cohort(library, agencies, root=root, dist=dist, force=options.force)
            log.info("%s %s", "Built" if rebuilt else "Up to date:", cohort_view)
            remove_gone_agencies(dist / "agencies", keep={a.id for a in agencies})
        elif follow:
            cohort_view, rebuilt = refresh_cohort(root=root, dist=dist, force=options.force)
            if cohort_view.is_dir():
                log.info("%s %s", "Built" if rebuilt else "Up to date:", cohort_view)


def remove_gone_agencies(folder: Path, *, keep: set[str]) -> None:
    """Remove the output of agencies whose definitions are gone (only folders mentorkit wrote)."""
    from mentorkit.publish import remove_output

    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if entry.name in keep or entry.name.startswith("."):
            continue
        if remove_output(entry):
            log.info("Removed %s: no definition in agencies/ has the id %s any more", entry, entry.name)
        else:
            log.warning("Left %s in place: no agency definition builds it, and mentorkit did not write it", entry)


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def build(
    library: Library, agencies: list[Agency], *, root: Path, dist: Path, base: bool, pdf: bool = True, bundle: bool = False, jobs: int | None = None, force: bool = False, engine: str = "mkdocs"
) -> None:
    """Build the base site (when base) and the agencies' variants (with their zips when bundle), rebuilding only the outputs whose inputs changed.

    Planned completely before anything is rendered: each folder's outputs with their keys, kept
    when the record says every one of their inputs is as it was (no assembly at all); then every
    other output assembled into the staging folder by the workers, what it read noted. Then the
    workers render the plan (PDFs first: they take the longest), publishing puts what they wrote
    in place, and the zips are rendered from the published folders.
    """
    cache_dir = root / "build" / ".cache"
    lister = Lister(library.digests)
    folders = [plan_folder(library, agency, root=root, dist=dist, pdf=pdf, force=force, cache_dir=cache_dir, engine=engine, lister=lister) for agency in ([None] if base else []) + agencies]
    todo = [f for f in folders if not f.up_to_date(bundle=bundle)]
    for f in folders:
        drop_stale_zip(f, bundle=bundle)
        if f not in todo:
            keep_folder(f, cache_dir=cache_dir)
    with ExitStack() as stack:
        opened = [open_folder(f, stack, bundle=bundle) for f in todo]
        steps = [step for o in opened for step in o.steps]
        rendered: dict[Step, Rendered] = {}
        planned: dict[Step, PlannedOutput] = {}
        if steps:
            import_steps(pdf=any(step.document for step in steps))
            pool = stack.enter_context(worker_pool(state=State(library, {f.name: f.planned for f in todo}), workers=min(jobs or default_jobs(), len(steps))))
            pool.run(assemble_output, steps, done=planned.__setitem__)
            # The plan is complete: nothing was rendered before here.
            queue = [planned[s] for s in steps if s.document] + [planned[s] for s in steps if not s.document and s.name != BUNDLE]
            shown = {step: str(final_path(o.folder, step)) for o in opened for step in o.steps}

            def done(output: PlannedOutput, made: Rendered) -> None:
                rendered[output.step] = made
                advance(shown[output.step])

            with progress_of(len(queue)) as advance:
                pool.run(render_output, queue, done=done)
        records = {o.folder.target: finish_folder(o, pdf=pdf, rendered={s.name: rendered[s] for s in o.steps if s in rendered}) for o in opened}
        zips = [planned[s] for s in steps if s.name == BUNDLE]
        if zips:
            # A zip holds its site's PDFs and calendars: made once they are in place.
            pool.run(render_output, zips, done=lambda output, made: rendered.__setitem__(output.step, made))
        zipped = {o.folder.target: next((rendered[s] for s in o.steps if s.name == BUNDLE), None) for o in opened}
        for o in opened:
            bundle_folder(o, records[o.folder.target], zipped=zipped[o.folder.target])
    for f in todo:
        record_folder(f, records[f.target], cache_dir=cache_dir, zipped=zipped[f.target])


def build_cohort(library: Library, agencies: list[Agency], *, root: Path, dist: Path, force: bool = False) -> tuple[Path, bool]:
    """Build the trainer's cohort view of every agency into dist/cohort/ (never into a site); return it and whether it was rebuilt.

    The round's secret and letters (agencies/cohort-round.json) are made on first use and kept.
    """
    from mentorkit.load.round import Round, read_round, round_path
    from mentorkit.plan.cohort import cohort_letters
    from mentorkit.render.cohort import new_round, write_cohort, write_round

    where_round = round_path(root)
    kept = read_round(where_round, root=root) or new_round()
    ui = {lang: dict(library.ui[lang]) for lang in library.site.languages}
    letters = cohort_letters(agencies, secret=kept.secret, kept=kept.letters, ui=ui)
    round_ = Round(kept.secret, letters)
    if round_ != kept or not where_round.exists():
        for agency_id in sorted(set(kept.letters) - set(letters)):
            log.warning("warning: the cohort view's letter %s now reads as a consenting agency's name: agency %s gets a new letter", kept.letters[agency_id], agency_id)
        write_round(where_round, round_)
    target = dist / "cohort"
    where = record_path(root / "build" / ".cache", target)
    output = Output("cohort", key_cohort(agencies, round_secret=round_.secret, letters=round_.letters))
    record = Record() if force else read_record(where)
    present, restat = scan_folder(target, record=record, skip=(MARKER,)) if record.outputs and target.is_dir() else ({}, False)
    lister = Lister(library.digests)
    if reusable([output], record=record.outputs, present={"cohort": present}, lister=lister):
        if restat:
            write_record(where, record.outputs, folder=target)
        return target, False
    log.info("Building the cohort view of %d agencies into %s", len(agencies), target)
    read = ReadLog()
    with publishing(target) as out:
        write_cohort(recording(library, read), agencies, round_=round_, out=out)
        files = digest_tree(out)
    files.pop(MARKER, None)
    write_record(where, {"cohort": Published(output.key, files, reads_of(read, lister))}, folder=target)
    return target, True


def round_definitions(root: Path) -> list[Path]:
    """Return the definitions of the round: every agencies/*.yml, as `build --all` builds them."""
    return sorted((root / "agencies").glob("*.yml"))


def follows_cohort(files: list[Path], *, root: Path, dist: Path) -> bool:
    """Return whether a build of these definitions must bring an existing cohort view up to date (one of them is in the round)."""
    if not (dist / "cohort").is_dir():
        return False
    members = {path.resolve() for path in round_definitions(root)}
    return any(file.resolve() in members for file in files)


def refresh_cohort(*, root: Path, dist: Path, force: bool = False) -> tuple[Path, bool]:
    """Rebuild the cohort view from every definition of the round, or remove it when one no longer validates.

    A build of one agency that changed its consent must not leave its name in the view until the
    next `build --all`: the view follows, or goes.
    """
    from mentorkit.errors import InvalidInput
    from mentorkit.publish import remove_output

    try:
        library, agencies = check(root=root, agency_files=round_definitions(root), remember=True, recall=not force)
    except InvalidInput as error:
        target = dist / "cohort"
        if remove_output(target):
            log.warning("Removed %s: it could not follow this build (%s in the round's other definitions, e.g. %s); fix them and run build --all", target, error.summary(), error.problems[0])
        return target, False
    return build_cohort(library, agencies, root=root, dist=dist, force=force)
