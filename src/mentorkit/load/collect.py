"""Gather problems across files so that one run reports all of them."""

from __future__ import annotations

from collections.abc import Callable
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
            self.append(found.problem)
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
