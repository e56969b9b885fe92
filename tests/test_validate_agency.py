"""Every rule of the agency goal definition (DESIGN.md, a contract) reports its exact problem."""

from __future__ import annotations

import pytest

from conftest import AGENCY, run_cli
from mentorkit.errors import InvalidInput
from mentorkit.validate.agency import load_agencies
from mentorkit.validate.content import load_library

GOAL = "goals:\n  - id: newcomers\n    title: {fi: Perehdytyskaveri jokaiselle, en: A buddy for every newcomer}\n    themes: [onboarding]\n    indicators:\n      - {fi: Jokaisella uudella on kaveri, en: Every newcomer has a buddy}\n    support: {fi: Kaverille tunti viikossa, en: An hour a week for the buddy}\n"
ID_RULE = "expected the agency's id in lower-case letters a–z, digits and single hyphens, at most 64 characters (it names the output folder), e.g. esimerkkivirasto"

CASES = {
    "unknown key": ("round:", "colour: blue\nround:",
        "agencies/a.yml:5: colour: unknown key 'colour'; expected one of: schema, id, name, languages, round, share_with_cohort, contacts, current_state, goals, modules, schedule, publisher, plan_from, follow_ups"),
    "id that climbs out of the output folder": ("id: testivirasto", "id: ../x", f"agencies/a.yml:2: id: '../x' is not in the right form; {ID_RULE}"),
    "id with capitals and underscore": ("id: testivirasto", "id: Testi_Virasto", f"agencies/a.yml:2: id: 'Testi_Virasto' is not in the right form; {ID_RULE}"),
    "unsupported format version": ("schema: 1", "schema: 2", "agencies/a.yml:1: schema: 2 is not supported; expected the format version 1, e.g. 1"),
    "missing name": ("name: {fi: Testivirasto, en: Test Agency}\n", "",
        "agencies/a.yml:1: name: missing; expected text, or a mapping of language code to text, e.g. name: {fi: Esimerkkivirasto, en: Example Agency}"),
    "language that the site lacks": ("languages: [fi, en]", "languages: [fi, sv]", "agencies/a.yml:4: languages[1]: 'sv' is not a site language; expected one of: fi, en"),
    "text missing in a language": ("title: {fi: Perehdytyskaveri jokaiselle, en: A buddy for every newcomer}", "title: {fi: Perehdytyskaveri jokaiselle}",
        "agencies/a.yml:19: goals[0].title: no text in en; expected text in every language (fi, en), e.g. {fi: …, en: …}"),
    "unknown theme": ("themes: [onboarding]", "themes: [onbording]",
        "agencies/a.yml:20: goals[0].themes[0]: 'onbording' is not a goal theme (did you mean 'onboarding'?); expected an id from data/themes.yml, e.g. onboarding"),
    "rating above 5": ("peer-learning-practices: 2", "peer-learning-practices: 6",
        "agencies/a.yml:15: current_state.ratings.peer-learning-practices: 6 is above 5; expected a whole number from 1 to 5, or null for don't know, e.g. 3"),
    "rating not a whole number": ("peer-learning-practices: 2", "peer-learning-practices: 2.5",
        "agencies/a.yml:15: current_state.ratings.peer-learning-practices: 2.5 is not a whole number or empty; expected a whole number from 1 to 5, or null for don't know, e.g. 3"),
    "unknown dimension": ("peer-learning-practices: 2", "peer-learning: 2",
        "agencies/a.yml:15: current_state.ratings.peer-learning: 'peer-learning' is not a self-assessment dimension (did you mean 'peer-learning-practices'?); expected an id from data/dimensions.yml, e.g. peer-learning-practices"),
    "date that does not exist": ("assessed: 2026-09-14", "assessed: 2026-02-30",
        "agencies/a.yml:13: current_state.assessed: '2026-02-30' is not a real date; expected a real date as YYYY-MM-DD, e.g. 2026-09-14"),
    "duplicate goal id": ("goals:\n  - id: newcomers", "goals:\n  - id: newcomers\n    title: Toinen\n    themes: [onboarding]\n  - id: newcomers",
        "agencies/a.yml:21: goals[1].id: 'newcomers' is already the id of goals[0]; expected a unique goal id"),
    "more than 8 goals": ("goals:\n", "goals:\n" + "".join(f"  - {{id: g{i}, title: T, themes: [onboarding]}}\n" for i in range(8)),
        "agencies/a.yml:17: goals: has 9 items, at most 8 allowed; expected a list of 1 to 8 goals, e.g. [{id: onboarding-buddies, title: Perehdytyskaverit, themes: [onboarding]}]"),
    "no goals": (GOAL, "goals: []\n",
        "agencies/a.yml:17: goals: has 0 items, at least 1 needed; expected a list of 1 to 8 goals, e.g. [{id: onboarding-buddies, title: Perehdytyskaverit, themes: [onboarding]}]"),
    "omitting a core module": ("goals:", "modules:\n  omit: [mt-core]\ngoals:",
        "agencies/a.yml:18: modules.omit[0]: 'mt-core' is a core module and cannot be omitted; expected a module that is not core, e.g. ws-start"),
    "adding an unknown module": ("goals:", "modules:\n  add: [mt-missing]\ngoals:",
        "agencies/a.yml:18: modules.add[0]: 'mt-missing' is not a module; expected an id from modules/, e.g. mt-core"),
    "scheduling an unselected module": ("goals:", "schedule:\n  - {module: ws-start, date: 2026-10-01, start: '09:00', end: '12:00'}\ngoals:",
        "agencies/a.yml:18: schedule[0].module: 'ws-start' is not in the agency's selection; expected a selected module, or add it, e.g. modules: {add: [ws-start]}"),
    "time without a leading zero": ("goals:", "schedule:\n  - {module: mt-core, date: 2026-10-01, start: '9:00', end: '12:00'}\ngoals:",
        "agencies/a.yml:18: schedule[0].start: '9:00' is not in the right form; expected a time of day as HH:MM in quotes, e.g. \"09:00\""),
    "session ending before it starts": ("goals:", "schedule:\n  - {module: mt-core, date: 2026-10-01, start: '12:00', end: '09:00'}\ngoals:",
        "agencies/a.yml:18: schedule[0].end: '09:00' is not after the start '12:00'; expected an end time later than the start, e.g. end: \"12:00\""),
    "malformed e-mail": ("email: maija@testivirasto.example.fi", "email: maija at testivirasto",
        "agencies/a.yml:9: contacts[0].email: 'maija at testivirasto' is not in the right form; expected an e-mail address, e.g. maija.meikalainen@example.fi"),
    "a commitment without what": ("    support: {fi: Kaverille", "    commitments:\n      - who: {fi: Johtoryhmä, en: The management team}\n    support: {fi: Kaverille",
        "agencies/a.yml:24: goals[0].commitments[0].what: missing; expected text, or a mapping of language code to text, e.g. what: {fi: Teksti, en: Text}"),
    "a gap in one language only": ("    support: {fi: Kaverille", "    gap: {fi: Uusi jää yksin}\n    support: {fi: Kaverille",
        "agencies/a.yml:23: goals[0].gap: no text in en; expected text in every language (fi, en), e.g. {fi: …, en: …}"),
    # Patterns are matched whole: Python's $ would let a final newline through (issue 23).
    "id from a block scalar, with its newline": ("id: testivirasto", "id: |\n  testivirasto", f"agencies/a.yml:2: id: 'testivirasto\\n' is not in the right form; {ID_RULE}"),
    "time with a final newline": ("goals:", "schedule:\n  - {module: mt-core, date: 2026-10-01, start: \"09:00\\n\", end: '12:00'}\ngoals:",
        "agencies/a.yml:18: schedule[0].start: '09:00\\n' is not in the right form; expected a time of day as HH:MM in quotes, e.g. \"09:00\""),
    "e-mail with a final newline": ("email: maija@testivirasto.example.fi", 'email: "maija@testivirasto.example.fi\\n"',
        "agencies/a.yml:9: contacts[0].email: 'maija@testivirasto.example.fi\\n' is not in the right form; expected an e-mail address, e.g. maija.meikalainen@example.fi"),
    "language code with a final newline": ("languages: [fi, en]", 'languages: [fi, "en\\n"]',
        "agencies/a.yml:4: languages[1]: 'en\\n' is not in the right form; expected a language code, e.g. fi"),
    # One text rule for every string of a definition, as for content (issue 23).
    "escape character in a name": ("name: {fi: Testivirasto, en: Test Agency}", 'name: {fi: "Testi\\evirasto", en: Test Agency}',
        "agencies/a.yml:3: name.fi: control character U+001B; expected printable text only: delete it (it is invisible in most editors)"),
    "bell in a goal's indicator": ("{fi: Jokaisella uudella on kaveri,", '{fi: "Jokaisella uudella on kaveri\\a",',
        "agencies/a.yml:22: goals[0].indicators[0].fi: control character U+0007; expected printable text only: delete it (it is invisible in most editors)"),
    "next-line character in a role": ("role: {fi: HR-asiantuntija,", 'role: {fi: "HR-\\Nasiantuntija",',
        "agencies/a.yml:8: contacts[0].role.fi: control character U+0085; expected printable text only: delete it (it is invisible in most editors)"),
    "right-to-left override in a contact's name": ("name: Maija Meikäläinen", 'name: "Maija \\u202eMeikäläinen"',
        "agencies/a.yml:7: contacts[0].name: bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE; expected text without direction controls: delete it (it reorders what readers see; mentorkit isolates right-to-left text itself)"),
    "unclosed quote": ('round: "2026"', 'round: "2026',
        "agencies/a.yml:5: invalid YAML at column 8: while scanning a quoted scalar here, found unexpected end of stream on line 24; expected YAML syntax, e.g. key: value, with quotes around text that contains ': '"),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from conftest import copy_library

    return load_library(copy_library(tmp_path_factory.mktemp("lib") / "library"))


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_rule_reports_exact_problem(library, case):
    """Each broken rule of a definition produces exactly the documented message."""
    old, new, expected = CASES[case]
    assert old in AGENCY
    root = __import__("pathlib").Path(library.root)
    path = root / "agencies" / "a.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(AGENCY.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_agencies([path], library=library, root=root)
    assert [str(p) for p in caught.value.problems] == [expected]


def test_problems_of_several_definitions_in_one_run(library_root, agency_file):
    """`check --agency a b` reports the problems of both files and exits with 2."""
    other = agency_file.with_name("other.yml")
    other.write_text(AGENCY.replace("id: testivirasto", "id: other").replace("peer-learning-practices: 2", "peer-learning-practices: 0"), encoding="utf-8")
    agency_file.write_text(AGENCY.replace("themes: [onboarding]", "themes: [nope]"), encoding="utf-8")
    result = run_cli("check", "--root", str(library_root), "--agency", str(agency_file), str(other))
    assert result.returncode == 2
    # The fixture's data/site.yml holds example addresses: their warnings (tests/test_publisher.py) come first.
    assert [line for line in result.stderr.splitlines() if not line.startswith("warning: data/site.yml:")] == [
        "agencies/other.yml:15: current_state.ratings.peer-learning-practices: 0 is below 1; expected a whole number from 1 to 5, or null for don't know, e.g. 3",
        "agencies/testivirasto.yml:20: goals[0].themes[0]: 'nope' is not a goal theme; expected an id from data/themes.yml, e.g. digital-change",
        "Aborted with 2 errors in 2 files; nothing was written.",
    ]


def test_same_id_in_two_definitions(library_root, agency_file):
    """Two definitions may not share an id: they would write into the same output folder."""
    copy = agency_file.with_name("copy.yml")
    copy.write_text(agency_file.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("check", "--root", str(library_root), "--agency", str(agency_file), str(copy))
    assert result.returncode == 2
    assert "agencies/copy.yml:2: id: 'testivirasto' is also the id of agencies/testivirasto.yml; expected a different id for each agency" in result.stderr


def test_missing_definition_file(library_root):
    """A path that does not exist is an input problem, not a crash."""
    result = run_cli("check", "--root", str(library_root), "--agency", str(library_root / "agencies" / "nope.yml"))
    assert result.returncode == 2
    assert "no such file; expected the path of an agency definition, e.g. agencies/esimerkkivirasto.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_valid_definition_passes(library_root, agency_file):
    """A valid definition passes `check` with a summary line."""
    result = run_cli("check", "--root", str(library_root), "--agency", str(agency_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "OK: 3 modules, 2 exercises, 13 pages, 1 agency definition\n"


def test_example_agencies_are_valid(repo_library):
    """The bundled example definitions pass every rule against the real content."""
    from conftest import REPO

    library = repo_library
    agencies = load_agencies(sorted((REPO / "agencies").glob("*.yml")), library=library, root=REPO)
    assert len(agencies) >= 3
    assert any(a.languages == ("fi",) for a in agencies)
