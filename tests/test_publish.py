"""Output paths: the build never destroys what it did not write; output is reproducible, calendars stay stable."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import AGENCY
from mentorkit.validate.agency import load_agencies
from mentorkit.validate.content import load_library
from mentorkit.render.calendar import compose_schedule

SCHEDULE = (
    "schedule:\n"
    "  - {module: mt-core, date: 2026-10-06, start: '09:00', end: '12:00'}\n"
    "  - {module: mt-onboarding, date: 2026-10-20, start: '13:00', end: '14:00'}\n"
)
INSERTED = "  - {module: mt-onboarding, date: 2026-09-29, start: '09:00', end: '10:00'}\n"


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the mentorkit command line as a user would, in an environment of our choosing."""
    return subprocess.run([sys.executable, "-m", "mentorkit", *args], capture_output=True, text=True, cwd=cwd, env=env)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _refusals(root: Path) -> dict[str, tuple[str, str]]:
    return {
        "the project itself": (str(root), f"contains the project {root}"),
        "the project's parent": (str(root.parent), f"contains the project {root}"),
        "inside modules/": ("modules/out", "is inside the project's modules/ folder"),
        "inside docs/": ("docs/fi/out", "is inside the project's docs/ folder"),
        "data/": ("data", "is inside the project's data/ folder"),
        "the file system root": ("/", "is the file system root"),
        "the home folder": ("~", "is the home folder"),
    }


@pytest.mark.parametrize("case", list(_refusals(Path("/x"))))
def test_dangerous_dist_is_refused_before_anything_is_written(tmp_path: Path, library_root: Path, case: str) -> None:
    """A --dist that is or holds the sources, the root or home: exit 2, and not one file changes."""
    home = tmp_path / "home"
    home.mkdir()
    dist, what = _refusals(library_root)[case]
    before = snapshot(tmp_path)
    result = run_cli("build", "--no-pdf", "--dist", dist, cwd=library_root, env={**os.environ, "HOME": str(home)})
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"Error: --dist {dist} {what}; a build replaces folders there. Choose an output folder of its own, e.g. --dist {library_root / 'dist'}"
    ]
    assert snapshot(tmp_path) == before
    assert not (library_root / "build").exists()


def test_folder_mentorkit_did_not_write_is_not_replaced(library_root: Path) -> None:
    """An existing dist/site without mentorkit's marker stays as it is; the user is told what to do."""
    site = library_root / "dist" / "site"
    site.mkdir(parents=True)
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("build", "--no-pdf", cwd=library_root)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: dist/site exists and was not written by mentorkit (it has no .mentorkit-output); a build would replace it. "
        "Move it away, or choose another output folder with --dist"
    )
    assert snapshot(library_root / "dist") == {"site/notes.txt": b"mine"}


def test_replacing_a_build_says_so(library_root: Path) -> None:
    """The second build replaces the first's folder (it has the marker) and says what it replaced."""
    assert run_cli("build", "--no-pdf", cwd=library_root).returncode == 0
    assert (library_root / "dist/site/.mentorkit-output").is_file()
    # --force: with nothing changed the cache would keep the folder as it is.
    result = run_cli("build", "--no-pdf", "--force", cwd=library_root)
    assert result.returncode == 0, result.stderr
    assert "Replaced the previous build in dist/site" in result.stderr


def test_build_all_removes_the_output_of_gone_definitions(library_root: Path) -> None:
    """`build --all` removes dist/agencies/<id> of a deleted definition (and says so), never a folder it did not write."""
    agencies = library_root / "agencies"
    agencies.mkdir()
    (agencies / "testivirasto.yml").write_text(AGENCY, encoding="utf-8")
    (agencies / "toinen.yml").write_text(AGENCY.replace("id: testivirasto", "id: toinen"), encoding="utf-8")
    # The same definition named twice (by --all and by --agency) is built once, without a clash.
    first = run_cli("build", "--all", "--no-pdf", "--agency", "agencies/toinen.yml", cwd=library_root)
    assert first.returncode == 0, first.stderr
    foreign = library_root / "dist/agencies/notes"
    foreign.mkdir()
    (agencies / "toinen.yml").unlink()
    result = run_cli("build", "--all", "--no-pdf", cwd=library_root)
    assert result.returncode == 0, result.stderr
    assert "Removed dist/agencies/toinen: no definition in agencies/ has the id toinen any more" in result.stderr
    assert "Left dist/agencies/notes in place: no agency definition builds it, and mentorkit did not write it" in result.stderr
    assert sorted(p.name for p in (library_root / "dist/agencies").iterdir()) == ["notes", "testivirasto"]


def test_the_same_definition_twice_is_not_a_clash(library_root: Path) -> None:
    """`check --agency a.yml --agency ./a.yml` is one definition; `build --all --agency` likewise (above)."""
    (library_root / "agencies").mkdir()
    (library_root / "agencies/testivirasto.yml").write_text(AGENCY, encoding="utf-8")
    result = run_cli("build", "--no-pdf", "--agency", "agencies/testivirasto.yml", "--agency", "./agencies/../agencies/testivirasto.yml", cwd=library_root)
    assert result.returncode == 0, result.stderr
    assert "also the id of" not in result.stderr


def test_two_builds_are_byte_identical(tmp_path: Path, library_root: Path) -> None:
    """Building the same inputs twice gives the same bytes in every file (Pagefind's entry file included)."""
    (library_root / "agencies").mkdir()
    (library_root / "agencies/testivirasto.yml").write_text(AGENCY + SCHEDULE, encoding="utf-8")
    for name in ("one", "two"):
        result = run_cli("build", "--all", "--no-pdf", "--dist", str(tmp_path / name), cwd=library_root)
        assert result.returncode == 0, result.stderr
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert "agencies/testivirasto/testivirasto-schedule.ics" in one
    assert filecmp.cmp(tmp_path / "one/site/sitemap.xml.gz", tmp_path / "two/site/sitemap.xml.gz", shallow=False)


def test_sitemap_and_calendar_follow_source_date_epoch(tmp_path: Path, library_root: Path) -> None:
    """With SOURCE_DATE_EPOCH set, the sitemap's lastmod and the calendar's DTSTAMP are that moment."""
    (library_root / "agencies").mkdir()
    (library_root / "agencies/testivirasto.yml").write_text(AGENCY + SCHEDULE, encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}  # 2023-11-14 22:13:20 UTC
    result = run_cli("build", "--all", "--no-pdf", cwd=library_root, env=env)
    assert result.returncode == 0, result.stderr
    sitemap = (library_root / "dist/site/sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2023-11-14"}
    ics = (library_root / "dist/agencies/testivirasto/testivirasto-schedule.ics").read_text(encoding="utf-8")
    assert ics.count("DTSTAMP:20231114T221320Z") == 2
    # A new SOURCE_DATE_EPOCH (or a new day) dates the outputs anew: no old sitemap is kept (issue 23).
    result = run_cli("build", "--all", "--no-pdf", cwd=library_root, env={**env, "SOURCE_DATE_EPOCH": "1800000000"})  # 2027-01-15
    assert result.returncode == 0, result.stderr
    for sitemap in (library_root / "dist/site/sitemap.xml", library_root / "dist/agencies/testivirasto/site/sitemap.xml"):
        assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap.read_text(encoding="utf-8"))) == {"2027-01-15"}, sitemap


def test_calendar_uids_survive_an_inserted_session(library_root: Path) -> None:
    """A session of another module inserted before the others leaves their UIDs as they were; DTSTAMP is UTC (RFC 5545)."""
    library = load_library(library_root)
    path = library_root / "agencies" / "testivirasto.yml"
    path.parent.mkdir()

    def uids(schedule: str) -> list[str]:
        path.write_text(AGENCY + schedule, encoding="utf-8")
        (agency,) = load_agencies([path], library=library, root=library_root)
        ics = library_root / "schedule.ics"
        ics.write_bytes(compose_schedule(library, agency, lang=agency.languages[0]))
        text = ics.read_text(encoding="utf-8")
        assert re.findall(r"DTSTAMP:(\S+)", text) and all(s.endswith("Z") for s in re.findall(r"DTSTAMP:(\S+)", text))
        return re.findall(r"UID:(\S+)", text)

    before = uids(SCHEDULE)
    after = uids(SCHEDULE.replace("schedule:\n", "schedule:\n" + INSERTED.replace("mt-onboarding", "mt-core").replace("09-29", "09-22")))
    assert before == ["testivirasto-mt-core-1@mentorkit", "testivirasto-mt-onboarding-1@mentorkit"]
    assert after == ["testivirasto-mt-core-1@mentorkit", "testivirasto-mt-core-2@mentorkit", "testivirasto-mt-onboarding-1@mentorkit"]


def events_of(ics: Path) -> list:
    from icalendar import Calendar

    return list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))


def test_a_moved_session_is_an_update_clients_take(library_root: Path) -> None:
    """Moving a session keeps its UID and raises SEQUENCE and DTSTAMP; a rebuild of the same file gives the same bytes (issue 23)."""
    library = load_library(library_root)
    path = library_root / "agencies" / "testivirasto.yml"
    path.parent.mkdir()
    ics = library_root / "schedule.ics"
    path.write_text(AGENCY + SCHEDULE, encoding="utf-8")
    os.utime(path, ns=(1_790_000_000_000_000_000, 1_790_000_000_000_000_000))
    (agency,) = load_agencies([path], library=library, root=library_root)
    ics.write_bytes(compose_schedule(library, agency, lang=agency.languages[0]))
    first = ics.read_bytes()
    ics.write_bytes(compose_schedule(library, (loaded := load_agencies([path], library=library, root=library_root)[0]), lang=loaded.languages[0]))
    assert ics.read_bytes() == first
    before = {str(e["uid"]): e for e in events_of(ics)}
    path.write_text(AGENCY + SCHEDULE.replace("start: '13:00', end: '14:00'", "start: '14:00', end: '15:00'"), encoding="utf-8")
    os.utime(path, ns=(1_790_000_600_000_000_000, 1_790_000_600_000_000_000))
    ics.write_bytes(compose_schedule(library, (loaded := load_agencies([path], library=library, root=library_root)[0]), lang=loaded.languages[0]))
    after = {str(e["uid"]): e for e in events_of(ics)}
    assert sorted(after) == sorted(before)
    moved = "testivirasto-mt-onboarding-1@mentorkit"
    assert after[moved]["sequence"] > before[moved]["sequence"]
    assert after[moved].decoded("dtstamp") > before[moved].decoded("dtstamp")


def test_two_rooms_at_one_hour_are_two_events(library_root: Path) -> None:
    """Two sessions of a module on the same day and hour, in rooms A and B, keep two UIDs (issue 23)."""
    library = load_library(library_root)
    path = library_root / "agencies" / "testivirasto.yml"
    path.parent.mkdir()
    rooms = "".join(f"  - {{module: mt-core, date: 2026-10-06, start: '09:00', end: '12:00', place: Sali {room}}}\n" for room in "AB")
    path.write_text(AGENCY + "schedule:\n" + rooms, encoding="utf-8")
    (agency,) = load_agencies([path], library=library, root=library_root)
    (library_root / "schedule.ics").write_bytes(compose_schedule(library, agency, lang=agency.languages[0]))
    events = events_of(library_root / "schedule.ics")
    assert sorted(str(e["location"]) for e in events) == ["Sali A", "Sali B"]
    assert len({str(e["uid"]) for e in events}) == 2


def test_calendar_time_zone_holds_for_every_year(library_root: Path) -> None:
    """Summer sessions long after 2038 are in summer time for a client that trusts the file's VTIMEZONE (issue 23)."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    library = load_library(library_root)
    path = library_root / "agencies" / "testivirasto.yml"
    path.parent.mkdir()
    path.write_text(AGENCY + "schedule:\n  - {module: mt-core, date: 2039-07-01, start: '09:00', end: '12:00'}\n  - {module: mt-core, date: 2099-01-15, start: '09:00', end: '12:00'}\n", encoding="utf-8")
    (agency,) = load_agencies([path], library=library, root=library_root)
    (library_root / "schedule.ics").write_bytes(compose_schedule(library, agency, lang=agency.languages[0]))
    (timezone,) = Calendar.from_ical((library_root / "schedule.ics").read_bytes()).walk("VTIMEZONE")
    assert "RRULE" in timezone.to_ical().decode() and "RDATE" not in timezone.to_ical().decode()
    own, helsinki = timezone.to_tz(), ZoneInfo("Europe/Helsinki")
    day = datetime(2026, 1, 1, 12)
    while day.year < 2101:
        assert day.replace(tzinfo=own).utcoffset() == day.replace(tzinfo=helsinki).utcoffset(), day
        day += timedelta(days=5)
    assert datetime(2039, 7, 1, 9, tzinfo=own).utcoffset() == timedelta(hours=3)


def test_stamp_translation_from_another_folder(tmp_path: Path, library_root: Path) -> None:
    """`stamp-translation FILE --root R` from elsewhere: FILE means what it means there; outside R it is refused."""
    elsewhere = tmp_path / "elsewhere"
    decoy = elsewhere / "modules/mentor/mt-core/en.md"
    decoy.parent.mkdir(parents=True)
    decoy.write_text((library_root / "modules/mentor/mt-core/en.md").read_text(encoding="utf-8"), encoding="utf-8")
    before = decoy.read_bytes()
    result = run_cli("stamp-translation", "modules/mentor/mt-core/en.md", "--root", str(library_root), cwd=elsewhere)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"modules/mentor/mt-core/en.md: is outside the project folder {library_root}; "
        f"expected a translation inside it, e.g. {library_root / 'modules/mentor/mt-psych-safety/en.md'}"
    )
    assert decoy.read_bytes() == before
    target = library_root / "modules/mentor/mt-core/en.md"
    result = run_cli("stamp-translation", str(target), "--root", str(library_root), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("modules/mentor/mt-core/en.md: ")
    assert "source_hash:" in target.read_text(encoding="utf-8")
