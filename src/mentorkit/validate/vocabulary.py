"""Validate the vocabularies and site settings of data/ into a Library without content yet."""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorkit.errors import Problem
from mentorkit.load.tree import DATA_FILES, Tree
from mentorkit.load.yamlsource import Source
from mentorkit.model import Accessibility, Authority, Conformance, Dimension, Evidence, Gate, GateRun, Labelled, Library, Privacy, Reference, Scale, Site, Term, Theme
from mentorkit.validate.collect import Problems, localise
from mentorkit.validate.schema import check_schema
from mentorkit.validate.requirements import check_site_languages, check_site_pages, check_status_claim, check_ui_strings


def validate_vocabularies(tree: Tree, problems: Problems) -> tuple[Library, tuple[dict[str, Any], ...]] | None:
    """Return the library's vocabularies (no content yet) and site.yml's page entries; None when too broken."""
    sources = {}
    for name in DATA_FILES:
        source = _valid(tree, name, schema=f"data#/$defs/{name}", problems=problems)
        if source is not None:
            sources[name] = source
    if "site" not in sources:
        return None
    site_source = sources["site"]
    problems.extend(check_site_pages(site_source) + check_site_languages(site_source))
    langs = tuple(site_source.data["languages"])
    ui = _validate_ui(tree, languages=langs, problems=problems)
    if len(sources) < 7 or ui is None:
        return None

    def loc(source: Source, path, value):
        return localise(source, path, value, languages=langs, problems=problems)

    s = site_source.data
    a, p = s["accessibility"], s["privacy"]

    def authority(path: tuple, value: dict) -> Authority:
        return Authority(loc(site_source, path + ("name",), value["name"]), value["url"], value.get("email"), value.get("phone"), value.get("address"))

    site = Site(
        site_url=s["site_url"],
        languages=langs,
        owner_name=loc(site_source, ("owner", "name"), s["owner"]["name"]),
        owner_email=s["owner"]["email"],
        accessibility=Accessibility(
            prepared=_as_date(a["prepared"]),
            reviewed=_as_date(a["reviewed"]),
            feedback_email=a["feedback_email"],
            reply_days=a["reply_days"],
            supervisor=authority(("accessibility", "supervisor"), a["supervisor"]),
            status=Conformance(a["status"]),
            evidence=_evidence(tree, problems),
        ),
        privacy=Privacy(
            controller=loc(site_source, ("privacy", "controller"), p["controller"]),
            email=p["email"],
            retention_months=p["retention_months"],
            authority=authority(("privacy", "authority"), p["authority"]),
            business_id=p.get("business_id"),
            address=p.get("address"),
            dpo_email=p.get("dpo_email"),
        ),
    )
    problems.extend(check_status_claim(site_source, site.accessibility))
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
        glossary[t["id"]] = Term(t["id"], {lang: t[lang]["term"] for lang in langs}, {lang: t[lang]["definition"] for lang in langs}, t["sv"]["term"] if "sv" in t else None)
    src = sources["references"]
    references = {r["id"]: Reference(r["id"], r["citation"], r.get("doi"), r.get("url"), loc(src, (i, "about"), r["about"])) for i, r in enumerate(src.data)}
    methods = {m["id"]: Labelled(m["id"], loc(sources["methods"], (i, "label"), m["label"])) for i, m in enumerate(sources["methods"].data)}
    materials = {m["id"]: Labelled(m["id"], loc(sources["materials"], (i, "label"), m["label"])) for i, m in enumerate(sources["materials"].data)}
    for name, source in sources.items():
        items = source.data if isinstance(source.data, list) else source.data.get("dimensions", source.data.get("pages", []))
        _check_unique_ids(source, items, problems, prefix=() if isinstance(source.data, list) else ("dimensions" if name == "dimensions" else "pages",))
    library = Library(
        root=tree.root,
        site=site,
        modules=(),
        exercises={},
        pages=(),
        themes=themes,
        dimensions=dims,
        scale=scale,
        glossary=glossary,
        references=references,
        methods=methods,
        materials=materials,
        ui=ui,
        digests=tree.digests,
    )
    return library, tuple(s["pages"])


def _validate_ui(tree: Tree, *, languages: tuple[str, ...], problems: Problems) -> dict[str, dict[str, str]] | None:
    ui: dict[str, dict[str, str]] = {}
    sources: dict[str, Source] = {}
    for lang in languages:
        source = _valid(tree, f"ui/{lang}", schema="data#/$defs/ui", problems=problems)
        if source is not None:
            ui[lang], sources[lang] = dict(source.data), source
    if len(ui) != len(languages):
        return None
    problems.extend(check_ui_strings(sources))
    return ui


def _valid(tree: Tree, name: str, *, schema: str, problems: Problems) -> Source | None:
    """Return a data file that exists and meets its schema; record its problems otherwise."""
    file = f"data/{name}.yml"
    if file not in tree.present:
        problems.append(Problem(file, None, "", "file is missing; expected it to exist (see CONTENT.md)"))
        return None
    source = tree.data.get(name)
    if source is None:
        return None  # unreadable: loading recorded why
    found = check_schema(source, schema)
    problems.extend(found)
    return None if found else source


EVIDENCE = "accessibility-evidence"
"""data/accessibility-evidence.yml: the gates' runs, written by the tests (tests/evidence.py)."""


def _evidence(tree: Tree, problems: Problems) -> Evidence:
    """Return the gates' recorded runs; none when the file is absent or invalid (its problems recorded)."""
    if f"data/{EVIDENCE}.yml" not in tree.present:
        return Evidence()
    source = _valid(tree, EVIDENCE, schema=f"data#/$defs/{EVIDENCE}", problems=problems)
    if source is None:
        return Evidence()
    return Evidence(tuple(
        GateRun(Gate(r["gate"]), r["tool"], _as_date(r["checked"]), r["variant"], r["items"], tuple(r["failures"]), r["complete"])
        for r in source.data["runs"]
    ))


def _check_unique_ids(source: Source, items, problems: Problems, *, prefix) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict) or "id" not in item:
            continue
        if item["id"] in seen:
            problems.append(source.problem(prefix + (index, "id"), f"'{item['id']}' is used twice (first as item {seen[item['id']] + 1}); expected a unique id"))
        seen.setdefault(item["id"], index)


def _as_date(value: object) -> date:
    # The schema checked the format; dates are read as text (load/yamlsource.py says why).
    return value if isinstance(value, date) else date.fromisoformat(str(value))
