"""Read a Markdown body as the site and the PDFs read it: one Python-Markdown parse, then what it made.

Whether a body holds raw HTML, an image, a link, a heading, a teaching block or an attribute is
decided by the parse of the dialect's extensions (mentorkit.dialect.new_markdown), never by
patterns over lines: a fence, a code span or an indented code block is whatever the parser says
it is. Only afterwards is each finding given a source line for the message, by looking for what
it was written as.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import markdown
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from mentorkit.dialect import new_markdown

PROSE_SKIPPED = frozenset({"code", "pre", "script", "style"})
"""Elements whose text is not prose (code keeps its characters as written)."""
BLOCK_LEVEL = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "td", "th", "dt", "dd"})
"""Elements that start on a line of their own: findings inside them are looked for from that line on."""


@dataclass(frozen=True)
class RawHtml:
    """HTML written into the text, as the parser kept it (a block, an inline tag or a comment)."""

    text: str
    line: int


@dataclass(frozen=True)
class Image:
    """An image of any syntax (inline or reference), as the page will show it."""

    src: str
    alt: str
    line: int


@dataclass(frozen=True)
class Link:
    """A link of any syntax (inline, reference or autolink)."""

    href: str
    """The target as the dialect's link processor sees it."""
    shown: str
    """The target as a browser will read it (backslash escapes restored, character references decoded)."""
    text: str
    line: int


@dataclass(frozen=True)
class Heading:
    """A heading (ATX or setext), with the id the toc extension gave it."""

    level: int
    text: str
    id: str
    line: int


@dataclass(frozen=True)
class Block:
    """A teaching block (admonition or collapsible), or text that starts like one and is not."""

    type: str
    """The block's type; empty when the text was not read as a block (malformed)."""
    written: str
    line: int


@dataclass(frozen=True)
class Attribute:
    """An attribute that an attribute list ({: …}) set."""

    tag: str
    name: str
    value: str | None
    written: str
    line: int


@dataclass(frozen=True)
class Prose:
    """Readers' text outside code, with the line it starts on."""

    text: str
    line: int


@dataclass(frozen=True)
class Parsed:
    """What one parse of a body produced; every line counts from 0 within the body."""

    raw_html: tuple[RawHtml, ...]
    images: tuple[Image, ...]
    links: tuple[Link, ...]
    headings: tuple[Heading, ...]
    blocks: tuple[Block, ...]
    attributes: tuple[Attribute, ...]
    ids: frozenset[str]
    """Every id the page gives an element (headings and attribute lists): the anchors a link may name."""
    prose: tuple[Prose, ...]


def parse_body(markdown_text: str) -> Parsed:
    """Return what the dialect's parser makes of a body (cached: check and the translation review share it)."""
    return _parse(markdown_text)


@lru_cache(maxsize=16384)
def _parse(markdown_text: str) -> Parsed:
    md, record = _converter()
    record.clear()
    md.reset().convert(markdown_text)
    return record.parsed(markdown_text.split("\n"))


@lru_cache(maxsize=1)
def _converter() -> tuple[markdown.Markdown, _Recorder]:
    # One converter, reset between texts: building one loads every extension again.
    md = new_markdown()
    return md, _Recorder(md)


class _Recorder:
    """Hooks into one converter: which stashed HTML was written by the author, which attributes attr_list set."""

    def __init__(self, md: markdown.Markdown):
        self.md = md
        self.raw: list[str] = []
        self.attributes: list[tuple[etree.Element, str, str | None, str]] = []
        self.tree: etree.Element | None = None
        self._wrap_stash(md.preprocessors["html_block"], "run")
        self._wrap_stash(md.inlinePatterns["html"], "handleMatch")
        attr_list = md.treeprocessors["attr_list"]
        assert isinstance(attr_list, AttrListTreeprocessor)
        assign = attr_list.assign_attrs

        def assign_recorded(elem: etree.Element, attrs_string: str, *, strict: bool = False) -> str:
            before = dict(elem.attrib)
            remainder = assign(elem, attrs_string, strict=strict)
            for name, value in elem.attrib.items():
                if name not in before or before[name] != value:
                    self.attributes.append((elem, name, value, attrs_string))
            return remainder

        attr_list.assign_attrs = assign_recorded  # type: ignore[method-assign]
        md.treeprocessors.register(_Snapshot(md, self), "mentorkit-snapshot", 4)

    def clear(self) -> None:
        """Forget the previous text's findings."""
        self.raw, self.attributes, self.tree = [], [], None

    def _wrap_stash(self, processor: Any, method: str) -> None:
        """Record what the stash receives while this processor runs: the parser found raw HTML there."""
        original: Callable[..., Any] = getattr(processor, method)

        def recorded(*args: Any, **kwargs: Any) -> Any:
            before = self.md.htmlStash.html_counter
            result = original(*args, **kwargs)
            for item in self.md.htmlStash.rawHtmlBlocks[before:]:
                self.raw.append(item if isinstance(item, str) else etree.tostring(item, encoding="unicode"))
            return result

        setattr(processor, method, recorded)

    def parsed(self, lines: list[str]) -> Parsed:
        """Return the findings of the parse, each located at a source line."""
        assert self.tree is not None, "the snapshot runs on every conversion"
        find = _Locator(lines)
        unescape = _unescaper(self.md)
        raw = []
        after: dict[str, int] = {}
        for text in self.raw:
            first = text.strip().split("\n")[0]
            if first:
                # The same HTML written twice is found at its next place each time.
                line = find.line_of([first], start=after.get(first, 0))
                after[first] = line + 1
                raw.append(RawHtml(text, line))
        images: list[Image] = []
        links: list[Link] = []
        headings: list[Heading] = []
        blocks: list[Block] = []
        prose: list[Prose] = []
        ids: set[str] = set()
        not_prose = {id(e) for element in self.tree.iter() if element.tag in PROSE_SKIPPED for e in element.iter()} | _generated_titles(self.tree)
        for element in _document_order(self.tree):
            tag, classes = element.tag, element.get("class", "").split()
            text = unescape(_text_of(element))
            if tag in BLOCK_LEVEL:
                find.enter(_needles(_without_placeholders(text)))
            if element.get("id"):
                ids.add(unescape(element.get("id", "")))
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                headings.append(Heading(int(tag[1]), text.strip(), element.get("id", ""), find.current))
            elif tag == "div" and "admonition" in classes or tag == "details":
                kinds = [c for c in classes if c != "admonition"]
                written = f"{'!!!' if tag == 'div' else '???'} {' '.join(kinds)}"
                find.enter([written, *kinds])
                blocks.append(Block(kinds[0] if len(kinds) == 1 else "", written, find.current))
            elif tag == "p" and (element.text or "").lstrip().startswith(("!!!", "???")):
                first = text.strip().split("\n")[0]
                blocks.append(Block("", first, find.current))
            elif tag == "img":
                src = element.get("src", "")
                images.append(Image(_as_browsed(unescape(src)), unescape(element.get("alt", "")), find.line_of([src, unescape(src)])))
            elif tag == "a":
                href = element.get("href", "")
                links.append(Link(href, _as_browsed(unescape(href)), text, find.line_of([f"({href}", f"({unescape(href)}", href, unescape(href), *_needles(text)])))
            if id(element) not in not_prose:
                for chunk in (element.text, *(child.tail for child in element)):
                    words = _without_placeholders(unescape(chunk or "")).strip()
                    if words:
                        prose.append(Prose(words, find.line_of(_needles(words))))
        attributes = tuple(
            Attribute(elem.tag, name, value, "{: " + written.strip() + " }", find.line_of([written.strip(), *_needles(_text_of(elem))], start=0))
            for elem, name, value, written in self.attributes
        )
        return Parsed(tuple(raw), tuple(images), tuple(links), tuple(headings), tuple(blocks), attributes, frozenset(ids), tuple(prose))


class _Snapshot(Treeprocessor):
    """Keep the tree after inline parsing, attribute lists and heading ids, before placeholders are restored."""

    def __init__(self, md: markdown.Markdown, recorder: _Recorder):
        super().__init__(md)
        self.recorder = recorder

    def run(self, root: etree.Element) -> None:
        self.recorder.tree = root


class _Locator:
    """Find the source line of a finding: block-level ones forward from the last, inline ones from their block."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.current = 0
        """The line of the block being read."""
        self.next = 0

    def enter(self, needles: list[str]) -> None:
        """Locate a block-level element: on a line after the previous block's, where it is written."""
        found = self._search(needles, self.next)
        if found is not None:
            self.current, self.next = found, found + 1

    def line_of(self, needles: list[str], *, start: int | None = None) -> int:
        """Return the line of an inline finding: from its block's line on, else anywhere, else its block's line."""
        for origin in ((self.current, 0) if start is None else (start, 0)):
            found = self._search(needles, origin)
            if found is not None:
                return found
        return self.current

    def _search(self, needles: list[str], origin: int) -> int | None:
        for needle in needles:
            if needle:
                for index in range(origin, len(self.lines)):
                    if needle in self.lines[index]:
                        return index
        return None


def _needles(text: str) -> list[str]:
    """Return what a rendered text may be found by in its source: itself, its first line, its first word."""
    text = text.strip()
    if not text:
        return []
    first = text.split("\n")[0].strip()
    return [text, first, first.split(" ")[0]]


def _document_order(root: etree.Element) -> list[etree.Element]:
    return [element for element in root.iter() if element is not root]


def _text_of(element: etree.Element) -> str:
    return "".join(element.itertext())


def _as_browsed(url: str) -> str:
    """Return an attribute's URL as a browser reads it: the parser's '&' restored, character references decoded."""
    return html.unescape(url.replace(AMP_SUBSTITUTE, "&"))


def _without_placeholders(text: str) -> str:
    """Return text without the parser's placeholders of stashed HTML (raw HTML is not prose)."""
    return HTML_PLACEHOLDER_RE.sub(" ", text)


def _generated_titles(root: etree.Element) -> set[int]:
    """Return the ids of the titles the block extensions wrote for blocks without one (the type, capitalised)."""
    found = set()
    for element in root.iter():
        kinds = [c for c in element.get("class", "").split() if c != "admonition"]
        title = element.find("summary") if element.tag == "details" else element.find("p[@class='admonition-title']")
        if kinds and title is not None and _text_of(title) == kinds[0].capitalize():
            found.add(id(title))
    return found


def _unescaper(md: markdown.Markdown) -> Callable[[str], str]:
    """Return the parser's own restoring of backslash escapes (its last tree processor)."""
    processor = md.treeprocessors["unescape"]
    assert isinstance(processor, UnescapeTreeprocessor)
    return processor.unescape
