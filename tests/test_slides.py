"""Facilitator slides: a deck per module and language, its PDFs and handouts, where they are published and how they behave.

The golden deck is composed straight from the fixture library (no build). The rest reads the one
build with PDFs and bundles of the session (conftest's `pdf_built`), and the browser tests open
its decks from disk in Chromium. After a deliberate change to the deck, regenerate the golden file
with `.venv/bin/pytest tests/test_slides.py --update-golden` and review the diff.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, copy_library
from mentorkit.assemble.context import context_for
from mentorkit.assemble.slides import compose_deck, compose_slides
from mentorkit.plan.documents import Kind, plan_documents
from mentorkit.plan.manifest import plan_base
from mentorkit.validate.content import load_library

GOLDEN = Path(__file__).resolve().parent / "golden" / "slides"
VENDORED = REPO / "src" / "mentorkit" / "theme" / "assets" / "vendor" / "reveal"
NOTE = "KOULUTTAJAN-MUISTIINPANO"
"""Text that the fixture's modules and exercises hold only inside facilitator blocks (in English: TRAINER-NOTE)."""
NOTES = {"fi": NOTE, "en": "TRAINER-NOTE"}
FIGURE = (
    '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 200 100"><title>Oppimisen kehä</title>'
    '<circle cx="50" cy="50" r="40" fill="#283593"/></svg>'
)


@pytest.fixture(scope="module")
def fixture_library(tmp_path_factory):
    return load_library(copy_library(tmp_path_factory.mktemp("slides") / "library"))


def deck_document(library, kind: Kind, *, module: str = "mt-core", lang: str = "fi"):
    manifest = plan_base(library)
    document = next(d for d in plan_documents(manifest) if d.kind is kind and d.module == module and d.lang == lang)
    return context_for(library, manifest, agency=None, lang=lang), document


def test_vendored_reveal_is_the_pinned_npm_files():
    """The reveal.js the decks load is byte for byte the files of the version package.json pins."""
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]["reveal.js"]
    installed = REPO / "node_modules" / "reveal.js"
    assert json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == pinned
    for name, source in {"reveal.js": "dist/reveal.js", "reveal.css": "dist/reveal.css", "notes.js": "dist/plugin/notes.js", "LICENSE": "LICENSE"}.items():
        assert (VENDORED / name).read_bytes() == (installed / source).read_bytes(), name


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_deck_matches_golden(fixture_library, lang, request):
    """The fixture module's deck is exactly as reviewed in tests/golden/slides/."""
    ctx, document = deck_document(fixture_library, Kind.SLIDES, lang=lang)
    deck = compose_slides(ctx, document)
    golden = GOLDEN / document.filename
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(deck, encoding="utf-8")
    assert deck == golden.read_text(encoding="utf-8"), f"{document.filename} differs from tests/golden/slides; regenerate with --update-golden and review"


def test_deck_holds_what_the_module_holds(fixture_library):
    """Title and duration, objectives, each part, each exercise with its facts and debrief, reflection, key points; notes for the trainer."""
    ctx, _ = deck_document(fixture_library, Kind.SLIDES)
    deck = compose_deck(ctx, fixture_library.module("mt-core"))
    headings = [s.heading for s in deck.slides]
    assert headings == [
        "Mentorin rooli", "Tavoitteet", "Taustaa",
        "Harjoitus: Parihaastattelu", "Parihaastattelu: näin toimitte", "Parihaastattelu: purkukysymykset",
        "Harjoitus: Tarinakierros", "Tarinakierros: näin toimitte", "Tarinakierros: purkukysymykset",
        "Pohdittavaksi", "Keskeistä",
    ]
    assert deck.slides[0].lead == "2 h"
    exercise = deck.slides[3]
    assert exercise.facts == (("Kesto", "15 min"), ("Ryhmäkoko", "2 henkeä"), ("Tarvikkeet", "muistikirja"))
    assert NOTE in deck.slides[0].notes and NOTE in exercise.notes
    assert all(NOTE not in item for slide in deck.slides for item in slide.items)


def test_figures_and_clock_times_reach_the_deck(tmp_path):
    """A figure is a slide of its own with its text alternative; the notes give the module's clock time from the session plan."""
    root = copy_library(tmp_path / "library")
    figures = root / "modules" / "mentor" / "mt-core" / "figures"
    figures.mkdir()
    (figures / "cycle-fi.svg").write_text(FIGURE, encoding="utf-8")
    fi = root / "modules" / "mentor" / "mt-core" / "fi.md"
    fi.write_text(fi.read_text(encoding="utf-8").replace("## Taustaa\n", "## Taustaa\n\n![Oppimisen kehä](figures/cycle-fi.svg)\n\nKuvassa on kehä.\n"), encoding="utf-8")
    (root / "data" / "training-plans.yml").write_text(PLAN, encoding="utf-8")
    library = load_library(root)
    ctx, _ = deck_document(library, Kind.SLIDES)
    deck = compose_deck(ctx, library.module("mt-core"))
    figure = next(s for s in deck.slides if s.figure)
    assert figure.heading == "Taustaa" and figure.figure.alt == "Oppimisen kehä"
    assert figure.figure.src.startswith("data:image/svg+xml;base64,")
    assert "Kuvassa on kehä." in figure.notes
    # A module split into parts by a break has the clock time of each part.
    assert "<li>Mentorikoulutus, Ensimmäinen kerta: 9.15–10.15</li>\n<li>Mentorikoulutus, Ensimmäinen kerta: 10.30–11.30</li>" in deck.slides[0].notes


PLAN = """\
plans:
  - id: mentor
    track: mentor
    covers: all
    title: {fi: Mentorikoulutus, en: Mentor training}
    sessions:
      - title: {fi: Ensimmäinen kerta, en: First session}
        start: "09:00"
        end: "13:30"
        items:
          - {segment: opening, minutes: 15, title: {fi: Avaus, en: Opening}}
          - {module: mt-core, minutes: 60}
          - {segment: break, minutes: 15, title: {fi: Tauko, en: Break}}
          - {module: mt-core, minutes: 60}
          - {segment: break, minutes: 15, title: {fi: Tauko, en: Break}}
          - module: mt-onboarding
          - {segment: closing, minutes: 15, title: {fi: Lopetus, en: Closing}}
"""


def test_participant_handout_carries_no_facilitator_text(fixture_library):
    """The participants' handout is composed without a word of the facilitator blocks or the speaker notes."""
    for module in ("mt-core", "mt-onboarding", "ws-start"):
        for lang in ("fi", "en"):
            ctx, document = deck_document(fixture_library, Kind.SLIDE_HANDOUT, module=module, lang=lang)
            handout = compose_slides(ctx, document)
            assert NOTES[lang] not in handout and 'class="notes"' not in handout and "admonition facilitator" not in handout
    ctx, notes = deck_document(fixture_library, Kind.SLIDE_NOTES)
    assert NOTE in compose_slides(ctx, notes)


def test_split_keeps_every_item_within_a_slide():
    """Long lists go on as many slides as they need, numbered on, none over a slide's measure."""
    from mentorkit.assemble.html import Markup
    from mentorkit.assemble.slides import SLIDE_CHARACTERS, SLIDE_ITEMS, _split

    items = [Markup("x" * 150) for _ in range(9)]
    slides = _split("keypoints", "Keskeistä", items, ordered=True)
    assert [s.heading for s in slides] == ["Keskeistä (1/3)", "Keskeistä (2/3)", "Keskeistä (3/3)"]
    assert [s.start for s in slides] == [1, 4, 7]
    assert sum(len(s.items) for s in slides) == 9
    assert all(len(s.items) <= SLIDE_ITEMS and sum(len(i) for i in s.items) <= SLIDE_CHARACTERS for s in slides)


# From a build ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_trainer_edition_links_and_holds_every_deck(pdf_built):
    """The base site holds each module's deck and PDFs in slides/ and links them from the module's page."""
    slides = pdf_built / "site" / "slides"
    for module in ("mt-core", "mt-onboarding", "ws-start"):
        for lang in ("fi", "en"):
            for name in (f"{module}-{lang}.html", f"{module}-{lang}.pdf", f"{module}-notes-{lang}.pdf", f"{module}-handout-{lang}.pdf"):
                assert (slides / name).is_file(), name
    page = (pdf_built / "site" / "mentor" / "mt-core" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../slides/mt-core-fi.html">Esitys selaimessa (S avaa puhujanäkymän)</a>' in page
    assert '<a href="../../slides/mt-core-notes-fi.pdf">Kouluttajan muistiinpanot (PDF, A4)</a>' in page
    english = (pdf_built / "site" / "en" / "mentor" / "mt-core" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../../slides/mt-core-en.html">Slides in the browser (S opens the speaker view)</a>' in english


@pytest.mark.slow
def test_mentor_edition_carries_no_facilitator_notes(pdf_built):
    """An agency's decks and notes stay in its trainer folder; its mentors' site holds and links only the participants' handouts."""
    agency = pdf_built / "agencies" / "testivirasto"
    trainer = sorted(p.name for p in (agency / "slides").iterdir())
    assert "testivirasto-mt-core-fi.html" in trainer and "testivirasto-mt-core-notes-fi.pdf" in trainer
    on_site = sorted(p.name for p in (agency / "site" / "slides").iterdir())
    assert on_site and all("-handout-" in name for name in on_site)
    for path in (agency / "site").rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert NOTE not in text and "-notes-" not in text, path
    with zipfile.ZipFile(agency / "testivirasto-site.zip") as bundle:
        assert not [n for n in bundle.namelist() if "/slides/" in n and "-handout-" not in n]
    page = (agency / "site" / "mentor" / "mt-core" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../slides/testivirasto-mt-core-handout-fi.pdf">Osallistujan moniste (PDF, kolme diaa sivulla)</a>' in page


@pytest.mark.slow
def test_handout_pdf_text_has_no_facilitator_text(pdf_built):
    """What a participant holds in the PDF: the slides' words, none of the notes; the trainer's notes PDF has them."""
    from pypdf import PdfReader

    def text(path: Path) -> str:
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)

    handout = text(pdf_built / "site" / "slides" / "mt-core-handout-fi.pdf")
    assert "Kollegat ovat tärkein lähde." in handout and NOTE not in handout
    assert NOTE in text(pdf_built / "site" / "slides" / "mt-core-notes-fi.pdf")


@pytest.mark.slow
def test_agency_deck_shows_the_goals_the_module_serves(pdf_built):
    """In an agency's variant a deck names that agency's goals which the module serves."""
    deck = (pdf_built / "agencies" / "testivirasto" / "slides" / "testivirasto-mt-onboarding-fi.html").read_text(encoding="utf-8")
    assert '<h2 id="slide-2">Tavoitteenne, joita tämä moduuli palvelee</h2>' in deck and "<li>Perehdytyskaveri jokaiselle</li>" in deck
    base = (pdf_built / "site" / "slides" / "mt-onboarding-fi.html").read_text(encoding="utf-8")
    assert "Perehdytyskaveri jokaiselle" not in base


# In Chromium, from the bundle on disk --------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_deck(pdf_built, tmp_path_factory) -> Path:
    """The base site's bundle unzipped, as a trainer opens it from a USB stick: the Finnish deck of mt-core."""
    target = tmp_path_factory.mktemp("deck-zip")
    with zipfile.ZipFile(pdf_built / "site.zip") as bundle:
        bundle.extractall(target)
    return target / "site" / "slides" / "mt-core-fi.html"


def open_deck(browser, deck: Path, *, width: int, height: int, requests: list[str]):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.on("request", lambda request: requests.append(request.url))
    page.goto(deck.as_uri())
    if width > 700:
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    return page


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 800), (390, 844)])
def test_deck_passes_axe_and_stays_offline(browser, bundled_deck, width, height):
    """axe finds nothing on the deck (transitions stopped) at projector, laptop and phone sizes; no request leaves the disk."""
    from quality import axe_violations, describe_violations

    requests: list[str] = []
    page = open_deck(browser, bundled_deck, width=width, height=height, requests=requests)
    try:
        assert page.evaluate("document.documentElement.lang") == "fi"
        assert page.evaluate("document.querySelector('main').getAttribute('role')") is None
        # A heading on every slide.
        assert page.evaluate("[...document.querySelectorAll('.slides > section')].every(s => s.querySelector('h1, h2'))")
        violations = axe_violations(page)
        assert violations == [], describe_violations({bundled_deck.name: violations})
        if width > 700:
            page.keyboard.press("End")
            violations = axe_violations(page)
            assert violations == [], describe_violations({f"{bundled_deck.name}, last slide": violations})
    finally:
        page.close()
    assert requests and all(url.startswith("file:") for url in requests), requests


@pytest.mark.slow
@pytest.mark.browser
def test_deck_is_used_by_keyboard_alone(browser, bundled_deck):
    """Arrows, space, End and Home move through the slides; only the slide on view is exposed; nothing moves by itself."""
    requests: list[str] = []
    page = open_deck(browser, bundled_deck, width=1280, height=800, requests=requests)
    try:
        def on_view() -> str:
            return page.evaluate("document.querySelector('.slides > section.present h1, .slides > section.present h2').textContent")

        def exposed() -> list[str]:
            return page.evaluate("[...document.querySelectorAll('.slides > section')].filter(s => s.getAttribute('aria-hidden') !== 'true' && !s.hidden).map(s => s.querySelector('h1, h2').textContent)")

        assert on_view() == "Mentorin rooli" and exposed() == ["Mentorin rooli"]
        page.keyboard.press("ArrowRight")
        assert on_view() == "Tavoitteet" and exposed() == ["Tavoitteet"]
        page.keyboard.press("Space")
        assert on_view() == "Taustaa"
        page.keyboard.press("ArrowLeft")
        assert on_view() == "Tavoitteet"
        page.keyboard.press("End")
        assert on_view() == "Keskeistä" and exposed() == ["Keskeistä"]
        page.keyboard.press("Home")
        assert on_view() == "Mentorin rooli"
        config = page.evaluate("(() => { const c = Reveal.getConfig(); return [c.autoSlide, c.transition, c.backgroundTransition]; })()")
        assert config == [0, "none", "none"]
        with page.expect_popup() as speaker:
            page.keyboard.press("s")
        notes = speaker.value
        notes.wait_for_function(f"() => document.body.innerText.includes('{NOTE}')")
        notes.close()
    finally:
        page.close()


@pytest.mark.slow
@pytest.mark.browser
def test_phone_reading_view_is_a_page(browser, bundled_deck):
    """On a phone the deck is a page: every slide in reading order, no notes shown, no slide hidden."""
    requests: list[str] = []
    page = open_deck(browser, bundled_deck, width=390, height=844, requests=requests)
    try:
        page.wait_for_selector("main.mk-reading")
        visible = page.evaluate("[...document.querySelectorAll('.slides > section')].filter(s => s.offsetHeight > 0).length")
        assert visible == page.evaluate("document.querySelectorAll('.slides > section').length") == 11
        assert NOTE not in page.evaluate("document.body.innerText")
        assert page.evaluate("getComputedStyle(document.querySelector('.slides h2')).fontSize") == "24px"
    finally:
        page.close()


def test_a_deck_records_its_own_module_text_alone(fixture_library):
    """Composing every deck of the base plan from a recording library: mt-onboarding's English text is a read of its four English decks and of no other deck (so an edit of it remakes exactly them)."""
    from mentorkit.load.reads import ReadLog, recording
    from mentorkit.render.recipes import RECIPES

    manifest = plan_base(fixture_library)
    readers = set()
    for document in (d for d in plan_documents(manifest) if d.module is not None):
        log = ReadLog()
        ctx = context_for(recording(fixture_library, log), manifest, agency=None, lang=document.lang)
        RECIPES[document.kind].compose(ctx, document)
        if "modules/mentor/mt-onboarding/en.md" in log.paths:
            readers.add(document.filename)
        assert "docs/fi/index.md" not in log.paths, "a deck reads no written page"
    assert readers == {"mt-onboarding-en.html", "mt-onboarding-en.pdf", "mt-onboarding-notes-en.pdf", "mt-onboarding-handout-en.pdf"}


OWN_FI = "---\n---\n\n## Oma osa\n\n- yksi\n- kaksi\n\n!!! facilitator\n    OMA-MUISTIINPANO\n\n## Toinen osa\n\n- kolme\n"
OWN_EN = "---\n---\n\n## Our part\n\n- one\n- two\n\n!!! facilitator\n    OWN-NOTE\n\n## Second part\n\n- three\n"


def test_own_slides_replace_the_parts_made_from_the_text(library_root):
    """A module's slides.<lang>.md, where it has them, are the deck's parts; title, objectives, exercises and key points stay generated."""
    folder = library_root / "modules" / "mentor" / "mt-core"
    (folder / "slides.fi.md").write_text(OWN_FI, encoding="utf-8")
    (folder / "slides.en.md").write_text(OWN_EN, encoding="utf-8")
    library = load_library(library_root)
    ctx, _ = deck_document(library, Kind.SLIDES)
    deck = compose_deck(ctx, library.module("mt-core"))
    headings = [s.heading for s in deck.slides]
    assert headings[:5] == ["Mentorin rooli", "Tavoitteet", "Sisältö", "Oma osa", "Toinen osa"] and headings[-1] == "Keskeistä"
    assert "Taustaa" not in headings
    assert deck.slides[3].items == ("yksi", "kaksi") and "OMA-MUISTIINPANO" in deck.slides[3].notes
    ctx, handout = deck_document(library, Kind.SLIDE_HANDOUT)
    assert "OMA-MUISTIINPANO" not in compose_slides(ctx, handout)


def test_own_slides_are_checked_like_every_text(library_root):
    """Every language or none, links by id, no raw HTML: all reported in one run, each at its file and line."""
    from conftest import problems_of

    (library_root / "modules" / "mentor" / "mt-core" / "slides.fi.md").write_text(
        "---\n---\n\n## Oma osa\n\n- yksi [linkki](module:ei-ole)\n\n<script>x</script>\n", encoding="utf-8"
    )
    assert problems_of(library_root) == [
        "modules/mentor/mt-core/slides.en.md: file is missing; expected a module's own slides in every language once one has them, e.g. slides.en.md beside slides.fi.md",
        "modules/mentor/mt-core/slides.fi.md:6: body: link to module:ei-ole, which does not exist; expected the id of an existing module, e.g. (module:mt-psych-safety)",
        "modules/mentor/mt-core/slides.fi.md:8: body: raw HTML <script>; expected Markdown only (the material allows no HTML: it could run scripts or call other hosts), e.g. **bold**, [text](https://…) or ![Alt text](figures/name.svg)",
    ]


def test_own_slides_translation_is_at_parity_and_stamped(library_root):
    """slides.en.md is compared with slides.fi.md like any translation, and stamp-translation records its source."""
    from mentorkit.stamp import stamp_translations
    from mentorkit.validate.translations import review_translations

    folder = library_root / "modules" / "mentor" / "mt-core"
    (folder / "slides.fi.md").write_text(OWN_FI, encoding="utf-8")
    (folder / "slides.en.md").write_text(OWN_EN.split("\n## Second part")[0], encoding="utf-8")
    review = review_translations(load_library(library_root))
    assert [str(p) for p in review.problems] == [
        "modules/mentor/mt-core/slides.en.md:10: body: heading 2 is missing (slides.fi.md has '## Toinen osa' on line 12); expected the same headings at the same levels, in the same order, as slides.fi.md"
    ]
    (folder / "slides.en.md").write_text(OWN_EN, encoding="utf-8")
    stamp_translations([folder / "slides.en.md"], root=library_root)
    review = review_translations(load_library(library_root))
    assert review.problems == () and "modules/mentor/mt-core/slides.en.md" not in {p.file for p in (*review.drifted, *review.unstamped)}


@pytest.mark.slow
def test_deck_is_valid_html():
    """The Nu HTML Checker finds no error in the golden decks (unique ids although notes repeat)."""
    from quality import check_html

    report = check_html([GOLDEN])
    assert report.errors == [], str(report)
