"""The quality gates as small functions: links and anchors, the Nu HTML Checker, axe-core.

The tests of the real sites and the tests that plant a fault call the same functions, so a gate
that passes on the sites is known to fail on the fault it is there to catch.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import subprocess
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent

# Tools ---------------------------------------------------------------------------------------------
# Installed by `make test`: Chromium by scripts/install-system-deps.sh, the npm tools by `npm ci`.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def require_tool(path: Path | str) -> None:
    """Fail with a clear message when a tool that `make test` installs is missing."""
    if not Path(path).exists():
        raise RuntimeError(f"{path} is missing: run `make test` (it installs Chromium, Java and the npm tools)")


def html_files(site: Path) -> list[Path]:
    """Return every HTML file of a built site, in a stable order."""
    return sorted(site.rglob("*.html"))


# Serving a built site ------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) in a thread; yield its base URL, ending in '/'."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# Links and anchors ---------------------------------------------------------------------------------

# Attributes holding a URL that the page links to or loads. `data-bundle` is our search form's
# path to the Pagefind bundle (src/mentorkit/assemble/pages.py), which search.js loads.
URL_ATTRIBUTES = ("href", "src", "action", "poster", "data-bundle")


class _PageParser(HTMLParser):
    """Collect the ids a page offers as anchors and every URL it links to or loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[int, str, str, str]] = []  # (line, tag, attribute, url)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        line = self.getpos()[0]
        for name in URL_ATTRIBUTES:
            if a.get(name) is not None:
                self.urls.append((line, tag, name, a[name].strip()))
        if a.get("srcset"):
            for candidate in a["srcset"].split(","):
                self.urls.append((line, tag, "srcset", candidate.split()[0] if candidate.split() else ""))


@functools.lru_cache(maxsize=4096)
def _parse(path: Path, mtime: float) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def parse_page(path: Path) -> _PageParser:
    """Return the ids and URLs of an HTML file (parsed once per version of the file)."""
    return _parse(path, path.stat().st_mtime)


def internal_urls(site: Path) -> Iterator[tuple[Path, int, str, str, str]]:
    """Yield every internal URL of a built site as (page, line, tag, attribute, url).

    Internal means no scheme and no host: links to other sites, mailto: and data: are skipped.
    """
    for path in html_files(site):
        for line, tag, attribute, value in parse_page(path).urls:
            url = urlsplit(value)
            if not (url.scheme or url.netloc or value.startswith("//")):
                yield path, line, tag, attribute, value


def resolve_url(site: Path, page: Path, value: str) -> Path:
    """Return the file an internal URL on a page points at (a folder stands for its index.html).

    Root-absolute paths are taken from the site's root. The result may not exist.
    """
    path = unquote(urlsplit(value).path)
    if not path:
        target = page
    elif path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = page.parent / path
    target = Path(os.path.normpath(target))
    return target / "index.html" if target.is_dir() else target


def broken_links(site: Path) -> list[str]:
    """Return every internal link of a built site that leads nowhere, as 'page:line: <tag attr="url">: why'.

    The target must be a file inside the site; a #fragment must be an id (or <a name>) in it. Our
    search form's data-bundle must hold Pagefind's pagefind.js.
    """
    site = site.resolve()
    problems = []
    for path, line, tag, attribute, value in internal_urls(site):
        where = f"{path.relative_to(site)}:{line}: <{tag} {attribute}=\"{value}\">"
        target = resolve_url(site, path, value)
        if target != site and site not in target.parents:
            problems.append(f"{where}: leads outside the site")
            continue
        if attribute == "data-bundle":
            target = target.parent / "pagefind.js"
        if not target.is_file():
            problems.append(f"{where}: no such file {target.relative_to(site)}")
            continue
        fragment = unquote(urlsplit(value).fragment)
        if fragment and target.suffix == ".html" and fragment not in parse_page(target).ids:
            problems.append(f"{where}: no id \"{fragment}\" in {target.relative_to(site)}")
    return problems


class _TextParser(HTMLParser):
    """Collect the text inside one element (<article>: the page's content, without navigation)."""

    def __init__(self, within: str = "article"):
        super().__init__(convert_charrefs=True)
        self.within = within
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == self.within or self.depth:
            self.depth += tag not in _VOID
            self._boundary(tag)

    def handle_endtag(self, tag):
        if self.depth and tag not in _VOID:
            self.depth -= 1
            self._boundary(tag)

    def _boundary(self, tag):
        # A block (paragraph, cell, list item) ends a word; inline markup does not.
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


_INLINE = {"a", "em", "strong", "code", "span", "mark", "i", "b", "abbr"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def page_text(path: Path, *, within: str = "article") -> str:
    """Return the visible text of a built page's content (its <article>), whitespace collapsed.

    The one "what the reader sees" helper of the tests.
    """
    parser = _TextParser(within)
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


# The Nu HTML Checker -------------------------------------------------------------------------------

# Errors the Nu HTML Checker reports in Material for MkDocs 9.8's own templates, which we do not
# override (the MkDocs layer stays thin, see README). Each entry is (message pattern, pattern of
# the reported markup, why it is harmless); both patterns must match, so the same error in our
# own markup still fails. Nothing else is ever filtered.
MATERIAL_MARKUP = (
    (
        r"Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        "Material's hidden checkboxes that open the drawer and the search carry autocomplete=off so "
        "that browsers do not restore them checked on reload; the attribute has no other effect.",
    ),
    (
        r"Bad value “” for attribute “tabindex” on element “label”",
        r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="">',
        "partials/nav-item.html writes tabindex=\"\" on the label of a navigation section "
        "(navigation.sections); browsers ignore an empty tabindex, so the label stays out of the "
        "tab order as Material intends (the section's link and toggle are reachable).",
    ),
    (
        r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'<label class="md-nav__title" for="__toc">',
        "On a section's index page (navigation.indexes) Material writes the table of contents' "
        "title as <label for=\"__toc\"> but no __toc toggle; the title is still shown as text.",
    ),
)


def material_markup(message: dict) -> int | None:
    """Return the index of the MATERIAL_MARKUP entry a Nu HTML Checker message matches, or None."""
    for index, (text, markup, _why) in enumerate(MATERIAL_MARKUP):
        if re.search(text, message.get("message", "")) and re.search(markup, message.get("extract", "")):
            return index
    return None


def vnu_messages(paths: Iterable[Path]) -> list[dict]:
    """Run the Nu HTML Checker on files or folders and return its error messages (JSON objects)."""
    require_tool(VNU_JAR)
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is missing: run `make test` (it installs default-jre-headless)")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    # vnu writes its report to stderr; exit status 1 means "errors found".
    report = result.stderr.strip() or result.stdout.strip()
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError):
        raise RuntimeError(f"vnu.jar failed (exit {result.returncode}):\n{report[-2000:]}") from None
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


@dataclass
class HtmlReport:
    """The Nu HTML Checker's verdict: our errors, and how often each MATERIAL_MARKUP entry matched."""

    errors: list[str]
    material: Counter

    def __str__(self) -> str:
        return "\n".join(self.errors)


def check_html(paths: Iterable[Path]) -> HtmlReport:
    """Run the Nu HTML Checker; every error except Material's own markup is 'file:line: message [markup]'."""
    errors, material = [], Counter()
    for m in vnu_messages(paths):
        matched = material_markup(m)
        if matched is not None:
            material[matched] += 1
            continue
        where = m.get("url", "").removeprefix("file:")
        extract = " ".join(m.get("extract", "").split())
        errors.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')} [{extract}]")
    return HtmlReport(errors, material)


# axe-core ------------------------------------------------------------------------------------------

_AXE_CALL = """axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}).then(result => result.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
})))"""
_AXE_RUN = f"tags => {_AXE_CALL}"
_AXE_START = f"tags => {{ window.__mkAxeRun = {_AXE_CALL}; }}"
_AXE_RESULT = "() => window.__mkAxeRun"
# Judge what a reader sees once the page is still: a fade that is half way (Material's "back to top"
# button after a scroll) has colours no reader is left with.
_STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def _ready_for_axe(page) -> None:
    """Stop the page's transitions and give it axe-core unless it has it already."""
    page.add_style_tag(content=_STILL)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page open in a Playwright page; return its violations.

    axe is injected with add_script_tag unless the page already has it (a page that checks many
    URLs registers it once with add_init_script, which saves ~0.3 s a page).
    """
    require_tool(AXE_JS)
    _ready_for_axe(page)
    return page.evaluate(_AXE_RUN, WCAG_TAGS)


def axe_violations_of_urls(pages: Sequence, urls: Sequence[str]) -> dict[str, list[dict]]:
    """Open each URL and run axe-core on it as axe_violations does; return every URL's violations, in the order given.

    The URLs take turns on the pages given: while axe runs in one page, the next URL loads in
    another, so that each page's renderer (a process of its own) works on a core of its own.
    """
    require_tool(AXE_JS)
    found: dict[str, list[dict]] = {}
    running: dict[int, str] = {}
    """The URL whose axe run is under way, by the index of its page."""
    for number, url in enumerate(urls):
        index = number % len(pages)
        if index in running:
            found[running.pop(index)] = pages[index].evaluate(_AXE_RESULT)
        pages[index].goto(url)
        _ready_for_axe(pages[index])
        pages[index].evaluate(_AXE_START, WCAG_TAGS)
        running[index] = url
    for index, url in running.items():
        found[url] = pages[index].evaluate(_AXE_RESULT)
    return {url: found[url] for url in urls}


def describe_violations(found: dict[str, list[dict]]) -> str:
    """Return violations by page as readable lines: page, rule id, impact, target and what fails."""
    lines = []
    for url, violations in found.items():
        for v in violations:
            for node in v["nodes"]:
                summary = " ".join((node.get("summary") or "").split())
                lines.append(f"{url}: {v['id']} ({v['impact']}) at {node['target']}: {v['help']}. {summary}")
    return "\n".join(lines)
