"""Load the vocabularies and site settings of data/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mentorkit.load.collect import Problems, localise
from mentorkit.load.schema import check_schema
from mentorkit.load.yamlsource import Source, read_yaml
from mentorkit.model import Dimension, Labelled, Reference, Scale, Site, Term, Theme
from mentorkit.validate.requirements import check_readable, check_site_languages, check_site_pages, check_ui_strings


@dataclass(frozen=True)
class Vocabularies:
    """Everything read from data/."""

    site: Site
    pages: tuple[dict, ...]
    themes: dict[str, Theme]
    dimensions: dict[str, Dimension]
    scale: Scale
    glossary: dict[str, Term]
    references: dict[str, Reference]
    methods: dict[str, Labelled]
    materials: dict[str, Labelled]
    ui: dict[str, dict[str, str]]


def load_vocabularies(root: Path, problems: Problems) -> Vocabularies | None:
    """Read data/*.yml; return None when a file is too broken to use."""
    data = root / "data"
    sources = {}
    for name in ("site", "themes", "dimensions", "glossary", "references", "methods", "materials"):
        source = _read_valid(data / f"{name}.yml", schema=f"data#/$defs/{name}", root=root, problems=problems)
        if source is not None:
            sources[name] = source
    if "site" not in sources:
        return None
    site_source = sources["site"]
    problems.extend(check_site_pages(site_source) + check_site_languages(site_source))
    langs = tuple(site_source.data["languages"])
    ui = _load_ui(data / "ui", root=root, languages=langs, problems=problems)
    if len(sources) < 7 or ui is None:
        return None

    def loc(source: Source, path, value):
        return localise(source, path, value, languages=langs, problems=problems)

    s = site_source.data
    site = Site(
        site_url=s["site_url"],
        languages=langs,
        owner_name=loc(site_source, ("owner", "name"), s["owner"]["name"]),
        owner_email=s["owner"]["email"],
        accessibility={**s["accessibility"], "supervisor_name": loc(site_source, ("accessibility", "supervisor", "name"), s["accessibility"]["supervisor"]["name"]), "supervisor_url": s["accessibility"]["supervisor"]["url"]},
        privacy={"controller": loc(site_source, ("privacy", "controller"), s["privacy"]["controller"]), "email": s["privacy"]["email"]},
    )
    src = sources["themes"]
    themes = {t["id"]: Theme(t["id"], loc(src, (i, "label"), t["label"]), loc(src, (i, "description"), t["description"])) for i, t in enumerate(src.data)}
    src = sources["dimensions"]
    dims = {}
    for i, d in enumerate(src.data["dimensions"]):
        base = ("dimensions", i)
        dims[d["id"]] = Dimension(
            d["id"],
            loc(src, base + ("label",), d["label"]),
            loc(src, base + ("covers",), d["covers"]),
            tuple(loc(src, base + ("statements", j), st) for j, st in enumerate(d["statements"])),
        )
    sc = src.data["scale"]
    scale = Scale(sc["min"], sc["max"], {int(k): loc(src, ("scale", "labels", str(k)), v) for k, v in sc["labels"].items()}, loc(src, ("scale", "unknown"), sc["unknown"]))
    src = sources["glossary"]
    glossary = {}
    for i, t in enumerate(src.data):
        missing = [lang for lang in langs if lang not in t]
        if missing:
            problems.append(src.problem((i,), f"term '{t['id']}' has no text in {', '.join(missing)}; expected a term and definition in every language, e.g. {missing[0]}: {{term: …, definition: …}}"))
            continue
        glossary[t["id"]] = Term(t["id"], {lang: t[lang]["term"] for lang in langs}, {lang: t[lang]["definition"] for lang in langs}, t.get("sv"))
    src = sources["references"]
    references = {r["id"]: Reference(r["id"], r["citation"], r.get("doi"), r.get("url"), loc(src, (i, "about"), r["about"])) for i, r in enumerate(src.data)}
    methods = {m["id"]: Labelled(m["id"], loc(sources["methods"], (i, "label"), m["label"])) for i, m in enumerate(sources["methods"].data)}
    materials = {m["id"]: Labelled(m["id"], loc(sources["materials"], (i, "label"), m["label"])) for i, m in enumerate(sources["materials"].data)}
    for name, source in sources.items():
        items = source.data if isinstance(source.data, list) else source.data.get("dimensions", source.data.get("pages", []))
        _check_unique_ids(source, items, problems, prefix=() if isinstance(source.data, list) else ("dimensions" if name == "dimensions" else "pages",))
    return Vocabularies(site, tuple(s["pages"]), themes, dims, scale, glossary, references, methods, materials, ui)


def _load_ui(folder: Path, *, root: Path, languages: tuple[str, ...], problems: Problems) -> dict[str, dict[str, str]] | None:
    ui: dict[str, dict[str, str]] = {}
    sources: dict[str, Source] = {}
    for lang in languages:
        source = _read_valid(folder / f"{lang}.yml", schema="data#/$defs/ui", root=root, problems=problems)
        if source is not None:
            ui[lang], sources[lang] = dict(source.data), source
    if len(ui) != len(languages):
        return None
    problems.extend(check_ui_strings(sources))
    return ui


def _read_valid(path: Path, *, schema: str, root: Path, problems: Problems) -> Source | None:
    """Return a data file that exists and meets its schema; record its problems otherwise."""
    if not path.exists():
        problems.append(_missing_file(path, root))
        return None
    unreadable = check_readable(path, root=root)
    problems.extend(unreadable)
    if unreadable:
        return None
    source = problems.attempt(lambda: read_yaml(path, root=root))
    if source is None:
        return None
    found = check_schema(source, schema)
    problems.extend(found)
    return None if found else source


def _check_unique_ids(source: Source, items, problems: Problems, *, prefix) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict) or "id" not in item:
            continue
        if item["id"] in seen:
            problems.append(source.problem(prefix + (index, "id"), f"'{item['id']}' is used twice (first as item {seen[item['id']] + 1}); expected a unique id"))
        seen.setdefault(item["id"], index)


def _missing_file(path: Path, root: Path):
    from mentorkit.errors import Problem
    from mentorkit.load.yamlsource import relative

    return Problem(relative(path, root), None, "", "file is missing; expected it to exist (see CONTENT.md)")
