"""An agency's change page ("Muutos" / "Change"): the baseline against each follow-up after the training.

Per dimension a dot-and-arrow chart whose rows read as text, a table with the same ratings, the
retrospective ratings apart, indicator statuses with their evidence, the stories and the caution
that a group's own ratings show perceived change. "Don't know" is a gap, never a zero.
"""

from __future__ import annotations

import yaml

from mentorkit.assemble.context import AgencyContext
from mentorkit.assemble.disagreement import range_notes, rating_text
from mentorkit.assemble.html import render_html
from mentorkit.assemble.markdown import md_text
from mentorkit.model import CurrentState, FollowUp
from mentorkit.selection import WEAK_RATING, RatingMove, ReplanKind, is_weak

CHANGE_PAGE = "change.md"
"""The change page's staged path on an agency's site (only when the definition has follow-ups)."""


def change_page(ctx: AgencyContext) -> str:
    """Return the change page of the agency's site, with its title as front matter."""
    front = "---\n" + yaml.safe_dump({"title": ctx.t("change.title")}, allow_unicode=True) + "---\n"
    return front + change_chapter(ctx)


def change_chapter(ctx: AgencyContext) -> str:
    """Return the change page's Markdown, as the site and the handbook show it ('' without follow-ups)."""
    baseline, follow_ups = ctx.agency.current_state, ctx.agency.follow_ups
    if baseline is None or not follow_ups:
        return ""
    states = [(ctx.t("change.baseline", date=ctx.date(baseline.assessed)), baseline)]
    states += [(_heading(ctx, f), f.state) for f in follow_ups]
    parts = [
        f"# {ctx.t('change.title')}\n",
        ctx.t("change.intro", date=ctx.date(baseline.assessed)) + "\n",
        render_html("change-caution.html", text=ctx.t("change.caution")) + "\n",
        f"## {ctx.t('change.ratings')}\n",
        _chart(ctx, states) + "\n",
        _table(ctx, states),
    ]
    notes = [(heading, range_notes(ctx, state, intro="change.range_intro")) for heading, state in states]
    if any(text for _, text in notes):
        parts.append(f"## {ctx.t('change.disagreement')}\n")
        parts += [f"**{heading}**\n\n{text}" for heading, text in notes if text]
    parts.append(_replan(ctx))
    parts += [_retrospective(ctx, baseline, f) for f in follow_ups if f.retrospective]
    parts.append(_indicators(ctx))
    parts.append(_stories(ctx))
    noted = [(heading, state.notes) for heading, state in states[1:] if state.notes]
    if noted:
        parts.append(f"## {ctx.t('change.notes')}\n")
        parts += [f"**{heading}:** {md_text(text[ctx.lang])}\n" for heading, text in noted]
    return "\n".join(part for part in parts if part)


def _heading(ctx: AgencyContext, follow_up: FollowUp) -> str:
    return ctx.t("change.follow_up", date=ctx.date(follow_up.assessed))


def _dimensions(ctx: AgencyContext, states: list[tuple[str, CurrentState]]):
    rated = {dimension for _, state in states for dimension in state.ratings}
    return [d for d in ctx.library.dimensions.values() if d.id in rated]


def _chart(ctx: AgencyContext, states: list[tuple[str, CurrentState]]) -> str:
    """Return the dot-and-arrow chart: per dimension a ring at the baseline, a dot at each follow-up."""
    scale = ctx.library.scale
    steps = scale.max - scale.min + 1

    def place(rating: int) -> float:
        # The middle of the rating's cell on the track, so that 1 and 5 are not on its edges.
        return 100 * (rating - scale.min + 0.5) / steps

    rows = []
    for dimension in _dimensions(ctx, states):
        ratings = [state.ratings.get(dimension.id) for _, state in states]
        marks = [{"left": place(r), "kind": "ring" if i == 0 else ("dot" if i == len(ratings) - 1 else "mid")} for i, r in enumerate(ratings) if r is not None]
        arrows = []
        for before, after in zip(ratings, ratings[1:]):
            # Only between two known ratings: a "don't know" breaks the line, it is not a zero.
            if before is not None and after is not None and before != after:
                arrows.append({"left": place(min(before, after)), "width": abs(place(after) - place(before)), "up": after > before})
        shown = " → ".join("?" if r is None else str(r) for r in ratings)
        rows.append({"label": dimension.label[ctx.lang], "marks": marks, "arrows": arrows, "shown": shown})
    ticks = [{"left": place(value), "value": value} for value in range(scale.min, scale.max + 1)]
    return render_html("change-chart.html", rows=rows, ticks=ticks, key=ctx.t("change.chart_key"))


def _table(ctx: AgencyContext, states: list[tuple[str, CurrentState]]) -> str:
    """Return the ratings as a table: a column per assessment and the change from the baseline to the latest."""
    head = " | ".join(heading for heading, _ in states)
    lines = [f"| {ctx.t('agency.dimension')} | {head} | {ctx.t('change.difference')} |", "|---|" + "---:|" * (len(states) + 1)]
    for dimension in _dimensions(ctx, states):
        cells = [rating_text(ctx, dimension.id, state.ratings.get(dimension.id), state=state) if dimension.id in state.ratings else "–" for _, state in states]
        first, last = states[0][1].ratings.get(dimension.id), states[-1][1].ratings.get(dimension.id)
        difference = "–" if first is None or last is None else (f"{last - first:+d}".replace("-", "−") if last != first else "0")
        lines.append(f"| {dimension.label[ctx.lang]} | {' | '.join(cells)} | {difference} |")
    groups = [f"{heading}: {ctx.t('change.method.' + f.method, n=f.state.respondents)}" for heading, f in zip((h for h, _ in states[1:]), ctx.agency.follow_ups)]
    return "\n".join(lines) + "\n\n" + "; ".join(groups) + ".\n{: .mk-meta }\n"


def _replan(ctx: AgencyContext) -> str:
    """Return the selection re-run on the follow-up's ratings: which modules come, go or stay, and which rating decides."""
    replan = ctx.manifest.replan
    if replan is None:
        return ""
    follow_up = next(f for f in ctx.agency.follow_ups if f.id == replan.follow_up)
    intro = "change.replan_applied" if replan.applied else "change.replan_intro"
    lines = [f"## {ctx.t('change.replan')}\n", ctx.t(intro, date=ctx.date(follow_up.assessed), id=follow_up.id, weak=WEAK_RATING) + "\n"]
    changed = [m for m in replan.modules if m.kind is not ReplanKind.KEPT or any(move.before != move.after for move in m.moves)]
    if not any(m.kind is not ReplanKind.KEPT for m in replan.modules):
        lines.append(ctx.t("change.replan_none") + "\n")
    for item in sorted(replan.modules, key=lambda m: (m.kind is ReplanKind.KEPT, m not in changed)):
        title = ctx.library.module(item.module).text[ctx.lang].title
        moves = "; ".join(_move(ctx, move) for move in item.moves)
        kind = item.kind.value
        if item.kind is ReplanKind.KEPT and not any(is_weak(move.after) for move in item.moves):
            kind = "kept_other"  # no rating holds it any more: a goal's theme or modules.add does
        lines.append(f"- **{ctx.t('change.replan.' + kind, module=title)}**: {moves}")
    return "\n".join(lines) + "\n"


def _move(ctx: AgencyContext, move: RatingMove) -> str:
    label = ctx.library.dimensions[move.dimension].label[ctx.lang]
    if move.before == move.after:
        return ctx.t("change.still", dimension=label, rating="?" if move.after is None else move.after)
    return ctx.t("change.move", dimension=label, before="?" if move.before is None else move.before, after="?" if move.after is None else move.after)


def _retrospective(ctx: AgencyContext, baseline: CurrentState, follow_up: FollowUp) -> str:
    """Return how the group sees the start in hindsight, apart from the baseline it gave then."""
    lines = [f"## {ctx.t('change.retrospective')}\n", ctx.t("change.retrospective_intro", date=ctx.date(follow_up.assessed)) + "\n"]
    lines.append(f"| {ctx.t('agency.dimension')} | {ctx.t('change.at_start')} | {ctx.t('change.in_hindsight')} |\n|---|---:|---:|")
    for dimension in ctx.library.dimensions.values():
        if dimension.id not in follow_up.retrospective:
            continue
        then = rating_text(ctx, dimension.id, baseline.ratings.get(dimension.id), state=baseline) if dimension.id in baseline.ratings else "–"
        lines.append(f"| {dimension.label[ctx.lang]} | {then} | {rating_text(ctx, dimension.id, follow_up.retrospective[dimension.id], state=CurrentState(follow_up.assessed, {}, None))} |")
    return "\n".join(lines) + "\n"


def _indicators(ctx: AgencyContext) -> str:
    """Return the indicators' statuses at each follow-up, with what was seen ('' when none was checked)."""
    checked = [(f, check) for f in ctx.agency.follow_ups for check in f.indicators]
    if not checked:
        return ""
    goals = {goal.id: goal for goal in ctx.agency.goals}
    lines = [f"## {ctx.t('change.indicators')}\n"]
    lines.append(f"| {ctx.t('change.indicator')} | {ctx.t('agency.when')} | {ctx.t('change.status')} | {ctx.t('change.evidence')} |\n|---|---|---|---|")
    for follow_up, check in checked:
        goal = goals[check.goal]
        sign = f"{md_text(goal.title[ctx.lang])}: {md_text(goal.indicators[check.indicator - 1][ctx.lang])}"
        evidence = md_text(check.evidence[ctx.lang]) if check.evidence else ""
        lines.append(f"| {sign} | {ctx.date(follow_up.assessed)} | {ctx.t('change.status.' + check.status)} | {evidence} |")
    return "\n".join(lines) + "\n"


def _stories(ctx: AgencyContext) -> str:
    """Return the change stories under their dimension ('' when none was told)."""
    told = [(f, story) for f in ctx.agency.follow_ups for story in f.stories]
    if not told:
        return ""
    lines = [f"## {ctx.t('change.stories')}\n", ctx.t("change.stories_intro") + "\n"]
    for follow_up, story in told:
        label = ctx.library.dimensions[story.dimension].label[ctx.lang]
        lines.append(render_html("change-story.html", dimension=label, when=_heading(ctx, follow_up), text=" ".join(story.text[ctx.lang].split())) + "\n")
    return "\n".join(lines)
