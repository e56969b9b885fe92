"""The rules between keys of a goal definition, as one table that `check` and the goal form both apply.

The schema says what each key may hold by itself; a relation says how keys hold together (an end
after its start, a range around its rating, a module not both added and omitted). The table is
data: assemble/goalform.py writes it into the form's page, and the form applies each kind to what
it is about to save, with the same values for its own message. Each kind is read in one place here
and in one function of goal-form.js; tests/test_goal_form_parity.py runs every rule through both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from mentorkit.errors import Problem
from mentorkit.load.yamlsource import KeyPath, Source, format_path
from mentorkit.model import SURVEY_MIN_RESPONDENTS, Library
from mentorkit.validate.collect import unknown_id

EVERY = "*"
"""In a relation's path: every item of a list or every key of a mapping."""


@dataclass(frozen=True, kw_only=True)
class Relation:
    """One rule between keys: where it applies, what it relates, and the form's message for it."""

    kind: str
    at: tuple[str, ...]
    keys: tuple[str, ...]
    form_error: str
    minimum: int | None = None
    when: tuple[str, str] | None = None
    target: tuple[str, ...] = ()
    noun: str = ""


STATES = (("current_state",), ("follow_ups", EVERY))
"""Where a definition holds a group's ratings: the workshop's baseline and each follow-up."""

RELATIONS: tuple[Relation, ...] = (
    Relation(kind="unique", at=("goals",), keys=("id",), form_error="duplicate_goal", noun="goal"),
    Relation(kind="unique", at=("follow_ups",), keys=("id",), form_error="duplicate_follow_up", noun="follow-up"),
    *(
        rule
        for state in STATES
        for rule in (
            Relation(kind="rated", at=state, keys=("disagreement", "ratings"), form_error="range_unrated"),
            Relation(kind="below", at=state, keys=("disagreement", "ratings", "low", "high"), form_error="range"),
            Relation(kind="within", at=state, keys=("disagreement", "ratings", "low", "high"), form_error="range_rating"),
        )
    ),
    Relation(kind="needs", at=("follow_ups",), keys=(), target=("current_state",), form_error="follow_up_baseline"),
    Relation(kind="after", at=("follow_ups",), keys=("assessed",), target=("current_state", "assessed"), form_error="follow_up_order"),
    Relation(kind="at_least", at=("follow_ups", EVERY), keys=("respondents",), when=("method", "survey"), minimum=SURVEY_MIN_RESPONDENTS, form_error="survey_small"),
    Relation(kind="refers", at=("follow_ups", EVERY, "indicators", EVERY), keys=("goal",), target=("goals",), form_error="no_goal"),
    Relation(kind="position", at=("follow_ups", EVERY, "indicators", EVERY), keys=("goal", "indicator"), target=("goals",), form_error="no_indicator"),
    Relation(kind="apart", at=("modules",), keys=("omit", "add"), form_error="add_omit"),
    Relation(kind="not_core", at=("modules", "omit", EVERY), keys=(), form_error="omit_core"),
    Relation(kind="later", at=("schedule", EVERY), keys=("start", "end"), form_error="end"),
)


def relations_data() -> list[dict[str, Any]]:
    """Return the table as data for the goal form's page."""
    return [asdict(rule) for rule in RELATIONS]


def check_relations(source: Source, *, library: Library) -> list[Problem]:
    """Return every relation a schema-valid definition breaks, in the table's order."""
    found: list[Problem] = []
    for rule in RELATIONS:
        for at, value in _expand(source.data, rule.at, ()):
            found.extend(source.problem(path, message) for path, message in _KINDS[rule.kind](rule, at, value, source.data, library))
    return found


def _expand(value: Any, pattern: tuple[str, ...], at: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
    """Yield each place the pattern names in the data, with its value."""
    if not pattern:
        yield at, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == EVERY and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _expand(item, rest, at + (index,))
    elif head == EVERY and isinstance(value, dict):
        for key, item in value.items():
            yield from _expand(item, rest, at + (key,))
    elif isinstance(value, dict) and head in value:
        yield from _expand(value[head], rest, at + (head,))


Found = Iterator[tuple[KeyPath, str]]


def _unique(rule: Relation, at: KeyPath, items: list, data: dict, library: Library) -> Found:
    (key,) = rule.keys
    first: dict[Any, int] = {}
    for index, item in enumerate(items):
        value = item[key]
        if value in first:
            # A goal's id is the author's word (no example); a follow-up's is often a period, e.g. six-months-2.
            example = "" if rule.noun == "goal" else f", e.g. {value}-2"
            yield at + (index, key), f"'{value}' is already the id of {format_path(at + (first[value],))}; expected a unique {rule.noun} id{example}"
        first.setdefault(value, index)


def _rated(rule: Relation, at: KeyPath, state: dict, data: dict, library: Library) -> Found:
    ranges, ratings = rule.keys
    for dimension in state.get(ranges) or {}:
        if dimension in library.dimensions and dimension not in state[ratings]:
            yield at + (ranges, dimension), (
                f"'{dimension}' has a range but no rating; expected it in {format_path(at + (ratings,))} too, "
                f"e.g. {dimension}: 3 (or null when the group agreed on none)"
            )


def _ranges(rule: Relation, state: dict, library: Library) -> Iterator[tuple[str, int | None, int, int]]:
    """Yield each range of a known, rated dimension: its dimension, the rating, low and high."""
    ranges, ratings, low, high = rule.keys
    for dimension, spread in (state.get(ranges) or {}).items():
        if dimension in library.dimensions and dimension in state[ratings]:
            yield dimension, state[ratings][dimension], spread[low], spread[high]


def _below(rule: Relation, at: KeyPath, state: dict, data: dict, library: Library) -> Found:
    for dimension, _rating, low, high in _ranges(rule, state, library):
        if low >= high:
            yield at + (rule.keys[0], dimension, rule.keys[3]), f"{high} is not above low {low}; expected 1 ≤ low < high ≤ 5, e.g. {{low: 2, high: 4}}"


def _within(rule: Relation, at: KeyPath, state: dict, data: dict, library: Library) -> Found:
    for dimension, rating, low, high in _ranges(rule, state, library):
        if rating is not None and low < high and not low <= rating <= high:
            yield at + (rule.keys[0], dimension), (
                f"the rating {rating} lies outside the range {low}–{high}; expected the group's rating within the ratings given, "
                f"e.g. {{low: {min(low, rating)}, high: {max(high, rating)}}}"
            )


def _needs(rule: Relation, at: KeyPath, items: list, data: dict, library: Library) -> Found:
    if items and rule.target[0] not in data:
        yield at, (
            "a follow-up needs a baseline to compare with; expected current_state with the workshop's ratings, "
            "e.g. current_state: {assessed: 2026-09-14, ratings: {psychological-safety: 3}}"
        )


def _after(rule: Relation, at: KeyPath, items: list, data: dict, library: Library) -> Found:
    (key,) = rule.keys
    baseline = data.get(rule.target[0], {})
    previous, previous_at = baseline.get(rule.target[1]), format_path(rule.target)
    for index, item in enumerate(items):
        if previous is not None and str(item[key]) <= str(previous):
            yield at + (index, key), (
                f"'{item[key]}' is not after {previous_at} '{previous}'; "
                f"expected follow-ups after the baseline and in date order, e.g. {_next_year(str(previous))}"
            )
        previous, previous_at = item[key], format_path(at + (index, key))


def _at_least(rule: Relation, at: KeyPath, item: dict, data: dict, library: Library) -> Found:
    (key,) = rule.keys
    if rule.when and item.get(rule.when[0]) == rule.when[1] and item[key] < (rule.minimum or 0):
        yield at + (key,), (
            f"a survey of {item[key]} cannot keep answers apart from the people who gave them; "
            f"expected at least {rule.minimum} respondents for a survey, or method: consensus"
        )


def _refers(rule: Relation, at: KeyPath, item: dict, data: dict, library: Library) -> Found:
    (key,) = rule.keys
    ids = [goal["id"] for goal in data.get(rule.target[0], [])]
    if item[key] not in ids:
        yield at + (key,), unknown_id(item[key], ids, where="goals in this definition", what="is not a goal")


def _position(rule: Relation, at: KeyPath, item: dict, data: dict, library: Library) -> Found:
    goal_key, key = rule.keys
    goal = next((g for g in data.get(rule.target[0], []) if g["id"] == item[goal_key]), None)
    if goal is None:
        return
    count = len(goal.get("indicators", []))
    if item[key] > count:
        yield at + (key,), (
            f"goal '{goal['id']}' has {count} indicator{'' if count == 1 else 's'}, so there is no {item[key]}; expected a position from 1 to {count}"
            if count
            else f"goal '{goal['id']}' has no indicators; expected a goal with indicators, or indicators added to goal '{goal['id']}'"
        )


def _apart(rule: Relation, at: KeyPath, edits: dict, data: dict, library: Library) -> Found:
    one, other = rule.keys
    for index, item in enumerate(edits.get(one, [])):
        if item in edits.get(other, []):
            yield at + (one, index), f"'{item}' is both added and omitted; expected it in only one of modules.add and modules.omit"


def _not_core(rule: Relation, at: KeyPath, item: str, data: dict, library: Library) -> Found:
    if any(m.id == item and m.core for m in library.modules):
        example = next((m.id for m in library.modules if not m.core), "…")
        yield at, f"'{item}' is a core module and cannot be omitted; expected a module that is not core, e.g. {example}"


def _later(rule: Relation, at: KeyPath, item: dict, data: dict, library: Library) -> Found:
    start, end = (item[key] for key in rule.keys)
    if end <= start:
        yield at + (rule.keys[1],), f"'{end}' is not after the start '{start}'; expected an end time later than the start, e.g. end: \"12:00\""


def _next_year(day: str) -> str:
    """Return an ISO date a year later (29 February becomes 28 February)."""
    year, month, rest = day.split("-", 2)
    if (month, rest) == ("02", "29"):
        rest = "28"
    return f"{int(year) + 1:04d}-{month}-{rest}"


_KINDS: dict[str, Callable[[Relation, KeyPath, Any, dict, Library], Found]] = {
    "unique": _unique,
    "rated": _rated,
    "below": _below,
    "within": _within,
    "needs": _needs,
    "after": _after,
    "at_least": _at_least,
    "refers": _refers,
    "position": _position,
    "apart": _apart,
    "not_core": _not_core,
    "later": _later,
}
