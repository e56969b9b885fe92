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
assert set(OPTIONAL_DATA_FILES) <= {path.removeprefix("data/").removesuffix(".yml") for files in DATA_FIELDS.values() for path in files}


@dataclass
class ReadLog:
    """The content files one output read, by path relative to the project."""

    paths: set[str] = field(default_factory=set)

    def note(self, *paths: str) -> None:
        """Note that files were read."""
        self.paths.update(paths)


class _Noting(Mapping[str, V]):
    """A mapping whose values, when looked up, note their files."""

    def __init__(self, values: Mapping[str, V], files: Mapping[str, tuple[str, ...]], log: ReadLog) -> None:
        self._values, self._files, self._log = values, files, log

    def __getitem__(self, key: str) -> V:
        value = self._values[key]
        self._log.note(*self._files.get(key, ()))
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class RecordingLibrary(Library):
    """A library that notes in its log each file a value of it came from, as the value is used."""

    _log: ReadLog

    def __getattribute__(self, name: str) -> Any:
        if name in DATA_FIELDS:
            log: ReadLog = object.__getattribute__(self, "_log")
            log.note(*DATA_FIELDS[name])
        elif name == "ui" or name == "settings":
            log = object.__getattribute__(self, "_log")
            digests: Mapping[str, str] = object.__getattribute__(self, "digests")
            settings = object.__getattribute__(self, "settings")
            log.note(*((p for p in digests if p.startswith("data/ui/")) if name == "ui" else ("mkdocs.yml", *settings.files)))
        return object.__getattribute__(self, name)

    def figures_of(self, module_id: str) -> dict[str, bytes]:
        """Return a module's figures as checked (file name -> bytes), noting each."""
        module = self.module(module_id)
        prefix = f"{_folder(module)}/figures/"
        everything: _Noting[bytes] = object.__getattribute__(self, "figures")
        return {path.removeprefix(prefix): everything[path] for path in sorted(everything) if path.startswith(prefix)}


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
    values = {f.name: getattr(library, f.name) for f in fields(Library)}
    copy = RecordingLibrary(
        **{
            **values,
            "modules": _NotingTuple(modules, facts, log),
            "exercises": _Noting(exercises, exercise_files, log),
            "pages": _NotingTuple(pages, ("data/site.yml",), log),
            "figures": _Noting(library.figures, {path: (path,) for path in library.figures}, log),
        }
    )
    object.__setattr__(copy, "_log", log)
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
        self._log.note(*self._files)
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:
        self._log.note(*self._files)
        return super().__getitem__(index)


def _texts(text: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Return the files of a text in each language: its body's file, and its own slides' file when it has them."""
    return {lang: (t.body.file, *((t.slides.file,) if getattr(t, "slides", None) is not None else ())) for lang, t in text.items()}


def _folder(module: Module) -> str:
    """Return a module's folder as loading reads it (load/tree.py: modules/<track>/<id>)."""
    return f"modules/{module.track.value}/{module.id}"
