"""Which printable documents a variant gets, per language, and their file names (a contract)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
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

@dataclass(frozen=True)
class Shape:
    """What a kind of document is: its file name, its edition, which variants get it, whether its fields are fillable."""

    file: str
    """Its file name without the agency's prefix: {kind} is the kind, {m} the module, {lang} the language."""
    edition: Edition
    """Trainer: facilitator notes shown; mentor: for participants (handouts, worksheets), none shown."""
    base: bool = False
    """Whether the base site gets it."""
    agency: bool = False
    """Whether an agency's variant gets it."""
    fillable: bool = False
    """Whether its form fields are fillable in a PDF reader; guides and handbooks have none."""
    per_module: bool = False
    """Made per selected module (and language), published in slides/ beside pdf/."""
    page: str | None = None
    """The site page it is made from: it is made only where the library has that page."""


ROUND_TEMPLATES_PAGE = "round-templates"
"""The site page the round templates are written on: their PDF is made where the library has it."""

TRAINER, MENTOR = Edition.TRAINER, Edition.MENTOR
SHAPES: Mapping[Kind, Shape] = {
    Kind.MENTOR_HANDBOOK: Shape("{kind}-{lang}.pdf", MENTOR, agency=True),
    Kind.TRAINER_GUIDE: Shape("{kind}-{lang}.pdf", TRAINER, base=True, agency=True),
    Kind.WORKSHOP_HANDOUTS: Shape("{kind}-{lang}.pdf", MENTOR, base=True, fillable=True),
    Kind.WORKSHEETS: Shape("{kind}-{lang}.pdf", MENTOR, base=True, agency=True, fillable=True),
    Kind.FOLLOW_UP_HANDOUTS: Shape("{kind}-{lang}.pdf", MENTOR, base=True, agency=True, fillable=True),
    # The round templates are the trainer's: their page is trainer-only.
    Kind.ROUND_TEMPLATES: Shape("{kind}-{lang}.pdf", TRAINER, base=True, fillable=True, page=ROUND_TEMPLATES_PAGE),
    Kind.SLIDES: Shape("{m}-{lang}.html", TRAINER, base=True, agency=True, per_module=True),
    Kind.SLIDES_PDF: Shape("{m}-{lang}.pdf", TRAINER, base=True, agency=True, per_module=True),
    Kind.SLIDE_NOTES: Shape("{m}-notes-{lang}.pdf", TRAINER, base=True, agency=True, per_module=True),
    Kind.SLIDE_HANDOUT: Shape("{m}-handout-{lang}.pdf", MENTOR, base=True, agency=True, per_module=True),
}
"""Every kind of document, in the order a variant's documents are made in and its pages list them."""

FILLABLE = tuple(kind for kind, shape in SHAPES.items() if shape.fillable)
"""The kinds whose form fields are fillable in a PDF reader; guides and handbooks have none."""

SLIDE_KINDS = tuple(kind for kind, shape in SHAPES.items() if shape.per_module)
PDF_FOLDER, DECK_FOLDER = "pdf", "slides"
"""The folders of a variant's output its documents are published in (a contract): decks and their handouts in slides/, the rest in pdf/."""
"""The kinds made per module (and language), published in slides/ beside pdf/."""


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
        return DECK_FOLDER if self.kind in SLIDE_KINDS else PDF_FOLDER

    @property
    def path(self) -> str:
        """Return where the document lies in its variant's output folder (in the base site, in the site)."""
        return f"{self.folder}/{self.filename}"


def plan_documents(manifest: Manifest, *, page_ids: Collection[str] = (ROUND_TEMPLATES_PAGE,)) -> tuple[Document, ...]:
    """Return the documents of a variant (SHAPES): per language, the variant's documents; then per language and selected module, its decks and their handouts."""
    base = manifest.variant.is_base
    prefix = "" if base else f"{manifest.variant.name}-"
    kinds = [kind for kind, shape in SHAPES.items() if (shape.base if base else shape.agency) and (shape.page is None or shape.page in page_ids)]
    whole = tuple(Document(kind, lang, prefix + SHAPES[kind].file.format(kind=kind.value, lang=lang), SHAPES[kind].edition) for lang in manifest.languages for kind in kinds if not SHAPES[kind].per_module)
    decks = tuple(
        Document(kind, lang, prefix + SHAPES[kind].file.format(m=module_id, lang=lang), SHAPES[kind].edition, module=module_id)
        for lang in manifest.languages
        for module_id in manifest.module_ids
        for kind in kinds
        if SHAPES[kind].per_module
    )
    return whole + decks


def site_documents(manifest: Manifest, documents: Sequence[Document]) -> tuple[Document, ...]:
    """Return the documents a variant's site links and holds: a mentors' site nothing with facilitator notes (trainer guide, decks)."""
    if manifest.edition is Edition.TRAINER:
        return tuple(documents)
    return tuple(d for d in documents if d.edition is Edition.MENTOR)


def schedule_file(*, agency_id: str, lang: str, languages: Sequence[str]) -> str:
    """Return the name of an agency's calendar in one language, at the root of its folder and its site.

    The agency's first language keeps the name of the output layout's contract (<id>-schedule.ics);
    each further language has its own file, so a Swedish-speaking mentor imports Swedish titles.
    """
    return f"{agency_id}-schedule.ics" if lang == languages[0] else f"{agency_id}-schedule-{lang}.ics"
