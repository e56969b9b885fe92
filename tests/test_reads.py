"""Keys from what was read: each output records the content files it used, and is made again when one of them changes."""

from __future__ import annotations

import pytest

from conftest import ENGINE, copy_library, edit
from mentorkit.load.reads import Lister, ReadLog, reads_of, recording
from mentorkit.validate.content import load_library


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return load_library(copy_library(tmp_path_factory.mktemp("reads") / "library"))


def test_a_value_used_notes_the_files_it_came_from(library):
    """A module's text in one language notes its file and every module's facts; an exercise its facts; a vocabulary its data file; nothing unused is noted."""
    log = ReadLog()
    reading = recording(library, log)
    assert log.paths == set()
    assert reading.module("mt-core").text["en"].title
    assert log.paths == {"modules/mentor/mt-core/en.md", *(f"modules/{m.track.value}/{m.id}/module.yml" for m in library.modules)}
    log.paths.clear()
    assert reading.exercises["ex-pair"].text["fi"].title and reading.glossary
    assert log.paths == {"exercises/ex-pair/exercise.yml", "exercises/ex-pair/fi.md", "data/glossary.yml"}
    assert set(log.paths) <= set(library.digests), "every file noted is one loading read"


def test_enumerating_notes_a_listing_that_a_new_file_changes(library):
    """Listing the modules, an exercise's languages or a missing exercise notes a listing; a module, a translation or an exercise added there changes it, and what was read is then not as it was."""
    log = ReadLog()
    reading = recording(library, log)
    assert sorted(m.id for m in reading.modules) == ["mt-core", "mt-onboarding", "ws-start"]
    assert sorted(reading.exercises["ex-pair"].text) == ["en", "fi"]
    assert "ex-new" not in reading.exercises
    assert log.listings == {"modules/*/*/module.yml", "exercises/ex-pair/*.md", "exercises/*/exercise.yml"}
    read = reads_of(log, Lister(library.digests))
    assert read.unchanged(Lister(library.digests))
    for added in ("modules/workshop/ws-new/module.yml", "exercises/ex-pair/se.md", "exercises/ex-new/exercise.yml"):
        assert not read.unchanged(Lister({**library.digests, added: "0" * 64})), added
    # A file added where nothing was enumerated changes nothing read.
    assert read.unchanged(Lister({**library.digests, "exercises/ex-story/se.md": "0" * 64, "docs/fi/new.md": "0" * 64}))


def test_an_output_is_made_again_when_a_file_it_started_reading_changes(library_root, agency_file, monkeypatch):
    """An agency's site starts reading a file it never read (an unselected module's Finnish text), as a new kind of page would: a change to that file makes the site again, with no change to the cache; a change to a file it does not read keeps it. Both sites of the build are assembled, the plan complete, before either is rendered."""
    import mentorkit.assemble.staging as staging
    import mentorkit.render.site as site
    from mentorkit.outputs import plan_folder
    from mentorkit.pipeline import build
    from mentorkit.validate.agency import load_agencies

    root = library_root
    assemble, render = staging.assemble_site, site.render_site
    events = root.parent / "events.txt"

    def assemble_reading_more(library, manifest, **values):
        if "ws-start" not in manifest.module_ids:
            assert library.module("ws-start").text["fi"].title  # a new read, as a new kind of page would make
        with events.open("a", encoding="utf-8") as noted:
            noted.write(f"assembled {manifest.variant.name}\n")
        return assemble(library, manifest, **values)

    def render_noted(staged, **values):
        with events.open("a", encoding="utf-8") as noted:
            noted.write("rendered\n")
        return render(staged, **values)

    # The workers are forked from this process: they assemble with the new read.
    monkeypatch.setattr(staging, "assemble_site", assemble_reading_more)
    monkeypatch.setattr(site, "render_site", render_noted)
    library = load_library(root)
    build(library, load_agencies([agency_file], library=library, root=root), root=root, dist=root / "dist", base=True, pdf=False, jobs=1, engine=ENGINE or "mkdocs")
    assert events.read_text(encoding="utf-8").splitlines() == ["assembled base", "assembled testivirasto", "rendered", "rendered"]

    def site_kept() -> bool:
        library = load_library(root)
        agency = load_agencies([agency_file], library=library, root=root)[0]
        folder = plan_folder(library, agency, root=root, dist=root / "dist", pdf=False, force=False, cache_dir=root / "build" / ".cache", engine=ENGINE or "mkdocs", lister=Lister(library.digests))
        return "site" in folder.keep

    assert site_kept(), "nothing changed: the site is reused"
    edit(root, "modules/workshop/ws-start/en.md", "\n## ", "\n\nA sentence more.\n\n## ")
    assert site_kept(), "a file the site never read changed: the site is reused"
    edit(root, "modules/workshop/ws-start/fi.md", "\n## ", "\n\nYksi virke lisää.\n\n## ")
    assert not site_kept(), "a file the site read changed: the site is made again"
