"""Compose a module's deck from what the module already holds, and write it as HTML (reveal.js) or print HTML.

A deck is a sequence of slides built from the model and the module's Markdown, parsed by our
dialect (so a mentor edition never sees a facilitator block): the title and duration; an agency's
goals that the module serves; the objectives; one slide per section of the text (its lists and
figures, its prose and facilitator blocks as speaker notes); each exercise with its purpose,
steps, facts and debrief questions; the reflection questions and the key points. Long lists are
split over several slides so that every slide is readable at the back of a room. Speaker notes
carry the module's clock times from the session plans and the facilitator blocks of that part.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as etree
from dataclasses import dataclass, replace

import markdown
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor

from mentorkit.assemble.context import AgencyContext, Context
from mentorkit.assemble.html import Markup, render_html
from mentorkit.assemble.markdown import group_size
from mentorkit.assemble.paths import exercise_path, module_path
from mentorkit.assemble.plans import span, timed_items
from mentorkit.dialect import FACILITATOR, new_markdown, unwrap_element
from mentorkit.load.yamlsource import FRONT_MATTER
from mentorkit.model import Module
from mentorkit.plan.documents import Document, Kind

SLIDE_CHARACTERS = 560
"""About as much text as a slide holds at a size read from the back of a room (32 px of 720)."""
SLIDE_ITEMS = 6


@dataclass(frozen=True)
class Figure:
    """A figure of the module: the drawing as a data: URL (decks work offline and from disk) and its text alternative."""

    src: str
    alt: str


@dataclass(frozen=True)
class Slide:
    """One slide: a heading, what the audience sees, and the trainer's notes."""

    kind: str
    """title | goals | objectives | agenda | section | part (a section's heading alone) | figure | exercise | debrief | reflection | keypoints"""
    heading: str
    lead: Markup | str = ""
    items: tuple[Markup, ...] = ()
    ordered: bool = False
    start: int = 1
    """The number of the first item of an ordered list continued from the slide before."""
    facts: tuple[tuple[str, str], ...] = ()
    figure: Figure | None = None
    notes: Markup = Markup("")


@dataclass(frozen=True)
class Deck:
    """A module's slides in one language."""

    module: str
    title: str
    subtitle: str
    slides: tuple[Slide, ...]


@dataclass
class _Section:
    heading: str
    items: list[Markup]
    ordered: bool
    figures: list[tuple[Figure, Markup]]
    prose: list[Markup]
    facilitator: list[Markup]


def compose_slides(ctx: Context, document: Document) -> str:
    """Return the HTML of one deck document: the reveal.js deck, or the print HTML of its PDF or a handout."""
    assert document.module is not None
    # The participants' handout is composed in the mentor edition: the dialect drops every facilitator block.
    ctx = replace(ctx, manifest=replace(ctx.manifest, edition=document.edition))
    deck = compose_deck(ctx, ctx.library.module(document.module))
    values = dict(deck=deck, lang=ctx.lang, t=ctx.t, owner=ctx.agency.name[ctx.lang] if ctx.agency else ctx.t("site_name"))
    if document.kind is Kind.SLIDES:
        # A base deck lies in the site's slides/; an agency's in its folder beside site/.
        assets = "../assets" if ctx.agency is None else "../site/assets"
        return str(render_html("slides/deck.html", assets=assets, **values))
    return str(render_html("slides/print.html", kind=document.kind.value, notes=document.kind is Kind.SLIDE_NOTES, **values))


def compose_deck(ctx: Context, module: Module) -> Deck:
    """Return the slides of a module in the context's language and edition."""
    text = module.text[ctx.lang]
    sections, reflection, closing = _read_body(ctx, module)
    timing = _clock_times(ctx, module)
    here = module_path(ctx.library, module.id)
    slides = [Slide("title", text.title, lead=ctx.minutes(module.duration_min), notes=_join([timing, _inline(ctx, text.summary, page=here, paragraph=True), *closing]))]
    if isinstance(ctx, AgencyContext):
        served = [goal.title[ctx.lang] for goal in ctx.agency.goals if set(goal.themes) & set(module.themes)]
        slides += _split("goals", ctx.t("block.goals"), [Markup.escape(goal) for goal in served], notes=timing)
    slides += _split("objectives", ctx.t("block.objectives"), [_inline(ctx, o, page=here) for o in text.objectives], lead=ctx.t("objectives_intro"), notes=timing)
    if len(sections) > 1:
        slides.append(Slide("agenda", ctx.t("slides.agenda"), items=tuple(Markup.escape(s.heading) for s in sections), notes=timing))
    for section in sections:
        notes = _join([timing, *section.prose, *section.facilitator])
        slides += _split("section" if section.items else "part", section.heading, section.items, ordered=section.ordered, notes=notes, always=True)
        for figure, description in section.figures:
            slides.append(Slide("figure", section.heading, figure=figure, notes=_join([timing, description])))
    for exercise_id in (e for e in module.exercises if e in ctx.manifest.exercises):
        slides += _exercise_slides(ctx, exercise_id, timing=timing)
    slides += _split("reflection", ctx.t("block.reflection"), reflection, notes=timing)
    slides += _split("keypoints", ctx.t("block.keypoints"), [_inline(ctx, k, page=here) for k in text.keypoints], notes=timing)
    subtitle = ctx.t(f"track.{module.track.value}")
    return Deck(module.id, text.title, subtitle, tuple(slides))


def _exercise_slides(ctx: Context, exercise_id: str, *, timing: Markup) -> list[Slide]:
    exercise = ctx.library.exercises[exercise_id]
    text = exercise.text[ctx.lang]
    facts = (
        (ctx.t("duration"), ctx.minutes(exercise.duration_min)),
        (ctx.t("group_size"), group_size(ctx, exercise)),
        (ctx.t("materials"), ", ".join(ctx.library.materials[m].label[ctx.lang] for m in exercise.materials)),
    )
    here = exercise_path(exercise_id)
    body = _render(ctx, text.body.markdown, page=here)
    remote = render_html("slides/labelled.html", label=ctx.t("remote"), text=_inline(ctx, text.remote, page=here))
    notes = _join([timing, remote, *(_html(body, e) for e in body)])
    heading = f"{ctx.t('block.exercise')}: {text.title}"
    slides = [Slide("exercise", heading, lead=_inline(ctx, text.purpose, page=here), facts=facts, notes=notes)]
    slides += _split("exercise", f"{text.title}: {ctx.t('steps').lower()}", [_inline(ctx, s, page=here) for s in text.steps], ordered=True, notes=notes)
    slides += _split("debrief", f"{text.title}: {ctx.t('debrief').lower()}", [_inline(ctx, q, page=here) for q in text.debrief], notes=notes)
    return slides


def _split(kind: str, heading: str, items: list[Markup], *, lead: Markup | str = "", ordered: bool = False, notes: Markup = Markup(""), always: bool = False) -> list[Slide]:
    """Return the items on as many slides as they need, each within a slide's measure; none for no items unless `always`."""
    chunks: list[list[Markup]] = [[]]
    size = len(lead)
    for item in items:
        length = len(item.striptags())
        if chunks[-1] and (size + length > SLIDE_CHARACTERS or len(chunks[-1]) == SLIDE_ITEMS):
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += length
    if not items and not always:
        return []
    slides, start = [], 1
    for number, chunk in enumerate(chunks, 1):
        title = heading if len(chunks) == 1 else f"{heading} ({number}/{len(chunks)})"
        slides.append(Slide(kind, title, lead=lead if number == 1 else "", items=tuple(chunk), ordered=ordered, start=start, notes=notes))
        start += len(chunk)
    return slides


def _clock_times(ctx: Context, module: Module) -> Markup:
    """Return where the module stands in each session plan, with its clock time."""
    lines = []
    for plan in ctx.library.training_plans:
        for number, session in enumerate(plan.sessions, 1):
            for item, start, end in timed_items(session):
                if item.module == module.id:
                    name = session.title[ctx.lang] if session.title else ctx.t("plan.session", n=number)
                    lines.append(ctx.t("slides.clock", plan=plan.title[ctx.lang], session=name, time=span(ctx, start, end)))
    if not lines:
        return Markup("")
    return render_html("slides/clock.html", lines=lines)


class _Keep(Treeprocessor):
    """Keep the parsed document after every other tree processor (links resolved, facilitator blocks dropped in a mentor edition)."""

    root: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            # A deck repeats notes on several slides and links to no anchor: heading ids would only collide.
            element.attrib.pop("id", None)
        for parent in list(root.iter()):
            for index, element in reversed(list(enumerate(parent))):
                if element.tag == "a":  # a deck has no pages to link to: keep the words
                    unwrap_element(parent, index)
        self.root = root


@dataclass(frozen=True)
class _Rendered:
    md: markdown.Markdown
    root: etree.Element

    def __iter__(self):
        return iter(self.root)


def _render(ctx: Context, text: str, *, page: str) -> _Rendered:
    md = new_markdown(ctx.dialect, page=page, lang=ctx.lang)
    keep = _Keep(md)
    md.treeprocessors.register(keep, "mentorkit-slides", 0)
    front = FRONT_MATTER.match(text)
    md.convert(text[front.end():] if front else text)
    return _Rendered(md, keep.root if keep.root is not None else etree.Element("div"))


def _html(rendered: _Rendered, element: etree.Element) -> Markup:
    """Return an element as the HTML the site would show (raw HTML and entities restored)."""
    text = to_html_string(element)
    for processor in rendered.md.postprocessors:
        text = processor.run(text)
    return Markup(text)


def _inner(rendered: _Rendered, element: etree.Element) -> Markup:
    """Return the content of an element (a list item) without its own tag."""
    outer = _html(rendered, element)
    return Markup(outer[outer.index(">") + 1: outer.rindex("<")].strip())


def _read_body(ctx: Context, module: Module) -> tuple[list[_Section], list[Markup], list[Markup]]:
    """Return the module's sections, its reflection questions and the facilitator blocks that close the module."""
    text = module.text[ctx.lang]
    # The module's own slides, where it has them, replace the parts made from its text.
    rendered = _render(ctx, (text.slides or text.body).markdown, page=module_path(ctx.library, module.id))
    # The figures as loading read and checked them: what the site publishes, and what the cache knows was read.
    figures = ctx.library.figures_of(module.id)
    sections: list[_Section] = []
    reflection: list[Markup] = []
    closing: list[Markup] = []
    elements = list(rendered)
    for index, element in enumerate(elements):
        classes = set(element.get("class", "").split())
        if element.tag == "h2":
            sections.append(_Section("".join(element.itertext()).strip(), [], False, [], [], []))
        elif "reflection" in classes:
            reflection += [_inner(rendered, li) for li in element.iter("li")]
        elif FACILITATOR in classes:
            # Blocks after the reflection questions are about the whole module: the opening slide's notes.
            (closing if reflection or not sections else sections[-1].facilitator).append(_html(rendered, element))
        elif not sections:
            continue
        elif element.tag == "p" and len(element) == 1 and element[0].tag == "img" and not (element.text or "").strip():
            image = element[0]
            source = figures.get(image.get("src", "").removeprefix("figures/"))  # figures/<name>.svg, checked by validate/figures.py
            if source is None:
                continue
            following = elements[index + 1] if index + 1 < len(elements) else None
            description = _html(rendered, following) if following is not None and following.tag == "p" and not len(following.findall("img")) else Markup("")
            data = base64.b64encode(source).decode("ascii")
            sections[-1].figures.append((Figure(f"data:image/svg+xml;base64,{data}", image.get("alt", "")), description))
        elif element.tag in ("ul", "ol"):
            sections[-1].items += [_inner(rendered, li) for li in element.findall("li")]
            sections[-1].ordered = element.tag == "ol"
        else:
            sections[-1].prose.append(_html(rendered, element))
    return sections, reflection, closing


def _inline(ctx: Context, text: str, *, page: str, paragraph: bool = False) -> Markup:
    """Return a front-matter text rendered by our dialect: its inline markup kept, its links as words."""
    rendered = _render(ctx, " ".join(text.split()), page=page)
    first = next(iter(rendered), None)
    if first is None:
        return Markup("")
    return _html(rendered, first) if paragraph else _inner(rendered, first)


def _join(parts: list[Markup]) -> Markup:
    return Markup("\n").join(p for p in parts if p)
