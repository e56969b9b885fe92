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


def test_chart_row_is_text_and_its_geometry_numbers():
    """The agency chart: a dimension's label is text; the bar and the range are whole percentages."""
    out = render_html("agency-chart.html", rows=[{"label": "<b>Tiimit</b> & co", "share": 40.4, "span": (20.0, 39.6), "shown": "2/5 (1–3)"}], caption='"Kuvio"')
    assert out == (
        '<div class="mk-chart" aria-hidden="true">\n'
        '<div class="mk-chart-row"><span class="mk-chart-label">&lt;b&gt;Tiimit&lt;/b&gt; &amp; co</span><span class="mk-chart-track">'
        '<span class="mk-chart-bar" style="width: 40%"></span><span class="mk-chart-range" style="left: 20%; width: 40%"></span></span>'
        '<span class="mk-chart-value">2/5 (1–3)</span></div>\n'
        '</div>\n<p class="mk-meta">&#34;Kuvio&#34;</p>'
    )


def test_print_document_escapes_every_text_and_keeps_the_body():
    """An agency name that closes the title or opens a script stays text; the chapters (Markup) pass as they are."""
    values = dict(lang="fi", author="A", description="D", programme="P", kind_title="K", round="", language="suomi", contents="Sisältö")
    out = render_html("print-document.html", title="</title><script>x()</script>", owner="<i>V</i>", toc=[(1, "a", "<b>1</b>")], body=Markup("<section>ok</section>"), **values)
    assert "<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>" in out
    assert '<h1 class="doc-title">&lt;i&gt;V&lt;/i&gt;</h1>' in out and '<a href="#a">&lt;b&gt;1&lt;/b&gt;</a>' in out
    assert "<section>ok</section>" in out and "<script>" not in out
