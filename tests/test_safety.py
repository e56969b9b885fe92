"""Content cannot smuggle scripts, outside requests, control characters or colliding ids into the site."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import copy_built, edit, problems_of, run_cli

FI = "modules/mentor/mt-core/fi.md"
END = "Lopuksi [harjoitus](exercise:ex-pair)."
"""The last line of the fixture module's Finnish body (line 27); cases append after it."""
NO_HTML = "expected Markdown only (the material allows no HTML: it could run scripts or call other hosts), e.g. **bold**, [text](https://…) or ![Alt text](figures/name.svg)"

CASES = {
    "live script": (FI, END, END + "\n\n<script>alert(1)</script>", [
        f"modules/mentor/mt-core/fi.md:29: body: raw HTML <script>; {NO_HTML}",
    ]),
    "the same script twice, each at its line": (FI, END, END + "\n\n<script>alert(1)</script>\n\nVälissä.\n\n<script>alert(1)</script>", [
        f"modules/mentor/mt-core/fi.md:29: body: raw HTML <script>; {NO_HTML}",
        f"modules/mentor/mt-core/fi.md:33: body: raw HTML <script>; {NO_HTML}",
    ]),
    "iframe from another host": (FI, END, END + '\n\n<iframe src="https://evil.example/"></iframe>', [
        f"modules/mentor/mt-core/fi.md:29: body: raw HTML <iframe>; {NO_HTML}",
    ]),
    "event handler on a tracker image, split over lines": (FI, END, END + '\n\n<img\n  src="https://tracker.example/p.gif" onerror="steal()">', [
        f"modules/mentor/mt-core/fi.md:29: body: raw HTML <img> with the event handler onerror=; {NO_HTML}",
    ]),
    "HTML comment": (FI, END, END + "\n\n<!-- piilossa -->", [
        "modules/mentor/mt-core/fi.md:29: body: an HTML comment <!-- … -->; expected no HTML in the material: delete the comment",
    ]),
    "a lone closing tag": (FI, END, END + "\n\nteksti</div>", [
        "modules/mentor/mt-core/fi.md:29: body: raw HTML </div>; expected Markdown only (the material allows no HTML), e.g. **bold**",
    ]),
    "HTML in a front-matter title": (FI, "title: Mentorin rooli", "title: Mentorin <b>rooli</b>", [
        f"modules/mentor/mt-core/fi.md:2: title: raw HTML <b>; {NO_HTML}",
    ]),
    "HTML in a page body": ("docs/fi/privacy.md", "Sivusto ei käytä evästeitä.", 'Sivusto <span onclick="x()">ei</span> käytä evästeitä.', [
        f"docs/fi/privacy.md:5: body: raw HTML <span> with the event handler onclick=; {NO_HTML}",
    ]),
    "javascript: link, reference style": (FI, END, END + "\n\n[klikkaa][x]\n\n[x]: javascript:alert(1)", [
        "modules/mentor/mt-core/fi.md:31: body: unknown link kind 'javascript:'; expected one of: module:, exercise:, page:, ref:, term: or https:, e.g. (module:mt-psych-safety)",
    ]),
    "javascript: link written with a character reference": (FI, END, END + "\n\n[klikkaa](&#106;avascript:alert(1))", [
        "modules/mentor/mt-core/fi.md:29: body: unknown link kind 'javascript:'; expected one of: module:, exercise:, page:, ref:, term: or https:, e.g. (module:mt-psych-safety)",
    ]),
    "javascript: link, inline": (FI, END, END + "\n\n[klikkaa](javascript:alert(1))", [
        "modules/mentor/mt-core/fi.md:29: body: unknown link kind 'javascript:'; expected one of: module:, exercise:, page:, ref:, term: or https:, e.g. (module:mt-psych-safety)",
    ]),
    "reference-style link to a file path": (FI, END, END + "\n\n[sanasto][s]\n\n[s]: ../glossary.md", [
        "modules/mentor/mt-core/fi.md:31: body: link to the file path '../glossary.md'; expected a link by id, e.g. (page:glossary) or (module:mt-psych-safety)",
    ]),
    "remote image": (FI, END, END + "\n\n![kuva](https://tracker.example/p.png)", [
        "modules/mentor/mt-core/fi.md:29: body: a remote image https://tracker.example/p.png; expected a figure of the module (readers' browsers must not call other hosts), e.g. ![Alt text](figures/name.svg)",
    ]),
    "image in an exercise": ("exercises/ex-pair/fi.md", "---\n\n", "---\n\n![kuva](figures/kaavio.svg)\n\n", [
        "exercises/ex-pair/fi.md:15: body: an image 'figures/kaavio.svg' here; expected images only in module bodies, as ![Alt text](figures/name.svg)",
    ]),
    "event handler in an attribute list": (FI, END, END + '\n\nTeksti\n{: onclick="x()" }', [
        "modules/mentor/mt-core/fi.md:30: body: attribute onclick= in {: onclick=\"x()\" }; expected only classes and ids in an attribute list, e.g. {: .mk-lead }",
    ]),
    "NUL in the body": (FI, END, END + "\n\nLop\x00uksi", [
        "modules/mentor/mt-core/fi.md:29: control character U+0000; expected printable text only: delete it (it is invisible in most editors)",
    ]),
    "NUL in the front matter": (FI, "title: Mentorin rooli", "title: Mentorin\x00 rooli", [
        "modules/mentor/mt-core/fi.md:2: control character U+0000; expected printable text only: delete it (it is invisible in most editors)",
    ]),
    "escape character in a page": ("docs/fi/privacy.md", "ei käytä", "ei\x1b[31m käytä", [
        "docs/fi/privacy.md:5: control character U+001B; expected printable text only: delete it (it is invisible in most editors)",
    ]),
    "unclosed front matter": ("docs/fi/privacy.md", "title: Tietosuojaseloste\n---\n", "title: Tietosuojaseloste\n", [
        "docs/fi/privacy.md:1: front matter is not closed; expected a line --- after the front matter's last key, e.g. ---\\ntitle: …\\n---",
    ]),
    "setext level-1 heading": (FI, END, END + "\n\nOtsikko\n=======", [
        "modules/mentor/mt-core/fi.md:29: body: a level-1 heading; expected headings from ## down (the page title comes from the front matter title), e.g. ## Taustaa",
    ]),
    "skipped heading level": (FI, "## Taustaa", "#### Taustaa", [
        "modules/mentor/mt-core/fi.md:14: body: a level-4 heading after level 1; expected no skipped heading level, e.g. ## instead of ####",
    ]),
    "skipped level after a setext heading": (FI, END, END + "\n\nLisää\n-----\n\n#### Pieni", [
        "modules/mentor/mt-core/fi.md:32: body: a level-4 heading after level 2; expected no skipped heading level, e.g. ### instead of ####",
    ]),
    "script after a four-backtick fence that holds a three-backtick line": (FI, END, END + "\n\n````\n```\n````\n\n<script>alert(1)</script>", [
        f"modules/mentor/mt-core/fi.md:33: body: raw HTML <script>; {NO_HTML}",
    ]),
    "remote image, reference style": (FI, END, END + "\n\n![kuva][k]\n\n[k]: https://tracker.example/p.png", [
        "modules/mentor/mt-core/fi.md:31: body: a remote image https://tracker.example/p.png; expected a figure of the module (readers' browsers must not call other hosts), e.g. ![Alt text](figures/name.svg)",
    ]),
    "protocol-relative image": (FI, END, END + "\n\n![kuva](//tracker.example/p.png)", [
        "modules/mentor/mt-core/fi.md:29: body: a remote image //tracker.example/p.png; expected a figure of the module (readers' browsers must not call other hosts), e.g. ![Alt text](figures/name.svg)",
    ]),
    "link by id to a missing module, written with spaces": (FI, END, END + "\n\n[teksti]( module:ei-ole )", [
        "modules/mentor/mt-core/fi.md:29: body: link to module:ei-ole, which does not exist; expected the id of an existing module, e.g. (module:mt-psych-safety)",
    ]),
    "style set by an attribute list on a heading": (FI, "## Taustaa", '## Taustaa {: style="background:url(https://tracker.example/p.png)" }', [
        "modules/mentor/mt-core/fi.md:14: body: attribute style= in {: style=\"background:url(https://tracker.example/p.png)\" }; expected only classes and ids in an attribute list, e.g. {: .mk-lead }",
    ]),
    "script inside a teaching block": (FI, "!!! reflection\n", "!!! reflection\n    <script>alert(1)</script>\n", [
        f"modules/mentor/mt-core/fi.md:20: body: raw HTML <script>; {NO_HTML}",
    ]),
    "script in a glossary definition": ("data/glossary.yml", "definition: Kokemuksen kautta syntynyttä osaamista.", "definition: Kokemuksen kautta <script>window.X=1</script>", [
        f"data/glossary.yml:2: [0].fi.definition: raw HTML <script>; {NO_HTML}",
    ]),
    "remote image in a reference's citation": ("data/references.yml", "*Studies in Continuing Education*", "![x](https://tracker.example/p.png)", [
        "data/references.yml:2: [0].citation: a remote image https://tracker.example/p.png; expected a figure of the module (readers' browsers must not call other hosts), e.g. ![Alt text](figures/name.svg)",
    ]),
    "event handler in a theme's label": ("data/themes.yml", "label: {fi: Perehdytys,", 'label: {fi: "<b onmouseover=x()>Perehdytys</b>",', [
        f"data/themes.yml:2: [0].label.fi: raw HTML <b> with the event handler onmouseover=; {NO_HTML}",
    ]),
    "link by id to a missing module in a glossary definition": ("data/glossary.yml", "definition: Kokemuksen kautta syntynyttä osaamista.", "definition: \"Katso [moduuli](module:ei-ole).\"", [
        "data/glossary.yml:2: [0].fi.definition: link to module:ei-ole, which does not exist; expected the id of an existing module",
    ]),
    "broken anchor": (FI, END, END + "\n\n[ylös](#alku)", [
        "modules/mentor/mt-core/fi.md:29: body: link to #alku, which is not a heading of this page; expected the anchor of a heading here, e.g. (#taustaa)",
    ]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_unsafe_content_reports_exact_problem(library_root, case):
    """Each planted fault gets exactly its message, at the Markdown file and line."""
    path, old, new, expected = CASES[case]
    edit(library_root, path, old, new)
    assert problems_of(library_root) == expected


def test_what_looks_like_html_but_is_not_passes(library_root):
    """Code spans, fenced code, autolinks, 'a < b' and a working anchor are not raw HTML or broken links."""
    edit(library_root, FI, END, END + "\n\n[ylös](#taustaa), `<b>` ja <https://example.fi/> sekä <maija@example.fi>, a < b ja 3 > 2.\n\n```\n<script>koodia</script>\n```")
    from mentorkit.validate.content import load_library

    assert load_library(library_root).module("mt-core").text["fi"].body.markdown.count("<script>") == 1


def test_code_that_holds_html_is_not_raw_html(library_root):
    """An indented code block holding <div> and a ~~~ fence holding a ``` line are code, as the parser reads them."""
    edit(library_root, FI, END, END + "\n\nEsimerkki:\n\n    <div>\n\n~~~\n```\n<div>\n~~~\n\nLoppu <b>x</b>")
    assert problems_of(library_root) == [f"modules/mentor/mt-core/fi.md:38: body: raw HTML <b>; {NO_HTML}"]


def test_bom_gets_its_own_message(library_root):
    """A byte order mark is named, not reported as 'no front matter'."""
    path = library_root / FI
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems_of(library_root) == [
        "modules/mentor/mt-core/fi.md:1: starts with a byte order mark (BOM); expected UTF-8 without BOM: save the file as plain UTF-8",
    ]


def test_symlink_out_of_the_project_is_never_read(library_root, tmp_path):
    """A page that is a link to a file outside the project is refused, and its content never appears."""
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: SALAISUUS\n---\n\nSALAISUUS <script>x</script>\n", encoding="utf-8")
    page = library_root / "docs/fi/privacy.md"
    page.unlink()
    os.symlink(secret, page)
    result = run_cli("check", "--root", str(library_root))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"docs/fi/privacy.md: a symbolic link to {secret}, outside the project; expected the file itself inside the project (links out are never read)",
        "Aborted with 1 error in 1 file; nothing was written.",
    ]


def test_symlinked_module_folder_out_of_the_project(library_root, tmp_path):
    """A module folder linked from outside is refused as a whole."""
    shutil.copytree(library_root / "modules/mentor/mt-core", tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", library_root / "modules/mentor/mt-x")
    assert problems_of(library_root) == [
        f"modules/mentor/mt-x: a symbolic link to {tmp_path / 'elsewhere'}, outside the project; expected the file itself inside the project (links out are never read)",
    ]


def test_symlink_inside_the_project_is_allowed(library_root):
    """A link that stays inside the project is ordinary content."""
    page = library_root / "docs/en/privacy.md"
    shutil.move(page, library_root / "privacy-en.md")
    os.symlink(library_root / "privacy-en.md", page)
    from mentorkit.validate.content import load_library

    assert load_library(library_root).page("privacy").text["en"].title


def test_subfolder_in_a_module_folder(library_root):
    """An images/ folder is a clear error, not IsADirectoryError in the build."""
    (library_root / "modules/mentor/mt-core/images").mkdir()
    (library_root / "exercises/ex-pair/img").mkdir()
    assert problems_of(library_root) == [
        "exercises/ex-pair/img: a folder 'img' where only files belong; expected only exercise.yml and the translations (fi.md, en.md …) in an exercise folder, e.g. an image as modules/<track>/<id>/figures/<name>.svg",
        "modules/mentor/mt-core/images: a folder 'images' where only files belong; expected only module.yml, the translations (fi.md, en.md …) and figures/ in a module folder, e.g. an image as modules/<track>/<id>/figures/<name>.svg",
    ]


def test_folder_where_a_file_belongs(library_root):
    """A folder named like a translation or the facts file is reported as what it is."""
    (library_root / "docs/fi/privacy.md").unlink()
    (library_root / "docs/fi/privacy.md").mkdir()
    (library_root / "modules/mentor/mt-core/module.yml").unlink()
    (library_root / "modules/mentor/mt-core/module.yml").mkdir()
    assert problems_of(library_root) == [
        "docs/fi/privacy.md: is a folder; expected a file here, e.g. privacy.md as a text file",
        "modules/mentor/mt-core/module.yml: is a folder; expected a file here, e.g. module.yml as a text file",
    ]


def test_unsafe_exercise_folder_name(library_root):
    """An exercise folder is its id: it must be a safe one."""
    shutil.copytree(library_root / "exercises/ex-pair", library_root / "exercises/Ex_Pair")
    assert problems_of(library_root) == [
        "exercises/Ex_Pair: 'Ex_Pair' is not a safe exercise id; expected lower-case letters a–z, digits and single hyphens, e.g. ex-pair",
    ]


def test_same_module_id_in_two_tracks(library_root):
    """Two module folders of one id in different tracks collide in links and the manifest."""
    shutil.copytree(library_root / "modules/mentor/mt-onboarding", library_root / "modules/workshop/mt-onboarding")
    edit(library_root, "modules/workshop/mt-onboarding/module.yml", "track: mentor", "track: workshop")
    assert problems_of(library_root) == [
        "modules/workshop/mt-onboarding: module id 'mt-onboarding' is also used in modules/mentor/; expected a unique module id across the tracks",
    ]


RESERVED = "a name the built site uses itself; expected another id, not one of: 404, assets, cohort, exercises, goal-form, index, javascripts, mentor, modules, pagefind, pdf, search, sitemap, stylesheets, workshop or a site language"


@pytest.mark.parametrize("name", ["search", "en", "index", "assets"])
def test_exercise_id_that_the_site_uses(library_root, name):
    """An exercise named like a folder or page of the built site would overwrite it."""
    shutil.copytree(library_root / "exercises/ex-story", library_root / f"exercises/{name}")
    assert problems_of(library_root) == [f"exercises/{name}: exercise id '{name}' is {RESERVED}"]


def test_module_id_that_the_site_uses(library_root):
    """A module named 'pagefind' would overwrite the search index."""
    shutil.move(library_root / "modules/mentor/mt-onboarding", library_root / "modules/mentor/pagefind")
    edit(library_root, "modules/mentor/pagefind/module.yml", "id: mt-onboarding", "id: pagefind")
    for lang in ("fi", "en"):
        edit(library_root, f"modules/mentor/mt-core/{lang}.md", "(module:mt-onboarding)", "(module:pagefind)")
    assert problems_of(library_root) == [f"modules/mentor/pagefind: module id 'pagefind' is {RESERVED}"]


def test_page_id_that_the_site_uses(library_root):
    """A site page called 'search' collides with the search page."""
    edit(library_root, "data/site.yml", "- id: programme", "- id: programme\n  - id: search")
    for lang in ("fi", "en"):
        shutil.copy(library_root / f"docs/{lang}/programme.md", library_root / f"docs/{lang}/search.md")
    assert problems_of(library_root) == [f"data/site.yml: pages: page id 'search' is {RESERVED}"]


def test_real_content_passes_the_new_rules(repo_checked):
    """The project's own material meets every rule here (`mentorkit check` on it, run once a session)."""
    result = repo_checked
    assert result.returncode == 0, result.stderr


FIGURE = """<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 240 60" width="240" height="60">
  <title>Oppimisen kehä</title>
  <rect x="1" y="1" width="238" height="58" fill="none" stroke="#000"/>
  <text x="12" y="36" font-size="16">KEHAKUVIO</text>
</svg>
""".encode()
FIGURE_RULE = 'expected a self-contained SVG drawing: <svg role="img"> with a <title>, no scripts, event handlers, <foreignObject> or links out, e.g. <svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 400 200"><title>Mentoring cycle</title>…</svg>'
CORE = "modules/mentor/mt-core"


def plant_figure(root, data: bytes = FIGURE, *, name: str = "oppimisen-keha.svg", alt: str = "Oppimisen kehä: kokeile, pohdi, jaa") -> None:
    """Put a figure into the fixture module mt-core and show it in both languages."""
    (root / CORE / "figures").mkdir(exist_ok=True)
    (root / CORE / "figures" / name).write_bytes(data)
    edit(root, f"{CORE}/fi.md", END, f"{END}\n\n![{alt}](figures/oppimisen-keha.svg)")
    edit(root, f"{CORE}/en.md", "[the exercise](exercise:ex-pair).", "[the exercise](exercise:ex-pair).\n\n![The learning cycle: try, reflect, share](figures/oppimisen-keha.svg)")


def test_a_valid_figure_passes(library_root):
    """A module's SVG figure with role, title and alt text is valid content."""
    plant_figure(library_root)
    from mentorkit.validate.content import load_library

    assert "figures/oppimisen-keha.svg" in load_library(library_root).module("mt-core").text["fi"].body.markdown


FIGURE_CASES = {
    "script": (FIGURE.replace(b"</svg>", b"<script>alert(1)</script></svg>"), [f"{CORE}/figures/oppimisen-keha.svg:5: <script> in a figure; {FIGURE_RULE}"]),
    "event handler": (FIGURE.replace(b"<rect ", b'<rect onclick="x()" '), [f"{CORE}/figures/oppimisen-keha.svg:3: the event handler onclick= on <rect>; {FIGURE_RULE}"]),
    "external image": (FIGURE.replace(b"</svg>", b'<image xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://tracker.example/p.png"/></svg>'), [
        f"{CORE}/figures/oppimisen-keha.svg:5: <image> in a figure; {FIGURE_RULE}",
    ]),
    "foreignObject": (FIGURE.replace(b"</svg>", b"<foreignObject><p>x</p></foreignObject></svg>"), [f"{CORE}/figures/oppimisen-keha.svg:5: <foreignObject> in a figure; {FIGURE_RULE}"]),
    "XHTML iframe with a javascript: source": (FIGURE.replace(b"</svg>", b'<iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></svg>'), [
        f"{CORE}/figures/oppimisen-keha.svg:5: <iframe> of the namespace http://www.w3.org/1999/xhtml in a figure; {FIGURE_RULE}",
    ]),
    "animation that sets a link at run time": (FIGURE.replace(b"<rect ", b'<a href="#k"><animate attributeName="href" to="javascript:alert(1)"/></a><rect '), [
        f"{CORE}/figures/oppimisen-keha.svg:3: <a> in a figure; {FIGURE_RULE}",
    ]),
    "set that targets xlink:href": (FIGURE.replace(b"</svg>", b'<set attributeName="xlink:href" to="https://evil.example/"/></svg>'), [
        f"{CORE}/figures/oppimisen-keha.svg:5: <set> in a figure; {FIGURE_RULE}",
    ]),
    "fill that fetches": (FIGURE.replace(b'fill="none"', b'fill="url(https://tracker.example/p.svg#g)"'), [
        f"{CORE}/figures/oppimisen-keha.svg:3: the attribute fill= that fetches 'url(https://tracker.example/p.svg#g)' on <rect>; {FIGURE_RULE}",
    ]),
    "link via use to another file": (FIGURE.replace(b"</svg>", b'<use href="other.svg#x"/></svg>'), [
        f'{CORE}/figures/oppimisen-keha.svg:5: a link out of the figure (href="other.svg#x") on <use>; {FIGURE_RULE}',
    ]),
    "attribute of another namespace": (FIGURE.replace(b"<rect ", b'<rect xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="click" '), [
        f"{CORE}/figures/oppimisen-keha.svg:3: the attribute event= on <rect>; {FIGURE_RULE}",
    ]),
    "style that fetches": (FIGURE.replace(b"</svg>", b"<style>@import url(https://fonts.example/x.css);</style></svg>"), [
        f"{CORE}/figures/oppimisen-keha.svg:5: a <style> that fetches from outside the figure; {FIGURE_RULE}",
    ]),
    "no role and no title": (FIGURE.replace(b' role="img"', b"").replace(b"  <title>Oppimisen keh\xc3\xa4</title>\n", b""), [
        f'{CORE}/figures/oppimisen-keha.svg:1: <svg> has no <title> child (the name screen readers announce); {FIGURE_RULE}',
        f'{CORE}/figures/oppimisen-keha.svg:1: <svg> has no role="img" (screen readers need it to announce the figure); {FIGURE_RULE}',
    ]),
    "entity bomb": (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>' + FIGURE, [
        f"{CORE}/figures/oppimisen-keha.svg: has a DOCTYPE or entity declarations (they can expand without bound or fetch files); {FIGURE_RULE}",
    ]),
    "not XML": (FIGURE.replace(b"</svg>", b""), [f"{CORE}/figures/oppimisen-keha.svg:6: is not well-formed XML (no element found); {FIGURE_RULE}"]),
    "not SVG": (b"<html><title>x</title></html>", [f'{CORE}/figures/oppimisen-keha.svg:1: is not an SVG drawing (its root is not <svg xmlns="http://www.w3.org/2000/svg">); {FIGURE_RULE}']),
}


@pytest.mark.parametrize("case", FIGURE_CASES, ids=list(FIGURE_CASES))
def test_unsafe_figure(library_root, case):
    """An SVG figure is read by an XML parser: anything that could run, fetch or go unannounced is refused."""
    data, expected = FIGURE_CASES[case]
    plant_figure(library_root, data)
    assert problems_of(library_root) == expected


def test_figure_without_alt_text(library_root):
    """A figure needs alt text: it is the figure for a reader who cannot see it."""
    plant_figure(library_root, alt=" ")
    assert problems_of(library_root) == [
        f"{CORE}/fi.md:29: body: the figure figures/oppimisen-keha.svg has no alt text; expected a short description of what it shows, e.g. ![Mentoring cycle in four steps](figures/oppimisen-keha.svg)",
    ]


def test_missing_figure_and_bad_names(library_root):
    """A reference to a figure that is not there, and a file in figures/ that is not a figure."""
    plant_figure(library_root, name="Kehä.png")
    assert problems_of(library_root) == [
        f"{CORE}/en.md:29: body: the figure figures/oppimisen-keha.svg does not exist; expected one of the module's figures/*.svg",
        f"{CORE}/fi.md:29: body: the figure figures/oppimisen-keha.svg does not exist; expected one of the module's figures/*.svg",
        f"{CORE}/figures/Kehä.png: 'Kehä.png' is not a figure; expected figures/<name>.svg with a safe name (lower-case letters a–z, digits and single hyphens), e.g. figures/keh.svg",
    ]


@pytest.mark.slow
def test_figure_appears_in_the_page_and_the_pdf(pdf_base, tmp_path):
    """A planted figure is copied next to the module page, shown with its alt text, and drawn in the PDF."""
    from pypdf import PdfReader

    # The fixture built with its PDFs (conftest's pdf_base, copied): the build renders again what reads the module.
    library_root = copy_built(pdf_base, tmp_path / "library")
    plant_figure(library_root)
    result = run_cli("build", "--root", str(library_root))
    assert result.returncode == 0, result.stderr
    site = library_root / "dist/site"
    page = (site / "mentor/mt-core/index.html").read_text(encoding="utf-8")
    assert '<img alt="Oppimisen kehä: kokeile, pohdi, jaa" src="figures/oppimisen-keha.svg"' in page
    assert (site / "mentor/mt-core/figures/oppimisen-keha.svg").read_bytes() == FIGURE
    english = (site / "en/mentor/mt-core/index.html").read_text(encoding="utf-8")
    assert '<img alt="The learning cycle: try, reflect, share" src="figures/oppimisen-keha.svg"' in english
    assert (site / "en/mentor/mt-core/figures/oppimisen-keha.svg").read_bytes() == FIGURE
    guide = PdfReader(site / "pdf/trainer-guide-fi.pdf")
    assert any("KEHAKUVIO" in p.extract_text() and "Mentorin rooli" in p.extract_text() for p in guide.pages)


def test_broken_anchor_in_a_link_by_id(library_root):
    """A link to a heading of another module is checked against that module's headings, in the same language."""
    edit(library_root, FI, "(module:mt-onboarding)", "(module:mt-onboarding#ei-ole)")
    edit(library_root, "modules/mentor/mt-core/en.md", "(module:mt-onboarding)", "(module:mt-onboarding#background)")
    assert problems_of(library_root) == [
        "modules/mentor/mt-core/fi.md:17: body: link to module:mt-onboarding#ei-ole, which is not a heading there; expected the anchor of a heading in modules/mentor/mt-onboarding/fi.md, e.g. (module:mt-onboarding#taustaa)",
    ]


def test_anchor_of_a_generated_heading_is_allowed(library_root):
    """The Sources section the assembler adds to every module page is a valid anchor."""
    edit(library_root, FI, "(module:mt-onboarding)", "(module:mt-onboarding#lahteet)")
    from mentorkit.validate.content import load_library

    assert load_library(library_root).module("mt-core")


def test_changed_figure_changes_the_content_hash(library_root):
    """Loading records each figure's digest, so editing only a figure makes the variant's output stale."""
    from mentorkit.plan.manifest import plan_base
    from mentorkit.validate.content import load_library

    plant_figure(library_root)
    before = plan_base(load_library(library_root)).content_hash
    (library_root / CORE / "figures/oppimisen-keha.svg").write_bytes(FIGURE.replace(b"</svg>", b"<circle r=\"2\"/></svg>"))
    assert plan_base(load_library(library_root)).content_hash != before


def test_what_is_published_is_the_figure_that_was_checked(library_root, tmp_path):
    """A figure replaced on disk after check is not published: the site and the PDF get the bytes that were checked."""
    from mentorkit.assemble.context import context_for
    from mentorkit.assemble.printdoc import compose_document
    from mentorkit.assemble.staging import stage_figures
    from mentorkit.plan.documents import plan_documents
    from mentorkit.plan.manifest import plan_base
    from mentorkit.validate.content import load_library

    plant_figure(library_root)
    library = load_library(library_root)
    manifest = plan_base(library)
    (library_root / CORE / "figures/oppimisen-keha.svg").write_bytes(FIGURE.replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    stage_figures(library, manifest, docs=tmp_path)
    assert (tmp_path / "mentor/mt-core/figures/oppimisen-keha.svg").read_bytes() == FIGURE
    document = next(d for d in plan_documents(manifest) if d.lang == "fi")
    html = compose_document(context_for(library, manifest, agency=None, lang="fi"), document)
    assert "data:image/svg+xml;base64," in html and "file:" not in html
