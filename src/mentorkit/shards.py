"""A round split across machines: `build --shard K/N` builds a share of the agencies, `build --all --merge` takes them in.

Each agency falls in one shard by a stable hash of its id, so every runner agrees without talking
to the others. A shard's output folder holds dist/agencies/<id>/ for its agencies and shard.json:
which shard it is, and each agency's record (its outputs' keys and files' digests, as in
build/.cache/). The final job copies each shard's agencies into its own output folder (publishing
each as a build would) and records them; its `build --all` then reuses every agency whose key is
the one this machine computes and whose files are intact, and builds the rest. So the merged
tree is the tree one `build --all` makes: a shard built from other content, code or options is
simply rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mentorkit.errors import InvalidArgument
from mentorkit.load.fingerprint import digest_file
from mentorkit.publish import MARKER, publishing
from mentorkit.render.cache import Published, published_from, published_to, read_record, record_path, write_record

log = logging.getLogger(__name__)

SHARD_FILE = "shard.json"
"""The file in a shard's output folder that names the shard and records its agencies."""

SHARD_VERSION = 1


@dataclass(frozen=True)
class Shard:
    """Shard number of count (1-based), as `--shard number/count` names it."""

    number: int
    count: int

    def holds(self, agency_id: str) -> bool:
        """Return whether an agency falls in this shard (by the SHA-256 of its id: the same on every machine)."""
        return int(hashlib.sha256(agency_id.encode()).hexdigest(), 16) % self.count == self.number - 1

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"


def parse_shard(text: str) -> Shard:
    """Return the shard `K/N` names; raise InvalidArgument when it names none."""
    number, slash, count = text.partition("/")
    if slash and number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count):
        return Shard(int(number), int(count))
    raise InvalidArgument(f"--shard {text}: expected K/N with 1 ≤ K ≤ N, e.g. --shard 2/3 (the second of three shards)")


def write_shard(shard: Shard, agency_ids: Iterable[str], *, dist: Path, cache_dir: Path) -> Path:
    """Write shard.json into a shard's output folder: the shard and each of its agencies' records; return its path."""
    agencies = {}
    for agency_id in sorted(agency_ids):
        record = read_record(record_path(cache_dir, dist / "agencies" / agency_id))
        agencies[agency_id] = {name: published_to(p) for name, p in sorted(record.outputs.items())}
    path = dist / SHARD_FILE
    path.parent.mkdir(parents=True, exist_ok=True)  # a shard may hold no agency
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps({"version": SHARD_VERSION, "shard": str(shard), "agencies": agencies}, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, path)
    log.info("Wrote %s (shard %s: %d %s)", path, shard, len(agencies), "agency" if len(agencies) == 1 else "agencies")
    return path


def shard_folders(folders: Sequence[Path]) -> list[Path]:
    """Return the shard folders named: each folder holding a shard.json, or each such folder directly inside one; raise InvalidArgument for a folder with none."""
    found: list[Path] = []
    for folder in folders:
        inside = [folder] if (folder / SHARD_FILE).is_file() else sorted(p.parent for p in folder.glob(f"*/{SHARD_FILE}"))
        if not inside:
            raise InvalidArgument(f"--merge {folder}: no {SHARD_FILE} in it or in a folder directly inside it; expected the --dist of a `build --shard K/N`, or a folder of them, e.g. --merge shards")
        found += inside
    return found


def merge_shards(folders: Sequence[Path], *, agency_ids: Iterable[str], dist: Path, cache_dir: Path) -> set[str]:
    """Publish the agencies of the shards into dist/agencies/ with their records; return their ids (an agency not in this round is left out)."""
    wanted, taken, shards = set(agency_ids), set(), shard_folders(folders)
    for folder in shards:
        for agency_id, outputs in _read_shard(folder).items():
            if agency_id not in wanted:
                log.warning("Left out agency %s of the shard in %s: no definition in agencies/ has that id", agency_id, folder)
                continue
            if agency_id in taken:
                continue  # shards of two splittings of the round: the first has it
            target = dist / "agencies" / agency_id
            source = folder / "agencies" / agency_id
            if not source.is_dir():
                log.warning("Left out agency %s of the shard in %s: its folder %s is missing; it is built here", agency_id, folder, source)
                continue
            if source.resolve() != target.resolve():
                with publishing(target) as work:
                    # The shard's marker is its own; publishing leaves one of its own.
                    shutil.copytree(source, work, dirs_exist_ok=True, copy_function=_link, ignore=lambda where, names: [MARKER] if Path(where) == source else [])
            # Only what arrived intact is recorded: anything else is built again, as after a hand edit.
            intact = {name: p for name, p in outputs.items() if all((target / r).is_file() and digest_file(target / r) == d for r, d in p.files.items())}
            write_record(record_path(cache_dir, target), intact, folder=target)
            taken.add(agency_id)
    log.info("Took %d of the round's %d agencies from %d shard folders", len(taken), len(wanted), len(shards))
    return taken


def _read_shard(folder: Path) -> dict[str, dict[str, Published]]:
    """Return each agency's recorded outputs from a shard's shard.json; raise InvalidArgument when it cannot be read."""
    path = folder / SHARD_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != SHARD_VERSION:
            raise ValueError(f"version {data.get('version')!r}, expected {SHARD_VERSION}")
        return {
            str(agency_id): {str(name): published_from(entry) for name, entry in outputs.items()}
            for agency_id, outputs in data["agencies"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise InvalidArgument(f"{path}: not a shard record mentorkit wrote ({error}); expected the {SHARD_FILE} of a `build --shard K/N`: build that shard again") from None


def _link(source: str, target: str) -> None:
    """Take a shard's file: a hard link where the file system allows one, else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
