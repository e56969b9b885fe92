"""Compose the round templates (docs/<lang>/round-templates.md) as a fillable PDF: each `##` template a
page of its own, each `[placeholder]` of its text a form field named by the placeholder's words.

The page stays the one source: a trainer copies the text from the site, or fills in the PDF on screen
or by hand. The page is read with the site's own Markdown parse; only the text of its elements is
searched for brackets, never the Markdown source.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown.treeprocessors import Treeprocessor

from mentorkit.assemble.context import Context
from mentorkit.assemble.html import Markup, render_html
from mentorkit.assemble.printdoc import document_page
from mentorkit.dialect import new_markdown
from mentorkit.load.yamlsource import FRONT_MATTER
from mentorkit.plan.documents import ROUND_TEMPLATES_PAGE as PAGE_ID, Document
WIDE = 40
"""Placeholders at least this long (in characters) get a field of the whole line's width."""
SKIP = {"code", "pre", "a"}
"""Elements whose text is never a placeholder."""


@dataclass(frozen=True)
class Placeholder:
    """A `[words]` of a template: a field whose accessible name is the words."""

    words: str


def split_placeholders(text: str) -> list[str | Placeholder]:
    """Return a text as its plain parts and its placeholders, in order (an unclosed `[` is plain text)."""
    parts: list[str | Placeholder] = []
    rest = text
    while "[" in rest:
        before, _, after = rest.partition("[")
        words, closed, remainder = after.partition("]")
        if not closed or "[" in words or not words.strip():
            parts.append(before + "[")
            rest = after
            continue
        if before:
            parts.append(before)
        parts.append(Placeholder(" ".join(words.split())))
        rest = remainder
    if rest:
        parts.append(rest)
    return [p for p in parts if p != ""]


def compose_round_templates(ctx: Context, document: Document) -> str:
    """Return the complete HTML of the round templates in one language, every placeholder a field."""
    page = ctx.library.page(PAGE_ID)
    if page is None:
        return document_page(ctx, document, body="", toc=[])
    md = new_markdown(ctx.dialect, page=f"{PAGE_ID}.md", lang=ctx.lang)
    fields = _Fields(md)
    md.treeprocessors.register(fields, "mentorkit-round-template-fields", 1)  # after toc has given headings their ids
    text = page.text[ctx.lang].body.markdown
    front = FRONT_MATTER.match(text)
    md.convert(text[front.end():] if front else text)
    body = "\n".join(
        render_html("round-template.html", id=s.id, title=s.title, intro=ctx.t("round_templates.intro") if n == 0 else "", body=Markup(s.html))
        for n, s in enumerate(fields.sections)
    )
    return document_page(ctx, document, body=body, toc=[(1, s.id, s.title) for s in fields.sections])


@dataclass(frozen=True)
class _Section:
    """One template: its anchor, its title and its text with the fields (HTML our code serialised)."""

    id: str
    title: str
    html: str


class _Fields(Treeprocessor):
    """Turn each placeholder into a field and cut the page into its `##` templates."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.sections: list[_Section] = []
        self.count = 0

    def run(self, root: etree.Element) -> None:
        self._fill(root)
        found: list[tuple[str, str, list[etree.Element]]] = []
        for element in list(root):
            if element.tag == "h2":
                found.append((element.get("id", f"template-{len(found) + 1}"), "".join(element.itertext()).strip(), []))
            elif found:
                found[-1][2].append(element)  # the lead before the first template stays on the page
        self.sections = [_Section(anchor, title, self._serialise(elements)) for anchor, title, elements in found]

    def _serialise(self, elements: list[etree.Element]) -> str:
        wrapper = etree.Element("div")
        wrapper.extend(elements)
        html = self.md.serializer(wrapper)
        return html.removeprefix("<div>").removesuffix("</div>")

    def _fill(self, element: etree.Element, *, row: str = "") -> None:
        if element.tag in SKIP:
            return
        if element.tag == "tr":
            # A cell's field is named by its row too: "Mentori: nimi", not "nimi" twice.
            first = next(iter(element), None)
            row = "".join(first.itertext()).strip() if first is not None else ""
        for child in list(element):
            self._fill(child, row=row)
        whole_cell = element.tag in ("td", "th") and len(element) == 0
        self._replace(element, whole_cell=whole_cell, row=row)
        for index, child in reversed(list(enumerate(element))):
            self._replace_tail(element, index, child)

    def _field(self, placeholder: Placeholder, *, wide: bool, row: str = "") -> etree.Element:
        """Return the field and, under it, the placeholder's words: a printed sheet keeps its hints."""
        self.count += 1
        name = f"{row}: {placeholder.words}" if row else placeholder.words
        wide = wide or len(placeholder.words) >= WIDE
        slot = etree.Element("span", {"class": "slot wide" if wide else "slot inline"})
        attributes = {"type": "text", "name": f"field-{self.count}", "title": name, "class": "placeholder"}
        if not wide:
            # As wide as the words it stands for, so the sentence around it still reads as one.
            slot.set("style", f"width: {max(len(placeholder.words), 12)}ch")
        etree.SubElement(slot, "input", attributes)
        hint = etree.SubElement(slot, "span", {"class": "hint", "aria-hidden": "true"})
        hint.text = placeholder.words
        return slot

    def _replace(self, element: etree.Element, *, whole_cell: bool, row: str) -> None:
        parts = split_placeholders(element.text or "")
        if not any(isinstance(p, Placeholder) for p in parts):
            return
        lone = whole_cell and len(parts) == 1
        element.text = ""
        new: list[etree.Element] = []
        for part in parts:
            if isinstance(part, Placeholder):
                new.append(self._field(part, wide=lone, row=row if lone else ""))
            elif new:
                new[-1].tail = (new[-1].tail or "") + part
            else:
                element.text = part
        for offset, child in enumerate(new):
            element.insert(offset, child)

    def _replace_tail(self, parent: etree.Element, index: int, child: etree.Element) -> None:
        parts = split_placeholders(child.tail or "")
        if not any(isinstance(p, Placeholder) for p in parts):
            return
        child.tail = ""
        last = child
        at = index + 1
        for part in parts:
            if isinstance(part, Placeholder):
                last = self._field(part, wide=False)
                parent.insert(at, last)
                at += 1
            else:
                last.tail = (last.tail or "") + part
