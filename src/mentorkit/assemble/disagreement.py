"""Show the ranges a group kept where it disagreed: '3/5 (2–4)' in tables, a range bar in the chart,
and the group's notes, escaped like every text of a definition."""

from __future__ import annotations

from collections.abc import Mapping

from mentorkit.assemble.context import AgencyContext
from mentorkit.assemble.markdown import md_text
from mentorkit.model import Disagreement


def _ranges(ctx: AgencyContext) -> Mapping[str, Disagreement]:
    state = ctx.agency.current_state
    return state.disagreement if state else {}


def rating_text(ctx: AgencyContext, dimension: str, rating: int | None) -> str:
    """Return a rating as shown in the table, with the group's range when it kept one."""
    scale = ctx.library.scale
    shown = f"{rating}/{scale.max}" if rating is not None else scale.unknown[ctx.lang]
    spread = _ranges(ctx).get(dimension)
    return f"{shown} ({spread.low}–{spread.high})" if spread else shown


def range_bar(ctx: AgencyContext, dimension: str, *, x: float, y: float, unit: float, height: float) -> tuple[str, float]:
    """Return the SVG of a dimension's range (a line with end ticks over its bar) and where it ends."""
    spread = _ranges(ctx).get(dimension)
    if spread is None:
        return "", x
    start, end, middle = x + unit * spread.low, x + unit * spread.high, y + height / 2
    svg = (
        f'<line x1="{start:.0f}" y1="{middle:.0f}" x2="{end:.0f}" y2="{middle:.0f}" stroke="#111" stroke-width="3"></line>'
        f'<line x1="{start:.0f}" y1="{y + 3:.0f}" x2="{start:.0f}" y2="{y + height - 3:.0f}" stroke="#111" stroke-width="3"></line>'
        f'<line x1="{end:.0f}" y1="{y + 3:.0f}" x2="{end:.0f}" y2="{y + height - 3:.0f}" stroke="#111" stroke-width="3"></line>'
    )
    return svg, end


def range_notes(ctx: AgencyContext) -> str:
    """Return the explanation of the ranges and the group's notes on them ('' when it kept none)."""
    ranges = _ranges(ctx)
    if not ranges:
        return ""
    lines = [ctx.t("agency.range_intro") + "\n"]
    for dimension in ctx.library.dimensions.values():
        spread = ranges.get(dimension.id)
        if spread is None:
            continue
        note = f": {md_text(spread.note[ctx.lang])}" if spread.note else ""
        lines.append(f"- {dimension.label[ctx.lang]} ({spread.low}–{spread.high}){note}")
    return "\n".join(lines) + "\n"
