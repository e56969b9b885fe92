"""The Markdown-writing primitives every page generator uses: escaped text, links, blocks, lists."""

from __future__ import annotations

import html
import re

from mentorkit.assemble.context import Context
from mentorkit.dialect import ESCAPED_CHARS
from mentorkit.model import Exercise, Module, Track

MARKDOWN_PUNCTUATION = re.compile("([" + re.escape("".join(ESCAPED_CHARS)) + "])")
"""The characters the site's Markdown extensions accept a backslash before: escaping them keeps text literal."""


def md_text(text: str) -> str:
    """Return plain text as Markdown that renders as exactly that text."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def mail_link(address: str) -> str:
    """Return a mailto link; the schema allows only letters, digits and ._%+- in an address."""
    return f"[{md_text(address)}](mailto:{address})"


def author_markdown(ctx: Context, markdown: str, *, source: str) -> str:
    """Return an author's Markdown for a page; its links, blocks and notes are rendered by our dialect."""
    return markdown.strip("\n") + "\n"


def inline(ctx: Context, text: str, *, source: str) -> str:
    """Return a front-matter text as one line of Markdown (its links by id are rendered by our dialect)."""
    return " ".join(text.split())


def block(kind: str, title: str, lines: list[str]) -> str:
    """Return a teaching block (admonition) with the given content lines."""
    body = "\n".join(f"    {line}" if line else "" for line in lines)
    return f'!!! {kind} "{title}"\n{body}\n'


def group_size(ctx: Context, exercise: Exercise) -> str:
    """Return the group size in words."""
    size = exercise.group_size
    if size.max == 1:
        return ctx.t("people_one")
    if size.min == size.max:
        return ctx.t("people", n=size.min)
    return ctx.t("people_range", min=size.min, max=size.max)


def track_modules(ctx: Context, track: Track) -> list[Module]:
    """Return the variant's modules of one track, in order."""
    return [m for m in ctx.library.modules if m.track is track and m.id in ctx.manifest.module_ids]


def modules_using(ctx: Context, *, exercise: str | None = None, theme: str | None = None) -> list[Module]:
    """Return the variant's modules that use an exercise or serve a theme, in order."""
    return [
        m for m in ctx.library.modules
        if m.id in ctx.manifest.module_ids and (exercise is None or exercise in m.exercises) and (theme is None or theme in m.themes)
    ]
