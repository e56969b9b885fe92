"""The build cache: a key per output (one site or one PDF) and a record of what was published.

An output's key is a hash of every input it is made from: the content files it reads (from the
digests loading recorded, so no file is read again), the definition, the plan, the package's own
code, theme and templates, the versions of the tools and the options. The record kept under
build/.cache/ lists, per published output, its key, the SHA-256 of each of its files and the
content files it read as it was made, with their digests then (load/reads.py). An output is reused
only when its key is unchanged, every one of its files in dist/ still has the recorded digest (and
no file was added) and every file it read is as it was, so a read the key's model of inputs
(reads_file) leaves out is never missed: a deleted, hand-edited or half-written output is rebuilt,
and a record that cannot be read counts as empty. The record also keeps each file's size, times and
inode as they were when it was written: a file whose status is unchanged is not read again (as git
and make trust them), and any write to a file changes its status time, which no user can set.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any
from pathlib import Path, PurePosixPath

from mentorkit.load.fingerprint import digest_file, package_digests, source_date_epoch, tool_versions
from mentorkit.model import Agency, Library
from mentorkit.plan.documents import ROUND_TEMPLATES_PAGE, Document, Kind
from mentorkit.plan.manifest import Manifest

SITE_ONLY = ("theme/assets/", "theme/overrides/")
"""Package files only sites read."""
PDF_ONLY = ("theme/print/",)
"""Package files only PDFs read."""

RECORD_VERSION = 3


@dataclass(frozen=True)
class Output:
    """One output of a variant to build or reuse: its site (document None) or one PDF."""

    name: str
    """'site', or the PDF's file name."""
    key: str
    document: Document | None = None


@dataclass(frozen=True)
class Published:
    """What the record says about a published output: its key and its files' digests."""

    key: str
    files: Mapping[str, str]
    """SHA-256 by path relative to the variant's output folder."""
    reads: Mapping[str, str] = field(default_factory=dict)
    """The content files the output read when it was made (load/reads.py), with their SHA-256 then ('' for a file that was not there)."""


def plan_outputs(library: Library, manifest: Manifest, documents: tuple[Document, ...], *, agency: Agency | None, engine: str = "mkdocs") -> tuple[Output, ...]:
    """Return the site and the PDFs of a planned variant, each with its key (the site's names the engine that builds it)."""
    site = Output("site", hashlib.sha256(f"{key_of(library, manifest, agency=agency, document=None, documents=documents)}\0{engine}".encode()).hexdigest())
    pdfs = tuple(Output(d.filename, key_of(library, manifest, agency=agency, document=d, documents=documents), d) for d in documents)
    return (site, *pdfs)


def key_of(library: Library, manifest: Manifest, *, agency: Agency | None, document: Document | None, documents: tuple[Document, ...]) -> str:
    """Return the key of a variant's site (document None) or of one of its PDFs."""
    digest = hashlib.sha256()

    def feed(*parts: str) -> None:
        for part in parts:
            digest.update(part.encode())
            digest.update(b"\0")

    plan = asdict(manifest)
    plan.pop("content_hash")  # a digest of every content file: the files an output reads follow
    feed(json.dumps(plan, sort_keys=True, default=str))
    feed(*(f"{name}={version}" for name, version in tool_versions()))
    skip = PDF_ONLY if document is None else SITE_ONLY
    for path, file_digest in package_digests():
        if not path.startswith(skip):
            feed(path, file_digest)
    languages = manifest.languages if document is None else (document.lang,)
    for path, file_digest in sorted(library.digests.items()):
        if document is not None and document.module is not None:
            read = reads_deck_file(path, library=library, manifest=manifest, module_id=document.module, lang=document.lang)
        elif document is not None and document.kind is Kind.ROUND_TEMPLATES:
            # The templates are their page of this language, and the data every output reads.
            read = path.split("/")[0] not in ("modules", "exercises", "docs") or path == f"docs/{document.lang}/{ROUND_TEMPLATES_PAGE}.md"
        elif document is not None and document.kind is Kind.FOLLOW_UP_HANDOUTS:
            # Made of data (the instrument, the scale, the strings) and the definition alone: no module, exercise or page text.
            read = path.split("/")[0] not in ("modules", "exercises", "docs")
        else:
            read = reads_file(path, manifest=manifest, languages=languages, worksheets=document is not None and document.kind is Kind.WORKSHEETS)
        if read:
            feed(path, file_digest)
    if agency is not None:
        feed(PurePosixPath(agency.source).name, agency.digest)
    if document is None:
        # A site links to its PDFs (and an agency's site holds copies of them); its sitemap is dated.
        feed("site", *(d.filename for d in documents), f"epoch={source_date_epoch()}")
    else:
        feed(document.kind.value, document.lang, document.filename, document.edition.value)
    return digest.hexdigest()


def key_bundle(outputs: Iterable[Output], *, on_site: Iterable[str]) -> str:
    """Return the key of a variant's zip: its site's and the on-site PDFs' keys (the zip is a second render of the same tree, with those PDFs)."""
    keys = {output.name: output.key for output in outputs}
    return hashlib.sha256("\0".join(["bundle", keys["site"], *(f"{name}={keys[name]}" for name in sorted(on_site))]).encode()).hexdigest()


def key_cohort(library: Library, agencies: Iterable[Agency], *, round_secret: bytes, letters: Mapping[str, str]) -> str:
    """Return the key of the cohort view: every content file, every definition in order (and when it was saved), the round's letters, our code and the tools."""
    digest = hashlib.sha256(b"cohort\0")
    parts = [
        *(f"{name}={version}" for name, version in tool_versions()),
        *(f"{path}={file_digest}" for path, file_digest in package_digests()),
        *(f"{path}={file_digest}" for path, file_digest in sorted(library.digests.items())),
        *(f"{PurePosixPath(agency.source).name}={agency.digest}@{agency.modified_ns}" for agency in agencies),
        # The calendar's DTSTAMP and SEQUENCE follow SOURCE_DATE_EPOCH when it is set.
        f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '').strip()}",
        hashlib.sha256(round_secret).hexdigest(),
        *(f"{agency_id}={letter}" for agency_id, letter in sorted(letters.items())),
    ]
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def reads_file(path: str, *, manifest: Manifest, languages: tuple[str, ...], worksheets: bool) -> bool:
    """Return whether an output of the variant in these languages reads a content file."""
    parts = path.split("/")
    name = parts[-1]
    in_language = not name.endswith(".md") or name.removesuffix(".md") in languages
    if parts[0] == "modules":
        # Every module's facts count: a module page says where it stands among all of its track.
        if name == "module.yml":
            return True
        # Everything else in a selected module's folder (its text, and figures in subfolders too).
        return len(parts) >= 4 and parts[2] in manifest.module_ids and in_language and not worksheets
    if parts[0] == "exercises":
        return len(parts) >= 3 and parts[1] in manifest.exercises and in_language
    if parts[0] == "docs":
        return len(parts) >= 3 and parts[1] in languages and not worksheets
    return True


def reads_deck_file(path: str, *, library: Library, manifest: Manifest, module_id: str, lang: str) -> bool:
    """Return whether a module's deck (or slide PDF) in one language reads a content file: its module's and its exercises' text, never a written page."""
    parts = path.split("/")
    name = parts[-1]
    # A module's text is <lang>.md, its own slides slides.<lang>.md.
    in_language = not name.endswith(".md") or name.removesuffix(".md").rpartition(".")[2] == lang
    if parts[0] == "modules":
        return name == "module.yml" or (len(parts) >= 4 and parts[2] == module_id and in_language)
    if parts[0] == "exercises":
        return len(parts) >= 3 and parts[1] in library.module(module_id).exercises and parts[1] in manifest.exercises and in_language
    return parts[0] != "docs"


def digest_tree(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every file under folder, by its path relative to folder."""
    return scan_folder(folder, record=Record())[0]


Status = tuple[int, int, int, int]
"""A file's size, modification and status-change times (ns) and inode."""


@dataclass(frozen=True)
class Record:
    """What was published in an output folder: its outputs, and each file's status when the record was written."""

    outputs: Mapping[str, Published] = field(default_factory=dict)
    status: Mapping[str, Status] = field(default_factory=dict)


def status_of(path: Path) -> Status:
    """Return the status of a file (of a link itself, never of its target)."""
    found = path.stat(follow_symlinks=False)
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


def scan_folder(folder: Path, *, record: Record, skip: Iterable[str] = ()) -> tuple[dict[str, str], bool]:
    """Return the SHA-256 of every file under folder (by its path relative to folder) and whether any had to be read.

    A file whose status is the one recorded has the recorded digest; every other file is read.
    """
    found: dict[str, str] = {}
    read = False
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory, name)
            relative = path.relative_to(folder).as_posix()
            if relative not in skip:
                found[relative], was_read = digest_recorded(path, relative=relative, record=record)
                read = read or was_read
    return found, read


def digest_recorded(path: Path, *, relative: str, record: Record) -> tuple[str, bool]:
    """Return a file's SHA-256 (the recorded one when its status is the recorded one) and whether it had to be read."""
    recorded = next((p.files[relative] for p in record.outputs.values() if relative in p.files), None)
    if recorded is not None and record.status.get(relative) == status_of(path):
        return recorded, False
    return digest_file(path), True


def record_path(cache_dir: Path, target: Path) -> Path:
    """Return where the record of a published output folder is kept (the cache's project is cache_dir/../..)."""
    # Relative to the project when inside it: a copied project keeps its cache.
    project, where = cache_dir.resolve().parent.parent, target.resolve()
    name = where.relative_to(project).as_posix() if where.is_relative_to(project) else str(where)
    return cache_dir / f"{target.name}-{hashlib.sha256(name.encode()).hexdigest()[:16]}.json"


def read_record(path: Path) -> Record:
    """Return the record of a folder; an unreadable or foreign record counts as empty."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != RECORD_VERSION:
            return Record()
        outputs = {name: published_from(entry) for name, entry in data["outputs"].items()}
        status = {str(k): (int(a), int(b), int(c), int(d)) for k, (a, b, c, d) in data["status"].items()}
        return Record(outputs, status)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Record()


def published_from(entry: Mapping[str, Any]) -> Published:
    """Return a published output from its entry in a record; raise KeyError, TypeError or AttributeError for anything else."""
    return Published(str(entry["key"]), {str(k): str(v) for k, v in entry["files"].items()}, {str(k): str(v) for k, v in entry.get("reads", {}).items()})


def published_to(published: Published) -> dict[str, Any]:
    """Return the entry of a published output in a record."""
    return {"key": published.key, "files": dict(sorted(published.files.items())), "reads": dict(sorted(published.reads.items()))}


def write_record(path: Path, outputs: Mapping[str, Published], *, folder: Path) -> None:
    """Write the record of a published folder atomically, with the status its files have now."""
    path.parent.mkdir(parents=True, exist_ok=True)
    files = sorted({relative for published in outputs.values() for relative in published.files})
    data = {
        "version": RECORD_VERSION,
        "outputs": {name: published_to(p) for name, p in sorted(outputs.items())},
        "status": {relative: status_of(folder / relative) for relative in files if (folder / relative).exists()},
    }
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, path)


def reusable(outputs: Iterable[Output], *, record: Mapping[str, Published], present: Mapping[str, Mapping[str, str]], digests: Mapping[str, str]) -> set[str]:
    """Return the names of the outputs whose key is recorded, whose files are exactly the recorded ones and every file they read is as it was.

    The files an output read are the ones it used (load/reads.py), recorded as it was made: a
    file it reads is never missed, whatever the key's model of its inputs says.
    """
    return {
        output.name
        for output in outputs
        if output.name in record
        and record[output.name].key == output.key
        and dict(present.get(output.name, {})) == dict(record[output.name].files)
        and all(digests.get(path, "") == digest for path, digest in record[output.name].reads.items())
    }
