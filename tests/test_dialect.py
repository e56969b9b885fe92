"""Our Markdown dialect, parsed by Python-Markdown: links by id, code, goal titles and worksheets."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import AGENCY, edit, problems_of, run_cli
from mentorkit.assemble.context import context_for
from mentorkit.assemble.printdoc import compose_document
from mentorkit.dialect import ESCAPED_CHARS, MARKDOWN_EXTENSIONS, new_markdown
from mentorkit.plan.documents import Kind, plan_documents
from mentorkit.plan.manifest import plan_agency
from mentorkit.render.pdf import render_pdf
from mentorkit.validate.agency import load_agencies
from mentorkit.validate.content import load_library
from quality import page_text, parse_page, resolve_url

CORE_EN = "modules/mentor/mt-core/en.md"
CORE_FI = "modules/mentor/mt-core/fi.md"
OTHER_AGENCY = AGENCY.replace("testivirasto", "toinen-virasto").replace("themes: [onboarding]", "themes: [psychological-safety]").replace(
    "peer-learning-practices: 2", "peer-learning-practices: 4"
)
"""An agency whose selection leaves mt-onboarding out."""


def test_link_text_inside_code_is_not_checked(library_root):
    """Inline code that looks like a link is text, and `check` leaves it alone."""
    edit(library_root, CORE_FI, "Katso myös", "Kirjoita linkki näin: `[x](module:ei-ole)`. Katso myös")
    edit(library_root, CORE_EN, "See also", "Write a link like this: `[x](module:ei-ole)`. See also")
    assert load_library(library_root).module("mt-core")


def test_wrapped_link_to_a_missing_module_is_reported(library_root):
    """A link whose text wraps onto the next line is checked like any other, at the line of its target."""
    edit(library_root, CORE_FI, "[perehdytysmoduuli](module:mt-onboarding)", "[perehdytys-\nmoduuli](module:mt-ei-ole)")
    assert f"{CORE_FI}:18: body: link to module:mt-ei-ole, which does not exist; expected the id of an existing module, e.g. (module:mt-psych-safety)" in problems_of(library_root)


@pytest.mark.slow
def test_wrapped_link_ships_as_a_link_or_as_text(library_root):
    """A wrapped link works in the base site and, where the agency left its target out, is text that names no id."""
    edit(library_root, CORE_EN, "[the onboarding module](module:mt-onboarding)", "[the onboarding\nmodule](module:mt-onboarding)")
    (library_root / "agencies").mkdir()
    (library_root / "agencies" / "toinen.yml").write_text(OTHER_AGENCY, encoding="utf-8")
    result = run_cli("build", "--all", "--no-pdf", "--root", str(library_root))
    assert result.returncode == 0, result.stderr
    base = library_root / "dist/site"
    page = base / "en/mentor/mt-core/index.html"
    targets = {resolve_url(base, page, url) for _line, tag, _attribute, url in parse_page(page).urls if tag == "a" and "onboarding" in url}
    assert targets == {base / "en/mentor/mt-onboarding/index.html"} and "module:" not in page.read_text(encoding="utf-8")
    agency_page = library_root / "dist/agencies/toinen-virasto/site/en/mentor/mt-core/index.html"
    assert "See also the onboarding module and" in page_text(agency_page)
    html = agency_page.read_text(encoding="utf-8")
    assert "module:" not in html and "mt-onboarding" not in html


def test_goal_title_reaches_the_pdf_as_written(library_root, tmp_path):
    """Text that looks like an HTML attribute in a goal title is printed exactly as written."""
    path = library_root / "agencies" / "testivirasto.yml"
    path.parent.mkdir()
    path.write_text(AGENCY.replace("en: A buddy for every newcomer}", "en: 'A form with id=\"name\"'}"), encoding="utf-8")
    library = load_library(library_root)
    agency = load_agencies([path], library=library, root=library_root)[0]
    manifest = plan_agency(library, agency)
    document = next(d for d in plan_documents(manifest) if d.kind is Kind.MENTOR_HANDBOOK and d.lang == "en")
    html = compose_document(context_for(library, manifest, agency=agency, lang="en"), document)
    render_pdf(html, str(tmp_path / "handbook.pdf"))
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "handbook.pdf").pages)
    assert 'A form with id="name"' in text
    assert "agency--name" not in text and "--name" not in text


class _Steps(HTMLParser):
    """Record, for each list item, whether it is inside the worksheet's steps and whether it has the class itself."""

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.items: list[tuple[bool, bool]] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "li":
            self.items.append((any(self.stack), "worksheet-steps" in classes))
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self.stack.append("worksheet-steps" in classes)

    def handle_endtag(self, tag):
        if self.stack and tag not in ("br", "img", "input", "meta", "link", "hr"):
            self.stack.pop()


def test_every_worksheet_step_prints_alike(library_root, agency_file):
    """The steps of a worksheet are one list in one style: the class is on the list's wrapper, not on its last step."""
    library = load_library(library_root)
    agency = load_agencies([agency_file], library=library, root=library_root)[0]
    manifest = plan_agency(library, agency)
    document = next(d for d in plan_documents(manifest) if d.kind is Kind.WORKSHEETS and d.lang == "fi")
    parser = _Steps()
    parser.feed(compose_document(context_for(library, manifest, agency=agency, lang="fi"), document))
    steps = sum(len(library.exercises[e].text["fi"].steps) for e in manifest.exercises)
    assert parser.items.count((True, False)) == steps
    assert not any(own for _inside, own in parser.items)


def test_escape_set_follows_the_extension_list():
    """The characters escaped in plain text are exactly those the extension list lets a backslash make literal."""
    md = new_markdown()
    assert set(ESCAPED_CHARS) == set(md.ESCAPED_CHARS)
    assert "|" in ESCAPED_CHARS and any(e == "tables" for e in MARKDOWN_EXTENSIONS)


def test_agency_name_reaches_the_pdf_exactly_as_written(library_root, tmp_path, caplog):
    """Hyphens, '&', quotes and Finnish letters of a name are printed as written in the contents, headers, bookmarks and body."""
    name = 'Valtion IT-palvelukeskus "Kide" & Etelä-Savon ELY-keskus'
    path = library_root / "agencies" / "testivirasto.yml"
    path.parent.mkdir()
    path.write_text(AGENCY.replace("name: {fi: Testivirasto,", f"name: {{fi: '{name}',"), encoding="utf-8")
    library = load_library(library_root)
    agency = load_agencies([path], library=library, root=library_root)[0]
    manifest = plan_agency(library, agency)
    document = next(d for d in plan_documents(manifest) if d.kind is Kind.MENTOR_HANDBOOK and d.lang == "fi")
    html = compose_document(context_for(library, manifest, agency=agency, lang="fi"), document)
    assert "\x02" not in html and "\x03" not in html
    with caplog.at_level("WARNING"):
        render_pdf(html, str(tmp_path / "handbook.pdf"))
    assert not [r for r in caplog.records if "notdef" in r.getMessage()]
    reader = PdfReader(tmp_path / "handbook.pdf")
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    contents = next(page for page in pages if "Sisällys" in page)
    assert name in contents  # the contents lists the agency chapter by its name
    assert sum(name in page for page in pages) >= 3  # the cover, the contents, the chapter's heading
    assert name in [item.title for item in reader.outline if not isinstance(item, list)]
    assert reader.metadata.title == f"{name}: Oppimismentorin käsikirja"


TABLES = """# Tuki

| Kenen puoleen | Mihin asioihin |
|---|---|
| Työterveyshuolto | terveys, *jaksaminen* |
"""


def test_a_site_table_sits_in_a_named_focusable_region_and_a_pdf_table_does_not():
    """On the site a table's region is named by the heading above it (by its column headings when none is); a PDF chapter keeps the bare table."""
    from mentorkit.dialect import Dialect

    dialect = Dialect(links={}, keep_facilitator=True, titles={})
    site = new_markdown(dialect, lang="fi").convert(TABLES)
    assert '<h1 id="tuki">Tuki</h1>\n<div aria-labelledby="tuki" class="mk-scroll" role="region" tabindex="0">\n<table>' in site
    assert site.count('role="region"') == 1 and site.rstrip().endswith("</table>\n</div>")
    headless = new_markdown(dialect, lang="fi").convert(TABLES.replace("# Tuki\n", ""))
    assert headless.startswith('<div aria-label="Kenen puoleen, Mihin asioihin" class="mk-scroll" role="region" tabindex="0">\n<table>')
    chapter = new_markdown(dialect, page="mentor/mt-psych-safety.md", lang="fi").convert(TABLES)
    assert "<table>" in chapter and "region" not in chapter
