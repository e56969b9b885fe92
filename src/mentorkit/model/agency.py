"""An agency's goal definition as values: goals, current state, schedule, contacts. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from mentorkit.model.base import Text


@dataclass(frozen=True)
class Publisher:
    """The organisation that publishes an agency's own copy of its site, instead of data/site.yml's owner."""

    name: Text
    email: str
    """Where accessibility feedback goes."""
    privacy_email: str | None = None
    """Where data-protection questions go (the feedback address when not given)."""


@dataclass(frozen=True)
class Contact:
    """A person an agency's mentors can turn to."""

    name: str
    role: Text | None
    email: str | None


@dataclass(frozen=True)
class Goal:
    """One of an agency's goals for learning-mentor work."""

    id: str
    title: Text
    description: Text | None
    themes: tuple[str, ...]
    indicators: tuple[Text, ...]
    support: Text | None = None
    """What management commits to for this goal (time, mandate)."""
    gap: Text | None = None
    """The gap in the current state the goal answers."""
    culture_feature: Text | None = None
    """The feature of working culture (a belief, a tradition) the goal touches."""
    commitments: tuple["Commitment", ...] = ()
    """Who commits to what for this goal."""


@dataclass(frozen=True)
class Commitment:
    """One party's commitment to a goal: a role or group (never a person's name) and what it will do."""

    who: Text
    what: Text


@dataclass(frozen=True)
class Disagreement:
    """The range of ratings a group gave a dimension when it did not agree, with an optional note."""

    low: int
    high: int
    note: Text | None = None


@dataclass(frozen=True)
class CurrentState:
    """The workshop's consensus ratings of the agency's practices."""

    assessed: date
    ratings: Mapping[str, int | None]
    notes: Text | None
    disagreement: Mapping[str, Disagreement] = field(default_factory=dict)
    """Dimensions the group disagreed on: the range kept, not flattened; only from a group large
    enough to publish it (RANGE_MIN_RESPONDENTS), so that no output can show it by mistake."""
    respondents: int | None = None
    """How many people rated together (None when the definition does not say)."""
    withheld: Mapping[str, Text | None] = field(default_factory=dict)
    """Dimensions the group disagreed on whose range is not published (a group too small): the note only."""


RANGE_MIN_RESPONDENTS = 5
"""A rating range is published only from a group at least this large: fewer could be told apart."""

SURVEY_MIN_RESPONDENTS = 5
"""A survey of fewer people is no survey: each answer could be recognised."""


@dataclass(frozen=True)
class IndicatorCheck:
    """How one of a goal's indicators is doing at a follow-up."""

    goal: str
    indicator: int
    """The indicator's 1-based position in the goal's indicators."""
    status: str
    evidence: Text | None = None


@dataclass(frozen=True)
class Story:
    """A change story told at a follow-up, without names."""

    dimension: str
    text: Text


@dataclass(frozen=True)
class FollowUp:
    """A re-assessment after the training: the same dimensions and scale as the current state."""

    id: str
    assessed: date
    method: str
    """consensus or survey."""
    state: CurrentState
    """The ratings, respondents, published ranges and notes, read like the baseline's."""
    retrospective: Mapping[str, int | None] = field(default_factory=dict)
    """How the group now sees the start ("looking back"): shown apart, never mixed with the baseline."""
    indicators: tuple[IndicatorCheck, ...] = ()
    stories: tuple[Story, ...] = ()


@dataclass(frozen=True)
class Session:
    """A scheduled training session of one module."""

    module: str
    date: date
    start: str
    end: str
    place: Text | None


@dataclass(frozen=True)
class Agency:
    """An agency's goal definition, validated; localised text is filled in for every language."""

    id: str
    name: Text
    languages: tuple[str, ...]
    round: str | None
    share_with_cohort: bool
    contacts: tuple[Contact, ...]
    current_state: CurrentState | None
    goals: tuple[Goal, ...]
    add: tuple[str, ...]
    omit: tuple[str, ...]
    schedule: tuple[Session, ...]
    source: str = field(default="")
    """The definition's path as the user gave it."""
    digest: str = field(default="")
    """SHA-256 of the definition file, recorded when it was read."""
    modified_ns: int = 0
    """The definition file's modification time when it was read: when its calendar events last changed."""
    publisher: Publisher | None = None
    """Who publishes the agency's own copy of its site (data/site.yml's owner when None)."""
    follow_ups: tuple[FollowUp, ...] = ()
    """Re-assessments after the training, in date order."""
    plan_from: str | None = None
    """The follow-up whose ratings the selection reads (the next phase's handbook); None: current_state's."""
