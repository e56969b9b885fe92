"""A goal's optional gap, working-culture feature and commitments: read from the definition, shown where mentors read the goal."""

from __future__ import annotations

from conftest import REPO
from quality import page_text
from mentorkit.validate.agency import load_agencies


def test_goal_keys_are_read(repo_library):
    """The example agency's first goal carries its gap, its culture feature and two commitments."""
    library = repo_library
    (agency,) = load_agencies([REPO / "agencies/pohjolan-lupavirasto.yml"], library=library, root=REPO)
    goal = agency.goals[0]
    assert goal.gap and goal.gap["fi"].startswith("Uusi käsittelijä jää")
    assert goal.culture_feature and goal.culture_feature["en"] == "“Everyone handles their own applications.”"
    assert [c.who["fi"] for c in goal.commitments] == ["Lupayksikön päällikkö", "Oppimismentorit"]


def test_mentors_read_them_on_the_agency_site(real_built):
    """The agency's home page shows the gap, the culture feature and who commits to what, in each language."""
    fi = page_text(real_built / "agencies/pohjolan-lupavirasto/site/index.html")
    assert "Kehityskohde: Uusi käsittelijä jää vaikeiden hakemusten kanssa yksin" in fi
    assert "Toimintakulttuurin piirre: ”Jokainen hoitaa omat hakemuksensa.”" in fi
    assert "Kuka lupaa mitä: Lupayksikön päällikkö: Nimeää perehdytyskaverin" in fi
    en = page_text(real_built / "agencies/pohjolan-lupavirasto/site/en/index.html")
    assert "Who commits to what: The head of the permit unit: Names a buddy" in en
