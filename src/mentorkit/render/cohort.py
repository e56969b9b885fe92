"""Write the trainer's cohort view into dist/cohort/: every agency's goal themes and ratings side by
side (tables and a chart) and the whole round's schedule, as a page per site language and as one
calendar file. Agencies appear by name only with their consent (plan/cohort.py). The page is
self-contained: its style is inline and it requests nothing."""

from __future__ import annotations

import html
from datetime import datetime, time
from pathlib import Path

from babel.dates import format_date, format_time
from icalendar import Calendar, Event

from mentorkit.assemble.cohortchange import cohort_change
from mentorkit.model import Agency, Library
from mentorkit.plan.cohort import agency_digest, cohort_names
from mentorkit.render.calendar import HELSINKI

STYLE = """
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1a1a1a; line-height: 1.45; }
h1, h2 { color: #1a237e; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #8a8a8a; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #e8eaf6; }
td.num { text-align: center; white-space: nowrap; }
td.r1 { background: #fde2e1; } td.r2 { background: #fdebd3; } td.r3 { background: #fff7c7; }
td.r4 { background: #e3f4dc; } td.r5 { background: #cfeedd; }
td.hit { background: #dfe5fb; font-weight: bold; }
.note { color: #4a4a4a; }
.scroll { overflow-x: auto; }
svg text { font-family: system-ui, sans-serif; }
/* On a phone the chart keeps a readable size and scrolls sideways. */
svg.chart { width: 100%; min-width: 40rem; max-width: 60rem; height: auto; }
.scroll:focus { outline: 3px solid #1a237e; }
a { color: #1a237e; }
"""


def write_cohort(library: Library, agencies: list[Agency], *, out: Path) -> None:
    """Write the cohort page in every site language and the round's calendar into out/."""
    names = cohort_names(agencies, ui={lang: dict(library.ui[lang]) for lang in library.site.languages})
    ordered = sorted(agencies, key=lambda a: (names[a.id][library.site.languages[0]], a.id))
    default = library.site.languages[0]
    for lang in library.site.languages:
        target = out / "index.html" if lang == default else out / lang / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(library, ordered, names, lang=lang), encoding="utf-8")
    (out / "cohort-schedule.ics").write_bytes(_calendar(library, ordered, names, lang=default))


def _region(label: str) -> str:
    """Return the opening of a wide table's scrolling box, reachable and named for keyboard users."""
    return f'<div class="scroll" tabindex="0" role="region" aria-label="{_e(label)}">'


def _t(library: Library, lang: str, key: str, **values) -> str:
    return library.ui[lang][key].format(**values)


def _e(text) -> str:
    return html.escape(str(text))


def _page(library: Library, agencies: list[Agency], names, *, lang: str) -> str:
    t = lambda key, **values: _t(library, lang, key, **values)  # noqa: E731
    default = library.site.languages[0]
    others = [other for other in library.site.languages if other != lang]
    switch = " ".join(
        f'<a href="{("../" if lang != default else "") + ("" if other == default else other + "/")}index.html" lang="{other}" hreflang="{other}">{_e(library.ui[other]["language_name"])}</a>'
        for other in others
    )
    heads = "".join(f'<th scope="col">{_e(names[a.id][lang])}</th>' for a in agencies)
    parts = [
        f"<h1>{_e(t('cohort.title'))}</h1>",
        f'<p class="note">{_e(t("cohort.intro"))}</p>',
        f"<nav aria-label=\"{_e(t('cohort.languages'))}\"><p>{switch}</p></nav>" if switch else "",
        f"<h2 id=\"themes\">{_e(t('cohort.themes'))}</h2>",
        f'{_region(t("cohort.themes"))}<table><caption>{_e(t("cohort.themes_caption"))}</caption><thead><tr><th scope="col">{_e(t("cohort.theme"))}</th>{heads}</tr></thead><tbody>',
    ]
    for theme in library.themes.values():
        cells = []
        for agency in agencies:
            count = sum(theme.id in goal.themes for goal in agency.goals)
            cells.append(f'<td class="num{" hit" if count else ""}">{count if count else "–"}</td>')
        parts.append(f'<tr><th scope="row">{_e(theme.label[lang])}</th>{"".join(cells)}</tr>')
    parts.append("</tbody></table></div>")
    parts.append(f"<h2 id=\"ratings\">{_e(t('cohort.ratings'))}</h2>")
    parts.append(_chart(library, agencies, names, lang=lang))
    parts.append(
        f'{_region(t("cohort.ratings"))}<table><caption>{_e(t("cohort.ratings_caption"))}</caption><thead><tr><th scope="col">{_e(t("agency.dimension"))}</th>{heads}</tr></thead><tbody>'
    )
    for dimension in library.dimensions.values():
        cells = []
        for agency in agencies:
            state = agency.current_state
            rating = state.ratings.get(dimension.id) if state else None
            spread = state.disagreement.get(dimension.id) if state else None
            shown = str(rating) if rating is not None else ("?" if state and dimension.id in state.ratings else "–")
            if spread:
                shown += f" ({spread.low}–{spread.high})"
            cells.append(f'<td class="num{f" r{rating}" if rating else ""}">{_e(shown)}</td>')
        parts.append(f'<tr><th scope="row">{_e(dimension.label[lang])}</th>{"".join(cells)}</tr>')
    parts.append("</tbody></table></div>")
    parts.append(f'<p class="note">{_e(t("cohort.ratings_key", unknown=library.scale.unknown[lang]))}</p>')
    parts.append(cohort_change(library, agencies, lang=lang))
    parts.append(_schedule(library, agencies, names, lang=lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="robots" content="noindex">\n'
        f"<title>{_e(t('cohort.title'))}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(p for p in parts if p)
        + "\n</main>\n</body>\n</html>\n"
    )


def _chart(library: Library, agencies: list[Agency], names, *, lang: str) -> str:
    """Return a dot plot: a row per dimension, each agency's rating as a numbered dot with its range as a line."""
    # Each agency has a lane of its own within a dimension's row, so that equal ratings stay apart.
    lane = 16
    label_width, step, top = 380, 90, 40
    row = max(30, lane * len(agencies) + 10)
    width = label_width + step * (library.scale.max - library.scale.min) + 80
    dimensions = list(library.dimensions.values())
    height = top + row * len(dimensions) + 10
    marks = []
    for value in range(library.scale.min, library.scale.max + 1):
        x = label_width + step * (value - library.scale.min) + 20
        marks.append(f'<text x="{x}" y="20" text-anchor="middle" font-size="13">{value}</text>')
        marks.append(f'<line x1="{x}" y1="28" x2="{x}" y2="{height - 5}" stroke="#ccc"></line>')
    for index, dimension in enumerate(dimensions):
        y = top + row * index + row / 2
        marks.append(f'<text x="{label_width - 10}" y="{y + 5:.0f}" text-anchor="end" font-size="14">{_e(dimension.label[lang])}</text>')
        if index:
            marks.append(f'<line x1="0" y1="{top + row * index}" x2="{width}" y2="{top + row * index}" stroke="#eee"></line>')
        for number, agency in enumerate(agencies, 1):
            state = agency.current_state
            if not state:
                continue
            dy = (number - (len(agencies) + 1) / 2) * lane
            spread = state.disagreement.get(dimension.id)
            if spread:
                x1 = label_width + step * (spread.low - library.scale.min) + 20
                x2 = label_width + step * (spread.high - library.scale.min) + 20
                marks.append(f'<line x1="{x1}" y1="{y + dy:.0f}" x2="{x2}" y2="{y + dy:.0f}" stroke="#5c6bc0" stroke-width="2"></line>')
            rating = state.ratings.get(dimension.id)
            if rating is not None:
                x = label_width + step * (rating - library.scale.min) + 20
                marks.append(f'<circle cx="{x}" cy="{y + dy:.0f}" r="7" fill="#1a237e"></circle>')
                marks.append(f'<text x="{x}" y="{y + dy + 4:.0f}" text-anchor="middle" font-size="10" fill="#fff">{number}</text>')
    legend = "".join(f"<li>{number} = {_e(names[a.id][lang])}</li>" for number, a in enumerate(agencies, 1))
    return (
        f'<figure>{_region(_t(library, lang, "cohort.ratings"))}<svg class="chart" viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
        + "".join(marks)
        + f'</svg></div><figcaption>{_e(_t(library, lang, "cohort.chart_caption"))}<ol class="note" style="list-style: none; padding: 0">{legend}</ol></figcaption></figure>'
    )


def _sessions(agencies: list[Agency]):
    rows = [(s.date, s.start, agency, number, s) for agency in agencies for number, s in enumerate(agency.schedule, 1)]
    return sorted(rows, key=lambda r: (r[0], r[1], r[2].id, r[3]))


def _clock(library: Library, lang: str, value: str) -> str:
    return format_time(time.fromisoformat(value), format=library.ui[lang]["plan.time_format"], locale=lang)


def _schedule(library: Library, agencies: list[Agency], names, *, lang: str) -> str:
    t = lambda key, **values: _t(library, lang, key, **values)  # noqa: E731
    rows = []
    for day, start, agency, _, session in _sessions(agencies):
        module = library.module(session.module)
        # A place can identify an agency: it is shown only for agencies that share their name.
        place = _e(session.place.get(lang, next(iter(session.place.values())))) if session.place and agency.share_with_cohort else ""
        when = f"{format_date(day, format=library.ui[lang]['date_format'], locale=lang)} {_clock(library, lang, start)}–{_clock(library, lang, session.end)}"
        rows.append(f"<tr><td>{_e(when)}</td><td>{_e(names[agency.id][lang])}</td><td>{_e(module.text[lang].title)}</td><td>{place}</td></tr>")
    if not rows:
        return f"<h2 id=\"schedule\">{_e(t('cohort.schedule'))}</h2>\n<p>{_e(t('cohort.no_schedule'))}</p>"
    return (
        f"<h2 id=\"schedule\">{_e(t('cohort.schedule'))}</h2>\n<p><a href=\"{'' if lang == library.site.languages[0] else '../'}cohort-schedule.ics\">{_e(t('cohort.calendar'))}</a></p>\n"
        f'{_region(t("cohort.schedule"))}<table><caption>{_e(t("cohort.schedule_caption"))}</caption><thead><tr><th scope="col">{_e(t("agency.when"))}</th><th scope="col">{_e(t("cohort.agency"))}</th>'
        f'<th scope="col">{_e(t("agenda.module"))}</th><th scope="col">{_e(t("agency.place"))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _calendar(library: Library, agencies: list[Agency], names, *, lang: str) -> bytes:
    """Return every session of every agency as one iCalendar file in Helsinki time."""
    calendar = Calendar()
    calendar.add("prodid", "-//mentorkit//learning-mentor programme cohort//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _t(library, lang, "cohort.title"))
    for day, start, agency, number, session in _sessions(agencies):
        module = library.module(session.module)
        event = Event()
        # The UID is stable and never carries the id of an agency that keeps its name to itself.
        event.add("uid", f"cohort-{agency_digest(agency.id)[:16]}-{number}@mentorkit")
        event.add("summary", f"{module.text[lang].title} ({names[agency.id][lang]})")
        event.add("dtstart", datetime.combine(day, time.fromisoformat(start), tzinfo=HELSINKI))
        event.add("dtend", datetime.combine(day, time.fromisoformat(session.end), tzinfo=HELSINKI))
        event.add("dtstamp", datetime.combine(day, time(0, 0), tzinfo=HELSINKI))
        if session.place and agency.share_with_cohort:
            event.add("location", session.place.get(lang, next(iter(session.place.values()))))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
