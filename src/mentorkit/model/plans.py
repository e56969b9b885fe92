"""The training plans' values: a track's sessions with clock times and the round's shared events. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass

from mentorkit.model.base import Text, Track


@dataclass(frozen=True)
class PlanItem:
    """One item of a planned session: a module (its minutes from module.yml) or a segment between modules."""

    module: str | None
    segment: str | None
    """welcome | opening | agreement | review | break | lunch | closing | feedback"""
    title: Text | None
    minutes: int
    description: Text | None = None
    """What a segment is, for the trainer and participants (a task between sessions, a plan)."""
    part: int = 0
    """The part's number when a module is split across breaks (1, 2, …); 0 when it runs whole."""
    parts: int = 0
    """How many parts the module is split into in this plan; 0 when it runs whole."""


@dataclass(frozen=True)
class PlanSession:
    """A session of a plan: a start and end time of day ('09:00') filled exactly by its items."""

    title: Text | None
    start: str
    end: str
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class TrainingPlan:
    """A way to run a track: its modules and segments in sessions with clock times."""

    id: str
    track: Track
    covers: str
    """'all' (every module of the track) or 'core' (only the core modules)."""
    title: Text
    sessions: tuple[PlanSession, ...]
    delivery: str = "on-site"
    """'on-site' (in a room) or 'remote' (in a video meeting, with shorter stretches between breaks)."""


@dataclass(frozen=True)
class RoundEvent:
    """An event the representatives and the mentors share (kick-off, mid-point, harvest): when, who, its material and its agenda."""

    id: str
    title: Text
    when: Text
    who: Text
    material: tuple[Text, ...]
    sessions: tuple[PlanSession, ...]
    handouts: tuple[str, ...] = ()
    """The parts of the workshop handouts the event uses (HANDOUT_PARTS), linked from its page."""
