"""The PDFs at the edges of their text (issue 23): any word and any link wraps inside the paper, the
running headers keep apart, and characters no font has are named in a warning."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from conftest import AGENCY, copy_library, layout_boxes, print_layout

COMPOUND = "Lentokonesuihkuturbiinimoottoriapumekaanikkoaliupseerioppilas"[:56]
LINK = "https://example.fi/" + "polku/" * 38 + "loppu"
assert len(COMPOUND) == 56 and len(LINK) >= 250


@pytest.fixture(scope="module")
def handbook(tmp_path_factory) -> tuple[str, str]:
    """Return the mentor handbook's HTML (and its file name) for an agency with a long name, a long word and a long link."""
    from mentorkit.assemble.context import context_for
    from mentorkit.assemble.printdoc import compose_document
    from mentorkit.plan.documents import Kind, plan_documents
    from mentorkit.plan.manifest import plan_agency
    from mentorkit.validate.agency import load_agencies
    from mentorkit.validate.content import load_library

    root = copy_library(tmp_path_factory.mktemp("print") / "library")
    (root / "agencies").mkdir()
    text = AGENCY.replace("languages: [fi, en]", "languages: [fi]")
    text = text.replace("name: {fi: Testivirasto, en: Test Agency}", f"name: {{fi: {COMPOUND} Pitkänimisen Viraston Alueellinen Palveluyksikkö Etelä-Suomessa}}")
    text = text.replace("support: {fi: Kaverille tunti viikossa, en: An hour a week for the buddy}", f"support: {{fi: 'Katso {LINK}', en: x}}\n    description: {{fi: '{COMPOUND} 漢', en: y}}")
    (root / "agencies/a.yml").write_text(text, encoding="utf-8")
    library = load_library(root)
    (agency,) = load_agencies([root / "agencies/a.yml"], library=library, root=root)
    manifest = plan_agency(library, agency)
    (document,) = [d for d in plan_documents(manifest) if d.kind is Kind.MENTOR_HANDBOOK]
    return compose_document(context_for(library, manifest, agency=agency, lang=document.lang), document), document.filename


def test_every_word_and_link_wraps_inside_the_paper(handbook) -> None:
    """A 56-letter compound on the cover and a 250-character link in a goal stay within the page."""
    html, _ = handbook
    pages = print_layout(html)
    seen = ""
    for number, page in enumerate(pages, 1):
        width = page.width
        for box in layout_boxes(page._page_box):
            text = getattr(box, "text", None)
            if text:
                seen += text
                assert box.position_x + box.width <= width + 0.5, f"page {number}: {text[:40]!r} runs off the paper"
    assert COMPOUND[:20] in seen and "polku/polku" in seen


def test_running_headers_keep_apart() -> None:
    """The document title (left) and the chapter (right) of the running header never print over each other, however long."""
    name = COMPOUND + "koulutusohjelmapäällikkö"
    html = f'<html lang="fi"><body><div class="cover"><div class="doc-title">{name}</div></div><section class="chapter"><h1>{name} ja muut</h1><p>Teksti.</p></section></body></html>'
    page = print_layout(html)[1]
    boxes = {box.at_keyword: box for box in page._page_box.children if getattr(box, "at_keyword", None) in ("@top-left", "@top-right")}
    # The text as printed, not the boxes: a word too long for its box overflows it.
    left = [b for b in layout_boxes(boxes["@top-left"]) if getattr(b, "text", None)]
    right = [b for b in layout_boxes(boxes["@top-right"]) if getattr(b, "text", None)]
    assert left and right
    assert max(b.position_x + b.width for b in left) <= min(b.position_x for b in right)
    assert max(b.position_x + b.width for b in right) <= page.width


def test_characters_no_font_has_are_warned_about(handbook, tmp_path: Path, caplog) -> None:
    """A character no installed font can draw is named in a warning, not left as a silent empty box."""
    from mentorkit.render.pdf import render_pdf

    html, filename = handbook
    with caplog.at_level(logging.WARNING):
        render_pdf(html, str(tmp_path / filename))
    assert [r.getMessage() for r in caplog.records if "no font here" in r.getMessage()] == [
        f"warning: {filename}: no font here can draw '漢' U+6F22 CJK UNIFIED IDEOGRAPH-6F22; they print as empty boxes: "
        "write them otherwise, or install a font that has them (fc-list ':charset=6f22')"
    ]
