"""The two steps of a build that run in the workers: assemble an output's input into the staging folder, and render it from there.

A build plans every output completely before any is rendered: `assemble_output` writes what an
output is made from to files (a site's staging tree, a document's print HTML, a zip's staging
tree) and returns a `PlannedOutput` that says what it read; `render_output` runs the renderer on
those files (the site generator, WeasyPrint, the zip) and returns what it wrote with each file's
SHA-256. Both return small values: what is assembled stays on disk, so that a round of thousands
of documents never holds them in memory. A kind of document is still one entry in SHAPES and
RECIPES: this module only looks them up.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mentorkit.load.fingerprint import digest_file
from mentorkit.load.reads import Lister, ReadLog, Reads, reads_of, recording
from mentorkit.model import Agency, Library
from mentorkit.plan.documents import SHAPES, Document, site_documents
from mentorkit.plan.manifest import Manifest
from mentorkit.render.cache import digest_tree
from mentorkit.render.jobs import worker_state

if TYPE_CHECKING:
    from mentorkit.assemble.staging import StagedSite

BUNDLE = "bundle"
"""The name of a variant's zip among its outputs (and in its record)."""


@dataclass(frozen=True)
class Planned:
    """A variant as the steps need it: its plan, its agency, its documents and where its inputs are assembled."""

    manifest: Manifest
    agency: Agency | None
    documents: tuple[Document, ...]
    staging: Path
    """Where its site's staging tree is assembled: build/<variant>/, one project per language."""
    engine: str = "mkdocs"
    """The static site generator that builds its site (render/site.py ENGINES)."""

    @property
    def printing(self) -> Path:
        """Where its documents' HTML is assembled: build/.print/<variant>/."""
        return self.staging.parent / ".print" / self.staging.name

    @property
    def bundling(self) -> Path:
        """Where its zip's staging tree is assembled: build/.bundle/<variant>/ (beside the site's, which is assembled at the same time)."""
        return self.staging.parent / ".bundle" / self.staging.name


@dataclass(frozen=True)
class Step:
    """One output to make: its variant, its name and key, and where it is rendered."""

    variant: str
    name: str
    """'site', BUNDLE, or the document's file name."""
    key: str
    target: Path
    """Where it is rendered: the site's folder, the document's file or the zip."""
    document: Document | None = None
    built_site: Path | None = None
    """A zip's built site, whose PDFs and calendars it holds: a zip is rendered once they are in place."""
    folder: str = ""
    """A zip's top folder."""
    comment: bytes = b""
    """A zip's comment: publishing's mark of a file mentorkit wrote."""


@dataclass(frozen=True)
class PlannedOutput:
    """An output planned completely: its step, what it read, and the file or staging tree it is rendered from."""

    step: Step
    reads: Reads
    source: Path
    site: StagedSite | None = None
    """A site's or a zip's language projects."""


@dataclass(frozen=True)
class Rendered:
    """What rendering an output wrote: the SHA-256 of each file, by path relative to its target (a document's and a zip's: its name)."""

    output: PlannedOutput
    files: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class State:
    """What every worker reads: the validated library and the planned variants by name."""

    library: Library
    variants: Mapping[str, Planned]


_lister: list[Lister] = []


def assemble_output(step: Step) -> PlannedOutput:
    """Assemble what one output is made from into the staging folder, noting what of the library it reads."""
    from mentorkit.assemble.context import context_for
    from mentorkit.assemble.staging import assemble_site
    from mentorkit.render.recipes import RECIPES

    state: State = worker_state()
    planned = state.variants[step.variant]
    # What the output reads is what it uses of the library, noted as it is used: the cache's record of its inputs.
    log = ReadLog()
    library = recording(state.library, log)
    site = None
    if step.document is not None:
        ctx = context_for(library, planned.manifest, agency=planned.agency, lang=step.document.lang)
        source = planned.printing / step.document.filename
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(RECIPES[step.document.kind].compose(ctx, step.document), encoding="utf-8")
    else:
        # The mentors' site neither links nor holds the trainer guide.
        on_site = site_documents(planned.manifest, planned.documents)
        source = planned.bundling if step.name == BUNDLE else planned.staging
        site = assemble_site(library, planned.manifest, agency=planned.agency, staging=source, documents=on_site, bundle=step.name == BUNDLE)
    if not _lister:  # one per worker: each listing's digest is computed once
        _lister.append(Lister(state.library.digests))
    return PlannedOutput(step, reads_of(log, _lister[0]), source, site)


def render_output(output: PlannedOutput) -> Rendered:
    """Render one planned output from its assembled files and return what it wrote."""
    from mentorkit.render.recipes import RECIPES

    step = output.step
    if output.site is not None and step.name == BUNDLE:
        from mentorkit.render.bundle import write_bundle

        assert step.built_site is not None, "a zip is planned with its built site"
        write_bundle(output.site, engine=worker_state().variants[step.variant].engine, built_site=step.built_site, zip_path=step.target, folder=step.folder, comment=step.comment)
        return Rendered(output, {step.target.name: digest_file(step.target)})
    if output.site is not None:
        from mentorkit.render.site import render_site

        render_site(output.site, site_dir=step.target, engine=worker_state().variants[step.variant].engine)
        return Rendered(output, digest_tree(step.target))
    assert step.document is not None
    step.target.parent.mkdir(parents=True, exist_ok=True)
    recipe = RECIPES[step.document.kind]
    if recipe.stylesheet is None:
        shutil.copyfile(output.source, step.target)
    else:
        from mentorkit.render.pdf import render_pdf  # WeasyPrint takes a second to import: only where PDFs are made

        render_pdf(output.source.read_text(encoding="utf-8"), str(step.target), SHAPES[step.document.kind].fillable, stylesheet_name=recipe.stylesheet)
    return Rendered(output, {step.target.name: digest_file(step.target)})


def import_steps(*, pdf: bool) -> None:
    """Import what the steps use before the pool forks, so that every worker starts with it loaded."""
    import mentorkit.assemble.staging
    import mentorkit.render.bundle
    import mentorkit.render.recipes  # every kind's composer
    import mentorkit.render.site  # noqa: F401

    if pdf:
        import mentorkit.render.pdf  # noqa: F401
