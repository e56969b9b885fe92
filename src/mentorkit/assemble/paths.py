"""Where each part of the material lands in a staged language tree, and links between them."""

from __future__ import annotations

import re

from mentorkit.dialect import relative_link
from mentorkit.model import Library
from mentorkit.plan.documents import SITE_ROOT

__all__ = ["SECTION_PAGES", "SITE_ROOT", "chapter_id", "exercise_path", "module_path", "page_path", "relative_link"]

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


def chapter_id(path: str) -> str:
    """Return the id a staged page has as a chapter of a PDF: its anchor there (a named destination a link can open)."""
    return re.sub(r"[^a-z0-9]+", "-", path.removesuffix(".md").removesuffix("/index")).strip("-") or "index"
