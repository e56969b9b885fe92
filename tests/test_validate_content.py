"""Every content rule reports the exact problem a user sees: file, line, key, what is wrong, what is expected."""

from __future__ import annotations

import pytest

from conftest import edit, problems_of, run_cli
from mentorkit.validate.content import load_library

MODULE = "modules/mentor/mt-core/module.yml"
ONBOARDING = "modules/mentor/mt-onboarding/module.yml"

CASES = {
    "unknown key": (MODULE, "core: true", "core: true\ncolour: blue", [
        "modules/mentor/mt-core/module.yml:6: colour: unknown key 'colour'; expected one of: id, track, order, duration_min, core, themes, dimensions, exercises, sources, handouts",
    ]),
    "misspelt key": (MODULE, "sources:", "source:", [
        "modules/mentor/mt-core/module.yml:1: sources: missing; expected a list of reference ids from data/references.yml, e.g. sources: [eraut-2004]",
        "modules/mentor/mt-core/module.yml:9: source: unknown key 'source' (did you mean 'sources'?); expected one of: id, track, order, duration_min, core, themes, dimensions, exercises, sources, handouts",
    ]),
    "missing key": (MODULE, "duration_min: 120\n", "", [
        "modules/mentor/mt-core/module.yml:1: duration_min: missing; expected minutes as a whole number between 1 and 600, e.g. duration_min: 60",
    ]),
    "duration not a number": (MODULE, "duration_min: 120", "duration_min: two hours", [
        "modules/mentor/mt-core/module.yml:4: duration_min: 'two hours' is not a whole number; expected minutes as a whole number between 1 and 600, e.g. 60",
    ]),
    "unknown track": (MODULE, "track: mentor", "track: mentors", [
        "modules/mentor/mt-core/module.yml:2: track: 'mentors' is not one of the allowed values; expected workshop or mentor, e.g. mentor",
    ]),
    "id differs from folder": (MODULE, "id: mt-core", "id: mt-kore", [
        "modules/mentor/mt-core/module.yml:1: id: 'mt-kore' differs from the folder name; expected the folder's name, e.g. id: mt-core",
    ]),
    "unknown theme": (ONBOARDING, "themes: [onboarding]", "themes: [onbording]", [
        "modules/mentor/mt-onboarding/module.yml:6: themes[0]: 'onbording' does not exist (did you mean 'onboarding'?); expected an id from data/themes.yml, e.g. onboarding",
    ]),
    "unknown dimension": (ONBOARDING, "dimensions: [peer-learning-practices]", "dimensions: [peer-learning]", [
        "modules/mentor/mt-onboarding/module.yml:7: dimensions[0]: 'peer-learning' does not exist (did you mean 'peer-learning-practices'?); expected an id from data/dimensions.yml, e.g. peer-learning-practices",
    ]),
    "unknown exercise": (ONBOARDING, "exercises: [ex-story]", "exercises: [ex-missing]", [
        "modules/mentor/mt-onboarding/module.yml:8: exercises[0]: 'ex-missing' does not exist; expected an id from exercises/, e.g. ex-pair",
    ]),
    "duplicate order": (ONBOARDING, "order: 2", "order: 1", [
        "modules/mentor/mt-onboarding/module.yml:3: order: 1 is already the order of mt-core; expected a unique position in the track",
    ]),
    "fact in a translation": ("modules/mentor/mt-core/fi.md", "title: Mentorin rooli", "title: Mentorin rooli\nduration_min: 120", [
        "modules/mentor/mt-core/fi.md:3: duration_min: 'duration_min' is a fact, not text: state it once in modules/mentor/mt-core/module.yml; expected only text keys in a translation, e.g. one of: title, summary, objectives, keypoints",
    ]),
    "fact in an exercise translation": ("exercises/ex-pair/en.md", "title: Pair interview", "title: Pair interview\ngroup_size: 2", [
        "exercises/ex-pair/en.md:3: group_size: 'group_size' is a fact, not text: state it once in exercises/ex-pair/exercise.yml; expected only text keys in a translation, e.g. one of: title, summary, purpose, steps, remote, debrief",
    ]),
    "too few objectives": ("modules/mentor/mt-core/en.md", "  - choose a practice to pilot\n", "", [
        "modules/mentor/mt-core/en.md:4: objectives: has 2 items, at least 3 needed; expected a list of at least 3 learning objectives, e.g. [tunnistaa oppimisen paikat omassa työssään]",
    ]),
    "unknown teaching block": ("modules/mentor/mt-core/fi.md", "!!! reflection", "!!! warning", [
        "modules/mentor/mt-core/fi.md:19: body: unknown teaching block 'warning'; expected one of: objectives, exercise, reflection, keypoints, facilitator, e.g. !!! reflection",
    ]),
    "level-1 heading": ("modules/mentor/mt-core/fi.md", "## Taustaa", "# Taustaa", [
        "modules/mentor/mt-core/fi.md:14: body: a level-1 heading; expected headings from ## down (the page title comes from the front matter title), e.g. ## Taustaa",
    ]),
    "link to a missing module": ("modules/mentor/mt-core/fi.md", "(module:mt-onboarding)", "(module:mt-onbording)", [
        "modules/mentor/mt-core/fi.md:17: body: link to module:mt-onbording, which does not exist; expected the id of an existing module, e.g. (module:mt-psych-safety)",
    ]),
    "link by file path": ("modules/mentor/mt-core/fi.md", "(page:glossary)", "(../glossary.md)", [
        "modules/mentor/mt-core/fi.md:17: body: link to the file path '../glossary.md'; expected a link by id, e.g. (page:glossary) or (module:mt-psych-safety)",
    ]),
    "citation outside the module's sources": ("modules/mentor/mt-onboarding/fi.md", "(ref:osaava-verme)", "(ref:edmondson-1999)", [
        "modules/mentor/mt-onboarding/fi.md:16: body: cites ref:edmondson-1999, which is not in the module's sources; expected it listed in module.yml sources, e.g. sources: [edmondson-1999]",
    ]),
    "unknown method": ("exercises/ex-pair/exercise.yml", "method: pair-interview", "method: interview", [
        "exercises/ex-pair/exercise.yml:3: method: 'interview' does not exist (did you mean 'pair-interview'?); expected an id from data/methods.yml, e.g. pair-interview",
    ]),
    "unknown material": ("exercises/ex-pair/exercise.yml", "materials: [notebook]", "materials: [laptop]", [
        "exercises/ex-pair/exercise.yml:4: materials[0]: 'laptop' does not exist; expected an id from data/materials.yml, e.g. notebook",
    ]),
    "YAML syntax error": (MODULE, "order: 1", "order: [1", [
        "modules/mentor/mt-core/module.yml:3: invalid YAML at column 8: while parsing a flow sequence here, expected ',' or ']', but got ':' on line 4; expected YAML syntax, e.g. key: value, with quotes around text that contains ': '",
    ]),
    "unquoted comma in a vocabulary": ("data/themes.yml", "description: {fi: Kysyminen on turvallista., en: Asking is safe., sv: Det är tryggt att fråga.}", "description: {fi: Kysyminen, jos on turvallista., en: Asking is safe., sv: Det är tryggt att fråga.}", [
        "data/themes.yml:6: [1].description.fi: the text ends at 'Kysyminen': after the comma, YAML read 'jos on turvallista.' as another key; expected text with a comma in quotes, e.g. fi: \"Kysyminen, jos on turvallista.\"",
    ]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_rule_reports_exact_problem(library_root, case):
    """Each broken rule produces exactly the documented message, located at file:line: key."""
    path, old, new, expected = CASES[case]
    edit(library_root, path, old, new)
    assert problems_of(library_root) == expected


def test_missing_translation(library_root):
    """A module without one of its languages is reported by file."""
    (library_root / "modules/mentor/mt-core/en.md").unlink()
    assert problems_of(library_root) == [
        "modules/mentor/mt-core/en.md: translation is missing; expected every module in every site language, e.g. en.md next to the other languages",
    ]


def test_missing_page_translation(library_root):
    """A site page must exist in every language."""
    (library_root / "docs/en/privacy.md").unlink()
    assert problems_of(library_root) == [
        "docs/en/privacy.md: translation is missing; expected every page in every site language, e.g. privacy.md next to the other languages",
    ]


def test_page_not_in_site_yml(library_root):
    """A page that the navigation does not list is an error, not a silently orphaned page."""
    (library_root / "docs/fi/extra.md").write_text("---\ntitle: Ylimääräinen\n---\n", encoding="utf-8")
    assert problems_of(library_root) == [
        "docs/fi/extra.md: page 'extra' is not listed in data/site.yml pages; expected every page listed there, e.g. - id: extra",
    ]


def test_every_problem_in_one_run(library_root):
    """Problems in several files are all reported together, with a count."""
    edit(library_root, MODULE, "duration_min: 120", "duration_min: 0")
    edit(library_root, "exercises/ex-pair/exercise.yml", "method: pair-interview", "method: interview")
    edit(library_root, "modules/mentor/mt-core/fi.md", "!!! reflection", "!!! note")
    result = run_cli("check", "--root", str(library_root))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "exercises/ex-pair/exercise.yml:3: method: 'interview' does not exist (did you mean 'pair-interview'?); expected an id from data/methods.yml, e.g. pair-interview",
        "modules/mentor/mt-core/fi.md:19: body: unknown teaching block 'note'; expected one of: objectives, exercise, reflection, keypoints, facilitator, e.g. !!! reflection",
        "modules/mentor/mt-core/module.yml:4: duration_min: 0 is below 1; expected minutes as a whole number between 1 and 600, e.g. 60",
        "Aborted with 3 errors in 3 files; nothing was written.",
    ]
    assert "Traceback" not in result.stderr


def test_valid_fixture_loads(library_root):
    """The fixture library is valid: modules in track order, exercises and pages loaded."""
    library = load_library(library_root)
    assert [m.id for m in library.modules] == ["ws-start", "mt-core", "mt-onboarding"]
    assert sorted(library.exercises) == ["ex-pair", "ex-story"]
    assert [p.id for p in library.pages][:3] == ["index", "programme", "workshop"]


def test_real_content_is_valid(repo_library):
    """The material in this repository passes every rule (conftest's repo_library loads and checks it)."""
    library = repo_library
    assert len(library.modules) == 12
