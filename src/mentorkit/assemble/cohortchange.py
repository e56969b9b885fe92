"""The round's change on the cohort view: per dimension, how many agencies moved down, stayed and moved up.

Counts only, never a ranking and never a name or letter: which agency moved is not shown. Each
agency's move is its latest follow-up against its own baseline; "don't know" at either end is not a
move. Suppressed while fewer than COHORT_MIN_FOLLOW_UPS agencies have a follow-up, so that the
counts cannot be traced back to one agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from mentorkit.assemble.html import render_html
from mentorkit.model import Agency, Library

COHORT_MIN_FOLLOW_UPS = 3
"""The round's change is shown only when at least this many agencies have a follow-up."""


@dataclass(frozen=True)
class DimensionMoves:
    """How many agencies' ratings of one dimension went down, stayed or went up; unknown: no comparison."""

    dimension: str
    down: int
    same: int
    up: int
    unknown: int


def count_moves(library: Library, agencies: list[Agency]) -> tuple[DimensionMoves, ...]:
    """Return the moves per dimension over the agencies that have a baseline and a follow-up."""
    pairs = [(a.current_state.ratings, a.follow_ups[-1].state.ratings) for a in agencies if a.current_state is not None and a.follow_ups]
    counts = []
    for dimension in library.dimensions:
        down = same = up = unknown = 0
        for baseline, latest in pairs:
            before, after = baseline.get(dimension), latest.get(dimension)
            if before is None or after is None:
                unknown += 1
            elif after < before:
                down += 1
            elif after > before:
                up += 1
            else:
                same += 1
        counts.append(DimensionMoves(dimension, down, same, up, unknown))
    return tuple(counts)


def cohort_change(library: Library, agencies: list[Agency], *, lang: str) -> Markup:
    """Return the cohort view's change section in one language (a note instead while too few have a follow-up)."""
    t = library.ui[lang]
    followed = sum(1 for a in agencies if a.current_state is not None and a.follow_ups)
    rows = [
        {"label": library.dimensions[m.dimension].label[lang], "down": m.down, "same": m.same, "up": m.up, "unknown": m.unknown}
        for m in count_moves(library, agencies)
    ] if followed >= COHORT_MIN_FOLLOW_UPS else []
    return render_html(
        "cohort-change.html",
        title=t["cohort.change"],
        intro=t["cohort.change_intro"].format(n=followed),
        suppressed=t["cohort.change_suppressed"].format(n=followed, minimum=COHORT_MIN_FOLLOW_UPS),
        heads=[t["agency.dimension"], t["cohort.moved_down"], t["cohort.stayed"], t["cohort.moved_up"], t["cohort.no_comparison"]],
        rows=rows,
    )
