"""The mkdocs.yml of one language's project: the user's site settings (top-level mkdocs.yml) and what mentorkit owns."""

from __future__ import annotations

import html

from mentorkit.assemble.change import CHANGE_PAGE
from mentorkit.assemble.context import AgencyContext, Context, context_for
from mentorkit.assemble.markdown import track_modules
from mentorkit.assemble.paths import SECTION_PAGES, exercise_path, module_path, page_path
from mentorkit.dialect import markdown_extensions
from mentorkit.model import Agency, Library, SiteSettings, Track
from mentorkit.plan.manifest import Manifest

SECTION_TITLES = ("track.workshop", "track.mentor", "exercises")
"""Interface strings that title navigation sections."""

NOT_FOUND_PARTS = ("title", "before", "home", "after")
"""The 404 page's sentence in each language: its title, and the text around the link to the home page."""

OWN_CSS = "assets/mentorkit.css"
"""The theme's own style sheet, before the user's."""


def mkdocs_config(library: Library, manifest: Manifest, *, agency: Agency | None, lang: str, bundle: bool, settings: SiteSettings | None = None) -> dict:
    """Return the MkDocs configuration of one language of a variant: Material, no plugin, no hook."""
    settings = settings or library.settings
    languages = manifest.languages
    default = languages[0]
    ctx = context_for(library, manifest, agency=agency, lang=lang)
    site_url = library.site.site_url + ("" if lang == default else f"{lang}/") if agency is None else ""
    extra: dict = {
        "generator": False,
        "search_page": {"url": "search.html" if bundle else "search/", "label": html.escape(ctx.t("search.open"))},
        # The site's root, from this project's root: search.js finds Pagefind's files there.
        "site_root": "" if lang == default else "..",
    }
    others = [context_for(library, manifest, agency=agency, lang=other) for other in languages]
    # The one 404 page speaks every language of the site, the default first (its heading); each
    # language's project renders one too (MkDocs always does), and the default language's is kept.
    extra["not_found"] = [{"lang": other.lang, **{part: html.escape(other.t(f"not_found.{part}")) for part in NOT_FOUND_PARTS}} for other in others]
    if lang == default and not bundle:
        # The one 404 page (at the site's root) is served at any depth: its language links are root-absolute.
        extra["alternate"] = [{"lang": other.lang, "name": other.t("language_name"), "link": "/" if other.lang == default else f"/{other.lang}/"} for other in others]
    if heads := list(pages_under(ctx)):
        # Pages staged as page.md that head a section (the programme): the overrides' nav-item.html
        # makes each its section's title, as Material's navigation.indexes does an index.md.
        extra["section_indexes"] = heads
    theme = {"name": "material", "custom_dir": "overrides", "language": lang, "font": False, **settings.theme}
    return {
        # Material prints the name, description and footer into HTML unescaped in places; the
        # overrides print them as they are, so they are escaped here, once.
        "site_name": html.escape(site_name(ctx, agency)),
        "site_url": site_url,
        "site_description": html.escape(ctx.t("site_description")),
        "copyright": html.escape(footer(ctx, agency)),
        "docs_dir": "docs",
        "use_directory_urls": not bundle,
        "theme": theme,
        "extra": extra,
        "extra_css": [OWN_CSS, *settings.extra_css],
        "extra_javascript": ["assets/search.js"],
        "markdown_extensions": markdown_extensions(ctx.dialect, lang=lang),
        # None at all: MkDocs turns its own search on when the list is left out (Pagefind indexes each language instead).
        "plugins": [],
        "validation": {
            "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
            # Links by id are written from the docs folder's root (/path.md): MkDocs makes them relative.
            "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "relative_to_docs", "unrecognized_links": "warn"},
        },
        "nav": site_nav(ctx),
        # The search page is reached from the header's search button, not from the navigation.
        "not_in_nav": "/search.md",
    }


def site_name(ctx: Context, agency: Agency | None) -> str:
    """Return the site's name in the context's language, as text."""
    return ctx.t("agency.title", name=agency.name[ctx.lang]) if agency else ctx.t("site_name")


def footer(ctx: Context, agency: Agency | None) -> str:
    """Return the footer's line naming the publisher, as text."""
    publisher = agency.publisher.name[ctx.lang] if agency and agency.publisher else ctx.library.site.owner_name[ctx.lang]
    return ctx.t("footer.publisher", name=publisher)


def site_nav(ctx: Context) -> list:
    """Return the navigation of one language: the pages in order, each section with its items under its heading."""
    nav: list = []
    titles = {key.removeprefix("track."): ctx.t(key) for key in SECTION_TITLES}
    children = pages_under(ctx)
    for page in ctx.pages:
        if page.under:
            continue  # in its parent's section
        if page_path(page.id) in children:
            # A section headed by the page's own title: the page first (its index), then the pages under it.
            nav.append({page.text[ctx.lang].title: [page_path(page.id), *children[page_path(page.id)]]})
        elif page.id not in SECTION_PAGES:
            nav.append(page_path(page.id))
            if page.id == "index" and isinstance(ctx, AgencyContext) and ctx.agency.follow_ups:
                nav.append(CHANGE_PAGE)  # the change page follows the agency's home page
        elif page.id == "exercises":
            # Under their heading, in a group of their own that the sidebar keeps folded until it
            # is opened (or one of them is shown): unfolded, dozens of exercises would push the
            # self-assessment, glossary and the rest out of sight.
            exercises = [exercise_path(e) for e in ctx.manifest.exercises]
            nav.append({titles[page.id]: [page_path(page.id), {ctx.t("exercise_count", n=len(exercises)): exercises}]})
        else:
            nav.append({titles[page.id]: [page_path(page.id), *(module_path(ctx.library, m.id) for m in track_modules(ctx, Track(page.id)))]})
    return nav


def pages_under(ctx: Context) -> dict[str, list[str]]:
    """Return each page that others are under (data/site.yml `under`) and theirs, by staged path, in navigation order."""
    children: dict[str, list[str]] = {}
    for page in ctx.pages:
        if page.under:
            children.setdefault(page_path(page.under), []).append(page_path(page.id))
    return children
