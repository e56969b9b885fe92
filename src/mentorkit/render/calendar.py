"""Write an agency's training schedule as an iCalendar file its mentors can import."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from mentorkit.model import Agency, Library

HELSINKI = ZoneInfo("Europe/Helsinki")


def write_schedule(library: Library, agency: Agency, *, path: Path) -> None:
    """Write one event per scheduled session, titled and placed in the agency's first language."""
    lang = agency.languages[0]
    calendar = Calendar()
    calendar.add("prodid", "-//mentorkit//learning-mentor programme//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", agency.name[lang])
    for number, session in enumerate(agency.schedule, 1):
        module = library.module(session.module)
        event = Event()
        # A stable UID: re-importing an updated file updates the events instead of duplicating them.
        event.add("uid", f"{agency.id}-{number}-{session.module}@mentorkit")
        event.add("summary", f"{module.text[lang].title} ({agency.name[lang]})")
        event.add("dtstart", datetime.combine(session.date, time.fromisoformat(session.start), tzinfo=HELSINKI))
        event.add("dtend", datetime.combine(session.date, time.fromisoformat(session.end), tzinfo=HELSINKI))
        event.add("dtstamp", datetime.combine(session.date, time(0, 0), tzinfo=HELSINKI))
        if session.place:
            event.add("location", session.place[lang])
        event.add("description", module.text[lang].summary)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    path.write_bytes(calendar.to_ical())
