"""Nothing a reader or a link sees changes with the site layer: published paths and language-switch targets.

tests/golden/site-paths.json was recorded (tests/site_record.py) from main before the site layer
stopped using mkdocs-static-i18n and a hook (issue 21): the base site and two agencies built from
the fixture library without PDFs (conftest's `built`), and the zips of tests/test_bundle.py's build.
"""

from __future__ import annotations

import json
from pathlib import Path

from site_record import record_dist, record_tree, read_zip

RECORDED = json.loads((Path(__file__).resolve().parent / "golden" / "site-paths.json").read_text(encoding="utf-8"))
LANGUAGES = ("en",)
"""The site languages besides Finnish in the fixture library."""


def added_paths_allowed(path: str) -> bool:
    """Tell a path a language's own MkDocs project adds: the theme's files, which pages load but no reader links to."""
    lang, _, rest = path.partition("/")
    return lang in LANGUAGES and rest.startswith("assets/")


def compare(name: str, now: dict, recorded: dict) -> list[str]:
    """Return each difference of a site's record from the recorded one, as a line a reader can act on."""
    problems = [f"{name}: {path} is no longer published" for path in recorded["paths"] if path not in now["paths"]]
    problems += [f"{name}: {path} is new" for path in now["paths"] if path not in recorded["paths"] and not added_paths_allowed(path)]
    for page, links in recorded["switch"].items():
        if now["switch"].get(page) != links:
            problems.append(f"{name}: {page}: language links {now['switch'].get(page)}; recorded {links}")
    problems += [f"{name}: {page}: language links {links} where none were" for page, links in now["switch"].items() if page not in recorded["switch"]]
    return problems


def test_published_paths_and_language_links_are_as_recorded(built):
    """Every page, file and language link of the base site and both agencies' sites is where it was."""
    now = record_dist(built)
    assert sorted(now) == sorted(RECORDED["sites"])
    assert [p for name in now for p in compare(name, now[name], RECORDED["sites"][name])] == []


def check_zips(dist: Path) -> None:
    """Assert that every zip of a build holds the recorded paths and language links."""
    now = {archive.relative_to(dist).as_posix(): record_tree(read_zip(archive)) for archive in sorted(dist.rglob("*.zip"))}
    assert sorted(now) == sorted(RECORDED["zips"])
    assert [p for name in now for p in compare(name, now[name], RECORDED["zips"][name])] == []
