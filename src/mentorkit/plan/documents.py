"""Which printable documents a variant gets, per language, and their file names (a contract)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
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
    ROUND_TEMPLATES = "round-templates"
    """The templates a round needs (invitation, recruitment notice, role descriptions, time agreement, certificate), fillable."""
    FOLLOW_UP_HANDOUTS = "follow-up-handouts"
    """The follow-up session: the self-assessment then and now, the calibration poster, the signs-of-progress sheet (an agency's own), story cards."""
    SLIDES = "slides"
    """A module's deck as HTML (reveal.js) with speaker notes: the trainer presents from it."""
    SLIDES_PDF = "slides-pdf"
    """The same deck as a 16:9 PDF, one slide a page, without notes."""
    SLIDE_NOTES = "slide-notes"
    """The trainer's notes handout: A4, each slide above its speaker notes."""
    SLIDE_HANDOUT = "slide-handout"
    """The participants' handout: three slides a page with lines for notes, no facilitator text."""


SITE_ROOT = "mk-site-root:"
"""Starts a link from a page to a file of the site outside its pages (a PDF, a deck), written from the site's root.

A page becomes `page/index.html` on a web server and `page.html` in a bundle; staging writes each
(assemble/staging.py, resolve_site_links), so only there is the link made relative to the page."""

FILLABLE = (Kind.WORKSHOP_HANDOUTS, Kind.WORKSHEETS, Kind.FOLLOW_UP_HANDOUTS, Kind.ROUND_TEMPLATES)
"""The kinds whose form fields are fillable in a PDF reader; guides and handbooks have none."""

SLIDE_KINDS = (Kind.SLIDES, Kind.SLIDES_PDF, Kind.SLIDE_NOTES, Kind.SLIDE_HANDOUT)
"""The kinds made per module (and language), published in slides/ beside pdf/."""
_SLIDE_FILES = {Kind.SLIDES: "{m}-{lang}.html", Kind.SLIDES_PDF: "{m}-{lang}.pdf", Kind.SLIDE_NOTES: "{m}-notes-{lang}.pdf", Kind.SLIDE_HANDOUT: "{m}-handout-{lang}.pdf"}


@dataclass(frozen=True)
class Document:
    """A PDF to render."""

    kind: Kind
    lang: str
    filename: str
    edition: Edition
    """Trainer guides show facilitator notes, even within an agency's (mentor) selection."""
    module: str | None = None
    """The module a deck or slide handout is of; None for the documents of a whole variant."""

    @property
    def folder(self) -> str:
        """Return the folder of the variant's output the document is published in: slides/ for decks, else pdf/."""
        return "slides" if self.kind in SLIDE_KINDS else "pdf"

    @property
    def path(self) -> str:
        """Return where the document lies in its variant's output folder (in the base site, in the site)."""
        return f"{self.folder}/{self.filename}"


ROUND_TEMPLATES_PAGE = "round-templates"
"""The site page the round templates are written on: their PDF is made where the library has it."""


def plan_documents(manifest: Manifest, *, page_ids: Collection[str] = (ROUND_TEMPLATES_PAGE,)) -> tuple[Document, ...]:
    """Return the PDFs of a variant: trainer guide, workshop and follow-up handouts, worksheets and round templates (where the page is) for the base site; handbook, guide, worksheets and follow-up handouts per agency language."""
    if manifest.variant.is_base:
        kinds = (Kind.TRAINER_GUIDE, Kind.WORKSHOP_HANDOUTS, Kind.WORKSHEETS, Kind.FOLLOW_UP_HANDOUTS) + ((Kind.ROUND_TEMPLATES,) if ROUND_TEMPLATES_PAGE in page_ids else ())
        documents = tuple(Document(kind, lang, f"{kind.value}-{lang}.pdf", _edition(kind)) for lang in manifest.languages for kind in kinds)
        return documents + _slides(manifest, prefix="")
    documents = tuple(
        Document(kind, lang, f"{manifest.variant.name}-{kind.value}-{lang}.pdf", _edition(kind))
        for lang in manifest.languages
        for kind in (Kind.MENTOR_HANDBOOK, Kind.TRAINER_GUIDE, Kind.WORKSHEETS, Kind.FOLLOW_UP_HANDOUTS)
    )
    return documents + _slides(manifest, prefix=f"{manifest.variant.name}-")


def _slides(manifest: Manifest, *, prefix: str) -> tuple[Document, ...]:
    """Return every selected module's deck, its PDF and its two handouts, per language."""
    return tuple(
        Document(kind, lang, prefix + _SLIDE_FILES[kind].format(m=module_id, lang=lang), _edition(kind), module=module_id)
        for lang in manifest.languages
        for module_id in manifest.module_ids
        for kind in SLIDE_KINDS
    )


def site_documents(manifest: Manifest, documents: Sequence[Document]) -> tuple[Document, ...]:
    """Return the documents a variant's site links and holds: a mentors' site nothing with facilitator notes (trainer guide, decks)."""
    if manifest.edition is Edition.TRAINER:
        return tuple(documents)
    return tuple(d for d in documents if d.edition is Edition.MENTOR)


def _edition(kind: Kind) -> Edition:
    # The trainer guide and the decks show facilitator notes; handouts and worksheets go to participants;
    # the round templates are the trainer's (their page is trainer-only).
    return Edition.MENTOR if kind in (Kind.MENTOR_HANDBOOK, Kind.WORKSHOP_HANDOUTS, Kind.WORKSHEETS, Kind.FOLLOW_UP_HANDOUTS, Kind.SLIDE_HANDOUT) else Edition.TRAINER


def schedule_file(*, agency_id: str, lang: str, languages: Sequence[str]) -> str:
    """Return the name of an agency's calendar in one language, at the root of its folder and its site.

    The agency's first language keeps the name of the output layout's contract (<id>-schedule.ics);
    each further language has its own file, so a Swedish-speaking mentor imports Swedish titles.
    """
    return f"{agency_id}-schedule.ics" if lang == languages[0] else f"{agency_id}-schedule-{lang}.ics"
