"""Compose the representatives' workshop handouts: agenda, self-assessment form, calibration sheet,
gallery poster, goal canvases, sparring sheet, next steps and the feedback form, all generated from
data (nothing typed twice) through the HTML templates in templates/html/.

The form fields are HTML <input> and <textarea> elements, which WeasyPrint writes as PDF form fields
(rendered with pdf_forms), so the same PDF is printed and ticked by hand or filled in on screen.
Every field has a visible label or a title, which becomes the field's accessible name.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentorkit.assemble.context import Context
from mentorkit.assemble.forms import feedback_html, field
from mentorkit.assemble.html import Markup, render_html
from mentorkit.assemble.plans import described_items, item_title, span, timed_items, variant_plans
from mentorkit.assemble.printdoc import document_page
from mentorkit.model import HANDOUT_PARTS, Track
from mentorkit.plan.documents import Document

GOAL_CANVASES = 3
"""The programme's agencies set two or three goals: one canvas each (a group may copy more)."""
INDICATOR_LINES = 3
COMMITMENT_ROWS = 3
SPARRING_FIELDS = ("agency", "goal", "questions", "feedback", "practice", "why", "needs", "who", "ask")
SPARRING_BOXES = ("questions", "feedback", "practice", "why", "needs")
NEXT_STEPS = ("recruitment", "role", "confidentiality", "reporting")
"""The four agreements ws-peer-sparring asks each agency to make before mentors are recruited."""


@dataclass(frozen=True)
class Handout:
    """One part of the handouts: its anchor, its title for the contents and its HTML."""

    id: str
    title: str
    html: str
    classes: str = ""


def compose_handouts(ctx: Context, document: Document) -> str:
    """Return the complete HTML of the workshop handouts in one language."""
    parts = [agenda(ctx), self_assessment_form(ctx), calibration_poster(ctx), gallery_poster(ctx)]
    parts += [goal_canvas(ctx, number=n) for n in range(1, GOAL_CANVASES + 1)]
    parts += [sparring_sheet(ctx), next_steps_sheet(ctx), feedback_form(ctx, kind="workshop")]
    body = "\n".join(
        f'<section class="chapter break handout {p.classes}" id="{p.id}">\n<form>\n{p.html}\n</form>\n</section>' for p in parts if p.html
    )
    return document_page(ctx, document, body=body, toc=[(1, p.id, p.title) for p in parts if p.html])


def scale_values(ctx: Context) -> list[tuple[str, str]]:
    """Return the scale's values with their labels, and "?" for don't know."""
    scale = ctx.library.scale
    values = [(str(v), scale.labels[v][ctx.lang]) for v in range(scale.min, scale.max + 1)]
    return values + [("?", scale.unknown[ctx.lang])]


def agenda(ctx: Context) -> Handout:
    """Return the workshop's plans (a full day, two half days, remote mornings) with clock times."""
    title = ctx.t(HANDOUT_PARTS["agenda"])
    plans = []
    for plan in variant_plans(ctx, Track.WORKSHOP):
        sessions = []
        for number, session in enumerate(plan.sessions, 1):
            items = list(timed_items(session))
            rows = [{"module": bool(i.module), "span": span(ctx, s, e), "title": item_title(ctx, i), "minutes": ctx.minutes(i.minutes)} for i, s, e in items]
            name = session.title[ctx.lang] if session.title else ctx.t("plan.session", n=number)
            sessions.append({"title": name, "span": span(ctx, items[0][1], items[-1][2]), "rows": rows})
        plans.append({"title": plan.title[ctx.lang], "sessions": sessions, "described": described_items(ctx, plan)})
    if not plans:
        return Handout("agenda", title, "")
    html = render_html(
        "handout-agenda.html", title=title, plans=plans, time_word=ctx.t("plan.time"), item_word=ctx.t("plan.item"),
        duration_word=ctx.t("agenda.duration"), segments_word=ctx.t("plan.segments"),
    )
    return Handout("agenda", title, html)


def self_assessment_form(ctx: Context) -> Handout:
    """Return the individual form: every statement under its dimension, the scale as boxes, a line for an example, the dimension's rating."""
    title = ctx.t(HANDOUT_PARTS["self-assessment"])
    values = scale_values(ctx)
    dimensions = []
    for d_number, dimension in enumerate(ctx.library.dimensions.values(), 1):
        statements = []
        for s_number, statement in enumerate(dimension.statements, 1):
            mark = f"{d_number}{chr(96 + s_number)}"
            titles = [ctx.t("handouts.rating_title", mark=mark, value=v, label=label) for v, label in values]
            # Boxes, not radio buttons: WeasyPrint lists a radio group's buttons twice in the form.
            statements.append({"mark": mark, "text": statement[ctx.lang], "name": f"sa-{dimension.id}-{s_number}", "titles": titles})
        dimensions.append({
            "number": d_number, "id": dimension.id, "label": dimension.label[ctx.lang], "covers": dimension.covers[ctx.lang], "statements": statements,
            "titles": [ctx.t("handouts.dimension_rating_title", mark=d_number, value=v, label=label) for v, label in values],
        })
    html = render_html(
        "handout-self-assessment.html", title=title, intro=ctx.t("handouts.self_assessment_intro"), rule=ctx.t("handouts.dimension_rule"),
        dimensions=dimensions, scale=values, covers_word=ctx.t("self_assessment.covers"), statement_word=ctx.t("handouts.statement"),
        example_word=ctx.t("handouts.example"), dimension_rating_word=ctx.t("handouts.dimension_rating"),
    )
    return Handout("self-assessment", title, html)


def calibration_poster(ctx: Context) -> Handout:
    """Return the A3 working sheet: the dimensions against the scale, with room for dot stickers and the range."""
    title = ctx.t(HANDOUT_PARTS["poster"])
    html = render_html(
        "handout-calibration-sheet.html", title=title, intro=ctx.t("handouts.poster_intro"), scale=scale_values(ctx),
        dimensions=[(n, d.label[ctx.lang]) for n, d in enumerate(ctx.library.dimensions.values(), 1)],
        dimension_word=ctx.t("agency.dimension"), range_word=ctx.t("handouts.range"), consensus_word=ctx.t("handouts.consensus"),
    )
    return Handout("poster", title, html, classes="poster")


def gallery_poster(ctx: Context) -> Handout:
    """Return the A3 gallery poster: joint ratings, the expansive–restrictive continuum and a working-culture feature."""
    title = ctx.t(HANDOUT_PARTS["gallery-poster"])
    g = {key: ctx.t(f"handouts.gallery.{key}") for key in ("agency", "joint", "note", "continuum", "expansive", "restrictive", "pulls_expansive", "pulls_restrictive", "culture", "questions")}
    html = render_html(
        "handout-gallery-poster.html", title=title, intro=ctx.t("handouts.gallery_intro"),
        dimensions=[(n, d.id, d.label[ctx.lang]) for n, d in enumerate(ctx.library.dimensions.values(), 1)],
        dimension_word=ctx.t("agency.dimension"), agency_label=g["agency"], joint_word=g["joint"], note_word=g["note"],
        continuum_label=g["continuum"], expansive_word=g["expansive"], restrictive_word=g["restrictive"],
        pulls_expansive=g["pulls_expansive"], pulls_restrictive=g["pulls_restrictive"], culture_label=g["culture"], questions_label=g["questions"],
    )
    return Handout("gallery-poster", title, html, classes="poster gallery-poster")


def goal_canvas(ctx: Context, *, number: int) -> Handout:
    """Return one goal canvas: what the goal definition holds, in the representatives' words, plus commitments and the contact person."""
    title = ctx.t("handouts.goal_canvas", n=number, total=GOAL_CANVASES)
    labels = {
        "title": ctx.t("handouts.goal_title"), "description": ctx.t("handouts.goal_description"), "gap": ctx.t("handouts.goal.gap"),
        "culture": ctx.t("handouts.goal.culture"), "themes": ctx.t("handouts.goal_themes"), "rank": ctx.t("handouts.goal.rank"),
        "indicators": ctx.t("agency.indicators"), "commitments": ctx.t("agency.commitments"), "who": ctx.t("handouts.goal.who"),
        "what": ctx.t("handouts.goal.what"), "by": ctx.t("handouts.by"), "support": ctx.t("agency.support"), "contact": ctx.t("handouts.goal.contact"),
    }
    html = render_html(
        "handout-goal-canvas.html", title=title, intro=ctx.t("handouts.goal_canvas_intro"), p=f"goal{number}", labels=labels, field=field,
        themes=[(t.id, t.label[ctx.lang], t.description[ctx.lang]) for t in ctx.library.themes.values()],
        indicator_lines=INDICATOR_LINES, commitment_rows=COMMITMENT_ROWS,
    )
    # The first canvas carries the part's own id: pages link the canvases there.
    return Handout("goal-canvas" if number == 1 else f"goal-canvas-{number}", title, html, classes="canvas")


def sparring_sheet(ctx: Context) -> Handout:
    """Return the sheet for the cross-agency round: the goal heard, questions before advice, a practice to borrow."""
    title = ctx.t(HANDOUT_PARTS["sparring"])
    fields = [(f"sp-{key}", ctx.t(f"handouts.sparring.{key}"), key in SPARRING_BOXES) for key in SPARRING_FIELDS]
    return Handout("sparring", title, render_html("handout-fields.html", title=title, intro=ctx.t("handouts.sparring_intro"), fields=fields, field=field), classes="sparring")


def next_steps_sheet(ctx: Context) -> Handout:
    """Return the next-steps sheet: recruitment, the mentor's role, confidentiality and the reporting line, each with who and by when."""
    title = ctx.t(HANDOUT_PARTS["next-steps"])
    topics = [(key, ctx.t(f"handouts.next_steps.{key}"), ctx.t(f"handouts.next_steps.{key}_hint")) for key in NEXT_STEPS]
    html = render_html(
        "handout-next-steps.html", title=title, intro=ctx.t("handouts.next_steps_intro"), topics=topics, field=field,
        agency_label=ctx.t("handouts.gallery.agency"), topic_word=ctx.t("handouts.next_steps.topic"), agreed_word=ctx.t("handouts.next_steps.agreed"),
        who_word=ctx.t("handouts.next_steps.who"), by_word=ctx.t("handouts.by"), kickoff_label=ctx.t("handouts.next_steps.kickoff"),
        contact_label=ctx.t("handouts.goal.contact"),
    )
    return Handout("next-steps", title, html, classes="next-steps")


def feedback_form(ctx: Context, *, kind: str) -> Handout:
    """Return the workshop's anonymous feedback form."""
    return Handout(f"feedback-{kind}", ctx.t(HANDOUT_PARTS[f"feedback-{kind}"]), feedback_html(ctx, kind=kind), classes="feedback")
