"""mentorkit's own HTML is written through templates that escape every value unless it is marked safe."""

from __future__ import annotations

import jinja2
import pytest

from mentorkit.assemble.html import Markup, render_html


def test_text_is_escaped_and_markup_passes():
    """A label holding markup prints as text; a value made as Markup by our code passes unchanged."""
    out = render_html("field.html", id="goal1-title", label='<script>x()</script> & "y"', after_label=Markup("<span>k</span>"), box=False)
    assert out == (
        '<div class="field"><label for="goal1-title">&lt;script&gt;x()&lt;/script&gt; &amp; &#34;y&#34;<span>k</span></label>'
        '<input type="text" id="goal1-title" name="goal1-title"></div>'
    )


def test_an_attribute_value_cannot_break_out():
    """An id with a quote stays inside its attribute."""
    out = render_html("field.html", id='x" onclick="y', label="L", after_label="", box=True)
    assert 'onclick="y"' not in out and "x&#34; onclick=&#34;y" in out


def test_an_unknown_name_is_an_error_not_an_empty_string():
    """A value the template needs and the caller forgot fails loudly instead of printing nothing."""
    with pytest.raises(jinja2.UndefinedError):
        render_html("field.html", id="a", label="L", box=False)
