"""What a trainer runs and prints, on the pages that use it: handouts and worksheets under one name from
each module, the workshop page and each shared event, and the events on pages of their own.

The real content is staged (no site or PDF is rendered: the PDFs' anchors are checked where the PDFs
are built, tests/test_handouts.py and tests/test_worksheets.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from conftest import REPO, problems_of
from mentorkit.assemble.plans import span, timed_items
from mentorkit.assemble.context import context_for
from mentorkit.model import HANDOUT_PARTS, Track
from mentorkit.pipeline import stage_variant

LANGUAGES = ("fi", "en")


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    """Stage the repository's base site with its PDFs planned, as a build does."""
    variant = stage_variant(root=REPO, agency_file=None, staging=tmp_path_factory.mktemp("programme") / "base", pdf=True)
    return variant


def page(variant, lang: str, path: str) -> str:
    return (variant.site.root / lang / "docs" / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_module_links_its_handouts_and_worksheets_by_one_name(staged, lang):
    """A module page's section names each handout part and each exercise's worksheet as the PDFs do, and opens the PDF there."""
    library, ui = staged.library, staged.library.ui[lang]
    up = "../../" + ("../" if lang != "fi" else "")  # from <lang>/workshop/<id>/ to the site's root, where pdf/ is
    for module in library.modules:
        text = page(staged, lang, f"{module.track.value}/{module.id}.md")
        section = text.split(f"## {ui['printables.heading']}\n", 1)[1].split("\n## ", 1)[0]
        for part in module.handouts:
            assert f'href="{up}pdf/workshop-handouts-{lang}.pdf#nameddest={part}">{escape(ui[HANDOUT_PARTS[part]])}</a>' in section, (module.id, part)
        for exercise_id in module.exercises:
            title = library.exercises[exercise_id].text[lang].title
            label = ui["printables.worksheet"].format(title=title)
            assert f'href="{up}pdf/worksheets-{lang}.pdf#nameddest=exercises-{exercise_id}">{escape(label)}</a>' in section, (module.id, exercise_id)
        # A mentor session ends with its feedback form, whichever module it runs (the worksheets hold it).
        mentor = module.track is Track.MENTOR
        if mentor:
            assert f'href="{up}pdf/worksheets-{lang}.pdf#nameddest=session-feedback">{escape(ui["handouts.feedback.session"])}</a>' in section, module.id
        assert section.count("<li>") == len(module.handouts) + len(module.exercises) + mentor
        assert (str(escape(ui["pdf.kind.workshop-handouts"])) in section) == bool(module.handouts)
    # The workshop's modules between them use the canvases, the posters and the sheets the day needs.
    used = {part for m in library.modules if m.track is Track.WORKSHOP for part in m.handouts}
    assert {"self-assessment", "poster", "gallery-poster", "goal-canvas", "sparring", "next-steps"} <= used


@pytest.mark.parametrize("lang", LANGUAGES)
def test_workshop_page_links_every_handout_and_workshop_worksheet(staged, lang):
    """The workshop page lists every part of the handouts and every workshop exercise's worksheet, under the same names."""
    library, ui = staged.library, staged.library.ui[lang]
    text = page(staged, lang, "workshop/index.md")
    section = text.split(f"## {ui['printables.heading']}\n", 1)[1]
    up = "../" + ("../" if lang != "fi" else "")
    for part, key in HANDOUT_PARTS.items():
        assert f'href="{up}pdf/workshop-handouts-{lang}.pdf#nameddest={part}">{escape(ui[key])}</a>' in section
    for module in library.modules:
        for exercise_id in module.exercises if module.track is Track.WORKSHOP else ():
            assert f"worksheets-{lang}.pdf#nameddest=exercises-{exercise_id}" in section


@pytest.mark.parametrize("lang", ("fi", "en", "sv"))
def test_mentor_page_links_the_session_feedback_form_and_mentor_worksheets(staged, lang):
    """The mentor training's page lists the session feedback form and every mentor exercise's worksheet, as the workshop page does for its own."""
    library, ui = staged.library, staged.library.ui[lang]
    section = page(staged, lang, "mentor/index.md").split(f"## {ui['printables.heading']}\n", 1)[1]
    up = "../" + ("../" if lang != "fi" else "")
    assert f'href="{up}pdf/worksheets-{lang}.pdf#nameddest=session-feedback">{escape(ui["handouts.feedback.session"])}</a>' in section
    exercises = {e for m in library.modules if m.track is Track.MENTOR for e in m.exercises}
    assert {e for e in library.exercises if f"worksheets-{lang}.pdf#nameddest=exercises-{e}" in section} == exercises
    assert "workshop-handouts" not in section


@pytest.mark.parametrize("lang", ("fi", "en", "sv"))
def test_harvest_material_names_the_change_page_as_the_follow_up_page_does(staged, lang):
    """The harvest's material lists each agency's change page, by the name the follow-up page gives it."""
    library, ui = staged.library, staged.library.ui[lang]
    name = {"fi": "{}-sivu", "en": "{} page", "sv": "sida {}"}[lang].format(ui["change.title"])
    assert name in page(staged, lang, "follow-up.md")
    harvest = next(e for e in library.events if e.id == "harvest")
    items = [m[lang] for m in harvest.material if name in m[lang]]
    assert len(items) == 1 and f"- {items[0]}" in page(staged, lang, "harvest.md")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_event_is_a_page_of_its_own(staged, lang):
    """Kick-off, mid-point and harvest: each page has when, who, the agenda with clock times that add up, what each segment asks, the material and its handouts."""
    library, ui = staged.library, staged.library.ui[lang]
    ctx = context_for(library, staged.manifest, agency=None, lang=lang)
    assert {"kick-off", "mid-point", "harvest"} <= {e.id for e in library.events}
    programme = page(staged, lang, "programme.md")
    for event in library.events:
        text = page(staged, lang, f"{event.id}.md")
        # One name: the page is titled as the event is everywhere else (the programme's list, the trainer guide).
        assert library.page(event.id).text[lang].title == event.title[lang]
        assert f"\n# {event.title[lang]}\n" in text
        assert f"**{ui['event.when']}:** {event.when[lang]}" in text and f"**{ui['event.who']}:** {event.who[lang]}" in text
        for session in event.sessions:
            items = list(timed_items(session))
            assert items[-1][2] == int(session.end[:2]) * 60 + int(session.end[3:])  # the agenda adds up to the session's end
            assert f"## {ui['event.agenda']}, {span(ctx, items[0][1], items[-1][2])}\n" in text
            for item, start, end in items:
                assert f'| <span class="mk-time">{span(ctx, start, end)}</span> | {item.title[lang]} |' in text
        assert all(f"- {m[lang]}" in text for m in event.material)
        for part in event.handouts:
            assert f"workshop-handouts-{lang}.pdf#nameddest={part}" in text
        # The programme page links each event's page instead of repeating its agenda.
        assert f"[{event.title[lang]}]({event.id}.md)" in programme
        assert event.sessions[0].items[1].title[lang] not in programme
    nav = yaml.safe_load((staged.site.root / lang / "mkdocs.yml").read_text(encoding="utf-8").split("\n", 1)[1])["nav"]
    programme_title = library.page("programme").text[lang].title
    under = [f"{p.id}.md" for p in library.pages if p.under == "programme"]
    assert under[:3] == ["kick-off.md", "mid-point.md", "harvest.md"]
    assert {programme_title: ["programme.md", *under]} in nav


def test_trainer_guide_carries_the_event_pages(staged):
    """The trainer guide's own pages include each event after the programme."""
    from mentorkit.assemble.printdoc import _chapters
    from mentorkit.plan.documents import Kind

    ctx = context_for(staged.library, staged.manifest, agency=None, lang="fi")
    paths = [c.path for c in _chapters(ctx, Kind.TRAINER_GUIDE)]
    events = [f"{e.id}.md" for e in staged.library.events]
    assert paths[paths.index("programme.md") + 1:paths.index("programme.md") + 1 + len(events)] == events
    assert {"kick-off.md", "mid-point.md", "harvest.md"} <= set(events)


PLANS = """\
plans:
  - id: workshop
    track: workshop
    covers: all
    title: {fi: Työpaja, en: Workshop}
    sessions:
      - start: "09:00"
        end: "10:25"
        items:
          - {segment: opening, minutes: 10, title: {fi: Avaus, en: Opening}}
          - module: ws-start
          - {segment: closing, minutes: 15, title: {fi: Päätös, en: Closing}}
events:
  - id: kick-off
    title: {fi: Aloitus, en: Kick-off}
    when: {fi: Alussa, en: At the start}
    who: {fi: Kaikki, en: Everyone}
    material: [{fi: Tarroja, en: Stickers}]
    handouts: [next-steps, goal-canvasses]
    sessions:
      - start: "13:00"
        end: "14:00"
        items:
          - {segment: welcome, minutes: 45, title: {fi: Tervetuloa, en: Welcome}}
          - {segment: closing, minutes: 15, title: {fi: Päätös, en: Closing}}
"""


@pytest.mark.parametrize(("site_pages", "plans", "module_line", "message"), [
    ("  - {id: kick-off, generated: round-event, under: programme}\n", None, None,
     "data/site.yml:{line}: pages[{index}].generated: 'kick-off' is the page of an event that does not exist; expected an id from the events of data/training-plans.yml, e.g. …"),
    ("", PLANS.replace("goal-canvasses", "goal-canvas"), None,
     "data/site.yml:{pages_line}: pages: the event 'kick-off' of data/training-plans.yml has no page; expected a page for each event, e.g. - {{id: kick-off, generated: round-event, under: programme}}"),
    ("  - {id: kick-off, generated: round-event, under: programme}\n", PLANS, None,
     "data/training-plans.yml:{hline}: events[0].handouts[1]: 'goal-canvasses' does not exist (did you mean 'goal-canvas'?); expected an id from the workshop handouts' parts, e.g. goal-canvas"),
    ("  - {id: kick-off, generated: round-event, under: privacy}\n", PLANS.replace("goal-canvasses", "goal-canvas"), None,
     "data/site.yml:{line}: pages[{index}].under: 'privacy' is not a page listed before it at the top of the navigation; expected the id of such a page, e.g. under: references"),
    ("", None, "handouts: [poster, next-step]\n",
     "modules/workshop/ws-start/module.yml:{mline}: handouts[1]: 'next-step' does not exist (did you mean 'next-steps'?); expected an id from the workshop handouts' parts, e.g. next-steps"),
])
def test_event_pages_and_handouts_are_checked(library_root, site_pages, plans, module_line, message):
    """An event page needs its event and an event its page; `under` names an earlier top page; handout ids exist."""
    site = library_root / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    lines = text.splitlines()
    # Events go after the references page (so glossary is before them and not the last top page).
    at = next(i for i, line in enumerate(lines) if line.strip() == "generated: references") + 1
    site.write_text("\n".join(lines[:at]) + "\n" + site_pages + "\n".join(lines[at:]) + "\n", encoding="utf-8")
    if site_pages:
        for lang in ("fi", "en"):
            (library_root / "docs" / lang / "kick-off.md").write_text("---\ntitle: Aloitus\n---\n\nTeksti.\n", encoding="utf-8")
    if plans:
        (library_root / "data" / "training-plans.yml").write_text(plans, encoding="utf-8")
    module = library_root / "modules" / "workshop" / "ws-start" / "module.yml"
    if module_line:
        module.write_text(module.read_text(encoding="utf-8") + module_line, encoding="utf-8")
    index = sum(1 for line in lines[:at] if line.startswith("  - "))
    expected = message.format(
        line=at + 1, index=index, pages_line=next(i for i, line in enumerate(lines, 1) if line.startswith("pages:")),
        mline=len(module.read_text(encoding="utf-8").splitlines()),
        hline=next(i for i, line in enumerate(PLANS.splitlines(), 1) if "handouts:" in line),
    )
    assert expected in problems_of(library_root)


@pytest.mark.slow
def test_round_templates_are_a_fillable_pdf(pdf_built):
    """Each template of the page is a page of the PDF; each placeholder a field named by its words (a table cell's by its row too), printed beneath it."""
    from pypdf import PdfReader

    fields = {"fi": {"vastaanottaja", "päivämäärä", "Mentori: nimi", "Aika: esimerkiksi kaksi tuntia kuukaudessa", "paikka ja päivämäärä", "allekirjoitus"},
              "en": {"recipient", "date", "Mentor: name", "Time: e.g. two hours a month", "place and date", "signature"}}
    for lang, titles in (("fi", ("Kutsu", "Sopimus")), ("en", ("Invitation", "Agreement"))):
        reader = PdfReader(pdf_built / "site" / "pdf" / f"round-templates-{lang}.pdf")
        found = reader.get_fields() or {}
        assert {f["/TU"] for f in found.values()} == fields[lang] and all(f["/FT"] == "/Tx" for f in found.values())
        texts = [" ".join(page.extract_text().split()) for page in reader.pages]
        starts = [next(i for i, t in enumerate(texts) if t.startswith(f"{title} ") or f" {title} " in t[:80]) for title in titles]
        assert starts[0] < starts[1], "each template starts a page of its own"
        body = " ".join(texts[starts[0]:])
        assert "[" not in body and "]" not in body
        assert all(words.split(": ")[-1] in body for words in fields[lang])  # the hint under each field
    # The trainer's page links the PDF it is made into.
    page_html = (pdf_built / "site" / "round-templates" / "index.html").read_text(encoding="utf-8")
    assert 'href="../pdf/round-templates-fi.pdf"' in page_html
