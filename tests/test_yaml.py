"""Every YAML the project reads says what it was read as: no aliases, no duplicate keys, no text cut short."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import AGENCY, edit, problems_of, run_cli

BOMB = """\
schema: 1
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: [*g, *g, *g, *g, *g, *g, *g, *g, *g]
"""

DEFINITION_CASES = {
    "duplicate key": ("round: \"2026\"", "round: \"2026\"\nname: {fi: Toinen, en: Other}", [
        "agencies/a.yml:6: name: key 'name' appears twice, on lines 3 and 6; expected each key once (the second would silently replace the first)",
    ]),
    "duplicate key in a goal": ("    themes: [onboarding]", "    themes: [onboarding]\n    themes: [mentoring]", [
        "agencies/a.yml:21: goals[0].themes: key 'themes' appears twice, on lines 20 and 21; expected each key once (the second would silently replace the first)",
    ]),
    "text cut by a comment": ("title: {fi: Perehdytyskaveri jokaiselle, en: A buddy for every newcomer}",
                              "title: Tavoite #1 parempi", [
        "agencies/a.yml:19: goals[0].title: the text ends at 'Tavoite': YAML read the rest of the line, '#1 parempi', as a comment; expected the whole text in quotes, e.g. \"Tavoite #1 parempi\"",
    ]),
    "no read as false": ("title: {fi: Perehdytyskaveri jokaiselle, en: A buddy for every newcomer}", "title: {fi: no, en: 'no'}", [
        "agencies/a.yml:19: goals[0].title.fi: 'no' was read as false (YAML reads yes, no, on and off as true and false); expected text, with the word in quotes, e.g. \"no\"",
    ]),
    "on read as true": ("role: {fi: HR-asiantuntija, en: HR specialist}", "role: on", [
        "agencies/a.yml:8: contacts[0].role: 'on' was read as true (YAML reads yes, no, on and off as true and false); expected text, or a mapping of language code to text, with the word in quotes, e.g. \"on\"",
    ]),
    "empty key": ("    peer-learning-practices: 2", "    null: 2", [
        "agencies/a.yml:14: current_state.ratings: key null (an empty key) is not valid; expected keys that are an id of lower-case letters a–z, digits and single hyphens, at most 64 characters",
    ]),
    "title too long": ("title: {fi: Perehdytyskaveri jokaiselle,", "title: {fi: " + "x" * 201 + ",", [
        "agencies/a.yml:19: goals[0].title.fi: is longer than 200 characters; expected text",
    ]),
    "name too long": ("name: {fi: Testivirasto, en: Test Agency}", "name: " + "y" * 300, [
        "agencies/a.yml:3: name: is longer than 200 characters; expected text, or a mapping of language code to text, e.g. {fi: Esimerkkivirasto, en: Example Agency}",
    ]),
    "description too long": ("    themes: [onboarding]", "    themes: [onboarding]\n    description: " + "z" * 5001, [
        "agencies/a.yml:21: goals[0].description: is longer than 5000 characters; expected text, or a mapping of language code to text, e.g. {fi: Teksti, en: Text}",
    ]),
}


def _check(root: Path, text: str):
    (root / "agencies").mkdir(exist_ok=True)
    (root / "agencies" / "a.yml").write_text(text, encoding="utf-8")
    return run_cli("check", "--agency", "agencies/a.yml", cwd=root)


def _problems(result) -> list[str]:
    # The fixture's data/site.yml holds example addresses: their warnings (tests/test_publisher.py) are not these problems.
    return [line for line in result.stderr.splitlines()[:-1] if not line.startswith("warning: data/site.yml:")]


@pytest.mark.parametrize("case", DEFINITION_CASES, ids=list(DEFINITION_CASES))
def test_definition_surprise_is_reported(library_root: Path, case: str) -> None:
    """What YAML would silently read differently is an error with the file, line, key and the fix."""
    old, new, expected = DEFINITION_CASES[case]
    assert old in AGENCY
    result = _check(library_root, AGENCY.replace(old, new, 1))
    assert result.returncode == 2, result.stdout
    assert _problems(result) == expected


def test_alias_bomb_is_refused_at_once(library_root: Path) -> None:
    """A billion-laughs definition is refused at its first anchor, with what to do (never expanded)."""
    result = _check(library_root, BOMB)
    assert result.returncode == 2
    assert _problems(result) == [
        "agencies/a.yml:2: the anchor &a is not supported; expected the value written out in full (anchors and aliases are not used here)",
    ]


def test_alias_bomb_in_a_data_file(library_root: Path) -> None:
    """Data files are read the same way: an alias is refused wherever it is."""
    edit(library_root, "data/themes.yml", "description: {fi: Kysyminen on turvallista., en: Asking is safe., sv: Det är tryggt att fråga.}",
         "description: &d {fi: Kysyminen on turvallista., en: Asking is safe., sv: Det är tryggt att fråga.}\n  other: *d")
    assert problems_of(library_root) == [
        "data/themes.yml:6: the anchor &d is not supported; expected the value written out in full (anchors and aliases are not used here)",
    ]


def test_duplicate_key_in_front_matter(library_root: Path) -> None:
    """A second title in a module's front matter is an error naming both lines."""
    edit(library_root, "modules/mentor/mt-core/fi.md", "title: Mentorin rooli", "title: Mentorin rooli\ntitle: Toinen")
    assert problems_of(library_root) == [
        "modules/mentor/mt-core/fi.md:3: title: key 'title' appears twice, on lines 2 and 3; expected each key once (the second would silently replace the first)",
    ]


def test_duplicate_key_in_module_facts(library_root: Path) -> None:
    """module.yml: a repeated key is refused, not silently replaced."""
    edit(library_root, "modules/mentor/mt-core/module.yml", "duration_min: 120", "duration_min: 120\nduration_min: 90")
    assert problems_of(library_root) == [
        "modules/mentor/mt-core/module.yml:5: duration_min: key 'duration_min' appears twice, on lines 4 and 5; expected each key once (the second would silently replace the first)",
    ]


def test_deliberate_comments_stay_comments(library_root: Path) -> None:
    """`value # why` and `value  # why` are comments as YAML intends; only `#` glued to a word is suspect."""
    text = AGENCY.replace("round: \"2026\"", "round: \"2026\"  # the autumn round").replace(
        "    themes: [onboarding]", "    themes: [onboarding] # the main theme")
    result = _check(library_root, text)
    assert result.returncode == 0, result.stderr


def test_oversized_file_is_refused(library_root: Path) -> None:
    """A file over 1 MB is refused before it is parsed."""
    text = AGENCY + "# " + "x" * 1_100_000 + "\n"
    result = _check(library_root, text)
    assert result.returncode == 2
    assert _problems(result) == [f"agencies/a.yml: is {len(text.encode()):,} bytes; expected a text file of at most 1,000,000 bytes"]


def test_module_title_over_200_characters(library_root: Path) -> None:
    """A front-matter title has the same 200-character limit as a goal's, stated in the message."""
    edit(library_root, "modules/mentor/mt-core/fi.md", "title: Mentorin rooli", "title: " + "Mentorin rooli " * 14)
    assert problems_of(library_root) == [
        "modules/mentor/mt-core/fi.md:2: title: is longer than 200 characters; expected text, e.g. Oppiminen arjen työssä",
    ]


def test_every_mistake_of_a_definition_in_one_run(library_root: Path) -> None:
    """An unknown theme, a rating of 6 and a Finnish date are reported together; times and dates say what to write."""
    text = (
        AGENCY.replace("themes: [onboarding]", "themes: [perehdytys]")
        .replace("psychological-safety: 4", "psychological-safety: 6")
        .replace("assessed: 2026-09-14", "assessed: 6.10.2026")
        + "schedule:\n  - {module: mt-core, date: 2026-10-06, start: 9.00, end: 12.00}\n"
    )
    result = _check(library_root, text)
    assert result.returncode == 2
    assert _problems(result) == [
        "agencies/a.yml:13: current_state.assessed: '6.10.2026' is not a real date; expected a real date as YYYY-MM-DD, e.g. 2026-10-06",
        "agencies/a.yml:16: current_state.ratings.psychological-safety: 6 is above 5; expected a whole number from 1 to 5, or null for don't know, e.g. 3",
        "agencies/a.yml:20: goals[0].themes[0]: 'perehdytys' is not a goal theme; expected an id from data/themes.yml, e.g. digital-change",
        "agencies/a.yml:25: schedule[0].end: '12.00' was read as the number 12.0; expected a time of day as HH:MM in quotes, e.g. \"12:00\"",
        "agencies/a.yml:25: schedule[0].start: '9.00' was read as the number 9.0; expected a time of day as HH:MM in quotes, e.g. \"09:00\"",
    ]


def test_every_yaml_problem_of_a_file_in_one_run(library_root: Path) -> None:
    """Several duplicate keys in a module's facts and a text cut by a comment: every one, in one run."""
    edit(library_root, "modules/mentor/mt-core/module.yml", "duration_min: 120", "duration_min: 120\nduration_min: 90\norder: 1")
    edit(library_root, "exercises/ex-pair/exercise.yml", "duration_min: 15", "method: pari #2\nduration_min: 15")
    assert problems_of(library_root) == [
        "exercises/ex-pair/exercise.yml:1: method: the text ends at 'pari': YAML read the rest of the line, '#2', as a comment; expected the whole text in quotes, e.g. \"pari #2\"",
        "exercises/ex-pair/exercise.yml:4: method: key 'method' appears twice, on lines 1 and 4; expected each key once (the second would silently replace the first)",
        "modules/mentor/mt-core/module.yml:5: duration_min: key 'duration_min' appears twice, on lines 4 and 5; expected each key once (the second would silently replace the first)",
        "modules/mentor/mt-core/module.yml:6: order: key 'order' appears twice, on lines 3 and 6; expected each key once (the second would silently replace the first)",
    ]
