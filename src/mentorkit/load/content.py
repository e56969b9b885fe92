"""Load the whole library (modules, exercises, pages, vocabularies) and check it, all problems at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mentorkit.errors import InvalidInput, Problem
from mentorkit.load.collect import Problems, unknown_id
from mentorkit.load.markdown import check_body, links_in_line
from mentorkit.load.schema import check_schema
from mentorkit.load.vocabulary import Vocabularies, load_vocabularies
from mentorkit.load.yamlsource import Document, Source, read_document, read_yaml, relative
from mentorkit.model import (
    Body,
    Exercise,
    ExerciseText,
    GroupSize,
    Library,
    Module,
    ModuleText,
    Page,
    PageText,
    Track,
)
from mentorkit.validate.figures import check_figures
from mentorkit.validate.requirements import check_readable
from mentorkit.validate.safety import check_anchor_links, check_body_safety, check_content_tree, check_folders, check_front_matter, check_ids, check_markdown_file

FACTS = {
    "module": ("id", "track", "order", "duration_min", "core", "themes", "dimensions", "exercises", "sources"),
    "exercise": ("duration_min", "group_size", "method", "materials", "between_sessions", "id"),
}


def load_library(root: Path) -> Library:
    """Read and check all the material under root; raise InvalidInput listing every problem."""
    root = root.resolve()
    problems = Problems(check_content_tree(root))
    if problems:  # Links out of the project are never followed, so nothing else is read.
        raise InvalidInput(problems)
    problems.extend(check_folders(root) + check_figures(root))
    vocab = load_vocabularies(root, problems)
    if vocab is None:
        raise InvalidInput(problems)
    problems.extend(check_ids(root, page_ids=[entry["id"] for entry in vocab.pages], languages=vocab.site.languages))
    # Links are checked against every id that has a folder, so that one broken translation does not
    # also turn every link to its module into a second, misleading error.
    known = {
        "module": _folder_ids(root / "modules", "module.yml", depth=2),
        "exercise": _folder_ids(root / "exercises", "exercise.yml"),
        "page": {entry["id"] for entry in vocab.pages},
        "ref": set(vocab.references),
        "term": set(vocab.glossary),
    }

    def exists(kind: str, item: str) -> bool:
        return item in known[kind]

    exercises = _load_exercises(root, vocab, problems, exists=exists)
    modules = _load_modules(root, vocab, known["exercise"], problems, exists=exists)
    pages = _load_pages(root, vocab, problems, exists=exists)
    problems.extend(check_anchor_links(modules=modules, exercises=exercises.values(), pages=pages, ui=vocab.ui))
    if problems:
        raise InvalidInput(problems)
    return Library(
        root=str(root),
        site=vocab.site,
        modules=tuple(sorted(modules, key=lambda m: (list(Track).index(m.track), m.order))),
        exercises=exercises,
        pages=pages,
        themes=vocab.themes,
        dimensions=vocab.dimensions,
        scale=vocab.scale,
        glossary=vocab.glossary,
        references=vocab.references,
        methods=vocab.methods,
        materials=vocab.materials,
        ui=vocab.ui,
    )


def _folder_ids(folder: Path, marker: str, *, depth: int = 1) -> set[str]:
    pattern = "/".join(["*"] * depth)
    return {path.name for path in folder.glob(pattern) if (path / marker).exists()}


@dataclass(frozen=True)
class _Item:
    """A module or exercise folder read: its facts (None when invalid) and its valid translations."""

    source: Source
    facts: dict | None
    documents: dict[str, Document]


def _read_item(folder: Path, *, kind: str, root: Path, vocab: Vocabularies, problems: Problems, exists, refs_of=lambda facts: None) -> _Item | None:
    """Read a folder's facts and translations, checking the translations even when the facts are broken."""
    facts_path = folder / f"{kind}.yml"
    if not facts_path.exists():
        problems.append(Problem(relative(facts_path, root), None, "", f"file is missing; expected every {kind} folder to hold {kind}.yml, fi.md and en.md"))
        return None
    unreadable = check_readable(facts_path, root=root)
    problems.extend(unreadable)
    source = None if unreadable else problems.attempt(lambda: read_yaml(facts_path, root=root))
    if source is None:
        return None
    invalid = check_schema(source, kind)
    problems.extend(invalid)
    facts = None if invalid else source.data
    documents = {}
    for lang in vocab.site.languages:
        document = _read_translation(folder / f"{lang}.md", root=root, problems=problems, kind=kind)
        if document is None:
            continue
        found = check_schema(document.meta, f"{kind}-text", fact_keys=FACTS[kind], facts_file=relative(facts_path, root))
        problems.extend(found)
        problems.extend(check_body(_body(document), exists=exists, allowed_refs=refs_of(facts) if facts else None))
        problems.extend(check_body_safety(_body(document), figures=frozenset(p.stem for p in (folder / "figures").glob("*.svg")) if kind == "module" else None) + check_front_matter(document.meta))
        if not found:
            documents[lang] = document
            for value in document.meta.data.values():
                problems.extend(_check_inline(value, document, exists))
    return _Item(source, facts, documents)


def _load_modules(root: Path, vocab: Vocabularies, exercises: set[str], problems: Problems, *, exists) -> list[Module]:
    modules: list[Module] = []
    positions: dict[tuple[str, int], str] = {}
    for folder in sorted(p for p in (root / "modules").glob("*/*") if p.is_dir()):
        item = _read_item(folder, kind="module", root=root, vocab=vocab, problems=problems, exists=exists, refs_of=lambda facts: tuple(facts["sources"]))
        if item is None or item.facts is None:
            continue
        source, facts = item.source, item.facts
        if facts["id"] != folder.name:
            problems.append(source.problem(("id",), f"'{facts['id']}' differs from the folder name; expected the folder's name, e.g. id: {folder.name}"))
        if facts["track"] != folder.parent.name:
            problems.append(source.problem(("track",), f"'{facts['track']}' differs from the track folder; expected the parent folder's name, e.g. track: {folder.parent.name}"))
        for key, known, where in (
            ("themes", vocab.themes, "data/themes.yml"),
            ("dimensions", vocab.dimensions, "data/dimensions.yml"),
            ("exercises", exercises, "exercises/"),
            ("sources", vocab.references, "data/references.yml"),
        ):
            for index, value in enumerate(facts[key]):
                if value not in known:
                    problems.append(source.problem((key, index), unknown_id(value, known, where=where)))
        position = (facts["track"], facts["order"])
        if position in positions:
            problems.append(source.problem(("order",), f"{facts['order']} is already the order of {positions[position]}; expected a unique position in the track"))
        positions.setdefault(position, facts["id"])
        if len(item.documents) == len(vocab.site.languages):
            text = {
                lang: ModuleText(d.meta.data["title"], d.meta.data["summary"], tuple(d.meta.data["objectives"]), tuple(d.meta.data["keypoints"]), _body(d))
                for lang, d in item.documents.items()
            }
            modules.append(Module(facts["id"], Track(facts["track"]), facts["order"], facts["duration_min"], facts["core"], tuple(facts["themes"]), tuple(facts["dimensions"]), tuple(facts["exercises"]), tuple(facts["sources"]), text))
    return modules


def _load_exercises(root: Path, vocab: Vocabularies, problems: Problems, *, exists) -> dict[str, Exercise]:
    exercises: dict[str, Exercise] = {}
    for folder in sorted(p for p in (root / "exercises").glob("*") if p.is_dir()):
        item = _read_item(folder, kind="exercise", root=root, vocab=vocab, problems=problems, exists=exists)
        if item is None or item.facts is None:
            continue
        source, facts = item.source, item.facts
        if facts["method"] not in vocab.methods:
            problems.append(source.problem(("method",), unknown_id(facts["method"], vocab.methods, where="data/methods.yml")))
        for index, value in enumerate(facts["materials"]):
            if value not in vocab.materials:
                problems.append(source.problem(("materials", index), unknown_id(value, vocab.materials, where="data/materials.yml")))
        size = facts["group_size"]
        group = GroupSize(size, size) if isinstance(size, int) else GroupSize(size["min"], size["max"])
        if group.min > group.max:
            problems.append(source.problem(("group_size",), f"min {group.min} is larger than max {group.max}; expected min ≤ max, e.g. {{min: 3, max: 6}}"))
        if len(item.documents) == len(vocab.site.languages):
            text = {
                lang: ExerciseText(m["title"], m["summary"], m["purpose"], tuple(m["steps"]), m["remote"], tuple(m["debrief"]), _body(d))
                for lang, d in item.documents.items()
                for m in [d.meta.data]
            }
            exercises[folder.name] = Exercise(folder.name, facts["duration_min"], group, facts["method"], tuple(facts["materials"]), facts.get("between_sessions", False), text)
    return exercises


def _load_pages(root: Path, vocab: Vocabularies, problems: Problems, *, exists) -> tuple[Page, ...]:
    pages = []
    listed = set()
    for entry in vocab.pages:
        listed.add(entry["id"])
        text = {}
        for lang in vocab.site.languages:
            document = _read_translation(root / "docs" / lang / f"{entry['id']}.md", root=root, problems=problems, kind="page")
            if document is None:
                continue
            found = check_schema(document.meta, "page-text")
            problems.extend(found)
            problems.extend(check_body(_body(document), exists=exists))
            problems.extend(check_body_safety(_body(document)) + check_front_matter(document.meta))
            if not found:
                text[lang] = PageText(document.meta.data["title"], document.meta.data.get("summary"), _body(document))
        if len(text) == len(vocab.site.languages):
            pages.append(Page(entry["id"], entry.get("generated"), entry.get("trainer_only", False), text))
    for lang in vocab.site.languages:
        for path in sorted((root / "docs" / lang).glob("*.md")):
            if path.stem not in listed:
                problems.append(Problem(relative(path, root), None, "", f"page '{path.stem}' is not listed in data/site.yml pages; expected every page listed there, e.g. - id: {path.stem}"))
    return tuple(pages)


def _read_translation(path: Path, *, root: Path, problems: Problems, kind: str) -> Document | None:
    if not path.exists():
        problems.append(Problem(relative(path, root), None, "", f"translation is missing; expected every {kind} in every site language, e.g. {path.name} next to the other languages"))
        return None
    unsafe = check_markdown_file(path, root=root)
    problems.extend(unsafe)
    return None if unsafe else problems.attempt(lambda: read_document(path, root=root))


def _body(document: Document) -> Body:
    return Body(document.body, document.meta.file, document.body_line)


def _check_inline(value, document: Document, exists) -> list[Problem]:
    """Check the links inside a front-matter text, reported at the line of its key."""
    texts = value if isinstance(value, list) else [value]
    return [
        Problem(document.meta.file, _line_of_text(document, str(text)), "front matter", f"link to {link.kind}:{link.id}, which does not exist; expected the id of an existing {link.kind}")
        for text in texts
        for link in links_in_line(str(text), 0)
        if not exists(link.kind, link.id)
    ]


def _line_of_text(document: Document, text: str) -> int | None:
    for path, line in document.meta.lines.items():
        value = document.meta.data
        try:
            for part in path:
                value = value[part]
        except (KeyError, IndexError, TypeError):
            continue
        if value == text:
            return line
    return None
