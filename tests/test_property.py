"""Whatever `check` lets through renders safely: generated bodies, the site's HTML and the PDF's print HTML.

Hypothesis writes bodies that mix fences of every kind, code spans, raw HTML, images and links in
every syntax and attribute lists. Whenever the body checks clean, the page the site renders and the
chapter the PDF renders hold no script, frame, event attribute, javascript: URL, remote source or
link by id left unresolved. Seeded and bounded here; `make fuzz` runs it much longer, unseeded.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_library
from mentorkit.assemble.context import Context, context_for
from mentorkit.assemble.printdoc import Chapter, _render_chapter
from mentorkit.dialect import new_markdown
from mentorkit.model import Body
from mentorkit.plan.manifest import plan_base
from mentorkit.validate.body import check_body
from mentorkit.validate.content import load_library
from mentorkit.validate.safety import check_body_safety

FUZZ = int(os.environ.get("MENTORKIT_FUZZ_EXAMPLES", "0"))
"""Examples for a long, unseeded run (make fuzz); 0 for the quick, seeded one of make test."""
PAGE = "mentor/mt-core/index.md"
FILE = "modules/mentor/mt-core/fi.md"

CODE_LINES = ["<script>alert(1)</script>", "```", "~~~", "````", "[x](javascript:alert(1))", "![x](https://t.example/p.png)", "<b onclick=x>b</b>", "tavallinen rivi"]
RAW_HTML = [
    "<script>alert(1)</script>",
    "<iframe src=https://t.example/></iframe>",
    '<img src="https://t.example/p.png" onerror="x()">',
    "<b onclick=x()>lihava</b>",
    "<!-- kommentti -->",
    "<div markdown>\n*teksti* <script>x</script>\n</div>",
    "<svg><script>x</script></svg>",
    "<a href='javascript:x'>linkki</a>",
    "<SCRIPT>x</SCRIPT>",
    "teksti</div>",
]
IMAGES = [
    "![kaavio](figures/kaavio.svg)",
    "![kuva](https://t.example/p.png)",
    "![kuva](//t.example/p.png)",
    "![kuva]( //t.example/p.png )",
    "![kuva](<https://t.example/p.png>)",
    "![kuva][k]\n\n[k]: https://t.example/p.png",
    "![kuva][k]\n\n[k]: //t.example/p.png",
    "![kuva](javascript:alert(1))",
    "![kuva](data:image/svg+xml,<svg onload=x>)",
    "![kuva](figures/kaavio.svg){: onerror=x }",
    "![kuva](\\\\t.example\\p.png)",
    "![kuva](&#104;ttps://t.example/p.png)",
]
LINKS = [
    "[moduuli](module:mt-onboarding)",
    "[moduuli](module:ei-ole)",
    "[moduuli]( module:ei-ole )",
    "[moduuli](<module:ei-ole>)",
    "[moduuli][m]\n\n[m]: module:ei-ole",
    "[klikkaa](javascript:alert(1))",
    "[klikkaa](JaVaScRiPt:alert(1))",
    "[klikkaa]( javascript:alert(1) )",
    "[klikkaa][j]\n\n[j]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[klikkaa](vbscript:x)",
    "[klikkaa](data:text/html,<script>x</script>)",
    "[ylös](#taustaa)",
    "[sivu](https://example.fi/)",
    "<https://example.fi/>",
    "[moduuli](module:mt\\_onboarding)",
    "[klikkaa](&#106;avascript:alert(1))",
    "[moduuli](&#109;odule:ei-ole)",
]
ATTRIBUTES = ["{: onclick=x }", "{: #oma .luokka }", '{: style="background:url(https://t.example/p.png)" }', "{: href=javascript:x }", "{: src=https://t.example/p.png }", "{: .mk-lead }"]
HEADINGS = ["## Taustaa", "### Alaotsikko", "## Otsikko {: onmouseover=x }", "Otsikko\n-------"]
CODE_SPANS = ["`<script>x</script>`", "``<b> ` </b>``", "`[x](javascript:x)`", "`![x](https://t.example/p.png)`"]


@st.composite
def fences(draw) -> str:
    """Return a fenced block of any marker and length, with lines that look like anything; sometimes unclosed."""
    marker = draw(st.sampled_from(["```", "````", "~~~", "~~~~", "```python", "~~~ {.html}"]))
    lines = draw(st.lists(st.sampled_from(CODE_LINES), max_size=3))
    close = draw(st.sampled_from([marker.split(" ")[0].rstrip("python"), marker.split(" ")[0].rstrip("python"), "```", "~~~", ""]))
    return "\n".join([marker, *lines, close])


SAFE = [
    "![kaavio](figures/kaavio.svg)",
    "[moduuli](module:mt-onboarding)",
    "[ylös](#taustaa)",
    "[sivu](https://example.fi/)",
    "<https://example.fi/>",
    "<maija@example.fi>",
    "{: #oma .luokka }",
    "{: .mk-lead }",
    "### Alaotsikko",
    "Tavallinen kappale, jossa a < b ja 3 > 2.",
    "Teksti \\<script> ja \\[x](javascript:x)",
]
"""What check accepts: the generated bodies that pass mix these with code that holds anything."""
HAZARDS = RAW_HTML + IMAGES + LINKS + ATTRIBUTES + HEADINGS

pieces = st.one_of(fences(), fences(), st.sampled_from(CODE_SPANS), st.sampled_from(SAFE), st.sampled_from(SAFE), st.sampled_from(HAZARDS))


@st.composite
def bodies(draw) -> str:
    """Return a Markdown body: pieces on lines or paragraphs, some in a teaching block, a list or indented as code."""
    parts = []
    for piece in draw(st.lists(pieces, min_size=1, max_size=6)):
        wrap = draw(st.sampled_from(["", "", "block", "list", "indent", "quote", "inline"]))
        if wrap == "block":
            piece = "!!! reflection\n" + "\n".join("    " + line if line else "" for line in piece.split("\n"))
        elif wrap == "list":
            piece = "- " + piece.replace("\n", "\n  ")
        elif wrap == "indent":
            piece = "\n".join("    " + line for line in piece.split("\n"))
        elif wrap == "quote":
            piece = "\n".join("> " + line for line in piece.split("\n"))
        elif wrap == "inline":
            piece = "Teksti " + piece + " jatkuu."
        parts.append(piece)
    separators = draw(st.lists(st.sampled_from(["\n\n", "\n"]), min_size=len(parts), max_size=len(parts)))
    return "## Taustaa\n\n" + "".join(part + sep for part, sep in zip(parts, separators))


class _Unsafe(HTMLParser):
    """Collect what a browser would run, fetch from elsewhere or show as a dead link by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "frame", "object", "embed", "base", "meta", "link", "form"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            url = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            elif name in ("href", "src", "action", "formaction", "srcset", "poster", "xlink:href") and url.startswith(("javascript:", "vbscript:", "data:text")):
                self.found.append(f"{name}={value!r}")
            elif name in ("src", "srcset", "poster") and (re.match(r"^[a-z][a-z0-9+.-]*:", url) or url.startswith(("//", "\\\\", "/\\", "\\/"))):
                self.found.append(f"remote {name}={value!r}")
            elif name == "style" and "url(" in url:
                self.found.append(f"style={value!r}")
            elif name == "href" and re.match(r"^(module|exercise|page|ref|term):", url):
                self.found.append(f"unresolved href={value!r}")

    handle_startendtag = handle_starttag


def unsafe(html: str) -> list[str]:
    parser = _Unsafe()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture(scope="module")
def ctx(tmp_path_factory) -> Context:
    library = load_library(copy_library(tmp_path_factory.mktemp("property") / "library"))
    return context_for(library, plan_base(library), agency=None, lang="fi")


def passes_check(ctx: Context, markdown: str) -> bool:
    links = ctx.dialect.links
    body = Body(markdown, FILE, 1)
    problems = check_body(body, exists=lambda kind, item: f"{kind}:{item}" in links) + check_body_safety(body, figures=frozenset({"kaavio"}))
    return not problems


@settings(
    max_examples=FUZZ or 120,
    derandomize=not FUZZ,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(markdown=bodies())
def test_what_check_passes_renders_safely(ctx: Context, markdown: str) -> None:
    """If check finds nothing wrong with a body, neither the site's page nor the PDF's chapter runs, fetches or dangles anything."""
    if not passes_check(ctx, markdown):
        return
    site = new_markdown(ctx.dialect, page=PAGE, lang="fi").convert(markdown)
    printed, _title = _render_chapter(ctx, Chapter(PAGE, markdown), ids={PAGE: "mentor-mt-core"})
    assert unsafe(site) == [], (markdown, site)
    assert unsafe(printed) == [], (markdown, printed)


def test_the_generator_reaches_both_sides(ctx: Context) -> None:
    """The property is not vacuous: some generated bodies pass check and some are refused."""
    outcomes = {passes_check(ctx, body) for body in ("## Taustaa\n\n[moduuli](module:mt-onboarding)\n", "## Taustaa\n\n<script>x</script>\n")}
    assert outcomes == {True, False}


def test_unsafe_finds_what_it_looks_for() -> None:
    """The detector itself sees a script, a handler, a javascript: link, a remote image and a dead link by id."""
    assert unsafe('<script></script><b onclick="x"></b><a href=" javascript:x"></a><img src="//t.example/p.png"><a href="module:x"></a>') == [
        "<script>", "onclick= on <b>", "href=' javascript:x'", "remote src='//t.example/p.png'", "unresolved href='module:x'",
    ]

