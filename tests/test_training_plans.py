"""The training plans: validated data whose clock times add up, shown on the track pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, edit, problems_of, run_cli
from mentorkit.validate.content import load_library

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
        end: "11:30"
        items:
          - {segment: opening, minutes: 15, title: {fi: Avaus, en: Opening}}
          - module: mt-core
          - {segment: closing, minutes: 15, title: {fi: Päätös, en: Closing}}
      - start: "13:00"
        end: "15:30"
        items:
          - {segment: opening, minutes: 15, title: {fi: Avaus, en: Opening}}
          - {segment: review, minutes: 30, title: {fi: Välitehtävä, en: Between sessions}}
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
    assert sessions.sessions[1].items[2].minutes == 90


@pytest.mark.parametrize(("old", "new", "message"), [
    ("          - module: ws-start\n", "          - module: ws-strat\n",
     f"{FILE}:11: plans[0].sessions[0].items[1].module: 'ws-strat' does not exist (did you mean 'ws-start'?); expected an id from the workshop modules, e.g. ws-start"),
    ('        end: "10:30"', '        end: "10:45"',
     f"{FILE}:8: plans[0].sessions[0].end: the items take 90 min but 09:00–10:45 is 105 min; expected the items to fill the session exactly, e.g. end: '10:30'"),
    ("          - module: mt-onboarding\n", "          - module: mt-core\n",
     f"{FILE}:29: plans[1].sessions[1].items[2].module: 'mt-core' appears a second time in this plan (first in session 1); expected each module once per plan"),
    ("          - module: ws-start\n", "          - module: mt-onboarding\n",
     f"{FILE}:11: plans[0].sessions[0].items[1].module: 'mt-onboarding' is a mentor module; expected a module of the plan's track (workshop)"),
    ("{segment: review, minutes: 30, title: {fi: Välitehtävä, en: Between sessions}}", "{segment: break, minutes: 30, title: {fi: Tauko, en: Break}}",
     f"{FILE}:26: plans[1].sessions[1].items: no segment picks up the work done between sessions; expected one such as {{segment: review, minutes: 30, title: …}}"),
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


def test_every_module_of_the_track_once(plans_root):
    """A plan that covers its track names each module of the track."""
    edit(plans_root, FILE, "          - module: mt-onboarding\n", "")
    edit(plans_root, FILE, 'end: "15:30"', 'end: "14:00"')
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
    groups = [[order[i.module] for i in s.items if i.module] for s in plans["mentor-five-sessions"].sessions]
    assert groups == [[1, 2], [3, 4], [5], [6, 7], [8]]
    core = [[i.module for i in s.items if i.module] for s in plans["mentor-core"].sessions]
    assert core == [["mt-mentor-role"], ["mt-learning-in-work"], ["mt-psych-safety"], ["mt-evaluate-sustain"]]
    kinds = {i.segment for i in plans["workshop-full-day"].sessions[0].items}
    assert {"welcome", "break", "lunch", "closing", "feedback"} <= kinds


def test_track_pages_show_plans_whose_clock_times_add_up(real_built):
    """The workshop page's agenda: every row starts when the previous ends; modules last as module.yml says."""
    html = (real_built / "site/workshop/index.html").read_text(encoding="utf-8")
    assert "Edustajien työpaja koko päivänä" in html and "Edustajien työpaja kahtena puolipäivänä" in html
    minutes = module_minutes()
    cells = re.findall(r"<tr>\s*<td>(\d{1,2})\.(\d\d)–(\d{1,2})\.(\d\d)</td>\s*<td>(.*?)</td>\s*<td[^>]*>(.*?)</td>", html, flags=re.S)
    assert len(cells) == sum(len(s["items"]) for p in real_plans() if p["track"] == "workshop" for s in p["sessions"])
    previous_end = None
    for h1, m1, h2, m2, name, duration in cells:
        start, end = int(h1) * 60 + int(m1), int(h2) * 60 + int(m2)
        if previous_end is not None and start != 9 * 60:
            assert start == previous_end, (name, start, previous_end)
        previous_end = end
        link = re.search(r'href="\.\./(ws-[a-z-]+)/"', name)
        if link:
            assert end - start == minutes[link.group(1)], name
    assert "9.00–9.30" in html and "16.50–17.05" in html
    en = (real_built / "site/en/mentor/index.html").read_text(encoding="utf-8")
    assert "The learning-mentor training in five sessions" in en and "9:00–9:15" in en


def test_a_changed_duration_is_reported(tmp_path):
    """A module that grows without the plan following is an error naming the end to write."""
    root = tmp_path / "content"
    for name in ("data", "docs", "exercises", "modules"):
        shutil.copytree(REPO / name, root / name)
    edit(root, "modules/workshop/ws-goal-setting/module.yml", "duration_min: 85", "duration_min: 100")
    result = run_cli("check", "--root", str(root))
    assert result.returncode == 2
    assert "data/training-plans.yml:15: plans[0].sessions[0].end: the items take 500 min but 09:00–17:05 is 485 min; expected the items to fill the session exactly, e.g. end: '17:20'" in result.stderr
