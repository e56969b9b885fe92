"""Check an author's Markdown body: teaching blocks, headings and links by id.

Links are found by Python-Markdown itself (mentorkit.dialect.find_links), so a link whose text
wraps a line is checked and a link-like text inside code is not; each is reported at the line of
its target. Blocks and headings are block syntax, read line by line outside fenced code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mentorkit.dialect import ID_LINK, LINK_KINDS, find_links
from mentorkit.errors import Problem
from mentorkit.model import BLOCK_TYPES, Body

BLOCK = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)[ \t]*(?P<rest>.*)$")
BLOCK_HEAD = re.compile(r'^(?P<type>[A-Za-z0-9_-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
FENCE = re.compile(r"^[ \t]*(```|~~~)")


@dataclass(frozen=True)
class IdLink:
    """A link to another part of the material by id."""

    kind: str
    id: str
    anchor: str | None
    line: int


def scan_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """Yield (line index from 0, line) for every line outside fenced code."""
    in_fence = False
    for index, line in enumerate(markdown.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield index, line


def check_body(body: Body, *, exists: Callable[[str, str], bool], allowed_refs: tuple[str, ...] | None = None) -> list[Problem]:
    """Return every problem of a body: unknown blocks, level-1 headings, links to missing ids."""
    problems = []
    for index, line in scan_lines(body.markdown):
        number = body.first_line + index
        block = BLOCK.match(line)
        if block:
            head = BLOCK_HEAD.match(block.group("rest"))
            if not head:
                problems.append(Problem(body.file, number, "body", f"malformed teaching block {line.strip()!r}; expected !!! type \"Optional title\", e.g. !!! reflection"))
            elif head.group("type") not in BLOCK_TYPES:
                problems.append(Problem(body.file, number, "body", f"unknown teaching block '{head.group('type')}'; expected one of: {', '.join(BLOCK_TYPES)}, e.g. !!! reflection"))
        if re.match(r"^#(?!#)\s", line):
            problems.append(Problem(body.file, number, "body", "a level-1 heading; expected headings from ## down (the page title comes from the front matter title), e.g. ## Taustaa"))
    for target, number in _targets(body.markdown, first_line=body.first_line):
        match = ID_LINK.match(target)
        if match:
            link = IdLink(match.group("kind"), match.group("id"), match.group("anchor"), number)
            problems.extend(_check_link(link, body=body, exists=exists, allowed_refs=allowed_refs))
        else:
            problems.extend(_check_plain_link(target, number, body))
    return problems


def id_links(markdown: str, *, first_line: int) -> Iterator[IdLink]:
    """Yield the links by id of Markdown text, each with the line of its target."""
    for target, number in _targets(markdown, first_line=first_line):
        match = ID_LINK.match(target)
        if match:
            yield IdLink(match.group("kind"), match.group("id"), match.group("anchor"), number)


def _targets(markdown: str, *, first_line: int) -> Iterator[tuple[str, int]]:
    """Yield (target, line) for every link the parser finds; the line is where `(target` is written."""
    lines = markdown.splitlines()
    start = 0
    for link in find_links(markdown):
        written = f"({link.target}"
        index = next((i for i in range(start, len(lines)) if written in lines[i]), None)
        if index is None:
            index = next((i for i in range(len(lines)) if written in lines[i]), None)
        else:
            start = index  # links come in document order: later ones are found from here on
        if index is None:
            # Not written inline: a reference-style link, reported at its definition (validate/safety.py).
            continue
        yield link.target, first_line + index


def _check_link(link: IdLink, *, body: Body, exists, allowed_refs) -> list[Problem]:
    written = f"{link.kind}:{link.id}"
    if not exists(link.kind, link.id):
        return [Problem(body.file, link.line, "body", f"link to {written}, which does not exist; expected the id of an existing {_noun(link.kind)}, e.g. ({_example(link.kind)})")]
    if link.kind == "ref" and allowed_refs is not None and link.id not in allowed_refs:
        return [Problem(body.file, link.line, "body", f"cites {written}, which is not in the module's sources; expected it listed in module.yml sources, e.g. sources: [{link.id}]")]
    return []


def _check_plain_link(target: str, number: int, body: Body) -> list[Problem]:
    if re.match(r"^(https?:|mailto:|#)", target):
        return []
    scheme = re.match(r"^([a-z]+):", target)
    if scheme:
        return [Problem(body.file, number, "body", f"unknown link kind '{scheme.group(1)}:'; expected one of: {', '.join(k + ':' for k in LINK_KINDS)} or https:, e.g. (module:mt-psych-safety)")]
    return [Problem(body.file, number, "body", f"link to the file path '{target}'; expected a link by id, e.g. (page:glossary) or (module:mt-psych-safety)")]


def _noun(kind: str) -> str:
    return {"module": "module", "exercise": "exercise", "page": "site page", "ref": "reference in data/references.yml", "term": "term in data/glossary.yml"}[kind]


def _example(kind: str) -> str:
    return {"module": "module:mt-psych-safety", "exercise": "exercise:calibration", "page": "page:glossary", "ref": "ref:eraut-2004", "term": "term:tacit-knowledge"}[kind]
