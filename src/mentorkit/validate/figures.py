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
XML_NS = "http://www.w3.org/XML/1998/namespace"
FIGURE_RULE = "expected a self-contained SVG drawing: <svg role=\"img\"> with a <title>, no scripts, event handlers, <foreignObject> or links out, e.g. <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 400 200\"><title>Mentoring cycle</title>…</svg>"
ELEMENTS = frozenset("""
    svg g defs title desc symbol use rect circle ellipse line polyline polygon path text tspan textPath
    linearGradient radialGradient stop pattern clipPath mask marker style filter feBlend feColorMatrix
    feComposite feDropShadow feFlood feGaussianBlur feMerge feMergeNode feOffset
""".split())
"""The SVG elements a figure may hold: shapes, text, grouping and paint. Nothing that runs, moves, navigates or embeds."""
ATTRIBUTES = frozenset("""
    id class style transform x y x1 y1 x2 y2 cx cy r rx ry fx fy width height d points viewBox preserveAspectRatio
    version role aria-label aria-labelledby aria-describedby aria-hidden focusable lang href
    fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-dasharray stroke-dashoffset
    stroke-opacity stroke-miterlimit opacity color display visibility overflow vector-effect shape-rendering
    text-rendering paint-order clip-path clip-rule mask filter marker-start marker-mid marker-end
    font-family font-size font-weight font-style font-variant text-anchor dominant-baseline alignment-baseline
    baseline-shift letter-spacing word-spacing text-decoration writing-mode direction unicode-bidi dx dy rotate
    lengthAdjust textLength startOffset offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod
    patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits markerWidth
    markerHeight markerUnits refX refY orient filterUnits primitiveUnits in in2 result stdDeviation mode operator
    values type k1 k2 k3 k4 flood-color flood-opacity color-interpolation-filters
""".split())
"""The attributes a figure's elements may carry (SVG's own, no namespace; xml:lang and xml:space too)."""


def check_figures(figures: Mapping[str, bytes | None]) -> list[Problem]:
    """Return the problems of every module's figures/ folder as read: names, and SVG that could run or fetch anything."""
    problems = []
    for file, data in sorted(figures.items()):
        path = PurePosixPath(file)
        if data is None or path.suffix != ".svg" or not SAFE_ID.match(path.stem):
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
    state: dict[str, Any] = {"depth": 0, "root": None, "title": False, "in_style": False, "refused": None}

    def start(name: str, attrs: dict) -> None:
        namespace, _, local = name.rpartition(" ")
        line = parser.CurrentLineNumber
        state["depth"] += 1
        if state["depth"] == 1:
            state["root"] = (namespace, local, attrs.get("role"), line)
        if state["depth"] == 2 and local == "title":
            state["title"] = True
        if state["refused"] is not None:
            return  # inside a refused element: that one message says it all
        if namespace != SVG_NS or local not in ELEMENTS:
            state["refused"] = state["depth"]
            where = "" if namespace == SVG_NS else f" of the namespace {namespace or '(none)'}"
            found.append(Problem(file, line, "", f"<{local}>{where} in a figure; {FIGURE_RULE}"))
            return
        state["in_style"] = local == "style"
        for attr, value in attrs.items():
            attr_ns, _, attr_local = attr.rpartition(" ")
            if attr_local.lower().startswith("on"):
                found.append(Problem(file, line, "", f"the event handler {attr_local}= on <{local}>; {FIGURE_RULE}"))
            elif attr_local == "href" and attr_ns in ("", XLINK_NS) and not value.startswith("#"):
                found.append(Problem(file, line, "", f"a link out of the figure ({'xlink:' if attr_ns == XLINK_NS else ''}href=\"{value}\") on <{local}>; {FIGURE_RULE}"))
            elif not (attr_ns == "" and attr_local in ATTRIBUTES or attr_ns == XML_NS and attr_local in ("lang", "space") or attr_ns == XLINK_NS and attr_local == "href"):
                found.append(Problem(file, line, "", f"the attribute {'xlink:' if attr_ns == XLINK_NS else ''}{attr_local}= on <{local}>; {FIGURE_RULE}"))
            elif _fetches(value):
                what = "a style" if attr_local == "style" else f"the attribute {attr_local}="
                found.append(Problem(file, line, "", f"{what} that fetches {value!r} on <{local}>; {FIGURE_RULE}"))

    def end(name: str) -> None:
        if state["refused"] == state["depth"]:
            state["refused"] = None
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

