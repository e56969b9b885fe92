"""The build cache: each kind of input change rebuilds exactly the sites and PDFs that read it, and nothing else.

One full build (base site + two agencies, with PDFs) is made once; each test works on a copy of the
project (content, dist/ and build/.cache/), changes one thing, rebuilds, and reads which outputs
were rendered from the plain progress lines (`Rendered PATH (n/total)`).
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_library, edit, run_cli, write_agencies
from mentorkit.progress import progress_of

pytestmark = pytest.mark.slow

BASE_PDFS = {f"site/pdf/{kind}-{lang}.pdf" for kind in ("trainer-guide", "workshop-handouts", "worksheets", "round-templates", "follow-up-handouts") for lang in ("fi", "en")}
SITES = {"site", "agencies/testivirasto/site", "agencies/toinen-virasto/site"}


def agency_pdfs(agency: str, *, kinds=("mentor-handbook", "trainer-guide", "worksheets", "follow-up-handouts"), langs=("fi", "en")) -> set[str]:
    return {f"agencies/{agency}/pdf/{agency}-{kind}-{lang}.pdf" for kind in kinds for lang in langs}


MODULES = {"site": ("mt-core", "mt-onboarding", "ws-start"), "testivirasto": ("mt-core", "mt-onboarding"), "toinen-virasto": ("mt-core", "ws-start")}
"""The modules of each variant: each has a deck, its PDF and two handouts per language."""


def slides(variant: str, *, modules: tuple[str, ...] | None = None, langs=("fi", "en")) -> set[str]:
    """Return the decks and slide PDFs of a variant's modules (all of them unless named) in these languages."""
    folder, prefix = ("site/slides", "") if variant == "site" else (f"agencies/{variant}/slides", f"{variant}-")
    names = ("{m}-{lang}.html", "{m}-{lang}.pdf", "{m}-notes-{lang}.pdf", "{m}-handout-{lang}.pdf")
    return {f"{folder}/{prefix}{name.format(m=m, lang=lang)}" for m in modules or MODULES[variant] for lang in langs for name in names}


EVERYTHING = SITES | BASE_PDFS | agency_pdfs("testivirasto") | agency_pdfs("toinen-virasto") | slides("site") | slides("testivirasto") | slides("toinen-virasto")


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    """Build the fixture library and two agencies once, with PDFs; return the project."""
    root = copy_library(tmp_path_factory.mktemp("cache") / "library")
    write_agencies(root)
    result = run_cli("build", "--all", "--root", str(root))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Rendered ")]
    # Plain progress: one line per finished output, counted up to the total.
    assert [re.search(r"\((\d+)/(\d+)\)$", line).groups() for line in lines] == [(str(n), str(len(EVERYTHING))) for n in range(1, len(EVERYTHING) + 1)]
    assert rendered(result, root / "dist") == EVERYTHING
    return root


@pytest.fixture
def project(original, tmp_path) -> Path:
    """Return a copy of the built project (its dist/ and its cache too, mtimes kept)."""
    return Path(shutil.copytree(original, tmp_path / "library", symlinks=True))


def rendered(result: subprocess.CompletedProcess, dist: Path) -> set[str]:
    """Return the outputs a build rendered, relative to dist/, from its progress lines."""
    found = set()
    for line in result.stderr.splitlines():
        match = re.fullmatch(r"Rendered (.+) \(\d+/\d+\)", line)
        if match:
            found.add(Path(match.group(1)).relative_to(dist).as_posix())
    return found


def rebuild(root: Path, *args: str, env: dict | None = None) -> set[str]:
    """Build (everything, unless args name agencies) and return the outputs rendered."""
    which = [] if "--agency" in args else ["--all"]
    command = [sys.executable, "-m", "mentorkit", "build", *which, "--root", str(root), *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return rendered(result, root / "dist")


def snapshot(dist: Path) -> dict[str, bytes]:
    return {p.relative_to(dist).as_posix(): p.read_bytes() for p in sorted(dist.rglob("*")) if p.is_file()}


def test_nothing_changed_rebuilds_nothing(project):
    """A second build with nothing changed assembles nothing, renders nothing and leaves every file (and its mtime) as it was, the cohort view too."""
    dist = project / "dist"
    before = {p: p.stat().st_mtime_ns for p in dist.rglob("*") if p.is_file()}
    staged = {p: p.stat().st_mtime_ns for p in (project / "build").rglob("*") if ".cache" not in p.parts}
    assert any(".print" in p.parts for p in staged) and any(".bundle" not in p.parts and p.name == "mkdocs.yml" for p in staged)
    result = run_cli("build", "--all", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert rendered(result, dist) == set()
    assert [line for line in result.stderr.splitlines() if line.startswith("Up to date")] == [
        f"Up to date: {dist / 'site'}", f"Up to date: {dist / 'agencies/testivirasto'}", f"Up to date: {dist / 'agencies/toinen-virasto'}",
        f"Up to date: {dist / 'cohort'}",
    ]
    assert {p: p.stat().st_mtime_ns for p in dist.rglob("*") if p.is_file()} == before
    assert {p: p.stat().st_mtime_ns for p in (project / "build").rglob("*") if ".cache" not in p.parts} == staged, "nothing was assembled"
    assert rebuild(project, "--jobs", "1") == set(), "--jobs changes nothing that is written"


def test_records_hold_the_status_of_what_they_checked(project):
    """A copied project's files have new inodes: the first rebuild reads them, finds them intact and records their status, so the next need not read them (nor write the record)."""
    from mentorkit.render.cache import read_record, status_of

    assert rebuild(project) == set()
    records = {path: path.stat().st_mtime_ns for path in (project / "build/.cache").glob("*.json")}
    assert rebuild(project) == set()
    assert {path: path.stat().st_mtime_ns for path in records} == records, "a record whose statuses are current is not written again"
    checked = 0
    for path in (project / "build/.cache").glob("*.json"):
        record = read_record(path)
        name = path.name.rsplit("-", 1)[0]
        folder = project / "dist" / (name if name in ("site", "cohort") else f"agencies/{name}")
        for relative, status in record.status.items():
            assert status == status_of(folder / relative), relative
            checked += 1
    assert checked > 100


def test_edit_that_keeps_size_and_mtime_is_rebuilt(project):
    """A hand edit of the same length with the old mtime put back is still seen (the status-change time no user can set)."""
    page = project / "dist/agencies/toinen-virasto/site/index.html"
    text = page.read_text(encoding="utf-8")
    assert rebuild(project) == set()  # the copy's records now hold every file's status
    stat = page.stat()
    page.write_text(text.replace("Toinen virasto", "Toinen VIRASTO", 1), encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page.stat().st_size == stat.st_size and page.stat().st_mtime_ns == stat.st_mtime_ns
    assert rebuild(project) == {"agencies/toinen-virasto/site"}
    assert page.read_text(encoding="utf-8") == text


def test_library_memo_never_hides_a_change(project):
    """The validated library is remembered: a mistake made since is still reported, and a corrupted memo is only a miss."""
    memo = project / "build/.cache/library.pickle"
    assert (project / "build/.cache/definitions.pickle").is_file()
    assert rebuild(project) == set() and memo.is_file()
    text = project / "modules/mentor/mt-core/fi.md"
    original = text.read_bytes()
    edit(project, "modules/mentor/mt-core/fi.md", "\n## ", "\n[rikki](module:ei-ole)\n\n## ")
    result = run_cli("build", "--all", "--root", str(project))
    assert result.returncode == 2 and "ei-ole" in result.stderr, result.stderr
    text.write_bytes(original)
    memo.write_bytes(memo.read_bytes()[:-50])
    assert rebuild(project) == set()
    memo.write_bytes(b"garbage")
    assert rebuild(project) == set()
    assert memo.read_bytes() != b"garbage", "a good memo is written again"


def test_cohort_follows_its_definitions(project):
    """The cohort view is cached like a site: a definition's change rebuilds it, a deleted file of it too."""
    index = project / "dist/cohort/index.html"
    edit(project, "agencies/toinen.yml", "Keskeneräisen saa näyttää", "Keskeneräisen työn saa näyttää")
    result = run_cli("build", "--all", "--root", str(project))
    assert result.returncode == 0 and f"Built {project / 'dist/cohort'}" in result.stderr.splitlines(), result.stderr
    before = index.read_bytes()
    index.unlink()
    result = run_cli("build", "--all", "--root", str(project))
    assert f"Built {project / 'dist/cohort'}" in result.stderr.splitlines(), result.stderr
    assert index.read_bytes() == before


def test_bundles_are_cached_and_never_stale(project):
    """--bundle zips are outputs like the others: a second --bundle build makes none, a build without --bundle keeps current ones and removes stale ones."""
    dist = project / "dist"
    zips = [dist / "site.zip", dist / "agencies/testivirasto/testivirasto-site.zip", dist / "agencies/toinen-virasto/toinen-virasto-site.zip"]
    result = run_cli("build", "--all", "--bundle", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert all(z.is_file() for z in zips)
    made = {z: z.stat().st_mtime_ns for z in zips}
    result = run_cli("build", "--all", "--bundle", "--root", str(project))
    assert result.returncode == 0 and "Bundled" not in result.stderr, result.stderr
    assert rebuild(project) == set()
    assert {z: z.stat().st_mtime_ns for z in zips} == made, "current zips stay, with or without --bundle"
    edit(project, "modules/workshop/ws-start/fi.md", "\n## ", "\nUusi kappale.\n\n## ")
    result = run_cli("build", "--all", "--root", str(project))
    assert result.returncode == 0, result.stderr
    # ws-start is in the base site and toinen-virasto: their zips would now be stale.
    assert [z.is_file() for z in zips] == [False, True, False]
    assert f"Removed {zips[0]}: its site changed, and this build makes no zip (--bundle makes it again)" in result.stderr.splitlines()
    result = run_cli("build", "--all", "--bundle", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert all(z.is_file() for z in zips) and zips[1].stat().st_mtime_ns == made[zips[1]]


def test_force_ignores_the_cache(project):
    """--force rebuilds every output of what it builds, checking the content afresh, and keeps what it checked for the build after it."""
    memo = project / "build/.cache/library.pickle"
    memo.unlink()
    assert rebuild(project, "--force", "--agency", str(project / "agencies/testivirasto.yml")) == {"agencies/testivirasto/site", *agency_pdfs("testivirasto"), *slides("testivirasto")}
    assert memo.is_file()


def test_module_text_rebuilds_the_outputs_that_include_it(project):
    """ws-start is in the base site and toinen-virasto only; its Finnish text is in their sites, Finnish handbooks and guides and its own Finnish decks (the handouts' agenda names it from its module.yml)."""
    edit(project, "modules/workshop/ws-start/fi.md", "\n## ", "\nUusi kappale.\n\n## ")
    assert rebuild(project) == {
        "site", "site/pdf/trainer-guide-fi.pdf",
        "agencies/toinen-virasto/site", *agency_pdfs("toinen-virasto", kinds=("mentor-handbook", "trainer-guide"), langs=("fi",)),
        *slides("site", modules=("ws-start",), langs=("fi",)), *slides("toinen-virasto", modules=("ws-start",), langs=("fi",)),
    }
    assert "Uusi kappale." in (project / "dist/site/workshop/ws-start/index.html").read_text(encoding="utf-8")
    # The round templates are their own page: only its edit remakes them, in its language.
    edit(project, "docs/fi/round-templates.md", "Hakasulkeissa", "Hakasulkeissa olevat")
    rebuilt = rebuild(project)
    assert "site/pdf/round-templates-fi.pdf" in rebuilt and "site/pdf/round-templates-en.pdf" not in rebuilt


def test_exercise_rebuilds_every_variant_in_its_language(project):
    """Both exercises are in every variant: an English exercise text rebuilds every site, every English PDF and the English decks of the modules that use it."""
    path = next((project / "exercises/ex-pair").glob("en.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    # The follow-up handouts, the round templates and the workshop handouts hold no exercise: they stay.
    english = {name for name in EVERYTHING if name.endswith("-en.pdf") and "/slides/" not in name and not any(kind in name for kind in ("follow-up-handouts", "round-templates", "workshop-handouts"))}
    using = ("mt-core", "ws-start")
    decks = {name for variant in MODULES for name in slides(variant, modules=tuple(m for m in using if m in MODULES[variant]), langs=("en",))}
    assert rebuild(project) == SITES | english | decks


def test_data_file_rebuilds_everything_that_reads_it(project):
    """The glossary is read wherever the content's Markdown is written (its term: links): everything but the workshop and follow-up handouts, which hold none."""
    path = project / "data/glossary.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert rebuild(project) == {name for name in EVERYTHING if "workshop-handouts" not in name and "follow-up-handouts" not in name}


def test_definition_rebuilds_that_agency_only(project):
    """Editing one agency's definition rebuilds its site and PDFs, and no other variant's."""
    edit(project, "agencies/toinen.yml", "Keskeneräisen saa näyttää", "Keskeneräisen työn saa näyttää")
    assert rebuild(project) == {"agencies/toinen-virasto/site", *agency_pdfs("toinen-virasto"), *slides("toinen-virasto")}
    assert "Keskeneräisen työn saa näyttää" in (project / "dist/agencies/toinen-virasto/site/index.html").read_text(encoding="utf-8")
    assert (project / "dist/agencies/toinen-virasto/manifest.json").is_file()
    assert (project / "dist/agencies/toinen-virasto/toinen-virasto-schedule.ics").is_file()


def test_option_rebuilds_the_sites_it_changes(project):
    """--no-pdf changes each site (no download links) and keeps the previous build's PDFs as they were."""
    dist = project / "dist"
    pdfs = {p: p.read_bytes() for p in dist.rglob("*.pdf")}
    assert rebuild(project, "--no-pdf") == SITES
    assert {p: p.read_bytes() for p in dist.rglob("*.pdf")} == pdfs
    assert (dist / "agencies/testivirasto/site/pdf/testivirasto-mentor-handbook-fi.pdf").is_file()
    assert rebuild(project, "--no-pdf") == set(), "a second --no-pdf build reuses its sites"


@pytest.mark.parametrize(("asset", "affected"), [("theme/assets/mentorkit.css", SITES), ("theme/print/print.css", EVERYTHING - SITES)])
def test_theme_asset_rebuilds_what_uses_it(project, asset, affected):
    """The site stylesheet is in every site and no PDF; the print stylesheet is in every PDF and no site."""
    package = project.parent / "package"
    shutil.copytree(REPO / "src", package, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(package)}
    assert rebuild(project, env=env) == set(), "the same package elsewhere has the same key"
    stylesheet = package / "mentorkit" / asset
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert rebuild(project, env=env) == affected


def test_deleted_or_edited_output_is_rebuilt(project):
    """A deleted PDF and a hand-edited page are rebuilt (and only they), and come back as they were."""
    dist = project / "dist"
    before = snapshot(dist)
    (dist / "agencies/testivirasto/pdf/testivirasto-worksheets-fi.pdf").unlink()
    page = dist / "agencies/toinen-virasto/site/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Toinen virasto", "Hacked"), encoding="utf-8")
    assert rebuild(project) == {"agencies/testivirasto/pdf/testivirasto-worksheets-fi.pdf", "agencies/toinen-virasto/site"}
    assert snapshot(dist) == before
    (dist / "site/stray.html").write_text("not ours", encoding="utf-8")
    assert rebuild(project) == {"site"}
    assert snapshot(dist) == before


def test_corrupted_cache_rebuilds_correctly(project):
    """A record that cannot be read counts as empty, a forged key as a change: those folders are rebuilt, the same as before."""
    dist = project / "dist"
    before = snapshot(dist)
    records = {path.name.rsplit("-", 1)[0]: path for path in (project / "build/.cache").glob("*.json")}
    assert sorted(records) == ["cohort", "site", "testivirasto", "toinen-virasto"]
    records["testivirasto"].write_text("{not json", encoding="utf-8")
    records["site"].write_text(records["site"].read_text(encoding="utf-8").replace('"key": "', '"key": "0'), encoding="utf-8")
    assert rebuild(project) == {"site", *BASE_PDFS, *slides("site"), "agencies/testivirasto/site", *agency_pdfs("testivirasto"), *slides("testivirasto")}
    assert snapshot(dist) == before


def test_progress_bar_on_a_terminal_keeps_warnings_visible(monkeypatch):
    """On a terminal: a bar with done/total, and a warning logged meanwhile is printed on a line of its own, not swallowed."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    handler = logging.StreamHandler(sys.stderr)
    logging.getLogger().addHandler(handler)
    try:
        with progress_of(3) as advance:
            advance("dist/site")
            logging.getLogger("mentorkit").warning("agencies/x.yml: goal 'a' is served by no selected module")
            advance("dist/site/pdf/a.pdf")
            advance("dist/site/pdf/b.pdf")
    finally:
        logging.getLogger().removeHandler(handler)
    shown = terminal.getvalue()
    assert "Rendering" in shown and "3/3" in shown
    assert "agencies/x.yml: goal 'a' is served by no selected module\n" in shown


def test_a_file_few_outputs_read_rebuilds_exactly_them(project):
    """The round templates' Finnish page is read by the trainers' site and the Finnish round templates alone: no other output is made again (a read not recorded would keep them, a read recorded too widely remake more)."""
    edit(project, "docs/fi/round-templates.md", "Hakasulkeissa", "Hakasulkeissa olevat")
    assert rebuild(project) == {"site", "site/pdf/round-templates-fi.pdf"}
    assert "Hakasulkeissa olevat" in (project / "dist/site/round-templates/index.html").read_text(encoding="utf-8")


def test_a_file_added_where_an_output_lists_rebuilds_it(project):
    """A figure added to ws-start's figures/ folder, named by no text: what lists the module's figures (its sites, the guides and handbooks that print it, its decks) is made again, and the sites publish it; nothing else is."""
    figures = project / "modules/workshop/ws-start/figures"
    figures.mkdir()
    (figures / "kaari.svg").write_text(FIGURE, encoding="utf-8")
    guides = {"site/pdf/trainer-guide-fi.pdf", "site/pdf/trainer-guide-en.pdf", *agency_pdfs("toinen-virasto", kinds=("mentor-handbook", "trainer-guide"))}
    assert rebuild(project) == {"site", "agencies/toinen-virasto/site", *guides, *slides("site", modules=("ws-start",)), *slides("toinen-virasto", modules=("ws-start",))}
    assert (project / "dist/site/workshop/ws-start/figures/kaari.svg").read_text(encoding="utf-8") == FIGURE
    assert (project / "dist/agencies/toinen-virasto/site/workshop/ws-start/figures/kaari.svg").is_file()
    assert not (project / "dist/agencies/testivirasto/site/workshop").exists()


FIGURE = '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 200 100"><title>Kaari</title><circle cx="50" cy="50" r="40" fill="#283593"/></svg>'
