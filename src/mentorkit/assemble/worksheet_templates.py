"""An exercise's own worksheet fields (exercise.yml `template`) as printable HTML: lines, boxes,
tables and the self-assessment scale, with labels in the page's language."""

from __future__ import annotations

import html

from mentorkit.assemble.context import Context
from mentorkit.model import Exercise, TemplateField

LINE_MM = 9
"""The height of one handwritten line."""


def worksheet_template(ctx: Context, exercise: Exercise) -> str:
    """Return the worksheet's fields as one raw-HTML block, or '' when the exercise has no template."""
    if not exercise.template:
        return ""
    fields = "".join(_field(ctx, field) for field in exercise.template)
    return f'<div class="worksheet-template">{fields}</div>\n'


def _e(text: str) -> str:
    return html.escape(str(text))


def _scale(ctx: Context) -> list[tuple[str, str]]:
    scale = ctx.library.scale
    return [(str(v), scale.labels[v][ctx.lang]) for v in range(scale.min, scale.max + 1)] + [("?", scale.unknown[ctx.lang])]


def _field(ctx: Context, field: TemplateField) -> str:
    label = f'<p class="tpl-label">{_e(field.label[ctx.lang])}</p>'
    if field.kind == "line":
        return f'<div class="tpl-field">{label}' + '<div class="tpl-line"></div>' * field.rows + "</div>"
    if field.kind == "box":
        return f'<div class="tpl-field">{label}<div class="write-space tpl-box" style="height: {field.rows * LINE_MM}mm"></div></div>'
    if field.kind == "table":
        head = "".join(f'<th scope="col">{_e(c[ctx.lang])}</th>' for c in field.columns)
        row = "<tr>" + '<td class="tpl-cell"></td>' * len(field.columns) + "</tr>"
        return f'<div class="tpl-field">{label}<table class="tpl-table"><thead><tr>{head}</tr></thead><tbody>{row * field.rows}</tbody></table></div>'
    if field.kind == "scale":
        boxes = "".join(f'<span class="tpl-choice"><span class="tick-box"></span> {_e(v)} = {_e(text)}</span>' for v, text in _scale(ctx))
        return f'<div class="tpl-field">{label}<p class="tpl-scale">{boxes}</p></div>'
    # dimensions: every dimension of the self-assessment against the scale, with room for an example.
    values = _scale(ctx)
    head = "".join(f'<th scope="col" class="scale"><span class="value">{_e(v)}</span> <span class="label">{_e(text)}</span></th>' for v, text in values)
    rows = "".join(
        f'<tr><th scope="row">{n}. {_e(d.label[ctx.lang])}</th>' + '<td class="tick"><span class="tick-box"></span></td>' * len(values) + '<td class="tpl-cell"></td></tr>'
        for n, d in enumerate(ctx.library.dimensions.values(), 1)
    )
    return (
        f'<div class="tpl-field">{label}<p class="tpl-rule">{_e(ctx.t("handouts.dimension_rule"))}</p><table class="tpl-table tpl-dimensions"><thead><tr><th scope="col" class="dimension-head">{_e(ctx.t("agency.dimension"))}</th>'
        f'{head}<th scope="col" class="example-head">{_e(ctx.t("handouts.example"))}</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )
