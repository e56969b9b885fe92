"""Quality gates on the built HTML: validity (Nu HTML Checker), links and anchors, the accessibility statement.

Checked on the fixture library's build (`built`) and on the repository's own content
(`real_built`); each gate is also shown to fail on a planted fault.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date

from conftest import REAL_AGENCY, REPO
from evidence import record
from quality import MATERIAL_MARKUP, broken_links, check_html, html_files, internal_urls, page_text, parse_page, resolve_url

pytestmark = pytest.mark.slow


def sites_of(dist: Path) -> list[Path]:
    """Return the base site and every agency site of a build."""
    return [dist / "site", *sorted((dist / "agencies").glob("*/site"))]


# HTML validity -------------------------------------------------------------------------------------


def test_fixture_sites_are_valid_html(built):
    """The Nu HTML Checker finds no error in any page of the fixture's sites, except Material's own markup."""
    report = check_html([built])
    assert not report.errors, f"{len(report.errors)} HTML errors:\n{report}"


def test_real_sites_are_valid_html(real_built):
    """The same on the repository's content: the base site and every example agency."""
    report = check_html([real_built])
    for site in sites_of(real_built):
        variant = "base" if site == real_built / "site" else site.parent.name
        prefix = str(site) + "/"
        failures = [error.removeprefix(prefix) for error in report.errors if error.startswith(prefix)]
        record(gate="html", variant=variant, items=len(html_files(site)), failures=failures)
    assert not report.errors, f"{len(report.errors)} HTML errors:\n{report}"
    # Every filter entry is still needed: when Material fixes its markup, drop the entry.
    unused = [why for index, (_text, _markup, why) in enumerate(MATERIAL_MARKUP) if not report.material[index]]
    assert not unused, f"MATERIAL_MARKUP entries that matched nothing: {unused}"


PLANTED_HTML = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Planted</title></head>
<body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<p id="twice">One</p>
<p id="twice">Two</p>
<input class="mine" type="checkbox" id="ours" autocomplete="off">
</body>
</html>
"""


def test_html_checker_reports_planted_faults(tmp_path):
    """A duplicate id is reported; Material's toggle is filtered, the same attribute in our markup is not."""
    (tmp_path / "page.html").write_text(PLANTED_HTML, encoding="utf-8")
    report = check_html([tmp_path])
    assert any("Duplicate ID “twice”" in e for e in report.errors), report
    assert any("autocomplete" in e and 'class="mine"' in e for e in report.errors), report
    assert not any("__drawer" in e for e in report.errors), report
    assert len(report.errors) == 2, report
    assert sum(report.material.values()) == 1


# Links and anchors ---------------------------------------------------------------------------------


def test_no_broken_links_in_fixture_sites(built):
    """Every internal href/src/data-bundle in every page leads to a file, and every #fragment to an id."""
    for site in sites_of(built):
        assert not broken_links(site), "\n".join(broken_links(site))


def test_link_check_covers_raw_html_and_header(built):
    """The check sees links written as raw HTML too: the header's search link and the search form's bundle."""
    site = built / "site"
    urls = {(p.relative_to(site).as_posix(), attribute, value) for p, _line, _tag, attribute, value in internal_urls(site)}
    assert ("mentor/mt-core/index.html", "href", "../../search/") in urls
    assert ("en/mentor/mt-core/index.html", "href", "../../search/") in urls
    assert resolve_url(site, site / "en/mentor/mt-core/index.html", "../../search/") == site / "en/search/index.html"
    assert ("search/index.html", "data-bundle", "../pagefind/") in urls
    assert ("en/search/index.html", "data-bundle", "../../pagefind/") in urls
    assert any(p == "mentor/mt-core/index.html" and "#" in value for p, _a, value in urls)


def test_no_broken_links_in_real_sites(real_built):
    """The same on the repository's content, raw HTML in Markdown included."""
    for site in sites_of(real_built):
        problems = broken_links(site)
        assert not problems, f"{site}:\n" + "\n".join(problems)


def test_link_checker_reports_planted_faults(tmp_path):
    """A missing page, a missing anchor, a missing image, a path out of the site and a bad bundle are reported."""
    site = tmp_path / "site"
    (site / "other").mkdir(parents=True)
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind.js").write_text("", encoding="utf-8")
    (site / "other" / "index.html").write_text('<h2 id="there">There</h2>', encoding="utf-8")
    (site / "index.html").write_text(
        '<h1 id="here">Here</h1>\n'
        '<a href="other/">fine</a> <a href="other/#there">fine</a> <a href="#here">fine</a> '
        '<a href="https://example.org/#x">elsewhere</a> <a href="mailto:a@example.fi">mail</a>\n'
        '<form data-bundle="pagefind/"></form>\n'
        '<a href="missing/">1</a>\n'
        '<a href="other/#nowhere">2</a>\n'
        '<img src="picture.png" alt="3">\n'
        '<a href="../../etc/">4</a>\n'
        '<a href="#gone">5</a>\n'
        '<form data-bundle="search-bundle/"></form>\n',
        encoding="utf-8",
    )
    assert broken_links(site) == [
        'index.html:4: <a href="missing/">: no such file missing',
        'index.html:5: <a href="other/#nowhere">: no id "nowhere" in other/index.html',
        'index.html:6: <img src="picture.png">: no such file picture.png',
        'index.html:7: <a href="../../etc/">: leads outside the site',
        'index.html:8: <a href="#gone">: no id "gone" in index.html',
        'index.html:9: <form data-bundle="search-bundle/">: no such file pagefind.js',
    ]


# The accessibility statement (Act 306/2019, CURRICULUM.md §6.1) ------------------------------------

# What the statement must say, as it reads in each language. {placeholders} come from
# data/site.yml and data/accessibility-evidence.yml (the gates' recorded runs); the written parts
# are docs/<lang>/accessibility.md.
STATEMENT = {
    "fi": {
        "law": ["laki 306/2019"],
        "(a) compliance status": ["Saavutettavuuden tila", "täyttää WCAG 2.1 -ohjeiston A- ja AA-tason saavutettavuusvaatimukset osittain"],
        "what was checked": [
            "Mitä on tarkistettu",
            "{axe} oikealla selaimella (WCAG 2.0 ja 2.1, A- ja AA-taso) {axe_date}: {axe_items} sivua, ei puutteita.",
            "{html} (HTML-koodin oikeellisuus) {html_date}: {html_items} sivua, ei puutteita.",
            "{pdfua} (PDF/UA-1-standardin koneellisesti tarkistettava osa) {pdfua_date}: {pdfua_items} PDF-tiedostoa, ei puutteita.",
        ],
        "(b) non-accessible content, reasons and alternatives": [
            "Sisältö, joka ei täytä vaatimuksia tai jota ei ole tarkistettu kokonaan",
            "PDF-tiedostot.", "{pdfua} tarkistaa vain osan PDF/UA-1-standardin säännöistä", "Emme siksi voi sanoa, että PDF-tiedostot täyttävät vaatimukset", "verkkosivuilla, jotka ovat niille saavutettava vaihtoehto",
            "Tunnetut rajoitukset", "Haku", "vaatii JavaScriptin", "Ulkoiset linkit", "eivät kuulu tämän selosteen piiriin",
        ],
        "(c) dates and method": [
            "Miten seloste on laadittu", "itsearviointiin", "automaattisia tarkistuksia",
            "Seloste on laadittu: {prepared}", "Seloste on päivitetty viimeksi: {reviewed}",
        ],
        "(d) feedback and reply time": [
            "Anna palautetta saavutettavuudesta", "Palautteen käsittelee sivuston ylläpitäjä",
            "Saavutettavuuspalaute: {email}", "Vastaamme palautteeseen {days} päivän kuluessa.",
        ],
        "(e) supervisory authority": ["Valvontaviranomainen", "Valvontaviranomainen: {supervisor}, verkkosivut {supervisor_url}"],
    },
    "en": {
        "law": ["Act 306/2019"],
        "(a) compliance status": ["Compliance status", "partially meets the accessibility requirements of WCAG 2.1 levels A and AA"],
        "what was checked": [
            "What has been checked",
            "{axe} in a real browser (WCAG 2.0 and 2.1, levels A and AA) on {axe_date}: {axe_items} pages, no failures.",
            "{html} (valid HTML) on {html_date}: {html_items} pages, no failures.",
            "{pdfua} (the machine-checkable part of PDF/UA-1) on {pdfua_date}: {pdfua_items} PDF files, no failures.",
        ],
        "(b) non-accessible content, reasons and alternatives": [
            "Content that does not meet the requirements or has not been fully checked",
            "PDF files.", "{pdfua} checks only part of the PDF/UA-1 standard's rules", "We therefore cannot say that the PDF files meet the requirements", "the web pages, which are an accessible alternative to them",
            "Known limitations", "Search", "needs JavaScript", "External links", "not covered by this statement",
        ],
        "(c) dates and method": [
            "How this statement was prepared", "self-assessment", "automated checks",
            "Statement prepared on: {prepared}", "Statement last reviewed on: {reviewed}",
        ],
        "(d) feedback and reply time": [
            "Give feedback on accessibility", "Feedback is handled by the site's publisher",
            "Accessibility feedback: {email}", "We reply to feedback within {days} days.",
        ],
        "(e) supervisory authority": ["Supervisory authority", "Supervisory authority: {supervisor}, website {supervisor_url}"],
    },
}


def _day(value, lang: str) -> str:
    date_format = yaml.safe_load((REPO / "data" / "ui" / f"{lang}.yml").read_text(encoding="utf-8"))["date_format"]
    return format_date(value if isinstance(value, date) else date.fromisoformat(str(value)), format=date_format, locale=lang)


def _statement_facts(lang: str, variant: str) -> dict[str, str]:
    site = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["accessibility"]
    runs = yaml.safe_load((REPO / "data" / "accessibility-evidence.yml").read_text(encoding="utf-8"))["runs"]
    facts = {
        "prepared": _day(site["prepared"], lang),
        "reviewed": _day(site["reviewed"], lang),
        "email": site["feedback_email"],
        "days": str(site["reply_days"]),
        "supervisor": site["supervisor"]["name"][lang],
        "supervisor_url": site["supervisor"]["url"],
    }
    for run in runs:
        if run["variant"] in (variant, "pdf"):
            facts |= {run["gate"]: run["tool"], f"{run['gate']}_date": _day(run["checked"], lang), f"{run['gate']}_items": str(run["items"])}
    return facts


@pytest.mark.parametrize("site_folder", ["site", f"agencies/{REAL_AGENCY}/site"])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_accessibility_statement_has_what_the_law_requires(real_built, site_folder, lang):
    """Made from the gates' real runs: status, what was checked (tools, versions, dates), what fails, dates and method, feedback, authority."""
    site = real_built / site_folder
    page = site / ("" if lang == "fi" else "en") / "accessibility" / "index.html"
    text = page_text(page)
    facts = _statement_facts(lang, "base" if site_folder == "site" else REAL_AGENCY)
    missing = [
        f"{part}: {phrase.format(**facts)!r}"
        for part, phrases in STATEMENT[lang].items()
        for phrase in phrases
        if phrase.format(**facts) not in text
    ]
    assert not missing, f"{page} lacks:\n" + "\n".join(missing)
    links = [value for _line, _tag, _attribute, value in parse_page(page).urls]
    assert f"mailto:{facts['email']}" in links
    assert facts["supervisor_url"] in links


# What the privacy notice must say (GDPR Article 13), as it reads in each language: the written
# parts are docs/<lang>/privacy.md, the {placeholders} come from data/site.yml.
PRIVACY = {
    "fi": {
        "13(1)(a) controller and contact": ["Rekisterinpitäjä: {controller}", "Y-tunnus: {business_id}", "Postiosoite: {address}", "Tietosuoja-asiat: {email}"],
        "13(1)(c) purposes and legal basis": ["Mitä tietoja käsitellään ja miksi", "Käsittelyn oikeusperuste", "6 artiklan 1 kohdan f alakohta", "(e alakohta)"],
        "categories": ["nimi, rooli ja sähköpostiosoite", "IP-osoitteen", "Yksittäisten osallistujien arvioita ei kerätä"],
        "13(1)(e-f) recipients and transfers": ["Keille tietoja luovutetaan", "viraston oppimismentoreille", "Euroopan talousalueen ulkopuolelle"],
        "13(2)(a) retention": ["Kuinka kauan tietoja säilytetään", "poistetaan {months} kuukauden kuluttua valmennuskierroksen päättymisestä"],
        "13(2)(b-c) rights and consent": ["Sinun oikeutesi", "oikaisemista", "poistamista", "vastustaa", "rajoittamista", "perua milloin tahansa"],
        "13(2)(d) complaint": ["valituksen", "Tietosuojavaltuutetun toimistolle", "Valvontaviranomainen: {authority}, verkkosivut {authority_url}, sähköposti {authority_email}, puhelin {authority_phone}, postiosoite {authority_address}"],
        "13(2)(f) automated decisions": ["automaattiseen päätöksentekoon"],
    },
    "en": {
        "13(1)(a) controller and contact": ["Controller: {controller}", "Business ID: {business_id}", "Postal address: {address}", "Data protection questions: {email}"],
        "13(1)(c) purposes and legal basis": ["What data is processed and why", "Legal basis for processing", "Article 6(1)(f)", "Article 6(1)(e)"],
        "categories": ["name, role and e-mail address", "IP address", "Individual participants' ratings are neither collected nor stored"],
        "13(1)(e-f) recipients and transfers": ["Who receives the data", "its learning mentors", "outside the European Union or the European Economic Area"],
        "13(2)(a) retention": ["How long the data is kept", "deleted {months} months after the round of the programme ends"],
        "13(2)(b-c) rights and consent": ["Your rights", "corrected", "erased", "object", "restricted", "withdrawn at any time"],
        "13(2)(d) complaint": ["lodge a complaint", "Office of the Data Protection Ombudsman", "Supervisory authority: {authority}, website {authority_url}, e-mail {authority_email}, telephone {authority_phone}, postal address {authority_address}"],
        "13(2)(f) automated decisions": ["automated decision-making"],
    },
}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_privacy_notice_has_every_article_13_element(real_built, lang):
    """The base site's privacy notice names the controller as a legal entity and has every Article 13 element."""
    page = real_built / "site" / ("" if lang == "fi" else "en") / "privacy" / "index.html"
    text = page_text(page)
    privacy = yaml.safe_load((REPO / "data" / "site.yml").read_text(encoding="utf-8"))["privacy"]
    authority = privacy["authority"]
    facts = {
        "controller": privacy["controller"][lang], "business_id": privacy["business_id"], "address": privacy["address"],
        "email": privacy["email"], "months": str(privacy["retention_months"]), "authority": authority["name"][lang],
        "authority_url": authority["url"], "authority_email": authority["email"], "authority_phone": authority["phone"],
        "authority_address": authority["address"],
    }
    missing = [f"{part}: {phrase.format(**facts)!r}" for part, phrases in PRIVACY[lang].items() for phrase in phrases if phrase.format(**facts) not in text]
    assert not missing, f"{page} lacks:\n" + "\n".join(missing)


@pytest.mark.parametrize("site_folder", ["site", f"agencies/{REAL_AGENCY}/site"])
def test_accessibility_statement_is_linked_from_every_page(real_built, site_folder):
    """The statement is easy to find: every page links to it in its own language."""
    site = real_built / site_folder
    for path in html_files(site):
        first = path.relative_to(site).parts[0]
        lang = first if first in ("en", "sv") else "fi"
        statement = site / ("" if lang == "fi" else lang) / "accessibility" / "index.html"
        targets = {resolve_url(site, path, value) for _line, _tag, _attribute, value in parse_page(path).urls if "://" not in value}
        assert statement in targets, f"{path.relative_to(site)} has no link to {statement.relative_to(site)}"
