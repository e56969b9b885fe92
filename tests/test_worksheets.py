"""Worksheets for every exercise of the base site, each carrying its exercise's own template."""

from __future__ import annotations

import re
import unicodedata
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
     f"{EXERCISE}:6: template[0].kind: 'lines' is not one of the allowed values; expected line, box, table, scale (the self-assessment scale as boxes) or dimensions (every dimension against the scale), e.g. box"),
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
    render_pdf(html, str(target))
    pages = [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in PdfReader(target).pages]
    return html, pages


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
            assert " ".join(field.label["fi"].split()) in text, (exercise.id, field.label["fi"])
            for column in field.columns:
                assert column["fi"] in text, (exercise.id, column["fi"])
    rating = sheet(pages, library.exercises["individual-rating"].text["fi"].title)
    for dimension in library.dimensions.values():
        assert dimension.label["fi"] in rating
    assert all(label["fi"] in rating for label in library.scale.labels.values())
    plain = next(e for e in library.exercises.values() if not e.template)
    assert "Muistiinpanot" in sheet(pages, plain.text["fi"].title)


@pytest.mark.slow
def test_every_step_prints_alike(real_worksheets):
    """The steps' style applies to the whole list, never to its last item alone."""
    html, _ = real_worksheets
    assert 'class="worksheet-steps"' in html
    assert not re.search(r'<li[^>]*class="worksheet-steps"', html)
    assert html.count('<div class="worksheet-steps">\n<ol>') == len(load_library(REPO).exercises)


@pytest.mark.slow
def test_every_notes_box_has_room_to_write_on_its_own_page(real_worksheets):
    """Laid out with print.css, each sheet without a template is one page whose notes box is at least 25 mm tall and ends at the page's foot."""
    html, _ = real_worksheets
    pages = print_layout(html, base_url=str(REPO))
    mm = 96 / 25.4
    def classes(box) -> set[str]:
        element = getattr(box, "element", None)
        return set((element.get("class") or "").split()) if element is not None else set()

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
    library = load_library(REPO)
    assert sheets == sum(1 for e in library.exercises.values() if not e.template)
