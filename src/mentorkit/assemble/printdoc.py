"""Compose the HTML of a printable document from the same Markdown as the site.

Each chapter is a staged page rendered with the site's Markdown extensions; its ids are prefixed
with the chapter's id, and links between pages become links inside the document (or plain text
when their target is not in it). WeasyPrint turns the result into a PDF (render/pdf.py).
"""

from __future__ import annotations

import base64
import posixpath
import re
from dataclasses import dataclass, replace

import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

from mentorkit.assemble.change import CHANGE_PAGE, change_chapter
from mentorkit.assemble.agency import contacts, current_state, goal_box, goals_section, schedule
from mentorkit.assemble.context import AgencyContext, Context
from mentorkit.assemble.forms import SESSION_FEEDBACK, feedback_html, has_session_feedback
from mentorkit.assemble.html import Markup, render_html
from mentorkit.assemble.markdown import md_text
from mentorkit.assemble.pages import exercise_page, module_page, written_page
from mentorkit.assemble.paths import chapter_id, exercise_path, module_path, page_path
from mentorkit.assemble.worksheet_templates import worksheet_template
from mentorkit.dialect import new_markdown, plain_text, unwrap_element
from mentorkit.load.yamlsource import FRONT_MATTER
from mentorkit.plan.documents import Document, Kind



@dataclass(frozen=True)
class Chapter:
    """A page of the site as a chapter of the document."""

    path: str
    markdown: str
    part: str | None = None
    """The title of the part the chapter belongs to; its headings move one level down."""
    page_break: bool = True
    worksheet: bool = False
    """A page of its own whose notes box fills the rest of the page."""


def compose_document(ctx: Context, document: Document) -> str:
    """Return the complete HTML of one document in one language."""
    # The trainer guide of an agency keeps the agency's selection but shows facilitator notes.
    ctx = replace(ctx, manifest=replace(ctx.manifest, edition=document.edition))
    chapters = _worksheets(ctx) if document.kind is Kind.WORKSHEETS else _chapters(ctx, document.kind)
    ids = {chapter.path: chapter_id(chapter.path) for chapter in chapters}
    body, toc, parts_seen = [], [], set()
    for chapter in chapters:
        if chapter.part and chapter.part not in parts_seen:
            parts_seen.add(chapter.part)
            part_id = "part-" + chapter_id(chapter.path).split("-")[0]
            body.append(render_html("print-part.html", id=part_id, title=chapter.part))
            toc.append((1, part_id, chapter.part))
        chapter_html, title = _render_chapter(ctx, chapter, ids=ids)
        classes = "chapter" + (" break" if chapter.page_break else "") + (" in-part" if chapter.part else "")
        body.append(render_html("print-chapter.html", classes=classes, id=ids[chapter.path], body=Markup(chapter_html), worksheet=chapter.worksheet))
        toc.append((2 if chapter.part else 1, ids[chapter.path], title))
    return _page(ctx, document, body=Markup("\n").join(body), toc=toc)


def _chapters(ctx: Context, kind: Kind) -> list[Chapter]:
    library, manifest = ctx.library, ctx.manifest
    chapters: list[Chapter] = []
    if isinstance(ctx, AgencyContext):
        chapters.append(Chapter("agency.md", _agency_chapter(ctx)))
        if ctx.agency.follow_ups:
            chapters.append(Chapter(CHANGE_PAGE, change_chapter(ctx)))
    if kind is Kind.TRAINER_GUIDE:
        # The trainer's own pages first: how a round runs, its structure and shared events.
        for page_id in ("for-trainers", "programme", *(e.id for e in library.events)):
            chapters.extend(_page_chapter(ctx, page_id))
        for track in ("workshop", "mentor"):
            if any(library.module(m).track.value == track for m in manifest.module_ids):
                chapters.extend(_page_chapter(ctx, track))
        chapters.extend(_page_chapter(ctx, "self-assessment"))
        chapters.extend(_page_chapter(ctx, "themes"))
    for module_id in manifest.module_ids:
        module = library.module(module_id)
        box = goal_box(ctx, module) if isinstance(ctx, AgencyContext) else ""
        page = module_page(ctx, module, goal_box=box)
        # Figures are the bytes that were checked, as data: URLs (which the offline fetcher allows), never the disk again.
        for name, data in library.figures_of(module_id).items():
            page = page.replace(f"]({module_id}/figures/{name})", f"](data:image/svg+xml;base64,{base64.b64encode(data).decode('ascii')})")
        chapters.append(Chapter(module_path(library, module_id), page))
    for exercise_id in manifest.exercises:
        chapters.append(Chapter(exercise_path(exercise_id), exercise_page(ctx, library.exercises[exercise_id]), part=ctx.t("exercises")))
    for page_id in ("glossary", "references"):
        chapters.extend(_page_chapter(ctx, page_id))
    return chapters


def _page_chapter(ctx: Context, page_id: str) -> list[Chapter]:
    """Return a written page as a chapter (none when the site has no such page)."""
    page = ctx.library.page(page_id)
    return [Chapter(page_path(page_id), written_page(ctx, page))] if page else []


def _worksheets(ctx: Context) -> list[Chapter]:
    chapters = []
    for exercise_id in ctx.manifest.exercises:
        exercise = ctx.library.exercises[exercise_id]
        text = exercise.text[ctx.lang]
        steps = "\n".join(f"{i}. {step}" for i, step in enumerate(text.steps, 1))
        # The exercise's own fields where it has them; otherwise a box for notes that fills the page.
        template = worksheet_template(ctx, exercise)
        # Cut-out cards start a page of their own; other fields follow the steps on their page when they fit.
        cards = " .own-page" if any(f.kind == "cards" for f in exercise.template) else ""
        notes = f"## {ctx.t('worksheet.fill_in')} {{: .fill-in{cards} }}\n\n{template}" if template else f"## {ctx.t('pdf.notes')}\n\n" + render_html("write-space.html") + "\n"
        markdown_text = (
            # The class goes on a wrapper: an attribute list after a list would land on its last item.
            f"# {text.title}\n\n{text.summary}\n{{: .mk-lead }}\n\n## {ctx.t('steps')}\n\n"
            f'<div class="worksheet-steps" markdown>\n\n{steps}\n\n</div>\n\n{notes}'
        )
        chapters.append(Chapter(exercise_path(exercise_id), markdown_text, worksheet=not template))
    if has_session_feedback(ctx):
        # One form for every mentor session: copied or filled in again at the end of each.
        form = " ".join(str(feedback_html(ctx, kind="session", heading=False)).split("\n"))
        chapters.append(Chapter(SESSION_FEEDBACK, f"# {ctx.t('handouts.feedback.session')}\n\n<form class=\"handout feedback\">{form}</form>\n"))
    return chapters


def _agency_chapter(ctx: AgencyContext) -> str:
    name = md_text(ctx.agency.name[ctx.lang])
    parts = [f"# {name}\n", goals_section(ctx), current_state(ctx), schedule(ctx, source="agency.md"), contacts(ctx)]
    # Goals are chapter sections here; the site's `##` becomes this chapter's second level.
    return "\n".join(parts)


def _render_chapter(ctx: Context, chapter: Chapter, *, ids: dict[str, str]) -> tuple[str, str]:
    md = new_markdown(ctx.dialect, page=chapter.path, lang=ctx.lang)
    into = _IntoDocument(md, path=chapter.path, ids=ids, shift=1 if chapter.part else 0)
    # After every other tree processor (toc gives headings their ids at priority 5).
    md.treeprocessors.register(into, "mentorkit-into-document", 1)
    front = FRONT_MATTER.match(chapter.markdown)  # the one front-matter grammar, load's
    rendered = md.convert(chapter.markdown[front.end():] if front else chapter.markdown)
    return rendered, plain_text(md, into.title) if into.title else ids[chapter.path]


class _IntoDocument(Treeprocessor):
    """Make a page a chapter: ids prefixed with the chapter's, links kept inside the document, headings shifted."""

    def __init__(self, md: markdown.Markdown, *, path: str, ids: dict[str, str], shift: int):
        super().__init__(md)
        self.path, self.ids, self.shift = path, ids, shift
        self.cid = ids[path]
        self.title = ""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, element in reversed(list(enumerate(parent))):
                if element.tag == "a" and not self._keep_link(element):
                    unwrap_element(parent, index)
        for element in root.iter():
            if element.tag == "h1" and not self.title:
                self.title = "".join(element.itertext())
            if "id" in element.attrib:
                element.set("id", f"{self.cid}--{element.get('id')}")
        if self.shift:
            for element in root.iter():
                if element.tag in ("h1", "h2", "h3", "h4", "h5"):
                    element.tag = f"h{int(element.tag[1]) + self.shift}"

    def _keep_link(self, link: etree.Element) -> bool:
        """Point a link into the document; return False when its target is not in it."""
        href = link.get("href", "")
        if re.match(r"^[a-z]+:", href):
            return True
        if href.startswith("#"):
            link.set("href", f"#{self.cid}--{href[1:]}")
            return True
        target, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.path), target))
        if target not in self.ids:
            return False  # the page is not in this document: keep the words, drop the link
        link.set("href", f"#{self.ids[target]}{'--' + anchor if anchor else ''}")
        return True


def document_page(ctx: Context, document: Document, *, body: str, toc: list[tuple[int, str, str]]) -> str:
    """Return a whole document around its body, HTML that our code made: cover, contents and the body's sections."""
    return _page(ctx, document, body=Markup(body), toc=toc)


def _page(ctx: Context, document: Document, *, body: Markup, toc: list[tuple[int, str, str]]) -> str:
    kind_title = ctx.t(f"pdf.kind.{document.kind.value}")
    owner = ctx.agency.name[ctx.lang] if ctx.agency else ctx.t("site_name")
    return render_html(
        "print-document.html",
        lang=ctx.lang,
        title=f"{owner}: {kind_title}",
        author=ctx.library.site.owner_name[ctx.lang],
        description=ctx.t("site_description"),
        programme=ctx.t("site_name"),
        owner=owner,
        kind_title=kind_title,
        round=ctx.t("agency.round", round=ctx.agency.round) if ctx.agency and ctx.agency.round else "",
        language=ctx.t("language_name"),
        contents=ctx.t("pdf.contents"),
        toc=toc,
        body=body,
    ) + "\n"
