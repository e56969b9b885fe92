"""A kind of document is one entry in each of two tables: what it is (plan/documents.py SHAPES) and how it is made (render/recipes.py RECIPES)."""

from __future__ import annotations

from mentorkit.plan.documents import SHAPES, Kind
from mentorkit.render.recipes import RECIPES


def test_every_kind_of_document_is_shaped_and_made():
    """No kind is planned that no recipe makes, and no recipe is for a kind never planned."""
    assert set(SHAPES) == set(Kind)
    assert set(RECIPES) == set(SHAPES)
    # A deck is the HTML composed; everything else is printed.
    assert [kind for kind, recipe in RECIPES.items() if recipe.stylesheet is None] == [Kind.SLIDES]
    assert all(SHAPES[kind].file.endswith(".html") == (RECIPES[kind].stylesheet is None) for kind in SHAPES)
