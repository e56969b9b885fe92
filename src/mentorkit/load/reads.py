"""Record which content files an output reads: a view of the library that notes each file a value came from as it is used.

Loading reads every file once; assembling an output reads values of the library. A recording
library (`recording`) is the same library whose values note, when used, the files they were loaded
from: a module's facts its module.yml, a text in one language its <lang>.md (and slides.<lang>.md),
a vocabulary its data file. Enumerating is a read too: listing the modules, the exercises, a
module's figures or the languages of a text notes a listing (a pattern of paths, e.g.
modules/*/*/module.yml), so that a file added where an output enumerates is seen. What an output
read is then what it used, not what a model says it uses: the cache keeps it with the output
(`Reads`), and the output is made again when any of those files, or any of those listings, changes
(render/cache.py `reusable`).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from fnmatch import fnmatchcase
from itertools import islice, takewhile
from typing import Any, TypeVar

from mentorkit.load.tree import DATA_FILES, OPTIONAL_DATA_FILES
from mentorkit.model import Library, Module

V = TypeVar("V")

DATA_FIELDS: Mapping[str, tuple[str, ...]] = {
    **{name: (f"data/{name}.yml",) for name in DATA_FILES},
    "site": ("data/site.yml", "data/accessibility-evidence.yml"),
    "scale": ("data/dimensions.yml",),
    "training_plans": ("data/training-plans.yml",),
    "events": ("data/training-plans.yml",),
}
"""The data files each of the library's vocabularies was loaded from (validate/vocabulary.py)."""
FOLDER_FIELDS = ("modules", "exercises", "pages", "figures")
"""The library's fields of folders, whose values note their own files."""
UNREAD_FIELDS = ("root", "digests")
UI_LISTING = "data/ui/*.yml"
"""The interface strings' files: one a language."""
"""The library's fields that are no file's content: where the project is, and what loading recorded."""
# Every data file loading reads is some field's: a file read for no field would go unnoted.
assert {*DATA_FILES, *OPTIONAL_DATA_FILES} <= {path.removeprefix("data/").removesuffix(".yml") for files in DATA_FIELDS.values() for path in files}


@dataclass
class ReadLog:
    """The content files one output read, by path relative to the project, and the listings it enumerated."""

    paths: set[str] = field(default_factory=set)
    listings: set[str] = field(default_factory=set)
    """Patterns of paths (listing_digest): what enumerating the modules, exercises, figures or a text's languages saw."""

    def note(self, *paths: str) -> None:
        """Note that files were read."""
        self.paths.update(paths)

    def list(self, pattern: str) -> None:
        """Note that the files matching a pattern were enumerated."""
        self.listings.add(pattern)


@dataclass(frozen=True)
class Reads:
    """What an output read, as the cache records it: each file's SHA-256 ('' for one not there) and each listing's digest."""

    files: Mapping[str, str] = field(default_factory=dict)
    listings: Mapping[str, str] = field(default_factory=dict)

    def unchanged(self, lister: Lister) -> bool:
        """Return whether every file read and every listing enumerated is as it is now."""
        digests = lister.digests
        return all(digests.get(path, "") == digest for path, digest in self.files.items()) and all(lister.digest(pattern) == digest for pattern, digest in self.listings.items())

    def merged(self, other: Reads) -> Reads:
        """Return what this and another output read together."""
        return Reads({**self.files, **other.files}, {**self.listings, **other.listings})


class Lister:
    """The content files loading recorded now, and the digest of each listing of them (each computed once)."""

    def __init__(self, digests: Mapping[str, str]) -> None:
        self.digests = digests
        self._paths = sorted(digests)
        self._found: dict[str, str] = {}

    def digest(self, pattern: str) -> str:
        """Return a digest of the paths a listing pattern matches: segment by segment (a * never crosses a /), a last ** any depth below."""
        if pattern not in self._found:
            want = pattern.split("/")
            deep = want[-1] == "**"
            head = want[:-1] if deep else want
            # Only the paths under the pattern's literal folders can match: found by bisection in the sorted paths.
            literal = list(takewhile(lambda part: not any(c in part for c in "*?["), head[:-1]))
            prefix = "".join(f"{part}/" for part in literal)
            start = bisect_left(self._paths, prefix)
            candidates = takewhile(lambda path: path.startswith(prefix), islice(self._paths, start, None))

            def matches(path: str) -> bool:
                parts = path.split("/")
                fits = len(parts) > len(head) if deep else len(parts) == len(head)
                return fits and all(fnmatchcase(part, wanted) for part, wanted in zip(parts, head))

            self._found[pattern] = hashlib.sha256("\0".join(path for path in candidates if matches(path)).encode()).hexdigest()
        return self._found[pattern]


def reads_of(log: ReadLog, lister: Lister) -> Reads:
    """Return what a log noted, with the digests loading recorded."""
    return Reads({path: lister.digests.get(path, "") for path in sorted(log.paths)}, {pattern: lister.digest(pattern) for pattern in sorted(log.listings)})


class _Noting(Mapping[str, V]):
    """A mapping whose values, when looked up, note their files (once each); enumerating it, or asking for a key it lacks, notes its listing."""

    def __init__(self, values: Mapping[str, V], files: Mapping[str, tuple[str, ...]], log: ReadLog, *, listing: str) -> None:
        self._values, self._files, self._log, self._listing = values, files, log, listing
        self._unnoted = set(files)

    def __getitem__(self, key: str) -> V:
        if key not in self._values:
            # Its absence is what the listing says: a file added there changes the answer.
            self._log.list(self._listing)
            raise KeyError(key)
        value = self._values[key]
        if key in self._unnoted:
            self._unnoted.discard(key)
            self._log.note(*self._files[key])
        return value

    def __contains__(self, key: object) -> bool:
        if key in self._values:
            return True
        self._log.list(self._listing)
        return False

    def __iter__(self) -> Iterator[str]:
        self._log.list(self._listing)
        return iter(self._values)

    def __len__(self) -> int:
        self._log.list(self._listing)
        return len(self._values)


class RecordingLibrary(Library):
    """A library that notes in its log each file a value of it came from, as the value is used.

    Its vocabularies are properties that note their files (a property comes before the value the
    instance holds); its folders' values note their own. Made only by `recording`.
    """

    def figures_of(self, module_id: str) -> dict[str, bytes]:
        """Return a module's figures as checked (file name -> bytes), noting each and the listing of its figures/ folder."""
        prefix = f"{_folder(self.module(module_id))}/figures/"
        held = self.__dict__
        held["_log"].list(f"{prefix}**")
        return {path.removeprefix(prefix): self.figures[path] for path in held["_figure_paths"] if path.startswith(prefix)}


def _noting_field(name: str) -> property:
    """Return a property that notes the files of a field of the library (and the listing of its folder, for the interface strings) and returns its value."""

    def value(library: Library) -> Any:
        held = library.__dict__
        held["_log"].note(*held["_files"][name])
        if name == "ui":
            held["_log"].list(UI_LISTING)
        return held[name]

    return property(value)


for _name in (*DATA_FIELDS, "ui", "settings"):
    setattr(RecordingLibrary, _name, _noting_field(_name))


def recording(library: Library, log: ReadLog) -> Library:
    """Return the library as a RecordingLibrary that notes into log every file whose values are used."""
    unknown = {f.name for f in fields(Library)} - set(DATA_FIELDS) - set(FOLDER_FIELDS) - set(UNREAD_FIELDS) - {"ui", "settings"}
    # A field added to the library without saying where it came from would be read unrecorded.
    assert not unknown, f"the library's fields {sorted(unknown)} have no files in load/reads.py"
    modules = tuple(replace(m, text=_Noting(m.text, _texts(m.text), log, listing=f"{_folder(m)}/*.md")) for m in library.modules)
    # Any module's facts note every module.yml: a module's place is among all of its track.
    facts = tuple(f"{_folder(m)}/module.yml" for m in library.modules)
    exercises = {exercise_id: replace(e, text=_Noting(e.text, _texts(e.text), log, listing=f"exercises/{exercise_id}/*.md")) for exercise_id, e in library.exercises.items()}
    exercise_files = {exercise_id: (f"exercises/{exercise_id}/exercise.yml",) for exercise_id in library.exercises}
    # A page's facts (generated, trainer-only, base-only) are data/site.yml's.
    pages = tuple(replace(p, text=_Noting(p.text, _texts(p.text), log, listing=f"docs/*/{p.id}.md")) for p in library.pages)
    files = {
        **DATA_FIELDS,
        "ui": tuple(path for path in library.digests if path.startswith("data/ui/")),
        "settings": ("mkdocs.yml", *library.settings.files),
    }
    # Not through __init__: a frozen dataclass sets its fields there, which the properties would refuse.
    copy = object.__new__(RecordingLibrary)
    copy.__dict__.update(
        {f.name: getattr(library, f.name) for f in fields(Library)},
        modules=_NotingTuple(modules, facts, log, listing="modules/*/*/module.yml"),
        exercises=_Noting(exercises, exercise_files, log, listing="exercises/*/exercise.yml"),
        pages=_NotingTuple(pages, ("data/site.yml",), log, listing="docs/*/*.md"),
        figures=_Noting(library.figures, {path: (path,) for path in library.figures}, log, listing="modules/*/*/figures/**"),
        _log=log,
        _files=files,
        _figure_paths=tuple(sorted(library.figures)),
    )
    return copy


class _NotingTuple(tuple):
    """A tuple of values that notes the files of their facts, and its listing, whenever any of them is used."""

    _files: tuple[str, ...]
    _log: ReadLog
    _listing: str

    def __new__(cls, values: tuple[Any, ...], files: tuple[str, ...], log: ReadLog, *, listing: str) -> _NotingTuple:
        made = super().__new__(cls, values)
        made._files, made._log, made._listing = files, log, listing
        return made

    def __len__(self) -> int:
        self._note()
        return super().__len__()

    def __contains__(self, value: object) -> bool:
        self._note()
        return super().__contains__(value)

    def __iter__(self) -> Iterator[Any]:
        self._note()
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:
        self._note()
        return super().__getitem__(index)

    def _note(self) -> None:
        if self._files or self._listing:
            self._log.note(*self._files)
            self._log.list(self._listing)
            self._files, self._listing = (), ""


def _texts(text: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Return the files of a text in each language: its body's file, and its own slides' file when it has them."""
    return {lang: (t.body.file, *((t.slides.file,) if getattr(t, "slides", None) is not None else ())) for lang, t in text.items()}


def _folder(module: Module) -> str:
    """Return a module's folder as loading reads it (load/tree.py: modules/<track>/<id>)."""
    return f"modules/{module.track.value}/{module.id}"
