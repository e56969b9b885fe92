"""Which modules an agency's variant holds, and why: a pure rule that validation and planning share.

It lives below both stages because validation needs it too (a scheduled module must be selected)
and a stage never imports a later one.
"""

from __future__ import annotations

from collections.abc import Mapping
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


@dataclass(frozen=True)
class Trigger:
    """One thing that brings a module into a variant: the module is core, a goal's theme, a weak rating or modules.add."""

    kind: ReasonKind
    themes: tuple[str, ...] = ()
    """For GOAL: any goal with one of these themes."""
    dimensions: tuple[str, ...] = ()
    """For DIMENSION: any of these dimensions rated at or below `at_most`."""
    at_most: int | None = None


@dataclass(frozen=True)
class Gate:
    """The selection rule for one module, as data: the goal form evaluates the same gates in the browser.

    A module is selected when one of its triggers holds and modules.omit does not name it; when
    none holds it is left out for the reason `otherwise`.
    """

    module: str
    triggers: tuple[Trigger, ...]
    otherwise: ReasonKind


def module_gates(library: Library) -> tuple[Gate, ...]:
    """Return each module's gate in track order: core, goal themes, dimensions rated 1–2, added."""
    gates = []
    for module in library.modules:
        # A mentor edition is the mentors' material: a representatives' module enters only by hand.
        if module.track is Track.WORKSHOP:
            gates.append(Gate(module.id, (Trigger(ReasonKind.ADDED),), ReasonKind.WORKSHOP))
            continue
        triggers = [Trigger(ReasonKind.CORE)] if module.core else []
        if module.themes:
            triggers.append(Trigger(ReasonKind.GOAL, themes=tuple(module.themes)))
        if module.dimensions:
            triggers.append(Trigger(ReasonKind.DIMENSION, dimensions=tuple(module.dimensions), at_most=WEAK_RATING))
        triggers.append(Trigger(ReasonKind.ADDED))
        gates.append(Gate(module.id, tuple(triggers), ReasonKind.UNMATCHED))
    return tuple(gates)


def _reasons(trigger: Trigger, *, module: str, agency: Agency, ratings: Mapping[str, int | None]) -> list[Reason]:
    """Return the reasons one trigger gives for the agency: none when it does not hold."""
    if trigger.kind is ReasonKind.CORE:
        return [Reason(ReasonKind.CORE)]
    if trigger.kind is ReasonKind.GOAL:
        return [Reason(ReasonKind.GOAL, goal=goal.id, theme=theme) for goal in agency.goals for theme in goal.themes if theme in trigger.themes]
    if trigger.kind is ReasonKind.DIMENSION:
        found = ((d, ratings.get(d)) for d in trigger.dimensions)
        return [Reason(ReasonKind.DIMENSION, dimension=d, rating=r) for d, r in found if r is not None and trigger.at_most is not None and r <= trigger.at_most]
    return [Reason(ReasonKind.ADDED)] if module in agency.add else []


def select_modules(library: Library, agency: Agency) -> tuple[tuple[Choice, ...], tuple[Choice, ...]]:
    """Select modules: core + goal themes + dimensions rated 1–2 + added − omitted, in track order."""
    ratings = agency.current_state.ratings if agency.current_state else {}
    selected, omitted = [], []
    for gate in module_gates(library):
        reasons = [r for trigger in gate.triggers for r in _reasons(trigger, module=gate.module, agency=agency, ratings=ratings)]
        if not reasons and gate.otherwise is ReasonKind.WORKSHOP:
            omitted.append(Choice(gate.module, (Reason(ReasonKind.WORKSHOP),)))
        elif gate.module in agency.omit:
            omitted.append(Choice(gate.module, (Reason(ReasonKind.OMITTED), *reasons)))
        elif reasons:
            selected.append(Choice(gate.module, tuple(reasons)))
        else:
            omitted.append(Choice(gate.module, (Reason(gate.otherwise),)))
    return tuple(selected), tuple(omitted)
