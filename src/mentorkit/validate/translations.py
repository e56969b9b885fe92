"""Compare each translation with its source text: structure at parity, and drift since it was stamped.

Parity is checked on what the model already holds (list items, headings, teaching blocks, links by
id). Drift needs the source file's text: a translation records, in its front matter, a short hash of
the source text it was translated from (`source_hash`, written by `mentorkit stamp-translation`).
"""

from __future__ import annotations

import hashlib
from functools import partial
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mentorkit.command import COMMAND
from mentorkit.errors import InvalidInput, Problem
from mentorkit.validate.collect import Problems
from mentorkit.validate.body import id_links
from mentorkit.validate.markup import parse_body
from mentorkit.load.yamlsource import Document, ProblemFound, read_document
from mentorkit.model import Body, Library

HASH_KEY = "source_hash"
HASH_LENGTH = 12
LIST_NOUNS = {"objectives": "objectives", "keypoints": "key points", "steps": "steps", "debrief": "debrief questions"}


@dataclass(frozen=True)
class TextPair:
    """A translation and the source text it is translated from."""

    source: Body
    translation: Body
    lists: tuple[tuple[str, int, int], ...]
    """Per list key of the front matter: (key, items in the source, items in the translation)."""

    @property
    def source_file(self) -> str:
        """Return the source's path relative to the project."""
        return self.source.file

    @property
    def translation_file(self) -> str:
        """Return the translation's path relative to the project."""
        return self.translation.file


@dataclass(frozen=True)
class TranslationReview:
    """What comparing every translation with its source found."""

    problems: tuple[Problem, ...]
    """Structure that differs from the source: these fail the check."""
    drifted: tuple[Problem, ...]
    """Translations whose source changed since they were stamped."""
    unstamped: tuple[Problem, ...]
    """Translations that were never stamped."""
    checked: int


@dataclass(frozen=True)
class _Mark:
    """A heading or teaching block of a body, with its line in the file."""

    label: str
    value: object
    line: int


def hash_source(text: str) -> str:
    """Return the stamp of a source text: the start of the SHA-256 of its normalised text.

    Line endings and trailing whitespace are normalised away, so that an editor that changes
    them does not make every translation look out of date.
    """
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    normal = "\n".join(line.rstrip() for line in lines).rstrip("\n") + "\n"
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def text_pairs(library: Library) -> Iterator[TextPair]:
    """Yield every translation of a module, exercise and site page with its source text."""
    source, *others = library.site.languages
    for module in library.modules:
        for lang in others:
            m, n = module.text[source], module.text[lang]
            lists = (("objectives", len(m.objectives), len(n.objectives)), ("keypoints", len(m.keypoints), len(n.keypoints)))
            yield TextPair(m.body, n.body, lists)
            if m.slides and n.slides:  # a module's own slides are at parity with their source like its text
                yield TextPair(m.slides, n.slides, ())
    for exercise in library.exercises.values():
        for lang in others:
            e, f = exercise.text[source], exercise.text[lang]
            lists = (("steps", len(e.steps), len(f.steps)), ("debrief", len(e.debrief), len(f.debrief)))
            yield TextPair(e.body, f.body, lists)
    for page in library.pages:
        for lang in others:
            p, q = page.text[source], page.text[lang]
            yield TextPair(p.body, q.body, ())


def review_translations(library: Library) -> TranslationReview:
    """Compare every translation with its source: structure at parity, stamps up to date."""
    root = Path(library.root)
    problems = Problems()
    drifted: list[Problem] = []
    unstamped: list[Problem] = []
    pairs = list(text_pairs(library))
    for source_file in sorted({pair.source_file for pair in pairs}):
        document = problems.attempt(lambda: read_document(root / source_file, root=root))
        if document is not None and isinstance(document.meta.data, dict) and HASH_KEY in document.meta.data:
            problems.append(document.meta.problem((HASH_KEY,), f"a source text has no source; expected {HASH_KEY} only in translations (remove it here)"))
    for pair in pairs:
        document = problems.attempt(partial(read_document, root / pair.translation_file, root=root))
        source_text = (root / pair.source_file).read_text(encoding="utf-8")
        if document is None:
            continue
        problems.extend(_list_problems(pair, document))
        problems.extend(_body_problems(pair))
        stamped, current = _stamps(document, source_text)
        if stamped is None:
            unstamped.append(_unstamped(pair))
        elif stamped != current:
            drifted.append(_drifted(pair, document, stamped=stamped, current=current))
    return TranslationReview(tuple(problems), tuple(drifted), tuple(unstamped), len(pairs))


def drifted_translations(library: Library) -> list[str]:
    """Return each translation whose source text changed since it was stamped (drift alone: quick enough for every build)."""
    root = Path(library.root)
    drifted = []
    for pair in text_pairs(library):
        try:
            document = read_document(root / pair.translation_file, root=root)
            source_text = (root / pair.source_file).read_text(encoding="utf-8")
        except (ProblemFound, OSError, ValueError):  # reported by check; drift is only a reminder
            continue
        stamped, current = _stamps(document, source_text)
        if stamped is not None and stamped != current:
            drifted.append(pair.translation_file)
    return drifted


def drift_reminder(files: list[str], *, shown: int = 3) -> str:
    """Return the one line that names drifted translations (the first few) and how to clear them."""
    names = ", ".join(files[:shown]) + (f" and {len(files) - shown} more" if len(files) > shown else "")
    count = f"{len(files)} translation{'s' if len(files) != 1 else ''}"
    return f"warning: {count} out of date with the Finnish text: {names}; update, then: {COMMAND} stamp-translation FILE (make check lists them)"


def _stamps(document: Document, source_text: str) -> tuple[str | None, str]:
    """Return the stamp a translation records and the stamp its source text has now."""
    stamped = document.meta.data.get(HASH_KEY) if isinstance(document.meta.data, dict) else None
    return stamped, hash_source(source_text)


def check_translations(library: Library) -> list[str]:
    """Raise InvalidInput if a translation's structure differs from its source; return the drift report."""
    review = review_translations(library)
    if review.problems:
        raise InvalidInput(review.problems)
    source = library.site.languages[0]
    current = review.checked - len(review.drifted) - len(review.unstamped)
    summary = f"Translations: {review.checked} compared with {source}: {current} up to date"
    if review.drifted:
        summary += f", {len(review.drifted)} drifted"
    if review.unstamped:
        summary += f", {len(review.unstamped)} not yet stamped"
    return [*map(str, review.drifted + review.unstamped), summary]


def _list_problems(pair: TextPair, document: Document) -> Iterator[Problem]:
    for key, expected, found in pair.lists:
        if found != expected:
            yield document.meta.problem(
                (key,),
                f"has {_count(found, 'item')}, but {_name(pair)} has {expected}; "
                f"expected the same number of {LIST_NOUNS[key]} in every language, one for each item of {_name(pair)}",
            )


def _body_problems(pair: TextPair) -> Iterator[Problem]:
    source, translation = _outline(pair.source), _outline(pair.translation)
    yield from _first_difference(pair, source[0], translation[0], noun="heading", rule="the same headings at the same levels, in the same order,")
    yield from _first_difference(pair, source[1], translation[1], noun="teaching block", rule="the same teaching blocks in the same order")
    rule = f"expected the same links by id as {_name(pair)}"
    for target, line in source[2].items():
        if target not in translation[2]:
            yield Problem(pair.translation_file, _counterpart_line(pair, line), "body", f"no link to {target} ({_name(pair)} links to it on line {line}); {rule}")
    for target, line in translation[2].items():
        if target not in source[2]:
            yield Problem(pair.translation_file, line, "body", f"link to {target}, which {_name(pair)} does not have; {rule}")


def _first_difference(pair: TextPair, source: list[_Mark], translation: list[_Mark], *, noun: str, rule: str) -> Iterator[Problem]:
    """Yield a problem at the first position where the two sequences differ, if they do."""
    expected = f"expected {rule} as {_name(pair)}"
    for index in range(max(len(source), len(translation))):
        n = index + 1
        if index >= len(translation):
            mark = source[index]
            yield Problem(pair.translation_file, _counterpart_line(pair, mark.line), "body", f"{noun} {n} is missing ({_name(pair)} has {mark.label} on line {mark.line}); {expected}")
            return
        mark = translation[index]
        if index >= len(source):
            yield Problem(pair.translation_file, mark.line, "body", f"{noun} {n} {mark.label} has no counterpart ({_name(pair)} has {_count(len(source), noun)}); {expected}")
            return
        other = source[index]
        if mark.value != other.value:
            if noun == "heading":
                what = f"{noun} {n} {mark.label} is level {mark.value}, but {_name(pair)} has level {other.value} ({other.label}, line {other.line})"
            else:
                what = f"{noun} {n} is {mark.label}, but {_name(pair)} has {other.label} (line {other.line})"
            yield Problem(pair.translation_file, mark.line, "body", f"{what}; {expected}")
            return


def _outline(body: Body) -> tuple[list[_Mark], list[_Mark], dict[str, int]]:
    """Return a body's headings, teaching blocks and id links (target → first line)."""
    headings: list[_Mark] = []
    blocks: list[_Mark] = []
    links: dict[str, int] = {}
    parsed = parse_body(body.markdown)
    for heading in parsed.headings:
        headings.append(_Mark(f"'{'#' * heading.level} {heading.text}'", heading.level, body.first_line + heading.line))
    for block in parsed.blocks:
        if block.type:
            blocks.append(_Mark(f"'{block.type}'", block.type, body.first_line + block.line))
    for link in id_links(body.markdown, first_line=body.first_line):
        # Anchors are headings of the target's language, so they differ between translations.
        links.setdefault(f"{link.kind}:{link.id}", link.line)
    return headings, blocks, links


def _unstamped(pair: TextPair) -> Problem:
    source, name = _name(pair), PurePosixPath(pair.translation_file).name
    return Problem(pair.translation_file, None, HASH_KEY, f"not yet stamped; once {name} says what {source} says, record it: {COMMAND} stamp-translation {pair.translation_file}")


def _drifted(pair: TextPair, document: Document, *, stamped: str, current: str) -> Problem:
    source, name = _name(pair), PurePosixPath(pair.translation_file).name
    return document.meta.problem(
        (HASH_KEY,),
        f"drifted: {source} changed since {name} was translated (stamped {stamped}, {source} is now {current}); "
        f"update {name}, then: {COMMAND} stamp-translation {pair.translation_file}",
    )


def _counterpart_line(pair: TextPair, source_line: int) -> int:
    """Return the translation's line at the same place in the body as a line of the source.

    Translations are written paragraph by paragraph, so this is usually the right line; the
    message also names the source's line.
    """
    offset = source_line - pair.source.first_line
    last = pair.translation.first_line + max(len(pair.translation.markdown.splitlines()) - 1, 0)
    return min(pair.translation.first_line + offset, last)


def _name(pair: TextPair) -> str:
    """Return how a message names the source: its file name when it is in the same folder."""
    source, translation = PurePosixPath(pair.source_file), PurePosixPath(pair.translation_file)
    return source.name if source.parent == translation.parent else pair.source_file


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
