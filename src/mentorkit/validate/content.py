"""Validate the whole library (modules, exercises, pages, vocabularies) as read, all problems at once."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from mentorkit.errors import InvalidInput, Problem
from mentorkit.validate.sitesettings import read_site_settings
from mentorkit.validate.collect import Problems, construct, unknown_id
from mentorkit.validate.body import check_body, id_links
from mentorkit.validate.schema import check_schema
from mentorkit.validate.vocabulary import validate_vocabularies
from mentorkit.load.tree import Folder, Tree, read_tree
from mentorkit.load.yamlsource import Document, Source
from mentorkit.validate.plans import check_event_pages, validate_training_plans
from mentorkit.validate.templates import check_cards, validate_template
from mentorkit.model import (
    Body,
    Exercise,
    ExerciseText,
    GroupSize,
    Library,
    Module,
    ModuleText,
    Page,
    PageKind,
    PageText,
    Track,
    HANDOUT_PARTS,
)
from mentorkit.validate.figures import check_figures
from mentorkit.validate.safety import check_anchor_links, check_body_safety, check_ids, check_text_links, check_texts
from mentorkit.validate.requirements import example_addresses, example_privacy, supervisor_contacts

log = logging.getLogger(__name__)

FACTS = {
    "module": ("id", "track", "order", "duration_min", "core", "themes", "dimensions", "exercises", "sources", "handouts"),
    "exercise": ("duration_min", "group_size", "method", "materials", "between_sessions", "id"),
}


def load_library(root: Path) -> Library:
    """Read and validate all the material under root and its site settings (mkdocs.yml); raise InvalidInput listing every problem."""
    settings, digests, problems = read_site_settings(root)
    try:
        library = validate_library(read_tree(root))
    except InvalidInput as error:
        raise InvalidInput([*error.problems, *problems]) from None
    if problems:
        raise InvalidInput(problems)
    return replace(library, settings=settings, digests={**library.digests, **digests})


def validate_library(tree: Tree) -> Library:
    """Check everything read and return the Library; raise InvalidInput listing every problem."""
    problems = Problems(tree.problems)
    problems.extend(check_figures(tree.figures))
    # Every text of data/ reaches a page (the glossary, references, themes, plans): each is checked like the material's.
    # The interface strings are checked with their placeholders (validate/requirements.py).
    for name, source in sorted(tree.data.items()):
        if not name.startswith("ui/"):
            problems.extend(check_texts(source))
    found = validate_vocabularies(tree, problems)
    if found is None:
        raise InvalidInput(problems)
    vocab, entries = found
    problems.extend(check_ids(tree, page_ids=[entry["id"] for entry in entries], languages=vocab.site.languages))
    # Links are checked against every id that has a folder, so that one broken translation does not
    # also turn every link to its module into a second, misleading error.
    known = {
        "module": {f.name for f in tree.modules if f"{f.path}/module.yml" in tree.present},
        "exercise": {f.name for f in tree.exercises if f"{f.path}/exercise.yml" in tree.present},
        "page": {entry["id"] for entry in entries},
        "ref": set(vocab.references),
        "term": set(vocab.glossary),
    }

    def exists(kind: str, item: str) -> bool:
        return item in known[kind]

    for name, source in sorted(tree.data.items()):
        if not name.startswith("ui/"):
            problems.extend(check_text_links(source, exists=exists))

    exercises = _validate_exercises(tree, vocab, problems, exists=exists)
    modules = _validate_modules(tree, vocab, known["exercise"], problems, exists=exists)
    pages = _validate_pages(tree, vocab, entries, problems, exists=exists)
    before = len(problems)
    plans, events = validate_training_plans(tree, modules=modules, languages=vocab.site.languages, problems=problems)
    if len(problems) == before:  # an unreadable plans file has no events to look for
        problems.extend(check_event_pages(tree.data["site"], events=events))
    problems.extend(check_anchor_links(modules=modules, exercises=exercises.values(), pages=pages, ui=vocab.ui))
    if problems:
        raise InvalidInput(problems)
    site = tree.data["site"]
    for example in sorted((*example_addresses(site), *example_privacy(site), *supervisor_contacts(site)), key=lambda p: p.line or 0):
        log.warning("warning: %s", example)
    return replace(
        vocab,
        modules=tuple(sorted(modules, key=lambda m: (list(Track).index(m.track), m.order))),
        exercises=exercises,
        pages=pages,
        training_plans=plans,
        events=events,
        figures={path: data for path, data in tree.figures.items() if data is not None},
    )


@dataclass(frozen=True)
class _Item:
    """A module or exercise folder read: its facts (None when invalid) and its valid translations."""

    source: Source
    facts: dict | None
    documents: dict[str, Document]
    slides: dict[str, Document]
    """A module's own slides by language, checked like its text (none, or one in every language)."""


def _check_item(folder: Folder, *, kind: str, tree: Tree, vocab: Library, problems: Problems, exists, refs_of=lambda facts: None) -> _Item | None:
    """Check a folder's facts and translations, checking the translations even when the facts are broken."""
    facts_file = f"{folder.path}/{kind}.yml"
    if facts_file not in tree.present:
        problems.append(Problem(facts_file, None, "", f"file is missing; expected every {kind} folder to hold {kind}.yml, fi.md and en.md"))
        return None
    source = folder.facts
    if source is None:
        return None
    invalid = check_schema(source, kind)
    problems.extend(invalid)
    facts = None if invalid else source.data
    documents = {}
    for lang in vocab.site.languages:
        document = _translation(tree, f"{folder.path}/{lang}.md", folder.documents.get(lang), problems=problems, kind=kind)
        if document is None:
            continue
        found = check_schema(document.meta, f"{kind}-text", fact_keys=FACTS[kind], facts_file=facts_file)
        problems.extend(found)
        problems.extend(check_body(_body(document), exists=exists, allowed_refs=refs_of(facts) if facts else None))
        problems.extend(check_body_safety(_body(document), figures=_figures_of(tree, folder) if kind == "module" else None) + check_texts(document.meta))
        if not found:
            documents[lang] = document
            for value in document.meta.data.values():
                problems.extend(_check_inline(value, document, exists))
    slides = _check_slides(folder, tree=tree, vocab=vocab, problems=problems, exists=exists, refs=refs_of(facts) if facts else None) if kind == "module" else {}
    return _Item(source, facts, documents, slides)


def _check_slides(folder: Folder, *, tree: Tree, vocab: Library, problems: Problems, exists, refs) -> dict[str, Document]:
    """Check a module's own slides as its text is checked: in every language or none, links, safety."""
    slides = {lang: folder.documents[f"slides.{lang}"] for lang in vocab.site.languages if f"slides.{lang}" in folder.documents}
    for lang in vocab.site.languages:
        if slides and lang not in slides:
            first = next(iter(slides))
            problems.append(Problem(f"{folder.path}/slides.{lang}.md", None, "", f"file is missing; expected a module's own slides in every language once one has them, e.g. slides.{lang}.md beside slides.{first}.md"))
    valid = {}
    for lang, document in slides.items():
        found = check_schema(document.meta, "slides-text") if document.meta.data is not None else []
        problems.extend(found)
        problems.extend(check_body(_body(document), exists=exists, allowed_refs=refs))
        problems.extend(check_body_safety(_body(document), figures=_figures_of(tree, folder)) + check_texts(document.meta))
        if not found:
            valid[lang] = document
    return valid if len(valid) == len(vocab.site.languages) else {}


def _validate_modules(tree: Tree, vocab: Library, exercises: set[str], problems: Problems, *, exists) -> list[Module]:
    modules: list[Module] = []
    positions: dict[tuple[str, int], str] = {}
    for folder in tree.modules:
        item = _check_item(folder, kind="module", tree=tree, vocab=vocab, problems=problems, exists=exists, refs_of=lambda facts: tuple(facts["sources"]))
        if item is None or item.facts is None:
            continue
        source, facts = item.source, item.facts
        if facts["id"] != folder.name:
            problems.append(source.problem(("id",), f"'{facts['id']}' differs from the folder name; expected the folder's name, e.g. id: {folder.name}"))
        if facts["track"] != folder.parent:
            problems.append(source.problem(("track",), f"'{facts['track']}' differs from the track folder; expected the parent folder's name, e.g. track: {folder.parent}"))
        for key, known, where in (
            ("themes", vocab.themes, "data/themes.yml"),
            ("dimensions", vocab.dimensions, "data/dimensions.yml"),
            ("exercises", exercises, "exercises/"),
            ("sources", vocab.references, "data/references.yml"),
            ("handouts", HANDOUT_PARTS, "the workshop handouts' parts"),
        ):
            for index, value in enumerate(facts.get(key, ())):
                if value not in known:
                    problems.append(source.problem((key, index), unknown_id(value, known, where=where)))
        position = (facts["track"], facts["order"])
        if position in positions:
            problems.append(source.problem(("order",), f"{facts['order']} is already the order of {positions[position]}; expected a unique position in the track"))
        positions.setdefault(position, facts["id"])
        if len(item.documents) == len(vocab.site.languages):
            text = {lang: construct(ModuleText, d.meta.data, body=_body(d), slides=_body(item.slides[lang]) if item.slides else None) for lang, d in item.documents.items()}
            modules.append(construct(Module, facts, track=Track(facts["track"]), text=text))
    return modules


def _validate_exercises(tree: Tree, vocab: Library, problems: Problems, *, exists) -> dict[str, Exercise]:
    exercises: dict[str, Exercise] = {}
    for folder in tree.exercises:
        item = _check_item(folder, kind="exercise", tree=tree, vocab=vocab, problems=problems, exists=exists)
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
            text = {lang: construct(ExerciseText, d.meta.data, body=_body(d)) for lang, d in item.documents.items()}
            template = validate_template(source, facts.get("template"), languages=vocab.site.languages, problems=problems)
            check_cards(source, template, text={lang: t.body.markdown for lang, t in text.items()}, problems=problems)
            exercises[folder.name] = construct(Exercise, facts, id=folder.name, group_size=group, between_sessions=facts.get("between_sessions", False), text=text, template=template)
    return exercises


def _validate_pages(tree: Tree, vocab: Library, entries, problems: Problems, *, exists) -> tuple[Page, ...]:
    pages = []
    listed = set()
    for entry in entries:
        listed.add(entry["id"])
        text = {}
        for lang in vocab.site.languages:
            document = _translation(tree, f"docs/{lang}/{entry['id']}.md", tree.pages.get(lang, {}).get(entry["id"]), problems=problems, kind="page")
            if document is None:
                continue
            found = check_schema(document.meta, "page-text")
            problems.extend(found)
            problems.extend(check_body(_body(document), exists=exists))
            problems.extend(check_body_safety(_body(document)) + check_texts(document.meta))
            if not found:
                text[lang] = construct(PageText, document.meta.data, summary=document.meta.data.get("summary"), body=_body(document))
        if len(text) == len(vocab.site.languages):
            generated = PageKind(entry["generated"]) if "generated" in entry else None
            pages.append(Page(entry["id"], generated, entry.get("trainer_only", False), text, entry.get("base_only", False), entry.get("under")))
    for file in tree.page_files:
        lang, _, name = file.removeprefix("docs/").partition("/")
        stem = name.removesuffix(".md")
        if lang in vocab.site.languages and stem not in listed:
            problems.append(Problem(file, None, "", f"page '{stem}' is not listed in data/site.yml pages; expected every page listed there, e.g. - id: {stem}"))
    return tuple(pages)


def _figures_of(tree: Tree, folder: Folder) -> frozenset[str]:
    """Return the names of a module's figures (figures/<name>.svg), as read."""
    prefix = f"{folder.path}/figures/"
    return frozenset(path.removeprefix(prefix).removesuffix(".svg") for path in tree.figures if path.startswith(prefix) and path.endswith(".svg"))


def _translation(tree: Tree, file: str, document: Document | None, *, problems: Problems, kind: str) -> Document | None:
    """Return a translation as read; record it as missing when there is no such file."""
    if file not in tree.present:
        name = file.rpartition("/")[2]
        problems.append(Problem(file, None, "", f"translation is missing; expected every {kind} in every site language, e.g. {name} next to the other languages"))
    return document


def _body(document: Document) -> Body:
    return Body(document.body, document.meta.file, document.body_line)


def _check_inline(value, document: Document, exists) -> list[Problem]:
    """Check the links inside a front-matter text, reported at the line of its key."""
    texts = value if isinstance(value, list) else [value]
    return [
        Problem(document.meta.file, _line_of_text(document, str(text)), "front matter", f"link to {link.kind}:{link.id}, which does not exist; expected the id of an existing {link.kind}")
        for text in texts
        for link in id_links(str(text), first_line=0)
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
