"""Check what the build assumes of the data: interface strings, required pages, languages and names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from importlib import resources

import yaml

from babel import Locale, UnknownLocaleError

from mentorkit.command import COMMAND
from mentorkit.errors import Problem
from mentorkit.load.yamlsource import Source
from mentorkit.model import Accessibility
from mentorkit.validate.collect import unknown_id
from mentorkit.validate.uistrings import UI_FAMILIES, UI_STRINGS, placeholders
from mentorkit.validate.safety import check_text_value


def check_ui_strings(sources: dict[str, Source]) -> list[Problem]:
    """Return each interface string that is missing, unknown, or has the wrong placeholders, per language file."""
    problems = []
    for lang, source in sources.items():
        file = source.file
        for key in sorted(set(UI_STRINGS) - set(source.data)):
            problems.append(Problem(file, None, key, f"missing; expected every interface string mentorkit uses, e.g. {key}: {_example(key)}"))
        for key, text in source.data.items():
            line = source.line_of((key,))
            if key.startswith(tuple(UI_FAMILIES)):
                problems += _check_family_string(key, text, sources=sources, lang=lang, file=file, line=line)
                continue
            if key not in UI_STRINGS:
                problems.append(Problem(file, line, key, unknown_id(key, UI_STRINGS, where="the interface strings mentorkit uses", what="is an unknown interface string")))
                continue
            problems += check_text_value(text, file=file, line=line, key=key)
            if key == "locale":
                problems += _check_locale(str(text), lang=lang, file=file, line=line)
            try:
                found = placeholders(text)
            except ValueError as error:
                problems.append(Problem(file, line, key, f"a brace that is not a placeholder ({error}); expected {{name}} placeholders only, e.g. {key}: {_example(key)}"))
                continue
            needed = set(UI_STRINGS[key])
            for name in sorted(found - needed):
                problems.append(Problem(file, line, key, f"unknown placeholder {{{name}}}; expected {_listed(needed)}, e.g. {key}: {_example(key)}"))
            for name in sorted(needed - found):
                problems.append(Problem(file, line, key, f"the placeholder {{{name}}} is missing; expected {_listed(needed)}, e.g. {key}: {_example(key)}"))
    return problems


def _check_locale(text: str, *, lang: str, file: str, line: int) -> list[Problem]:
    """Return a problem when a language's locale is unknown to Babel or belongs to another language."""
    try:
        locale = Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return [Problem(file, line, "locale", f"'{text}' is not a locale the date library (Babel) knows; expected a locale of {lang}, e.g. locale: {lang}_FI")]
    if locale.language != lang:
        return [Problem(file, line, "locale", f"'{text}' is a locale of '{locale.language}', not of {lang}; expected a locale of {lang}, e.g. locale: {lang}_FI")]
    return []


def _check_family_string(key: str, text: str, *, sources: dict[str, Source], lang: str, file: str, line: int) -> list[Problem]:
    """Return the problems of a script's string: text, in every language, with the same placeholders in each."""
    problems = check_text_value(str(text), file=file, line=line or 1, key=key)  # the ui schema has made it a string; every key has a line
    if problems:
        return problems
    try:
        found = placeholders(str(text))
    except ValueError as error:
        return [Problem(file, line, key, f"a brace that is not a placeholder ({error}); expected {{name}} placeholders only, e.g. {key}: \"… {{file}} …\"")]
    for other, source in sources.items():
        if other == lang:
            continue
        if key not in source.data:
            problems.append(Problem(file, line, key, f"has no counterpart in {source.file}; expected every string of {_family(key)} in every language, e.g. {key}: … in {source.file}"))
            continue
        try:
            theirs = placeholders(str(source.data[key]))
        except ValueError:
            continue  # reported on the other file's own line
        if theirs != found:
            problems.append(Problem(file, line, key, f"uses {_listed(found)} but {source.file} uses {_listed(theirs)}; expected the same placeholders in every language"))
    return problems


def _family(key: str) -> str:
    return next(description for prefix, description in UI_FAMILIES.items() if key.startswith(prefix))


def _listed(names: set[str]) -> str:
    return "the placeholders " + ", ".join(f"{{{n}}}" for n in sorted(names)) if names else "no placeholders"


def _example(key: str) -> str:
    names = UI_STRINGS[key]
    return '"' + " ".join(f"{{{n}}}" for n in names) + ' …"' if names else "…"


REQUIRED_PAGES = ("index", "workshop", "mentor", "exercises", "self-assessment", "glossary", "references", "accessibility")
"""Pages the site and the handbooks are built around: the home page, the section pages, and the
chapters every trainer guide and handbook ends with (links to ref: and term: land on the last two)."""
GENERATED_ON = {"track-agenda": ("workshop", "mentor"), "glossary": ("glossary",), "references": ("references",)}
"""Generated blocks that belong to particular pages: an agenda needs a track, term and reference links need their page."""
INTERNAL_NAMES = frozenset({"base"})
"""Names mentorkit uses itself beside the agencies' ids (build/base is the base site's staging tree)."""


def check_site_pages(source: Source) -> list[Problem]:
    """Return the pages data/site.yml must list but does not, and generated blocks on pages they do not fit."""
    pages = source.data["pages"]
    listed = {entry["id"] for entry in pages}
    problems = [
        Problem(source.file, source.line_of(("pages",)), "pages", f"the page '{page_id}' is missing; expected every page the site and the handbooks need ({', '.join(REQUIRED_PAGES)}), e.g. - id: {page_id}")
        for page_id in REQUIRED_PAGES
        if page_id not in listed
    ]
    for index, entry in enumerate(pages):
        fits = GENERATED_ON.get(entry.get("generated", ""))
        if fits and entry["id"] not in fits:
            problems.append(source.problem(("pages", index, "generated"), f"'{entry['generated']}' does not fit the page '{entry['id']}'; expected it only on {' or '.join(fits)}, e.g. - {{id: {fits[0]}, generated: {entry['generated']}}}"))
        under = entry.get("under")
        if under is not None and (under not in [e["id"] for e in pages[:index]] or next(e for e in pages if e["id"] == under).get("under")):
            earlier = [e["id"] for e in pages[:index] if not e.get("under")]
            problems.append(source.problem(("pages", index, "under"), f"'{under}' is not a page listed before it at the top of the navigation; expected the id of such a page, e.g. under: {earlier[-1] if earlier else 'index'}"))
        if entry["id"] in REQUIRED_PAGES and entry.get("trainer_only"):
            problems.append(source.problem(("pages", index, "trainer_only"), f"the page '{entry['id']}' cannot be trainer-only; expected it in every edition (the handbooks and links need it): remove trainer_only"))
    return problems


def check_site_languages(source: Source) -> list[Problem]:
    """Return each site language that the locale library does not know (dates and numbers need it)."""
    problems = []
    for index, lang in enumerate(source.data["languages"]):
        try:
            Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            problems.append(source.problem(("languages", index), f"'{lang}' is not a language the locale library knows; expected a language code such as fi, en or sv"))
    return problems


def check_agency_id(source: Source) -> list[Problem]:
    """Return a problem when an agency's id is a name mentorkit uses itself."""
    agency_id = source.data.get("id") if isinstance(source.data, dict) else None
    if agency_id in INTERNAL_NAMES:
        return [source.problem(("id",), f"'{agency_id}' is a name mentorkit uses itself; expected another id, not one of: {', '.join(sorted(INTERNAL_NAMES))}, e.g. id: {agency_id}-virasto")]
    return []


SITE_ADDRESSES = (("site_url",), ("owner", "email"), ("accessibility", "feedback_email"))
"""The publisher's addresses in data/site.yml, as key paths (the privacy notice's are one warning of their own)."""
EXAMPLE_DOMAINS = ("example.fi", "example.com", "example.org", "example.net", "example")
"""Domains reserved for examples (RFC 2606), as the example programme's addresses use them."""


def example_addresses(source: Source) -> list[Problem]:
    """Return one warning naming every publisher address in data/site.yml still at an example domain, or none."""
    found = []
    for path in SITE_ADDRESSES:
        value = _at(source.data, path)
        if not isinstance(value, str):
            continue
        if _at_example_domain(value):
            found.append((source.problem(path, ""), _host(value)))
    if not found:
        return []
    first, _ = found[0]
    keys = ", ".join(problem.key for problem, _ in found)
    hosts = ", ".join(sorted({host for _, host in found}))
    return [replace(first, key=keys, message=f"still example addresses ({hosts}); expected the publisher's own before the site is published (a warning: check passes)")]


EXAMPLE_BUSINESS_ID = "0000000-0"
"""The business ID the example programme's controller carries: no organisation has it."""


def example_privacy(source: Source) -> list[Problem]:
    """Return one warning while the privacy notice's controller is still the example programme's."""
    privacy = source.data.get("privacy", {})
    examples = [
        key for key in ("email", "dpo_email", "business_id")
        if isinstance(privacy.get(key), str) and (privacy[key] == EXAMPLE_BUSINESS_ID or _at_example_domain(privacy[key]))
    ]
    if not examples:
        return []
    return [source.problem(("privacy",), (
        f"the privacy notice still names the example controller ({', '.join(examples)}); expected the publisher's own "
        "before the site is published (a warning: check passes)"
    ))]


def supervisor_contacts(source: Source) -> list[Problem]:
    """Return a warning when the accessibility supervisor has neither an e-mail address nor a telephone number."""
    supervisor = _at(source.data, ("accessibility", "supervisor")) or {}
    if supervisor.get("email") or supervisor.get("phone"):
        return []
    return [source.problem(("accessibility", "supervisor"), (
        "has no e-mail address or telephone number; expected the supervisor's contact details in full, checked on its own "
        "site, e.g. email: … and phone: … (a warning: check passes)"
    ))]


def check_status_claim(source: Source, accessibility: Accessibility) -> list[Problem]:
    """Return a problem when data/site.yml claims a compliance status the gates' evidence does not support."""
    claim, supported = accessibility.status, accessibility.evidence.supports("base")
    if claim.rank <= supported.rank:
        return []
    evidence = accessibility.evidence
    why = evidence.shortfall("base") if evidence.runs else "no gate has recorded a run"
    return [source.problem(("accessibility", "status"), (
        f"'{claim.value}' claims more than the accessibility gates' evidence supports for the base site ({why}, "
        f"see data/accessibility-evidence.yml); expected at most '{supported.value}', e.g. status: {supported.value}"
    ))]


def _host(value: str) -> str:
    return value.rpartition("@")[2].split("//")[-1].split("/")[0].lower()


def _at_example_domain(value: str) -> bool:
    host = _host(value)
    return any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS)


def template_leftovers(source: Source) -> list[Problem]:
    """Return each value of a goal definition that is still the example of `{COMMAND} new-agency` (a warning)."""
    if not isinstance(source.data, dict):
        return []
    example = _template_example()
    found = [
        source.problem(path, f"still the example value {_shown(value)} of `{COMMAND} new-agency`; expected the agency's own (a warning: check passes)")
        for path, value in _leaves(example, ())
        if not _TEMPLATE_OWN.intersection(str(part) for part in path) and _at(source.data, path) == value
    ]
    ratings = _at(source.data, ("current_state", "ratings"))
    rating = _at(example, ("current_state", "ratings", "dimension"))
    if isinstance(ratings, dict) and len(ratings) > 1 and all(value == rating for value in ratings.values()):
        found.append(source.problem(("current_state", "ratings"), f"every rating is still {rating}, the example of `{COMMAND} new-agency`; expected the workshop's own ratings (a warning: check passes)"))
    return found


_TEMPLATE_OWN = {"schema", "id", "languages", "round", "share_with_cohort", "assessed", "ratings", "date", "start", "end", "module", "themes", "add", "omit", "place", "role"}
"""Template keys whose example values are plausible real choices (or are filled in per agency), not leftovers."""


def _template_example() -> dict:
    text = resources.files("mentorkit.templates").joinpath("agency.yml").read_text(encoding="utf-8")
    filled = text.format(command=COMMAND, agency_id="example", path="agencies/example.yml", year=2000, today="2000-01-01", next_month="2000-02-01", ratings="    dimension: 3")
    return yaml.safe_load(filled)


def _leaves(value, path: tuple) -> Iterator[tuple[tuple, object]]:
    # A text per language ({fi: …, en: …}) is one value: one warning, not one per language.
    if isinstance(value, dict) and not all(isinstance(key, str) and len(key) in (2, 3) and key.islower() for key in value):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    else:
        yield path, value


def _at(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _shown(value) -> str:
    return repr(next(iter(value.values()))) if isinstance(value, dict) and value else repr(value)
