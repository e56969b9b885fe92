"""PDF handbooks, read back: text, outline, tagging, language, fonts, links, page size, worksheets."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from conftest import AGENCY, copy_built, layout_boxes, print_layout, run_cli
from mentorkit.errors import BuildError
from mentorkit.render.pdf import render_pdf

pytestmark = pytest.mark.slow

A4 = (595, 842)


@pytest.fixture(scope="module")
def pdf_build(pdf_base, tmp_path_factory) -> Path:
    """Build the fixture's base site and one agency with their PDFs (from a copy of conftest's pdf_base: the agency's are rendered here)."""
    root = copy_built(pdf_base, tmp_path_factory.mktemp("pdf") / "library")
    (root / "agencies").mkdir()
    (root / "agencies" / "testivirasto.yml").write_text(
        AGENCY.replace("title: {fi: Perehdytyskaveri jokaiselle", 'title: {fi: "<script>x</script> Perehdytyskaveri jokaiselle"'),
        encoding="utf-8",
    )
    result = run_cli("build", "--all", "--root", str(root))
    assert result.returncode == 0, result.stderr
    return root / "dist"


def pdf(dist: Path, name: str) -> PdfReader:
    path = dist / "agencies/testivirasto/pdf" / name if name.startswith("testivirasto") else dist / "site/pdf" / name
    return PdfReader(path)


def text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(items, depth=0):
    titles = []
    for item in items:
        if isinstance(item, list):
            titles[-1][1].extend(outline_titles(item, depth + 1))
        else:
            titles.append((item.title, []))
    return titles


def test_every_document_is_written(pdf_build):
    """An agency gets four PDFs per language; the base site a trainer guide, the workshop and follow-up handouts, worksheets and round templates per language."""
    names = sorted(p.name for p in (pdf_build / "agencies/testivirasto/pdf").iterdir())
    assert names == sorted(f"testivirasto-{kind}-{lang}.pdf" for lang in ("en", "fi") for kind in ("mentor-handbook", "trainer-guide", "worksheets", "follow-up-handouts"))
    assert sorted(p.name for p in (pdf_build / "site/pdf").iterdir()) == sorted(
        f"{kind}-{lang}.pdf" for lang in ("en", "fi") for kind in ("trainer-guide", "workshop-handouts", "worksheets", "follow-up-handouts", "round-templates")
    )


def test_handbook_text(pdf_build):
    """The handbook holds the agency's name, goals, ratings with dimension names and Finnish and Swedish letters."""
    content = text(pdf(pdf_build, "testivirasto-mentor-handbook-fi.pdf"))
    for expected in ["Testivirasto", "Oppimismentorin käsikirja", "Toteutus 2026", "Tavoitteemme", "<script>x</script> Perehdytyskaveri jokaiselle",
                     "Jokaisella uudella on kaveri", "Vertaisoppimisen käytännöt", "2/5", "Åsa Öhman", "Mentorin rooli", "Perehdytys vertaisten kesken",
                     "Tavoitteenne, joita tämä moduuli palvelee", "Parihaastattelu", "Sanasto", "hiljainen tieto", "Lähteet"]:
        assert expected in content, expected
    assert "Ã" not in content  # no UTF-8 read as Latin-1


def test_facilitator_notes_only_in_trainer_guide(pdf_build):
    """Facilitator notes are in the trainer guide and never in the mentor handbook; the guide also has the agenda."""
    guide = text(pdf(pdf_build, "testivirasto-trainer-guide-fi.pdf"))
    handbook = text(pdf(pdf_build, "testivirasto-mentor-handbook-fi.pdf"))
    assert "KOULUTTAJAN-MUISTIINPANO" in guide
    assert "KOULUTTAJAN-MUISTIINPANO" not in handbook
    assert "Yhteensä" in guide and "Alkaa" in guide  # the agenda with computed start times
    assert "TRAINER-NOTE" in text(pdf(pdf_build, "testivirasto-trainer-guide-en.pdf"))
    assert "TRAINER-NOTE" not in text(pdf(pdf_build, "testivirasto-mentor-handbook-en.pdf"))


def test_outline_matches_sections(pdf_build):
    """The bookmarks list every chapter, with the exercises under their part."""
    reader = pdf(pdf_build, "testivirasto-mentor-handbook-fi.pdf")
    top = outline_titles(reader.outline)
    assert [title for title, _ in top] == ["Testivirasto", "Mentorin rooli", "Perehdytys vertaisten kesken", "Harjoitukset", "Sanasto", "Lähteet"]
    exercises = dict(top)["Harjoitukset"]
    assert [title for title, _ in exercises] == ["Parihaastattelu", "Tarinakierros"]
    module_sections = [title for title, _ in dict(top)["Mentorin rooli"]]
    assert module_sections == ["Taustaa", "Harjoitukset", "Lähteet"]


def test_tagged_with_language_and_title(pdf_build):
    """Each PDF is tagged PDF/UA-1 with its document language and title."""
    for name, lang, title in [
        ("testivirasto-mentor-handbook-fi.pdf", "fi", "Testivirasto: Oppimismentorin käsikirja"),
        ("testivirasto-worksheets-en.pdf", "en", "Test Agency: Worksheets"),
        ("trainer-guide-fi.pdf", "fi", "Oppimismentorivalmennus: Kouluttajan opas"),
    ]:
        reader = pdf(pdf_build, name)
        root = reader.trailer["/Root"]
        assert root["/Lang"] == lang
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert reader.metadata.title == title
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r"pdfuaid:part(>|=\")1", xmp), xmp


def test_fonts_embedded_and_a4(pdf_build):
    """Every font is embedded and every page is A4."""
    reader = pdf(pdf_build, "testivirasto-mentor-handbook-fi.pdf")
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")] + [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
            assert any(d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors), font


def test_internal_links_resolve(pdf_build):
    """Every link in the document to a named destination points at a destination that exists."""
    reader = pdf(pdf_build, "testivirasto-mentor-handbook-fi.pdf")
    names = set(reader.named_destinations)
    links = 0
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            dest = annotation.get("/Dest")
            if dest is None and "/A" in annotation and annotation["/A"].get("/S") == "/GoTo":
                dest = annotation["/A"]["/D"]
            if dest is None:
                continue
            links += 1
            if isinstance(dest, IndirectObject):
                dest = dest.get_object()
            if isinstance(dest, str):
                assert dest in names, dest
    assert links > 10


def test_running_header_and_page_numbers(pdf_build):
    """Pages after the cover carry the document title and 'page / pages'."""
    reader = pdf(pdf_build, "testivirasto-mentor-handbook-fi.pdf")
    total = len(reader.pages)
    page = reader.pages[2].extract_text()
    assert f"3 / {total}" in page
    assert "Testivirasto" in page


def test_worksheets_one_exercise_per_page(pdf_build):
    """The worksheets give each exercise a page of its own, with room to write."""
    reader = pdf(pdf_build, "testivirasto-worksheets-fi.pdf")
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) == 2 + 2 + 1  # cover, contents, two exercises, the session feedback form
    assert pages[2].lstrip().startswith("Parihaastattelu") and "Muistiinpanot" in pages[2]
    assert pages[3].lstrip().startswith("Tarinakierros") and "Muistiinpanot" in pages[3]
    assert pages[4].lstrip().startswith("Palaute tapaamisesta") and "Tapaaminen (numero ja päivä)" in pages[4]


def test_site_links_to_its_pdfs(pdf_build):
    """The home page of each language links to that language's PDFs, and they are in the site."""
    site = pdf_build / "agencies/testivirasto/site"
    home_fi = (site / "index.html").read_text(encoding="utf-8")
    home_en = (site / "en/index.html").read_text(encoding="utf-8")
    assert '<a href="pdf/testivirasto-mentor-handbook-fi.pdf">Oppimismentorin käsikirja (PDF)</a>' in home_fi
    assert '<a href="../pdf/testivirasto-worksheets-en.pdf">Worksheets (PDF)</a>' in home_en
    assert (site / "pdf/testivirasto-mentor-handbook-fi.pdf").is_file()
    # The agency's trainer guide is the trainer's: in pdf/, neither linked from nor copied into the mentors' site.
    assert (pdf_build / "agencies/testivirasto/pdf/testivirasto-trainer-guide-fi.pdf").is_file()
    assert not list(site.rglob("*trainer-guide*"))
    assert "trainer-guide" not in home_fi and "trainer-guide" not in home_en
    base_home = (pdf_build / "site/index.html").read_text(encoding="utf-8")
    assert '<a href="pdf/trainer-guide-fi.pdf">Kouluttajan opas (PDF)</a>' in base_home
    assert '<a href="pdf/workshop-handouts-fi.pdf">Edustajien työpajan tulosteet (PDF)</a>' in base_home
    assert '<a href="../pdf/worksheets-en.pdf">Worksheets (PDF)</a>' in (pdf_build / "site/en/index.html").read_text(encoding="utf-8")
    # The exercise index links the worksheets of every exercise.
    assert '<a href="../pdf/worksheets-fi.pdf">Harjoituspohjat (PDF)</a>' in (pdf_build / "site/exercises/index.html").read_text(encoding="utf-8")
    assert '<a href="../../pdf/worksheets-en.pdf">Worksheets (PDF)</a>' in (pdf_build / "site/en/exercises/index.html").read_text(encoding="utf-8")
    assert (pdf_build / "site/pdf/worksheets-en.pdf").is_file()
    # The trainer's page links what a trainer prints: a page one folder deeper on a web server than in a bundle.
    trainers_en = (pdf_build / "site/en/for-trainers/index.html").read_text(encoding="utf-8")
    for name in ("trainer-guide-en.pdf", "workshop-handouts-en.pdf", "worksheets-en.pdf", "round-templates-en.pdf"):
        assert f'<a href="../../pdf/{name}">' in trainers_en
    # A module's page opens each of its exercises' worksheets where it starts in the PDF, by its one name.
    core = (pdf_build / "site/mentor/mt-core/index.html").read_text(encoding="utf-8")
    assert '<a href="../../pdf/worksheets-fi.pdf#nameddest=exercises-ex-pair">' in core and "Tulosteet ja harjoituspohjat" in core


def test_rendering_refuses_the_network(tmp_path):
    """A reference to a remote resource fails the build instead of being fetched."""
    html = '<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>T</title></head><body><img src="https://example.org/x.png" alt="x"></body></html>'
    with pytest.raises(BuildError, match=r"refused to fetch https://example.org/x.png: handbooks are built without network access"):
        render_pdf(html, str(tmp_path / "x.pdf"))


def test_figures_print_at_two_thirds_of_the_text_width():
    """A module figure is laid out about 12 cm wide and centred on the A4 text column, not across its whole width."""
    figure = Path(__file__).resolve().parent.parent / "modules/mentor/mt-learning-in-work/figures/kolb-cycle-fi.svg"
    page = print_layout(f'<p>Teksti.</p><p><img src="{figure.as_uri()}" alt="Kolbin kehä"></p>')[0]
    image = next(box for box in layout_boxes(page._page_box) if type(box).__name__.endswith("ReplacedBox"))
    column = next(box for box in layout_boxes(page._page_box) if getattr(box, "element_tag", "") == "body")
    cm = 96 / 2.54
    assert 11.9 * cm <= image.width <= 12.1 * cm
    left, right = image.content_box_x() - column.content_box_x(), column.content_box_x() + column.width - (image.content_box_x() + image.width)
    assert abs(left - right) < 1, "centred"


def test_a_worker_does_not_grow_with_each_document(tmp_path):
    """A worker renders thousands of documents: rendering 60 more adds under 8 MB to the process (with a font configuration per document: 13 MB)."""
    script = tmp_path / "grow.py"
    script.write_text(
        """
import gc, sys
from mentorkit.render.pdf import render_pdf
html = '<html lang="fi"><head><title>T</title></head><body><h1>Otsikko</h1>' + '<p>Teksti\\u00e4 ja lis\\u00e4\\u00e4 teksti\\u00e4.</p>' * 40 + '</body></html>'
def rss():
    return next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmRSS')) // 1024
for i in range(20):
    render_pdf(html, sys.argv[1])
gc.collect(); start = rss()
for i in range(60):
    render_pdf(html, sys.argv[1])
gc.collect(); print(rss() - start)
""",
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "x.pdf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) < 8, f"the process grew by {result.stdout.strip()} MB over 60 documents"
