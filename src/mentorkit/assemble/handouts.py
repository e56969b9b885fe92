"""Compose the representatives' workshop handouts: agenda, self-assessment form, calibration poster,
goal canvases and the sparring sheet, all generated from data (nothing typed twice).

The form fields are HTML <input> and <textarea> elements, which WeasyPrint writes as PDF form fields
(rendered with pdf_forms), so the same PDF is printed and ticked by hand or filled in on screen.
Every field has a visible label or a title, which becomes the field's accessible name.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from mentorkit.assemble.context import Context
from mentorkit.assemble.html import Markup, render_html
from mentorkit.assemble.plans import item_title, span, timed_items, variant_plans
from mentorkit.assemble.printdoc import document_page
from mentorkit.model import Track
from mentorkit.plan.documents import Document

GOAL_CANVASES = 3
"""The programme's agencies set two or three goals: one canvas each (a group may copy more)."""
INDICATOR_LINES = 3


@dataclass(frozen=True)
class Handout:
    """One part of the handouts: its anchor, its title for the contents and its HTML."""

    id: str
    title: str
    html: str
    classes: str = ""


def compose_handouts(ctx: Context, document: Document) -> str:
    """Return the complete HTML of the workshop handouts in one language."""
    parts = [agenda(ctx), self_assessment_form(ctx), calibration_poster(ctx)]
    parts += [goal_canvas(ctx, number=n) for n in range(1, GOAL_CANVASES + 1)]
    parts.append(sparring_sheet(ctx))
    body = "\n".join(
        f'<section class="chapter break handout {p.classes}" id="{p.id}">\n<form>\n{p.html}\n</form>\n</section>' for p in parts if p.html
    )
    return document_page(ctx, document, body=body, toc=[(1, p.id, p.title) for p in parts if p.html])


def _e(text: str) -> str:
    return html.escape(str(text))


def _key(name: str) -> str:
    """Return the definition key a field maps onto, shown small beside its label."""
    return f' <span class="def-key">{_e(name)}</span>'


def agenda(ctx: Context) -> Handout:
    """Return the workshop's plans (a full day, two half days) with clock times."""
    title = ctx.t("handouts.agenda")
    parts = [f"<h1>{_e(title)}</h1>"]
    for plan in variant_plans(ctx, Track.WORKSHOP):
        parts.append(f"<h2>{_e(plan.title[ctx.lang])}</h2>")
        for number, session in enumerate(plan.sessions, 1):
            items = list(timed_items(session))
            name = session.title[ctx.lang] if session.title else ctx.t("plan.session", n=number)
            parts.append(f'<div class="session"><h3>{_e(name)}, {_e(span(ctx, items[0][1], items[-1][2]))}</h3>')
            rows = "".join(
                f'<tr{" class=module" if item.module else ""}><td class="time">{_e(span(ctx, start, end))}</td>'
                f"<td>{_e(item_title(ctx, item))}</td><td class=\"num\">{_e(ctx.minutes(item.minutes))}</td></tr>"
                for item, start, end in items
            )
            parts.append(
                f'<table class="agenda"><thead><tr><th scope="col">{_e(ctx.t("plan.time"))}</th><th scope="col">{_e(ctx.t("plan.item"))}</th>'
                f'<th scope="col">{_e(ctx.t("agenda.duration"))}</th></tr></thead><tbody>{rows}</tbody></table></div>'
            )
    if len(parts) == 1:
        return Handout("agenda", title, "")
    return Handout("agenda", title, "\n".join(parts))


def _scale_values(ctx: Context) -> list[tuple[str, str]]:
    scale = ctx.library.scale
    values = [(str(v), scale.labels[v][ctx.lang]) for v in range(scale.min, scale.max + 1)]
    return values + [("?", scale.unknown[ctx.lang])]


def self_assessment_form(ctx: Context) -> Handout:
    """Return the individual form: every statement under its dimension, the scale as boxes, a line for an example."""
    title = ctx.t("handouts.self_assessment")
    values = _scale_values(ctx)
    head = "".join(f'<th scope="col" class="scale"><span class="value">{_e(v)}</span> <span class="label">{_e(label)}</span></th>' for v, label in values)
    parts = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="mk-lead">{_e(ctx.t("handouts.self_assessment_intro"))}</p>',
        f'<p class="rule">{_e(ctx.t("handouts.dimension_rule"))}</p>',
    ]
    for d_number, dimension in enumerate(ctx.library.dimensions.values(), 1):
        rows = []
        for s_number, statement in enumerate(dimension.statements, 1):
            mark = f"{d_number}{chr(96 + s_number)}"
            name = f"sa-{dimension.id}-{s_number}"
            cells = "".join(
                # Boxes, not radio buttons: WeasyPrint lists a radio group's buttons twice in the form.
                f'<td class="tick"><input type="checkbox" name="{name}-{"unknown" if v == "?" else v}" '
                f'title="{_e(ctx.t("handouts.rating_title", mark=mark, value=v, label=label))}"></td>'
                for v, label in values
            )
            rows.append(f'<tr class="statement"><th scope="row">{_e(mark)}) {_e(statement[ctx.lang])}</th>{cells}</tr>')
            rows.append(
                f'<tr class="example"><td colspan="{len(values) + 1}"><label for="{name}-example">{_e(ctx.t("handouts.example"))}</label> '
                f'<input type="text" id="{name}-example" name="{name}-example"></td></tr>'
            )
        name = f"sa-{dimension.id}"
        cells = "".join(
            f'<td class="tick"><input type="checkbox" name="{name}-{"unknown" if v == "?" else v}" '
            f'title="{_e(ctx.t("handouts.dimension_rating_title", mark=d_number, value=v, label=label))}"></td>'
            for v, label in values
        )
        rows.append(f'<tr class="dimension-rating"><th scope="row">{_e(ctx.t("handouts.dimension_rating"))}</th>{cells}</tr>')
        parts.append(
            f'<div class="dimension"><h2>{d_number}. {_e(dimension.label[ctx.lang])}</h2>'
            f'<p class="mk-meta">{_e(ctx.t("self_assessment.covers"))}: {_e(dimension.covers[ctx.lang])}</p>'
            f'<table class="rating"><thead><tr><th scope="col" class="statement-head">{_e(ctx.t("handouts.statement"))}</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>'
        )
    return Handout("self-assessment", title, "\n".join(parts))


def calibration_poster(ctx: Context) -> Handout:
    """Return the A3 poster: the dimensions against the scale, with room for dot stickers and the range."""
    title = ctx.t("handouts.poster")
    values = _scale_values(ctx)
    head = "".join(f'<th scope="col" class="scale"><span class="value">{_e(v)}</span> <span class="label">{_e(label)}</span></th>' for v, label in values)
    rows = "".join(
        f'<tr><th scope="row">{n}. {_e(d.label[ctx.lang])}</th>' + '<td class="dots"></td>' * len(values) + '<td class="range"></td><td class="range"></td></tr>'
        for n, d in enumerate(ctx.library.dimensions.values(), 1)
    )
    table = (
        f'<table class="poster-grid"><thead><tr><th scope="col" class="dimension-head">{_e(ctx.t("agency.dimension"))}</th>{head}'
        f'<th scope="col">{_e(ctx.t("handouts.range"))}</th><th scope="col">{_e(ctx.t("handouts.consensus"))}</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    return Handout("poster", title, f'<h1>{_e(title)}</h1>\n<p>{_e(ctx.t("handouts.poster_intro"))}</p>\n{table}', classes="poster")


def goal_canvas(ctx: Context, *, number: int) -> Handout:
    """Return one goal canvas: exactly the fields of a goal in the definition, in its order."""
    title = ctx.t("handouts.goal_canvas", n=number, total=GOAL_CANVASES)
    p = f"goal{number}"

    def field(key: str, label: str, *, box: bool) -> str:
        return render_html("field.html", id=f"{p}-{key}", label=label, after_label=Markup(_key(key)), box=box)

    themes = "".join(
        f'<li><input type="checkbox" id="{p}-theme-{t.id}" name="{p}-theme-{t.id}">'
        f'<label for="{p}-theme-{t.id}"><strong>{_e(t.label[ctx.lang])}</strong> <span class="theme-description">{_e(t.description[ctx.lang])}</span></label></li>'
        for t in ctx.library.themes.values()
    )
    indicators = "".join(
        f'<input type="text" id="{p}-indicator-{i}" name="{p}-indicator-{i}" title="{_e(ctx.t("agency.indicators"))} {i}">' for i in range(1, INDICATOR_LINES + 1)
    )
    parts = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="mk-meta">{_e(ctx.t("handouts.goal_canvas_intro"))}</p>',
        field("title", ctx.t("handouts.goal_title"), box=False),
        field("description", ctx.t("handouts.goal_description"), box=True),
        f'<fieldset class="themes"><legend>{_e(ctx.t("handouts.goal_themes"))}{_key("themes")}</legend><ul>{themes}</ul></fieldset>',
        f'<div class="field indicators"><p class="label">{_e(ctx.t("agency.indicators"))}{_key("indicators")}</p>{indicators}</div>',
        field("support", ctx.t("agency.support"), box=True),
    ]
    return Handout(f"goal-canvas-{number}", title, "\n".join(parts), classes="canvas")


SPARRING_FIELDS = ("agency", "goal", "questions", "feedback", "practice", "why", "needs", "who", "ask")
SPARRING_BOXES = ("questions", "feedback", "practice", "why", "needs")


def sparring_sheet(ctx: Context) -> Handout:
    """Return the sheet for the cross-agency round: the goal heard, questions before advice, a practice to borrow."""
    title = ctx.t("handouts.sparring")
    fields = []
    for key in SPARRING_FIELDS:
        fields.append(render_html("field.html", id=f"sp-{key}", label=ctx.t(f"handouts.sparring.{key}"), after_label="", box=key in SPARRING_BOXES))
    intro = f'<p class="mk-meta">{_e(ctx.t("handouts.sparring_intro"))}</p>'
    return Handout("sparring", title, f"<h1>{_e(title)}</h1>\n{intro}\n" + "\n".join(fields), classes="sparring")
