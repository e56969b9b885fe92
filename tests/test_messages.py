"""The rules that had no exact-message test: each planted once, the whole of stderr asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import AGENCY, edit, run_cli


def agency(text: str):
    """Return a planter that writes agencies/a.yml."""
    def plant(root: Path) -> None:
        (root / "agencies").mkdir()
        (root / "agencies/a.yml").write_text(text, encoding="utf-8")
    return plant


def write(relative: str, data: bytes):
    """Return a planter that replaces a file's bytes."""
    def plant(root: Path) -> None:
        (root / relative).write_bytes(data)
    return plant


def change(relative: str, old: str, new: str):
    """Return a planter that edits one file."""
    return lambda root: edit(root, relative, old, new)


def remove(relative: str):
    """Return a planter that deletes one file."""
    return lambda root: (root / relative).unlink()


CHECK_AGENCY = ("check", "--agency", "AGENCY")
CASES = {
    "both added and omitted": (agency(AGENCY + "modules: {add: [mt-onboarding], omit: [mt-onboarding]}\n"), CHECK_AGENCY, [
        "agencies/a.yml:24: modules.omit[0]: 'mt-onboarding' is both added and omitted; expected it in only one of modules.add and modules.omit",
    ]),
    "not a goal definition": (agency("- a\n- b\n"), CHECK_AGENCY, [
        "agencies/a.yml:1: not a goal definition; expected a mapping of keys, e.g. schema: 1 (see `./mentorkit new-agency`)",
    ]),
    "definition not UTF-8": (lambda root: agency("")(root) or write("agencies/a.yml", "nimi: Pyhäjärvi\n".encode("latin-1"))(root), CHECK_AGENCY, [
        "agencies/a.yml: not UTF-8 text (invalid continuation byte); expected a UTF-8 file",
    ]),
    "page not UTF-8": (write("docs/fi/privacy.md", "---\ntitle: Pyhä\n---\n".encode("latin-1")), ("check",), [
        "docs/fi/privacy.md: not UTF-8 text (invalid continuation byte); expected a UTF-8 file",
    ]),
    "no front matter": (write("docs/fi/privacy.md", "title: Tietosuoja\n\nTeksti.\n".encode()), ("check",), [
        "docs/fi/privacy.md:1: no front matter; expected the file to start with ---, e.g. ---\\ntitle: …\\n---",
    ]),
    "vocabulary id used twice": (change("data/themes.yml", "- id: digital-change", "- id: onboarding"), ("check",), [
        "data/themes.yml:7: [2].id: 'onboarding' is used twice (first as item 1); expected a unique id",
    ]),
    "group size min above max": (change("exercises/ex-pair/exercise.yml", "group_size: 2", "group_size: {min: 5, max: 2}"), ("check",), [
        "exercises/ex-pair/exercise.yml:2: group_size: min 5 is larger than max 2; expected min ≤ max, e.g. {min: 3, max: 6}",
    ]),
    "track differs from its folder": (change("modules/mentor/mt-onboarding/module.yml", "track: mentor", "track: workshop"), ("check",), [
        "modules/mentor/mt-onboarding/module.yml:2: track: 'workshop' differs from the track folder; expected the parent folder's name, e.g. track: mentor",
    ]),
    "malformed teaching block": (change("modules/mentor/mt-core/fi.md", "!!! reflection", '!!! reflection "Avoin'), ("check",), [
        "modules/mentor/mt-core/fi.md:19: body: malformed teaching block '!!! reflection \"Avoin'; expected !!! type \"Optional title\", e.g. !!! reflection",
    ]),
    "unknown link kind": (change("modules/mentor/mt-core/fi.md", "(page:glossary)", "(sivu:glossary)"), ("check",), [
        "modules/mentor/mt-core/fi.md:17: body: unknown link kind 'sivu:'; expected one of: module:, exercise:, page:, ref:, term: or https:, e.g. (module:mt-psych-safety)",
    ]),
    "unknown interface string": (change("data/ui/en.yml", "search: Search", "search: Search\nsearch.extra: More"), ("check",), [
        "data/ui/en.yml:49: search.extra: 'search.extra' is an unknown interface string (did you mean 'search.one'?); expected an id from the interface strings mentorkit uses, e.g. search.one",
    ]),
    "missing interface string": (change("data/ui/fi.yml", "agency.support: \"Johdon tuki\"\n", ""), ("check",), [
        "data/ui/fi.yml: agency.support: missing; expected every interface string mentorkit uses, e.g. agency.support: …",
    ]),
    "glossary term without a language": (change("data/glossary.yml", "  en: {term: learning mentor, definition: A volunteer colleague who supports learning.}\n", ""), ("check",), [
        "data/glossary.yml:5: [1]: term 'learning-mentor' has no text in en; expected a term and definition in every language, e.g. en: {term: …, definition: …}",
    ]),
    "module.yml missing": (remove("modules/mentor/mt-core/module.yml"), ("check",), [
        "modules/mentor/mt-core/module.yml: file is missing; expected every module folder to hold module.yml, fi.md and en.md",
    ]),
    "data file missing": (remove("data/methods.yml"), ("check",), [
        "data/methods.yml: file is missing; expected it to exist (see CONTENT.md)",
    ]),
    "same item twice in a module": (change("modules/mentor/mt-core/module.yml", "exercises: [ex-pair, ex-story]", "exercises: [ex-pair, ex-pair]"), ("check",), [
        "modules/mentor/mt-core/module.yml:8: exercises: lists the same item twice; expected a list of exercise ids (folders in exercises/), e.g. [calibration]",
    ]),
    "same language twice in a definition": (agency(AGENCY.replace("languages: [fi, en]", "languages: [fi, fi]")), CHECK_AGENCY, [
        "agencies/a.yml:4: languages: lists the same item twice; expected a list of the languages to build, each a site language, e.g. [fi, en]",
    ]),
    "id longer than 64 characters": (agency(AGENCY.replace("id: testivirasto", "id: " + "a" * 70)), CHECK_AGENCY, [
        "agencies/a.yml:2: id: is longer than 64 characters; expected the agency's id in lower-case letters a–z, digits and single hyphens, at most 64 characters (it names the output folder), e.g. esimerkkivirasto",
    ]),
    "stamp, source missing": (remove("docs/fi/privacy.md"), ("stamp-translation", "docs/en/privacy.md"), [
        "docs/en/privacy.md: its source docs/fi/privacy.md is missing; expected every translation next to its source text",
    ]),
    "stamp, one site language": (change("data/site.yml", "languages: [fi, en]", "languages: [fi]"), ("stamp-translation", "docs/en/privacy.md"), [
        "data/site.yml: languages: no languages to translate between; expected the source language first, then the translations, e.g. languages: [fi, en]",
    ]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_rule_message(library_root: Path, case: str) -> None:
    """The rule's message, and only it, with exit status 2 and nothing on stdout."""
    plant, args, expected = CASES[case]
    plant(library_root)
    args = tuple(str(library_root / "agencies/a.yml") if arg == "AGENCY" else arg for arg in args)
    result = run_cli(*args, "--root", str(library_root), cwd=library_root)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    # The fixture's data/site.yml holds example addresses: their warnings (tests/test_publisher.py) are not the rule's.
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning: data/site.yml:")]
    assert lines == [*expected, "Aborted with 1 error in 1 file; nothing was written."]
