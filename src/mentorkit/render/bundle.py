"""Write a site as a bundle that opens from disk: a second MkDocs render with file links, zipped.

Opened from a file system (an intranet share, an unzipped e-mail attachment), a site built with
directory URLs links to folders, and the browser shows a directory listing. MkDocs'
`use_directory_urls: false` links to the .html files instead; everything else is the same staging
tree. Search cannot run from disk (browsers refuse to fetch the index from file:), so the bundle
has no index and its search page says so.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

import yaml

from mentorkit.render.site import render_site

# Every entry gets the same time stamp, so that identical inputs give identical zips.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def write_bundle(config_file: Path, *, built_site: Path, zip_path: Path, folder: str, comment: bytes = b"") -> Path:
    """Render the staged variant again with file links, add the built site's PDFs and calendar, and zip it.

    zip_path is written in place: the caller gives a path that publishing moves into view.
    """
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["use_directory_urls"] = False
    _link_search_pages(config)
    bundle_config = config_file.with_name("mkdocs.bundle.yml")
    bundle_config.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="mentorkit-bundle-") as work:
        site = Path(work) / folder
        render_site(bundle_config, site_dir=site, index=False)
        # Only a web server shows a 404 page, and its links are root-absolute for that reason.
        (site / "404.html").unlink(missing_ok=True)
        for documents in ("pdf", "slides"):  # the PDFs, and the decks and their handouts
            if (built_site / documents).is_dir():
                shutil.copytree(built_site / documents, site / documents)
        for calendar in sorted(built_site.glob("*.ics")):
            shutil.copy2(calendar, site / calendar.name)
        write_zip(site, zip_path=zip_path, folder=folder, comment=comment)
    return zip_path


def _link_search_pages(config: dict) -> None:
    """Point the header's search button at search.html: without directory URLs, search/ is a folder."""
    entries = [config.get("extra", {})]
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries += [language.get("extra", {}) for language in plugin["i18n"]["languages"]]
    for extra in entries:
        page = extra.get("search_page")
        if page and page["url"].endswith("search/"):
            page["url"] = page["url"].removesuffix("/") + ".html"


def write_zip(folder_path: Path, *, zip_path: Path, folder: str, comment: bytes = b"") -> None:
    """Zip a folder under one top folder into zip_path: sorted entries, fixed times and modes."""
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.comment = comment
        for path in sorted(folder_path.rglob("*"), key=lambda p: p.relative_to(folder_path).as_posix()):
            if not path.is_file():
                continue
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(folder_path).as_posix()}", date_time=ZIP_TIME)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
