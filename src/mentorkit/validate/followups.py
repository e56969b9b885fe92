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
    """Return the follow-ups; record unknown dimensions and texts (validate/relations.py checks how keys hold together)."""
    follow_ups = []
    for index, item in enumerate(data):
        at: KeyPath = ("follow_ups", index)
        assessed = date.fromisoformat(str(item["assessed"]))
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
    """Return the ranges that keep the relations (validate/relations.py reports the others); record unknown dimensions."""
    ranges: dict[str, Disagreement] = {}
    for dimension, spread in (state.get("disagreement") or {}).items():
        where = at + ("disagreement", dimension)
        if dimension not in library.dimensions:
            problems.append(source.problem(where, unknown_id(dimension, library.dimensions, where="data/dimensions.yml")))
            continue
        low, high, rating = spread["low"], spread["high"], state["ratings"].get(dimension)
        if dimension in state["ratings"] and low < high and (rating is None or low <= rating <= high):
            ranges[dimension] = Disagreement(low, high, text(where + ("note",), spread.get("note")))
    return ranges


def _check_dimensions(source: Source, ratings: dict, *, at: KeyPath, library: Library, problems: Problems) -> None:
    for key in ratings:
        if key not in library.dimensions:
            problems.append(source.problem(at + (key,), unknown_id(key, library.dimensions, where="data/dimensions.yml", what="is not a self-assessment dimension")))


def _read_indicators(source: Source, items: list, *, at: KeyPath, goals: list[Goal], text: TextOf, problems: Problems) -> tuple[IndicatorCheck, ...]:
    """Return the checks of indicators that exist (validate/relations.py reports the others)."""
    by_id = {goal.id: goal for goal in goals}
    checks = []
    for index, item in enumerate(items):
        goal = by_id.get(item["goal"])
        if goal is not None and item["indicator"] <= len(goal.indicators):
            where = at + ("indicators", index)
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
