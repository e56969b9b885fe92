"""The goal-definition form (issue 12) in real Chromium, on the repository's own base site.

A definition filled in by its labels and saved passes `mentorkit check`; every example definition
opened and saved gives the same data back; dangerous text arrives as exactly that text; errors
stand next to their fields and in a summary, in the page's language; no request leaves the
machine; axe-core finds nothing; and the page works opened from disk.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import REAL_AGENCY, REAL_CONTENT, REPO, run_cli
from quality import axe_violations, describe_violations, serve
from test_browser import TIMEOUT_MS, foreign_hosts, record_requests



def in_browser(test):
    """Mark a test that drives Chromium on a real build (the two checks of shipped data need neither)."""
    return pytest.mark.slow(pytest.mark.browser(test))


VENDORED = REPO / "src" / "mentorkit" / "theme" / "assets" / "vendor" / "js-yaml.min.js"
EXAMPLES = sorted((REPO / "agencies").glob("*.yml"))


@pytest.fixture(scope="module")
def form_built(tmp_path_factory) -> Path:
    """Build the repository's content for real: the base site and one agency's site, without PDFs."""
    root = tmp_path_factory.mktemp("form") / "content"
    for name in REAL_CONTENT:
        shutil.copytree(REPO / name, root / name)
    dist = root.parent / "dist"
    result = run_cli("build", "--no-pdf", "--root", str(root), "--dist", str(dist))
    assert result.returncode == 0, result.stderr
    result = run_cli("build", "--no-pdf", "--agency", str(root / "agencies" / f"{REAL_AGENCY}.yml"), "--root", str(root), "--dist", str(dist))
    assert result.returncode == 0, result.stderr
    return dist


@pytest.fixture(scope="module")
def site_url(form_built) -> str:
    with serve(form_built / "site") as url:
        yield url


@pytest.fixture
def page(browser) -> Page:  # noqa: F811 - the fixture of test_browser.py, with downloads
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def save(page: Page, target: Path) -> Path:
    """Press the save button and store the download; return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Check and save").click()
    assert download.value.suggested_filename == target.name
    download.value.save_as(target)
    return target


def open_definition(page: Page, path: Path, label: str = "Open a saved definition (.yml)") -> None:
    page.get_by_label(label).set_input_files(str(path))
    expect(page.locator("#gf-status")).to_contain_text(path.name)


def check_cli(path: Path) -> None:
    result = run_cli("check", "--agency", str(path), "--root", str(REPO))
    assert result.returncode == 0, result.stdout + result.stderr


# Shipping --------------------------------------------------------------------------------------------


def test_vendored_js_yaml_is_the_pinned_npm_file():
    """The js-yaml the site ships is byte for byte the file of the version package.json pins."""
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]["js-yaml"]
    installed = REPO / "node_modules" / "js-yaml"
    assert json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == pinned
    assert VENDORED.read_bytes() == (installed / "dist" / "js-yaml.min.js").read_bytes()
    assert (VENDORED.parent / "js-yaml.LICENSE").read_bytes() == (installed / "LICENSE").read_bytes()


@pytest.mark.slow
def test_form_is_in_the_base_site_only_and_linked(form_built):
    """fi at goal-form/, en at en/goal-form/, linked from the workshop and trainer pages; no agency copy."""
    site = form_built / "site"
    fi, en = (site / "goal-form" / "index.html").read_text(), (site / "en" / "goal-form" / "index.html").read_text()
    assert "Tavoitemäärittelyn lomake" in fi and "The goal definition form" in en
    assert '"lang":"fi"' in fi and '"lang":"en"' in en and "Peer-learning routines" in fi
    for page in ("workshop", "for-trainers"):
        assert 'href="../goal-form/"' in (site / page / "index.html").read_text()
        assert 'href="../goal-form/"' in (site / "en" / page / "index.html").read_text()
    agency = form_built / "agencies" / REAL_AGENCY / "site"
    assert not (agency / "goal-form").exists() and not (agency / "en" / "goal-form").exists()
    assert not any("goal-form/" in p.read_text() for p in agency.rglob("*.html"))


# Filling from scratch --------------------------------------------------------------------------------


def finnish_and_english(page: Page) -> None:
    """Choose Finnish and English: a new definition starts with the page's own language only, so the other is ticked."""
    expect(page.locator("#gf-languages-sv")).not_to_be_checked()
    page.locator("#gf-languages-fi").check()
    page.locator("#gf-languages-en").check()


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
@in_browser
def test_a_new_definition_starts_in_the_pages_language_and_an_opened_one_keeps_its_own(page, site_url, lang):
    """Only the form page's language is ticked for a new definition; a saved one opened keeps the languages it names."""
    page.goto(site_url + ("" if lang == "fi" else f"{lang}/") + "goal-form/")
    for code in ("fi", "en", "sv"):
        box = expect(page.locator(f"#gf-languages-{code}"))
        box.to_be_checked() if code == lang else box.not_to_be_checked()
    # Only the chosen language's fields are shown.
    expect(page.locator("input[id^='gf-name-']")).to_have_count(1)
    expect(page.locator(f"#gf-name-{lang}")).to_be_visible()
    example = REPO / "agencies" / f"{REAL_AGENCY}.yml"
    languages = yaml.safe_load(example.read_text(encoding="utf-8"))["languages"]
    page.locator("#gf-open").set_input_files(str(example))
    expect(page.locator("#gf-status")).to_contain_text(example.name)
    for code in ("fi", "en", "sv"):
        box = expect(page.locator(f"#gf-languages-{code}"))
        box.to_be_checked() if code in languages else box.not_to_be_checked()


@in_browser
def test_fill_from_scratch_by_label_and_save_passes_check(page, site_url, tmp_path):
    page.goto(site_url + "en/goal-form/")
    finnish_and_english(page)
    page.get_by_label("Id (required)", exact=True).fill("form-agency")
    page.get_by_label("The agency's name in Finnish (required)").fill("Lomakevirasto")
    page.get_by_label("The agency's name in English (required)").fill("Form Agency")
    page.get_by_label("Programme round").fill("2027")
    state = page.get_by_label("Date of the assessment")
    state.fill("2026-09-14")
    # The rating by keyboard: from 1, two steps right is 3.
    daily = page.get_by_role("group", name="1. Learning built into daily work")
    daily.get_by_label("1 – not at all true").check()
    daily.get_by_label("1 – not at all true").press("ArrowRight")
    daily.get_by_label("2 – slightly true").press("ArrowRight")
    expect(daily.get_by_label("3 – partly true")).to_be_checked()
    peer = page.get_by_role("group", name="2. Peer-learning practices")
    peer.get_by_label("2 – slightly true").check()
    peer.get_by_label("The group did not agree").check()
    peer.get_by_label("Lowest individual rating").select_option("1")
    peer.get_by_label("Highest individual rating").select_option("4")
    page.get_by_role("group", name="3. ").first.get_by_label("don't know").check()

    goal = page.get_by_role("group", name="Goal 1")
    goal.get_by_label("Goal id (required)").fill("buddies")
    goal.get_by_label("Title in Finnish (required)").fill("Kaveri jokaiselle")
    goal.get_by_label("Title in English (required)").fill("A buddy for everyone")
    theme = goal.get_by_role("checkbox", name="Onboarding and supporting newcomers")
    theme.focus()
    page.keyboard.press("Space")
    expect(theme).to_be_checked()
    goal.get_by_role("button", name="Add a sign of progress").click()
    page.get_by_label("Sign of progress 1 in Finnish").fill("Jokaisella on kaveri")
    page.get_by_label("Sign of progress 1 in English").fill("Everyone has a buddy")

    page.get_by_role("button", name="Add a goal").click()
    expect(page.get_by_role("group", name="Goal 2").get_by_label("Goal id (required)")).to_be_focused()
    second = page.get_by_role("group", name="Goal 2")
    second.get_by_label("Goal id (required)").fill("safe-questions")
    second.get_by_label("Title in Finnish (required)").fill("Kysyä saa")
    second.get_by_label("Title in English (required)").fill("Asking is fine")
    second.get_by_role("checkbox", name="Psychological safety and trust").check()

    page.get_by_role("button", name="Add a contact").click()
    page.get_by_label("Name (required)").fill("Maija Meikäläinen")
    page.get_by_label("E-mail address", exact=True).fill("maija@example.fi")

    added = "Facilitating peer-learning groups"
    page.get_by_role("group", name="Add to the training").get_by_label(added, exact=False).check()
    page.get_by_role("button", name="Add a session").click()
    session = page.get_by_role("group", name="Session 1")
    # The module list offers the selection, the added module included.
    expect(session.get_by_label("Module").locator("option", has_text=added)).to_have_count(1)
    session.get_by_label("Module").select_option(label="The learning mentor's role and mandate")
    session.get_by_label("Date (required)").fill("2026-10-06")
    session.get_by_label("Starts (required)").fill("09:00")
    session.get_by_label("Ends (required)").fill("12:00")
    session.get_by_label("Place in English").fill("Teams")
    session.get_by_label("Place in Finnish").fill("Teams")

    saved = save(page, tmp_path / "form-agency.yml")
    expect(page.locator("#gf-saved")).to_have_text("Saved as form-agency.yml.")
    # The file goes to check as saved, its range included.
    check_cli(saved)
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["current_state"]["disagreement"] == {"peer-learning-practices": {"low": 1, "high": 4}}
    # English first: the page's language, the agency's default; Finnish as ticked.
    assert data["round"] == "2027" and data["languages"] == ["en", "fi"]
    assert data["current_state"]["ratings"] == {"learning-in-daily-work": 3, "peer-learning-practices": 2, "reflection-feedback": None}
    assert [g["id"] for g in data["goals"]] == ["buddies", "safe-questions"]
    assert data["modules"] == {"add": ["mt-peer-group-facilitation"]}
    assert data["goals"][0]["indicators"] == [{"fi": "Jokaisella on kaveri", "en": "Everyone has a buddy"}]
    assert data["schedule"][0]["module"] == "mt-mentor-role" and data["schedule"][0]["start"] == "09:00"
    assert saved.read_text(encoding="utf-8").startswith("# ")


# Opening and saving again ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@in_browser
def test_open_and_save_an_example_keeps_every_value(page, site_url, tmp_path, example):
    page.goto(site_url + "en/goal-form/")
    open_definition(page, example)
    saved = save(page, tmp_path / f"{example.stem}.yml")
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == yaml.safe_load(example.read_text(encoding="utf-8"))
    check_cli(saved)


DANGEROUS = [
    "Tavoite # ei kommentti",
    "avain: arvo",
    'lainaus "kaksin" ja \'kerran\'',
    "<script>alert(1)</script>",
    "rivi 1\nrivi 2",
    "C:\\polku\\n ei rivinvaihto",
    "sarkain\tvälissä",
    "- ei lista",
    "{ei: kartta}",
    "null",
    "yes",
]


@in_browser
def test_dangerous_text_round_trips_as_text(page, site_url, tmp_path):
    page.goto(site_url + "goal-form/")
    finnish_and_english(page)
    page.get_by_label("Tunniste (pakollinen)", exact=True).fill("vaarallinen")
    page.get_by_label("Viraston nimi suomeksi (pakollinen)").fill(DANGEROUS[0])
    page.get_by_label("Viraston nimi englanniksi (pakollinen)").fill(DANGEROUS[1])
    goal = page.get_by_role("group", name="Tavoite 1")
    goal.get_by_label("Tavoitteen tunniste (pakollinen)").fill("vaara")
    goal.get_by_label("Otsikko suomeksi (pakollinen)").fill(DANGEROUS[2])
    goal.get_by_label("Otsikko englanniksi (pakollinen)").fill(DANGEROUS[3])
    goal.get_by_label("Kuvaus suomeksi").fill(DANGEROUS[4])
    goal.get_by_label("Kuvaus englanniksi").fill(DANGEROUS[5])
    goal.get_by_role("checkbox", name="Perehdytys ja uusien tukeminen").check()
    for n, text in enumerate(DANGEROUS[6:], 1):
        goal.get_by_role("button", name="Lisää merkki edistymisestä").click()
        page.get_by_label(f"Merkki edistymisestä {n} suomeksi").fill(text)
        page.get_by_label(f"Merkki edistymisestä {n} englanniksi").fill(text + "!")
    saved = save_fi(page, tmp_path / "vaarallinen.yml")
    check_cli(saved)
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["name"] == {"fi": DANGEROUS[0], "en": DANGEROUS[1]}
    assert data["goals"][0]["title"] == {"fi": DANGEROUS[2], "en": DANGEROUS[3]}
    assert data["goals"][0]["description"] == {"fi": DANGEROUS[4], "en": DANGEROUS[5]}
    assert data["goals"][0]["indicators"] == [{"fi": t, "en": t + "!"} for t in DANGEROUS[6:]]

    # Opened again, the same text is in the fields.
    page.goto(site_url + "goal-form/")
    open_definition(page, saved, label="Avaa tallennettu määrittely (.yml)")
    expect(page.get_by_label("Kuvaus suomeksi")).to_have_value(DANGEROUS[4])
    again = save_fi(page, tmp_path / "again" / "vaarallinen.yml")
    assert yaml.safe_load(again.read_text(encoding="utf-8")) == data


def save_fi(page: Page, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tarkista ja tallenna").click()
    download.value.save_as(target)
    return target


@in_browser
def test_unknown_keys_are_named_flagged_and_removable(page, site_url, tmp_path):
    """A key check would refuse is named on opening, stops saving with its problem, and can be removed."""
    source = tmp_path / "source" / "extra.yml"
    source.parent.mkdir()
    data = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    data["future_key"] = {"nested": ["a", 1, True, None]}
    data["goals"][0]["owner"] = "HR # tiimi"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page.goto(site_url + "en/goal-form/")
    open_definition(page, source)
    expect(page.locator("#gf-status")).to_contain_text("future_key, goals[0].owner")
    expect(page.locator("#gf-status")).to_contain_text("The file's comments and the order of its keys are not kept.")
    page.get_by_role("button", name="Check and save").click()
    expect(page.locator("#gf-summary")).to_contain_text("future_key: A goal definition has no such key.")
    expect(page.locator("#gf-summary")).to_contain_text("goals[0].owner: A goal definition has no such key.")
    page.get_by_role("button", name="Remove future_key").click()
    expect(page.get_by_role("button", name="Remove goals[0].owner")).to_be_focused()
    page.get_by_role("button", name="Remove goals[0].owner").click()
    saved = save(page, tmp_path / f"{data['id']}.yml")
    del data["future_key"], data["goals"][0]["owner"]
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == data
    check_cli(saved)


# A schema that has grown a key the form has no field for (here goals[].next_review): the page's data
# is changed before the form reads it, as a build with that schema would write it.
GROWN_SCHEMA = """
const parse = JSON.parse;
JSON.parse = function (text, reviver) {
  const value = parse(text, reviver);
  if (value && value.schema && value.schema.agency) value.schema.agency.properties.goals.items.properties.next_review = {$ref: "common#/$defs/localised"};
  return value;
};
"""


@in_browser
def test_a_key_the_schema_knows_is_kept_without_form_code(page, site_url, tmp_path):
    """A key of the schema without a field is kept and saved, not flagged: the form reads the keys from the schema."""
    data = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    data["goals"][0]["next_review"] = "Syksyllä johtoryhmässä."
    source = tmp_path / "source" / "grown.yml"
    source.parent.mkdir()
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page.add_init_script(GROWN_SCHEMA)
    page.goto(site_url + "en/goal-form/")
    open_definition(page, source)
    expect(page.locator("#gf-status")).to_contain_text("they are kept as they are when you save: goals[0].next_review.")
    saved = save(page, tmp_path / f"{data['id']}.yml")
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == data


@in_browser
def test_a_goals_gap_and_culture_feature_have_fields(page, site_url, tmp_path):
    """The gap and the working-culture feature are fields of each goal: read into them, and saved from them."""
    data = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    data["goals"][0]["gap"] = {"fi": "Uusi jää yksin.", "en": "Newcomers are left alone."}
    data["goals"][0]["culture_feature"] = {"fi": "Jokainen hoitaa omansa.", "en": "Everyone handles their own."}
    source = tmp_path / "source" / "culture.yml"
    source.parent.mkdir()
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page.goto(site_url + "en/goal-form/")
    open_definition(page, source)
    expect(page.get_by_label("The gap it answers").first).to_be_visible()
    expect(page.locator("#gf-status")).not_to_contain_text("goals[0].gap")
    saved = save(page, tmp_path / f"{data['id']}.yml")
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == data
    check_cli(saved)


HOSTILE = """__proto__: {polluted: true}
toString: 1
"""


@in_browser
def test_keys_named_like_object_properties_lose_nothing(page, site_url, tmp_path):
    """constructor, __proto__ and toString as keys: the form draws everything, names them, flags them and keeps the rest."""
    data = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    text = EXAMPLES[0].read_text(encoding="utf-8") + HOSTILE
    text = text.replace("  disagreement:\n", "  disagreement:\n    constructor: {low: 1, high: 2}\n", 1)
    source = tmp_path / "source" / "hostile.yml"
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    page.goto(site_url + "en/goal-form/")
    open_definition(page, source)
    expect(page.locator("#gf-status")).to_contain_text("__proto__, toString, current_state.disagreement.constructor")
    # Drawn to the end: the publisher's fields and the section of other keys are there.
    expect(page.get_by_label("E-mail address for accessibility feedback")).to_be_visible()
    page.get_by_label("Programme round").fill("2031")
    page.get_by_role("button", name="Check and save").click()
    summary = page.locator("#gf-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("__proto__: A goal definition has no such key.")
    expect(summary).to_contain_text("toString: A goal definition has no such key.")
    expect(summary).to_contain_text("current_state.disagreement.constructor: constructor is not in the list; choose one from the list.")
    # The section of other keys, its errors and its buttons: axe finds nothing.
    assert not axe_violations(page), describe_violations({"other keys": axe_violations(page)})
    for key in ("__proto__", "toString", "current_state.disagreement.constructor"):
        page.get_by_role("button", name=f"Remove {key}").click()
    saved = save(page, tmp_path / f"{data['id']}.yml")
    data["round"] = "2031"
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == data
    check_cli(saved)


@in_browser
def test_module_named_like_an_object_property_is_flagged(page, site_url, tmp_path):
    data = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    data["schedule"] = [{"module": "constructor", "date": "2026-10-01", "start": "09:00", "end": "12:00"}]
    source = tmp_path / "source" / "module.yml"
    source.parent.mkdir()
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page.goto(site_url + "en/goal-form/")
    open_definition(page, source)
    page.get_by_role("button", name="Check and save").click()
    expect(page.locator("#gf-session-0-module-error")).to_have_text(
        "Module constructor is not in the agency's selection; choose a module in the selection."
    )


@in_browser
def test_anchors_are_refused_on_opening(page, site_url, tmp_path):
    source = tmp_path / "anchored.yml"
    source.write_text(EXAMPLES[0].read_text(encoding="utf-8") + "x-one: &a [1, 2]\nx-two: *a\n", encoding="utf-8")
    line = EXAMPLES[0].read_text(encoding="utf-8").count("\n") + 1
    page.goto(site_url + "en/goal-form/")
    page.get_by_label("Open a saved definition (.yml)").set_input_files(str(source))
    expect(page.locator("#gf-status")).to_have_text(
        f"Could not open anchored.yml: the file uses a YAML anchor or alias (line {line}), which ./mentorkit check does not accept."
        " Write the value out in full and open the file again."
    )
    assert run_cli("check", "--agency", str(source), "--root", str(REPO)).returncode == 2


@in_browser
def test_finnish_dates_and_times_are_written_as_iso(page, site_url, tmp_path):
    """6.10.2026, 9, 9.00 and 9:00 are understood; the fields show, and the file gets, ISO."""
    page.goto(site_url + "goal-form/")
    finnish_and_english(page)
    page.get_by_label("Tunniste (pakollinen)", exact=True).fill("suomeksi")
    page.get_by_label("Viraston nimi suomeksi (pakollinen)").fill("Suomivirasto")
    page.get_by_label("Viraston nimi englanniksi (pakollinen)").fill("Finnish Agency")
    page.locator("#gf-assessed").fill("14.9.2026")
    page.locator("#gf-rating-learning-in-daily-work-3").check()
    goal = page.get_by_role("group", name="Tavoite 1")
    goal.get_by_label("Tavoitteen tunniste (pakollinen)").fill("eka")
    goal.get_by_label("Otsikko suomeksi (pakollinen)").fill("Ensimmäinen")
    goal.get_by_label("Otsikko englanniksi (pakollinen)").fill("First")
    goal.get_by_role("checkbox", name="Perehdytys ja uusien tukeminen").check()
    times = [("6.10.2026", "9", "12.00"), ("06.10.2026", "9.30", "13:00"), ("7.10.2026", "9:00", "16")]
    for n, (date, start, end) in enumerate(times):
        page.get_by_role("button", name="Lisää koulutuskerta").click()
        page.locator(f"#gf-session-{n}-module").select_option("mt-mentor-role")
        page.locator(f"#gf-session-{n}-date").fill(date)
        page.locator(f"#gf-session-{n}-start").fill(start)
        page.locator(f"#gf-session-{n}-end").fill(end)
    saved = save_fi(page, tmp_path / "suomeksi.yml")
    check_cli(saved)
    expect(page.locator("#gf-session-0-start")).to_have_value("09:00")
    expect(page.locator("#gf-assessed")).to_have_value("2026-09-14")
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert str(data["current_state"]["assessed"]) == "2026-09-14"
    assert [(str(s["date"]), s["start"], s["end"]) for s in data["schedule"]] == [
        ("2026-10-06", "09:00", "12:00"), ("2026-10-06", "09:30", "13:00"), ("2026-10-07", "09:00", "16:00"),
    ]


@in_browser
def test_mentor_edition_schedule_offers_the_selection_only(page, site_url):
    """The schedule offers what select_modules selects: no workshop module unless it is added by hand."""
    page.goto(site_url + "en/goal-form/")
    # The hint says the rule as selection.py has it (WEAK_RATING), written into the page.
    expect(page.get_by_text("the modules addressing a dimension rated 1–2; a module of the representatives' workshop comes only when you add it")).to_be_visible()
    # A goal theme and a weak rating that the workshop modules ws-goal-setting and ws-peer-sparring serve.
    page.get_by_role("group", name="Goal 1").get_by_role("checkbox", name="Leadership for learning").check()
    page.locator("#gf-rating-psychological-safety-1").check()
    page.get_by_role("button", name="Add a session").click()
    options = page.locator("#gf-session-0-module option").evaluate_all("(os) => os.map((o) => o.value)")
    assert "mt-mentor-role" in options and not [o for o in options if o.startswith("ws-")], options
    page.get_by_role("group", name="Add to the training").locator("#gf-modules-add-ws-goal-setting").check()
    options = page.locator("#gf-session-0-module option").evaluate_all("(os) => os.map((o) => o.value)")
    assert [o for o in options if o.startswith("ws-")] == ["ws-goal-setting"]


@in_browser
def test_duplicate_keys_are_refused_in_the_page_language(page, site_url, tmp_path):
    source = tmp_path / "twice.yml"
    source.write_text("schema: 1\nid: a\nid: b\n", encoding="utf-8")
    page.goto(site_url + "goal-form/")
    page.get_by_label("Avaa tallennettu määrittely (.yml)").set_input_files(str(source))
    expect(page.locator("#gf-status")).to_have_text(
        "Tiedostoa twice.yml ei voitu avata: sama avain on kirjoitettu kahdesti (rivi 3). Poista toinen niistä ja avaa tiedosto uudelleen."
    )
    page.goto(site_url + "en/goal-form/")
    page.get_by_label("Open a saved definition (.yml)").set_input_files(str(source))
    expect(page.locator("#gf-status")).to_have_text(
        "Could not open twice.yml: the same key is written twice (line 3). Remove one of them and open the file again."
    )


# Errors ------------------------------------------------------------------------------------------------


def fill_invalid(page: Page, *, lang: str) -> None:
    """Enter a bad id, a duplicate goal id, a bad date, an end before the start and a bad e-mail."""
    fi = lang == "fi"
    page.locator("#gf-id").fill("Bad Id")
    page.locator("#gf-goal-0-id").fill("same")
    page.get_by_role("button", name="Lisää tavoite" if fi else "Add a goal").click()
    page.locator("#gf-goal-1-id").fill("same")
    page.locator("#gf-assessed").fill("2026-02-30")
    page.get_by_role("button", name="Lisää koulutuskerta" if fi else "Add a session").click()
    page.locator("#gf-session-0-start").fill("13:00")
    page.locator("#gf-session-0-end").fill("9.5")  # ambiguous: 9:05 or 9:50?
    page.get_by_role("button", name="Lisää yhteyshenkilö" if fi else "Add a contact").click()
    page.locator("#gf-contact-0-email").fill("maija@")
    page.get_by_role("button", name="Tarkista ja tallenna" if fi else "Check and save").click()


EXPECTED = {
    "fi": {
        "gf-id": "Käytä vain pieniä kirjaimia a–z, numeroita ja yksittäisiä väliviivoja, enintään 64 merkkiä, esim. esimerkkivirasto.",
        "gf-goal-1-id": "Tunniste same on jo tavoitteella 1; anna jokaiselle tavoitteelle oma tunniste.",
        "gf-assessed": "Kirjoita todellinen päivämäärä muodossa VVVV-KK-PP, esim. 2026-09-14.",
        "gf-session-0-end": "Kirjoita kellonaika muodossa HH:MM, esim. 09:00.",
        "gf-contact-0-email": "Kirjoita sähköpostiosoite, esim. maija.meikalainen@example.fi.",
        "gf-name-fi": "Täytä tämä kohta.",
    },
    "en": {
        "gf-id": "Use only lower-case letters a–z, digits and single hyphens, at most 64 characters, e.g. esimerkkivirasto.",
        "gf-goal-1-id": "The id same is already used by goal 1; give each goal its own id.",
        "gf-assessed": "Write a real date as YYYY-MM-DD, e.g. 2026-09-14.",
        "gf-session-0-end": "Write a time of day as HH:MM, e.g. 09:00.",
        "gf-contact-0-email": "Write an e-mail address, e.g. maija.meikalainen@example.fi.",
        "gf-name-en": "Fill in this field.",
    },
}


@pytest.mark.parametrize("lang", ["fi", "en"])
@in_browser
def test_errors_stand_next_to_fields_and_in_a_focused_summary(page, site_url, lang):
    page.goto(site_url + ("goal-form/" if lang == "fi" else "en/goal-form/"))
    fill_invalid(page, lang=lang)
    summary = page.locator("#gf-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    for field, message in EXPECTED[lang].items():
        control = page.locator(f"#{field}")
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#{field}-error")).to_have_text(message)
        assert f"{field}-error" in control.get_attribute("aria-describedby").split()
        expect(summary.locator(f'a[href="#{field}"]')).to_contain_text(message)
    # The summary's link takes the focus to the field.
    summary.locator('a[href="#gf-assessed"]').click()
    expect(page.locator("#gf-assessed")).to_be_focused()
    end_after_start = {"fi": "Päättymisajan pitää olla alkamisajan 13:00 jälkeen.", "en": "The end must be later than the start 13:00."}[lang]
    page.locator("#gf-session-0-end").fill("12:00")
    page.get_by_role("button", name="Tarkista ja tallenna" if lang == "fi" else "Check and save").click()
    expect(page.locator("#gf-session-0-end-error")).to_have_text(end_after_start)


# Requests, accessibility, disk ---------------------------------------------------------------------------


@in_browser
def test_no_request_leaves_the_machine_and_axe_finds_nothing(page, site_url, tmp_path):
    requests, failed = record_requests(page)
    found = {}
    for path in ("goal-form/", "en/goal-form/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        found[path + " (empty)"] = axe_violations(page)
        fill_invalid(page, lang="fi" if path == "goal-form/" else "en")
        page.get_by_role("group", name="2. ").first.get_by_role("checkbox").check()
        found[path + " (errors)"] = axe_violations(page)
    open_definition(page, EXAMPLES[0])
    save(page, tmp_path / EXAMPLES[0].name)
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("/assets/goal-form.js") for u in requests) and any(u.endswith("/assets/vendor/js-yaml.min.js") for u in requests)
    assert not foreign_hosts(requests), sorted(set(requests))
    assert not [f for f in failed if "sitemap.xml" not in f], failed
    found = {k: v for k, v in found.items() if v}
    assert not found, describe_violations(found)
    assert page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


@in_browser
def test_works_opened_from_disk(page, form_built, tmp_path):
    page.goto((form_built / "site" / "en" / "goal-form" / "index.html").as_uri())
    finnish_and_english(page)
    page.get_by_label("Id (required)", exact=True).fill("disk-agency")
    page.get_by_label("The agency's name in Finnish (required)").fill("Levyvirasto")
    page.get_by_role("button", name="Check and save").click()
    expect(page.locator("#gf-name-en-error")).to_have_text("Write this in English too.")
    page.get_by_label("The agency's name in English (required)").fill("Disk Agency")
    goal = page.get_by_role("group", name="Goal 1")
    goal.get_by_label("Goal id (required)").fill("first")
    goal.get_by_label("Title in Finnish (required)").fill("Ensimmäinen")
    goal.get_by_label("Title in English (required)").fill("First")
    goal.get_by_role("checkbox", name="Peer-learning routines").check()
    check_cli(save(page, tmp_path / "disk-agency.yml"))


def test_inline_data_cannot_end_its_script_element():
    """Text from the data that looks like markup stays inside the JSON of the page."""
    from mentorkit.assemble.goalform import _inline_json

    text = _inline_json({"label": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"label": "</script><script>alert(1)</script> & <!--"}


UNSEEN = {
    "finnish-only-plain-text": """\
schema: 1
id: vain-suomeksi
name: Vain suomeksi -virasto
languages: [fi]
round: 2026
share_with_cohort: yes
contacts: []
current_state:
  assessed: "2026-01-31"
  ratings: {psychological-safety: null, learning-in-daily-work: 1}
goals:
  - id: yksi
    title: "Yksi: tavoite # numero 1"
    themes: [psychological-safety, onboarding]
    indicators: ["Rivi\\ntoinen rivi", 'Lainaus "näin"']
""",
    "one-string-for-both-languages": """\
schema: 1
id: both
name: Sama nimi
languages: [en, fi]
share_with_cohort: false
goals:
  - id: g
    title: Same title
    description: {fi: Kuvaus, en: Description}
    support: Sama tuki
    themes: [onboarding]
modules: {add: [], omit: []}
schedule:
  - {module: mt-mentor-role, date: 2027-02-28, start: "08:05", end: "08:06"}
  - {module: mt-mentor-role, date: "2027-03-01", start: "08:05", end: "08:06"}
""",
}


@pytest.mark.parametrize("name", sorted(UNSEEN))
@in_browser
def test_open_and_save_unseen_shapes_keeps_every_value(page, site_url, tmp_path, name):
    """One language, one string for every language, an integer round, empty lists, null ratings, yes, quoted dates."""
    source = tmp_path / "source" / f"{name}.yml"
    source.parent.mkdir()
    source.write_text(UNSEEN[name], encoding="utf-8")
    check_cli(source)
    page.goto(site_url + "goal-form/")
    open_definition(page, source, label="Avaa tallennettu määrittely (.yml)")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    saved = save_fi(page, tmp_path / f"{data['id']}.yml")
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == data
    check_cli(saved)


@in_browser
def test_publisher_is_checked_and_saved(page, site_url, tmp_path):
    """The publisher's fields (an agency hosting its own copy): its e-mail is required and checked."""
    page.goto(site_url + "en/goal-form/")
    finnish_and_english(page)
    page.get_by_label("Id (required)", exact=True).fill("publishing-agency")
    page.get_by_label("The agency's name in Finnish (required)").fill("Julkaisuvirasto")
    page.get_by_label("The agency's name in English (required)").fill("Publishing Agency")
    goal = page.get_by_role("group", name="Goal 1")
    goal.get_by_label("Goal id (required)").fill("first")
    goal.get_by_label("Title in Finnish (required)").fill("Ensimmäinen")
    goal.get_by_label("Title in English (required)").fill("First")
    goal.get_by_role("checkbox", name="Peer-learning routines").check()
    page.get_by_label("The publisher's name in Finnish").fill("Julkaisuvirasto")
    page.get_by_label("The publisher's name in English").fill("Publishing Agency")
    page.get_by_role("button", name="Check and save").click()
    expect(page.locator("#gf-publisher-email-error")).to_have_text("Fill in this field.")
    page.get_by_label("E-mail address for accessibility feedback").fill("saavutettavuus@julkaisu.example.fi")
    page.get_by_label("E-mail address for data-protection questions").fill("not an address")
    page.get_by_role("button", name="Check and save").click()
    expect(page.locator("#gf-publisher-privacy-error")).to_have_text("Write an e-mail address, e.g. maija.meikalainen@example.fi.")
    page.get_by_label("E-mail address for data-protection questions").fill("")
    data = yaml.safe_load(save(page, tmp_path / "publishing-agency.yml").read_text(encoding="utf-8"))
    assert data["publisher"] == {"name": {"fi": "Julkaisuvirasto", "en": "Publishing Agency"}, "email": "saavutettavuus@julkaisu.example.fi"}


@in_browser
def test_a_follow_up_and_a_commitment_added_pass_check(page, site_url, tmp_path):
    """Opened, given a commitment and a second follow-up; the CLI's relations speak in the form; the saved file passes check."""
    page.goto(site_url + "en/goal-form/")
    finnish_and_english(page)
    example = REPO / "agencies" / f"{REAL_AGENCY}.yml"
    open_definition(page, example)
    goal = page.get_by_role("group", name="Goal 1", exact=True)
    had = len(yaml.safe_load(example.read_text(encoding="utf-8"))["goals"][0].get("commitments", []))
    goal.get_by_role("button", name="Add a commitment").click()
    commitment = goal.get_by_role("group", name=f"Commitment {had + 1}")
    expect(commitment.get_by_label("Who in Finnish (required)")).to_be_focused()
    commitment.get_by_label("Who in Finnish (required)").fill("Johtoryhmä")
    commitment.get_by_label("Who in English (required)").fill("The management team")
    commitment.get_by_label("To what in Finnish (required)").fill("Varaa kaverille tunnin viikossa")
    commitment.get_by_label("To what in English (required)").fill("Sets aside an hour a week for the buddy")

    page.get_by_role("button", name="Add a follow-up assessment").click()
    follow_up = page.get_by_role("group", name="Follow-up 2", exact=True)
    expect(follow_up.get_by_label("Follow-up id (required)")).to_be_focused()
    follow_up.get_by_label("Follow-up id (required)").fill("six-months")
    follow_up.get_by_label("Date of the assessment (required)").fill("1.11.2026")
    follow_up.get_by_label("A survey").check()
    follow_up.get_by_label("People who rated (required)").fill("4")
    peer = follow_up.get_by_role("group", name="2. Peer-learning practices")
    peer.get_by_label("2 – slightly true").check()
    peer.get_by_label("The group did not agree").check()
    peer.get_by_label("Lowest individual rating").select_option("3")
    peer.get_by_label("Highest individual rating").select_option("5")
    page.get_by_role("button", name="Check and save").click()
    # The relations of validate/relations.py, in the form's words, each next to its field.
    summary = page.locator("#gf-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Follow-up 2: Date of the assessment: The date 2026-11-01 must come after the previous assessment (2026-12-01)")
    expect(summary).to_contain_text("Follow-up 2: People who rated: The survey has 4 respondents; a survey needs at least 5")
    expect(summary).to_contain_text("Follow-up 2: Peer-learning practices: The shared rating 2 must lie between the lowest and the highest rating.")
    expect(follow_up.locator("#gf-fu-1-respondents-error")).to_contain_text("The survey has 4 respondents")
    violations = axe_violations(page)
    assert not violations, describe_violations({"follow-up with errors": violations})

    follow_up.get_by_label("Date of the assessment (required)").fill("15.3.2027")
    follow_up.get_by_label("People who rated (required)").fill("6")
    peer.get_by_label("Lowest individual rating").select_option("1")
    follow_up.get_by_label("An onboarding buddy for every new case officer: ", exact=False).first.select_option("started")
    follow_up.get_by_role("button", name="Add a story").click()
    story = follow_up.get_by_role("group", name="Story 1")
    story.get_by_label("Dimension (required)").select_option(label="Peer-learning practices")
    story.get_by_label("Story in Finnish (required)").fill("Uusi käsittelijä kysyi kaverilta ensimmäisellä viikolla.")
    story.get_by_label("Story in English (required)").fill("A new case officer asked the buddy in the first week.")
    saved = save(page, tmp_path / f"{REAL_AGENCY}.yml")
    check_cli(saved)
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    original = yaml.safe_load(example.read_text(encoding="utf-8"))
    assert data["follow_ups"][0] == original["follow_ups"][0]
    added = data["follow_ups"][1]
    assert added["id"] == "six-months" and str(added["assessed"]) == "2027-03-15" and added["method"] == "survey" and added["respondents"] == 6
    assert added["ratings"] == {"peer-learning-practices": 2} and added["disagreement"] == {"peer-learning-practices": {"low": 1, "high": 5}}
    assert added["indicators"] == [{"goal": "onboarding-buddies", "indicator": 1, "status": "started"}]
    assert added["stories"][0]["dimension"] == "peer-learning-practices"
    assert data["goals"][0]["commitments"] == original["goals"][0].get("commitments", []) + [{"who": {"fi": "Johtoryhmä", "en": "The management team"}, "what": {"fi": "Varaa kaverille tunnin viikossa", "en": "Sets aside an hour a week for the buddy"}}]
