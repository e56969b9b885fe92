"""The parts of site pages that are generated from data: agendas, indexes, vocabularies, contacts."""

from __future__ import annotations

import re
from typing import Protocol

from mentorkit.assemble.context import Context
from mentorkit.assemble.goalform import ASSETS as GOAL_FORM_ASSETS, goal_form
from mentorkit.assemble.markdown import group_size, modules_using, track_modules
from mentorkit.assemble.plans import event_section, events_list, plans_section
from mentorkit.assemble.statement import accessibility_contacts, accessibility_status, privacy_contacts
from mentorkit.assemble.paths import exercise_path, module_path, relative_link
from mentorkit.model import Page, PageKind, Track


class Generator(Protocol):
    """Write the part of a page generated from data, after the page's written text."""

    def __call__(self, ctx: Context, *, page: Page, source: str) -> str:
        """Return the Markdown of the generated part; `source` is the page's staged path."""
        ...


def track_agenda(ctx: Context, *, page: Page, source: str) -> str:
    """Return the agenda of a track: its modules in order with durations and computed start times."""
    modules = track_modules(ctx, Track(page.id))
    if not modules:
        return ""  # never an empty table
    plans = plans_section(ctx, track=Track(page.id), source=source)
    if plans:
        return plans
    rows, elapsed = [], 0
    for number, module in enumerate(modules, 1):
        link = relative_link(source=source, target=module_path(ctx.library, module.id))
        rows.append(f"| {number} | [{module.text[ctx.lang].title}]({link}) | {ctx.minutes(elapsed)} | {ctx.minutes(module.duration_min)} |")
        elapsed += module.duration_min
    header = f"| # | {ctx.t('agenda.module')} | {ctx.t('agenda.start')} | {ctx.t('agenda.duration')} |\n|---:|---|---:|---:|"
    total = f"| | **{ctx.t('agenda.total')}** | | **{ctx.minutes(elapsed)}** |"
    return f"## {ctx.t('track.' + page.id)}\n\n{ctx.t('agenda.caption')}\n\n{header}\n" + "\n".join(rows) + f"\n{total}\n"


def exercise_index(ctx: Context, *, page: Page, source: str) -> str:
    """Return the index of the variant's exercises."""
    rows = []
    for exercise_id in ctx.manifest.exercises:
        exercise = ctx.library.exercises[exercise_id]
        modules = modules_using(ctx, exercise=exercise_id)
        module_links = ", ".join(f"[{m.text[ctx.lang].title}]({relative_link(source=source, target=module_path(ctx.library, m.id))})" for m in modules)
        link = relative_link(source=source, target=exercise_path(exercise_id))
        rows.append(
            f"| [{exercise.text[ctx.lang].title}]({link}) | {ctx.library.methods[exercise.method].label[ctx.lang]} "
            f"| {ctx.minutes(exercise.duration_min)} | {group_size(ctx, exercise)} | {module_links} |"
        )
    header = (
        f"| {ctx.t('exercise_index.exercise')} | {ctx.t('method')} | {ctx.t('duration')} | {ctx.t('group_size')} | {ctx.t('used_in')} |\n"
        "|---|---|---:|---|---|"
    )
    return f"## {ctx.t('exercise_count', n=len(rows))}\n\n{ctx.t('exercise_index.caption')}\n\n{header}\n" + "\n".join(rows) + "\n"


def round_events(ctx: Context, *, page: Page, source: str) -> str:
    """Return the round's shared events, each linked to its page (agenda and material) with when it is held."""
    return f"## {ctx.t('event.heading')}\n\n{events_list(ctx, source=source)}" if ctx.library.events else ""


def round_event(ctx: Context, *, page: Page, source: str) -> str:
    """Return the event of the page's id: when, who, its agenda with clock times and its material."""
    return event_section(ctx, next(e for e in ctx.library.events if e.id == page.id))  # check: an event page has its event


def self_assessment(ctx: Context, *, page: Page, source: str) -> str:
    """Return the self-assessment instrument: the scale and every dimension with its statements."""
    scale = ctx.library.scale
    lines = [f"## {ctx.t('self_assessment.scale')}\n"]
    lines += [f"- **{value}** = {scale.labels[value][ctx.lang]}" for value in range(scale.min, scale.max + 1)]
    lines += [f"- **?** = {scale.unknown[ctx.lang]}", ""]
    for number, dimension in enumerate(ctx.library.dimensions.values(), 1):
        lines.append(f"### {number}. {dimension.label[ctx.lang]} {{#{dimension.id}}}\n")
        lines.append(f"*{ctx.t('self_assessment.covers')}: {dimension.covers[ctx.lang]}*\n")
        lines += [f"{chr(96 + i)}) {statement[ctx.lang]}  " for i, statement in enumerate(dimension.statements, 1)]
        lines.append("")
    return "\n".join(lines)


def themes(ctx: Context, *, page: Page, source: str) -> str:
    """Return the goal themes with the modules that serve each."""
    lines, level = [], _item_heading(ctx, page)
    for theme in ctx.library.themes.values():
        lines.append(f"{level} {theme.label[ctx.lang]} {{#{theme.id}}}\n")
        lines.append(f"{theme.description[ctx.lang]}\n")
        modules = modules_using(ctx, theme=theme.id)
        if modules:
            links = ", ".join(f"[{m.text[ctx.lang].title}]({relative_link(source=source, target=module_path(ctx.library, m.id))})" for m in modules)
            lines.append(f"{ctx.t('themes.used_by')}: {links}\n")
    return "\n".join(lines)


def glossary(ctx: Context, *, page: Page, source: str) -> str:
    """Return the glossary terms in alphabetical order of this language."""
    lines, level = [], _item_heading(ctx, page)
    for term in sorted(ctx.library.glossary.values(), key=lambda t: t.term[ctx.lang].casefold()):
        lines.append(f"{level} {term.term[ctx.lang]} {{#{term.id}}}\n")
        lines.append(term.definition[ctx.lang])
        if term.sv and ctx.lang != "sv":
            lines.append(f"\n*{ctx.t('glossary.sv')}: {term.sv}*")
        lines.append("")
    return "\n".join(lines)


def references(ctx: Context, *, page: Page, source: str) -> str:
    """Return every source with its details, alphabetically, each with an anchor of its id."""
    lines = []
    for ref in sorted(ctx.library.references.values(), key=lambda r: r.citation.casefold()):
        details = [ref.citation]
        if ref.doi:
            details.append(f"{ctx.t('references.doi')}: [{ref.doi}](https://doi.org/{ref.doi})")
        if ref.url:
            details.append(f"{ctx.t('references.link')}: <{ref.url}>")
        lines.append(" ".join(details) + "  ")
        lines.append(f"*{ref.about[ctx.lang]}*")
        lines.append(f"{{: #{ref.id} .mk-reference }}\n")
    return "\n".join(lines)


def _item_heading(ctx: Context, page: Page) -> str:
    """Return the heading level of generated items that follow a page's written text.

    They belong under the written text's last section when it has sections (## headings), and
    are sections of their own when it has none: a heading never skips a level after the h1.
    """
    return "###" if re.search(r"^## ", page.text[ctx.lang].body.markdown, re.MULTILINE) else "##"



GENERATORS: dict[PageKind, Generator] = {
    PageKind.TRACK_AGENDA: track_agenda,
    PageKind.ROUND_EVENTS: round_events,
    PageKind.EXERCISE_INDEX: exercise_index,
    PageKind.SELF_ASSESSMENT: self_assessment,
    PageKind.THEMES: themes,
    PageKind.GLOSSARY: glossary,
    PageKind.REFERENCES: references,
    PageKind.ACCESSIBILITY_CONTACTS: accessibility_contacts,
    PageKind.PRIVACY_CONTACTS: privacy_contacts,
    PageKind.GOAL_FORM: goal_form,
}
"""Page kind -> its generator: a new generated part is one line here (and its kind in PageKind and the schema); a kind
with only a part before its sections (LEAD_GENERATORS) has none here."""

LEAD_GENERATORS: dict[PageKind, Generator] = {
    PageKind.ACCESSIBILITY_CONTACTS: accessibility_status,
    PageKind.ROUND_EVENT: round_event,
}
"""Page kind -> a generated part that goes after the written lead, before the first section (the statement's status
comes first; an event's run-sheet, when, who, agenda and material, comes before the trainer's notes on it)."""

PAGE_ASSETS: dict[PageKind, dict[str, list[str]]] = {
    PageKind.GOAL_FORM: GOAL_FORM_ASSETS,
}
"""Page kind -> the style sheets and scripts only its page loads (front matter the theme links relative to the page)."""
