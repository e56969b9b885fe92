"""The build cache: a key per output (one site or one PDF), the content it read, and a record of what was published.

An output's key is a hash of every input that is not a content read: the plan (the manifest and
the document), the definition, the package's own code, theme and templates, the versions of the
tools, the options and the engine. What content it read is not modelled here: whatever read a file
for the output noted it as it was made (load/reads.py), listings of folders too, and the record
kept under build/.cache/ lists, per published output, its key, the SHA-256 of each of its files
and what it read with the digests then. An output is reused only when its key is unchanged, every
one of its files in dist/ still has the recorded digest (and no file was added) and every file it
read, and every listing it enumerated, is as it was: a new read can never be missed by a model of
inputs; a deleted, hand-edited or half-written output is rebuilt, and a record that cannot be read
counts as empty. The record also keeps each file's size, times and inode as they were when it was
written: a file whose status is unchanged is not read again (as git and make trust them), and any
write to a file changes its status time, which no user can set.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any
from pathlib import Path, PurePosixPath

from mentorkit.load.fingerprint import digest_file, hash_parts, package_digests, source_date_epoch, tool_versions
from mentorkit.load.reads import Lister, Reads
from mentorkit.model import Agency
from mentorkit.plan.documents import Document
from mentorkit.plan.manifest import Manifest

SITE_ONLY = ("theme/assets/", "theme/overrides/")
"""Package files only sites read."""
PDF_ONLY = ("theme/print/",)
"""Package files only PDFs read."""

RECORD_VERSION = 4


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
    reads: Reads = field(default_factory=Reads)
    """The content files the output read when it was made, and the listings it enumerated (load/reads.py), with their digests then."""


def plan_outputs(manifest: Manifest, documents: tuple[Document, ...], *, agency: Agency | None, engine: str = "mkdocs") -> tuple[Output, ...]:
    """Return the site and the PDFs of a planned variant, each with its key: everything it is made from except the content it reads (recorded as it is read)."""
    plan = asdict(manifest)
    plan.pop("content_hash")  # a digest of content files: what an output read is recorded with it instead
    common = [json.dumps(plan, sort_keys=True, default=str), *(f"{name}={version}" for name, version in tool_versions())]
    if agency is not None:
        common += [PurePosixPath(agency.source).name, agency.digest]

    def made_from(*, skip: tuple[str, ...]) -> str:
        return hash_parts(*common, *(part for path, digest in package_digests() if not path.startswith(skip) for part in (path, digest)))

    # What all of a variant's sites, or all of its PDFs, are made from is hashed once, not once per output.
    site_from, pdf_from = made_from(skip=PDF_ONLY), made_from(skip=SITE_ONLY)
    # A site links to its PDFs (and an agency's site holds copies of them); its sitemap is dated.
    site = Output("site", hash_parts(site_from, "site", engine, *(d.filename for d in documents), f"epoch={source_date_epoch()}"))
    pdfs = tuple(Output(d.filename, hash_parts(pdf_from, d.kind.value, d.lang, d.filename, d.edition.value, d.module or ""), d) for d in documents)
    return (site, *pdfs)


def key_bundle(outputs: Iterable[Output], *, on_site: Iterable[str]) -> str:
    """Return the key of a variant's zip: its site's and the on-site PDFs' keys (the zip is a second render of the same tree, with those PDFs)."""
    keys = {output.name: output.key for output in outputs}
    return hash_parts("bundle", keys["site"], *(f"{name}={keys[name]}" for name in sorted(on_site)))


def key_cohort(agencies: Iterable[Agency], *, round_secret: bytes, letters: Mapping[str, str]) -> str:
    """Return the key of the cohort view: every definition in order (and when it was saved), the round's letters, our code and the tools (the content it read is recorded as it is read)."""
    return hash_parts(
        "cohort",
        *(f"{name}={version}" for name, version in tool_versions()),
        *(f"{path}={file_digest}" for path, file_digest in package_digests()),
        *(f"{PurePosixPath(agency.source).name}={agency.digest}@{agency.modified_ns}" for agency in agencies),
        # The calendar's DTSTAMP and SEQUENCE follow SOURCE_DATE_EPOCH when it is set.
        f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '').strip()}",
        hashlib.sha256(round_secret).hexdigest(),
        *(f"{agency_id}={letter}" for agency_id, letter in sorted(letters.items())),
    )


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

    @cached_property
    def digests(self) -> Mapping[str, str]:
        """Return the recorded SHA-256 of each published file, by its path relative to the folder (looked up once per file of a scan)."""
        found: dict[str, str] = {}
        for published in self.outputs.values():
            for relative, digest in published.files.items():
                found.setdefault(relative, digest)
        return found


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
    recorded = record.digests.get(relative)
    if recorded is not None and record.status.get(relative) == status_of(path):
        return recorded, False
    # A file no output published (the folder's marker, a hand-added file) is read to be seen, but
    # its status is never recorded: writing the record again would not spare the next build anything.
    return digest_file(path), recorded is not None


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
    reads = Reads({str(k): str(v) for k, v in entry["reads"].items()}, {str(k): str(v) for k, v in entry["listings"].items()})
    return Published(str(entry["key"]), {str(k): str(v) for k, v in entry["files"].items()}, reads)


def published_to(published: Published) -> dict[str, Any]:
    """Return the entry of a published output in a record."""
    reads = published.reads
    return {"key": published.key, "files": dict(sorted(published.files.items())), "reads": dict(sorted(reads.files.items())), "listings": dict(sorted(reads.listings.items()))}


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


def reusable(outputs: Iterable[Output], *, record: Mapping[str, Published], present: Mapping[str, Mapping[str, str]], lister: Lister) -> set[str]:
    """Return the names of the outputs whose key is recorded, whose files are exactly the recorded ones and every file and listing they read is as it was.

    What an output read is what it used (load/reads.py), recorded as it was made: a file it reads,
    or a file added where it enumerates, is never missed.
    """
    return {
        output.name
        for output in outputs
        if output.name in record
        and record[output.name].key == output.key
        and dict(present.get(output.name, {})) == dict(record[output.name].files)
        and record[output.name].reads.unchanged(lister)
    }
