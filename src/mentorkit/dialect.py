"""Our Markdown dialect, parsed once by Python-Markdown: the one extension list of the site and the PDFs.

Besides the mainstream extensions the list holds ours (`mentorkit.dialect`), which works on the
parsed document, never on lines of text:

- links by id (`module:`, `exercise:`, `page:`, `ref:`, `term:`) become links between staged pages,
  or their bare text when the variant leaves the target out (validate/markup.py reads the same parse);
- facilitator notes are dropped from a mentor edition;
- a teaching block without a title gets its type's title in the page's language;
- on the site every table sits in a region named by the heading above it, which scrolls sideways and
  takes keyboard focus where the table is wider than the screen (axe: scrollable-region-focusable).

MkDocs renders each staged page with it (each language's mkdocs.yml carries the variant's link
table and the language); the PDFs render each chapter with it too (assemble/printdoc.py).
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.toc import strip_tags
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor

LINK_KINDS = ("module", "exercise", "page", "ref", "term")
ID_LINK = re.compile(r"^(?P<kind>module|exercise|page|ref|term):(?P<id>[^#]*)(?:#(?P<anchor>.*))?$")
FACILITATOR = "facilitator"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TABLE_REGION = "mk-scroll"
"""The class of a table's region on the site (styled in theme/assets/mentorkit.css)."""
NAME = "mentorkit.dialect"

MARKDOWN_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    # No permalink anchors: their title would be English on every page; heading ids remain.
    {"toc": {"permalink": False}},
]
"""The mainstream extensions, as mkdocs.yml lists them: a name, or {name: options}."""


@dataclass(frozen=True)
class Dialect:
    """How one variant renders our dialect."""

    links: dict[str, str]
    """'kind:id' -> the target's staged path (with #anchor for refs and terms), for every target in the variant."""
    keep_facilitator: bool
    titles: dict[str, dict[str, str]]
    """Language -> teaching block type -> its default title."""

    def options(self, *, page: str = "", lang: str = "") -> dict[str, Any]:
        """Return the options of our extension: a language project of the site gives lang only, a PDF's chapter page too."""
        return {"links": self.links, "keep_facilitator": self.keep_facilitator, "titles": self.titles, "page": page, "lang": lang}


def markdown_extensions(dialect: Dialect, *, lang: str) -> list[Any]:
    """Return the extension list of a language's mkdocs.yml: the mainstream ones and ours with the variant's options."""
    return [*MARKDOWN_EXTENSIONS, {NAME: dialect.options(lang=lang)}]


def extension_names(extensions: list[Any]) -> list[str]:
    """Return the extensions' names, for Python-Markdown."""
    return [next(iter(e)) if isinstance(e, dict) else e for e in extensions]


def extension_configs(extensions: list[Any]) -> dict[str, dict[str, Any]]:
    """Return the extensions' options, for Python-Markdown."""
    return {name: options for e in extensions if isinstance(e, dict) for name, options in e.items()}


def new_markdown(dialect: Dialect | None = None, *, page: str = "", lang: str = "") -> markdown.Markdown:
    """Return a Python-Markdown converter with the site's extensions (ours too, when a dialect is given)."""
    extensions = list(MARKDOWN_EXTENSIONS) if dialect is None else [*MARKDOWN_EXTENSIONS, {NAME: dialect.options(page=page, lang=lang)}]
    return markdown.Markdown(extensions=extension_names(extensions), extension_configs=extension_configs(extensions), output_format="html")


ESCAPED_CHARS: tuple[str, ...] = tuple(new_markdown().ESCAPED_CHARS)
"""The characters a backslash makes literal with these extensions (derived, so it follows the list)."""


def plain_text(md: markdown.Markdown, text: str) -> str:
    """Return the reader's text of rendered inline content (placeholders restored, tags and entities gone)."""
    # Text taken from the tree before the parser's last step still holds its backslash-escape placeholders.
    unescape = md.treeprocessors["unescape"] if "unescape" in md.treeprocessors else None
    if isinstance(unescape, UnescapeTreeprocessor):
        text = unescape.unescape(text)
    for processor in md.postprocessors:
        text = processor.run(text)
    return html.unescape(strip_tags(text))


class DialectExtension(Extension):
    """Our dialect: links by id, facilitator notes, default teaching-block titles."""

    def __init__(self, **kwargs: Any):
        self.config = {
            "links": [{}, "'kind:id' -> staged path of every target in the variant"],
            "keep_facilitator": [True, "keep facilitator notes (trainer edition)"],
            "titles": [{}, "language -> block type -> default title"],
            "page": ["", "the staged path of the page; none: links are to the docs folder's root (/path.md)"],
            "lang": ["", "the page's language"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register our block and tree processors."""
        md.registerExtension(self)
        # Our admonition processor takes the place of the standard one (same name and priority).
        md.parser.blockprocessors.register(_TitledAdmonition(md.parser, self), "admonition", 105)
        md.treeprocessors.register(_IdLinks(md, self), "mentorkit-id-links", 12)
        # After toc (5), which gives every heading its id.
        md.treeprocessors.register(_TableRegions(md, self), "mentorkit-table-regions", 4)

    def where(self, md: markdown.Markdown) -> tuple[str, str]:
        """Return (staged path, language) of the page being rendered; MkDocs renders a whole language with no page."""
        return self.getConfig("page"), self.getConfig("lang")


class _TitledAdmonition(AdmonitionProcessor):
    """Admonitions (teaching blocks) whose default title is their type's, in the page's language."""

    def __init__(self, parser: Any, extension: DialectExtension):
        super().__init__(parser)
        self.extension = extension

    def get_class_and_title(self, match: re.Match[str]) -> tuple[str, str | None]:
        """Return the block's class and title; a block without one gets its type's title."""
        klass, title = super().get_class_and_title(match)
        if match.group(2) is None:
            _, lang = self.extension.where(self.parser.md)
            title = self.extension.getConfig("titles").get(lang, {}).get(klass.split(" ")[0], title)
        return klass, title


class _IdLinks(Treeprocessor):
    """Resolve links by id against the variant, and drop facilitator notes from a mentor edition."""

    def __init__(self, md: markdown.Markdown, extension: DialectExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page, lang = self.extension.where(self.md)
        titles = self.extension.getConfig("titles").get(lang, {})
        links: dict[str, str] = self.extension.getConfig("links")
        keep = self.extension.getConfig("keep_facilitator")
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                element = parent[index]
                classes = element.get("class", "").split()
                if not keep and FACILITATOR in classes and element.tag in ("div", "details"):
                    remove_element(parent, index)
                elif element.tag == "details" and classes and not _has_title(element):
                    summary = element.find("summary")
                    if summary is not None and classes[0] in titles:
                        summary.text = titles[classes[0]]
                elif element.tag == "a":
                    self._resolve(parent, index, page=page, links=links)

    def _resolve(self, parent: etree.Element, index: int, *, page: str, links: dict[str, str]) -> None:
        link = parent[index]
        target = ID_LINK.match(link.get("href", ""))
        if not target:
            return
        path = links.get(f"{target.group('kind')}:{target.group('id')}")
        if path is None:
            unwrap_element(parent, index)  # not in the variant: the reader sees the words, not a dead link
            return
        anchor = target.group("anchor")
        if anchor and "#" not in path:
            path = f"{path}#{anchor}"
        # Without a page (MkDocs renders every page of a language project with one configuration), the
        # link is to the docs folder's root, and MkDocs makes it relative (absolute_links: relative_to_docs).
        link.set("href", relative_link(source=page, target=path) if page else f"/{path}")


class _TableRegions(Treeprocessor):
    """Put each table of a site page in a named region that takes keyboard focus, for when it scrolls sideways."""

    def __init__(self, md: markdown.Markdown, extension: DialectExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page, _ = self.extension.where(self.md)
        if page:  # a PDF's chapter or a deck's slide: neither scrolls sideways
            return
        parents = {child: parent for parent in root.iter() for child in parent}
        heading: etree.Element | None = None
        for element in list(root.iter()):
            if element.tag in HEADINGS:
                heading = element
            elif element.tag == "table":
                self._wrap(parents[element], element, heading)

    def _wrap(self, parent: etree.Element, table: etree.Element, heading: etree.Element | None) -> None:
        # Material's script then puts the table in its own scroll box, which mentorkit.css lets through to this one.
        region = etree.Element("div", {"class": TABLE_REGION, "role": "region", "tabindex": "0"})
        if heading is not None and heading.get("id"):
            region.set("aria-labelledby", heading.get("id", ""))
        else:
            first_row = next(table.iter("tr"), etree.Element("tr"))
            region.set("aria-label", ", ".join(plain_text(self.md, "".join(cell.itertext())) for cell in first_row))
        region.text, region.tail, table.tail = "\n", table.tail, "\n"
        parent.insert(list(parent).index(table), region)
        parent.remove(table)
        region.append(table)


def _has_title(details: etree.Element) -> bool:
    # pymdownx.details writes the capitalised type when no title was given.
    summary = details.find("summary")
    classes = details.get("class", "").split()
    return summary is None or not classes or (summary.text or "") != classes[0].capitalize()


def relative_link(*, source: str, target: str) -> str:
    """Return a link from one staged page to another (or to an anchor on it)."""
    target_path, _, anchor = target.partition("#")
    link = posixpath.relpath(target_path, posixpath.dirname(source) or ".")
    return f"{link}#{anchor}" if anchor else link


def remove_element(parent: etree.Element, index: int) -> None:
    """Remove parent[index], keeping the text that follows it."""
    element = parent[index]
    tail = element.tail or ""
    if index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def unwrap_element(parent: etree.Element, index: int) -> None:
    """Replace parent[index] by its content: its text, children and tail stay where they were."""
    element = parent[index]
    children = list(element)
    if index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + (element.text or "")
    else:
        parent.text = (parent.text or "") + (element.text or "")
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last = parent[index + len(children) - 1] if index + len(children) else None
    if last is not None:
        last.tail = (last.tail or "") + (element.tail or "")
    else:
        parent.text = (parent.text or "") + (element.tail or "")


def makeExtension(**kwargs: Any) -> DialectExtension:
    """Return our extension (Python-Markdown and MkDocs load it by the module's name)."""
    return DialectExtension(**kwargs)
