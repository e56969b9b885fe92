"""Where each part of the material lands in a staged language tree, and links between them."""

from __future__ import annotations

import posixpath

from mentorkit.model import Library

SECTION_PAGES = ("workshop", "mentor", "exercises")
"""Pages that are the index page of a navigation section (their folder holds its items)."""


def page_path(page_id: str) -> str:
    """Return the staged path of a site page."""
    if page_id == "index":
        return "index.md"
    if page_id in SECTION_PAGES:
        return f"{page_id}/index.md"
    return f"{page_id}.md"


def module_path(library: Library, module_id: str) -> str:
    """Return the staged path of a module page."""
    return f"{library.module(module_id).track.value}/{module_id}.md"


def exercise_path(exercise_id: str) -> str:
    """Return the staged path of an exercise page."""
    return f"exercises/{exercise_id}.md"


def relative_link(*, source: str, target: str) -> str:
    """Return a Markdown link from one staged page to another (or to an anchor on it)."""
    target_path, _, anchor = target.partition("#")
    link = posixpath.relpath(target_path, posixpath.dirname(source) or ".")
    return f"{link}#{anchor}" if anchor else link
