"""Render a staged variant into a static site: each language project with MkDocs (strict), then a Pagefind index per language."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

from mentorkit.assemble.staging import StagedSite
from mentorkit.errors import BuildError
from mentorkit.load.fingerprint import source_date_epoch
from mentorkit.render import ENGINES
from mentorkit.render.faults import tool_fault


def _mkdocs_env() -> dict[str, str]:
    # Material 9.7+ prints an end-of-life banner on every run; NO_MKDOCS_2_WARNING is the switch
    # its banner names. The README says which versions are pinned and until when they are kept.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


PER_LANGUAGE_ONLY_ONCE = ("404.html", "sitemap.xml", "sitemap.xml.gz")
"""Files each language's build writes that a site has once, at its root: the default language's 404 page, and mentorkit's sitemap of every language."""


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def render_site(site: StagedSite, *, site_dir: Path, index: bool = True, engine: str = "mkdocs") -> None:
    """Build each language project strictly (every broken link or anchor fails) into the site, then index it for search."""
    site_dir = site_dir.resolve()
    # MkDocs dates the sitemap (lastmod, and the .gz header) by SOURCE_DATE_EPOCH; unset, it would
    # use the current second. The start of the current day (UTC) keeps lastmod "today" and makes
    # every build of a day byte-identical.
    epoch = source_date_epoch()
    env = {**_mkdocs_env(), "SOURCE_DATE_EPOCH": epoch}
    # The default language first: its build empties the site folder, the others fill their own folders in it.
    for project in site.projects:
        _build_project(project.config.resolve(), site_dir=site_dir / project.folder, env=env, engine=engine)
        if project.folder:
            for name in PER_LANGUAGE_ONLY_ONCE:
                (site_dir / project.folder / name).unlink(missing_ok=True)
    write_sitemap(site, site_dir=site_dir, epoch=int(epoch))
    if not index:
        return
    indexed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
        capture_output=True,
        text=True,
        env=env,
    )
    if indexed.returncode != 0:
        raise tool_fault(indexed.stderr + indexed.stdout, doing=f"Pagefind indexed {site_dir}") or BuildError(f"Pagefind could not index {site_dir}:\n{_tail(indexed.stderr or indexed.stdout)}")
    _sort_pagefind_entry(site_dir / "pagefind" / "pagefind-entry.json")


def write_sitemap(site: StagedSite, *, site_dir: Path, epoch: int) -> None:
    """Write the site's one sitemap (and its .gz), every page of every language with its translations, dated by epoch."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    day = datetime.fromtimestamp(epoch, tz=timezone.utc).date().isoformat()

    def address(url: str) -> str:
        return site.site_url + url if site.site_url else (url or "./")

    for url, translations in site.sitemap:
        entry = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = address(url)
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = day
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}changefreq").text = "daily"
        for lang, other in translations:
            ET.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=address(other))
    ET.indent(urlset, space="    ")
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="utf-8") + b"\n"
    (site_dir / "sitemap.xml").write_bytes(data)
    # The .gz carries a time too: the same epoch, so that a day's builds are byte-identical.
    with open(site_dir / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=raw, mtime=epoch) as packed:
        packed.write(data)


def _build_project(config_file: Path, *, site_dir: Path, env: dict[str, str], engine: str) -> None:
    """Build one language project into site_dir with the engine, in its own process (`<engine> build -f <config>` reproduces a failure)."""
    if engine == "zensical":
        # Zensical has no -d: it builds into the project's own site/ (MkDocs' default site_dir), moved into place after.
        built = config_file.parent / "site"
        shutil.rmtree(built, ignore_errors=True)
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config_file)]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config_file.parent)
    if result.returncode != 0:
        raise tool_fault(result.stderr, doing=f"{ENGINES[engine]} wrote {site_dir}") or BuildError(f"{ENGINES[engine]} could not build {config_file}:\n{_tail(result.stderr or result.stdout)}")
    if engine == "zensical":
        if not built.is_dir():
            raise BuildError(f"zensical built nothing from {config_file}:\n{_tail(result.stderr or result.stdout)}")
        shutil.rmtree(site_dir, ignore_errors=True)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, site_dir)


def _sort_pagefind_entry(path: Path) -> None:
    """Write Pagefind's entry file with its languages in a fixed order (Pagefind lists them as its threads finish)."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
