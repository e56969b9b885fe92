"""What a reader or a link sees of a built site: its published paths and every language-switch target.

`python tests/site_record.py DIST [BUNDLES_DIST]` prints the record as JSON; tests/golden/site-paths.json
holds the one recorded from main before the site layer changed engine seams (issue 21), extended
by the paths the facilitator slides added (issue 25) and the fixture's round-templates page
with its fillable PDFs (issue 26); and
tests/test_site_paths.py compares a new build against it.
"""

from __future__ import annotations

import json
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

SKIP = ("pagefind/",)
"""Pagefind's index fragments are named by a digest of their content: only the entry file and scripts are paths a reader uses."""


class _Switch(HTMLParser):
    """Collect the language links of a page: the switch's entries and the hreflang alternates."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "hreflang" in values and tag in ("a", "link"):
            self.found.append(f"{tag} {values['hreflang']} {values.get('href')}")


def switch_targets(html: str) -> list[str]:
    """Return the language links of one page as 'tag lang href' lines."""
    parser = _Switch()
    parser.feed(html)
    return parser.found


def _published(path: str) -> bool:
    return not path.startswith(SKIP) or path.rsplit("/", 1)[-1] in ("pagefind.js", "pagefind-entry.json", "pagefind-ui.js")


def record_tree(files: dict[str, bytes]) -> dict:
    """Return the published paths of a site and the language links of each of its pages."""
    paths = sorted(p for p in files if _published(p))
    switch = {p: switch_targets(files[p].decode("utf-8")) for p in paths if p.endswith(".html")}
    return {"paths": paths, "switch": {p: links for p, links in switch.items() if links}}


def read_folder(folder: Path) -> dict[str, bytes]:
    """Return every file of a folder by its relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read_zip(archive: Path) -> dict[str, bytes]:
    """Return every file of a zip by its path inside the zip's top folder."""
    with zipfile.ZipFile(archive) as opened:
        return {name.split("/", 1)[1]: opened.read(name) for name in opened.namelist() if not name.endswith("/")}


def record_dist(dist: Path) -> dict:
    """Return the record of the base site and each agency's site (and zip, where there is one) of a dist folder."""
    sites = {"base": read_folder(dist / "site")}
    for agency in sorted((dist / "agencies").iterdir()):
        sites[f"agency {agency.name}"] = read_folder(agency / "site")
    for archive in sorted(dist.rglob("*.zip")):
        sites[f"zip {archive.relative_to(dist).as_posix()}"] = read_zip(archive)
    return {name: record_tree(files) for name, files in sites.items()}


if __name__ == "__main__":
    record = {}
    for folder in sys.argv[1:]:
        record.update(record_dist(Path(folder)))
    print(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True))
