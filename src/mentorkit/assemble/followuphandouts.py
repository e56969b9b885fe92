"""Compose the follow-up handouts: the self-assessment then and now, the calibration poster, the
signs-of-progress check sheet and the story cards, through the HTML templates in templates/html/.

The same one instrument as at the workshop (data/dimensions.yml): every statement is rated for now
and, in hindsight, for the start. An agency's edition lists its own goals and their signs of
progress; the base site's has blank lines for them. Every field has a title or a visible label,
which becomes its accessible name in the PDF.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from mentorkit.assemble.context import AgencyContext, Context
from mentorkit.assemble.forms import field
from mentorkit.assemble.handouts import GOAL_CANVASES, INDICATOR_LINES, Handout, calibration_poster, scale_values
from mentorkit.assemble.html import render_html
from mentorkit.assemble.printdoc import document_page
from mentorkit.plan.documents import Document

WHEN = ("now", "then")
"""The two columns of the then/now form: how things are now, and the start as seen today (the follow-up's `retrospective`)."""
STORY_CARDS = 2
"""Story cards on the page: each participant writes one, so a group copies the page as needed."""
STORY_FIELDS = ("happened", "changed", "why")


@cache
def indicator_statuses() -> tuple[str, ...]:
    """Return the statuses a sign of progress can have at a follow-up, in the order of the definition's schema (its one source)."""
    schema = yaml.safe_load(resources.files("mentorkit.schemas").joinpath("agency.yml").read_text(encoding="utf-8"))
    return tuple(schema["properties"]["follow_ups"]["items"]["properties"]["indicators"]["items"]["properties"]["status"]["enum"])


def compose_follow_up_handouts(ctx: Context, document: Document) -> str:
    """Return the complete HTML of the follow-up handouts in one language."""
    parts = [then_now_form(ctx), calibration_poster(ctx), indicator_sheet(ctx), story_cards(ctx)]
    body = "\n".join(f'<section class="chapter break handout {p.classes}" id="{p.id}">\n<form>\n{p.html}\n</form>\n</section>' for p in parts)
    return document_page(ctx, document, body=body, toc=[(1, p.id, p.title) for p in parts])


def then_now_form(ctx: Context) -> Handout:
    """Return the individual form: every statement rated for now and for the start in hindsight, then the dimension's rating in each."""
    title = ctx.t("follow_up.then_now")
    values = scale_values(ctx)
    words = {when: ctx.t(f"follow_up.{when}") for when in WHEN}
    dimensions = []
    for d_number, dimension in enumerate(ctx.library.dimensions.values(), 1):
        statements = []
        for s_number, statement in enumerate(dimension.statements, 1):
            mark = f"{d_number}{chr(96 + s_number)}"
            rows = [
                {"when": when, "word": words[when], "name": f"fu-{dimension.id}-{s_number}-{when}", "titles": [ctx.t("follow_up.rating_title", mark=mark, when=words[when], value=v, label=label) for v, label in values]}
                for when in WHEN
            ]
            statements.append({"mark": mark, "text": statement[ctx.lang], "rows": rows})
        ratings = [
            {"when": when, "word": words[when], "name": f"fu-{dimension.id}-{when}", "titles": [ctx.t("follow_up.dimension_title", mark=d_number, when=words[when], value=v, label=label) for v, label in values]}
            for when in WHEN
        ]
        dimensions.append({"number": d_number, "id": dimension.id, "label": dimension.label[ctx.lang], "covers": dimension.covers[ctx.lang], "statements": statements, "ratings": ratings})
    html = render_html(
        "handout-then-now.html", title=title, intro=ctx.t("follow_up.then_now_intro"), rule=ctx.t("handouts.dimension_rule"), dimensions=dimensions, scale=values,
        covers_word=ctx.t("self_assessment.covers"), statement_word=ctx.t("handouts.statement"), dimension_rating_word=ctx.t("handouts.dimension_rating"),
        example_word=ctx.t("follow_up.example"),
    )
    return Handout("then-now", title, html)


def indicator_sheet(ctx: Context) -> Handout:
    """Return the check sheet: each goal's signs of progress with a status to tick and what it rests on (the agency's own, or blank lines)."""
    title = ctx.t("follow_up.indicators")
    statuses = [(status, ctx.t(f"change.status.{status}")) for status in indicator_statuses()]
    goals: list[dict[str, object]]
    if isinstance(ctx, AgencyContext):
        # A goal without signs of progress gets lines to write them on: the session is where they are found.
        goals = [{"title": goal.title[ctx.lang], "indicators": [indicator[ctx.lang] for indicator in goal.indicators] or [None] * INDICATOR_LINES} for goal in ctx.agency.goals]
    else:
        goals = [{"title": None, "indicators": [None] * INDICATOR_LINES} for _ in range(GOAL_CANVASES)]
    html = render_html(
        "handout-indicators.html", title=title, intro=ctx.t("follow_up.indicators_intro"), goals=goals, statuses=statuses, field=field,
        goal_word=ctx.t("follow_up.goal"), indicator_word=ctx.t("change.indicator"), status_word=ctx.t("change.status"),
        evidence_word=ctx.t("follow_up.evidence"), goal_title_word=ctx.t("handouts.goal_title"),
    )
    return Handout("indicators", title, html, classes="indicators")


def story_cards(ctx: Context) -> Handout:
    """Return a page of story cards: which dimension, what happened, what changed and why it matters, with no names."""
    title = ctx.t("follow_up.stories")
    dimensions = [(n, d.id, d.label[ctx.lang]) for n, d in enumerate(ctx.library.dimensions.values(), 1)]
    cards = [{"prefix": f"story{n}", "heading": ctx.t("follow_up.story_card", n=n)} for n in range(1, STORY_CARDS + 1)]
    html = render_html(
        "handout-story-cards.html", title=title, intro=ctx.t("follow_up.stories_intro"), cards=cards, dimensions=dimensions, field=field,
        dimension_word=ctx.t("follow_up.story_dimension"), fields=[(key, ctx.t(f"follow_up.story.{key}")) for key in STORY_FIELDS],
    )
    return Handout("stories", title, html, classes="stories")
