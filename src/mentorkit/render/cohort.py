"""Write the trainer's cohort view into dist/cohort/: every agency's goal themes and ratings side by
side (tables and a chart) and the whole round's schedule, as a page per site language and as one
calendar file. Agencies appear by name only with their consent (plan/cohort.py). The page is
self-contained: its style is inline and it requests nothing."""

from __future__ import annotations

import json
import os
import secrets
from datetime import date, time
from pathlib import Path

from babel.dates import format_date, format_time

from mentorkit.assemble.cohortchange import cohort_change
from mentorkit.assemble.html import Markup, render_html
from mentorkit.errors import BuildError
from mentorkit.load.round import Round
from mentorkit.model import Agency, Library, Session
from mentorkit.plan.cohort import agency_key, cohort_names
from mentorkit.render.calendar import changed_at, follow_up_event, isolated, new_calendar, session_event, session_uids

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


def new_round() -> Round:
    """Return a round with a new random secret and no letters given yet."""
    return Round(secrets.token_bytes(32), {})


def write_round(path: Path, round_: Round) -> None:
    """Write the round's secret and letters beside its definitions, atomically."""
    data = {
        "about": "The cohort view's secret and letters, written by mentorkit. Keep this file with the definitions (commit it): without it every letter changes.",
        "secret": round_.secret.hex(),
        "letters": dict(sorted(round_.letters.items())),
    }
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BuildError(f"cannot write {path} ({error.strerror}): the cohort view's letters are kept there; make {path.parent} writable, or build without --all") from None


def write_cohort(library: Library, agencies: list[Agency], *, round_: Round, out: Path) -> None:
    """Write the cohort page in every site language and the round's calendar into out/."""
    ui = {lang: dict(library.ui[lang]) for lang in library.site.languages}
    names = {agency_id: {lang: isolated_html(name) for lang, name in shown.items()} for agency_id, shown in cohort_names(agencies, letters=round_.letters, ui=ui).items()}
    default = library.site.languages[0]
    ordered = sorted(agencies, key=lambda a: (str(names[a.id][default]), a.id))
    for lang in library.site.languages:
        target = out / "index.html" if lang == default else out / lang / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(library, ordered, names, lang=lang) + "\n", encoding="utf-8")
    plain = cohort_names(agencies, letters=round_.letters, ui=ui)
    (out / "cohort-schedule.ics").write_bytes(_calendar(library, ordered, plain, round_=round_, lang=default))


def isolated_html(name: str) -> Markup | str:
    """Return a name as HTML isolated from its neighbours when it holds right-to-left letters."""
    return Markup("<bdi>%s</bdi>") % name if isolated(name) != name else name


def _page(library: Library, agencies: list[Agency], names, *, lang: str) -> str:
    ui = library.ui[lang]
    default = library.site.languages[0]
    up = "" if lang == default else "../"
    switch = [
        {"href": up + ("" if other == default else other + "/") + "index.html", "lang": other, "name": library.ui[other]["language_name"]}
        for other in library.site.languages
        if other != lang
    ]
    themes = [{"label": theme.label[lang], "counts": [sum(theme.id in goal.themes for goal in a.goals) for a in agencies]} for theme in library.themes.values()]
    ratings = []
    for dimension in library.dimensions.values():
        cells = []
        for agency in agencies:
            state = agency.current_state
            rating = state.ratings.get(dimension.id) if state else None
            spread = state.disagreement.get(dimension.id) if state else None
            shown = str(rating) if rating is not None else ("?" if state and dimension.id in state.ratings else "–")
            if spread:
                shown += f" ({spread.low}–{spread.high})"
            cells.append({"rating": rating, "shown": shown})
        ratings.append({"label": dimension.label[lang], "cells": cells})
    return render_html(
        "cohort.html",
        lang=lang,
        t=ui,
        style=STYLE,
        switch=switch,
        heads=[names[a.id][lang] for a in agencies],
        themes=themes,
        chart=_chart(library, agencies, lang=lang),
        ratings=ratings,
        ratings_key=ui["cohort.ratings_key"].format(unknown=library.scale.unknown[lang]),
        schedule=_schedule(library, agencies, names, lang=lang),
        change=cohort_change(library, agencies, lang=lang),
        calendar_href=up + "cohort-schedule.ics",
    )


def _chart(library: Library, agencies: list[Agency], *, lang: str) -> dict:
    """Return the geometry of a dot plot: a row per dimension, each agency's rating as a numbered dot with its range as a line."""
    # Each agency has a lane of its own within a dimension's row, so that equal ratings stay apart.
    lane = 16
    label_width, step, top = 380, 90, 40
    row_height = max(30, lane * len(agencies) + 10)
    dimensions = list(library.dimensions.values())

    def x_of(value: int) -> int:
        return label_width + step * (value - library.scale.min) + 20

    rows = []
    for index, dimension in enumerate(dimensions):
        y = top + row_height * index + row_height / 2
        dots = []
        for number, agency in enumerate(agencies, 1):
            state = agency.current_state
            if not state:
                continue
            dy = round(y + (number - (len(agencies) + 1) / 2) * lane)
            spread = state.disagreement.get(dimension.id)
            rating = state.ratings.get(dimension.id)
            dots.append({
                "number": number,
                "y": dy,
                "spread": (x_of(spread.low), x_of(spread.high)) if spread else None,
                "x": x_of(rating) if rating is not None else None,
            })
        rows.append({"label": dimension.label[lang], "label_y": round(y + 5), "rule": top + row_height * index if index else None, "dots": dots})
    return {
        "width": label_width + step * (library.scale.max - library.scale.min) + 80,
        "height": top + row_height * len(dimensions) + 10,
        "label_x": label_width - 10,
        "ticks": [{"value": value, "x": x_of(value)} for value in range(library.scale.min, library.scale.max + 1)],
        "rows": rows,
    }


def _sessions(agencies: list[Agency]):
    """Return every session and follow-up with its agency, in time order, then in the view's order of agencies.

    Never in the order of their ids: that would tell anonymous agencies' ids apart. A follow-up has
    a day and no hours (session None): it comes first on its day.
    """
    rows: list[tuple[date, str, int, int, Agency, Session | None]] = []
    for place, agency in enumerate(agencies):
        for number, session in enumerate(agency.schedule):
            rows.append((session.date, session.start, place, number, agency, session))
        for number, follow_up in enumerate(agency.follow_ups):
            rows.append((follow_up.assessed, "", place, number, agency, None))
    return [(day, agency, session) for day, _, _, _, agency, session in sorted(rows, key=lambda r: r[:4])]


def _clock(library: Library, lang: str, value: str) -> str:
    return format_time(time.fromisoformat(value), format=library.ui[lang]["plan.time_format"], locale=lang)


def _schedule(library: Library, agencies: list[Agency], names, *, lang: str) -> list[dict]:
    rows = []
    for day, agency, session in _sessions(agencies):
        shown = format_date(day, format=library.ui[lang]["date_format"], locale=lang)
        if session is None:
            rows.append({"when": shown, "name": names[agency.id][lang], "module": library.ui[lang]["calendar.follow_up"], "place": ""})
            continue
        module = library.module(session.module)
        # A place can identify an agency: it is shown only for agencies that share their name.
        place = session.place.get(lang, next(iter(session.place.values()))) if session.place and agency.share_with_cohort else ""
        when = f"{shown} {_clock(library, lang, session.start)}–{_clock(library, lang, session.end)}"
        rows.append({"when": when, "name": names[agency.id][lang], "module": module.text[lang].title, "place": place})
    return rows


def _calendar(library: Library, agencies: list[Agency], names, *, round_: Round, lang: str) -> bytes:
    """Return every session and follow-up of every agency as one iCalendar file in Helsinki time."""
    calendar = new_calendar("-//mentorkit//learning-mentor programme cohort//FI", name=library.ui[lang]["cohort.title"])
    for agency in agencies:
        # UIDs never carry an agency's id, nor anything computable from it without the round's secret.
        prefix = f"cohort-{agency_key(round_.secret, agency.id)[:32]}"
        stamp = changed_at(agency)
        for session, uid in zip(agency.schedule, session_uids(agency, prefix=prefix), strict=True):
            module = library.module(session.module)
            event = session_event(session, uid=uid, stamp=stamp, summary=f"{module.text[lang].title} ({isolated(names[agency.id][lang])})")
            if session.place and agency.share_with_cohort:
                event.add("location", session.place.get(lang, next(iter(session.place.values()))))
            calendar.add_component(event)
        for follow_up in agency.follow_ups:
            # Keyed like the sessions: a follow-up's own id (a slug the agency chose) never reaches the file.
            uid = f"{prefix}-follow-up-{agency_key(round_.secret, agency.id + '/' + follow_up.id)[:16]}@mentorkit"
            summary = f"{library.ui[lang]['calendar.follow_up']} ({isolated(names[agency.id][lang])})"
            calendar.add_component(follow_up_event(follow_up, uid=uid, stamp=stamp, summary=summary))
    return calendar.to_ical()
