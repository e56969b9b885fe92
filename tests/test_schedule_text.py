"""Times, dates and durations as people write them: 9.00–12.00, ti 6.10.2026, 2 h, 1 h 30 min."""

from __future__ import annotations

from datetime import date

import pytest

from mentorkit.assemble.context import context_for
from mentorkit.validate.content import load_library
from mentorkit.plan.manifest import plan_base


@pytest.fixture(scope="module")
def contexts(tmp_path_factory):
    from conftest import copy_library

    library = load_library(copy_library(tmp_path_factory.mktemp("text") / "library"))
    manifest = plan_base(library)
    return {lang: context_for(library, manifest, agency=None, lang=lang) for lang in ("fi", "en")}


@pytest.mark.parametrize(("total", "said"), [(45, "45 min"), (60, "1 h"), (120, "2 h"), (90, "1 h 30 min"), (65, "1 h 5 min")])
def test_durations(contexts, total, said):
    assert contexts["fi"].minutes(total) == said
    assert contexts["en"].minutes(total) == said


def test_times_and_schedule_dates(contexts):
    fi, en = contexts["fi"], contexts["en"]
    assert (fi.time("09:00"), fi.time("12:30")) == ("9.00", "12.30")
    assert en.time("09:00") == "09:00"
    assert fi.date(date(2026, 10, 6), form="schedule_date_format") == "ti 6.10.2026"
    assert en.date(date(2026, 10, 6), form="schedule_date_format") == "Tue 6 October 2026"
    assert fi.date(date(2026, 10, 6)) == "6.10.2026"
