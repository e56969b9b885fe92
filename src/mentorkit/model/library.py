"""The library's values: modules, exercises, pages, vocabularies and the site. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from mentorkit.model.base import Text, Track
from mentorkit.model.evidence import Conformance, Evidence
from mentorkit.model.plans import RoundEvent, TrainingPlan


class Edition(str, Enum):
    """Who a build is for."""

    TRAINER = "trainer"
    """Everything, facilitator notes included: the base site and trainer guides."""
    MENTOR = "mentor"
    """Facilitator notes and trainer-only pages removed: agency sites and mentor handbooks."""


BLOCK_TYPES = ("objectives", "exercise", "reflection", "keypoints", "facilitator")
"""The teaching blocks an author may use (Material admonition types)."""

HANDOUT_PARTS: Mapping[str, str] = {
    "agenda": "handouts.agenda",
    "self-assessment": "handouts.self_assessment",
    "poster": "handouts.poster",
    "gallery-poster": "handouts.gallery",
    "goal-canvas": "handouts.goal_canvases",
    "sparring": "handouts.sparring",
    "next-steps": "handouts.next_steps",
    "feedback-workshop": "handouts.feedback.workshop",
}
"""The parts of the workshop handouts in print order: id (module.yml and events `handouts`, the part's anchor in the PDF) -> the UI key of its one name."""


@dataclass(frozen=True)
class Body:
    """Markdown written by an author, with where it starts in its file."""

    markdown: str
    file: str
    first_line: int


@dataclass(frozen=True)
class ModuleText:
    """A module's text in one language."""

    title: str
    summary: str
    objectives: tuple[str, ...]
    keypoints: tuple[str, ...]
    body: Body
    slides: Body | None = None
    """The module's own slides (slides.<lang>.md), when it has them: they replace the slides made from the body."""


@dataclass(frozen=True)
class Module:
    """A course module: facts stated once, text per language."""

    id: str
    track: Track
    order: int
    duration_min: int
    core: bool
    themes: tuple[str, ...]
    dimensions: tuple[str, ...]
    exercises: tuple[str, ...]
    sources: tuple[str, ...]
    text: Mapping[str, ModuleText]
    handouts: tuple[str, ...] = ()
    """The parts of the workshop handouts the module uses (HANDOUT_PARTS), in the order they are used."""


@dataclass(frozen=True)
class GroupSize:
    """How many people work together in an exercise."""

    min: int
    max: int


@dataclass(frozen=True)
class ExerciseText:
    """An exercise's text in one language."""

    title: str
    summary: str
    purpose: str
    steps: tuple[str, ...]
    remote: str
    debrief: tuple[str, ...]
    body: Body


@dataclass(frozen=True)
class Exercise:
    """A reusable exercise."""

    id: str
    duration_min: int
    group_size: GroupSize
    method: str
    materials: tuple[str, ...]
    between_sessions: bool
    text: Mapping[str, ExerciseText]
    template: tuple[TemplateField, ...] = ()
    """The worksheet's own fields (exercise.yml `template`); none means lines for notes."""


@dataclass(frozen=True)
class PageText:
    """A written site page in one language."""

    title: str
    summary: str | None
    body: Body


class PageKind(str, Enum):
    """The part of a written page generated from data (data/site.yml `generated`; the schema lists the same)."""

    TRACK_AGENDA = "track-agenda"
    """A track's modules in order with start times."""
    ROUND_EVENTS = "round-events"
    """The round's shared events (kick-off, mid-point, harvest), each linked to its page with when and who."""
    ROUND_EVENT = "round-event"
    """One of the round's events on a page of its own (the page's id is the event's): when, who, agenda and material."""
    EXERCISE_INDEX = "exercise-index"
    """The variant's exercises."""
    SELF_ASSESSMENT = "self-assessment"
    """The self-assessment instrument."""
    THEMES = "themes"
    """The goal themes and the modules that serve each."""
    GLOSSARY = "glossary"
    """The glossary terms."""
    REFERENCES = "references"
    """Every cited source."""
    ACCESSIBILITY_CONTACTS = "accessibility-contacts"
    """The accessibility statement's dates and contacts."""
    PRIVACY_CONTACTS = "privacy-contacts"
    """The privacy notice's controller and contact."""
    GOAL_FORM = "goal-form"
    """The goal-definition form, filled in the browser (base site only)."""


@dataclass(frozen=True)
class Page:
    """A written site page and the part generated after its text."""

    id: str
    generated: PageKind | None
    trainer_only: bool
    text: Mapping[str, PageText]
    base_only: bool = False
    """Only in the base site, never in an agency's variant (the goal-definition form)."""
    under: str | None = None
    """The page whose navigation section it belongs to (data/site.yml `under`), e.g. an event under the programme."""


@dataclass(frozen=True)
class Labelled:
    """A vocabulary entry with a label per language (methods, materials)."""

    id: str
    label: Text


@dataclass(frozen=True)
class Theme:
    """A goal theme that agency goals are tagged with."""

    id: str
    label: Text
    description: Text


@dataclass(frozen=True)
class Dimension:
    """A dimension of the current-state self-assessment."""

    id: str
    label: Text
    covers: Text
    statements: tuple[Text, ...]


@dataclass(frozen=True)
class Scale:
    """The rating scale of the self-assessment."""

    min: int
    max: int
    labels: Mapping[int, Text]
    unknown: Text


@dataclass(frozen=True)
class Term:
    """A glossary term."""

    id: str
    term: Text
    definition: Text
    sv: str | None  # the Swedish term, named on the other languages' pages


@dataclass(frozen=True)
class Reference:
    """A cited source."""

    id: str
    citation: str
    doi: str | None
    url: str | None
    about: Text


@dataclass(frozen=True)
class Authority:
    """A public authority a notice points to, with its contact details (the supervisor, the Ombudsman)."""

    name: Text
    url: str
    email: str | None = None
    phone: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Accessibility:
    """The accessibility statement's facts (data/site.yml `accessibility`) and the gates' evidence."""

    prepared: date
    reviewed: date
    feedback_email: str
    reply_days: int
    """The law requires a reply within 14 days."""
    supervisor: Authority
    status: Conformance
    """The status the publisher claims; `check` refuses one the evidence does not support."""
    evidence: Evidence = Evidence()
    """The gates' recorded runs (data/accessibility-evidence.yml)."""


@dataclass(frozen=True)
class Privacy:
    """The privacy notice's controller, contacts, retention and supervisory authority (data/site.yml `privacy`)."""

    controller: Text
    """The controller as a legal entity, e.g. an agency or a company, never a role."""
    email: str
    retention_months: int
    """Months after a round ends until its goal definitions and contact details are deleted."""
    authority: Authority
    """The data-protection supervisory authority (Tietosuojavaltuutetun toimisto)."""
    business_id: str | None = None
    address: str | None = None
    dpo_email: str | None = None


@dataclass(frozen=True)
class Site:
    """Who publishes the site and how its written pages are ordered."""

    site_url: str
    languages: tuple[str, ...]
    owner_name: Text
    owner_email: str
    accessibility: Accessibility
    privacy: Privacy


@dataclass(frozen=True)
class SiteSettings:
    """The site settings a user may change (the project's mkdocs.yml), in MkDocs' own format."""

    theme: Mapping[str, Any] = field(default_factory=dict)
    """Material's settings that are the user's: features, palette, logo, favicon, icon."""
    extra_css: tuple[str, ...] = ()
    """The user's style sheets, by their path in the project (and in each staged docs folder)."""
    files: tuple[str, ...] = ()
    """Every local file the settings name (logo, favicon, style sheets), relative to the project: staged with the pages."""


@dataclass(frozen=True)
class Library:
    """All the material: modules, exercises, pages and vocabularies, checked and cross-referenced."""

    root: str
    site: Site
    modules: tuple[Module, ...]
    exercises: Mapping[str, Exercise]
    pages: tuple[Page, ...]
    themes: Mapping[str, Theme]
    dimensions: Mapping[str, Dimension]
    scale: Scale
    glossary: Mapping[str, Term]
    references: Mapping[str, Reference]
    methods: Mapping[str, Labelled]
    materials: Mapping[str, Labelled]
    ui: Mapping[str, Mapping[str, str]]
    training_plans: tuple[TrainingPlan, ...] = ()
    """The session plans of data/training-plans.yml (none when the file is absent)."""
    events: tuple[RoundEvent, ...] = ()
    """The round's shared events of data/training-plans.yml (kick-off, mid-point, harvest, follow-up)."""
    digests: Mapping[str, str] = field(default_factory=dict)
    """SHA-256 of every content file by its path relative to the project, recorded when it was read."""
    figures: Mapping[str, bytes] = field(default_factory=dict)
    """The bytes of every module figure as read and checked, by path (modules/<track>/<id>/figures/<name>.svg): what is published."""
    settings: SiteSettings = field(default_factory=SiteSettings)
    """The site settings of the project's mkdocs.yml (the kit's defaults when it has none)."""

    def module(self, module_id: str) -> Module:
        """Return the module with this id; KeyError when there is none."""
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)

    def figures_of(self, module_id: str) -> dict[str, bytes]:
        """Return a module's figures as checked: file name -> bytes."""
        prefix = f"modules/{self.module(module_id).track.value}/{module_id}/figures/"
        return {path.removeprefix(prefix): data for path, data in sorted(self.figures.items()) if path.startswith(prefix)}

    def page(self, page_id: str) -> Page | None:
        """Return the written page with this id, if there is one."""
        return next((p for p in self.pages if p.id == page_id), None)


@dataclass(frozen=True)
class TemplateField:
    """A field of an exercise's worksheet: a labelled line, box, table or rating scale."""

    label: Text
    kind: str
    """line | box | table | scale | dimensions"""
    rows: int
    columns: tuple[Text, ...] = ()
