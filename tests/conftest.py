"""Shared fixtures: a small but complete library to build for real in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mentorkit.errors import InvalidInput
from mentorkit.validate.content import load_library

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "library"


def copy_library(target: Path) -> Path:
    """Copy the fixture library (with the real interface strings) to target and return it."""
    shutil.copytree(FIXTURE, target)
    shutil.copytree(REPO / "data" / "ui", target / "data" / "ui")
    return target


@pytest.fixture
def library_root(tmp_path: Path) -> Path:
    """Return a fresh, writable copy of the fixture library."""
    return copy_library(tmp_path / "library")


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace text in a file of a library copy, failing loudly if the text is not there."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    """Return the problems the loader reports for a library, as the user sees them."""
    with pytest.raises(InvalidInput) as caught:
        load_library(root)
    return [str(p) for p in caught.value.problems]


ENGINE = os.environ.get("MENTORKIT_ENGINE", "")
"""The engine every build of the tests uses (`make zensical` sets zensical); empty: the default, MkDocs."""


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the mentorkit command line as a user would (a build with the tests' engine)."""
    engine = ["--engine", ENGINE] if ENGINE and args[:1] == ("build",) else []
    return subprocess.run([sys.executable, "-m", "mentorkit", *args, *engine], capture_output=True, text=True, cwd=cwd)


AGENCY = """\
schema: 1
id: testivirasto
name: {fi: Testivirasto, en: Test Agency}
languages: [fi, en]
round: "2026"
contacts:
  - name: Maija Meikäläinen
    role: {fi: HR-asiantuntija, en: HR specialist}
    email: maija@testivirasto.example.fi
  - name: Åsa Öhman
    role: {fi: Kehittämispäällikkö, en: Head of development}
current_state:
  assessed: 2026-09-14
  ratings:
    peer-learning-practices: 2
    psychological-safety: 4
goals:
  - id: newcomers
    title: {fi: Perehdytyskaveri jokaiselle, en: A buddy for every newcomer}
    themes: [onboarding]
    indicators:
      - {fi: Jokaisella uudella on kaveri, en: Every newcomer has a buddy}
    support: {fi: Kaverille tunti viikossa, en: An hour a week for the buddy}
"""


FOLLOW_UP = """\
follow_ups:
  - id: six-months
    assessed: 2027-03-15
    method: consensus
    respondents: 6
    ratings: {peer-learning-practices: 3, psychological-safety: 4}
    disagreement:
      peer-learning-practices: {low: 2, high: 4, note: {fi: Yksiköt eroavat, en: Units differ}}
    retrospective: {peer-learning-practices: 1, psychological-safety: null}
    indicators:
      - {goal: newcomers, indicator: 1, status: started, evidence: {fi: Kolmella uudella on kaveri, en: Three newcomers have a buddy}}
    stories:
      - dimension: psychological-safety
        text: {fi: Keskeneräisiä ideoita esitellään nyt tiimipalaverissa., en: Unfinished ideas are now shown at team meetings.}
    notes: {fi: Arvioitiin yhdessä., en: Rated together.}
"""
"""A follow-up of AGENCY (issue 24), to append to it: ratings, a range, retrospective, an indicator, a story."""


@pytest.fixture
def agency_file(library_root: Path) -> Path:
    """Return a valid goal definition inside the library copy."""
    path = library_root / "agencies" / "testivirasto.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(AGENCY, encoding="utf-8")
    return path


def write_agencies(root: Path) -> None:
    """Write the two test agencies into a library copy: testivirasto, and toinen-virasto with a schedule."""
    agencies = root / "agencies"
    agencies.mkdir(exist_ok=True)
    (agencies / "testivirasto.yml").write_text(AGENCY, encoding="utf-8")
    (agencies / "toinen.yml").write_text(
        AGENCY.replace("testivirasto", "toinen-virasto")
        .replace("Testivirasto", "Toinen virasto")
        .replace("Test Agency", "Other Agency")
        .replace("Perehdytyskaveri jokaiselle", "Keskeneräisen saa näyttää")
        .replace("A buddy for every newcomer", "Unfinished work may be shown")
        .replace("themes: [onboarding]", "themes: [psychological-safety]")
        .replace("Maija Meikäläinen", "Pekka Toivonen")
        .replace("maija@testivirasto", "pekka@toinen")
        .replace("peer-learning-practices: 2", "peer-learning-practices: 4")
        # A workshop module enters a mentor edition only by hand.
        + "modules: {add: [ws-start]}\n"
        + "schedule:\n"
        "  - {module: mt-core, date: 2026-10-06, start: '09:00', end: '12:00', place: {fi: Neuvotteluhuone Kallio, en: Meeting room Kallio}}\n"
        "  - {module: ws-start, date: 2026-10-20, start: '13:00', end: '14:00'}\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Build the fixture library once for real: the base site and two agencies, without PDFs."""
    root = copy_library(tmp_path_factory.mktemp("built") / "library")
    write_agencies(root)
    result = run_cli("build", "--all", "--no-pdf", "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root / "dist"


def copy_built(source: Path, target: Path) -> Path:
    """Copy a built library copy (its content, dist/ and build/) to target and return it.

    A build in the copy reuses every output whose inputs are unchanged, as a user's next build
    does (the cache under build/.cache checks each file's digest): a test that adds an agency
    renders that agency's outputs only.
    """
    shutil.copytree(source, target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def pdf_base(tmp_path_factory) -> Path:
    """Build the fixture library's base site with its PDFs and decks once a session; return the library copy, to copy with copy_built.

    The fixture's builds with PDFs share it: each starts from a copy, so the base site, its PDFs and
    its decks are rendered once a session instead of once per build.
    """
    root = copy_library(tmp_path_factory.mktemp("pdf-base") / "library")
    result = run_cli("build", "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def pdf_built(pdf_base, tmp_path_factory) -> Path:
    """Build the fixture's base site and an agency with a chart, tables and a schedule, with PDFs, decks and bundles (once a session)."""
    root = copy_built(pdf_base, tmp_path_factory.mktemp("pdfua") / "library")
    (root / "agencies").mkdir()
    (root / "agencies" / "testivirasto.yml").write_text(
        # A range kept where the group disagreed: the chart's range bar is checked too.
        AGENCY.replace("    psychological-safety: 4\n", "    psychological-safety: 4\n  respondents: 6\n  disagreement:\n    psychological-safety: {low: 3, high: 5}\n")
        + "schedule:\n  - {module: mt-core, date: 2026-10-06, start: '09:00', end: '12:00'}\n"
        # Follow-ups: the handbook gains its change chapter (chart, tables, story), checked by pdfua.
        + FOLLOW_UP, encoding="utf-8"
    )
    result = run_cli("build", "--all", "--bundle", "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root / "dist"


@pytest.fixture(scope="session")
def form_bundle(tmp_path_factory) -> tuple[Path, Path]:
    """Build the fixture library's base site, with the goal form, as a bundle without PDFs (once a session); return the library and the unzipped site."""
    root = copy_library(tmp_path_factory.mktemp("parity") / "library")
    for lang in ("fi", "en"):
        shutil.copy(REPO / "docs" / lang / "goal-form.md", root / "docs" / lang / "goal-form.md")
    site = root / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("  - id: accessibility\n", "  - id: goal-form\n    generated: goal-form\n    base_only: true\n  - id: accessibility\n", 1), encoding="utf-8")
    dist = root.parent / "dist"
    result = run_cli("build", "--no-pdf", "--bundle", "--root", str(root), "--dist", str(dist))
    assert result.returncode == 0, result.stderr
    unzipped = root.parent / "unzipped"
    with zipfile.ZipFile(dist / "site.zip") as archive:
        archive.extractall(unzipped)
    return root, unzipped / "site"


SWEDISH_AGENCY = """\
schema: 1
id: svenska-myndigheten
name: {fi: Ruotsinkielinen virasto, sv: Svenska myndigheten}
languages: [fi, sv]
contacts:
  - name: Åsa Öhman
    role: {fi: Kehittämispäällikkö, sv: Utvecklingschef}
    email: asa@myndigheten.example.fi
current_state:
  assessed: 2026-09-14
  ratings: {peer-learning-practices: 2, psychological-safety: 4}
goals:
  - id: introduktion
    title: {fi: Perehdytyskaveri jokaiselle, sv: En introduktionskamrat för varje nyanställd}
    themes: [onboarding]
    indicators:
      - {fi: Jokaisella uudella on kaveri, sv: Varje nyanställd har en kamrat}
schedule:
  - {module: mt-core, date: 2026-12-06, start: '09:00', end: '11:30', place: {fi: Neuvotteluhuone Kallio, sv: Mötesrummet Berget}}
"""
"""A bilingual agency's definition (issue 29): Finnish and Swedish, with a schedule."""


@pytest.fixture(scope="session")
def swedish_built(tmp_path_factory) -> Path:
    """Build the fixture library with Swedish as a third site language, and an agency in Finnish and Swedish, with PDFs (once a session)."""
    root = copy_library(tmp_path_factory.mktemp("swedish") / "library")
    edit(root, "data/site.yml", "languages: [fi, en]", "languages: [fi, en, sv]")
    (root / "agencies").mkdir()
    (root / "agencies" / "svenska-myndigheten.yml").write_text(SWEDISH_AGENCY, encoding="utf-8")
    result = run_cli("build", "--all", "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root / "dist"


@pytest.fixture(scope="session")
def repo_library():
    """Load and check the repository's own content once a session (a frozen Library: tests only read it).

    Loading the real content costs about two CPU seconds; tests that read it share this one.
    """
    return load_library(REPO)


@pytest.fixture(scope="session")
def repo_checked() -> subprocess.CompletedProcess:
    """Run `mentorkit check` on the repository's own content once a session, as a user would; return what it said."""
    return run_cli("check", "--root", str(REPO))


# The real content, built once per session for the quality gates (tests/test_browser.py,
# tests/test_html.py). The content is copied first, so that the staging trees (ROOT/build/) land
# in the temporary folder and never in the checkout someone may be previewing.
REAL_CONTENT = ("agencies", "data", "docs", "exercises", "modules")
REAL_AGENCY = "pohjolan-lupavirasto"
"""The example agency whose site the browser tests check page by page (schedule, chart, goals)."""


@pytest.fixture(scope="session")
def real_built(tmp_path_factory) -> Path:
    """Build the repository's own content for real: the base site and every example agency, without PDFs."""
    root = tmp_path_factory.mktemp("real") / "content"
    for name in REAL_CONTENT:
        shutil.copytree(REPO / name, root / name)
    result = run_cli("build", "--all", "--no-pdf", "--root", str(root), "--dist", str(root.parent / "dist"))
    assert result.returncode == 0, result.stderr
    return root.parent / "dist"


def pytest_addoption(parser) -> None:
    """Add --update-golden: rewrite tests/golden/ from today's output instead of comparing with it."""
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current staging trees")
    parser.addoption("--record-evidence", action="store_true", help="write the accessibility gates' runs to data/accessibility-evidence.yml")


def pytest_sessionfinish(session, exitstatus) -> None:
    """With --record-evidence, write the accessibility gates' runs of this session (tests/evidence.py)."""
    if session.config.getoption("--record-evidence"):
        from evidence import write_evidence

        write_evidence()


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session: Playwright's sync API allows one instance per process."""
    from playwright.sync_api import sync_playwright

    from quality import CHROMIUM, CHROMIUM_ARGS, require_tool

    require_tool(CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def print_layout(html: str, *, base_url: str | None = None) -> list:
    """Lay out HTML with the PDFs' print.css in WeasyPrint and return its pages (no PDF is written)."""
    from importlib import resources

    from weasyprint import CSS, HTML

    stylesheet = CSS(string=resources.files("mentorkit.theme").joinpath("print/print.css").read_text(encoding="utf-8"))
    return HTML(string=html, base_url=base_url).render(stylesheets=[stylesheet]).pages


def layout_boxes(box):
    """Yield a laid-out box and every box inside it."""
    yield box
    for child in getattr(box, "children", ()):
        yield from layout_boxes(child)
