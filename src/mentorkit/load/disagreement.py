"""Check current_state.disagreement: the range a group gave a dimension when it did not agree."""

from __future__ import annotations

from collections.abc import Callable

from mentorkit.load.collect import Problems, unknown_id
from mentorkit.load.yamlsource import Source
from mentorkit.model import Disagreement, Library


def check_disagreement(source: Source, state: dict, *, library: Library, text: Callable, problems: Problems) -> dict[str, Disagreement]:
    """Return the valid ranges; record every one that names no rated dimension, is empty or leaves out the rating."""
    ranges: dict[str, Disagreement] = {}
    for dimension, spread in (state.get("disagreement") or {}).items():
        at = ("current_state", "disagreement", dimension)
        if dimension not in library.dimensions:
            problems.append(source.problem(at, unknown_id(dimension, library.dimensions, where="data/dimensions.yml")))
            continue
        if dimension not in state["ratings"]:
            problems.append(source.problem(at, f"'{dimension}' has a range but no rating; expected it in current_state.ratings too, e.g. {dimension}: 3 (or null when the group agreed on none)"))
            continue
        low, high = spread["low"], spread["high"]
        if low >= high:
            problems.append(source.problem(at + ("high",), f"{high} is not above low {low}; expected 1 ≤ low < high ≤ 5, e.g. {{low: 2, high: 4}}"))
            continue
        rating = state["ratings"][dimension]
        if rating is not None and not low <= rating <= high:
            problems.append(source.problem(at, f"the rating {rating} lies outside the range {low}–{high}; expected the group's rating within the ratings given, e.g. {{low: {min(low, rating)}, high: {max(high, rating)}}}"))
            continue
        ranges[dimension] = Disagreement(low, high, text(at + ("note",), spread.get("note")))
    return ranges
