"""The trainer's cohort view: consent-aware names, stable letters, only in dist/cohort/, a calendar of the whole round."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from conftest import AGENCY, FOLLOW_UP, copy_library, run_cli
from mentorkit.load.round import read_round, round_path
from mentorkit.model import Agency
from mentorkit.plan.cohort import cohort_letters
from mentorkit.publish import MARKER

COHORT_FILES = ["cohort-schedule.ics", "en/index.html", "index.html"]


def letters_of(dist: Path) -> dict[str, str]:
    """Return the letters the round's file beside the definitions holds."""
    root = dist.parent
    round_ = read_round(round_path(root), root=root)
    assert round_ is not None
    return dict(round_.letters)


UI = {"fi": {"cohort.anonymous": "Virasto {letter}"}, "en": {"cohort.anonymous": "Agency {letter}"}}


def agency(agency_id: str, *, name: str | None = None, consent: bool = False) -> Agency:
    """Return the least agency the letters need: its id, its name and its consent."""
    return Agency(id=agency_id, name={"fi": name or agency_id}, languages=("fi",), round=None, share_with_cohort=consent,
                  contacts=(), current_state=None, goals=(), add=(), omit=(), schedule=())


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
    letters = letters_of(built)
    assert sorted(letters) == ["testivirasto", "toinen-virasto"]
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
        + "schedule:\n  - {module: mt-core, date: 2026-10-07, start: '13:00', end: '15:00', place: {fi: Sali Salainen, en: Hall Secret}}\n"
        # A follow-up whose id would name the agency: the round's page and calendar show its day only.
        + FOLLOW_UP.replace("six-months", "muu-virasto-kevat"),
        encoding="utf-8",
    )
    result = run_cli("build", "--all", "--no-pdf", "--root", str(root))
    assert result.returncode == 0, result.stderr
    dist = root / "dist"
    fi = (dist / "cohort/index.html").read_text(encoding="utf-8")
    letter = letters_of(dist)["muu-virasto"]
    assert '<th scope="col">Testivirasto</th>' in fi and f'<th scope="col">Virasto {letter}</th>' in fi
    assert "<td>6.10.2026 9.00–12.00</td><td>Testivirasto</td><td>Mentorin rooli</td><td>Sali Kallio</td>" in fi
    assert f"<td>7.10.2026 13.00–15.00</td><td>Virasto {letter}</td><td>Mentorin rooli</td><td></td>" in fi
    assert "Muu virasto" not in cohort_texts(dist) and "Salainen" not in cohort_texts(dist) and "muu-virasto" not in cohort_texts(dist)
    # Follow-up dates reach the round's schedule and calendar (issue 24): a day without hours, after the sessions.
    assert fi.index("<td>7.10.2026 13.00–15.00</td>") < fi.index(f"<td>15.3.2027</td><td>Virasto {letter}</td><td>Seuranta-arvio</td><td></td>")
    events = Calendar.from_ical((dist / "cohort/cohort-schedule.ics").read_bytes()).walk("VEVENT")
    follow_up = next(e for e in events if str(e["summary"]) == f"Seuranta-arvio (Virasto {letter})")
    assert follow_up.decoded("dtstart") == date(2027, 3, 15) and follow_up.decoded("dtend") == date(2027, 3, 16)
    assert '<th scope="col">Test Agency</th>' in (dist / "cohort/en/index.html").read_text(encoding="utf-8")


def test_letters_are_stable():
    """A letter once given stays: agencies that join take free letters, whatever their keyed digests (issue 23)."""
    secret = b"s" * 32
    first = cohort_letters([agency("itameren-tutkimuslaitos"), agency("kide-palvelukeskus")], secret=secret, kept={}, ui=UI)
    more = cohort_letters([agency(i) for i in ("itameren-tutkimuslaitos", "kide-palvelukeskus", "uusi-virasto", "toinen-uusi")], secret=secret, kept=first, ui=UI)
    assert {k: more[k] for k in first} == first
    many = cohort_letters([agency(f"virasto-{n}") for n in range(40)], secret=secret, kept={}, ui=UI)
    assert len(set(many.values())) == 40  # collisions resolved: every agency its own label
    # The 27th agency gets a pair of letters; the 26 before it keep theirs (no Z becoming AA).
    some = {k: v for k, v in many.items() if len(v) == 1}
    assert len(some) == 26
    again = cohort_letters([agency(i) for i in many], secret=secret, kept=some, ui=UI)
    assert {k: again[k] for k in some} == some and len(set(again.values())) == 40


def test_letters_reveal_nothing_without_the_round_secret():
    """Hashing a list of public names does not name the anonymous agency: another secret, other letters (issue 23)."""
    ids = [f"virasto-{n}" for n in range(20)]
    one = cohort_letters([agency(i) for i in ids], secret=b"a" * 32, kept={}, ui=UI)
    two = cohort_letters([agency(i) for i in ids], secret=b"b" * 32, kept={}, ui=UI)
    assert one != two


def test_a_letter_never_reads_as_a_consenting_agency_name():
    """A consenting agency called 'Virasto C' keeps its name; no anonymous agency is shown as 'Virasto C' beside it (issue 23)."""
    secret = b"s" * 32
    ids = [f"virasto-{n}" for n in range(26)]
    letters = cohort_letters([agency(i) for i in ids] + [agency("c", name="virasto  c", consent=True)], secret=secret, kept={}, ui=UI)
    assert "C" not in letters.values()
    # One given C before the consenting agency joined gets another letter; the others keep theirs.
    kept = cohort_letters([agency(i) for i in ids], secret=secret, kept={}, ui=UI)
    holder = next(k for k, v in kept.items() if v == "C")
    after = cohort_letters([agency(i) for i in ids] + [agency("c", name="Virasto C", consent=True)], secret=secret, kept=kept, ui=UI)
    assert after[holder] != "C" and {k: v for k, v in after.items() if k != holder} == {k: v for k, v in kept.items() if k != holder}


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
    letter = letters_of(built)["toinen-virasto"]
    assert sorted(str(e["summary"]) for e in events) == [f"Mentorin rooli (Virasto {letter})", f"Työpajan aloitus (Virasto {letter})"]


def test_cohort_uids_reveal_nothing_without_the_round_secret(built):
    """The calendar's UIDs carry no digest of an agency id anyone can compute, only the round's keyed one (issue 23)."""
    import hashlib

    uids = [str(e["uid"]) for e in Calendar.from_ical((built / "cohort/cohort-schedule.ics").read_bytes()).walk("VEVENT")]
    assert len(uids) == 2 and len(set(uids)) == 2
    for agency_id in ("testivirasto", "toinen-virasto"):
        assert not any(hashlib.sha256(agency_id.encode()).hexdigest()[:16] in uid or agency_id in uid for uid in uids)
    secret = read_round(round_path(built.parent), root=built.parent).secret
    from mentorkit.plan.cohort import agency_key

    assert all(uid.startswith(f"cohort-{agency_key(secret, 'toinen-virasto')[:32]}-") for uid in uids)


def test_withdrawn_consent_leaves_the_view_with_the_agency_build(tmp_path):
    """share_with_cohort: false, then `build --agency FILE` (as the README says): the name leaves the cohort view at once (issue 23)."""
    root = copy_library(tmp_path / "library")
    (root / "agencies").mkdir()
    definition = root / "agencies/testivirasto.yml"
    definition.write_text(AGENCY.replace('round: "2026"\n', 'round: "2026"\nshare_with_cohort: true\n'), encoding="utf-8")
    (root / "agencies/muu.yml").write_text(AGENCY.replace("testivirasto", "muu-virasto").replace("Testivirasto", "Muu virasto"), encoding="utf-8")
    result = run_cli("build", "--all", "--no-pdf", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert '<th scope="col">Testivirasto</th>' in (root / "dist/cohort/index.html").read_text(encoding="utf-8")
    definition.write_text(AGENCY, encoding="utf-8")
    result = run_cli("build", "--agency", "agencies/testivirasto.yml", "--no-pdf", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Testivirasto" not in cohort_texts(root / "dist")
    letter = letters_of(root / "dist")["testivirasto"]
    assert f'<th scope="col">Virasto {letter}</th>' in (root / "dist/cohort/index.html").read_text(encoding="utf-8")
    # A definition of the round that no longer validates: the view cannot follow, so it goes.
    (root / "agencies/muu.yml").write_text(AGENCY.replace("testivirasto", "muu-virasto").replace("themes: [onboarding]", "themes: [nope]"), encoding="utf-8")
    definition.write_text(AGENCY.replace('round: "2026"\n', 'round: "2026"\nshare_with_cohort: true\n'), encoding="utf-8")
    result = run_cli("build", "--agency", "agencies/testivirasto.yml", "--no-pdf", cwd=root)
    assert result.returncode == 0, result.stderr
    assert not (root / "dist/cohort").exists()
    assert "Removed dist/cohort: it could not follow this build (1 error in 1 file in the round's other definitions" in result.stderr


def test_agency_build_alone_writes_no_cohort(library_root, agency_file):
    """Only build --all writes the cohort view."""
    result = run_cli("build", "--agency", str(agency_file), "--no-pdf", "--root", str(library_root))
    assert result.returncode == 0, result.stderr
    assert not (library_root / "dist/cohort").exists()
