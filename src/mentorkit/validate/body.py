"""Check an author's Markdown body: teaching blocks, headings and links by id."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mentorkit.errors import Problem
from mentorkit.model import BLOCK_TYPES, Body

BLOCK = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)[ \t]*(?P<rest>.*)$")
BLOCK_HEAD = re.compile(r'^(?P<type>[A-Za-z0-9_-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
ID_LINK = re.compile(r"^(?P<kind>module|exercise|page|ref|term):(?P<id>[^#]*)(?:#(?P<anchor>.*))?$")
LINK_KINDS = ("module", "exercise", "page", "ref", "term")
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
        for link in links_in_line(line, number):
            problems.extend(_check_link(link, body=body, exists=exists, allowed_refs=allowed_refs))
        problems.extend(_check_plain_links(line, number, body))
    return problems


def links_in_line(line: str, number: int) -> Iterator[IdLink]:
    """Yield the id links of one line."""
    for match in LINK.finditer(line):
        target = ID_LINK.match(match.group("target"))
        if target:
            yield IdLink(target.group("kind"), target.group("id"), target.group("anchor"), number)


def _check_link(link: IdLink, *, body: Body, exists, allowed_refs) -> list[Problem]:
    written = f"{link.kind}:{link.id}"
    if not exists(link.kind, link.id):
        return [Problem(body.file, link.line, "body", f"link to {written}, which does not exist; expected the id of an existing {_noun(link.kind)}, e.g. ({_example(link.kind)})")]
    if link.kind == "ref" and allowed_refs is not None and link.id not in allowed_refs:
        return [Problem(body.file, link.line, "body", f"cites {written}, which is not in the module's sources; expected it listed in module.yml sources, e.g. sources: [{link.id}]")]
    return []


def _check_plain_links(line: str, number: int, body: Body) -> list[Problem]:
    problems = []
    for match in LINK.finditer(line):
        target = match.group("target")
        if ID_LINK.match(target) or re.match(r"^(https?:|mailto:|#)", target):
            continue
        scheme = re.match(r"^([a-z]+):", target)
        if scheme:
            problems.append(Problem(body.file, number, "body", f"unknown link kind '{scheme.group(1)}:'; expected one of: {', '.join(k + ':' for k in LINK_KINDS)} or https:, e.g. (module:mt-psych-safety)"))
        else:
            problems.append(Problem(body.file, number, "body", f"link to the file path '{target}'; expected a link by id, e.g. (page:glossary) or (module:mt-psych-safety)"))
    return problems


def _noun(kind: str) -> str:
    return {"module": "module", "exercise": "exercise", "page": "site page", "ref": "reference in data/references.yml", "term": "term in data/glossary.yml"}[kind]


def _example(kind: str) -> str:
    return {"module": "module:mt-psych-safety", "exercise": "exercise:calibration", "page": "page:glossary", "ref": "ref:eraut-2004", "term": "term:tacit-knowledge"}[kind]
