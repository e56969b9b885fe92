"""Stamp translations: record in each one's front matter the hash of the source text it matches."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from mentorkit.errors import InvalidInput, Problem
from mentorkit.validate.collect import Problems
from mentorkit.validate.translations import HASH_KEY, hash_source
from mentorkit.load.yamlsource import read_document, read_yaml, relative

FRONT_MATTER = re.compile(r"\A---[ \t]*(?P<nl>\r?\n)(?P<meta>(?:.*?\r?\n)??)(?P<close>---[ \t]*(?:\r?\n|\Z))", re.S)
EXAMPLE = "modules/mentor/mt-psych-safety/en.md"


@dataclass(frozen=True)
class Stamp:
    """A translation and the source hash now recorded in it."""

    file: str
    source_hash: str
    changed: bool


def stamp_translations(paths: list[Path], *, root: Path) -> list[Stamp]:
    """Write the current hash of each translation's source into its front matter; all or nothing."""
    problems = Problems()
    languages = _site_languages(root, problems)
    planned: list[tuple[Path, str, Stamp]] = []
    project = root.resolve()
    for given in paths if languages else ():
        # A path means what it means in the shell it was typed in: relative to the current folder.
        path = given.resolve()
        if not path.is_relative_to(project):
            problems.append(Problem(str(given), None, "", f"is outside the project folder {project}; expected a translation inside it, e.g. {project / EXAMPLE}"))
            continue
        name = relative(path, root)
        source = _source_of(path, root=root, languages=languages, problems=problems)
        if source is None or problems.attempt(partial(read_document, path, root=root)) is None:
            continue
        digest = hash_source(_read(source))
        text = _read(path)
        stamped = _with_hash(text, digest)
        planned.append((path, stamped, Stamp(name, digest, stamped != text)))
    if problems:
        raise InvalidInput(problems)
    for path, text, stamp in planned:
        if stamp.changed:
            with open(path, "w", encoding="utf-8", newline="") as file:
                file.write(text)
    return [stamp for _, _, stamp in planned]


def _source_of(path: Path, *, root: Path, languages: tuple[str, ...], problems: Problems) -> Path | None:
    """Return the source text of a translation, or record why the path is not a translation."""
    name = relative(path, root)
    if not path.is_file():
        problems.append(Problem(name, None, "", f"no such file; expected the path of a translation, e.g. {EXAMPLE}"))
        return None
    parts = PurePosixPath(name).parts
    source_lang, translations = languages[0], languages[1:]
    if len(parts) == 4 and parts[0] == "modules" or len(parts) == 3 and parts[0] == "exercises":
        # A module's own slides (slides.en.md) are translated from slides.fi.md.
        kind, _, lang = PurePosixPath(parts[-1]).stem.rpartition(".")
        source = PurePosixPath(*parts[:-1], f"{kind + '.' if kind else ''}{source_lang}.md")
    elif len(parts) == 3 and parts[0] == "docs":
        lang, source = parts[1], PurePosixPath("docs", source_lang, parts[2])
    else:
        problems.append(Problem(name, None, "", f"not the text of a module, exercise or site page; expected modules/<track>/<id>/<lang>.md, exercises/<id>/<lang>.md or docs/<lang>/<page>.md, e.g. {EXAMPLE}"))
        return None
    if lang == source_lang:
        problems.append(Problem(name, None, "", f"is the source text, not a translation; expected a translation into {' or '.join(translations)}, e.g. {EXAMPLE}"))
        return None
    if lang not in translations or not name.endswith(".md"):
        problems.append(Problem(name, None, "", f"not a translation into a site language; expected a translation into {' or '.join(translations)}, e.g. {EXAMPLE}"))
        return None
    if not (root / source).is_file():
        problems.append(Problem(name, None, "", f"its source {source} is missing; expected every translation next to its source text"))
        return None
    return root / source


def _with_hash(text: str, digest: str) -> str:
    """Return the text with source_hash set in its front matter; nothing else changes."""
    match = FRONT_MATTER.match(text)
    assert match, "read_document accepted the front matter"
    # Quoted, so that a hash of digits only stays text in YAML.
    line = f'{HASH_KEY}: "{digest}"'
    meta = match.group("meta")
    existing = re.compile(rf"^{HASH_KEY}[ \t]*:[^\r\n]*", re.M)
    if existing.search(meta):
        meta = existing.sub(line, meta, count=1)
    else:
        meta += line + match.group("nl")
    return text[: match.start("meta")] + meta + text[match.end("meta"):]


def _site_languages(root: Path, problems: Problems) -> tuple[str, ...]:
    if not (root / "data" / "site.yml").is_file():
        problems.append(Problem("data/site.yml", None, "", f"file is missing in {root.resolve()}; expected the project folder, e.g. --root path/to/mentorkit"))
        return ()
    source = problems.attempt(lambda: read_yaml(root / "data" / "site.yml", root=root))
    if source is None:
        return ()
    languages = source.data.get("languages") if isinstance(source.data, dict) else None
    if not isinstance(languages, list) or len(languages) < 2:
        problems.append(Problem("data/site.yml", None, "languages", "no languages to translate between; expected the source language first, then the translations, e.g. languages: [fi, en]"))
        return ()
    return tuple(map(str, languages))


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as file:
        return file.read()
