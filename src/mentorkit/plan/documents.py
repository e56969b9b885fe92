"""Which printable documents a variant gets, per language, and their file names (a contract)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from mentorkit.model import Edition
from mentorkit.plan.manifest import Manifest


class Kind(str, Enum):
    """The kinds of printable document."""

    MENTOR_HANDBOOK = "mentor-handbook"
    """For an agency's mentors: its goals and ratings, the selected modules, exercises, glossary, references."""
    TRAINER_GUIDE = "trainer-guide"
    """The same with facilitator notes, the agenda and timings."""
    WORKSHEETS = "worksheets"
    """One exercise per page with room to write."""
    WORKSHOP_HANDOUTS = "workshop-handouts"
    """The representatives' workshop: agenda, self-assessment form, calibration poster, goal canvases, sparring sheet."""


@dataclass(frozen=True)
class Document:
    """A PDF to render."""

    kind: Kind
    lang: str
    filename: str
    edition: Edition
    """Trainer guides show facilitator notes, even within an agency's (mentor) selection."""


def plan_documents(manifest: Manifest) -> tuple[Document, ...]:
    """Return the PDFs of a variant: trainer guide, workshop handouts and worksheets for the base site; handbook, guide and worksheets per agency language."""
    if manifest.variant.is_base:
        kinds = (Kind.TRAINER_GUIDE, Kind.WORKSHOP_HANDOUTS, Kind.WORKSHEETS)
        return tuple(Document(kind, lang, f"{kind.value}-{lang}.pdf", _edition(kind)) for lang in manifest.languages for kind in kinds)
    return tuple(
        Document(kind, lang, f"{manifest.variant.name}-{kind.value}-{lang}.pdf", _edition(kind))
        for lang in manifest.languages
        for kind in (Kind.MENTOR_HANDBOOK, Kind.TRAINER_GUIDE, Kind.WORKSHEETS)
    )


def site_documents(manifest: Manifest, documents: Sequence[Document]) -> tuple[Document, ...]:
    """Return the documents a variant's site links and holds: a mentors' site never the trainer guide."""
    if manifest.edition is Edition.TRAINER:
        return tuple(documents)
    return tuple(d for d in documents if d.kind is not Kind.TRAINER_GUIDE)


def _edition(kind: Kind) -> Edition:
    # Only the trainer guide shows facilitator notes; handouts and worksheets go to participants.
    return Edition.TRAINER if kind is Kind.TRAINER_GUIDE else Edition.MENTOR
