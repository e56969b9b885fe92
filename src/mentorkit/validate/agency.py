"""Validate agency goal definitions (DESIGN.md, a contract) against their schema and the library."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any
from datetime import date
from pathlib import Path

from mentorkit.command import COMMAND
from mentorkit.errors import InvalidInput, Problem
from mentorkit.validate.collect import Problems, construct, localise, unknown_id
from mentorkit.validate.schema import check_schema
from mentorkit.validate.text import check_source_text
from mentorkit.load.definitions import Definition, read_definitions
from mentorkit.load.yamlsource import Source
from mentorkit.model import Agency, Commitment, Contact, Goal, Library, Publisher, Session
from mentorkit.selection import select_modules
from mentorkit.validate.followups import check_plan_from, read_follow_ups, read_state, warn_withheld
from mentorkit.validate.relations import check_relations
from mentorkit.validate.requirements import check_agency_id, template_leftovers

log = logging.getLogger(__name__)


def load_agencies(paths: list[Path], *, library: Library, root: Path) -> list[Agency]:
    """Read and validate every definition; raise InvalidInput with the problems of all of them."""
    definitions, problems = read_definitions(paths, root=root)
    return validate_agencies(definitions, library=library, problems=problems)


def validate_agencies(definitions: list[Definition], *, library: Library, problems: Iterable[Problem] = ()) -> list[Agency]:
    """Check every definition as read; raise InvalidInput with the problems of all of them."""
    found = Problems(problems)
    agencies: list[Agency] = []
    seen: dict[str, str] = {}
    for definition in definitions:
        source = definition.source
        agency = _validate_definition(definition, library=library, problems=found)
        if agency is None:
            continue
        if agency.id in seen:
            found.append(source.problem(("id",), f"'{agency.id}' is also the id of {seen[agency.id]}; expected a different id for each agency"))
            continue
        seen[agency.id] = source.file
        for leftover in template_leftovers(source):
            log.warning("warning: %s", leftover)
        agencies.append(agency)
    if found:
        raise InvalidInput(found)
    return agencies


def _validate_definition(definition: Definition, *, library: Library, problems: Problems) -> Agency | None:
    """Return the Agency a definition states, or None after recording why it cannot be one."""
    source = definition.source
    if not isinstance(source.data, dict):
        problems.append(Problem(source.file, 1, "", f"not a goal definition; expected a mapping of keys, e.g. schema: 1 (see `{COMMAND} new-agency`)"))
        return None
    found = check_schema(source, "agency") + check_agency_id(source) + check_source_text(source)
    problems.extend(found)
    # Names the library does not know are reported with the schema's problems, so one run shows every mistake.
    unknown = _unknown_names(source, library=library)
    problems.extend(unknown)
    if found:
        return None
    before = len(problems) - len(unknown)
    problems.extend(check_relations(source, library=library))
    data = source.data
    site_langs = library.site.languages
    for index, lang in enumerate(data["languages"]):
        if lang not in site_langs:
            problems.append(source.problem(("languages", index), f"'{lang}' is not a site language; expected one of: {', '.join(site_langs)}"))
    langs = tuple(lang for lang in data["languages"] if lang in site_langs)

    def text(path, value):
        return localise(source, path, value, languages=langs, problems=problems) if value is not None else None

    goals = []
    for index, goal in enumerate(data["goals"]):
        where = ("goals", index)
        goals.append(Goal(
            goal["id"],
            text(where + ("title",), goal["title"]),
            text(where + ("description",), goal.get("description")),
            tuple(goal["themes"]),
            tuple(text(where + ("indicators", i), ind) for i, ind in enumerate(goal.get("indicators", []))),
            text(where + ("support",), goal.get("support")),
            text(where + ("gap",), goal.get("gap")),
            text(where + ("culture_feature",), goal.get("culture_feature")),
            tuple(
                Commitment(text(where + ("commitments", c, "who"), item["who"]) or {}, text(where + ("commitments", c, "what"), item["what"]) or {})
                for c, item in enumerate(goal.get("commitments", []))
            ),
        ))
    state = None
    if "current_state" in data:
        state = read_state(source, data["current_state"], at=("current_state",), library=library, text=text, problems=problems)
    follow_ups = read_follow_ups(source, data.get("follow_ups", []), baseline=state, goals=goals, library=library, text=text, problems=problems)
    check_plan_from(source, data.get("plan_from"), follow_ups=follow_ups, problems=problems)
    edits = data.get("modules", {})
    contacts = tuple(
        Contact(c["name"], text(("contacts", i, "role"), c.get("role")), c.get("email")) for i, c in enumerate(data.get("contacts", []))
    )
    sessions = []
    for index, session in enumerate(data.get("schedule", [])):
        where = ("schedule", index)
        sessions.append(Session(session["module"], date.fromisoformat(session["date"]), session["start"], session["end"], text(where + ("place",), session.get("place"))))
    name = text(("name",), data["name"])
    publisher = None
    if "publisher" in data:
        publisher = construct(Publisher, data["publisher"], name=text(("publisher", "name"), data["publisher"]["name"]))
    if len(problems) > before:
        return None
    agency = Agency(
        id=data["id"],
        name=name,
        languages=langs,
        round=str(data["round"]) if "round" in data else None,
        share_with_cohort=data.get("share_with_cohort", False),
        contacts=contacts,
        current_state=state,
        goals=tuple(goals),
        add=tuple(edits.get("add", [])),
        omit=tuple(edits.get("omit", [])),
        schedule=tuple(sessions),
        source=source.file,
        digest=definition.digest,
        modified_ns=source.modified_ns,
        publisher=publisher,
        follow_ups=follow_ups,
        plan_from=data.get("plan_from"),
    )
    _check_schedule_selected(source, agency, library=library, problems=problems)
    if len(problems) > before:
        return None
    warn_withheld(source, baseline=state, follow_ups=follow_ups)
    return agency


def _check_schedule_selected(source: Source, agency: Agency, *, library: Library, problems: Problems) -> None:
    selected = [choice.module for choice in select_modules(library, agency)[0]]
    for index, session in enumerate(agency.schedule):
        if session.module not in selected:
            problems.append(source.problem(("schedule", index, "module"), f"'{session.module}' is not in the agency's selection; expected a selected module, or add it, e.g. modules: {{add: [{session.module}]}}"))


def _unknown_names(source: Source, *, library: Library) -> list[Problem]:
    """Return each theme, dimension and module a definition names that the library lacks, wherever its shape allows reading it."""
    data = source.data
    module_ids = [m.id for m in library.modules]
    found: list[tuple[tuple, str]] = []
    for index, goal in _items(data.get("goals")):
        for t, theme in _items(goal.get("themes") if isinstance(goal, dict) else None):
            if isinstance(theme, str) and theme not in library.themes:
                found.append((("goals", index, "themes", t), _unknown(theme, "goal theme", library.themes, "data/themes.yml")))
    state = data.get("current_state")
    ratings = state.get("ratings") if isinstance(state, dict) else None
    for key in ratings if isinstance(ratings, dict) else ():
        if isinstance(key, str) and key not in library.dimensions:
            found.append((("current_state", "ratings", key), _unknown(str(key), "self-assessment dimension", library.dimensions, "data/dimensions.yml")))
    edits = data.get("modules")
    for key in ("add", "omit"):
        for index, item in _items(edits.get(key) if isinstance(edits, dict) else None):
            if isinstance(item, str) and item not in module_ids:
                found.append((("modules", key, index), _unknown(item, "module", module_ids, "modules/")))
    for index, session in _items(data.get("schedule")):
        module = session.get("module") if isinstance(session, dict) else None
        if isinstance(module, str) and module not in module_ids:
            found.append((("schedule", index, "module"), _unknown(module, "module", module_ids, "modules/")))
    return [source.problem(path, message) for path, message in found]


def _items(value) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def _unknown(value: str, noun: str, known, where: str) -> str:
    return unknown_id(value, known, where=where, what=f"is not a {noun}")

