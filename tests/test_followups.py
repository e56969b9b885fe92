"""Follow-up re-assessments (issue 24): every rule of `follow_ups` reports its exact problem, all at once."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

import pytest
from quality import AXE_JS, axe_violations, describe_violations, require_tool, serve

from conftest import AGENCY, FOLLOW_UP, copy_library, run_cli
from mentorkit.pipeline import stage_variant
from mentorkit.errors import InvalidInput
from mentorkit.validate.agency import load_agencies
from mentorkit.validate.content import load_library

WITH_FOLLOW_UP = AGENCY + FOLLOW_UP
"""A valid definition with one follow-up (its first line is line 24)."""
FILE = "agencies/a.yml"
GOLDEN = Path(__file__).resolve().parent / "golden" / "change"

CASES = {
    "date before the baseline": ("assessed: 2027-03-15", "assessed: 2026-09-01",
        f"{FILE}:26: follow_ups[0].assessed: '2026-09-01' is not after current_state.assessed '2026-09-14'; expected follow-ups after the baseline and in date order, e.g. 2027-09-14"),
    "unknown method": ("method: consensus", "method: vote",
        f"{FILE}:27: follow_ups[0].method: 'vote' is not one of the allowed values; expected consensus or survey, e.g. consensus"),
    "survey of 4": ("method: consensus\n    respondents: 6", "method: survey\n    respondents: 4",
        f"{FILE}:28: follow_ups[0].respondents: a survey of 4 cannot keep answers apart from the people who gave them; expected at least 5 respondents for a survey, or method: consensus"),
    "unknown dimension": ("psychological-safety: 4}", "psychological-safty: 4}",
        f"{FILE}:29: follow_ups[0].ratings.psychological-safty: 'psychological-safty' is not a self-assessment dimension (did you mean 'psychological-safety'?); expected an id from data/dimensions.yml, e.g. psychological-safety"),
    "unknown retrospective dimension": ("retrospective: {peer-learning-practices: 1", "retrospective: {peer-learnin: 1",
        f"{FILE}:32: follow_ups[0].retrospective.peer-learnin: 'peer-learnin' is not a self-assessment dimension (did you mean 'peer-learning-practices'?); expected an id from data/dimensions.yml, e.g. peer-learning-practices"),
    "range outside the rating": ("{low: 2, high: 4, note", "{low: 4, high: 5, note",
        f"{FILE}:31: follow_ups[0].disagreement.peer-learning-practices: the rating 3 lies outside the range 4–5; expected the group's rating within the ratings given, e.g. {{low: 3, high: 5}}"),
    "unknown goal": ("{goal: newcomers,", "{goal: newcomer,",
        f"{FILE}:34: follow_ups[0].indicators[0].goal: 'newcomer' is not a goal (did you mean 'newcomers'?); expected an id from goals in this definition, e.g. newcomers"),
    "indicator that does not exist": ("indicator: 1,", "indicator: 2,",
        f"{FILE}:34: follow_ups[0].indicators[0].indicator: goal 'newcomers' has 1 indicator, so there is no 2; expected a position from 1 to 1"),
    "unknown status": ("status: started,", "status: done,",
        f"{FILE}:34: follow_ups[0].indicators[0].status: 'done' is not one of the allowed values; expected one of not-started, started, established, dropped, e.g. started"),
    "text missing in a language": ("evidence: {fi: Kolmella uudella on kaveri, en: Three newcomers have a buddy}", "evidence: {fi: Kolmella uudella on kaveri}",
        f"{FILE}:34: follow_ups[0].indicators[0].evidence: no text in en; expected text in every language (fi, en), e.g. {{fi: …, en: …}}"),
    "story of an unknown dimension": ("- dimension: psychological-safety", "- dimension: safety",
        f"{FILE}:36: follow_ups[0].stories[0].dimension: 'safety' is not a self-assessment dimension; expected an id from data/dimensions.yml, e.g. peer-learning-practices"),
    "more than 3 stories": ("    notes: {fi: Arvioitiin", "".join(f"      - {{dimension: psychological-safety, text: T{i}}}\n" for i in range(3)) + "    notes: {fi: Arvioitiin",
        f"{FILE}:35: follow_ups[0].stories: has 4 items, at most 3 allowed; expected a list of at most 3 change stories, without names"),
    "no respondents": ("    respondents: 6\n", "",
        f"{FILE}:25: follow_ups[0].respondents: missing; expected how many people rated, a whole number, e.g. respondents: 6"),
    "follow-up without a baseline": ("current_state:\n  assessed: 2026-09-14\n  ratings:\n    peer-learning-practices: 2\n    psychological-safety: 4\n", "",
        f"{FILE}:19: follow_ups: a follow-up needs a baseline to compare with; expected current_state with the workshop's ratings, e.g. current_state: {{assessed: 2026-09-14, ratings: {{psychological-safety: 3}}}}"),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return load_library(copy_library(tmp_path_factory.mktemp("lib") / "library"))


def problems_of(library, text: str) -> list[str]:
    """Return what validation says of a definition (nothing when it passes)."""
    root = Path(library.root)
    path = root / "agencies" / "a.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        load_agencies([path], library=library, root=root)
    except InvalidInput as caught:
        return [str(p) for p in caught.problems]
    return []


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_follow_up_rule(library, case):
    """Each broken rule of a follow-up produces exactly the documented message."""
    old, new, expected = CASES[case]
    assert old in WITH_FOLLOW_UP
    assert problems_of(library, WITH_FOLLOW_UP.replace(old, new, 1)) == [expected]


def test_second_follow_up_rules_all_at_once(library):
    """A repeated id and a date not after the previous follow-up are both reported in one run."""
    second = FOLLOW_UP.removeprefix("follow_ups:\n").replace("assessed: 2027-03-15", "assessed: 2027-03-01")
    assert problems_of(library, WITH_FOLLOW_UP + second) == [
        f"{FILE}:39: follow_ups[1].id: 'six-months' is already the id of follow_ups[0]; expected a unique follow-up id, e.g. six-months-2",
        f"{FILE}:40: follow_ups[1].assessed: '2027-03-01' is not after follow_ups[0].assessed '2027-03-15'; expected follow-ups after the baseline and in date order, e.g. 2028-03-15",
    ]


def test_valid_follow_up_is_read(library):
    """A valid follow-up passes and reaches the model: published range, retrospective, indicator, story."""
    assert problems_of(library, WITH_FOLLOW_UP) == []
    agency = load_agencies([Path(library.root) / "agencies" / "a.yml"], library=library, root=Path(library.root))[0]
    follow_up = agency.follow_ups[0]
    assert follow_up.state.ratings == {"peer-learning-practices": 3, "psychological-safety": 4}
    assert follow_up.state.disagreement["peer-learning-practices"].low == 2
    assert follow_up.retrospective == {"peer-learning-practices": 1, "psychological-safety": None}
    assert follow_up.indicators[0].status == "started" and follow_up.stories[0].dimension == "psychological-safety"


def test_dont_know_at_both_ends_warns(library, caplog):
    """A dimension that is 'don't know' at the baseline and at a follow-up passes with a warning."""
    text = WITH_FOLLOW_UP.replace("    psychological-safety: 4\n", "    psychological-safety: null\n", 1).replace("psychological-safety: 4}", "psychological-safety: null}")
    with caplog.at_level(logging.WARNING):
        assert problems_of(library, text) == []
    assert f"warning: {FILE}:29: follow_ups[0].ratings.psychological-safety: 'psychological-safety' is don't know both at the baseline and now, so no change can be shown; expected a rating at one end at least (a warning: check passes)" in caplog.messages


def test_small_group_range_withheld_with_one_warning(library, caplog):
    """Ranges from fewer than 5 (or an unstated number) stay out of the model, with one warning for the file."""
    text = WITH_FOLLOW_UP.replace("respondents: 6", "respondents: 4").replace(
        "    psychological-safety: 4\n", "    psychological-safety: 4\n  disagreement:\n    psychological-safety: {low: 3, high: 5}\n", 1)
    with caplog.at_level(logging.WARNING):
        assert problems_of(library, text) == []
    warnings = [m for m in caplog.messages if "will not be published" in m]
    assert warnings == [
        f"warning: {FILE}:17: current_state.disagreement: the rating ranges in current_state.disagreement (respondents not stated), "
        "follow_ups[0].disagreement (4 respondents) will not be published: a range is shown only from at least 5 respondents, "
        "so that no one's rating can be told apart; the pages say the group did not agree and show the note "
        "(a warning: check passes; state the group's size, e.g. respondents: 5)"
    ]
    agency = load_agencies([Path(library.root) / "agencies" / "a.yml"], library=library, root=Path(library.root))[0]
    assert agency.current_state.disagreement == {} and agency.follow_ups[0].state.disagreement == {}
    assert agency.follow_ups[0].state.withheld == {"peer-learning-practices": {"fi": "Yksiköt eroavat", "en": "Units differ"}}


SMALL_GROUPS = (
    AGENCY.replace("  ratings:\n", "  respondents: 3\n  disagreement:\n    psychological-safety: {low: 2, high: 5, note: {fi: Pienryhmä, en: Small group}}\n  ratings:\n", 1)
    + FOLLOW_UP.replace("respondents: 6", "respondents: 4")
    + "  - id: one-year\n    assessed: 2027-09-20\n    method: survey\n    respondents: 5\n"
    "    ratings: {peer-learning-practices: 4, psychological-safety: null}\n    disagreement:\n      peer-learning-practices: {low: 3, high: 5}\n"
)
"""A baseline rated by 3 and a follow-up by 4, each with a range (withheld), and a survey of 5 whose range is published."""


@pytest.fixture(scope="module")
def small_groups(tmp_path_factory) -> Path:
    """Build the agency of SMALL_GROUPS (site, no PDFs); return its library root."""
    root = copy_library(tmp_path_factory.mktemp("followups") / "library")
    (root / "agencies").mkdir()
    (root / "agencies" / "testivirasto.yml").write_text(SMALL_GROUPS, encoding="utf-8")
    result = run_cli("build", "--root", str(root), "--agency", str(root / "agencies" / "testivirasto.yml"), "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("will not be published") == 1
    return root


def test_small_group_ranges_appear_nowhere_in_dist(small_groups):
    """No file of dist/ (the search index's compressed fragments included) shows a range from under 5 people."""
    seen = {"2–5": [], "2–4": [], "3–5": [], 'class="mk-chart-range': [], "Pienryhmä": []}
    files = [path for path in (small_groups / "dist").rglob("*") if path.is_file()]
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".pf_fragment":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        for needle in seen:
            if needle in text:
                seen[needle].append(path.relative_to(small_groups).as_posix())
    assert any(path.suffix == ".pf_fragment" for path in files)
    assert seen["2–5"] == seen["2–4"] == seen['class="mk-chart-range'] == []
    # The survey of 5 may show its range; the withheld ones still show their notes.
    assert "dist/agencies/testivirasto/site/change/index.html" in seen["3–5"]
    assert "dist/agencies/testivirasto/site/index.html" in seen["Pienryhmä"]


def test_follow_up_dates_in_the_agency_calendar(small_groups):
    """Each follow-up is an all-day event in the agency's calendar file."""
    ics = (small_groups / "dist/agencies/testivirasto/testivirasto-schedule.ics").read_text(encoding="utf-8")
    event = next(e for e in ics.split("BEGIN:VEVENT") if "UID:testivirasto-follow-up-six-months@mentorkit" in e)
    assert "SUMMARY:Seuranta-arvio (Testivirasto)" in event
    assert "DTSTART;VALUE=DATE:20270315" in event and "DTEND;VALUE=DATE:20270316" in event
    assert "UID:testivirasto-follow-up-one-year@mentorkit" in ics


def test_home_page_says_the_group_did_not_agree(small_groups):
    """Where the range is withheld, the home page says the group did not agree and shows the note."""
    html = (small_groups / "dist/agencies/testivirasto/site/index.html").read_text(encoding="utf-8")
    assert "Näistä alueista ryhmä ei ollut yksimielinen. Vaihteluväliä ei julkaista, koska arvioijia oli alle 5" in html
    assert "<li>Psykologinen turvallisuus: Pienryhmä</li>" in html
    assert '<a href="change/" class="md-nav__link">' in html or 'href="change/"' in html


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_change_page_matches_golden(lang, tmp_path, request):
    """The staged change page is exactly as reviewed in tests/golden/change/<lang>.md."""
    root = copy_library(tmp_path / "library")
    (root / "agencies").mkdir()
    definition = root / "agencies" / "testivirasto.yml"
    definition.write_text(SMALL_GROUPS, encoding="utf-8")
    staged = stage_variant(root=root, agency_file=definition, staging=tmp_path / "staging")
    text = next(staged.site.root.rglob(f"{lang}/docs/change.md")).read_text(encoding="utf-8")
    golden = GOLDEN / f"{lang}.md"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "the change page differs from tests/golden/change; regenerate with --update-golden and review"


@pytest.mark.browser
@pytest.mark.slow
def test_change_page_is_accessible_at_phone_and_desktop_width(real_built, browser):
    """The example agency's change page, both languages, 390 and 1280 px: zero axe-core violations."""
    require_tool(AXE_JS)
    site = real_built / "agencies" / "pohjolan-lupavirasto" / "site"
    found = {}
    with serve(site) as url:
        for width in (390, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for path in ("change/", "en/change/"):
                page.goto(url + path)
                assert page.locator(".mk-change-row").count() == 11
                found[f"{path} at {width} px"] = axe_violations(page)
            context.close()
    found = {k: v for k, v in found.items() if v}
    assert not found, describe_violations(found)


def test_replan_shows_the_difference_and_plan_from_applies_it(library):
    """Re-run on the latest ratings, a module held only by a weak rating drops out, with its reason; plan_from builds from it."""
    from mentorkit.assemble.change import change_chapter
    from mentorkit.assemble.context import context_for
    from mentorkit.plan.manifest import plan_agency

    root = Path(library.root)
    text = SMALL_GROUPS.replace("themes: [onboarding]", "themes: [digital-change]")
    assert problems_of(library, text) == []
    agency = load_agencies([root / "agencies" / "a.yml"], library=library, root=root)[0]
    manifest = plan_agency(library, agency)
    assert "mt-onboarding" in manifest.module_ids
    assert '"replan": {\n    "follow_up": "one-year",\n    "applied": false,\n    "modules": [\n      {\n        "module": "mt-onboarding",\n        "kind": "dropped"' in manifest.to_json()
    page = change_chapter(context_for(library, manifest, agency=agency, lang="fi"))
    assert "- **Perehdytys vertaisten kesken ei ole enää valinnassa**: Vertaisoppimisen käytännöt 2 → 4\n" in page
    assert "kun tavoitemäärittelyyn lisätään rivi plan_from: one-year." in page

    assert problems_of(library, text + "plan_from: one-year\n") == []
    agency = load_agencies([root / "agencies" / "a.yml"], library=library, root=root)[0]
    manifest = plan_agency(library, agency)
    assert "mt-onboarding" not in manifest.module_ids and manifest.replan is not None and manifest.replan.applied
    assert problems_of(library, text + "plan_from: one-yaer\n") == [
        f"{FILE}:49: plan_from: 'one-yaer' is not a follow-up (did you mean 'one-year'?); expected an id from follow_ups in this definition, e.g. one-year"
    ]


def test_cohort_change_counts_moves_and_waits_for_three(library):
    """The round's change counts agencies per dimension (no names, no order) and only from 3 followed agencies."""
    from mentorkit.assemble.cohortchange import cohort_change

    root = Path(library.root)
    (root / "agencies").mkdir(exist_ok=True)
    paths = []
    for number, (after, safety) in enumerate([(3, 4), (2, 5), (1, "null")], 1):
        path = root / "agencies" / f"v{number}.yml"
        path.write_text(WITH_FOLLOW_UP.replace("{low: 2, high: 4,", "{low: 1, high: 4,").replace("id: testivirasto", f"id: virasto-{number}").replace(
            "ratings: {peer-learning-practices: 3, psychological-safety: 4}", f"ratings: {{peer-learning-practices: {after}, psychological-safety: {safety}}}"), encoding="utf-8")
        paths.append(path)
    agencies = load_agencies(paths, library=library, root=root)
    shown = cohort_change(library, agencies, lang="en")
    # Baseline peer learning 2: one agency up (3), one the same (2), one down (1); safety 4: same, up, don't know.
    assert '<tr><th scope="row">Peer-learning practices</th><td class="num">1</td><td class="num">1</td><td class="num">1</td><td class="num">0</td></tr>' in shown
    assert '<tr><th scope="row">Psychological safety</th><td class="num">0</td><td class="num">1</td><td class="num">1</td><td class="num">1</td></tr>' in shown
    assert "virasto" not in shown and "Test Agency" not in shown
    assert "The change is shown once at least 3 agencies have a follow-up; 2 have one now." in cohort_change(library, agencies[:2], lang="en")


# The follow-up session's handouts (issue 24) ------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_follow_up_handouts_rate_now_and_then_and_list_the_agency_signs(pdf_built, lang):
    """An agency's follow-up handouts: every statement rated now and at the start, its own goals' signs with the four statuses on one line each, story cards; all fillable."""
    from pypdf import PdfReader

    from test_handouts import flat, norm

    library = load_library(pdf_built.parent)
    reader = PdfReader(pdf_built / f"agencies/testivirasto/pdf/testivirasto-follow-up-handouts-{lang}.pdf")
    content = flat(reader)
    ui = library.ui[lang]
    for number, dimension in enumerate(library.dimensions.values(), 1):
        for letter, statement in zip("abc", dimension.statements):
            assert norm(f"{number}{letter}) {statement[lang]} {ui['follow_up.now']} ") in content, statement[lang]
    assert content.count(ui["follow_up.then"]) >= 3 * len(library.dimensions)
    goal, sign = {"fi": ("Perehdytyskaveri jokaiselle", "Jokaisella uudella on kaveri"), "en": ("A buddy for every newcomer", "Every newcomer has a buddy")}[lang]
    assert f"{ui['follow_up.goal']} 1: {goal}" in content and f"1. {sign}" in content
    # Each status heading on a line of its own: a narrow column once broke 'vakiintu|nut'.
    statuses = " ".join(ui[f"change.status.{s}"] for s in ("not-started", "started", "established", "dropped"))
    assert f"{ui['change.indicator']} {statuses} {ui['follow_up.evidence']}" in content
    assert f"{ui['follow_up.story_card'].format(n=2)} {ui['follow_up.story_dimension']}" in content
    fields = reader.get_fields()
    dimension = next(iter(library.dimensions))
    for name in (f"fu-{dimension}-1-now-3", f"fu-{dimension}-3-then-unknown", f"fu-{dimension}-then-5", "ind-1-1-established", "ind-1-1-evidence", "story2-why", f"story1-{dimension}"):
        assert name in fields, name


@pytest.mark.slow
def test_base_follow_up_handouts_have_blank_goals(pdf_built):
    """The base site's edition has lines for three goals' titles and signs, and no agency's goal."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_built / "site/pdf/follow-up-handouts-fi.pdf")
    fields = reader.get_fields()
    assert {"ind-goal1", "ind-goal3", "ind-1-1", "ind-3-3", "ind-3-3-dropped"} <= set(fields)
    assert "Perehdytyskaveri" not in " ".join(page.extract_text() for page in reader.pages)


def test_follow_up_handouts_are_linked_where_the_session_is_run(repo_library):
    """The follow-up page links its variant's handouts (an agency's own), as do the trainer's page and an agency's home page."""
    from mentorkit.assemble.context import context_for
    from mentorkit.assemble.pages import stage_pages
    from mentorkit.plan.documents import plan_documents, site_documents
    from mentorkit.plan.manifest import plan_agency, plan_base

    from conftest import REAL_AGENCY, REPO

    library = repo_library
    (agency,) = load_agencies([REPO / f"agencies/{REAL_AGENCY}.yml"], library=library, root=REPO)
    for manifest, variant, prefix in ((plan_base(library), None, ""), (plan_agency(library, agency), agency, f"{REAL_AGENCY}-")):
        documents = site_documents(manifest, plan_documents(manifest))
        for lang, label in (("fi", "Seurantatapaamisen tulosteet (PDF)"), ("en", "Follow-up session handouts (PDF)")):
            pages = {p.path: p.markdown for p in stage_pages(context_for(library, manifest, agency=variant, lang=lang), documents=documents)}
            link = f'<a href="mk-site-root:pdf/{prefix}follow-up-handouts-{lang}.pdf">{label}</a>'
            assert link in pages["follow-up.md"] and link in pages["index.md" if variant else "for-trainers.md"], (prefix, lang)
            # Only the session's own handouts on its page.
            assert pages["follow-up.md"].count("mk-site-root:pdf/") == 1


def test_a_goal_without_signs_gets_lines_to_write_them_on(library):
    """An agency's check sheet lists each goal's own signs; a goal that has none gets blank lines, never an empty table."""
    from mentorkit.assemble.context import context_for
    from mentorkit.assemble.followuphandouts import indicator_sheet
    from mentorkit.assemble.handouts import INDICATOR_LINES
    from mentorkit.plan.manifest import plan_agency

    root = Path(library.root)
    path = root / "agencies" / "signs.yml"
    path.parent.mkdir(exist_ok=True)
    second = "  - id: second\n    title: {fi: Toinen tavoite, en: A second goal}\n    themes: [onboarding]\n"
    path.write_text(AGENCY + second, encoding="utf-8")
    (agency,) = load_agencies([path], library=library, root=root)
    html = indicator_sheet(context_for(library, plan_agency(library, agency), agency=agency, lang="en")).html
    assert "Goal 1: A buddy for every newcomer" in html and "1. Every newcomer has a buddy" in html and 'name="ind-1-2"' not in html
    assert "Goal 2: A second goal" in html
    assert [n for n in range(1, INDICATOR_LINES + 2) if f'<input type="text" name="ind-2-{n}"' in html] == list(range(1, INDICATOR_LINES + 1))
