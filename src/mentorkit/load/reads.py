"""Record which content files an output reads: a view of the library that notes each file a value came from as it is used.

Loading reads every file once; assembling an output reads values of the library. A recording
library (`recording`) is the same library whose values note, when used, the files they were loaded
from: a module's facts its module.yml, a text in one language its <lang>.md (and slides.<lang>.md),
a vocabulary its data file. What an output read is then what it used, not what a model says it
uses: the cache keeps it with the output, and the output is made again when any of those files
changes (render/cache.py `reusable`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
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
"""The library's fields that are no file's content: where the project is, and what loading recorded."""
# Every data file loading reads is some field's: a file read for no field would go unnoted.
assert {*DATA_FILES, *OPTIONAL_DATA_FILES} <= {path.removeprefix("data/").removesuffix(".yml") for files in DATA_FIELDS.values() for path in files}


@dataclass
class ReadLog:
    """The content files one output read, by path relative to the project."""

    paths: set[str] = field(default_factory=set)

    def note(self, *paths: str) -> None:
        """Note that files were read."""
        self.paths.update(paths)


class _Noting(Mapping[str, V]):
    """A mapping whose values, when looked up, note their files (once each)."""

    def __init__(self, values: Mapping[str, V], files: Mapping[str, tuple[str, ...]], log: ReadLog) -> None:
        self._values, self._files, self._log = values, files, log
        self._unnoted = set(files)

    def __getitem__(self, key: str) -> V:
        value = self._values[key]
        if key in self._unnoted:
            self._unnoted.discard(key)
            self._log.note(*self._files[key])
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class RecordingLibrary(Library):
    """A library that notes in its log each file a value of it came from, as the value is used.

    Its vocabularies are properties that note their files (a property comes before the value the
    instance holds); its folders' values note their own. Made only by `recording`.
    """

    def figures_of(self, module_id: str) -> dict[str, bytes]:
        """Return a module's figures as checked (file name -> bytes), noting each."""
        prefix = f"{_folder(self.module(module_id))}/figures/"
        return {path.removeprefix(prefix): self.figures[path] for path in sorted(self.figures) if path.startswith(prefix)}


def _noting_field(name: str) -> property:
    """Return a property that notes the files of a field of the library and returns its value."""

    def value(library: Library) -> Any:
        held = library.__dict__
        held["_log"].note(*held["_files"][name])
        return held[name]

    return property(value)


for _name in (*DATA_FIELDS, "ui", "settings"):
    setattr(RecordingLibrary, _name, _noting_field(_name))


def recording(library: Library, log: ReadLog) -> Library:
    """Return the library as a RecordingLibrary that notes into log every file whose values are used."""
    unknown = {f.name for f in fields(Library)} - set(DATA_FIELDS) - set(FOLDER_FIELDS) - set(UNREAD_FIELDS) - {"ui", "settings"}
    # A field added to the library without saying where it came from would be read unrecorded.
    assert not unknown, f"the library's fields {sorted(unknown)} have no files in load/reads.py"
    modules = tuple(replace(m, text=_Noting(m.text, _texts(m.text), log)) for m in library.modules)
    # Any module's facts note every module.yml: a module's place is among all of its track.
    facts = tuple(f"{_folder(m)}/module.yml" for m in library.modules)
    exercises = {exercise_id: replace(e, text=_Noting(e.text, _texts(e.text), log)) for exercise_id, e in library.exercises.items()}
    exercise_files = {exercise_id: (f"exercises/{exercise_id}/exercise.yml",) for exercise_id in library.exercises}
    # A page's facts (generated, trainer-only, base-only) are data/site.yml's.
    pages = tuple(replace(p, text=_Noting(p.text, _texts(p.text), log)) for p in library.pages)
    files = {
        **DATA_FIELDS,
        "ui": tuple(path for path in library.digests if path.startswith("data/ui/")),
        "settings": ("mkdocs.yml", *library.settings.files),
    }
    # Not through __init__: a frozen dataclass sets its fields there, which the properties would refuse.
    copy = object.__new__(RecordingLibrary)
    copy.__dict__.update(
        {f.name: getattr(library, f.name) for f in fields(Library)},
        modules=_NotingTuple(modules, facts, log),
        exercises=_Noting(exercises, exercise_files, log),
        pages=_NotingTuple(pages, ("data/site.yml",), log),
        figures=_Noting(library.figures, {path: (path,) for path in library.figures}, log),
        _log=log,
        _files=files,
    )
    return copy


class _NotingTuple(tuple):
    """A tuple of values that notes the files of their facts whenever any of them is used."""

    _files: tuple[str, ...]
    _log: ReadLog

    def __new__(cls, values: tuple[Any, ...], files: tuple[str, ...], log: ReadLog) -> _NotingTuple:
        made = super().__new__(cls, values)
        made._files, made._log = files, log
        return made

    def __iter__(self) -> Iterator[Any]:
        self._note()
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:
        self._note()
        return super().__getitem__(index)

    def _note(self) -> None:
        if self._files:
            self._log.note(*self._files)
            self._files = ()


def _texts(text: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Return the files of a text in each language: its body's file, and its own slides' file when it has them."""
    return {lang: (t.body.file, *((t.slides.file,) if getattr(t, "slides", None) is not None else ())) for lang, t in text.items()}


def _folder(module: Module) -> str:
    """Return a module's folder as loading reads it (load/tree.py: modules/<track>/<id>)."""
    return f"modules/{module.track.value}/{module.id}"
