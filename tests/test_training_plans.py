"""The training plans: validated data whose clock times add up, shown on the track pages."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import REAL_AGENCY, REPO, edit, problems_of, run_cli
from mentorkit.validate.content import load_library
from mentorkit.validate.plans import minutes_of

PLANS = """\
plans:
  - id: day
    track: workshop
    covers: all
    title: {fi: Päivä, en: Day}
    sessions:
      - start: "09:00"
        end: "10:30"
        items:
          - {segment: welcome, minutes: 15, title: {fi: Tervetuloa, en: Welcome}}
          - module: ws-start
          - {segment: closing, minutes: 15, title: {fi: Päätös, en: Closing}}
  - id: sessions
    track: mentor
    covers: all
    title: {fi: Tapaamiset, en: Sessions}
    sessions:
      - start: "09:00"
        end: "11:45"
        items:
          - {segment: opening, minutes: 15, title: {fi: Avaus, en: Opening}}
          - {module: mt-core, minutes: 60}
          - {segment: break, minutes: 15, title: {fi: Tauko, en: Break}}
          - {module: mt-core, minutes: 60}
          - {segment: closing, minutes: 15, title: {fi: Päätös, en: Closing}}
      - start: "13:00"
        end: "15:45"
        items:
          - {segment: opening, minutes: 15, title: {fi: Avaus, en: Opening}}
          - {segment: review, minutes: 30, title: {fi: Välitehtävä, en: Between sessions}}
          - {segment: break, minutes: 15, title: {fi: Tauko, en: Break}}
          - module: mt-onboarding
          - {segment: closing, minutes: 15, title: {fi: Päätös, en: Closing}}
"""

FILE = "data/training-plans.yml"


@pytest.fixture
def plans_root(library_root: Path) -> Path:
    (library_root / FILE).write_text(PLANS, encoding="utf-8")
    return library_root


def test_valid_plans_load(plans_root):
    """A plan's items carry the modules' own minutes."""
    library = load_library(plans_root)
    day, sessions = library.training_plans
    assert [(i.module, i.minutes) for i in day.sessions[0].items] == [(None, 15), ("ws-start", 60), (None, 15)]
    assert sessions.sessions[1].items[3].minutes == 90
    # A module split across a break: each part's minutes and its number of the parts.
    assert [(i.minutes, i.part, i.parts) for i in sessions.sessions[0].items if i.module] == [(60, 1, 2), (60, 2, 2)]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("          - module: ws-start\n", "          - module: ws-strat\n",
     f"{FILE}:11: plans[0].sessions[0].items[1].module: 'ws-strat' does not exist (did you mean 'ws-start'?); expected an id from the workshop modules, e.g. ws-start"),
    ('        end: "10:30"', '        end: "10:45"',
     f"{FILE}:8: plans[0].sessions[0].end: the items take 90 min but 09:00–10:45 is 105 min; expected the items to fill the session exactly, e.g. end: '10:30'"),
    ("          - module: mt-onboarding\n", "          - module: mt-core\n",
     f"{FILE}:32: plans[1].sessions[1].items[3]: 'mt-core' is split into parts elsewhere in this plan, but this part has no minutes; expected each part's minutes, e.g. {{module: mt-core, minutes: 45}}"),
    ("          - module: ws-start\n", "          - module: ws-start\n          - module: ws-start\n",
     f"{FILE}:12: plans[0].sessions[0].items[2].module: 'ws-start' appears a second time in this plan (first in session 1); expected each module once per plan"),
    ("          - module: ws-start\n", "          - module: mt-onboarding\n",
     f"{FILE}:11: plans[0].sessions[0].items[1].module: 'mt-onboarding' is a mentor module; expected a module of the plan's track (workshop)"),
    ("{segment: review, minutes: 30, title: {fi: Välitehtävä, en: Between sessions}}", "{segment: break, minutes: 30, title: {fi: Tauko, en: Break}}",
     f"{FILE}:28: plans[1].sessions[1].items: no segment picks up the work done between sessions; expected one such as {{segment: review, minutes: 30, title: …}}"),
    ("{segment: welcome, minutes: 15, title: {fi: Tervetuloa, en: Welcome}}", "{segment: break, minutes: 15, title: {fi: Tauko, en: Break}}",
     f"{FILE}:10: plans[0].sessions[0].items[0]: the session does not open with a welcome or an opening; expected a first item such as {{segment: opening, minutes: 15, title: …}}"),
    ("{segment: closing, minutes: 15, title: {fi: Päätös, en: Closing}}", "{segment: closing, minutes: 15}",
     f"{FILE}:12: plans[0].sessions[0].items[2]: title: missing; expected a segment's minutes and title, e.g. {{segment: closing, minutes: 15, title: {{fi: Tauko, en: Break}}}}"),
    ("title: {fi: Päivä, en: Day}", "title: {fi: Päivä}",
     f"{FILE}:5: plans[0].title: no text in en; expected text in every language (fi, en), e.g. {{fi: …, en: …}}"),
    ('      - start: "09:00"\n        end: "10:30"', '      - start: "9.00"\n        end: "10:30"',
     f"{FILE}:7: plans[0].sessions[0].start: '9.00' is not in the right form; expected a time of day as HH:MM, e.g. \"09:00\""),
])
def test_plan_problems(plans_root, old, new, message):
    """Each rule of a plan is reported with its file, line and key path."""
    edit(plans_root, FILE, old, new)
    assert message in problems_of(plans_root)


# Working hours: each rule with its exact message (old text, new text, message).
HOURS = [
    ('start: "09:00"\n        end: "10:30"', 'start: "07:30"\n        end: "09:00"',
     f"{FILE}:7: plans[0].sessions[0].start: '07:30' is before the working day; expected a session within 08:00–16:15, e.g. start: '08:30'"),
    ('start: "13:00"\n        end: "15:45"', 'start: "14:00"\n        end: "16:45"',
     f"{FILE}:27: plans[1].sessions[1].end: '16:45' is after the working day (16:15); expected a session within 08:00–16:15, e.g. end: '16:00'"),
    ("          - {segment: break, minutes: 15, title: {fi: Tauko, en: Break}}\n          - module: mt-onboarding\n",
     "          - {segment: agreement, minutes: 15, title: {fi: Sopimus, en: Agreement}}\n          - module: mt-onboarding\n",
     f"{FILE}:32: plans[1].sessions[1].items[3]: 13:00–15:30 runs 150 min without a break; expected a break or lunch at least every 120 min, e.g. {{segment: break, minutes: 15, title: {{fi: Tauko, en: Break}}}} before this item"),
    ("          - {module: mt-core, minutes: 60}\n          - {segment: break, minutes: 15, title: {fi: Tauko, en: Break}}\n          - {module: mt-core, minutes: 60}\n",
     "          - {module: mt-core, minutes: 120}\n          - {segment: break, minutes: 15, title: {fi: Tauko, en: Break}}\n",
     f"{FILE}:22: plans[1].sessions[0].items[1]: module 'mt-core' runs 120 min in one piece; expected no item over 90 min: split the module into parts with a break between, e.g. {{module: mt-core, minutes: 60}}"),
    ("          - {module: mt-core, minutes: 60}\n          - {segment: closing",
     "          - {module: mt-core, minutes: 50}\n          - {segment: closing",
     f"{FILE}:24: plans[1].sessions[0].items[3].minutes: the parts of 'mt-core' take 110 min (60 + 50) but the module takes 120 min (module.yml); expected parts that add up to 120"),
    ("    covers: all\n    title: {fi: Päivä, en: Day}", "    covers: all\n    delivery: remote\n    title: {fi: Päivä, en: Day}",
     f"{FILE}:12: plans[0].sessions[0].items[1]: 09:00–10:15 runs 75 min without a break; expected a break or lunch at least every 60 min in a remote session, e.g. {{segment: break, minutes: 15, title: {{fi: Tauko, en: Break}}}} before this item"),
]


@pytest.mark.parametrize(("old", "new", "message"), HOURS)
def test_working_hours(plans_root, old, new, message):
    """Sessions keep to the state's working day, split long modules and rest often enough."""
    edit(plans_root, FILE, old, new)
    assert message in problems_of(plans_root)


def test_a_long_session_has_lunch_and_a_remote_one_is_short(plans_root):
    """A day over five hours without lunch, and a video meeting over 3 h 15 min, are each reported."""
    edit(plans_root, FILE, '      - start: "13:00"\n        end: "15:45"', '      - start: "08:00"\n        end: "13:35"')
    edit(plans_root, FILE, "          - module: mt-onboarding\n", "          - module: mt-onboarding\n" + "          - {segment: break, minutes: 15, title: {fi: Tauko, en: Break}}\n          - {segment: agreement, minutes: 80, title: {fi: Sopimus, en: Agreement}}\n" * 2)
    edit(plans_root, FILE, "    covers: all\n    title: {fi: Tapaamiset", "    covers: all\n    delivery: remote\n    title: {fi: Tapaamiset")
    found = problems_of(plans_root)
    assert f"{FILE}:29: plans[1].sessions[1].items: a session of 335 min has no lunch; expected a lunch in a session over 5 h, e.g. {{segment: lunch, minutes: 45, title: {{fi: Lounas, en: Lunch}}}}" in found
    assert f"{FILE}:28: plans[1].sessions[1].end: a remote session of 335 min; expected at most 195 min in one video meeting, e.g. two or three shorter sessions" in found


def test_every_module_of_the_track_once(plans_root):
    """A plan that covers its track names each module of the track."""
    edit(plans_root, FILE, "          - module: mt-onboarding\n", "")
    edit(plans_root, FILE, 'end: "15:45"', 'end: "14:15"')
    assert problems_of(plans_root) == [
        f"{FILE}:17: plans[1].sessions: module 'mt-onboarding' is in no session; expected every mentor module once, e.g. - module: mt-onboarding",
    ]


# The real plans, built ------------------------------------------------------------------------


def real_plans() -> dict:
    return yaml.safe_load((REPO / FILE).read_text(encoding="utf-8"))["plans"]


def module_minutes() -> dict[str, int]:
    return {path.parent.name: yaml.safe_load(path.read_text(encoding="utf-8"))["duration_min"] for path in REPO.glob("modules/*/*/module.yml")}


def test_real_plans_meet_the_programme():
    """Workshop as a full day and as two half days; the mentor training in 4–5 sessions and a core plan."""
    library = load_library(REPO)
    plans = {p.id: p for p in library.training_plans}
    assert len(plans["workshop-full-day"].sessions) == 1 and len(plans["workshop-half-days"].sessions) == 2
    assert 4 <= len(plans["mentor-five-sessions"].sessions) <= 5
    assert plans["mentor-core"].covers == "core"
    first = plans["mentor-five-sessions"].sessions[0]
    # Ground rules come first, before anyone shares a real case: the first module opens with them.
    assert [i.segment for i in first.items[:1]] == ["opening"] and first.items[1].module == "mt-mentor-role"
    assert library.module("mt-mentor-role").exercises[0] == "ground-rules"
    # The mentor page's groupings: 1+2 | 3+4 | 5 | 6+7 | 8 in track order, and the core in four sessions.
    order = {m.id: m.order for m in library.modules}
    groups = [list(dict.fromkeys(order[i.module] for i in s.items if i.module)) for s in plans["mentor-five-sessions"].sessions]
    assert groups == [[1, 2], [3, 4], [5], [6, 7], [8]]
    core = [list(dict.fromkeys(i.module for i in s.items if i.module)) for s in plans["mentor-core"].sessions]
    assert core == [["mt-mentor-role"], ["mt-learning-in-work", "mt-reflection-dialogue"], ["mt-psych-safety"], ["mt-developing-work-culture"], ["mt-evaluate-sustain"]]
    # A remote run of the workshop in short mornings, and every task a segment sets is written out.
    assert plans["workshop-remote"].delivery == "remote" and len(plans["workshop-remote"].sessions) == 3
    described = {i.title["fi"]: i.description["fi"] for p in ("workshop-half-days", "mentor-five-sessions") for s in plans[p].sessions for i in s.items if i.description}
    assert "Välitehtävä" in described["Yhteenveto ja välitehtävä"]
    assert "kehittämissuunnitelma" in described["Päätös: oma kehittämissuunnitelma"]
    kinds = {i.segment for i in plans["workshop-full-day"].sessions[0].items}
    assert {"welcome", "break", "lunch", "closing", "feedback"} <= kinds


def test_track_pages_show_plans_whose_clock_times_add_up(real_built):
    """The workshop page's agenda: every row starts when the previous ends; modules last as module.yml says."""
    html = (real_built / "site/workshop/index.html").read_text(encoding="utf-8")
    assert "Edustajien työpaja koko päivänä" in html and "Edustajien työpaja kahtena puolipäivänä" in html
    minutes = module_minutes()
    cells = re.findall(r"<tr>\s*<td><span class=\"mk-time\">(\d{1,2})\.(\d\d)–(\d{1,2})\.(\d\d)</span></td>\s*<td>(.*?)</td>\s*<td[^>]*>(.*?)</td>", html, flags=re.S)
    assert len(cells) == sum(len(s["items"]) for p in real_plans() if p["track"] == "workshop" for s in p["sessions"])
    starts = {minutes_of(s["start"]) for p in real_plans() for s in p["sessions"]}
    previous_end = None
    shown: dict[str, int] = {}
    for h1, m1, h2, m2, name, duration in cells:
        start, end = int(h1) * 60 + int(m1), int(h2) * 60 + int(m2)
        if previous_end is not None and start not in starts:
            assert start == previous_end, (name, start, previous_end)
        previous_end = end
        link = re.search(r'href="(?:\.\./)?(ws-[a-z-]+)/"', name)
        if link:
            shown[link.group(1)] = shown.get(link.group(1), 0) + end - start
    # Split or whole, each module's rows add up to its minutes in each of the workshop's plans.
    workshop_plans = sum(1 for p in real_plans() if p["track"] == "workshop")
    assert shown == {module: minutes[module] * workshop_plans for module in shown} and len(shown) == 4
    assert "8.15–8.35" in html and "15.50–16.00" in html and "(osa 1/2)" in html
    assert "Välitehtävä (noin 30 minuuttia ennen toista puolipäivää)" in html
    en = (real_built / "site/en/mentor/index.html").read_text(encoding="utf-8")
    assert "The learning-mentor training in five sessions" in en and "8:30–8:45" in en and "(part 1 of 2)" in en


def test_a_changed_duration_is_reported(tmp_path):
    """A module that grows without the plan following is an error naming the end to write."""
    root = tmp_path / "content"
    for name in ("data", "docs", "exercises", "modules"):
        shutil.copytree(REPO / name, root / name)
    edit(root, "modules/workshop/ws-goal-setting/module.yml", "duration_min: 85", "duration_min: 100")
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 2
    assert "data/training-plans.yml:20: plans[0].sessions[0].end: the items take 480 min but 08:15–16:00 is 465 min; expected the items to fill the session exactly, e.g. end: '16:15'" in result.stderr



EVENT = """\
events:
  - id: kick-off
    title: {fi: Aloitus, en: Kick-off}
    when: {fi: Ennen valmennusta, en: Before the training}
    who: {fi: Kaikki, en: Everyone}
    material: [{fi: Tavoitepohjat, en: Goal canvases}]
    sessions:
      - start: "12:30"
        end: "13:30"
        items:
          - {segment: welcome, minutes: 15, title: {fi: Tervetuloa, en: Welcome}}
          - {segment: discussion, minutes: 30, title: {fi: Kysymykset, en: Questions}, description: {fi: Mentorit kysyvät., en: Mentors ask.}}
          - {segment: closing, minutes: 15, title: {fi: Päätös, en: Closing}}
"""


def test_events_load_and_keep_the_plans_rules(plans_root):
    """An event's agenda is read like a plan's; a module in it, or minutes that do not fill it, are reported."""
    (plans_root / FILE).write_text(PLANS + EVENT, encoding="utf-8")
    # Each event has a page of its own (tests/test_programme_materials.py).
    edit(plans_root, "data/site.yml", "  - id: workshop\n", "  - {id: kick-off, generated: round-event, under: programme}\n  - id: workshop\n")
    for lang in ("fi", "en"):
        (plans_root / "docs" / lang / "kick-off.md").write_text("---\ntitle: Aloitus\n---\n\nTeksti.\n", encoding="utf-8")
    (event,) = load_library(plans_root).events
    assert event.title["en"] == "Kick-off" and [i.minutes for i in event.sessions[0].items] == [15, 30, 15]
    edit(plans_root, FILE, '        end: "13:30"', '        end: "13:45"')
    edit(plans_root, FILE, "          - {segment: discussion,", "          - {module: ws-start}\n          - {segment: discussion,")
    found = problems_of(plans_root)
    assert f"{FILE}:42: events[0].sessions[0].end: the items take 60 min but 12:30–13:45 is 75 min; expected the items to fill the session exactly, e.g. end: '13:30'" in found
    assert f"{FILE}:45: events[0].sessions[0].items[1].module: an event holds segments only; expected a segment, e.g. {{segment: discussion, minutes: 30, title: {{fi: …, en: …}}}}" in found


def test_programme_page_shows_the_round_events(real_built):
    """The programme page links kick-off, mid-point and harvest; each event's own page has its agenda with clock times and its material."""
    from quality import page_text
    text = page_text(real_built / "site/programme/index.html")
    for title in ("Aloitustilaisuus", "Väliarvio", "Sadonkorjuu"):
        assert title in text
    assert "12.30–12.45 Tervetuloa ja tilaisuuden tarkoitus" not in text  # the agenda is on the event's page
    kick_off = page_text(real_built / "site/kick-off/index.html")
    assert "12.30–12.45 Tervetuloa ja tilaisuuden tarkoitus 15 min" in kick_off and "Materiaali ja valmistelu" in kick_off
    en = page_text(real_built / "site/en/mid-point/index.html")
    assert "The mid-point review" in en and "1:00–1:10 PM" not in en and "13:00–13:10 Opening" in en
    # The follow-up session has a page of its own (issue 24): the programme page links it with when it is held.
    html = (real_built / "site/programme/index.html").read_text(encoding="utf-8")
    assert '<a href="../follow-up/">Seurantatapaaminen</a>:</strong> Noin kuuden kuukauden kuluttua työpajasta' in html
    assert "13.10–13.25" not in text
    page = page_text(real_built / "site/follow-up/index.html")
    assert "Ohjelma" in page and "13.00–13.10 Avaus: miksi katsomme taaksepäin 10 min" in page and "14.50–15.00 Päätös: kuka kirjaa ja mitä seuraavaksi 10 min" in page
    assert "Kalibrointijuliste A3-kokoisena" in page and "Ketkä: Viraston edustajat" in page
    en_page = page_text(real_built / "site/en/follow-up/index.html")
    assert "1:00–1:10 PM" not in en_page and "13:00–13:10 Opening: why we look back 10 min" in en_page
    # An agency's site has the page too: its mentors and representatives run the session.
    assert "Seurantatapaaminen" in page_text(real_built / f"agencies/{REAL_AGENCY}/site/follow-up/index.html")


class _NavLinks(HTMLParser):
    """Collect the primary navigation's links: (text, whether it heads its section as an index page does)."""

    VOID = {"input", "br", "img", "meta", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.links: list[tuple[str, bool]] = []
        self.text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.stack.append((tag, dict(attrs).get("class") or ""))
        classes = [c for _, cls in self.stack for c in cls.split()]
        if tag == "a" and "md-nav--primary" in classes:
            self.text = []

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if tag == "a" and self.text is not None:
            self.links.append((" ".join("".join(self.text).split()), any("md-nav__container" in cls.split() for _, cls in self.stack)))
            self.text = None
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def nav_links(path: Path) -> list[tuple[str, bool]]:
    parser = _NavLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links


@pytest.mark.parametrize("lang, path", [("fi", "kick-off/index.html"), ("en", "en/programme/index.html"), ("sv", "sv/harvest/index.html")])
def test_the_programme_heads_its_section_once(real_built, lang, path):
    """The programme is its section's title and link, as a track's page is, not also the first page under it."""
    library = load_library(REPO)
    titles = {page_id: library.page(page_id).text[lang].title for page_id in ("programme", "kick-off", "workshop")}
    links = nav_links(real_built / "site" / path)
    assert [heads for text, heads in links if text == titles["programme"]] == [True]
    assert [heads for text, heads in links if text == titles["kick-off"]] == [False]
    # The same as the workshop's page, an index.md of its own folder.
    workshop = library.ui[lang]["track.workshop"]
    assert [heads for text, heads in links if text == workshop] == [True]


def test_the_follow_up_session_takes_90_to_120_minutes_and_rates_before_looking_back():
    """The follow-up session is an event of the round: 90–120 min in one piece, ratings before the baseline is opened, then signs and stories."""
    (event,) = [e for e in load_library(REPO).events if e.id == "follow-up"]
    (session,) = event.sessions
    assert 90 <= minutes_of(session.end) - minutes_of(session.start) <= 120
    order = [i.title["en"] for i in session.items]
    assert order.index("Your own rating: now and at the start") < order.index("What changed from the baseline") < order.index("Stories of change")


def test_a_page_of_a_missing_event_is_reported(plans_root):
    """generated: round-event shows the event of the page's id: a page without one is an error naming the events there are."""
    (plans_root / FILE).write_text(PLANS + EVENT, encoding="utf-8")
    edit(plans_root, "data/site.yml", "  - id: programme\n", "  - id: programme\n    generated: round-event\n")
    assert problems_of(plans_root) == [
        # And the other way round: every event has its page (tests/test_programme_materials.py).
        "data/site.yml:17: pages: the event 'kick-off' of data/training-plans.yml has no page; expected a page for each event, e.g. - {id: kick-off, generated: round-event, under: programme}",
        "data/site.yml:20: pages[1].generated: 'programme' is the page of an event that does not exist; expected an id from the events of data/training-plans.yml, e.g. kick-off",
    ]
