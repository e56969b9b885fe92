"""Validate an exercise's worksheet template (exercise.yml `template`), already checked against its schema."""

from __future__ import annotations

from mentorkit.load.yamlsource import Source
from mentorkit.validate.collect import Problems, localise
from mentorkit.model import TemplateField

DEFAULT_ROWS = {"line": 1, "box": 4, "table": 4, "scale": 1, "dimensions": 1}


def validate_template(source: Source, raw: list | None, *, languages: tuple[str, ...], problems: Problems) -> tuple[TemplateField, ...]:
    """Return the template's fields; a table needs columns, and only a table has them."""
    fields = []
    for index, item in enumerate(raw or ()):
        at = ("template", index)
        kind = item["kind"]
        if kind == "table" and "columns" not in item:
            problems.append(source.problem(at, "columns: missing; expected a table's column headings, e.g. columns: [{fi: Käytäntö, en: Practice}, {fi: Kollega, en: Colleague}]"))
        if kind != "table" and "columns" in item:
            problems.append(source.problem(at + ("columns",), f"a {kind} has no columns; expected columns only with kind: table"))
        if kind in ("scale", "dimensions") and "rows" in item:
            problems.append(source.problem(at + ("rows",), f"a {kind} takes its rows from data/dimensions.yml; expected no rows with kind: {kind}"))
        columns = tuple(localise(source, at + ("columns", i), c, languages=languages, problems=problems) for i, c in enumerate(item.get("columns", ())))
        label = localise(source, at + ("label",), item["label"], languages=languages, problems=problems)
        fields.append(TemplateField(label, kind, item.get("rows", DEFAULT_ROWS[kind]), columns))
    return tuple(fields)
