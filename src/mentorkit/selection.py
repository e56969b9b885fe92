"""Which modules an agency's variant holds, and why: a pure rule that validation and planning share.

It lives below both stages because validation needs it too (a scheduled module must be selected)
and a stage never imports a later one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from mentorkit.model import Agency, Library, Track

WEAK_RATING = 2
"""A self-assessment rating at or below this selects the modules that address the dimension."""


class ReasonKind(str, Enum):
    """Why a module is in a variant or left out of it (the manifest's and the home page's words)."""

    CORE = "core"
    """Every variant holds the core modules."""
    ALL = "all"
    """The base site holds every module."""
    GOAL = "goal"
    """One of the agency's goals has a theme the module serves."""
    DIMENSION = "dimension"
    """The agency rated a dimension the module addresses as weak."""
    ADDED = "added"
    """The definition adds it (modules.add)."""
    OMITTED = "omitted"
    """The definition leaves it out (modules.omit)."""
    UNMATCHED = "unmatched"
    """Nothing selects it."""
    WORKSHOP = "workshop"
    """A representatives' workshop module, which an agency's (mentor) variant holds only when added."""


@dataclass(frozen=True)
class Reason:
    """Why a module was selected or left out."""

    kind: ReasonKind
    goal: str | None = None
    theme: str | None = None
    dimension: str | None = None
    rating: int | None = None


@dataclass(frozen=True)
class Choice:
    """A module and the reasons for its place in, or absence from, the variant."""

    module: str
    reasons: tuple[Reason, ...]


def is_weak(rating: int | None) -> bool:
    """Return whether a rating marks a practice as weak enough to select modules for it."""
    return rating is not None and rating <= WEAK_RATING


def select_modules(library: Library, agency: Agency) -> tuple[tuple[Choice, ...], tuple[Choice, ...]]:
    """Select modules: core + goal themes + dimensions rated 1–2 + added − omitted, in track order."""
    ratings = agency.current_state.ratings if agency.current_state else {}
    selected, omitted = [], []
    for module in library.modules:
        # A mentor edition is the mentors' material: a representatives' module enters only by hand.
        if module.track is Track.WORKSHOP and module.id not in agency.add:
            omitted.append(Choice(module.id, (Reason(ReasonKind.WORKSHOP),)))
            continue
        reasons = []
        if module.core:
            reasons.append(Reason(ReasonKind.CORE))
        for goal in agency.goals:
            for theme in goal.themes:
                if theme in module.themes:
                    reasons.append(Reason(ReasonKind.GOAL, goal=goal.id, theme=theme))
        for dimension in module.dimensions:
            rating = ratings.get(dimension)
            if is_weak(rating):
                reasons.append(Reason(ReasonKind.DIMENSION, dimension=dimension, rating=rating))
        if module.id in agency.add:
            reasons.append(Reason(ReasonKind.ADDED))
        if module.id in agency.omit:
            omitted.append(Choice(module.id, (Reason(ReasonKind.OMITTED), *reasons)))
        elif reasons:
            selected.append(Choice(module.id, tuple(reasons)))
        else:
            omitted.append(Choice(module.id, (Reason(ReasonKind.UNMATCHED),)))
    return tuple(selected), tuple(omitted)
