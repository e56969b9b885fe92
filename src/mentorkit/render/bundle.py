"""Write a site as a bundle that opens from disk: a render of its bundle staging tree (file links), zipped.

Opened from a file system (an intranet share, an unzipped e-mail attachment), a site built with
directory URLs links to folders, and the browser shows a directory listing. Assemble stages a
bundle with MkDocs' `use_directory_urls: false` (links to the .html files) and language links to
match. Search cannot run from disk (browsers refuse to fetch the index from file:), so the bundle
has no index and its search page says so.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from mentorkit.assemble.staging import StagedSite
from mentorkit.render.site import render_site

# Every entry gets the same time stamp, so that identical inputs give identical zips.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def write_bundle(site: StagedSite, *, engine: str = "mkdocs", built_site: Path, zip_path: Path, folder: str, comment: bytes = b"") -> Path:
    """Render the staged bundle, add the built site's PDFs and calendar, and zip it.

    zip_path is written in place: the caller gives a path that publishing moves into view.
    """
    with tempfile.TemporaryDirectory(prefix="mentorkit-bundle-") as work:
        target = Path(work) / folder
        render_site(site, site_dir=target, index=False, engine=engine)
        # Only a web server shows a 404 page, and its links are root-absolute for that reason.
        (target / "404.html").unlink(missing_ok=True)
        for documents in ("pdf", "slides"):  # the PDFs, and the decks and their handouts
            if (built_site / documents).is_dir():
                shutil.copytree(built_site / documents, target / documents)
        for calendar in sorted(built_site.glob("*.ics")):
            shutil.copy2(calendar, target / calendar.name)
        write_zip(target, zip_path=zip_path, folder=folder, comment=comment)
    return zip_path


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
