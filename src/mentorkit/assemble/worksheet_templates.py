"""An exercise's own worksheet fields (exercise.yml `template`) as printable HTML: lines, boxes,
tables and the self-assessment scale, with labels in the page's language (templates/html/worksheet-template.html)."""

from __future__ import annotations

from mentorkit.assemble.context import Context
from mentorkit.assemble.html import render_html
from mentorkit.model import Exercise

LINE_MM = 9
"""The height of one handwritten line."""


def worksheet_template(ctx: Context, exercise: Exercise) -> str:
    """Return the worksheet's fields as one raw-HTML block, or '' when the exercise has no template."""
    if not exercise.template:
        return ""
    scale = ctx.library.scale
    fields = [
        {"kind": field.kind, "label": field.label[ctx.lang], "rows": field.rows, "columns": [c[ctx.lang] for c in field.columns]}
        for field in exercise.template
    ]
    return render_html(
        "worksheet-template.html",
        fields=fields,
        line_mm=LINE_MM,
        scale=[(str(v), scale.labels[v][ctx.lang]) for v in range(scale.min, scale.max + 1)] + [("?", scale.unknown[ctx.lang])],
        dimensions=[d.label[ctx.lang] for d in ctx.library.dimensions.values()],
        dimension_head=ctx.t("agency.dimension"),
        example_head=ctx.t("handouts.example"),
    ) + "\n"
