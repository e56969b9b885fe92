"""Validate data/training-plans.yml as read: session plans whose modules exist and whose clock times add up."""

from __future__ import annotations

from collections.abc import Iterable

from mentorkit.load.tree import Tree
from mentorkit.load.yamlsource import Source
from mentorkit.validate.collect import Problems, localise, unknown_id
from mentorkit.validate.schema import check_schema
from mentorkit.model import Module, PlanItem, PlanSession, TrainingPlan, Track

PLANS_FILE = "data/training-plans.yml"
OPENINGS = ("welcome", "opening")
CLOSINGS = ("closing", "feedback")


def validate_training_plans(tree: Tree, *, modules: Iterable[Module], languages: tuple[str, ...], problems: Problems) -> tuple[TrainingPlan, ...]:
    """Check the session plans as read; return none when the file is absent, unreadable or has problems."""
    # An unreadable file's problem is already among the tree's.
    source = tree.data.get("training-plans")
    if source is None:
        return ()
    found = check_schema(source, "training-plans")
    if found:
        problems.extend(found)
        return ()
    by_id = {m.id: m for m in modules}
    before = len(problems)
    plans = tuple(_plan(source, index, raw, by_id=by_id, languages=languages, problems=problems) for index, raw in enumerate(source.data["plans"]))
    seen: set[str] = set()
    for index, plan in enumerate(plans):
        if plan.id in seen:
            problems.append(source.problem(("plans", index, "id"), f"'{plan.id}' is used twice; expected a unique plan id"))
        seen.add(plan.id)
    return plans if len(problems) == before else ()


def minutes_of(clock: str) -> int:
    """Return a time of day 'HH:MM' as minutes after midnight."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _plan(source: Source, index: int, raw: dict, *, by_id: dict[str, Module], languages, problems: Problems) -> TrainingPlan:
    track = Track(raw["track"])
    base = ("plans", index)
    sessions: list[PlanSession] = []
    placed: dict[str, int] = {}
    for s_index, raw_session in enumerate(raw["sessions"]):
        at = base + ("sessions", s_index)
        items = []
        for i_index, raw_item in enumerate(raw_session["items"]):
            item = _item(source, at + ("items", i_index), raw_item, by_id=by_id, track=track, languages=languages, problems=problems)
            if item is None:
                continue
            if item.module:
                if item.module in placed:
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
        sessions.append(session)
    wanted = [m for m in by_id.values() if m.track is track and (raw["covers"] == "all" or m.core)]
    what = f"every {'core ' if raw['covers'] == 'core' else ''}{track.value} module once"
    for module in sorted(wanted, key=lambda m: m.order):
        if module.id not in placed:
            problems.append(source.problem(base + ("sessions",), f"module '{module.id}' is in no session; expected {what}, e.g. - module: {module.id}"))
    if raw["covers"] == "core":
        for module_id, s_index in placed.items():
            if module_id in by_id and not by_id[module_id].core:
                problems.append(source.problem(base + ("covers",), f"plan covers core modules only, but session {s_index + 1} holds '{module_id}', which is not core; expected only core modules, or covers: all"))
    return TrainingPlan(raw["id"], track, raw["covers"], localise(source, base + ("title",), raw["title"], languages=languages, problems=problems), tuple(sessions))


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
        extra = [key for key in ("title", "minutes") if key in raw]
        if extra:
            problems.append(source.problem(at + (extra[0],), f"a module's {extra[0]} comes from the module itself; expected only module: {module.id}"))
        return PlanItem(module.id, None, None, module.duration_min)
    missing = [key for key in ("minutes", "title") if key not in raw]
    if missing:
        problems.append(source.problem(at, f"{missing[0]}: missing; expected a segment's minutes and title, e.g. {{segment: {raw['segment']}, minutes: 15, title: {{fi: Tauko, en: Break}}}}"))
        return None
    return PlanItem(None, raw["segment"], localise(source, at + ("title",), raw["title"], languages=languages, problems=problems), raw["minutes"])


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
