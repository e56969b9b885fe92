"""Check module figures: SVG drawings, read by an XML parser, that can neither run nor fetch anything."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from pathlib import PurePosixPath
from xml.parsers import expat

from mentorkit.errors import Problem
from mentorkit.load.files import SAFE_ID, slug_of


SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
FIGURE_RULE = "expected a self-contained SVG drawing: <svg role=\"img\"> with a <title>, no scripts, event handlers, <foreignObject> or links out, e.g. <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 400 200\"><title>Mentoring cycle</title>…</svg>"


def check_figures(figures: Mapping[str, bytes | None]) -> list[Problem]:
    """Return the problems of every module's figures/ folder as read: names, and SVG that could run or fetch anything."""
    problems = []
    for file, data in sorted(figures.items()):
        path = PurePosixPath(file)
        if data is None or path.suffix != ".svg" or not SAFE_ID.fullmatch(path.stem):
            problems.append(Problem(file, None, "", f"'{path.name}' is not a figure; expected figures/<name>.svg with a safe name (lower-case letters a–z, digits and single hyphens), e.g. figures/{slug_of(path.stem)}.svg"))
            continue
        problems += check_svg(data, file=file)
    return problems


def check_svg(data: bytes, *, file: str) -> list[Problem]:
    """Return what makes an SVG figure unsafe or inaccessible, found by an XML parser, each at its line."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return [Problem(file, None, "", f"has a DOCTYPE or entity declarations (they can expand without bound or fetch files); {FIGURE_RULE}")]
    parser = expat.ParserCreate(namespace_separator=" ")
    found: list[Problem] = []
    state: dict[str, Any] = {"depth": 0, "root": None, "title": False, "in_style": False}

    def start(name: str, attrs: dict) -> None:
        namespace, _, local = name.rpartition(" ")
        line = parser.CurrentLineNumber
        state["depth"] += 1
        if state["depth"] == 1:
            state["root"] = (namespace, local, attrs.get("role"), line)
        if state["depth"] == 2 and local == "title":
            state["title"] = True
        if local in ("script", "foreignObject"):
            found.append(Problem(file, line, "", f"<{local}> in a figure; {FIGURE_RULE}"))
        state["in_style"] = local == "style"
        for attr, value in attrs.items():
            attr_ns, _, attr_local = attr.rpartition(" ")
            if attr_local.lower().startswith("on"):
                found.append(Problem(file, line, "", f"the event handler {attr_local}= on <{local}>; {FIGURE_RULE}"))
            elif attr_local == "href" and not value.startswith("#"):
                found.append(Problem(file, line, "", f"a link out of the figure ({'xlink:' if attr_ns == XLINK_NS else ''}href=\"{value}\") on <{local}>; {FIGURE_RULE}"))
            elif attr_local == "style" and _fetches(value):
                found.append(Problem(file, line, "", f"a style that fetches {value!r} on <{local}>; {FIGURE_RULE}"))

    def end(name: str) -> None:
        state["depth"] -= 1
        state["in_style"] = False

    def text(data: str) -> None:
        if state["in_style"] and _fetches(data):
            found.append(Problem(file, parser.CurrentLineNumber, "", f"a <style> that fetches from outside the figure; {FIGURE_RULE}"))

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        return [Problem(file, error.lineno, "", f"is not well-formed XML ({expat.errors.messages[error.code]}); {FIGURE_RULE}")]
    if state["root"] is None or state["root"][:2] != (SVG_NS, "svg"):
        return [Problem(file, 1, "", f"is not an SVG drawing (its root is not <svg xmlns=\"{SVG_NS}\">); {FIGURE_RULE}")]
    line = state["root"][3]
    if state["root"][2] != "img":
        found.append(Problem(file, line, "", f"<svg> has no role=\"img\" (screen readers need it to announce the figure); {FIGURE_RULE}"))
    if not state["title"]:
        found.append(Problem(file, line, "", f"<svg> has no <title> child (the name screen readers announce); {FIGURE_RULE}"))
    return found


def _fetches(style: str) -> bool:
    """Return whether CSS text imports or refers to anything outside the figure itself."""
    return "@import" in style or any(not part.strip(" '\"").startswith("#") for part in re.findall(r"url\(([^)]*)\)", style))

