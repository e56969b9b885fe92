"""Disagreement kept: a definition may record the range a group gave a dimension, shown in the
agency's chart, table and handbook, escaped."""

from __future__ import annotations

import pytest

from conftest import AGENCY, run_cli
from mentorkit.assemble.context import context_for
from mentorkit.assemble.printdoc import compose_document
from mentorkit.validate.agency import load_agencies
from mentorkit.validate.content import load_library
from mentorkit.plan.documents import Kind, plan_documents
from mentorkit.plan.manifest import plan_agency

RANGE = """\
  disagreement:
    psychological-safety: {low: 3, high: 5, note: {fi: "<b>Tiimit</b> *eroavat* | paljon", en: "<b>Teams</b> *differ* | a lot"}}
"""
WITH_RANGE = AGENCY.replace("    psychological-safety: 4\n", "    psychological-safety: 4\n" + RANGE)
FILE = "agencies/testivirasto.yml"


def problems_for(library_root, agency_file, text: str) -> list[str]:
    agency_file.write_text(text, encoding="utf-8")
    result = run_cli("check", "--agency", str(agency_file), "--root", str(library_root))
    assert result.returncode == 2, result.stdout
    return result.stderr.splitlines()


RANGE_CASES = [
    ("psychological-safety: {low", "psychological-safty: {low",
     f"{FILE}:18: current_state.disagreement.psychological-safty: 'psychological-safty' does not exist (did you mean 'psychological-safety'?); expected an id from data/dimensions.yml, e.g. psychological-safety"),
    ("{low: 3, high: 5,", "{low: 4, high: 4,",
     f"{FILE}:18: current_state.disagreement.psychological-safety.high: 4 is not above low 4; expected 1 ≤ low < high ≤ 5, e.g. {{low: 2, high: 4}}"),
    ("{low: 3, high: 5,", "{low: 1, high: 3,",
     f"{FILE}:18: current_state.disagreement.psychological-safety: the rating 4 lies outside the range 1–3; expected the group's rating within the ratings given, e.g. {{low: 1, high: 4}}"),
    ("{low: 3, high: 5,", "{low: 0, high: 5,",
     f"{FILE}:18: current_state.disagreement.psychological-safety.low: 0 is below 1; expected the lowest rating given, a whole number from 1 to 5, e.g. 2"),
    (', en: "<b>Teams</b> *differ* | a lot"}', "}",
     f"{FILE}:18: current_state.disagreement.psychological-safety.note: no text in en; expected text in every language (fi, en), e.g. {{fi: …, en: …}}"),
    ("    psychological-safety: 4\n  disagreement:", "  disagreement:",
     f"{FILE}:17: current_state.disagreement.psychological-safety: 'psychological-safety' has a range but no rating; expected it in current_state.ratings too, e.g. psychological-safety: 3 (or null when the group agreed on none)"),
]
"""(old, new, message): each range rule broken once; tests/test_goal_form_parity.py runs them through the form too."""


@pytest.mark.parametrize(("old", "new", "message"), RANGE_CASES)
def test_range_problems(library_root, agency_file, old, new, message):
    """Each rule of a range is reported with its line and key path."""
    assert message in problems_for(library_root, agency_file, WITH_RANGE.replace(old, new))


def test_range_in_table_chart_and_handbook(library_root, agency_file):
    """The table shows '4/5 (3–5)', the chart a range bar, the note escaped; the handbook the same."""
    agency_file.write_text(WITH_RANGE, encoding="utf-8")
    result = run_cli("build", "--agency", str(agency_file), "--no-pdf", "--root", str(library_root))
    assert result.returncode == 0, result.stderr
    html = (library_root / "dist/agencies/testivirasto/site/index.html").read_text(encoding="utf-8")
    assert "Psykologinen turvallisuus (3–5): &lt;b&gt;Tiimit" in html
    assert ">4/5 (3–5)</td>" in html and ">2/5</td>" in html
    assert "&lt;b&gt;Tiimit&lt;/b&gt; *eroavat* | paljon" in html and "<b>Tiimit</b>" not in html
    # The range over the bar, from 3 to 5 of 5 (a line with end ticks, tests/test_reading.py looks at it).
    assert html.count('<span class="mk-chart-range" style="left: 60%; width: 40%"></span>') == 1
    assert '<span class="mk-chart-value">4/5 (3–5)</span>' in html
    en = (library_root / "dist/agencies/testivirasto/site/en/index.html").read_text(encoding="utf-8")
    assert ">4/5 (3–5)</td>" in en and "&lt;b&gt;Teams&lt;/b&gt; *differ* | a lot" in en
    library = load_library(library_root)
    agency = load_agencies([agency_file], library=library, root=library_root)[0]
    manifest = plan_agency(library, agency)
    handbook = next(d for d in plan_documents(manifest) if d.kind is Kind.MENTOR_HANDBOOK and d.lang == "fi")
    document = compose_document(context_for(library, manifest, agency=agency, lang="fi"), handbook)
    assert ">4/5 (3–5)</td>" in document and "&lt;b&gt;Tiimit&lt;/b&gt; *eroavat* | paljon" in document


def test_example_agency_keeps_a_range():
    """One example agency records a range, and the new-agency template offers the key (commented)."""
    from conftest import REPO

    assert "  disagreement:\n    psychological-safety:" in (REPO / "agencies/itameren-tutkimuslaitos.yml").read_text(encoding="utf-8")
    assert "  # disagreement:" in (REPO / "src/mentorkit/templates/agency.yml").read_text(encoding="utf-8")
