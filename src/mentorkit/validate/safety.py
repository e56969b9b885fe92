"""Check what reaches readers: no raw HTML, scripts, remote requests, control characters or colliding ids."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from html.parser import HTMLParser

from markdown.extensions.toc import slugify

from mentorkit.errors import Problem
from mentorkit.load.files import SAFE_ID, check_control_characters
from mentorkit.load.tree import Tree
from mentorkit.load.yamlsource import Source, format_path
from mentorkit.model import Body
from mentorkit.dialect import ID_LINK
from mentorkit.validate.body import check_plain_link, id_links
from mentorkit.validate.markup import Parsed, parse_body

ALLOWED_TAGS: frozenset[str] = frozenset()
"""The raw HTML an author may write: none. The material uses none; Markdown says everything it needs."""

SITE_NAMES = frozenset({"index", "search", "assets", "pdf", "pagefind", "404", "sitemap", "goal-form", "cohort", "stylesheets", "javascripts", "workshop", "mentor", "exercises", "modules"})
"""Names the built site uses itself; an id that is one of them (or a site language) would overwrite it."""
SECTION_PAGES = frozenset({"index", "workshop", "mentor", "exercises", "goal-form"})
"""Site pages whose ids are site names by design: the home page, the section index pages and the goal form."""

ATTRIBUTES_ALLOWED = frozenset({"class", "id", "lang"})
"""What an attribute list may set: nothing that can run, navigate, fetch or restyle."""
FIGURE = re.compile(r"^figures/(?P<name>[^/]+)\.svg$")
REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:)?[/\\]{2}", re.I)


def check_body_safety(body: Body, *, figures: frozenset[str] | None = None) -> list[Problem]:
    """Return every unsafe or unbuildable construct of a body: raw HTML, remote images, bad links and headings.

    figures are the names of the module's figures/<name>.svg; None where figures are not allowed.
    """
    problems: list[Problem] = list(check_control_characters(body.markdown, file=body.file, first_line=body.first_line, key="body"))
    parsed = parse_body(body.markdown)
    problems += [Problem(body.file, body.first_line + line, "body", message) for line, message in _tags_in(parsed)]
    for attribute in parsed.attributes:
        if attribute.name.lower() not in ATTRIBUTES_ALLOWED:
            problems.append(Problem(body.file, body.first_line + attribute.line, "body", f"attribute {attribute.name}= in {attribute.written}; expected only classes and ids in an attribute list, e.g. {{: .mk-lead }}"))
    for image in parsed.images:
        problems += [Problem(body.file, body.first_line + image.line, "body", message) for message in _image_problems(image.src, image.alt, figures)]
    for link in parsed.links:
        if link.shown.startswith("#") and link.shown[1:] not in parsed.ids:
            problems.append(Problem(body.file, body.first_line + link.line, "body", f"link to {link.shown}, which is not a heading of this page; expected the anchor of a heading here, e.g. {_example_anchor(parsed.ids)}"))
    previous = 1
    for heading in parsed.headings:
        if heading.level > previous + 1:
            problems.append(Problem(body.file, body.first_line + heading.line, "body", f"a level-{heading.level} heading after level {previous}; expected no skipped heading level, e.g. {'#' * (previous + 1)} instead of {'#' * heading.level}"))
        previous = heading.level
    return problems


def check_text_value(value: str, *, file: str, line: int, key: str) -> list[Problem]:
    """Return the problems of one text from front matter or data, read as the inline Markdown it becomes.

    Control characters, raw HTML, images (only module bodies show figures) and links that leave the
    material by anything but https: or mailto:.
    """
    problems = list(check_control_characters(value, file=file, first_line=line, key=key))
    parsed = parse_body(value)
    problems += [Problem(file, line, key, message) for _, message in _tags_in(parsed)]
    for image in parsed.images:
        problems += [Problem(file, line, key, message) for message in _image_problems(image.src, image.alt, None)]
    for link in parsed.links:
        if not ID_LINK.match(link.href) and not link.shown.startswith("#"):
            problems += check_plain_link(link.shown, file=file, line=line, key=key)
    for attribute in parsed.attributes:
        if attribute.name.lower() not in ATTRIBUTES_ALLOWED:
            problems.append(Problem(file, line, key, f"attribute {attribute.name}= in {attribute.written}; expected only classes and ids in an attribute list, e.g. {{: .mk-lead }}"))
    return problems


def check_texts(source: Source) -> list[Problem]:
    """Return the problems of every text of a front matter or data file, each read as the Markdown it becomes."""
    problems: list[Problem] = []
    for path, text in _strings(source.data, ()):
        problems += check_text_value(text, file=source.file, line=source.line_of(path), key=format_path(path))
    return problems


def check_text_links(source: Source, *, exists: Callable[[str, str], bool]) -> list[Problem]:
    """Return each link by id in the texts of a data file whose target does not exist."""
    return [
        Problem(source.file, source.line_of(path), format_path(path), f"link to {link.kind}:{link.id}, which does not exist; expected the id of an existing {link.kind}")
        for path, text in _strings(source.data, ())
        for link in id_links(text, first_line=0)
        if not exists(link.kind, link.id)
    ]


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


class _Tags(HTMLParser):
    """Collect the raw HTML a sanitiser would remove, as the parser sees it."""

    def __init__(self, opened: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.opened = opened
        """Tags opened so far in the text (shared between its pieces of raw HTML)."""

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


def _tags_in(parsed: Parsed) -> list[tuple[int, str]]:
    """Return (line from 0, message) for each tag of the raw HTML the parser found."""
    opened: set[str] = set()
    found = []
    for raw in parsed.raw_html:
        tags = _Tags(opened)
        tags.feed(raw.text)
        tags.close()
        found += [(raw.line + line - 1, message) for line, message in tags.found]
    return found


def _image_problems(target: str, alt: str, figures: frozenset[str] | None) -> list[str]:
    """Return what is wrong with an image: only a module's own figures, with alt text, are shown."""
    figure = FIGURE.match(target)
    if REMOTE.match(target):
        return [f"a remote image {target}; expected a figure of the module (readers' browsers must not call other hosts), e.g. ![Alt text](figures/name.svg)"]
    if figures is None:
        return [f"an image {target!r} here; expected images only in module bodies, as ![Alt text](figures/name.svg)"]
    if not figure or not SAFE_ID.match(figure.group("name")):
        return [f"an image {target!r}; expected a figure of the module folder, e.g. ![Alt text](figures/name.svg)"]
    if figure.group("name") not in figures:
        return [f"the figure {target} does not exist; expected one of the module's figures/*.svg{', e.g. figures/' + sorted(figures)[0] + '.svg' if figures else ''}"]
    if not alt.strip():
        return [f"the figure {target} has no alt text; expected a short description of what it shows, e.g. ![Mentoring cycle in four steps]({target})"]
    return []


def _example_anchor(anchors: frozenset[str]) -> str:
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
                    anchors[key] = set(parse_body(target.markdown).ids)
                if link.anchor not in anchors[key] | generated.get(lang, set()):
                    problems.append(Problem(body.file, link.line, "body", f"link to {link.kind}:{link.id}#{link.anchor}, which is not a heading there; expected the anchor of a heading in {target.file}, e.g. {_example_anchor(frozenset(anchors[key])).replace('(#', f'({link.kind}:{link.id}#')}"))
    return problems
