"""The training plans on pages: each session with clock times in the language's own form (9.00–12.00)."""

from __future__ import annotations

from datetime import time

from babel.dates import format_time

from mentorkit.assemble.context import Context
from mentorkit.assemble.paths import module_path, page_path, relative_link
from mentorkit.model import PlanSession, RoundEvent, TrainingPlan, Track


def clock(ctx: Context, minutes: int) -> str:
    """Return minutes after midnight as this language's time of day, e.g. 9.00 in Finnish."""
    return format_time(time(minutes // 60, minutes % 60), format=ctx.t("plan.time_format"), locale=ctx.locale)


def span(ctx: Context, start: int, end: int) -> str:
    """Return a span of clock times, e.g. 9.00–12.00."""
    return f"{clock(ctx, start)}–{clock(ctx, end)}"


def time_cell(ctx: Context, start: int, end: int) -> str:
    """Return a span of clock times for an agenda's first column, kept on one line (12.30–12.45, never 12.30– above 12.45)."""
    return f'<span class="mk-time">{span(ctx, start, end)}</span>'


def timed_items(session: PlanSession):
    """Yield each item of a session with its start and end in minutes after midnight."""
    hours, minutes = session.start.split(":")
    at = int(hours) * 60 + int(minutes)
    for item in session.items:
        yield item, at, at + item.minutes
        at += item.minutes


def item_title(ctx: Context, item) -> str:
    """Return the title of a plan item: the module's title (with its part when split) or the segment's own."""
    if not item.module:
        return item.title[ctx.lang]
    title = ctx.library.module(item.module).text[ctx.lang].title
    return ctx.t("plan.part", title=title, n=item.part, total=item.parts) if item.parts else title


def described_items(ctx: Context, plan: TrainingPlan) -> list[tuple[str, str]]:
    """Return each segment of a plan that says what participants do, as (title, description), once each."""
    seen: dict[str, str] = {}
    for session in plan.sessions:
        for item in session.items:
            if item.description and item.title and item.title[ctx.lang] not in seen:
                seen[item.title[ctx.lang]] = item.description[ctx.lang]
    return list(seen.items())


def variant_plans(ctx: Context, track: Track) -> tuple[TrainingPlan, ...]:
    """Return the plans a variant can run as they are: all of them in the base site, else those of its exact selection."""
    held = {m for m in ctx.manifest.module_ids if ctx.library.module(m).track is track}
    every = {m.id for m in ctx.library.modules if m.track is track}
    plans = [p for p in ctx.library.training_plans if p.track is track]
    if held == every and ctx.trainer_edition:
        return tuple(plans)
    return tuple(p for p in plans if {i.module for s in p.sessions for i in s.items if i.module} == held)


def plans_section(ctx: Context, *, track: Track, source: str, level: int = 2) -> str:
    """Return the variant's plans of a track as tables with clock times ('' when none fits)."""
    parts = []
    heading = "#" * level
    for plan in variant_plans(ctx, track):
        parts.append(f"{heading} {plan.title[ctx.lang]}\n")
        for number, session in enumerate(plan.sessions, 1):
            items = list(timed_items(session))
            title = session.title[ctx.lang] if session.title else ctx.t("plan.session", n=number)
            parts.append(f"{heading}# {title}, {span(ctx, items[0][1], items[-1][2])}\n")
            rows = [f"| {ctx.t('plan.time')} | {ctx.t('plan.item')} | {ctx.t('agenda.duration')} |\n|---|---|---:|"]
            for item, start, end in items:
                name = item_title(ctx, item)
                if item.module:
                    name = f"**[{name}]({relative_link(source=source, target=module_path(ctx.library, item.module))})**"
                rows.append(f"| {time_cell(ctx, start, end)} | {name} | {ctx.minutes(item.minutes)} |")
            parts.append("\n".join(rows) + "\n")
        described = described_items(ctx, plan)
        if described:
            parts.append(f"**{ctx.t('plan.segments')}**\n\n" + "\n".join(f"- **{title}:** {text}" for title, text in described) + "\n")
    return "\n".join(parts)


def event_section(ctx: Context, event: RoundEvent) -> str:
    """Return one of the round's events for its page: when and who, the agenda with clock times, what each segment asks, the material."""
    parts = [f"**{ctx.t('event.when')}:** {event.when[ctx.lang]}\n\n**{ctx.t('event.who')}:** {event.who[ctx.lang]}\n"]
    for session in event.sessions:
        items = list(timed_items(session))
        rows = [f"## {ctx.t('event.agenda')}, {span(ctx, items[0][1], items[-1][2])}\n", f"| {ctx.t('plan.time')} | {ctx.t('plan.item')} | {ctx.t('agenda.duration')} |\n|---|---|---:|"]
        rows += [f"| {time_cell(ctx, start, end)} | {item_title(ctx, item)} | {ctx.minutes(item.minutes)} |" for item, start, end in items]
        parts.append("\n".join(rows) + "\n")
    described = [(i.title[ctx.lang], i.description[ctx.lang]) for s in event.sessions for i in s.items if i.title and i.description]
    if described:
        parts.append(f"**{ctx.t('plan.segments')}**\n\n" + "\n".join(f"- **{title}:** {text}" for title, text in described) + "\n")
    parts.append(f"## {ctx.t('event.material')}\n\n" + "\n".join(f"- {m[ctx.lang]}" for m in event.material) + "\n")
    return "\n".join(parts)


def events_list(ctx: Context, *, source: str) -> str:
    """Return the round's events as a list: each linked to its page, with when it is held."""
    return "\n".join(f"- **[{e.title[ctx.lang]}]({relative_link(source=source, target=page_path(e.id))}):** {e.when[ctx.lang]}" for e in ctx.library.events) + "\n"
