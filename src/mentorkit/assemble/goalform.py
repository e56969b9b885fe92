"""The goal-definition form page: its markup and the choices it offers, written in at build time.

The form runs entirely in the browser (assets/goal-form.js) and makes no request: everything it
offers (themes, dimensions, the scale, modules, languages, the schema's patterns and limits and its
own strings in the page's language) is inline in the page as JSON, so it also works from disk.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources

import yaml

from mentorkit.assemble.context import Context
from mentorkit.command import COMMAND
from mentorkit.model import Page

UI_PREFIX = "goal_form."


def goal_form(ctx: Context, *, page: Page, source: str) -> str:
    """Return the form's markup, its data as inline JSON and the scripts that run it."""
    up = "../" * (1 + (0 if ctx.lang == ctx.manifest.languages[0] else 1))
    t = lambda key: escape(ctx.t(UI_PREFIX + key))  # noqa: E731 - a short local alias
    return "\n".join([
        f'<link rel="stylesheet" href="{up}assets/goal-form.css">',
        '<div class="mk-goal-form" id="mk-goal-form">',
        f'<noscript><p class="mk-gf-noscript">{t("noscript")}</p></noscript>',
        f'<script type="application/json" id="mk-goal-form-data">{_inline_json(form_data(ctx))}</script>',
        "</div>",
        "",
        f'<script src="{up}assets/vendor/js-yaml.min.js"></script>',
        f'<script src="{up}assets/goal-form.js"></script>',
        "",
    ])


def form_data(ctx: Context) -> dict:
    """Return what the form offers and checks against, from the same data and schemas as the CLI."""
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
        "tracks": {track: ctx.t(f"track.{track}") for track in ("workshop", "mentor")},
        "schema": {name: _schema(name) for name in ("agency", "common")},
        "ui": strings,
        "command": COMMAND,
    }


def _schema(name: str) -> dict:
    """Return a schema of the package as data: the form takes its patterns and limits from it."""
    text = resources.files("mentorkit.schemas").joinpath(f"{name}.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _inline_json(data: dict) -> str:
    """Return data as JSON that cannot end its <script> element or be read as markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
