"""Check what reaches readers: no raw HTML, scripts, remote requests, control characters or colliding ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from html.parser import HTMLParser

import nh3
from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE

from mentorkit.errors import Problem
from mentorkit.load.files import SAFE_ID, check_control_characters
from mentorkit.load.tree import Tree
from mentorkit.load.yamlsource import Source, format_path
from mentorkit.model import Body
from mentorkit.validate.body import id_links

ALLOWED_TAGS: frozenset[str] = frozenset()
"""The raw HTML an author may write: none. The material uses none; Markdown says everything it needs."""

SITE_NAMES = frozenset({"index", "search", "assets", "pdf", "pagefind", "404", "sitemap", "goal-form", "cohort", "stylesheets", "javascripts", "workshop", "mentor", "exercises", "modules"})
"""Names the built site uses itself; an id that is one of them (or a site language) would overwrite it."""
SECTION_PAGES = frozenset({"index", "workshop", "mentor", "exercises", "goal-form"})
"""Site pages whose ids are site names by design: the home page, the section index pages and the goal form."""

FENCE = re.compile(r"^[ \t]*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]*)")
ATTR_LIST = re.compile(r"\{:?(?P<body>[^{}\n]*)\}")
ATTR_KEY = re.compile(r"(?P<key>[A-Za-z_:][-\w:.]*)\s*=")
ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t#]*$")
SETEXT = re.compile(r"^ {0,3}(?P<line>=+|-+)[ \t]*$")
ANCHOR_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(#(?P<anchor>[^)\s]+)\)")
EXPLICIT_ID = re.compile(r"\{:?[^{}\n]*#(?P<id>[\w-]+)[^{}\n]*\}")
SAFE_SCHEMES = ("https:", "mailto:")
FIGURE = re.compile(r"^figures/(?P<name>[^/]+)\.svg$")


def check_body_safety(body: Body, *, figures: frozenset[str] | None = None) -> list[Problem]:
    """Return every unsafe or unbuildable construct of a body: raw HTML, remote images, bad links and headings.

    figures are the names of the module's figures/<name>.svg; None where figures are not allowed.
    """
    problems: list[Problem] = list(check_control_characters(body.markdown, file=body.file, first_line=body.first_line, key="body"))
    lines = body.markdown.split("\n")
    outside = dict(_lines_outside_code(lines))
    anchors = _anchors(lines, outside)
    previous_level, previous_text = 1, ""
    for index, line in outside.items():
        number = body.first_line + index
        shown = _without_code(line)
        problems += [Problem(body.file, number, "body", message) for message in _attributes_in(shown)]
        problems += [Problem(body.file, number, "body", message) for message in _images_in(shown, figures)]
        for link in ANCHOR_LINK.finditer(shown):
            if link.group("anchor") not in anchors:
                problems.append(Problem(body.file, number, "body", f"link to #{link.group('anchor')}, which is not a heading of this page; expected the anchor of a heading here, e.g. {_example_anchor(anchors)}"))
        level = _heading_level(line, previous_text)
        if level is not None:
            if level == 1 and not ATX.match(line):
                problems.append(Problem(body.file, number, "body", "a level-1 heading (underlined with ===); expected headings from ## down (the page title comes from the front matter title), e.g. ## Taustaa"))
            elif level > previous_level + 1:
                problems.append(Problem(body.file, number, "body", f"a level-{level} heading after level {previous_level}; expected no skipped heading level, e.g. {'#' * (previous_level + 1)} instead of {'#' * level}"))
            previous_level = level
        previous_text = line if level is None else ""
    # Tags are looked for in the whole body, as a browser would, so that a tag split over lines is found too.
    masked = "\n".join(_without_code(outside[i]) if i in outside else "" for i in range(len(lines)))
    problems += [Problem(body.file, body.first_line + line - 1, "body", message) for line, message in _tags_in(masked)]
    problems += _reference_definitions(body, outside)
    return problems


def check_text_value(value: str, *, file: str, line: int, key: str) -> list[Problem]:
    """Return the problems of one text from front matter or data: raw HTML and control characters."""
    problems = list(check_control_characters(value, file=file, first_line=line, key=key))
    problems += [Problem(file, line, key, message) for message in _html_in(_without_code(value))]
    return problems


def check_front_matter(meta: Source) -> list[Problem]:
    """Return the raw HTML and control characters of every text in a parsed front matter."""
    problems: list[Problem] = []
    for path, text in _strings(meta.data, ()):
        problems += check_text_value(text, file=meta.file, line=meta.line_of(path), key=format_path(path))
    return problems


def check_ids(tree: Tree, *, page_ids: Iterable[str], languages: Iterable[str]) -> list[Problem]:
    """Return ids of modules, exercises and pages that collide with each other or with the site's own names."""
    problems = []
    reserved = SITE_NAMES | set(languages)
    tracks: dict[str, list[str]] = {}
    for module in sorted(tree.modules, key=lambda f: f.path):
        tracks.setdefault(module.name, []).append(module.parent)
    for module_id, found in sorted(tracks.items()):
        file = f"modules/{found[0]}/{module_id}"
        if len(found) > 1:
            problems.append(Problem(f"modules/{found[1]}/{module_id}", None, "", f"module id '{module_id}' is also used in modules/{found[0]}/; expected a unique module id across the tracks"))
        if module_id in reserved:
            problems.append(Problem(file, None, "", _reserved("module", module_id)))
    for exercise in sorted(tree.exercises, key=lambda f: f.path):
        if exercise.name in reserved:
            problems.append(Problem(exercise.path, None, "", _reserved("exercise", exercise.name)))
    for page_id in page_ids:
        if page_id in reserved - SECTION_PAGES:
            problems.append(Problem("data/site.yml", None, "pages", _reserved("page", page_id)))
    return problems


def _reserved(kind: str, item: str) -> str:
    return f"{kind} id '{item}' is a name the built site uses itself; expected another id, not one of: {', '.join(sorted(SITE_NAMES))} or a site language"


def _lines_outside_code(lines: list[str]) -> Iterator[tuple[int, str]]:
    in_fence = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            yield index, line


def _without_code(line: str) -> str:
    """Return a line with its code spans and autolinks blanked: their angle brackets are not HTML."""
    for pattern in (CODE_SPAN, re.compile(AUTOLINK_RE), re.compile(AUTOMAIL_RE)):
        line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line


class _Tags(HTMLParser):
    """Collect the raw HTML a sanitiser would remove, as the parser sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.opened: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in ALLOWED_TAGS:
            return
        self.opened.add(tag)
        handlers = [name for name, _ in attrs if name.startswith("on")]
        detail = f" with the event handler {handlers[0]}=" if handlers else ""
        self.found.append(self._at(f"raw HTML <{tag}>{detail}; expected Markdown only (the material allows no HTML: it could run scripts or call other hosts), e.g. **bold**, [text](https://…) or ![Alt text](figures/name.svg)"))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        # A closing tag is reported only on its own: after its opening tag it would be a second message for one fault.
        if tag not in ALLOWED_TAGS and tag not in self.opened:
            self.found.append(self._at(f"raw HTML </{tag}>; expected Markdown only (the material allows no HTML), e.g. **bold**"))

    def _at(self, message: str) -> tuple[int, str]:
        return self.getpos()[0], message

    def handle_comment(self, data):
        self.found.append(self._at("an HTML comment <!-- … -->; expected no HTML in the material: delete the comment"))


def _html_in(text: str) -> list[str]:
    """Return a message for each HTML tag in a one-line text that the allowlist does not keep."""
    return [message for _, message in _tags_in(text)]


def _tags_in(text: str) -> list[tuple[int, str]]:
    """Return (line from 1, message) for each HTML tag in a text that the allowlist does not keep."""
    # The sanitiser decides whether a text holds markup at all; the parser then names each tag and its line.
    if not nh3.is_html(text):
        return []
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.found


def _attributes_in(line: str) -> list[str]:
    """Return attribute lists ({: …}) that set an event handler, a link or a style."""
    found = []
    for match in ATTR_LIST.finditer(line):
        for key in ATTR_KEY.finditer(match.group("body")):
            name = key.group("key").lower()
            if name.startswith("on") or name in {"href", "src", "style", "srcset", "action", "formaction"}:
                found.append(f"attribute {name}= in {match.group(0)}; expected only classes and ids in an attribute list, e.g. {{: .mk-lead }}")
    return found


def _images_in(line: str, figures: frozenset[str] | None) -> list[str]:
    found = []
    for match in IMAGE.finditer(line):
        target, alt = match.group("target"), match.group("alt").strip()
        figure = FIGURE.match(target)
        if re.match(r"^(https?:)?//", target, re.I):
            found.append(f"a remote image {target}; expected a figure of the module (readers' browsers must not call other hosts), e.g. ![Alt text](figures/name.svg)")
        elif figures is None:
            found.append(f"an image {target!r} here; expected images only in module bodies, as ![Alt text](figures/name.svg)")
        elif not figure or not SAFE_ID.match(figure.group("name")):
            found.append(f"an image {target!r}; expected a figure of the module folder, e.g. ![Alt text](figures/name.svg)")
        elif figure.group("name") not in figures:
            found.append(f"the figure {target} does not exist; expected one of the module's figures/*.svg{', e.g. figures/' + sorted(figures)[0] + '.svg' if figures else ''}")
        elif not alt:
            found.append(f"the figure {target} has no alt text; expected a short description of what it shows, e.g. ![Mentoring cycle in four steps]({target})")
    return found


def _reference_definitions(body: Body, outside: dict[int, str]) -> list[Problem]:
    problems = []
    for index, line in outside.items():
        match = ReferenceProcessor.RE.match(line)
        if not match:
            continue
        target = match.group(2).strip("<>")
        number = body.first_line + index
        if target.lower().startswith(SAFE_SCHEMES):
            continue
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            message = f"reference-style link to '{target}'; expected an inline link by id or to https:, e.g. [text](module:mt-psych-safety) or [text](https://…)"
        else:
            message = f"reference-style link to the file path '{target}'; expected an inline link by id, e.g. [text](page:glossary)"
        problems.append(Problem(body.file, number, "body", message))
    return problems


def _heading_level(line: str, previous: str) -> int | None:
    atx = ATX.match(line)
    if atx:
        return len(atx.group("marks"))
    setext = SETEXT.match(line)
    if setext and previous.strip() and not previous.startswith((" ", "\t")) and not ATX.match(previous) and not previous.lstrip().startswith(("-", "*", "+", ">", "|", "!!!", "???")):
        return 1 if setext.group("line").startswith("=") else 2
    return None


def _anchors(lines: list[str], outside: dict[int, str]) -> set[str]:
    """Return the anchors a page body gives its headings, as the toc extension writes them."""
    anchors: set[str] = set()
    previous = ""
    for index, line in outside.items():
        for explicit in EXPLICIT_ID.finditer(line):
            anchors.add(explicit.group("id"))
        atx = ATX.match(line)
        text = atx.group("text") if atx else (previous if _heading_level(line, previous) else None)
        if text:
            slug = slugify(re.sub(r"\{:?[^{}]*\}\s*$", "", text).strip(), "-")
            unique, n = slug, 0
            while unique in anchors:
                n += 1
                unique = f"{slug}_{n}"
            anchors.add(unique)
        previous = line
    return anchors


def _example_anchor(anchors: set[str]) -> str:
    return f"(#{sorted(anchors)[0]})" if anchors else "(#taustaa) after a heading ## Taustaa"


def _strings(value, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (str(key),))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def check_anchor_links(*, modules: Iterable, exercises: Iterable, pages: Iterable, ui: Mapping[str, Mapping[str, str]]) -> list[Problem]:
    """Return each link by id with a #anchor that no heading of the target's text (in the same language) has.

    Headings the assembler adds (titled by interface strings, e.g. Sources) are anchors too; a page with a
    generated part (a glossary, an agenda) has anchors check cannot list, so links into it are left to MkDocs.
    """
    bodies: dict[tuple[str, str], dict[str, Body]] = {
        (kind, item.id): {lang: text.body for lang, text in item.text.items()}
        for kind, items in (("module", modules), ("exercise", exercises), ("page", [p for p in pages if not p.generated]))
        for item in items
    }
    generated = {lang: {slugify(text, "-") for text in strings.values()} for lang, strings in ui.items()}
    anchors: dict[tuple[str, str, str], set[str]] = {}
    problems = []
    for texts in bodies.values():
        for lang, body in texts.items():
            for link in id_links(body.markdown, first_line=body.first_line):
                target = bodies.get((link.kind, link.id), {}).get(lang)
                if not link.anchor or target is None:
                    continue
                key = (link.kind, link.id, lang)
                if key not in anchors:
                    target_lines = target.markdown.split("\n")
                    anchors[key] = _anchors(target_lines, dict(_lines_outside_code(target_lines)))
                if link.anchor not in anchors[key] | generated.get(lang, set()):
                    problems.append(Problem(body.file, link.line, "body", f"link to {link.kind}:{link.id}#{link.anchor}, which is not a heading there; expected the anchor of a heading in {target.file}, e.g. {_example_anchor(anchors[key]).replace('(#', f'({link.kind}:{link.id}#')}"))
    return problems
