"""Fillable pieces shared by the handouts and the worksheets: a labelled field and the anonymous feedback forms."""

from __future__ import annotations

from mentorkit.assemble.context import Context
from mentorkit.assemble.html import Markup, render_html
from mentorkit.model import Track

FEEDBACK = {"workshop": (4, 3), "session": (3, 3)}
"""How many statements and open questions each feedback form has (their text: handouts.feedback.<kind>.s1…, .q1…)."""

SESSION_FEEDBACK = "session-feedback.md"
"""The mentor sessions' feedback form as a chapter of the worksheets (its named destination is this path's chapter id)."""


def has_session_feedback(ctx: Context) -> bool:
    """Return whether the variant's worksheets carry the session feedback form: when it runs a mentor module."""
    return any(ctx.library.module(m).track is Track.MENTOR for m in ctx.manifest.module_ids)


def field(id: str, label: str, *, box: bool = False) -> Markup:
    """Return one labelled line or box."""
    return render_html("field.html", id=id, label=label, after_label="", box=box)


def feedback_html(ctx: Context, *, kind: str, heading: bool = True) -> Markup:
    """Return an anonymous feedback form: the workshop's, or a mentor session's with a line for which session."""
    statements, questions = FEEDBACK[kind]
    key = f"handouts.feedback.{kind}"
    return render_html(
        "handout-feedback.html", title=ctx.t(key) if heading else "", intro=ctx.t("handouts.feedback_intro"), prefix=f"fb-{kind}", field=field,
        scale=[(str(n), ctx.t(f"handouts.agree.{n}")) for n in range(1, 6)], statement_word=ctx.t("handouts.statement"),
        session_label=ctx.t("handouts.feedback.which_session") if kind == "session" else "",
        statements=[(n, ctx.t(f"{key}.s{n}")) for n in range(1, statements + 1)],
        questions=[(n, ctx.t(f"{key}.q{n}")) for n in range(1, questions + 1)],
    )
