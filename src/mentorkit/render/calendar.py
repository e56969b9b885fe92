"""Write an agency's training schedule as an iCalendar file its mentors can import."""

from __future__ import annotations

import os
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from mentorkit.model import Agency, Library

HELSINKI = ZoneInfo("Europe/Helsinki")
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
"""SEQUENCE counts minutes from here: small numbers, always rising."""


def write_schedule(library: Library, agency: Agency, *, path: Path) -> None:
    """Write one event per scheduled session, titled and placed in the agency's first language."""
    lang = agency.languages[0]
    calendar = Calendar()
    calendar.add("prodid", "-//mentorkit//learning-mentor programme//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", agency.name[lang])
    stamp = _build_time()
    uids = session_uids(agency)
    for session, uid in zip(agency.schedule, uids, strict=True):
        module = library.module(session.module)
        event = Event()
        event.add("uid", uid)
        event.add("summary", f"{module.text[lang].title} ({agency.name[lang]})")
        event.add("dtstart", datetime.combine(session.date, time.fromisoformat(session.start), tzinfo=HELSINKI))
        event.add("dtend", datetime.combine(session.date, time.fromisoformat(session.end), tzinfo=HELSINKI))
        # RFC 5545: DTSTAMP is when the file was made, in UTC. A build reproduces it: the time
        # SOURCE_DATE_EPOCH gives, else midnight UTC of the session's day (it never changes).
        event.add("dtstamp", stamp or datetime.combine(session.date, time(0, 0), tzinfo=UTC))
        # SEQUENCE rises with each newer dated build, so that calendars take the update.
        event.add("sequence", int((stamp - EPOCH).total_seconds() // 60) if stamp and stamp > EPOCH else 0)
        if session.place:
            event.add("location", session.place[lang])
        event.add("description", module.text[lang].summary)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    path.write_bytes(calendar.to_ical())


def session_uids(agency: Agency) -> list[str]:
    """Return each session's UID from what identifies it (agency, module, day), not from its position.

    Inserting a session before another leaves the other's UID as it was, so re-importing an
    updated file updates its events instead of duplicating them.
    """
    uids: list[str] = []
    for session in agency.schedule:
        uid = f"{agency.id}-{session.module}-{session.date.isoformat()}@mentorkit"
        if uid in uids:  # the same module twice on one day: the start time tells them apart
            uid = uid.replace("@", f"-{session.start.replace(':', '')}@")
        uids.append(uid)
    return uids


def _build_time() -> datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(value), tz=UTC) if value.isdigit() else None
