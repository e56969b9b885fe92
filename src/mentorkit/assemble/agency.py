"""An agency's own pages: its home page and the "for your goals" box on each module page.

Every text from a goal definition is plain text: it passes through `md_text`, which escapes HTML
and Markdown, so that it reaches the reader exactly as written and never as markup.
"""

from __future__ import annotations

import yaml

from mentorkit.assemble.context import AgencyContext
from mentorkit.assemble.disagreement import range_notes, range_span, rating_text
from mentorkit.assemble.html import render_html
from mentorkit.assemble.markdown import block, mail_link, md_text
from mentorkit.assemble.paths import module_path, page_path, relative_link
from mentorkit.model import Module, Page
from mentorkit.plan.documents import schedule_file
from mentorkit.plan.manifest import Reason, ReasonKind

def goal_box(ctx: AgencyContext, module: Module) -> str:
    """Return the box listing the agency's goals that a module serves, or '' when it serves none."""
    served = [goal for goal in ctx.agency.goals if set(goal.themes) & set(module.themes)]
    if not served:
        return ""
    return block("goals", ctx.t("block.goals"), [f"- {md_text(goal.title[ctx.lang])}" for goal in served])


def agency_home(ctx: AgencyContext, page: Page, *, downloads: str = "") -> str:
    """Return the agency's home page: goals, modules and why, current state, schedule, contacts."""
    here = page_path("index")
    parts = [
        # The page title is an interface string, never the agency's text: Material prints page
        # titles unescaped in the navigation.
        "---\n" + yaml.safe_dump({"title": ctx.t("agency.home")}, allow_unicode=True) + "---\n",
        render_html("agency-title.html", title=ctx.t("agency.title", name=ctx.agency.name[ctx.lang])) + "\n",
    ]
    if ctx.agency.round:
        parts.append(f"{md_text(ctx.t('agency.round', round=ctx.agency.round))}\n{{: .mk-meta }}\n")
    parts.append(goals_section(ctx))
    parts.append(f"## {ctx.t('agency.modules')}\n")
    for choice in ctx.manifest.selected:
        module = ctx.library.module(choice.module)
        link = relative_link(source=here, target=module_path(ctx.library, module.id))
        reasons = "\n".join(f"    - {_reason(ctx, r)}" for r in choice.reasons)
        parts.append(f"- **[{module.text[ctx.lang].title}]({link})** ({ctx.minutes(module.duration_min)}). {ctx.t('agency.why')}:\n\n{reasons}\n")
    parts.append("")
    parts.append(current_state(ctx))
    parts.append(schedule(ctx, source=here))
    parts.append(contacts(ctx))
    parts.append(downloads)
    return "\n".join(parts)


def goals_section(ctx: AgencyContext) -> str:
    """Return the agency's goals with their descriptions and indicators."""
    parts = [f"## {ctx.t('agency.goals')}\n"]
    for goal in ctx.agency.goals:
        parts.append(f"### {md_text(goal.title[ctx.lang])} {{#goal-{goal.id}}}\n")
        if goal.description:
            parts.append(f"{md_text(goal.description[ctx.lang])}\n")
        if goal.gap:
            parts.append(f"**{ctx.t('agency.gap')}:** {md_text(goal.gap[ctx.lang])}\n")
        if goal.culture_feature:
            parts.append(f"**{ctx.t('agency.culture_feature')}:** {md_text(goal.culture_feature[ctx.lang])}\n")
        if goal.indicators:
            parts.append(f"{ctx.t('agency.indicators')}:\n\n" + "\n".join(f"- {md_text(i[ctx.lang])}" for i in goal.indicators) + "\n")
        if goal.support:
            parts.append(f"**{ctx.t('agency.support')}:** {md_text(goal.support[ctx.lang])}\n")
        if goal.commitments:
            parts.append(f"{ctx.t('agency.commitments')}:\n\n" + "\n".join(f"- **{md_text(c.who[ctx.lang])}:** {md_text(c.what[ctx.lang])}" for c in goal.commitments) + "\n")
    return "\n".join(parts)


def contacts(ctx: AgencyContext) -> str:
    """Return the agency's contacts, or '' when it named none."""
    if not ctx.agency.contacts:
        return ""
    lines = [f"## {ctx.t('agency.contacts')}\n"]
    for contact in ctx.agency.contacts:
        role = f", {md_text(contact.role[ctx.lang])}" if contact.role else ""
        email = f": {mail_link(contact.email)}" if contact.email else ""
        lines.append(f"- {md_text(contact.name)}{role}{email}")
    return "\n".join(lines) + "\n"


def _reason(ctx: AgencyContext, reason: Reason) -> str:
    if reason.kind is ReasonKind.GOAL and reason.theme is not None:
        goal = next(g for g in ctx.agency.goals if g.id == reason.goal)
        return ctx.t("reason.goal", goal=md_text(goal.title[ctx.lang]), theme=ctx.library.themes[reason.theme].label[ctx.lang])
    if reason.kind is ReasonKind.DIMENSION and reason.dimension is not None:
        return ctx.t("reason.dimension", dimension=ctx.library.dimensions[reason.dimension].label[ctx.lang], rating=reason.rating)
    return ctx.t(f"reason.{reason.kind.value}")


def current_state(ctx: AgencyContext) -> str:
    """Return the current-state ratings as a bar chart with the same data as a table ('' if none)."""
    state = ctx.agency.current_state
    if state is None:
        return ""
    scale = ctx.library.scale
    rows = [(d, state.ratings.get(d.id)) for d in ctx.library.dimensions.values() if d.id in state.ratings]
    lines = [f"## {ctx.t('agency.current_state')}\n", ctx.t("agency.current_state_intro", date=ctx.date(state.assessed)) + "\n"]
    lines.append(_chart(ctx, rows, maximum=scale.max))
    lines.append(f"| {ctx.t('agency.dimension')} | {ctx.t('agency.rating')} |\n|---|---:|")
    for dimension, rating in rows:
        lines.append(f"| {dimension.label[ctx.lang]} | {rating_text(ctx, dimension.id, rating)} |")
    lines.append("")
    notes = range_notes(ctx)
    if notes:
        lines.append(notes)
    if state.notes:
        lines.append(md_text(state.notes[ctx.lang]) + "\n")
    return "\n".join(lines)


def _chart(ctx: AgencyContext, rows, *, maximum: int) -> str:
    """Return the ratings as HTML bars: real text that stays legible at any width and in print.

    Screen readers skip it (the table below has the same data); in a PDF it is text and bars,
    not an image, so there is no figure left without alternative text.
    """
    bars = [
        {
            "label": dimension.label[ctx.lang],
            "share": 100 * (rating or 0) / maximum,
            "span": range_span(ctx, dimension.id, maximum=maximum),
            # The value reads like the table's: '4/5 (3–5)' where the group kept a range.
            "shown": rating_text(ctx, dimension.id, rating) if rating is not None else "?",
        }
        for dimension, rating in rows
    ]
    return render_html("agency-chart.html", rows=bars, caption=ctx.t("agency.chart_label")) + "\n"


def schedule(ctx: AgencyContext, *, source: str) -> str:
    """Return the agency's schedule as a table ('' when it has none)."""
    if not ctx.agency.schedule:
        return ""
    lines = [f"## {ctx.t('agency.schedule')}\n"]
    lines.append(f"| {ctx.t('agency.when')} | {ctx.t('agenda.module')} | {ctx.t('agency.place')} |\n|---|---|---|")
    for session in ctx.agency.schedule:
        module = ctx.library.module(session.module)
        link = relative_link(source=source, target=module_path(ctx.library, module.id))
        place = md_text(session.place[ctx.lang]) if session.place else ""
        lines.append(f"| {ctx.date(session.date, form='schedule_date_format')} {ctx.time_range(session.start, session.end)} | [{module.text[ctx.lang].title}]({link}) | {place} |")
    if source == page_path("index"):
        # The calendar file sits at the site's root (render copies it there), beside the home page.
        up = "" if ctx.lang == ctx.manifest.languages[0] else "../"
        ics = up + schedule_file(agency_id=ctx.agency.id, lang=ctx.lang, languages=ctx.agency.languages)
        lines.append("\n" + render_html("calendar-link.html", href=ics, label=ctx.t("agency.calendar")))
    return "\n".join(lines) + "\n"
