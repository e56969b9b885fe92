"""The representatives' workshop handouts, read back from the PDF: every statement, scale label and
theme of the data, fillable fields, the A3 poster, the agenda's clock times, tagging."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REPO, copy_library, edit
from mentorkit.assemble.context import context_for
from mentorkit.assemble.handouts import COMMITMENT_ROWS, GOAL_CANVASES, NEXT_STEPS, SPARRING_FIELDS, compose_handouts
from mentorkit.validate.content import load_library
from mentorkit.model import HANDOUT_PARTS
from mentorkit.plan.documents import Kind, plan_documents
from mentorkit.plan.manifest import plan_base
from mentorkit.render.pdf import render_pdf

pytestmark = pytest.mark.slow

A3_LANDSCAPE = (1191, 842)


def render_handouts(root: Path, out: Path, lang: str, *, library=None) -> PdfReader:
    """Render the base site's workshop handouts of one language (from an already loaded library of root, if given)."""
    library = load_library(root) if library is None else library
    manifest = plan_base(library)
    document = next(d for d in plan_documents(manifest) if d.kind is Kind.WORKSHOP_HANDOUTS and d.lang == lang)
    assert document.filename == f"workshop-handouts-{lang}.pdf"
    target = out / document.filename
    render_pdf(compose_handouts(context_for(library, manifest, agency=None, lang=lang), document), str(target), True)
    return PdfReader(target)


@functools.cache
def page_texts(reader: PdfReader) -> tuple[str, ...]:
    """Return the text of each page of a document, extracted once per document (the module's two are read by several tests)."""
    return tuple(page.extract_text() for page in reader.pages)


def flat(reader: PdfReader) -> str:
    """Return the document's text with ligatures undone and line breaks and repeated spaces made single spaces."""
    return norm(" ".join(page_texts(reader)))


def norm(text: str) -> str:
    """Return text with ligatures undone, whitespace single and a hyphen's line break closed (both sides of a comparison)."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)


@pytest.fixture(scope="module")
def real(tmp_path_factory, repo_library) -> dict[str, PdfReader]:
    out = tmp_path_factory.mktemp("handouts")
    return {lang: render_handouts(REPO, out, lang, library=repo_library) for lang in ("fi", "en")}


@pytest.fixture(scope="module")
def real_library(repo_library):
    return repo_library


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_statement_scale_label_and_theme(real, real_library, lang):
    """The form holds every statement under its dimension; the scale, 'don't know' and every theme appear."""
    content = flat(real[lang])
    for number, dimension in enumerate(real_library.dimensions.values(), 1):
        heading = f"{number}. {dimension.label[lang]}"
        assert norm(heading) in content, heading
        for letter, statement in zip("abc", dimension.statements):
            assert norm(f"{number}{letter}) {statement[lang]}") in content, statement[lang]
    scale = real_library.scale
    for value in range(scale.min, scale.max + 1):
        assert scale.labels[value][lang] in content
    assert scale.unknown[lang] in content
    for theme in real_library.themes.values():
        assert norm(theme.label[lang]) in content and norm(theme.description[lang]) in content, theme.id


def test_fields_are_fillable(real, real_library):
    """Boxes for every rating and a line for its example; each canvas's goal fields; the sparring sheet."""
    fields = real["fi"].get_fields()
    values = [str(v) for v in range(real_library.scale.min, real_library.scale.max + 1)] + ["unknown"]
    for dimension in real_library.dimensions.values():
        for n in range(1, len(dimension.statements) + 1):
            for value in values:
                assert fields[f"sa-{dimension.id}-{n}-{value}"]["/FT"] == "/Btn"
            assert fields[f"sa-{dimension.id}-{n}-example"]["/FT"] == "/Tx"
    for dimension in real_library.dimensions.values():
        for value in values:
            assert fields[f"sa-{dimension.id}-{value}"]["/FT"] == "/Btn"
        assert fields[f"gp-{dimension.id}-rating"]["/FT"] == "/Tx"
    for canvas in range(1, GOAL_CANVASES + 1):
        for key in ("title", "description", "gap", "culture", "support", "contact", "indicator-1", f"commitment-{COMMITMENT_ROWS}-who"):
            assert fields[f"goal{canvas}-{key}"]["/FT"] == "/Tx"
        for theme in real_library.themes:
            assert fields[f"goal{canvas}-theme-{theme}"]["/FT"] == "/Tx"  # a rank, the main theme 1
    for key in NEXT_STEPS:
        assert fields[f"ns-{key}"]["/FT"] == "/Tx" and fields[f"ns-{key}-who"]["/FT"] == "/Tx"
    assert fields["gp-culture"]["/FT"] == "/Tx" and fields["gp-continuum-1"]["/FT"] == "/Btn"
    assert fields["fb-workshop-1-5"]["/FT"] == "/Btn" and fields["fb-workshop-open-1"]["/FT"] == "/Tx"
    for key in SPARRING_FIELDS:
        assert fields[f"sp-{key}"]["/FT"] == "/Tx"
    # Every field has an accessible name (a label, or a title on a rating box).
    assert all(field.get("/TU") for field in fields.values())
    assert fields["sa-psychological-safety-2-3"]["/TU"] == "Väittämä 4b: 3 = kuvaa osittain"
    assert fields["sa-psychological-safety-3"]["/TU"] == "Alueen 4 arvio: 3 = kuvaa osittain"


def test_goal_canvas_speaks_the_representatives_language(real, real_library):
    """A canvas asks, in order, for the goal, the gap, the culture feature, ranked themes, signs, commitments, support and the contact; no definition keys."""
    for lang, reader in real.items():
        ui = real_library.ui[lang]
        page = next(t for t in page_texts(reader) if t.lstrip().startswith(ui["handouts.goal_canvas"].format(n=1, total=GOAL_CANVASES)))
        page = norm(page)
        labels = [ui[k] for k in ("handouts.goal_title", "handouts.goal_description", "handouts.goal.gap", "handouts.goal.culture", "handouts.goal_themes",
                                  "agency.indicators", "agency.commitments", "handouts.goal.who", "agency.support", "handouts.goal.contact")]
        positions = [page.index(norm(label)) for label in labels]
        assert positions == sorted(positions)
        # No definition key is printed (Finnish labels never hold the English keys) and no note about them.
        keys = ("title", "themes", "indicators", "support", "description", "pienellä") if lang == "fi" else ("small key", "Title of the goal title")
        for key in keys:
            assert f" {key} " not in f" {page} ", key


def test_gallery_poster_next_steps_and_feedback(real, real_library):
    """The gallery poster carries the continuum and a culture feature; next steps its four agreements; the feedback form its statements."""
    for lang, reader in real.items():
        ui = real_library.ui[lang]
        content = flat(reader)
        for key in ("handouts.gallery", "handouts.gallery.expansive", "handouts.gallery.restrictive", "handouts.gallery.culture",
                    "handouts.next_steps", "handouts.feedback.workshop", "handouts.feedback.workshop.s4", "handouts.feedback.workshop.q3"):
            assert norm(ui[key]) in content, key
        for key in NEXT_STEPS:
            assert norm(ui[f"handouts.next_steps.{key}"]) in content, key
        # Each part starts at the named destination the pages link it by, and is titled by its one name.
        assert set(HANDOUT_PARTS) <= set(reader.named_destinations)
        assert all(norm(ui[key]) in content for key in HANDOUT_PARTS.values() if key != "handouts.goal_canvases")


def test_posters_are_a3_pages(real, real_library):
    """The calibration sheet and the gallery poster are each one A3 landscape page with every dimension."""
    for lang, reader in real.items():
        posters = [p for p in reader.pages if (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == A3_LANDSCAPE]
        assert len(posters) == 2
        for poster in posters:
            text = " ".join(poster.extract_text().split())
            for dimension in real_library.dimensions.values():
                assert dimension.label[lang] in text
        assert ("Vaihteluväli" if lang == "fi" else "Range") in " ".join(posters[0].extract_text().split())
        assert real_library.ui[lang]["handouts.gallery.expansive"] in posters[1].extract_text()
        others = [p for p in reader.pages if p not in posters]
        assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842) for p in others)


def test_agenda_with_clock_times(real):
    """The agenda shows the full day and the two half days with Finnish and English clock times."""
    fi, en = flat(real["fi"]), flat(real["en"])
    assert "Edustajien työpaja koko päivänä" in fi and "Edustajien työpaja kahtena puolipäivänä" in fi
    for row in ("8.15–8.35", "11.20–12.00 Lounas", "15.50–16.00 Palaute työpajasta", "(osa 1/2)", "Välitehtävä (noin 30 minuuttia"):
        assert row in fi, row
    assert "8:15–8:35" in en and "11:20–12:00 Lunch" in en and "(part 2 of 2)" in en


def test_tagged_like_the_handbooks(real):
    """PDF/UA-1, the language, the title."""
    for lang, reader in real.items():
        root = reader.trailer["/Root"]
        assert root["/Lang"] == lang and "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
        assert reader.metadata.title == ("Oppimismentorivalmennus: Edustajien työpajan tulosteet" if lang == "fi" else "Learning-mentor programme: Representatives' workshop handouts")
        # A short word in a title is never hyphenated: the English cover once read "Learning-mentor pro- gramme".
        cover = " ".join(reader.pages[0].extract_text().split())
        assert ("Oppimismentorivalmennus" if lang == "fi" else "Learning-mentor programme") in cover.replace("LEARNING-MENTOR PROGRAMME", "")


def test_a_new_statement_appears_without_other_edits(tmp_path):
    """A dimension added to data/dimensions.yml is on the form and the poster at once."""
    root = copy_library(tmp_path / "library")
    edit(root, "data/dimensions.yml", "dimensions:\n", (
        "dimensions:\n"
        "  - id: brand-new-dimension\n"
        "    label: {fi: Aivan uusi alue, en: A brand-new dimension}\n"
        "    covers: {fi: kaikki uusi, en: everything new}\n"
        "    statements:\n"
        "      - {fi: Ensimmäinen uusi väittämä., en: The first new statement.}\n"
        "      - {fi: Toinen uusi väittämä., en: The second new statement.}\n"
        "      - {fi: Kolmas uusi väittämä., en: The third new statement.}\n"
    ))
    content = flat(render_handouts(root, tmp_path, "en"))
    assert "1. A brand-new dimension" in content
    for statement in ("1a) The first new statement.", "1b) The second new statement.", "1c) The third new statement."):
        assert statement in content
