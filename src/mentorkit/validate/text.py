"""The one text rule applied to every string of a definition: keys and values, at any depth."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mentorkit.errors import Problem
from mentorkit.load.files import check_control_characters
from mentorkit.load.yamlsource import KeyPath, Source, format_path


def check_source_text(source: Source) -> list[Problem]:
    """Return a problem for every string of a parsed file that holds a control or bidi control character."""
    problems: list[Problem] = []
    for path, text in _strings(source.data, ()):
        problems += check_control_characters(text, file=source.file, first_line=source.line_of(path) or 1, key=format_path(path))
    return problems


def _strings(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield path, key
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
