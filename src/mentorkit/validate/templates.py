"""Validate an exercise's worksheet template (exercise.yml `template`), already checked against its schema."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown

from mentorkit.load.yamlsource import Source
from mentorkit.validate.collect import Problems, localise
from mentorkit.model import TemplateField

DEFAULT_ROWS = {"line": 1, "box": 4, "table": 4, "scale": 1, "dimensions": 1, "cards": 1}


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
        if kind in ("scale", "dimensions", "cards") and "rows" in item:
            origin = "the list under its heading in the exercise's text" if kind == "cards" else "data/dimensions.yml"
            problems.append(source.problem(at + ("rows",), f"a {kind} field takes its rows from {origin}; expected no rows with kind: {kind}"))
        columns = tuple(localise(source, at + ("columns", i), c, languages=languages, problems=problems) for i, c in enumerate(item.get("columns", ())))
        label = localise(source, at + ("label",), item["label"], languages=languages, problems=problems)
        fields.append(TemplateField(label, kind, item.get("rows", DEFAULT_ROWS[kind]), columns))
    return tuple(fields)


def card_texts(body: str, *, heading: str) -> list[str]:
    """Return the items of the first list under the body's `## heading` as HTML (the author's Markdown, rendered); [] when there is none."""
    root = ET.fromstring(f"<body>{markdown.markdown(body)}</body>")
    found = False
    for element in root:
        if element.tag == "h2":
            found = "".join(element.itertext()).strip() == heading
        elif found and element.tag in ("ol", "ul"):
            return ["".join([item.text or ""] + [ET.tostring(child, encoding="unicode") for child in item]).strip() for item in element.findall("li")]
    return []


def check_cards(source: Source, template: tuple[TemplateField, ...], *, text: dict[str, str], problems: Problems) -> None:
    """Check that each cards field names, in every language, a body heading with a list of at least two cards under it."""
    counts = {}
    for index, field in enumerate(template):
        if field.kind != "cards":
            continue
        for lang, body in text.items():
            if lang not in field.label:
                continue  # the missing label is reported where the labels are read
            counts[lang] = len(card_texts(body, heading=field.label[lang]))
            if counts[lang] < 2:
                problems.append(source.problem(("template", index, "label", lang), f"no list of cards under a heading '## {field.label[lang]}' in {lang}.md; expected the heading and a list of at least two cards under it"))
        if len(set(counts.values())) > 1:
            problems.append(source.problem(("template", index, "label"), f"the languages have different numbers of cards ({', '.join(f'{lang}: {n}' for lang, n in counts.items())}); expected the same cards in every language"))
