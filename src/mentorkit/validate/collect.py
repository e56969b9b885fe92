"""Gather problems across files so that one run reports all of them."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from typing import Any, TypeVar

from mentorkit.errors import Problem
from mentorkit.load.yamlsource import KeyPath, ProblemFound, Source

T = TypeVar("T")


class Problems(list[Problem]):
    """The problems found so far."""

    def attempt(self, read: Callable[[], T]) -> T | None:
        """Run a reader; record the problem that stops it and return None."""
        try:
            return read()
        except ProblemFound as found:
            self.extend(found.problems)
            return None


def localise(source: Source, path: KeyPath, value: Any, *, languages: tuple[str, ...], problems: Problems) -> dict[str, str]:
    """Return text per language, recording each language that has no text."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {lang: value for lang in languages}
    text = {lang: value[lang] for lang in languages if isinstance(value, dict) and isinstance(value.get(lang), str)}
    missing = [lang for lang in languages if lang not in text]
    if missing:
        example = ", ".join(f"{lang}: …" for lang in languages)
        problems.append(source.problem(path, f"no text in {', '.join(missing)}; expected text in every language ({', '.join(languages)}), e.g. {{{example}}}"))
    return text


def unknown_id(value: str, known: Iterable[str], *, where: str, what: str = "does not exist") -> str:
    """Return the message for an id that is not among the known ones, with the closest as example."""
    candidates = sorted(known)
    guess = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    example = guess[0] if guess else (candidates[0] if candidates else "…")
    return f"'{value}' {what}{hint}; expected an id from {where}, e.g. {example}"


def construct(cls: type[T], data: Mapping[str, Any], **given: Any) -> T:
    """Build a frozen dataclass from a schema-checked mapping by field name; lists become tuples, `given` wins.

    The schema states each format once; this spares a third, hand-written mapping of it.
    """
    values: dict[str, Any] = {}
    for field in fields(cls):  # type: ignore[arg-type]
        if field.name in given:
            values[field.name] = given[field.name]
        elif field.name in data:
            value = data[field.name]
            values[field.name] = tuple(value) if isinstance(value, list) else value
    return cls(**values)
