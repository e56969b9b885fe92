"""Real builds in a temporary folder: what a reader of the base site and of an agency site gets."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import AGENCY, edit, run_cli
from quality import page_text, resolve_url

pytestmark = pytest.mark.slow

PAGES = [
    "index.html", "programme/index.html", "workshop/index.html", "workshop/ws-start/index.html",
    "mentor/index.html", "mentor/mt-core/index.html", "mentor/mt-onboarding/index.html",
    "exercises/index.html", "exercises/ex-pair/index.html", "exercises/ex-story/index.html",
    "self-assessment/index.html", "themes/index.html", "glossary/index.html", "references/index.html",
    "for-trainers/index.html", "accessibility/index.html", "privacy/index.html", "search/index.html",
]


class Links(HTMLParser):
    """Collect every URL a page links to or loads."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.requests: list[str] = []
        self.language_links: dict[str, list[str]] = {}
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if a.get("hreflang"):
                self.language_links.setdefault(a["hreflang"], []).append(a["href"])
        if a.get("src"):
            self.requests.append(a["src"])
        if tag == "link" and a.get("rel") not in ("canonical", "alternate") and a.get("href"):
            self.requests.append(a["href"])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_base_site_has_every_page_in_both_languages(built):
    """Finnish is at the root, English under /en/, with the same pages."""
    site = built / "site"
    for page in PAGES:
        assert (site / page).is_file(), page
        assert (site / "en" / page).is_file(), f"en/{page}"


def test_html_lang_on_every_page(built):
    """Every page declares its language: fi at the root, en under /en/."""
    site = built / "site"
    for path in site.rglob("*.html"):
        expected = "en" if path.relative_to(site).parts[0] == "en" else "fi"
        assert parse(path).lang == expected, path


def test_not_found_page_in_the_default_language(built):
    """Each site has one 404 page, at its root, in the default language (Finnish)."""
    for site in [built / "site", *sorted((built / "agencies").glob("*/site"))]:
        assert parse(site / "404.html").lang == "fi", site
        assert not (site / "en" / "404.html").exists()


def test_language_switch_leads_to_the_same_page(built):
    """The language menu on a module page points at the same module in the other language."""
    site = built / "site"
    fi, en = site / "mentor/mt-core/index.html", site / "en/mentor/mt-core/index.html"
    assert [resolve_url(site, fi, href) for href in parse(fi).language_links["en"]] == [en]
    assert [resolve_url(site, en, href) for href in parse(en).language_links["fi"]] == [fi]


def test_module_page_is_generated_from_the_model(built):
    """A module page shows title, summary, duration, objectives, body, exercises, key points and sources."""
    text = page_text(built / "site/mentor/mt-core/index.html")
    assert text.startswith("Mentorin rooli Moduulin tiivistelmä, jossa on sanaston termi.")
    for expected in [
        "Kesto: 2 h · Mentorivalmennus, moduuli 1/2",
        "Tavoitteet Moduulin jälkeen osallistuja osaa: tunnistaa oppimisen paikat kuvata vertaisoppimista valita kokeiltavan käytännön",
        "Pohdittavaksi Mitä opit viimeksi kollegalta?",
        "Kouluttajalle KOULUTTAJAN-MUISTIINPANO: varaa aikaa purkuun.",
        "Harjoitukset Parihaastattelu (15 min · 2 henkeä): Osallistujat kertovat toisilleen.",
        "Tarinakierros (30 min · 4–6 henkeä)",
        "Keskeistä Oppiminen tapahtuu työssä.",
        "Lähteet Eraut, M. (2004). Informal learning in the workplace.",
    ]:
        assert expected in text
    english = page_text(built / "site/en/mentor/mt-core/index.html")
    assert "Duration: 2 h · Mentor training, module 1 of 2" in english
    assert "For the trainer TRAINER-NOTE: leave time for the debrief." in english


def test_links_by_id_become_working_links(built):
    """module:, page:, ref:, term: and exercise: links resolve to pages that exist, with their anchors."""
    site = built / "site"
    page = site / "mentor/mt-core/index.html"
    links = parse(page).links
    for href in ["../mt-onboarding/", "../../glossary/", "../../references/#eraut-2004", "../../glossary/#tacit-knowledge", "../../exercises/ex-pair/"]:
        assert href in links
        target, _, anchor = href.partition("#")
        resolved = (page.parent / target / "index.html").resolve()
        assert resolved.is_file(), href
        if anchor:
            assert f'id="{anchor}"' in resolved.read_text(encoding="utf-8"), href


def test_agenda_is_computed_from_durations(built):
    """The track page lists its modules with start times summed from their durations."""
    text = page_text(built / "site/mentor/index.html")
    assert "| 1 |" not in text
    assert "1 Mentorin rooli 0 min 2 h 2 Perehdytys vertaisten kesken 2 h 1 h 30 min Yhteensä 3 h 30 min" in text


def test_generated_vocabulary_pages(built):
    """Glossary, references, themes, self-assessment and the exercise index are generated from data."""
    site = built / "site"
    assert "hiljainen tieto Kokemuksen kautta syntynyttä osaamista. ruotsiksi: tyst kunskap" in page_text(site / "glossary/index.html")
    refs = page_text(site / "references/index.html")
    assert "DOI: 10.1080/158037042000225245" in refs and "Arkioppiminen." in refs
    assert "1. Vertaisoppimisen käytännöt" in page_text(site / "self-assessment/index.html")
    assert "a) Meillä on sovittuja tapoja oppia toisiltamme." in page_text(site / "self-assessment/index.html")
    assert "Perehdytys Uudet pääsevät sisään työhön. Moduulit: Perehdytys vertaisten kesken" in page_text(site / "themes/index.html")
    index = page_text(site / "exercises/index.html")
    assert "2 harjoitusta" in index and "Parihaastattelu Parihaastattelu 15 min 2 henkeä" in index


def test_accessibility_statement_has_contacts_from_configuration(built):
    """The statement's dates, feedback address and supervisory authority come from data/site.yml."""
    text = page_text(built / "site/accessibility/index.html")
    for expected in ["Seloste on laadittu: 1.11.2026", "Seloste on päivitetty viimeksi: 20.11.2026", "a11y@example.fi", "Vastaamme palautteeseen 14 päivän kuluessa.", "Valvontaviranomainen: Valvova virasto"]:
        assert expected in text
    assert "Statement prepared on: 1 November 2026" in page_text(built / "site/en/accessibility/index.html")


def test_no_request_to_another_host(built):
    """No page loads anything from another host: no web fonts, CDNs or analytics."""
    for path in built.rglob("*.html"):
        for url in parse(path).requests:
            assert not urlparse(url).netloc, f"{path}: {url}"
    for path in built.rglob("*.css"):
        for url in re.findall(r"url\(([^)]*)\)", path.read_text(encoding="utf-8")):
            url = url.strip("'\" ")
            assert url.startswith("data:") or not urlparse(url).netloc, f"{path}: {url}"
        assert "@import url(http" not in path.read_text(encoding="utf-8")


def test_search_indexes_each_language_separately(built):
    """Each language's search page queries the site's Pagefind bundle, and every page it indexes says its language.

    Pagefind splits its index by a page's lang; the browser tests search each language for real.
    """
    site = built / "site"
    for lang, prefix in (("fi", ""), ("en", "en/")):
        search = site / prefix / "search/index.html"
        bundle = re.search(r'data-bundle="([^"]+)"', search.read_text(encoding="utf-8")).group(1)
        assert (search.parent / bundle / "pagefind.js").resolve().is_file()
        for page in PAGES:
            assert parse(site / prefix / page).lang == lang, page


# Agency variants ----------------------------------------------------------------------------------


def test_manifest_lists_selection_and_reasons(built):
    """manifest.json says which modules were selected, why, and why the others were not."""
    manifest = json.loads((built / "agencies/testivirasto/manifest.json").read_text(encoding="utf-8"))
    assert manifest["variant"] == "testivirasto" and manifest["edition"] == "mentor"
    assert manifest["languages"] == ["fi", "en"]
    assert manifest["selected"] == [
        {"module": "mt-core", "reasons": [{"kind": "core", "goal": None, "theme": None, "dimension": None, "rating": None}]},
        {"module": "mt-onboarding", "reasons": [
            {"kind": "goal", "goal": "newcomers", "theme": "onboarding", "dimension": None, "rating": None},
            {"kind": "dimension", "goal": None, "theme": None, "dimension": "peer-learning-practices", "rating": 2},
        ]},
    ]
    assert manifest["omitted"] == [{"module": "ws-start", "reasons": [{"kind": "workshop", "goal": None, "theme": None, "dimension": None, "rating": None}]}]
    assert manifest["exercises"] == ["ex-pair", "ex-story"]


def test_agency_site_has_only_selected_modules(built):
    """Pages, navigation and search cover only the selected modules; trainer-only pages are gone."""
    site = built / "agencies/testivirasto/site"
    assert (site / "mentor/mt-onboarding/index.html").is_file()
    assert not (site / "workshop/ws-start/index.html").exists()
    assert not (site / "for-trainers/index.html").exists()
    assert not (site / "en/for-trainers/index.html").exists()
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "ws-start" not in html and "Työpajan aloitus" not in html, path
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["fi"]["page_count"] == 14  # no workshop section: no workshop module


def test_agency_home_page(built):
    """The home page shows the agency's name, goals, indicators, selected modules and why, ratings, contacts."""
    site = built / "agencies/testivirasto/site"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Etusivu - Testivirasto: oppimismentorit</title>" in html
    assert "Testivirasto: oppimismentorit" in page_text(site / "index.html", within="header")
    text = page_text(site / "index.html")
    for expected in [
        "Testivirasto: oppimismentorit Toteutus 2026",
        "Tavoitteemme Perehdytyskaveri jokaiselle Näistä huomaamme edistymisen: Jokaisella uudella on kaveri Johdon tuki: Kaverille tunti viikossa",
        "Mentorin rooli (2 h). Miksi tämä moduuli teille: kuuluu kaikille oppimismentoreille",
        "Perehdytys vertaisten kesken (1 h 30 min). Miksi tämä moduuli teille: palvelee tavoitettanne ”Perehdytyskaveri jokaiselle” teeman ”Perehdytys” kautta käsittelee aluetta ”Vertaisoppimisen käytännöt”, jonka arvioitte tasolle 2/5",
        "Vertaisoppimisen käytännöt 2/5 Psykologinen turvallisuus 4/5",
        "Yhteyshenkilöt Maija Meikäläinen, HR-asiantuntija: maija@testivirasto.example.fi",
    ]:
        assert expected in text
    assert "Our goals A buddy for every newcomer" in page_text(site / "en/index.html")


def test_goal_box_on_module_pages(built):
    """A module page shows the agency's goals that the module serves, and only those."""
    site = built / "agencies/testivirasto/site"
    assert "Tavoitteenne, joita tämä moduuli palvelee Perehdytyskaveri jokaiselle" in page_text(site / "mentor/mt-onboarding/index.html")
    assert "Tavoitteenne, joita tämä moduuli palvelee" not in page_text(site / "mentor/mt-core/index.html")
    assert "Your goals this module serves A buddy for every newcomer" in page_text(site / "en/mentor/mt-onboarding/index.html")


def test_facilitator_notes_removed_from_mentor_edition(built):
    """Facilitator notes appear in the base site and in no page of an agency site."""
    assert "KOULUTTAJAN-MUISTIINPANO" in (built / "site/mentor/mt-core/index.html").read_text(encoding="utf-8")
    for path in (built / "agencies").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "KOULUTTAJAN-MUISTIINPANO" not in html and "TRAINER-NOTE" not in html, path
        assert "KOULUTTAJASIVU" not in html and "TRAINER-PAGE" not in html, path


def test_link_to_excluded_module_becomes_plain_text(built):
    """Where the material links to a module the agency did not select, the reader sees text, not a dead link."""
    page = built / "agencies/toinen-virasto/site/mentor/mt-core/index.html"
    assert "Katso myös perehdytysmoduuli ja" in page_text(page)
    assert "mt-onboarding" not in page.read_text(encoding="utf-8")
    assert not (built / "agencies/toinen-virasto/site/mentor/mt-onboarding").exists()


def test_agency_data_stays_in_its_own_output(built):
    """Neither the base site nor another agency's output contains an agency's goals or contacts."""
    secrets = {
        "testivirasto": ["Testivirasto", "Perehdytyskaveri jokaiselle", "A buddy for every newcomer", "Maija Meikäläinen", "maija@testivirasto"],
        "toinen-virasto": ["Toinen virasto", "Keskeneräisen saa näyttää", "Unfinished work may be shown", "Pekka Toivonen", "pekka@toinen"],
    }
    outputs = {"base": built / "site", **{name: built / "agencies" / name for name in secrets}}
    for owner, words in secrets.items():
        for name, folder in outputs.items():
            if name == owner:
                continue
            for path in folder.rglob("*"):
                if path.is_file() and path.suffix in (".html", ".json", ".js", ".ics", ".xml", ".pf_meta", ".pf_fragment"):
                    data = path.read_bytes()
                    for word in words:
                        assert word.encode() not in data, f"{word!r} of {owner} in {path}"


def test_schedule_calendar(built):
    """A definition with a schedule gets an iCalendar file with one event per session; one without gets none."""
    assert not (built / "agencies/testivirasto/testivirasto-schedule.ics").exists()
    ics = (built / "agencies/toinen-virasto/toinen-virasto-schedule.ics").read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Mentorin rooli (Toinen virasto)" in ics
    assert "DTSTART;TZID=Europe/Helsinki:20261006T090000" in ics and "DTEND;TZID=Europe/Helsinki:20261006T120000" in ics
    assert "LOCATION:Neuvotteluhuone Kallio" in ics
    assert "BEGIN:VTIMEZONE" in ics
    assert "Aika Moduuli Paikka ti 6.10.2026 9.00–12.00 Mentorin rooli Neuvotteluhuone Kallio" in page_text(built / "agencies/toinen-virasto/site/index.html")


def test_definition_text_is_escaped(library_root, agency_file):
    """Markup in a definition arrives as text: a <script> in a goal title is shown, never run."""
    edit(library_root, "agencies/testivirasto.yml", "{fi: Perehdytyskaveri jokaiselle, en: A buddy for every newcomer}",
         '{fi: "<script>alert(1)</script> *tähti* [linkki](http://x)", en: "<b>bold</b>"}')
    edit(library_root, "agencies/testivirasto.yml", "name: {fi: Testivirasto, en: Test Agency}", 'name: {fi: "Testi <i>virasto</i> & co", en: Test Agency}')
    result = run_cli("build", "--no-pdf", "--root", str(library_root), "--agency", str(agency_file))
    assert result.returncode == 0, result.stderr
    site = library_root / "dist/agencies/testivirasto/site"
    for page in ["index.html", "mentor/mt-onboarding/index.html"]:
        html = (site / page).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; *tähti* [linkki](http://x)" in html
        assert "<i>virasto</i>" not in html
        assert "Testi &lt;i&gt;virasto&lt;/i&gt; &amp; co" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in (site / "en/index.html").read_text(encoding="utf-8")


def test_failed_build_leaves_previous_output(library_root):
    """When rendering fails, the previous site stays exactly as it was, and no temporary folder is left."""
    assert run_cli("build", "--no-pdf", "--root", str(library_root)).returncode == 0
    site = library_root / "dist/site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    # An anchor into a generated page: check cannot list its anchors, MkDocs (strict) refuses it.
    edit(library_root, "modules/mentor/mt-core/fi.md", "(page:glossary)", "(page:glossary#no-such-anchor)")
    result = run_cli("build", "--no-pdf", "--root", str(library_root))
    assert result.returncode == 1
    assert "no-such-anchor" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in (library_root / "dist").iterdir()) == ["site"]


def test_invalid_input_writes_nothing(library_root):
    """A validation failure exits with 2 before anything is written."""
    edit(library_root, "modules/mentor/mt-core/module.yml", "duration_min: 120", "duration_min: -5")
    result = run_cli("build", "--no-pdf", "--root", str(library_root))
    assert result.returncode == 2
    assert not (library_root / "dist").exists()
    assert not (library_root / "build").exists()
