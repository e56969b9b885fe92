"""An exercise's own worksheet fields (exercise.yml `template`) as printable, fillable HTML: lines, boxes,
tables, the self-assessment scale, and cut-out cards taken from the exercise's own list of cards."""

from __future__ import annotations

from mentorkit.assemble.context import Context
from mentorkit.assemble.html import Markup, render_html
from mentorkit.model import Exercise, TemplateField
from mentorkit.validate.templates import card_texts

LINE_MM = 9
"""The height of one handwritten line."""


def worksheet_template(ctx: Context, exercise: Exercise) -> str:
    """Return the worksheet's fields as one raw-HTML block, or '' when the exercise has no template."""
    if not exercise.template:
        return ""
    scale = ctx.library.scale
    values = [(str(v), scale.labels[v][ctx.lang]) for v in range(scale.min, scale.max + 1)] + [("?", scale.unknown[ctx.lang])]
    fields = [_field(ctx, exercise, field) for field in exercise.template]
    html = render_html(
        "worksheet-template.html",
        exercise=exercise.id,
        fields=fields,
        scale=values,
        dimensions=[(d.id, d.label[ctx.lang]) for d in ctx.library.dimensions.values()],
        rule=ctx.t("handouts.dimension_rule"),
        dimension_word=ctx.t("agency.dimension"),
        example_word=ctx.t("handouts.example"),
        row_word=ctx.t("worksheet.row"),
        cut_hint=ctx.t("worksheet.cut_cards"),
        line_mm=LINE_MM,
    )
    # One line: Markdown would end a raw-HTML block at a blank line.
    return " ".join(str(html).split("\n")) + "\n"


def _field(ctx: Context, exercise: Exercise, field: TemplateField) -> dict:
    label = field.label[ctx.lang]
    cards = [Markup(card) for card in card_texts(exercise.text[ctx.lang].body.markdown, heading=label)] if field.kind == "cards" else []
    return {"kind": field.kind, "label": label, "rows": field.rows, "columns": [c[ctx.lang] for c in field.columns], "cards": cards}

