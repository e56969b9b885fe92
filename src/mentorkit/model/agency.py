"""An agency's goal definition as values: goals, current state, schedule, contacts. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from mentorkit.model.library import Text


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
    """Dimensions the group disagreed on: the range kept, not flattened."""


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
