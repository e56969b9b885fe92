"""Rewrite an author's Markdown for a variant: teaching-block titles, facilitator notes, links by id."""

from __future__ import annotations

import re
from collections.abc import Callable

from mentorkit.validate.body import BLOCK, BLOCK_HEAD, FENCE, ID_LINK, LINK

Resolver = Callable[[str, str, str | None], str | None]
"""(kind, id, anchor) -> the staged target path (with #anchor), or None when it is not in the variant."""


def prepare_markdown(markdown: str, *, titles: dict[str, str], keep_facilitator: bool, resolve: Resolver, source: str) -> str:
    """Return Markdown ready for MkDocs: default block titles, facilitator notes kept or removed, links resolved."""
    lines = markdown.splitlines()
    out: list[str] = []
    skip_indent: int | None = None
    in_fence = False
    for line in lines:
        if skip_indent is not None:
            if not line.strip() or _indent(line) > skip_indent:
                continue
            skip_indent = None
        if FENCE.match(line):
            in_fence = not in_fence
        block = None if in_fence else BLOCK.match(line)
        head = BLOCK_HEAD.match(block.group("rest")) if block else None
        if head:
            kind = head.group("type")
            if kind == "facilitator" and not keep_facilitator:
                skip_indent = len(block.group("indent").expandtabs(4))
                continue
            title = head.group("title")
            line = f'{block.group("indent")}{block.group("marker")} {kind} "{title if title is not None else titles[kind]}"'
        if not in_fence:
            line = resolve_links(line, resolve=resolve, source=source)
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def resolve_links(text: str, *, resolve: Resolver, source: str) -> str:
    """Replace links by id with relative links, or with their text when the target is not in the variant."""
    from mentorkit.assemble.paths import relative_link

    def replace(match: re.Match) -> str:
        target = ID_LINK.match(match.group("target"))
        if not target:
            return match.group(0)
        path = resolve(target.group("kind"), target.group("id"), target.group("anchor"))
        if path is None:
            return match.group("text")
        return f"[{match.group('text')}]({relative_link(source=source, target=path)})"

    return LINK.sub(replace, text)


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))
