"""Validate data/training-plans.yml as read: session plans whose modules exist and whose clock times add up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from mentorkit.errors import Problem
from mentorkit.load.tree import Tree
from mentorkit.load.yamlsource import Source
from mentorkit.validate.collect import Problems, localise, unknown_id
from mentorkit.validate.schema import check_schema
from mentorkit.model import HANDOUT_PARTS, Module, PlanItem, PlanSession, RoundEvent, TrainingPlan, Track

PLANS_FILE = "data/training-plans.yml"
OPENINGS = ("welcome", "opening")
CLOSINGS = ("closing", "feedback")
RESTS = ("break", "lunch")
WORKDAY = ("08:00", "16:15")
"""The state's regular working day (7 h 15 min of work, flexible around 08:00–16:15): a session ends in time to go home."""
LONGEST_ITEM = 90
"""No module part or segment runs longer in one piece: a longer module is split across a break."""
LONGEST_STRETCH = {"on-site": 120, "remote": 60}
"""The most minutes in a row without a break or lunch, in a room and in a video meeting."""
LONGEST_REMOTE_SESSION = 195
"""A video meeting of at most 3 h 15 min: longer ones tire everyone."""
LUNCH_AFTER = 300
"""A session longer than this (five hours) has a lunch."""


def validate_training_plans(tree: Tree, *, modules: Iterable[Module], languages: tuple[str, ...], problems: Problems) -> tuple[tuple[TrainingPlan, ...], tuple[RoundEvent, ...]]:
    """Check the session plans and the round's events as read; return none when the file is absent, unreadable or has problems."""
    # An unreadable file's problem is already among the tree's.
    source = tree.data.get("training-plans")
    if source is None:
        return (), ()
    found = check_schema(source, "training-plans")
    if found:
        problems.extend(found)
        return (), ()
    by_id = {m.id: m for m in modules}
    before = len(problems)
    plans = tuple(_plan(source, index, raw, by_id=by_id, languages=languages, problems=problems) for index, raw in enumerate(source.data["plans"]))
    seen: set[str] = set()
    for index, plan in enumerate(plans):
        if plan.id in seen:
            problems.append(source.problem(("plans", index, "id"), f"'{plan.id}' is used twice; expected a unique plan id"))
        seen.add(plan.id)
    events = tuple(_event(source, index, raw, languages=languages, problems=problems) for index, raw in enumerate(source.data.get("events", [])))
    return (plans, events) if len(problems) == before else ((), ())


def check_event_pages(site: Source, *, events: Iterable[RoundEvent]) -> list[Problem]:
    """Return a problem for each page that shows the round's event of its id (generated: round-event) when there is no such event, and for each event without its page."""
    known = [event.id for event in events]
    problems = [
        site.problem(("pages", index, "generated"), unknown_id(entry["id"], known, where=f"the events of {PLANS_FILE}", what="is the page of an event that does not exist"))
        for index, entry in enumerate(site.data["pages"])
        if entry.get("generated") == "round-event" and entry["id"] not in known
    ]
    # Every event has its page: the programme page links each there, and its agenda is shown nowhere else.
    shown = {entry["id"] for entry in site.data["pages"] if entry.get("generated") == "round-event"}
    problems += [
        site.problem(("pages",), f"the event '{event_id}' of {PLANS_FILE} has no page; expected a page for each event, e.g. - {{id: {event_id}, generated: round-event, under: programme}}")
        for event_id in known
        if event_id not in shown
    ]
    return problems


def _event(source: Source, index: int, raw: dict, *, languages, problems: Problems) -> RoundEvent:
    """Read one of the round's events: its sessions hold segments only and keep the same rules as a plan's."""
    base = ("events", index)
    sessions = []
    for s_index, raw_session in enumerate(raw["sessions"]):
        at = base + ("sessions", s_index)
        items = []
        for i_index, raw_item in enumerate(raw_session["items"]):
            if "module" in raw_item:
                problems.append(source.problem(at + ("items", i_index, "module"), "an event holds segments only; expected a segment, e.g. {segment: discussion, minutes: 30, title: {fi: …, en: …}}"))
                continue
            item = _item(source, at + ("items", i_index), raw_item, by_id={}, track=Track.WORKSHOP, languages=languages, problems=problems)
            if item is not None:
                items.append(item)
        session = PlanSession(
            title=localise(source, at + ("title",), raw_session.get("title"), languages=languages, problems=problems) or None,
            start=raw_session["start"], end=raw_session["end"], items=tuple(items),
        )
        _check_session(source, at, session, number=s_index, track=Track.WORKSHOP, problems=problems)
        _check_working_hours(source, at, session, delivery="on-site", problems=problems)
        sessions.append(session)

    def text(key: str):
        return localise(source, base + (key,), raw[key], languages=languages, problems=problems)

    material = tuple(localise(source, base + ("material", m), value, languages=languages, problems=problems) for m, value in enumerate(raw["material"]))
    for h_index, part in enumerate(raw.get("handouts", ())):
        if part not in HANDOUT_PARTS:
            problems.append(source.problem(base + ("handouts", h_index), unknown_id(part, HANDOUT_PARTS, where="the workshop handouts' parts")))
    return RoundEvent(raw["id"], text("title"), text("when"), text("who"), material, tuple(sessions), tuple(raw.get("handouts", ())))


def minutes_of(clock: str) -> int:
    """Return a time of day 'HH:MM' as minutes after midnight."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _plan(source: Source, index: int, raw: dict, *, by_id: dict[str, Module], languages, problems: Problems) -> TrainingPlan:
    track = Track(raw["track"])
    base = ("plans", index)
    delivery = raw.get("delivery", "on-site")
    sessions: list[PlanSession] = []
    placed: dict[str, int] = {}
    parts: dict[str, list[tuple[tuple, int | None]]] = {}
    for s_index, raw_session in enumerate(raw["sessions"]):
        at = base + ("sessions", s_index)
        items = []
        for i_index, raw_item in enumerate(raw_session["items"]):
            item = _item(source, at + ("items", i_index), raw_item, by_id=by_id, track=track, languages=languages, problems=problems)
            if item is None:
                continue
            if item.module:
                parts.setdefault(item.module, []).append((at + ("items", i_index), raw_item.get("minutes")))
                if item.module in placed and "minutes" not in raw_item:
                    problems.append(source.problem(at + ("items", i_index, "module"), f"'{item.module}' appears a second time in this plan (first in session {placed[item.module] + 1}); expected each module once per plan"))
                placed.setdefault(item.module, s_index)
            items.append(item)
        session = PlanSession(
            title=localise(source, at + ("title",), raw_session.get("title"), languages=languages, problems=problems) or None,
            start=raw_session["start"],
            end=raw_session["end"],
            items=tuple(items),
        )
        _check_session(source, at, session, number=s_index, track=track, problems=problems)
        _check_working_hours(source, at, session, delivery=delivery, problems=problems)
        sessions.append(session)
    _check_parts(source, parts, by_id=by_id, problems=problems)
    sessions = _number_parts(sessions)
    wanted = [m for m in by_id.values() if m.track is track and (raw["covers"] == "all" or m.core)]
    what = f"every {'core ' if raw['covers'] == 'core' else ''}{track.value} module once"
    for module in sorted(wanted, key=lambda m: m.order):
        if module.id not in placed:
            problems.append(source.problem(base + ("sessions",), f"module '{module.id}' is in no session; expected {what}, e.g. - module: {module.id}"))
    if raw["covers"] == "core":
        for module_id, s_index in placed.items():
            if module_id in by_id and not by_id[module_id].core:
                problems.append(source.problem(base + ("covers",), f"plan covers core modules only, but session {s_index + 1} holds '{module_id}', which is not core; expected only core modules, or covers: all"))
    return TrainingPlan(raw["id"], track, raw["covers"], localise(source, base + ("title",), raw["title"], languages=languages, problems=problems), tuple(sessions), delivery)


def _item(source: Source, at, raw: dict, *, by_id: dict[str, Module], track: Track, languages, problems: Problems) -> PlanItem | None:
    if ("module" in raw) == ("segment" in raw):
        problems.append(source.problem(at, "holds both a module and a segment or neither; expected a module, e.g. {module: ws-goal-setting}, or a segment, e.g. {segment: break, minutes: 15, title: {fi: Tauko, en: Break}}"))
        return None
    if "module" in raw:
        module = by_id.get(raw["module"])
        if module is None:
            problems.append(source.problem(at + ("module",), unknown_id(raw["module"], [m.id for m in by_id.values() if m.track is track], where=f"the {track.value} modules")))
            return None
        if module.track is not track:
            problems.append(source.problem(at + ("module",), f"'{module.id}' is a {module.track.value} module; expected a module of the plan's track ({track.value})"))
            return None
        extra = [key for key in ("title", "description") if key in raw]
        if extra:
            problems.append(source.problem(at + (extra[0],), f"a module's {extra[0]} comes from the module itself; expected only module: {module.id}"))
        return PlanItem(module.id, None, None, raw.get("minutes", module.duration_min))
    missing = [key for key in ("minutes", "title") if key not in raw]
    if missing:
        problems.append(source.problem(at, f"{missing[0]}: missing; expected a segment's minutes and title, e.g. {{segment: {raw['segment']}, minutes: 15, title: {{fi: Tauko, en: Break}}}}"))
        return None
    description = localise(source, at + ("description",), raw["description"], languages=languages, problems=problems) if "description" in raw else None
    return PlanItem(None, raw["segment"], localise(source, at + ("title",), raw["title"], languages=languages, problems=problems), raw["minutes"], description or None)


def _check_parts(source: Source, parts: dict[str, list[tuple[tuple, int | None]]], *, by_id: dict[str, Module], problems: Problems) -> None:
    """Check that a module split into parts gives every part's minutes and that they add up to the module's."""
    for module_id, found in parts.items():
        given = [minutes for _, minutes in found if minutes is not None]
        if not given:
            continue
        duration = by_id[module_id].duration_min
        for at, minutes in found:
            if minutes is None:
                problems.append(source.problem(at, f"'{module_id}' is split into parts elsewhere in this plan, but this part has no minutes; expected each part's minutes, e.g. {{module: {module_id}, minutes: 45}}"))
        if len(given) == len(found) and sum(given) != duration:
            problems.append(source.problem(
                found[-1][0] + ("minutes",),
                f"the parts of '{module_id}' take {sum(given)} min ({' + '.join(map(str, given))}) but the module takes {duration} min (module.yml); expected parts that add up to {duration}",
            ))


def _number_parts(sessions: list[PlanSession]) -> list[PlanSession]:
    """Return the sessions with each part of a split module numbered (1 of 2, 2 of 2)."""
    counts: dict[str, int] = {}
    for session in sessions:
        for item in session.items:
            if item.module:
                counts[item.module] = counts.get(item.module, 0) + 1
    seen: dict[str, int] = {}
    numbered = []
    for session in sessions:
        items = []
        for item in session.items:
            if item.module and counts[item.module] > 1:
                seen[item.module] = seen.get(item.module, 0) + 1
                item = replace(item, part=seen[item.module], parts=counts[item.module])
            items.append(item)
        numbered.append(replace(session, items=tuple(items)))
    return numbered


def _check_session(source: Source, at, session: PlanSession, *, number: int, track: Track, problems: Problems) -> None:
    start, end = minutes_of(session.start), minutes_of(session.end)
    total = sum(item.minutes for item in session.items)
    if end <= start:
        problems.append(source.problem(at + ("end",), f"'{session.end}' is not after the start '{session.start}'; expected a later time of the same day"))
    elif total != end - start:
        fitting = start + total
        problems.append(source.problem(
            at + ("end",),
            f"the items take {total} min but {session.start}–{session.end} is {end - start} min; "
            f"expected the items to fill the session exactly, e.g. end: '{fitting // 60:02d}:{fitting % 60:02d}'",
        ))
    if not session.items:
        return
    if session.items[0].segment not in OPENINGS:
        problems.append(source.problem(at + ("items", 0), "the session does not open with a welcome or an opening; expected a first item such as {segment: opening, minutes: 15, title: …}"))
    if session.items[-1].segment not in CLOSINGS:
        problems.append(source.problem(at + ("items", len(session.items) - 1), "the session does not end with a closing or feedback; expected a last item such as {segment: closing, minutes: 15, title: …}"))
    if track is Track.MENTOR and number > 0 and not any(item.segment == "review" for item in session.items):
        problems.append(source.problem(at + ("items",), "no segment picks up the work done between sessions; expected one such as {segment: review, minutes: 30, title: …}"))


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _check_working_hours(source: Source, at, session: PlanSession, *, delivery: str, problems: Problems) -> None:
    """Check that a session keeps to the working day, splits long items and rests often enough."""
    start, end = minutes_of(session.start), minutes_of(session.end)
    day_start, day_end = (minutes_of(clock) for clock in WORKDAY)
    if start < day_start:
        problems.append(source.problem(at + ("start",), f"'{session.start}' is before the working day; expected a session within {WORKDAY[0]}–{WORKDAY[1]}, e.g. start: '08:30'"))
    if end > day_end:
        problems.append(source.problem(at + ("end",), f"'{session.end}' is after the working day ({WORKDAY[1]}); expected a session within {WORKDAY[0]}–{WORKDAY[1]}, e.g. end: '16:00'"))
    if delivery == "remote" and end - start > LONGEST_REMOTE_SESSION:
        problems.append(source.problem(at + ("end",), f"a remote session of {end - start} min; expected at most {LONGEST_REMOTE_SESSION} min in one video meeting, e.g. two or three shorter sessions"))
    if end - start > LUNCH_AFTER and not any(item.segment == "lunch" for item in session.items):
        problems.append(source.problem(at + ("items",), f"a session of {end - start} min has no lunch; expected a lunch in a session over {LUNCH_AFTER // 60} h, e.g. {{segment: lunch, minutes: 45, title: {{fi: Lounas, en: Lunch}}}}"))
    longest = LONGEST_STRETCH[delivery]
    clock, stretch_start = start, start
    for index, item in enumerate(session.items):
        if item.minutes > LONGEST_ITEM:
            what = f"module '{item.module}'" if item.module else f"the {item.segment} segment"
            hint = f"split the module into parts with a break between, e.g. {{module: {item.module}, minutes: 60}}" if item.module else "a shorter segment"
            problems.append(source.problem(at + ("items", index), f"{what} runs {item.minutes} min in one piece; expected no item over {LONGEST_ITEM} min: {hint}"))
        if item.segment in RESTS:
            stretch_start = clock + item.minutes
        elif clock + item.minutes - stretch_start > longest:
            problems.append(source.problem(
                at + ("items", index),
                f"{_clock(stretch_start)}–{_clock(clock + item.minutes)} runs {clock + item.minutes - stretch_start} min without a break; "
                f"expected a break or lunch at least every {longest} min{' in a remote session' if delivery == 'remote' else ''}, e.g. {{segment: break, minutes: 15, title: {{fi: Tauko, en: Break}}}} before this item",
            ))
            stretch_start = clock + item.minutes  # one message per overlong stretch
        clock += item.minutes
