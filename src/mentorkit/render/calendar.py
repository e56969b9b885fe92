"""Write an agency's training schedule as an iCalendar file its mentors can import.

What clients need to take an update (RFC 5545, 3.8.7.4 and 3.8.4.7):
- a UID that stays when a session moves: the agency, the module and which of that module's
  sessions it is in the order written (rooms A and B at the same hour are two events);
- a SEQUENCE that rises and a DTSTAMP that changes when a session moves, yet equal bytes for a
  rebuild of equal input. Both come from one moment: SOURCE_DATE_EPOCH when set, else the time
  the definition was last saved (read with its bytes). Editing the definition moves it forward;
  rebuilding does not. SEQUENCE counts the seconds from 2020, so each later save is higher;
- a VTIMEZONE valid for every date: Helsinki's rule as yearly recurrences, not a list of
  transitions that ends (icalendar's would stop in 2038).
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from mentorkit.model import Agency, FollowUp, Library

TZID = "Europe/Helsinki"
HELSINKI = ZoneInfo(TZID)
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
"""SEQUENCE counts seconds from here: always rising with each later save."""


def compose_schedule(library: Library, agency: Agency, *, lang: str) -> bytes:
    """Return a calendar of one event per scheduled session and follow-up, titled and placed in one of the agency's languages."""
    calendar = new_calendar("-//mentorkit//learning-mentor programme//FI", name=agency.name[lang])
    stamp = changed_at(agency)
    for session, uid in zip(agency.schedule, session_uids(agency), strict=True):
        module = library.module(session.module)
        event = session_event(session, uid=uid, stamp=stamp, summary=f"{module.text[lang].title} ({isolated(agency.name[lang])})")
        if session.place:
            event.add("location", session.place[lang])
        event.add("description", module.text[lang].summary)
        calendar.add_component(event)
    for follow_up in agency.follow_ups:
        summary = f"{library.ui[lang]['calendar.follow_up']} ({isolated(agency.name[lang])})"
        calendar.add_component(follow_up_event(follow_up, uid=f"{agency.id}-follow-up-{follow_up.id}@mentorkit", stamp=stamp, summary=summary))
    return calendar.to_ical()


def new_calendar(prodid: str, *, name: str) -> Calendar:
    """Return an empty calendar in Helsinki time, with a VTIMEZONE valid for every year."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add_component(helsinki_timezone())
    return calendar


def session_event(session, *, uid: str, stamp: datetime, summary: str) -> Event:
    """Return a session's event: its UID, times in Helsinki time, DTSTAMP and SEQUENCE from stamp."""
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", datetime.combine(session.date, time.fromisoformat(session.start), tzinfo=HELSINKI))
    event.add("dtend", datetime.combine(session.date, time.fromisoformat(session.end), tzinfo=HELSINKI))
    event.add("dtstamp", stamp)  # RFC 5545: in UTC
    event.add("sequence", max(0, int((stamp - EPOCH).total_seconds())))
    return event


def follow_up_event(follow_up: FollowUp, *, uid: str, stamp: datetime, summary: str) -> Event:
    """Return a follow-up's event: a day and no hours (an all-day event), DTSTAMP and SEQUENCE from stamp."""
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", follow_up.assessed)
    event.add("dtend", follow_up.assessed + timedelta(days=1))
    event.add("dtstamp", stamp)
    event.add("sequence", max(0, int((stamp - EPOCH).total_seconds())))
    return event


def session_uids(agency: Agency, *, prefix: str | None = None) -> list[str]:
    """Return each session's UID: the agency (or prefix), its module and its number among that module's sessions.

    Moving a session (day, hour, place) keeps its UID, so that re-importing updates the event;
    two sessions of a module at the same hour (rooms A and B) are numbered apart.
    """
    seen: Counter[str] = Counter()
    uids = []
    for session in agency.schedule:
        seen[session.module] += 1
        uids.append(f"{prefix or agency.id}-{session.module}-{seen[session.module]}@mentorkit")
    return uids


def changed_at(agency: Agency) -> datetime:
    """Return the moment an agency's events were last changed: SOURCE_DATE_EPOCH, else its definition's save time (whole seconds, UTC)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(value) if value.isdigit() else agency.modified_ns // 1_000_000_000
    return datetime.fromtimestamp(seconds, tz=UTC)


def isolated(text: str) -> str:
    """Return text wrapped in Unicode isolates when it holds right-to-left letters, so that it cannot reorder what surrounds it."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return f"\u2068{text}\u2069"
    return text


def helsinki_timezone() -> Timezone:
    """Return Europe/Helsinki as yearly rules: EET, and EEST from the last Sunday of March to the last Sunday of October.

    The EU's summer time (since 1996; Directive 2000/84/EC) changes at 01:00 UTC: 03:00 local in spring, 04:00 in autumn.
    """
    timezone = Timezone()
    timezone.add("tzid", TZID)
    for part, name, start, before, after, month in (
        (TimezoneDaylight(), "EEST", datetime(1996, 3, 31, 3, 0), 2, 3, 3),
        (TimezoneStandard(), "EET", datetime(1996, 10, 27, 4, 0), 3, 2, 10),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", timedelta(hours=before))
        part.add("tzoffsetto", timedelta(hours=after))
        part.add("rrule", vRecur(freq="YEARLY", bymonth=month, byday="-1SU"))
        timezone.add_component(part)
    return timezone
