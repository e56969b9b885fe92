"""Write mentorkit's own HTML through Jinja2 templates that escape every value unless it is marked safe.

Handouts, worksheets, print documents, the cohort view and every other page mentorkit composes itself
are templates in src/mentorkit/templates/html/. A value is text, escaped where it is written; markup
made elsewhere (a rendered Markdown body, another template's output) passes through only as `Markup`.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

__all__ = ["Markup", "render_html"]


@cache
def _environment() -> Environment:
    """Return the one template environment: escaping on for every template, an unknown name an error."""
    return Environment(
        loader=PackageLoader("mentorkit", "templates/html"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render_html(template: str, /, **values: object) -> Markup:
    """Render templates/html/<template> with `values`; text is escaped, `Markup` passes as it is."""
    return Markup(_environment().get_template(template).render(**values))
