"""MkDocs hooks of a staged build (listed in the generated mkdocs.yml under `hooks`).

Material prints `config.site_name` into the page unescaped in some templates and escaped in
others. An agency's name is plain text from its definition, so it must arrive as text: marking the
escaped name as Markup makes both kinds of template print it exactly once, escaped.
"""

from markupsafe import Markup, escape


def on_config(config):
    """Escape the site name once, for every template."""
    if not isinstance(config.site_name, Markup):
        config.site_name = Markup(escape(config.site_name))
    return config
