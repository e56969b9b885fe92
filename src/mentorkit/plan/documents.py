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
    WORKSHOP_HANDOUTS = "workshop-handouts"
    """The representatives' workshop: agenda, self-assessment form, calibration poster, goal canvases, sparring sheet."""


@dataclass(frozen=True)
class Document:
    """A PDF to render."""

    kind: Kind
    lang: str
    filename: str


def plan_documents(manifest: Manifest) -> tuple[Document, ...]:
    """Return the PDFs of a variant: trainer guide, workshop handouts and worksheets for the base site; handbook, guide and worksheets per agency language."""
    if manifest.variant == "base":
        kinds = (Kind.TRAINER_GUIDE, Kind.WORKSHOP_HANDOUTS, Kind.WORKSHEETS)
        return tuple(Document(kind, lang, f"{kind.value}-{lang}.pdf") for lang in manifest.languages for kind in kinds)
    return tuple(
        Document(kind, lang, f"{manifest.variant}-{kind.value}-{lang}.pdf")
        for lang in manifest.languages
        for kind in (Kind.MENTOR_HANDBOOK, Kind.TRAINER_GUIDE, Kind.WORKSHEETS)
    )


def site_documents(manifest: Manifest, documents) -> tuple[Document, ...]:
    """Return the documents a variant's site links and holds: a mentors' site never the trainer guide."""
    if manifest.edition is Edition.TRAINER:
        return tuple(documents)
    return tuple(d for d in documents if d.kind is not Kind.TRAINER_GUIDE)
