"""MkDocs hooks of a staged build (listed in the generated mkdocs.yml under `hooks`).

Site name: Material prints `config.site_name` unescaped in some templates and escaped in others.
An agency's name is plain text from its definition, so it must arrive as text. While a page or a
theme template renders, the name is an escaped Markup string, which both kinds of template print
exactly once, escaped; between renders it is a plain string again, so that mkdocs-static-i18n
can still override it per language.
"""

from urllib.parse import urlsplit

from markupsafe import Markup, escape

from mentorkit.plan.documents import SITE_ROOT


def _escape_site_name(config) -> None:
    if not isinstance(config.site_name, Markup):
        config.site_name = Markup(escape(config.site_name))


def _plain_site_name(config) -> None:
    if isinstance(config.site_name, Markup):
        config.site_name = config.site_name.unescape()


def on_config(config):
    """Keep the default language's 404 page."""
    # mkdocs-static-i18n builds each further language into the same site and would overwrite the
    # one 404.html at the root with the last language's (its issue #284): only the default
    # language's build writes it.
    # Hooks run before the i18n plugin's own on_config, which sets the current language: in the
    # first (default language) build it is still None.
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        current = getattr(i18n, "current_language", None) or getattr(i18n, "default_language", None)
        if current != getattr(i18n, "default_language", None):
            config.theme.static_templates.discard("404.html")
    return config


def on_pre_template(template, template_name, config):
    """Escape the site name while a theme template (404.html, sitemap) renders."""
    _escape_site_name(config)
    return template


def on_post_template(output_content, template_name, config):
    """Return the site name to plain text."""
    _plain_site_name(config)
    return output_content


def on_page_context(context, page, config, nav):
    """Escape the site name while the page renders; make the home pages' language links relative.

    mkdocs-static-i18n gives home pages root-absolute links ("/", "/en/"), which break when a site
    is served from a sub-folder (an agency's site inside an intranet, or a file system). Runs after
    the i18n plugin (hooks run last); the `url` filter then makes the link relative to the page.
    """
    _escape_site_name(config)
    base = urlsplit(config.site_url or "").path or "/"
    # The i18n plugin sets the per-page list as an attribute, which is what templates read.
    for alternate in getattr(config.extra, "alternate", None) or []:
        link = alternate.get("link", "")
        if link.startswith(base):
            alternate["link"] = link[len(base):] or "./"
        # A bundle opened from disk has no directory URLs: a link to a folder shows a listing.
        if not config.use_directory_urls and alternate["link"].endswith("/"):
            alternate["link"] = alternate["link"].removeprefix("./") + "index.html"
    return context


def on_page_content(html, page, config, files):
    """Make links to the site's own files outside its pages (a module's decks in slides/) relative to this page."""
    # A page's URL is relative to the site's root, with or without directory URLs: "en/mentor/mt-core/"
    # or "mentor/mt-core.html"; each slash is one folder up.
    return html.replace(f'href="{SITE_ROOT}', f'href="{"../" * page.url.count("/")}')


def on_post_page(output, page, config):
    """Return the site name to plain text."""
    _plain_site_name(config)
    return output
