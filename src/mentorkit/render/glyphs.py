"""Find the characters of a document that no installed font can draw: WeasyPrint prints them as empty boxes, silently."""

from __future__ import annotations

import logging
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser

from fontTools.ttLib import TTFont

log = logging.getLogger(__name__)

PRINT_FONTS = ("DejaVu Sans", "DejaVu Sans Mono")
"""The families print.css names (theme/print/print.css)."""


def warn_missing_glyphs(html: str, *, document: str) -> None:
    """Log a warning naming each character of the document's text that no installed font has."""
    missing = missing_glyphs(_text_of(html))
    if missing:
        shown = ", ".join(f"'{c}' U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in missing)
        log.warning("warning: %s: no font here can draw %s; they print as empty boxes: write them otherwise, or install a font that has them (fc-list ':charset=%04x')", document, shown, ord(missing[0]))


def missing_glyphs(text: Iterable[str]) -> list[str]:
    """Return the characters (not spaces or controls) that neither the print fonts nor any other installed font has, in order."""
    wanted = sorted({c for c in text if not c.isspace() and unicodedata.category(c)[0] not in "CZ"})
    return [c for c in wanted if ord(c) not in _print_font_characters() and not _any_font_has(ord(c))]


@cache
def _print_font_characters() -> frozenset[int]:
    found: set[int] = set()
    for family in PRINT_FONTS:
        path = _font_file(family)
        if path:
            with TTFont(path, lazy=True) as font:
                found.update(font.getBestCmap())
    return frozenset(found)


def _font_file(family: str) -> str | None:
    if not shutil.which("fc-match"):
        return None
    result = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True)
    return result.stdout.strip() or None


@cache
def _any_font_has(codepoint: int) -> bool:
    """Return whether fontconfig knows a font with the character (WeasyPrint falls back to it)."""
    if not shutil.which("fc-list"):
        return True  # nothing to ask: no warning rather than a false one
    result = subprocess.run(["fc-list", f":charset={codepoint:x}", "family"], capture_output=True, text=True)
    return bool(result.stdout.strip())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
