"""Worksheets for every exercise of the base site, each carrying its exercise's own template."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REPO, layout_boxes, print_layout, problems_of
from mentorkit.assemble.context import context_for
from mentorkit.assemble.printdoc import compose_document
from mentorkit.validate.content import load_library
from mentorkit.plan.documents import Kind, plan_documents
from mentorkit.plan.manifest import plan_base
from mentorkit.render.pdf import render_pdf

EXERCISE = "exercises/ex-pair/exercise.yml"


@pytest.mark.parametrize(("template", "message"), [
    ("template:\n  - {label: {fi: Taulukko, en: Table}, kind: table}\n",
     f"{EXERCISE}:6: template[0]: columns: missing; expected a table's column headings, e.g. columns: [{{fi: Käytäntö, en: Practice}}, {{fi: Kollega, en: Colleague}}]"),
    ("template:\n  - {label: {fi: Rivi, en: Line}, kind: line, columns: [a, b]}\n",
     f"{EXERCISE}:6: template[0].columns: a line has no columns; expected columns only with kind: table"),
    ("template:\n  - {label: {fi: Rivi, en: Line}, kind: lines}\n",
     f"{EXERCISE}:6: template[0].kind: 'lines' is not one of the allowed values; expected line, box, table, scale (the self-assessment scale as boxes), dimensions (every dimension against the scale) or cards (the list under the body heading named by the label, as cut-out cards), e.g. box"),
    ("template:\n  - {label: {fi: Kortit, en: Cards}, kind: cards}\n",
     f"{EXERCISE}:6: template[0].label.fi: no list of cards under a heading '## Kortit' in fi.md; expected the heading and a list of at least two cards under it"),
    ("template:\n  - {label: {fi: Kortit, en: Cards}, kind: cards, rows: 2}\n",
     f"{EXERCISE}:6: template[0].rows: a cards field takes its rows from the list under its heading in the exercise's text; expected no rows with kind: cards"),
    ("template:\n  - {label: {fi: Rivi}, kind: line}\n",
     f"{EXERCISE}:6: template[0].label: no text in en; expected text in every language (fi, en), e.g. {{fi: …, en: …}}"),
    ("template:\n  - {label: {fi: Rivi, en: Line}, kind: box, rows: 30}\n",
     f"{EXERCISE}:6: template[0].rows: 30 is above 20; expected a number of lines or table rows from 1 to 20, e.g. 3"),
])
def test_template_problems(library_root, template, message):
    """A template is checked like every other fact, with its file, line and key."""
    path = library_root / EXERCISE
    path.write_text(path.read_text(encoding="utf-8") + template, encoding="utf-8")
    assert message in problems_of(library_root)


@pytest.fixture(scope="module")
def real_worksheets(tmp_path_factory) -> tuple[str, str]:
    """Compose and render the base site's Finnish worksheets from the repository's content."""
    library = load_library(REPO)
    manifest = plan_base(library)
    document = next(d for d in plan_documents(manifest) if d.kind is Kind.WORKSHEETS and d.lang == "fi")
    assert document.filename == "worksheets-fi.pdf"
    html = compose_document(context_for(library, manifest, agency=None, lang="fi"), document)
    target = tmp_path_factory.mktemp("worksheets") / document.filename
    render_pdf(html, str(target), True)  # fillable, as the build renders worksheets
    reader = PdfReader(target)
    pages = [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in reader.pages]
    REAL_FIELDS.update(reader.get_fields() or {})
    REAL_DESTINATIONS.update(reader.named_destinations)
    return html, pages


REAL_FIELDS: dict = {}
REAL_DESTINATIONS: dict = {}


def sheet(pages: list[str], title: str) -> str:
    """Return the text of one exercise's sheet: from its first page to the next sheet's."""
    title = unicodedata.normalize("NFKC", title)
    start = next(i for i, p in enumerate(pages) if p.startswith(title + " "))
    following = [p for p in pages[start + 1:]]
    text = [pages[start]]
    for page in following:
        if not page.startswith("Täytettävä pohja"):
            break
        text.append(page)
    return " ".join(text)


@pytest.mark.slow
def test_every_exercise_has_a_worksheet(real_worksheets):
    """The base site's worksheets hold every exercise of the library, each from a page of its own."""
    library = load_library(REPO)
    _, pages = real_worksheets
    for exercise in library.exercises.values():
        title = unicodedata.normalize("NFKC", exercise.text["fi"].title)
        assert any(p.startswith(title + " ") for p in pages), exercise.id


@pytest.mark.slow
def test_worksheets_carry_their_templates(real_worksheets):
    """A templated sheet prints its own fields and columns instead of bare lines; others keep the notes box."""
    library = load_library(REPO)
    _, pages = real_worksheets
    templated = [e for e in library.exercises.values() if e.template]
    assert {"case-clinic", "question-bank", "personal-plan", "learning-moment-diary", "goal-review", "individual-rating"} <= {e.id for e in templated}
    for exercise in templated:
        text = sheet(pages, exercise.text["fi"].title)
        assert "Täytettävä pohja" in text and "Muistiinpanot" not in text, exercise.id
        for field in exercise.template:
            # As the page text is read: NFKC makes the label's '…' the '...' a PDF's text gives.
            assert " ".join(unicodedata.normalize("NFKC", field.label["fi"]).split()) in text, (exercise.id, field.label["fi"])
            for column in field.columns:
                assert unicodedata.normalize("NFKC", column["fi"]) in text, (exercise.id, column["fi"])
    rating = sheet(pages, library.exercises["individual-rating"].text["fi"].title)
    for dimension in library.dimensions.values():
        assert dimension.label["fi"] in rating
    assert all(label["fi"] in rating for label in library.scale.labels.values())
    # Every exercise has something to fill in: the twelve that last had only a notes box have their own fields.
    assert templated == list(library.exercises.values())
    assert {"best-mistake", "calibration", "gallery-walk", "gap-to-goal", "goal-briefing", "ground-rules", "how-will-we-know",
            "latest-learning", "leadership-fishbowl", "learning-places", "mentor-metaphor", "theme-tagging"} <= {e.id for e in templated}
    # A PDF link opens each sheet where it starts (module pages link them by these names).
    assert {f"exercises-{e}" for e in library.exercises} <= set(REAL_DESTINATIONS)


@pytest.mark.slow
def test_every_step_prints_alike(real_worksheets):
    """The steps' style applies to the whole list, never to its last item alone."""
    html, _ = real_worksheets
    assert 'class="worksheet-steps"' in html
    assert not re.search(r'<li[^>]*class="worksheet-steps"', html)
    assert html.count('<div class="worksheet-steps">\n<ol>') == len(load_library(REPO).exercises)


PLAIN = ("best-mistake", "ground-rules")
"""Exercises laid out without their fields: the notes box is what an exercise a trainer adds gets first."""


@pytest.fixture(scope="module")
def laid_out() -> list:
    """Lay out a few English sheets with print.css: short and long templates, cut-out cards, and two without their fields."""
    library = load_library(REPO)
    library = replace(library, exercises={k: replace(e, template=()) if k in PLAIN else e for k, e in library.exercises.items()})
    manifest = replace(plan_base(library), exercises=("calibration", "best-mistake", "mentor-metaphor", "case-clinic", "theme-tagging", "ground-rules", "practice-speed-dating"))
    document = next(d for d in plan_documents(manifest) if d.kind is Kind.WORKSHEETS and d.lang == "en")
    return print_layout(compose_document(context_for(library, manifest, agency=None, lang="en"), document), base_url=str(REPO))


def classes(box) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


@pytest.mark.slow
def test_no_field_runs_over_the_next(laid_out):
    """Every input and box of a template lies inside its field: a line field of two rows once ran over the next label."""
    fields = 0
    for number, page in enumerate(laid_out, 1):
        for box in layout_boxes(page._page_box):
            if "tpl-field" not in classes(box) or getattr(box, "pseudo_type", None):
                continue
            fields += 1
            bottom = box.position_y + box.margin_height()
            inside = [b for b in layout_boxes(box) if getattr(b, "element", None) is not None and b.element.tag in ("input", "textarea", "table")]
            assert all(b.position_y + b.margin_height() <= bottom + 0.5 for b in inside), f"page {number}: a field runs out of its box"
    assert fields > 10


@pytest.mark.slow
def test_a_short_template_follows_its_steps_on_one_page(laid_out):
    """A sheet whose fields fit under its steps is one page; cut-out cards start a page of their own."""
    texts = [" ".join(" ".join(b.text for b in layout_boxes(p._page_box) if hasattr(b, "text")).split()) for p in laid_out]
    library = load_library(REPO)
    for exercise_id in ("mentor-metaphor", "theme-tagging"):
        title = library.exercises[exercise_id].text["en"].title
        page = next(t for t in texts if t.startswith(title) or f" {title} " in t[:200])
        assert "To fill in" in page, exercise_id
    cards = next(i for i, t in enumerate(texts) if library.exercises["practice-speed-dating"].text["en"].title in t[:200])
    assert "To fill in" not in texts[cards] and texts[cards + 1].startswith("To fill in")


@pytest.mark.slow
def test_every_notes_box_has_room_to_write_on_its_own_page(laid_out):
    """Laid out with print.css, each sheet without a template is one page whose notes box is at least 25 mm tall and ends at the page's foot."""
    pages = laid_out
    mm = 96 / 25.4

    sheets = 0
    for number, page in enumerate(pages, 1):
        found = list(layout_boxes(page._page_box))
        sheet = [b for b in found if "worksheet" in classes(b) and not getattr(b, "pseudo_type", None)]
        if not sheet:
            continue
        sheets += 1
        notes = next(b for b in found if "write-space" in classes(b))
        bottom = sheet[0].content_box_y() + sheet[0].height
        assert bottom - notes.content_box_y() >= 25 * mm, f"page {number}: {(bottom - notes.content_box_y()) / mm:.0f} mm to write in"
        assert abs(page.height - page._page_box.margin_bottom - (bottom + sheet[0].padding_bottom)) < 2 * mm, f"page {number}: the sheet ends at the page body's foot"
        following = pages[number] if number < len(pages) else None
        assert following is None or not any("worksheet" in classes(b) and b.element is sheet[0].element for b in layout_boxes(following._page_box)), f"page {number}: one page"
    assert sheets == len(PLAIN)


CARD_SETS = {"role-boundary-sort": 12, "confidentiality-scenarios": 9, "practice-speed-dating": 10}


@pytest.mark.slow
def test_card_sets_print_as_cut_out_cards(real_worksheets):
    """The three card sets print as numbered cut-out cards holding the exercises' own card texts."""
    html, pages = real_worksheets
    library = load_library(REPO)
    text = " ".join(pages)
    assert html.count('class="cut-card"') == sum(CARD_SETS.values())
    for exercise_id, count in CARD_SETS.items():
        exercise = library.exercises[exercise_id]
        assert [f.kind for f in exercise.template] == ["cards"]
        assert exercise.template[0].label["fi"] in sheet(pages, exercise.text["fi"].title)
    assert "Kollega kysyy, voiko virasto maksaa hänelle ulkopuolisen koulutuksen." in text
    assert "Asiakkaan tiedot ruudulla." in text and "Lounas toisen yksikön kanssa:" in text


@pytest.mark.slow
def test_observation_forms_and_session_feedback_are_fillable(real_worksheets):
    """Listening triads, facilitation rounds and the learning walk have observation forms; every field has a name a reader announces."""
    _, pages = real_worksheets
    library = load_library(REPO)
    for exercise_id in ("listening-triads", "facilitation-rounds", "learning-walk"):
        exercise = library.exercises[exercise_id]
        assert any(f.kind == "table" for f in exercise.template), exercise_id
        assert sheet(pages, exercise.text["fi"].title).count("Täytettävä pohja") == 1
    ui = library.ui["fi"]
    feedback = next(p for p in pages if p.startswith(ui["handouts.feedback.session"]))
    assert ui["handouts.feedback.which_session"] in feedback and ui["handouts.feedback.session.q2"] in feedback
    assert "session-feedback" in REAL_DESTINATIONS  # where the mentor modules' link opens the PDF
    assert REAL_FIELDS["ws-learning-walk-2-1-2"]["/FT"] == "/Tx"
    assert REAL_FIELDS["fb-session-1-5"]["/FT"] == "/Btn"
    assert all(field.get("/TU") for field in REAL_FIELDS.values())
