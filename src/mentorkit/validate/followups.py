"""Validate an agency's assessments: the baseline (current_state) and the follow-ups after the training.

Both read ratings and ranges the same way. A range is kept in the model only when the group was large
enough to publish it (RANGE_MIN_RESPONDENTS); otherwise only its note is, so that no output can show it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from mentorkit.load.yamlsource import KeyPath, Source, format_path
from mentorkit.model import (
    RANGE_MIN_RESPONDENTS,
    SURVEY_MIN_RESPONDENTS,
    CurrentState,
    Disagreement,
    FollowUp,
    Goal,
    IndicatorCheck,
    Library,
    Story,
    Text,
)
from mentorkit.validate.collect import Problems, unknown_id

log = logging.getLogger(__name__)

TextOf = Callable[[KeyPath, Any], Text | None]


def read_state(source: Source, data: dict, *, at: KeyPath, library: Library, text: TextOf, problems: Problems) -> CurrentState:
    """Return the ratings at `at` as a state; record broken ranges (unknown dimensions are the caller's to check)."""
    ranges = check_disagreement(source, data, at=at, library=library, text=text, problems=problems)
    respondents = data.get("respondents")
    published = respondents is not None and respondents >= RANGE_MIN_RESPONDENTS
    return CurrentState(
        assessed=date.fromisoformat(data["assessed"]),
        ratings=dict(data["ratings"]),
        notes=text(at + ("notes",), data.get("notes")),
        disagreement=ranges if published else {},
        respondents=respondents,
        withheld={} if published else {dimension: spread.note for dimension, spread in ranges.items()},
    )


def warn_withheld(source: Source, *, baseline: CurrentState | None, follow_ups: tuple[FollowUp, ...]) -> None:
    """Warn once per definition that ranges from a small group will not be published, naming where they are."""
    states: list[tuple[KeyPath, CurrentState]] = [(("current_state",), baseline)] if baseline else []
    states += [(("follow_ups", index), follow_up.state) for index, follow_up in enumerate(follow_ups)]
    small = [(at, state) for at, state in states if state.withheld]
    if not small:
        return
    places = ", ".join(f"{format_path(at + ('disagreement',))} ({_group(state.respondents)})" for at, state in small)
    first = small[0][0] + ("disagreement",)
    log.warning(
        "warning: %s",
        source.problem(
            first,
            f"the rating ranges in {places} will not be published: a range is shown only from at least {RANGE_MIN_RESPONDENTS} respondents, "
            f"so that no one's rating can be told apart; the pages say the group did not agree and show the note "
            f"(a warning: check passes; state the group's size, e.g. respondents: {RANGE_MIN_RESPONDENTS})",
        ),
    )


def read_follow_ups(source: Source, data: list, *, baseline: CurrentState | None, goals: list[Goal], library: Library, text: TextOf, problems: Problems) -> tuple[FollowUp, ...]:
    """Return the follow-ups; record every rule they break (ids, dates, method, indicators, texts)."""
    follow_ups = []
    ids: dict[str, int] = {}
    previous = baseline.assessed if baseline else None
    previous_at = "current_state.assessed"
    if baseline is None and data:
        problems.append(source.problem(("follow_ups",), "a follow-up needs a baseline to compare with; expected current_state with the workshop's ratings, e.g. current_state: {assessed: 2026-09-14, ratings: {psychological-safety: 3}}"))
    for index, item in enumerate(data):
        at: KeyPath = ("follow_ups", index)
        if item["id"] in ids:
            problems.append(source.problem(at + ("id",), f"'{item['id']}' is already the id of follow_ups[{ids[item['id']]}]; expected a unique follow-up id, e.g. {item['id']}-2"))
        ids.setdefault(item["id"], index)
        assessed = date.fromisoformat(item["assessed"])
        if previous is not None and assessed <= previous:
            problems.append(source.problem(at + ("assessed",), f"'{assessed}' is not after {previous_at} '{previous}'; expected follow-ups after the baseline and in date order, e.g. {previous.replace(year=previous.year + 1)}"))
        previous, previous_at = assessed, f"{format_path(at)}.assessed"
        if item["method"] == "survey" and item["respondents"] < SURVEY_MIN_RESPONDENTS:
            problems.append(source.problem(at + ("respondents",), f"a survey of {item['respondents']} cannot keep answers apart from the people who gave them; expected at least {SURVEY_MIN_RESPONDENTS} respondents for a survey, or method: consensus"))
        _check_dimensions(source, item["ratings"], at=at + ("ratings",), library=library, problems=problems)
        state = read_state(source, item, at=at, library=library, text=text, problems=problems)
        retrospective = item.get("retrospective", {})
        _check_dimensions(source, retrospective, at=at + ("retrospective",), library=library, problems=problems)
        if baseline is not None:
            for dimension in library.dimensions:
                if dimension in baseline.ratings and baseline.ratings[dimension] is None and dimension in state.ratings and state.ratings[dimension] is None:
                    log.warning("warning: %s", source.problem(at + ("ratings", dimension), f"'{dimension}' is don't know both at the baseline and now, so no change can be shown; expected a rating at one end at least (a warning: check passes)"))
        follow_ups.append(FollowUp(
            id=item["id"],
            assessed=assessed,
            method=item["method"],
            state=state,
            retrospective=dict(retrospective),
            indicators=_read_indicators(source, item.get("indicators", []), at=at, goals=goals, text=text, problems=problems),
            stories=_read_stories(source, item.get("stories", []), at=at, library=library, text=text, problems=problems),
        ))
    return tuple(follow_ups)


def check_plan_from(source: Source, plan_from: str | None, *, follow_ups: tuple[FollowUp, ...], problems: Problems) -> None:
    """Record a plan_from that names no follow-up of the definition."""
    if plan_from is not None and plan_from not in {f.id for f in follow_ups}:
        ids = [f.id for f in follow_ups]
        problems.append(source.problem(("plan_from",), unknown_id(plan_from, ids, where="follow_ups in this definition", what="is not a follow-up") if ids else f"'{plan_from}' is not a follow-up: the definition has none; expected follow_ups with an entry of id {plan_from}, or no plan_from"))


def check_disagreement(source: Source, state: dict, *, at: KeyPath, library: Library, text: TextOf, problems: Problems) -> dict[str, Disagreement]:
    """Return the valid ranges; record every one that names no rated dimension, is empty or leaves out the rating."""
    ranges: dict[str, Disagreement] = {}
    for dimension, spread in (state.get("disagreement") or {}).items():
        where = at + ("disagreement", dimension)
        if dimension not in library.dimensions:
            problems.append(source.problem(where, unknown_id(dimension, library.dimensions, where="data/dimensions.yml")))
            continue
        if dimension not in state["ratings"]:
            problems.append(source.problem(where, f"'{dimension}' has a range but no rating; expected it in {format_path(at)}.ratings too, e.g. {dimension}: 3 (or null when the group agreed on none)"))
            continue
        low, high = spread["low"], spread["high"]
        if low >= high:
            problems.append(source.problem(where + ("high",), f"{high} is not above low {low}; expected 1 ≤ low < high ≤ 5, e.g. {{low: 2, high: 4}}"))
            continue
        rating = state["ratings"][dimension]
        if rating is not None and not low <= rating <= high:
            problems.append(source.problem(where, f"the rating {rating} lies outside the range {low}–{high}; expected the group's rating within the ratings given, e.g. {{low: {min(low, rating)}, high: {max(high, rating)}}}"))
            continue
        ranges[dimension] = Disagreement(low, high, text(where + ("note",), spread.get("note")))
    return ranges


def _check_dimensions(source: Source, ratings: dict, *, at: KeyPath, library: Library, problems: Problems) -> None:
    for key in ratings:
        if key not in library.dimensions:
            problems.append(source.problem(at + (key,), unknown_id(key, library.dimensions, where="data/dimensions.yml", what="is not a self-assessment dimension")))


def _read_indicators(source: Source, items: list, *, at: KeyPath, goals: list[Goal], text: TextOf, problems: Problems) -> tuple[IndicatorCheck, ...]:
    by_id = {goal.id: goal for goal in goals}
    checks = []
    for index, item in enumerate(items):
        where = at + ("indicators", index)
        goal = by_id.get(item["goal"])
        if goal is None:
            problems.append(source.problem(where + ("goal",), unknown_id(item["goal"], by_id, where="goals in this definition", what="is not a goal")))
            continue
        if item["indicator"] > len(goal.indicators):
            count = len(goal.indicators)
            problems.append(source.problem(where + ("indicator",), f"goal '{goal.id}' has {count} indicator{'' if count == 1 else 's'}, so there is no {item['indicator']}; expected a position from 1 to {count}" if count else f"goal '{goal.id}' has no indicators; expected a goal with indicators, or indicators added to goal '{goal.id}'"))
            continue
        checks.append(IndicatorCheck(goal.id, item["indicator"], item["status"], text(where + ("evidence",), item.get("evidence"))))
    return tuple(checks)


def _read_stories(source: Source, items: list, *, at: KeyPath, library: Library, text: TextOf, problems: Problems) -> tuple[Story, ...]:
    stories = []
    for index, item in enumerate(items):
        where = at + ("stories", index)
        if item["dimension"] not in library.dimensions:
            problems.append(source.problem(where + ("dimension",), unknown_id(item["dimension"], library.dimensions, where="data/dimensions.yml", what="is not a self-assessment dimension")))
            continue
        stories.append(Story(item["dimension"], text(where + ("text",), item["text"]) or {}))
    return tuple(stories)


def _group(respondents: int | None) -> str:
    return "respondents not stated" if respondents is None else f"{respondents} respondent{'' if respondents == 1 else 's'}"
