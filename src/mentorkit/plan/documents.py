"""Which printable documents a variant gets, per language, and their file names (a contract)."""

from __future__ import annotations

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


@dataclass(frozen=True)
class Document:
    """A PDF to render."""

    kind: Kind
    lang: str
    filename: str
    edition: Edition
    """Trainer guides show facilitator notes, even within an agency's (mentor) selection."""


def plan_documents(manifest: Manifest) -> tuple[Document, ...]:
    """Return the PDFs of a variant: the trainer guide for the base site, all three per agency language."""
    if manifest.variant.is_base:
        return tuple(Document(Kind.TRAINER_GUIDE, lang, f"trainer-guide-{lang}.pdf", Edition.TRAINER) for lang in manifest.languages)
    return tuple(
        Document(kind, lang, f"{manifest.variant.name}-{kind.value}-{lang}.pdf", Edition.TRAINER if kind is Kind.TRAINER_GUIDE else Edition.MENTOR)
        for lang in manifest.languages
        for kind in (Kind.MENTOR_HANDBOOK, Kind.TRAINER_GUIDE, Kind.WORKSHEETS)
    )
