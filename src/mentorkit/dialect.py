"""Our Markdown dialect: the one list of Python-Markdown extensions the site and the PDFs render with."""

from __future__ import annotations

import html
import re
from typing import Any

import markdown
from markdown.extensions.toc import strip_tags

MARKDOWN_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    # No permalink anchors: their title would be English on every page; heading ids remain.
    {"toc": {"permalink": False}},
]
"""As mkdocs.yml lists them: a name, or {name: options}."""


def extension_names() -> list[str]:
    """Return the extensions' names, for Python-Markdown."""
    return [next(iter(e)) if isinstance(e, dict) else e for e in MARKDOWN_EXTENSIONS]


def extension_configs() -> dict[str, dict[str, Any]]:
    """Return the extensions' options, for Python-Markdown."""
    return {name: options for e in MARKDOWN_EXTENSIONS if isinstance(e, dict) for name, options in e.items()}


def new_markdown() -> markdown.Markdown:
    """Return a Python-Markdown converter with the site's extensions."""
    return markdown.Markdown(extensions=extension_names(), extension_configs=extension_configs(), output_format="html")


ESCAPED_CHARS: tuple[str, ...] = tuple(new_markdown().ESCAPED_CHARS)
"""The characters a backslash makes literal with these extensions (derived, so it follows the list)."""


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<meta>.*?\r?\n)??---[ \t]*(?:\r?\n|\Z)", re.S)
"""YAML front matter: a first line '---', YAML, and a closing '---' line."""


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return (the front matter's YAML or None when there is none, the Markdown after it)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text
    return match.group("meta") or "", text[match.end():]


def plain_text(md: markdown.Markdown, text: str) -> str:
    """Return the reader's text of rendered inline content (placeholders restored, tags and entities gone)."""
    for processor in md.postprocessors:
        text = processor.run(text)
    return html.unescape(strip_tags(text))
