"""The goal-definition form page: its markup and the rules it checks by, written in at build time.

The form runs entirely in the browser (assets/goal-form.js) and makes no request: everything it
offers and checks against (themes, dimensions, the scale, modules, languages, the schema's
patterns and limits, the selection rule's gates and its own strings in the page's language) is
inline in the page as JSON, so it also works from disk. Its script and style sheet are named in
the page's front matter (ASSETS) and linked by the theme relative to the page, so the same page
works served, from the bundle and from file://.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from importlib import resources

import yaml

from mentorkit.assemble.context import Context
from mentorkit.assemble.html import Markup, render_html
from mentorkit.command import COMMAND
from mentorkit.load.files import refused_code_points
from mentorkit.model import RANGE_MIN_RESPONDENTS, Page
from mentorkit.validate.relations import relations_data
from mentorkit.selection import WEAK_RATING, module_gates

UI_PREFIX = "goal_form."

ASSETS = {"mk_styles": ["assets/goal-form.css"], "mk_scripts": ["assets/vendor/js-yaml.min.js", "assets/goal-form.js"]}
"""The page's own style sheet and scripts, site-relative: theme/overrides/main.html links them."""


def goal_form(ctx: Context, *, page: Page, source: str) -> str:
    """Return the form's markup with its data as inline JSON."""
    return str(render_html("goal-form.html", noscript=ctx.t(UI_PREFIX + "noscript"), data=Markup(_inline_json(form_data(ctx))))) + "\n"


def form_data(ctx: Context) -> dict:
    """Return what the form offers and checks against, from the same data, schemas and rules as the CLI."""
    library, lang = ctx.library, ctx.lang
    strings = {key[len(UI_PREFIX):]: value for key, value in library.ui[lang].items() if key.startswith(UI_PREFIX)}
    return {
        "lang": lang,
        "languages": [
            {"code": code, "name": strings.get(f"in_lang.{code}", library.ui[code]["language_name"]), "label": library.ui[code]["language_name"]}
            for code in library.site.languages
        ],
        "themes": [{"id": t.id, "label": dict(t.label), "description": dict(t.description)} for t in library.themes.values()],
        "dimensions": [
            {"id": d.id, "label": dict(d.label), "statements": [dict(s) for s in d.statements]} for d in library.dimensions.values()
        ],
        "scale": {
            "min": library.scale.min,
            "max": library.scale.max,
            "labels": {str(value): dict(label) for value, label in library.scale.labels.items()},
            "unknown": dict(library.scale.unknown),
        },
        "modules": [
            {
                "id": m.id,
                "title": {code: text.title for code, text in m.text.items()},
                "track": m.track.value,
                "core": m.core,
                "themes": list(m.themes),
                "dimensions": list(m.dimensions),
            }
            for m in library.modules
        ],
        "selection": {"gates": [asdict(gate) for gate in module_gates(library)], "weak_at_most": WEAK_RATING},
        "tracks": {track: ctx.t(f"track.{track}") for track in ("workshop", "mentor")},
        "schema": {name: _schema(name) for name in ("agency", "common")},
        "ui": strings,
        "command": COMMAND,
        "refused_characters": refused_code_points(),
        "relations": relations_data(),
        "range_min_respondents": RANGE_MIN_RESPONDENTS,
        "statuses": {status: ctx.t(f"change.status.{status}") for status in _schema("agency")["properties"]["follow_ups"]["items"]["properties"]["indicators"]["items"]["properties"]["status"]["enum"]},
    }


def _schema(name: str) -> dict:
    """Return a schema of the package as data: the form takes its keys, patterns and limits from it."""
    text = resources.files("mentorkit.schemas").joinpath(f"{name}.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _inline_json(data: dict) -> str:
    """Return data as JSON that cannot end its <script> element or be read as markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
