"""How each kind of document is made: the composer that writes its HTML, and whether WeasyPrint prints it, with which style sheet.

What a kind is (its file, edition, variants, fillable fields) is plan/documents.py's SHAPES; this is
the other half of a kind's one entry, the half that needs assemble. Imported by the steps only
(render/steps.py), so that a build that renders nothing loads no composer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from mentorkit.assemble.context import Context
from mentorkit.assemble.followuphandouts import compose_follow_up_handouts
from mentorkit.assemble.handouts import compose_handouts
from mentorkit.assemble.printdoc import compose_document
from mentorkit.assemble.round_templates import compose_round_templates
from mentorkit.assemble.slides import compose_slides
from mentorkit.plan.documents import Document, Kind


@dataclass(frozen=True)
class Recipe:
    """How a kind of document is made from its variant's context in its language."""

    compose: Callable[[Context, Document], str]
    stylesheet: str | None = "print.css"
    """The print style sheet of theme/print/ it is printed with; None: it is published as the HTML composed."""


RECIPES: Mapping[Kind, Recipe] = {
    Kind.MENTOR_HANDBOOK: Recipe(compose_document),
    Kind.TRAINER_GUIDE: Recipe(compose_document),
    Kind.WORKSHOP_HANDOUTS: Recipe(compose_handouts),
    Kind.WORKSHEETS: Recipe(compose_document),
    Kind.FOLLOW_UP_HANDOUTS: Recipe(compose_follow_up_handouts),
    Kind.ROUND_TEMPLATES: Recipe(compose_round_templates),
    Kind.SLIDES: Recipe(compose_slides, stylesheet=None),
    Kind.SLIDES_PDF: Recipe(compose_slides, stylesheet="slides.css"),
    Kind.SLIDE_NOTES: Recipe(compose_slides, stylesheet="slides.css"),
    Kind.SLIDE_HANDOUT: Recipe(compose_slides, stylesheet="slides.css"),
}
"""Every kind of document's recipe (plan/documents.py SHAPES names the same kinds)."""
