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


def range_span(ctx: AgencyContext, dimension: str, *, maximum: int) -> tuple[float, float] | None:
    """Return where a dimension's range lies over its bar, as percentages (left, width), or None without one."""
    spread = _ranges(ctx).get(dimension)
    if spread is None:
        return None
    return 100 * spread.low / maximum, 100 * (spread.high - spread.low) / maximum


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
