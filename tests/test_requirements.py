"""`check` knows everything `build` assumes: interface strings, required pages, languages and names."""

from __future__ import annotations

import ast
import shutil

from conftest import AGENCY, REPO, edit, problems_of, run_cli
from mentorkit.assemble.context import Context
from mentorkit.assemble.pages import search_page
from mentorkit.validate.content import load_library
from mentorkit.plan.manifest import plan_base
from mentorkit.validate.uistrings import UI_STRINGS

SRC = REPO / "src" / "mentorkit"


def literal_keys() -> set[str]:
    """Return every interface-string key the code names literally, as in ctx.t("key") or ctx.ui["key"]."""
    keys = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "t" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "ui":
                if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                    keys.add(node.slice.value)
    return keys


def test_registry_lists_every_key_the_code_uses():
    """The one registry of interface strings covers every key the code asks for by name."""
    used = literal_keys()
    assert len(used) > 40
    assert used - set(UI_STRINGS) == set()


def test_the_project_strings_meet_the_registry():
    """data/ui/*.yml of the project has exactly the registry's keys and placeholders (check passes)."""
    result = run_cli("check", "--root", str(REPO))
    assert result.returncode == 0, result.stderr


def test_missing_interface_string(library_root):
    """A key the code needs, missing from a language, is named with its file."""
    edit(library_root, "data/ui/en.yml", "agency.support:", "agency.supportt:")
    assert problems_of(library_root) == [
        "data/ui/en.yml: agency.support: missing; expected every interface string mentorkit uses, e.g. agency.support: …",
        "data/ui/en.yml:80: agency.supportt: 'agency.supportt' is an unknown interface string (did you mean 'agency.support'?); expected an id from the interface strings mentorkit uses, e.g. agency.support",
    ]


def test_key_missing_from_every_language(library_root):
    """A key missing from every language is reported for each (fi/en parity alone would not see it)."""
    for lang in ("fi", "en"):
        path = library_root / f"data/ui/{lang}.yml"
        path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("people_range:")), encoding="utf-8")
    assert problems_of(library_root) == [
        'data/ui/en.yml: people_range: missing; expected every interface string mentorkit uses, e.g. people_range: "{max} {min} …"',
        'data/ui/fi.yml: people_range: missing; expected every interface string mentorkit uses, e.g. people_range: "{max} {min} …"',
    ]


def test_placeholder_typo(library_root):
    """A misspelt placeholder is both unknown and leaves the needed one missing."""
    edit(library_root, "data/ui/fi.yml", 'minutes: "{n} min"', 'minutes: "{m} min {oops}"')
    assert problems_of(library_root) == [
        'data/ui/fi.yml:15: minutes: the placeholder {n} is missing; expected the placeholders {n}, e.g. minutes: "{n} …"',
        'data/ui/fi.yml:15: minutes: unknown placeholder {m}; expected the placeholders {n}, e.g. minutes: "{n} …"',
        'data/ui/fi.yml:15: minutes: unknown placeholder {oops}; expected the placeholders {n}, e.g. minutes: "{n} …"',
    ]


def test_broken_brace(library_root):
    """An unmatched brace would crash str.format in the build."""
    edit(library_root, "data/ui/en.yml", "search: Search", "search: Search {")
    assert problems_of(library_root) == [
        "data/ui/en.yml:48: search: a brace that is not a placeholder (Single '{' encountered in format string); expected {name} placeholders only, e.g. search: …",
    ]


def test_html_in_an_interface_string(library_root):
    """Interface strings are text: markup in them is refused."""
    edit(library_root, "data/ui/en.yml", "search: Search", "search: Search<script>alert(1)</script>")
    assert problems_of(library_root) == [
        "data/ui/en.yml:48: search: raw HTML <script>; expected Markdown only (the material allows no HTML: it could run scripts or call other hosts), e.g. **bold**, [text](https://…) or ![Alt text](figures/name.svg)",
    ]


def test_interface_strings_are_escaped_in_attributes(library_root):
    """A quote in an interface string cannot add an attribute to the search form."""
    edit(library_root, "data/ui/fi.yml", "search.one: 1 tulos", "search.one: '1 \"tulos\" onmouseover=\"x()'")
    library = load_library(library_root)
    markdown = search_page(Context(library, plan_base(library), "fi"))
    assert 'data-one="1 &#34;tulos&#34; onmouseover=&#34;x()"' in markdown
    assert 'onmouseover="x()' not in markdown


def test_required_page_missing(library_root):
    """The handbooks need the self-assessment page; without it build crashed with AttributeError."""
    edit(library_root, "data/site.yml", "  - id: self-assessment\n    generated: self-assessment\n", "")
    for lang in ("fi", "en"):
        (library_root / f"docs/{lang}/self-assessment.md").unlink()
    assert problems_of(library_root) == [
        "data/site.yml:17: pages: the page 'self-assessment' is missing; expected every page the site and the handbooks need (index, workshop, mentor, exercises, self-assessment, glossary, references, accessibility), e.g. - id: self-assessment",
    ]


def test_generated_block_that_does_not_fit(library_root):
    """A track agenda on a page that is not a track crashed the build with ValueError."""
    edit(library_root, "data/site.yml", "  - id: programme\n", "  - id: programme\n    generated: track-agenda\n")
    assert problems_of(library_root) == [
        "data/site.yml:20: pages[1].generated: 'track-agenda' does not fit the page 'programme'; expected it only on workshop or mentor, e.g. - {id: workshop, generated: track-agenda}",
    ]


def test_required_page_cannot_be_trainer_only(library_root):
    """Mentor handbooks end with the glossary: it cannot be left out of the mentor edition."""
    edit(library_root, "data/site.yml", "    generated: glossary\n", "    generated: glossary\n    trainer_only: true\n")
    assert problems_of(library_root) == [
        "data/site.yml:32: pages[7].trainer_only: the page 'glossary' cannot be trainer-only; expected it in every edition (the handbooks and links need it): remove trainer_only",
    ]


def test_site_language_the_locale_library_does_not_know(library_root):
    """Dates are written with Babel: a language it does not know is refused before the build."""
    edit(library_root, "data/site.yml", "languages: [fi, en]", "languages: [fi, en, xx]")
    (library_root / "data/ui/xx.yml").write_text((library_root / "data/ui/en.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert "data/site.yml:1: languages[2]: 'xx' is not a language the locale library knows; expected a language code such as fi, en or sv" in problems_of(library_root)


def test_agency_id_that_mentorkit_uses(agency_file):
    """An agency called 'base' would share the base site's staging tree."""
    edit(agency_file.parent.parent, "agencies/testivirasto.yml", "id: testivirasto", "id: base")
    result = run_cli("check", "--root", str(agency_file.parent.parent), "--agency", str(agency_file))
    assert result.returncode == 2
    # The fixture's data/site.yml holds example addresses: their warnings (tests/test_publisher.py) come first.
    assert [line for line in result.stderr.splitlines() if not line.startswith("warning: data/site.yml:")] == [
        "agencies/testivirasto.yml:2: id: 'base' is a name mentorkit uses itself; expected another id, not one of: base, e.g. id: base-virasto",
        "Aborted with 1 error in 1 file; nothing was written.",
    ]


def test_unchanged_template_warns(tmp_path):
    """An untouched `new-agency` definition passes, with a warning for each value still from the template."""
    root = tmp_path / "content"
    for name in ("data", "docs", "exercises", "modules"):
        shutil.copytree(REPO / name, root / name)
    assert run_cli("new-agency", "demo", "--root", str(root)).returncode == 0
    result = run_cli("check", "--root", str(root), "--agency", str(root / "agencies/demo.yml"))
    assert result.returncode == 0, result.stderr
    tail = "of `./mentorkit new-agency`; expected the agency's own (a warning: check passes)"
    assert result.stderr.splitlines() == [
        "warning: data/site.yml:5: site_url, owner.email, accessibility.feedback_email: still example addresses "
        "(oppimismentori.example.fi); expected the publisher's own before the site is published (a warning: check passes)",
        "warning: data/site.yml:17: accessibility.supervisor: has no e-mail address or telephone number; expected the supervisor's "
        "contact details in full, checked on its own site, e.g. email: … and phone: … (a warning: check passes)",
        "warning: data/site.yml:24: privacy: the privacy notice still names the example controller (email, business_id); "
        "expected the publisher's own before the site is published (a warning: check passes)",
        f"warning: agencies/demo.yml:20: name: still the example value 'Esimerkkivirasto' {tail}",
        f"warning: agencies/demo.yml:33: contacts[0].name: still the example value 'Maija Meikäläinen' {tail}",
        f"warning: agencies/demo.yml:35: contacts[0].email: still the example value 'maija.meikalainen@example.fi' {tail}",
        f"warning: agencies/demo.yml:63: current_state.notes: still the example value 'Arvio tehtiin työpajassa yhdessä.' {tail}",
        f"warning: agencies/demo.yml:78: goals[0].title: still the example value 'Ensimmäinen tavoitteemme' {tail}",
        f"warning: agencies/demo.yml:79: goals[0].description: still the example value 'Mitä tavoite tarkoittaa arjessa.' {tail}",
        f"warning: agencies/demo.yml:82: goals[0].support: still the example value 'Mentoroinnille varataan työaikaa kaksi tuntia kuukaudessa.' {tail}",
        f"warning: agencies/demo.yml:93: goals[0].indicators[0]: still the example value 'Havaittava merkki edistymisestä' {tail}",
        "warning: agencies/demo.yml:52: current_state.ratings: every rating is still 3, the example of `./mentorkit new-agency`; expected the workshop's own ratings (a warning: check passes)",
    ]
    pages = len(list((REPO / "docs" / "fi").glob("*.md")))
    assert result.stdout == f"OK: 12 modules, 29 exercises, {pages} pages, 1 agency definition\n"


def test_one_value_left_from_the_template(agency_file):
    """A filled-in definition that kept only the example contact's name gets exactly that warning."""
    result = run_cli("check", "--root", str(agency_file.parent.parent), "--agency", str(agency_file))
    assert result.returncode == 0
    # The fixture's data/site.yml holds example addresses: those warnings (tests/test_publisher.py) come first.
    assert [line for line in result.stderr.splitlines() if not line.startswith("warning: data/site.yml:")] == [
        "warning: agencies/testivirasto.yml:7: contacts[0].name: still the example value 'Maija Meikäläinen' of `./mentorkit new-agency`; expected the agency's own (a warning: check passes)",
    ]


def test_interface_strings_the_theme_puts_into_attributes_are_escaped(library_root):
    """The theme prints the site description and the search label into attributes as they are: they arrive escaped."""
    from mentorkit.assemble.siteconfig import mkdocs_config

    edit(library_root, "data/ui/fi.yml", "site_description: Oppimismentorivalmennuksen kurssiaineisto valtion virastoille", "site_description: '\" onmouseover=\"x() Oppimismentorivalmennuksen'")
    edit(library_root, "data/ui/fi.yml", "search.open: Avaa haku", "search.open: 'Avaa \"haku\"'")
    library = load_library(library_root)
    config = mkdocs_config(library, plan_base(library), agency=None, lang="fi", bundle=False)
    assert config["site_description"].startswith("&quot; onmouseover=&quot;x() Oppimismentorivalmennuksen")
    assert config["extra"]["search_page"]["label"] == "Avaa &quot;haku&quot;"


def test_script_string_missing_from_one_language(library_root):
    """A goal-form string that only one language has would show the key, not the text, in the other."""
    edit(library_root, "data/ui/en.yml", "goal_form.saved:", "goal_form.saved_:")
    found = [p for p in problems_of(library_root) if "goal_form.saved" in p]
    assert any(p.startswith("data/ui/fi.yml:") and "goal_form.saved: has no counterpart in data/ui/en.yml; expected every string of the goal-definition form's strings" in p for p in found), found
    assert any(p.startswith("data/ui/en.yml:") and "goal_form.saved_: has no counterpart in data/ui/fi.yml" in p for p in found), found


def test_script_string_with_other_placeholders(library_root):
    """A placeholder the script fills in must be written in every language."""
    edit(library_root, "data/ui/en.yml", 'goal_form.saved: "Saved as {file}."', 'goal_form.saved: "Saved as {name}."')
    found = [p for p in problems_of(library_root) if "goal_form.saved" in p]
    assert any("goal_form.saved: uses the placeholders {name} but data/ui/fi.yml uses the placeholders {file}; expected the same placeholders in every language" in p for p in found), found


def test_every_string_the_form_script_asks_for_exists():
    """Each t("…") of goal-form.js names a goal_form. string of every language."""
    import re

    import yaml

    script = (REPO / "src/mentorkit/theme/assets/goal-form.js").read_text(encoding="utf-8")
    asked = set(re.findall(r'\bt\("([a-z0-9_.]+)"[,)]', script))
    assert len(asked) > 20
    for lang in ("fi", "en"):
        keys = set(yaml.safe_load((REPO / f"data/ui/{lang}.yml").read_text(encoding="utf-8")))
        assert sorted(k for k in asked if f"goal_form.{k}" not in keys) == [], lang
