"""Check an author's Markdown body: teaching blocks, headings and links, as the dialect's parser reads them.

The parse decides (validate/markup.py): a link of any syntax, wherever the parser makes one, is
checked; a link-like text inside code is not. Each is reported at the line it is written on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mentorkit.dialect import ID_LINK, LINK_KINDS
from mentorkit.errors import Problem
from mentorkit.model import BLOCK_TYPES, Body
from mentorkit.validate.markup import parse_body

SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.I)
SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class IdLink:
    """A link to another part of the material by id."""

    kind: str
    id: str
    anchor: str | None
    line: int


def check_body(body: Body, *, exists: Callable[[str, str], bool], allowed_refs: tuple[str, ...] | None = None) -> list[Problem]:
    """Return every problem of a body: unknown blocks, level-1 headings, links to missing ids or out of the material."""
    parsed = parse_body(body.markdown)
    problems = []
    for block in parsed.blocks:
        number = body.first_line + block.line
        if not block.type:
            problems.append(Problem(body.file, number, "body", f"malformed teaching block {block.written!r}; expected !!! type \"Optional title\", e.g. !!! reflection"))
        elif block.type not in BLOCK_TYPES:
            problems.append(Problem(body.file, number, "body", f"unknown teaching block '{block.type}'; expected one of: {', '.join(BLOCK_TYPES)}, e.g. !!! reflection"))
    for heading in parsed.headings:
        if heading.level == 1:
            problems.append(Problem(body.file, body.first_line + heading.line, "body", "a level-1 heading; expected headings from ## down (the page title comes from the front matter title), e.g. ## Taustaa"))
    for link in parsed.links:
        number = body.first_line + link.line
        match = ID_LINK.match(link.href)
        if match:
            found = IdLink(match.group("kind"), match.group("id"), match.group("anchor"), number)
            problems.extend(_check_link(found, written=link.shown, body=body, exists=exists, allowed_refs=allowed_refs))
        else:
            problems.extend(check_plain_link(link.shown, file=body.file, line=number))
    return problems


def id_links(markdown: str, *, first_line: int) -> Iterator[IdLink]:
    """Yield the links by id of Markdown text, each with the line it is written on."""
    for link in parse_body(markdown).links:
        match = ID_LINK.match(link.href)
        if match:
            yield IdLink(match.group("kind"), match.group("id"), match.group("anchor"), first_line + link.line)


def _check_link(link: IdLink, *, written: str, body: Body, exists, allowed_refs) -> list[Problem]:
    written = written.partition("#")[0]
    if not exists(link.kind, link.id):
        return [Problem(body.file, link.line, "body", f"link to {written}, which does not exist; expected the id of an existing {_noun(link.kind)}, e.g. ({_example(link.kind)})")]
    if link.kind == "ref" and allowed_refs is not None and link.id not in allowed_refs:
        return [Problem(body.file, link.line, "body", f"cites {written}, which is not in the module's sources; expected it listed in module.yml sources, e.g. sources: [{link.id}]")]
    return []


def check_plain_link(target: str, *, file: str, line: int | None, key: str = "body") -> list[Problem]:
    """Return the problem of a link that is not by id: only https:, http:, mailto: and #anchors leave the material."""
    if SAFE_LINK.match(target):
        return []
    scheme = SCHEME.match(target)
    if scheme:
        return [Problem(file, line, key, f"unknown link kind '{scheme.group('scheme')}:'; expected one of: {', '.join(k + ':' for k in LINK_KINDS)} or https:, e.g. (module:mt-psych-safety)")]
    return [Problem(file, line, key, f"link to the file path '{target}'; expected a link by id, e.g. (page:glossary) or (module:mt-psych-safety)")]


def _noun(kind: str) -> str:
    return {"module": "module", "exercise": "exercise", "page": "site page", "ref": "reference in data/references.yml", "term": "term in data/glossary.yml"}[kind]


def _example(kind: str) -> str:
    return {"module": "module:mt-psych-safety", "exercise": "exercise:calibration", "page": "page:glossary", "ref": "ref:eraut-2004", "term": "term:tacit-knowledge"}[kind]
