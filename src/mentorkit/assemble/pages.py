"""Compose the Markdown of each staged page from the model."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import yaml

from mentorkit.assemble.agency import agency_home, goal_box
from mentorkit.assemble.change import CHANGE_PAGE, change_page
from mentorkit.assemble.context import AgencyContext, Context
from mentorkit.assemble.forms import SESSION_FEEDBACK, has_session_feedback
from mentorkit.assemble.generated import GENERATORS, LEAD_GENERATORS, PAGE_ASSETS
from mentorkit.assemble.html import render_html
from mentorkit.assemble.markdown import author_markdown, block, group_size, inline, md_text, modules_using, track_modules
from mentorkit.assemble.paths import chapter_id, exercise_path, module_path, page_path, relative_link
from mentorkit.model import HANDOUT_PARTS, Exercise, Module, Page, PageKind, Track
from mentorkit.plan.documents import ROUND_TEMPLATES_PAGE, SITE_ROOT, Document, Kind


@dataclass(frozen=True)
class StagedPage:
    """A page of one language, ready to be written into the staging tree."""

    path: str
    markdown: str


def stage_pages(ctx: Context, *, documents: Sequence[Document] = ()) -> Iterator[StagedPage]:
    """Yield every page of the variant in one language; an agency's has its own home page and goal boxes."""
    links = download_links(ctx, documents)
    for page in ctx.pages:
        if page.id == "index":
            markdown = agency_home(ctx, page, downloads=links) if isinstance(ctx, AgencyContext) else written_page(ctx, page, extra_after=links)
        elif page.id == "exercises":
            # The exercise index links the worksheets too (where they are built).
            sheets = [d for d in documents if d.kind is Kind.WORKSHEETS]
            markdown = written_page(ctx, page, extra_after=download_links(ctx, sheets))
        elif page.id == "follow-up":
            # The session's handouts are printed from the page that runs it (an agency's carry its own signs of progress).
            markdown = written_page(ctx, page, extra_after=download_links(ctx, [d for d in documents if d.kind is Kind.FOLLOW_UP_HANDOUTS]))
        elif page.id == "for-trainers":
            # A trainer prints from the page that tells them what to print.
            markdown = written_page(ctx, page, extra_after=download_links(ctx, documents))
        elif page.id == ROUND_TEMPLATES_PAGE:
            # The same templates, fillable: the page is their one source.
            markdown = written_page(ctx, page, extra_after=download_links(ctx, [d for d in documents if d.kind is Kind.ROUND_TEMPLATES]))
        elif page.id in (Track.WORKSHOP.value, Track.MENTOR.value):
            # Every part of the track's handouts and every worksheet of its exercises, under the names the modules use.
            track = Track(page.id)
            exercises = [e for m in track_modules(ctx, track) for e in m.exercises]
            handouts = tuple(HANDOUT_PARTS) if track is Track.WORKSHOP else ()
            markdown = written_page(ctx, page, extra_after=printables(ctx, documents, handouts=handouts, exercises=exercises, session_feedback=track is Track.MENTOR))
        elif page.generated is PageKind.ROUND_EVENT:
            event = next(e for e in ctx.library.events if e.id == page.id)  # check: every event page has its event
            markdown = written_page(ctx, page, extra_after=printables(ctx, documents, handouts=event.handouts, exercises=()))
        else:
            markdown = written_page(ctx, page)
        yield StagedPage(page_path(page.id), markdown)
    if isinstance(ctx, AgencyContext) and ctx.agency.follow_ups:
        yield StagedPage(CHANGE_PAGE, change_page(ctx))
    for module_id in ctx.manifest.module_ids:
        module = ctx.library.module(module_id)
        decks = [d for d in documents if d.module == module.id and d.lang == ctx.lang]
        box = goal_box(ctx, module) if isinstance(ctx, AgencyContext) else ""
        yield StagedPage(module_path(ctx.library, module.id), module_page(ctx, module, goal_box=box, slides=decks, documents=documents))
    for exercise_id in ctx.manifest.exercises:
        yield StagedPage(exercise_path(exercise_id), exercise_page(ctx, ctx.library.exercises[exercise_id]))
    yield StagedPage("search.md", search_page(ctx))








def module_page(ctx: Context, module: Module, *, goal_box: str, slides: Sequence[Document] = (), documents: Sequence[Document] = ()) -> str:
    """Return the page of a module (with links to its handouts, worksheets, deck and slide handouts where the site holds them)."""
    text = module.text[ctx.lang]
    here = module_path(ctx.library, module.id)
    track = [m for m in ctx.library.modules if m.track is module.track]
    parts = [
        f"# {text.title}\n",
        f"{inline(ctx, text.summary, source=here)}\n{{: .mk-lead }}\n",
        f"**{ctx.t('duration')}:** {ctx.minutes(module.duration_min)} · "
        f"{ctx.t('module_position', track=ctx.t('track.' + module.track.value), n=track.index(module) + 1, total=len(track))}\n{{: .mk-meta }}\n",
        block("objectives", ctx.t("block.objectives"), [ctx.t("objectives_intro"), "", *(f"- {inline(ctx, o, source=here)}" for o in text.objectives)]),
    ]
    if goal_box:
        parts.append(goal_box)
    # A module's figures are staged in a folder named after it (see staging.stage_figures).
    parts.append(author_markdown(ctx, text.body.markdown.replace("](figures/", f"]({module.id}/figures/"), source=here))
    exercises = [e for e in module.exercises if e in ctx.manifest.exercises]
    if exercises:
        parts.append(f"## {ctx.t('exercises')}\n")
        parts.append("\n".join(_exercise_item(ctx, ctx.library.exercises[e], source=here) for e in exercises) + "\n")
    parts.append(block("keypoints", ctx.t("block.keypoints"), [f"- {inline(ctx, k, source=here)}" for k in text.keypoints]))
    # A mentor session ends with its feedback form, whichever module it runs.
    printed = printables(ctx, documents, handouts=module.handouts, exercises=module.exercises, session_feedback=module.track is Track.MENTOR)
    if printed:
        parts.append(printed)
    if slides:
        parts.append(slide_links(ctx, slides))
    parts.append(f"## {ctx.t('sources')}\n")
    parts.append("\n".join(_source_item(ctx, ref, source=here) for ref in module.sources) + "\n")
    return "\n".join(parts)


SLIDE_LABELS = {Kind.SLIDES: "slides.deck", Kind.SLIDES_PDF: "slides.pdf", Kind.SLIDE_NOTES: "slides.notes", Kind.SLIDE_HANDOUT: "slides.handout"}


def slide_links(ctx: Context, slides: Sequence[Document]) -> str:
    """Return the section linking a module's deck and its PDFs (raw HTML; staging makes each link relative to its page)."""
    intro = f"{ctx.t('slides.intro')}\n\n" if ctx.trainer_edition else ""
    links = [{"href": f"{SITE_ROOT}{d.path}", "label": ctx.t(SLIDE_LABELS[d.kind])} for d in slides]
    return f'## {ctx.t("slides.heading")}\n\n{intro}' + render_html("downloads.html", links=links) + "\n"



def printables(ctx: Context, documents: Sequence[Document], *, handouts: Sequence[str], exercises: Sequence[str], session_feedback: bool = False) -> str:
    """Return the section linking the handouts, worksheets and session feedback form a page uses, each by its one name, into the PDF that holds it ('' when none is built)."""
    held = {d.kind: d for d in documents if d.lang == ctx.lang and d.module is None}
    links = []
    if handouts and Kind.WORKSHOP_HANDOUTS in held:
        document = held[Kind.WORKSHOP_HANDOUTS]
        within = ctx.t("printables.in", document=ctx.t(f"pdf.kind.{document.kind.value}"))
        links += [{"href": f"{SITE_ROOT}{document.path}#nameddest={part}", "label": ctx.t(HANDOUT_PARTS[part]), "within": within} for part in handouts]
    sheets = [e for e in exercises if e in ctx.manifest.exercises]
    if sheets and Kind.WORKSHEETS in held:
        document = held[Kind.WORKSHEETS]
        within = ctx.t("printables.in", document=ctx.t(f"pdf.kind.{document.kind.value}"))
        links += [
            {"href": f"{SITE_ROOT}{document.path}#nameddest={chapter_id(exercise_path(e))}", "label": ctx.t("printables.worksheet", title=ctx.library.exercises[e].text[ctx.lang].title), "within": within}
            for e in sheets
        ]
    if session_feedback and has_session_feedback(ctx) and Kind.WORKSHEETS in held:
        document = held[Kind.WORKSHEETS]
        within = ctx.t("printables.in", document=ctx.t(f"pdf.kind.{document.kind.value}"))
        links.append({"href": f"{SITE_ROOT}{document.path}#nameddest={chapter_id(SESSION_FEEDBACK)}", "label": ctx.t("handouts.feedback.session"), "within": within})
    if not links:
        return ""
    return f"## {ctx.t('printables.heading')}\n\n{ctx.t('printables.intro')}\n\n" + render_html("downloads.html", links=links) + "\n"


def _exercise_item(ctx: Context, exercise: Exercise, *, source: str) -> str:
    text = exercise.text[ctx.lang]
    link = relative_link(source=source, target=exercise_path(exercise.id))
    facts = " · ".join([_duration_of(ctx, exercise), group_size(ctx, exercise)])
    return f"- [{text.title}]({link}) ({facts}): {inline(ctx, text.summary, source=source)}"


def _duration_of(ctx: Context, exercise: Exercise) -> str:
    duration = ctx.minutes(exercise.duration_min)
    return f"{duration} {ctx.t('between_sessions')}" if exercise.between_sessions else duration




def _source_item(ctx: Context, ref_id: str, *, source: str) -> str:
    ref = ctx.library.references[ref_id]
    link = relative_link(source=source, target=f"{page_path('references')}#{ref.id}")
    return f"- [{ref.citation}]({link})"


def exercise_page(ctx: Context, exercise: Exercise) -> str:
    """Return the page of an exercise."""
    text = exercise.text[ctx.lang]
    here = exercise_path(exercise.id)
    used_in = modules_using(ctx, exercise=exercise.id)
    facts = [
        (ctx.t("duration"), _duration_of(ctx, exercise)),
        (ctx.t("group_size"), group_size(ctx, exercise)),
        (ctx.t("method"), ctx.library.methods[exercise.method].label[ctx.lang]),
        (ctx.t("materials"), ", ".join(ctx.library.materials[m].label[ctx.lang] for m in exercise.materials)),
    ]
    if used_in:
        facts.append((ctx.t("used_in"), ", ".join(f"[{m.text[ctx.lang].title}]({relative_link(source=here, target=module_path(ctx.library, m.id))})" for m in used_in)))
    parts = [
        f"# {text.title}\n",
        f"{inline(ctx, text.summary, source=here)}\n{{: .mk-lead }}\n",
        "\n".join(f"- **{label}:** {value}" for label, value in facts) + "\n{: .mk-facts }\n",
        f"## {ctx.t('purpose')}\n\n{inline(ctx, text.purpose, source=here)}\n",
        f"## {ctx.t('steps')}\n\n" + "\n".join(f"{i}. {inline(ctx, s, source=here)}" for i, s in enumerate(text.steps, 1)) + "\n",
        f"## {ctx.t('remote')}\n\n{inline(ctx, text.remote, source=here)}\n",
        f"## {ctx.t('debrief')}\n\n" + "\n".join(f"- {inline(ctx, q, source=here)}" for q in text.debrief) + "\n",
    ]
    if text.body.markdown.strip():
        parts.append(author_markdown(ctx, text.body.markdown, source=here))
    return "\n".join(parts)


def download_links(ctx: Context, documents: Sequence[Document]) -> str:
    """Return the section linking to this language's PDFs (raw HTML: they are not pages MkDocs knows; staging makes each link relative)."""
    mine = [d for d in documents if d.lang == ctx.lang and d.module is None]  # a module's slides are linked from its page
    if not mine:
        return ""
    links = [{"href": f"{SITE_ROOT}pdf/{d.filename}", "label": ctx.t("pdf." + d.kind.value.replace("-", "_"))} for d in mine]
    return f'## {ctx.t("pdf.heading")}\n\n' + render_html("downloads.html", links=links) + "\n"


def written_page(ctx: Context, page: Page, *, extra_after: str = "") -> str:
    """Return a written site page followed by its generated part."""
    text = page.text[ctx.lang]
    here = page_path(page.id)
    parts = [f"# {text.title}\n"]
    if page.generated in PAGE_ASSETS:
        # The theme links these relative to the page, wherever and however the site is opened.
        parts.insert(0, "---\n" + yaml.safe_dump(PAGE_ASSETS[page.generated], sort_keys=True) + "---")
    if text.summary:
        parts.append(f"{inline(ctx, text.summary, source=here)}\n{{: .mk-lead }}\n")
    body = author_markdown(ctx, text.body.markdown, source=here)
    lead = LEAD_GENERATORS.get(page.generated) if page.generated else None
    if lead:
        before, sections = _split_lead(body)
        parts += [before, lead(ctx, page=page, source=here), sections]
    else:
        parts.append(body)
    if page.generated in GENERATORS:
        parts.append(GENERATORS[page.generated](ctx, page=page, source=here))
    if extra_after:
        parts.append(extra_after)
    return "\n".join(parts)


def _split_lead(markdown: str) -> tuple[str, str]:
    """Return a body's lead (the text before its first ## section) and the sections."""
    lines = markdown.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    return "".join(lines[:first]), "".join(lines[first:])


def search_page(ctx: Context) -> str:
    """Return the search page: a form that queries this language's Pagefind index."""
    depth = 1 + (0 if ctx.lang == ctx.manifest.languages[0] else 1)
    bundle = "../" * depth + "pagefind/"
    form = render_html(
        "search-form.html",
        bundle=bundle, one=ctx.t("search.one"), many=ctx.ui["search.many"], no_results=ctx.t("search.none"),
        label=ctx.t("search.label"), button=ctx.t("search.button"), hint=ctx.t("search.hint"), noscript=ctx.t("search.noscript"),
    )
    return f"""---
search:
  exclude: true
---
# {ctx.t('search')}

{form}

{md_text(ctx.t('search.offline'))} [{md_text(ctx.t('search.offline_link'))}](index.md)
{{: .mk-search-offline hidden="hidden" }}
"""

