"""Show the ranges a group kept where it disagreed: '3/5 (2–4)' in tables, a range bar in the chart,
and the group's notes, escaped like every text of a definition.

Only published ranges are in the model (validate/followups.py): a group too small to publish one
leaves just its note, shown with the words that the group did not agree.
"""

from __future__ import annotations

from collections.abc import Mapping

from mentorkit.assemble.context import AgencyContext
from mentorkit.assemble.markdown import md_text
from mentorkit.model import RANGE_MIN_RESPONDENTS, CurrentState, Disagreement


def _ranges(ctx: AgencyContext) -> Mapping[str, Disagreement]:
    state = ctx.agency.current_state
    return state.disagreement if state else {}


def rating_text(ctx: AgencyContext, dimension: str, rating: int | None, *, state: CurrentState | None = None) -> str:
    """Return a rating as shown in the table, with the group's range when it kept one (the baseline's by default)."""
    scale = ctx.library.scale
    shown = f"{rating}/{scale.max}" if rating is not None else scale.unknown[ctx.lang]
    spread = (state.disagreement if state else _ranges(ctx)).get(dimension)
    return f"{shown} ({spread.low}–{spread.high})" if spread else shown


def range_span(ctx: AgencyContext, dimension: str, *, maximum: int) -> tuple[float, float] | None:
    """Return where a dimension's range lies over its bar, as percentages (left, width), or None without one."""
    spread = _ranges(ctx).get(dimension)
    if spread is None:
        return None
    return 100 * spread.low / maximum, 100 * (spread.high - spread.low) / maximum


def range_notes(ctx: AgencyContext, state: CurrentState | None = None, *, intro: str = "agency.range_intro") -> str:
    """Return the explanation of the ranges and the group's notes on them ('' when it kept none)."""
    state = state or ctx.agency.current_state
    if state is None:
        return ""
    lines = []
    for intro, kept in ((ctx.t(intro), state.disagreement), (ctx.t("agency.withheld_intro", n=RANGE_MIN_RESPONDENTS), state.withheld)):
        if not kept:
            continue
        lines.append(intro + "\n")
        for dimension in ctx.library.dimensions.values():
            if dimension.id not in kept:
                continue
            spread = kept[dimension.id]
            if isinstance(spread, Disagreement):
                note = f": {md_text(spread.note[ctx.lang])}" if spread.note else ""
                lines.append(f"- {dimension.label[ctx.lang]} ({spread.low}–{spread.high}){note}")
            else:
                lines.append(f"- {dimension.label[ctx.lang]}" + (f": {md_text(spread[ctx.lang])}" if spread else ""))
        lines.append("")
    return "\n".join(lines)
