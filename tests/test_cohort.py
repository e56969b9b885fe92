"""The trainer's cohort view: consent-aware names, stable letters, only in dist/cohort/, a calendar of the whole round."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from conftest import AGENCY, copy_library, run_cli
from mentorkit.plan.cohort import cohort_letters
from mentorkit.publish import MARKER

COHORT_FILES = ["cohort-schedule.ics", "en/index.html", "index.html"]


def cohort_texts(dist: Path) -> str:
    return "\n".join((dist / "cohort" / name).read_text(encoding="utf-8") for name in COHORT_FILES)


def test_cohort_lands_only_in_its_folder(built):
    """build --all writes dist/cohort/ (a page per language and the calendar) and nothing of it elsewhere."""
    # Besides its pages, only the marker that tells a later build the folder is mentorkit's.
    files = sorted(str(p.relative_to(built / "cohort")) for p in (built / "cohort").rglob("*") if p.is_file())
    assert files == sorted([*COHORT_FILES, MARKER])
    for folder in ("site", "agencies"):
        for path in (built / folder).rglob("*"):
            if path.is_file() and path.suffix in (".html", ".ics", ".json", ".md"):
                text = path.read_text(encoding="utf-8")
                assert "Kohortin näkymä" not in text and "cohort view" not in text and "cohort-schedule" not in text, path


def test_anonymous_agencies_appear_by_letter_only(built):
    """Without consent an agency is 'Virasto X' / 'Agency X': its name and id appear nowhere in the view."""
    letters = cohort_letters(["testivirasto", "toinen-virasto"])
    fi = (built / "cohort/index.html").read_text(encoding="utf-8")
    en = (built / "cohort/en/index.html").read_text(encoding="utf-8")
    for agency_id, letter in letters.items():
        assert f"<th scope=\"col\">Virasto {letter}</th>" in fi and f"<th scope=\"col\">Agency {letter}</th>" in en
    everything = cohort_texts(built)
    for secret in ("testivirasto", "Testivirasto", "toinen-virasto", "Toinen virasto", "Other Agency", "Neuvotteluhuone Kallio", "Perehdytyskaveri"):
        assert secret not in everything, secret


def test_consenting_agency_appears_by_name(tmp_path):
    """share_with_cohort: true shows the agency's name, and its sessions' places; others stay letters."""
    root = copy_library(tmp_path / "library")
    (root / "agencies").mkdir()
    (root / "agencies/testivirasto.yml").write_text(
        AGENCY.replace('round: "2026"\n', 'round: "2026"\nshare_with_cohort: true\n')
        + "schedule:\n  - {module: mt-core, date: 2026-10-06, start: '09:00', end: '12:00', place: {fi: Sali Kallio, en: Hall Kallio}}\n",
        encoding="utf-8",
    )
    (root / "agencies/muu.yml").write_text(
        AGENCY.replace("testivirasto", "muu-virasto").replace("Testivirasto", "Muu virasto").replace("Test Agency", "Another Agency")
        + "schedule:\n  - {module: mt-core, date: 2026-10-07, start: '13:00', end: '15:00', place: {fi: Sali Salainen, en: Hall Secret}}\n",
        encoding="utf-8",
    )
    result = run_cli("build", "--all", "--no-pdf", "--root", str(root))
    assert result.returncode == 0, result.stderr
    dist = root / "dist"
    fi = (dist / "cohort/index.html").read_text(encoding="utf-8")
    letter = cohort_letters(["muu-virasto"])["muu-virasto"]
    assert '<th scope="col">Testivirasto</th>' in fi and f'<th scope="col">Virasto {letter}</th>' in fi
    assert "<td>6.10.2026 9.00–12.00</td><td>Testivirasto</td><td>Mentorin rooli</td><td>Sali Kallio</td>" in fi
    assert f"<td>7.10.2026 13.00–15.00</td><td>Virasto {letter}</td><td>Mentorin rooli</td><td></td>" in fi
    assert "Muu virasto" not in cohort_texts(dist) and "Salainen" not in cohort_texts(dist) and "muu-virasto" not in cohort_texts(dist)
    assert '<th scope="col">Test Agency</th>' in (dist / "cohort/en/index.html").read_text(encoding="utf-8")


def test_letters_are_stable():
    """A letter depends on the agency's own id: adding agencies leaves the others' letters alone."""
    first = cohort_letters(["itameren-tutkimuslaitos", "kide-palvelukeskus"])
    more = cohort_letters(["itameren-tutkimuslaitos", "kide-palvelukeskus", "uusi-virasto", "toinen-uusi"])
    assert {k: more[k] for k in first} == first
    assert cohort_letters(reversed(list(more))) == more
    many = cohort_letters([f"virasto-{n}" for n in range(40)])
    assert len(set(many.values())) == 40  # collisions resolved: every agency its own label


def test_cohort_is_byte_identical_across_builds(built, tmp_path):
    """Building again gives the same files."""
    root = built.parent
    result = run_cli("build", "--all", "--no-pdf", "--root", str(root), "--dist", str(tmp_path / "dist"))
    assert result.returncode == 0, result.stderr
    for name in COHORT_FILES:
        assert (tmp_path / "dist/cohort" / name).read_bytes() == (built / "cohort" / name).read_bytes(), name


def test_cohort_calendar_holds_every_session_in_helsinki_time(built):
    """The calendar parses and has one event per scheduled session of every agency, in Europe/Helsinki."""
    calendar = Calendar.from_ical((built / "cohort/cohort-schedule.ics").read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    helsinki = ZoneInfo("Europe/Helsinki")
    starts = sorted(e.decoded("dtstart") for e in events)
    # The fixture's only schedule: toinen-virasto's two sessions.
    assert starts == [datetime(2026, 10, 6, 9, 0, tzinfo=helsinki), datetime(2026, 10, 20, 13, 0, tzinfo=helsinki)]
    for event in events:
        assert str(event["dtstart"].params["TZID"]) == "Europe/Helsinki"
        assert event.decoded("dtstart").utcoffset() == datetime(2026, 10, 6, tzinfo=helsinki).utcoffset()
    letter = cohort_letters(["testivirasto", "toinen-virasto"])["toinen-virasto"]
    assert sorted(str(e["summary"]) for e in events) == [f"Mentorin rooli (Virasto {letter})", f"Työpajan aloitus (Virasto {letter})"]


def test_agency_build_alone_writes_no_cohort(library_root, agency_file):
    """Only build --all writes the cohort view."""
    result = run_cli("build", "--agency", str(agency_file), "--no-pdf", "--root", str(library_root))
    assert result.returncode == 0, result.stderr
    assert not (library_root / "dist/cohort").exists()
