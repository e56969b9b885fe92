"""The generated parts of the accessibility statement and the privacy notice: status from the gates' evidence, contacts."""

from __future__ import annotations

from mentorkit.assemble.context import AgencyContext, Context
from mentorkit.assemble.markdown import mail_link, md_text
from mentorkit.model import Authority, Conformance, Page, Publisher

FAILURES_SHOWN = 20
"""At most this many failures of one run are listed; the count says how many there were."""


def accessibility_status(ctx: Context, *, page: Page, source: str) -> str:
    """Return the statement's status, what was checked and what fails, from the gates' evidence (after the page's lead)."""
    return "\n".join(_status(ctx))


def accessibility_contacts(ctx: Context, *, page: Page, source: str) -> str:
    """Return the statement's dates, feedback channel and supervisory authority."""
    a = ctx.library.site.accessibility
    # An agency that hosts its own copy is its publisher: its name and feedback address replace data/site.yml's.
    publisher = _publisher(ctx)
    owner = md_text(publisher.name[ctx.lang]) if publisher else ctx.library.site.owner_name[ctx.lang]
    feedback = publisher.email if publisher else a.feedback_email
    return "\n".join([
        f"## {ctx.t('statement.heading')}\n",
        f"- {ctx.t('statement.prepared')}: {ctx.date(a.prepared)}",
        f"- {ctx.t('statement.reviewed')}: {ctx.date(a.reviewed)}",
        f"- {ctx.t('statement.owner')}: {owner}",
        f"- {ctx.t('statement.feedback')}: {mail_link(feedback)}. {ctx.t('statement.reply', days=a.reply_days)}",
        f"- {ctx.t('statement.supervisor')}: {_authority(ctx, a.supervisor)}",
        "",
    ])


def _status(ctx: Context) -> list[str]:
    """Return the status section: never more than the claim in data/site.yml or than this variant's evidence supports."""
    a = ctx.library.site.accessibility
    variant = ctx.agency.id if isinstance(ctx, AgencyContext) else "base"
    evidence = a.evidence
    status = min(a.status, evidence.supports(variant), key=lambda c: c.rank)
    lines = [f"## {ctx.t('statement.status_heading')}\n", ctx.t(f"statement.status.{status.value}"), ""]
    runs = evidence.for_variant(variant)
    if runs:
        lines.append(f"### {ctx.t('statement.checked_heading')}\n")
        for run in runs:
            found = ctx.t("statement.found.some", n=len(run.failures)) if run.failures else ctx.t("statement.found.none")
            lines.append("- " + md_text(ctx.t(f"statement.check.{run.gate.value}", tool=run.tool, date=ctx.date(run.checked), items=run.items, found=found)))
        lines.append("")
    failing = [ctx.t(f"statement.not_run.{gate.value}") for gate in evidence.missing(variant)]
    for run in runs:
        failing += [f"{md_text(run.tool)}: {md_text(line)}" for line in run.failures[:FAILURES_SHOWN]]
        if not run.complete:
            failing.append(ctx.t(f"statement.incomplete.{run.gate.value}", tool=md_text(run.tool)))
    if status is not Conformance.NONE:
        lines.append(f"### {ctx.t('statement.failing_heading')}\n")
        lines += [f"- {item}" for item in failing] if failing else [ctx.t("statement.nothing_failing")]
        lines.append("")
    return lines


def privacy_contacts(ctx: Context, *, page: Page, source: str) -> str:
    """Return the controller as a legal entity, its contacts, the retention period and the supervisory authority."""
    p = ctx.library.site.privacy
    publisher = _publisher(ctx)
    lines = [f"## {ctx.t('privacy.heading')}\n"]
    if publisher:
        lines.append(f"- {ctx.t('privacy.controller')}: {md_text(publisher.name[ctx.lang])}")
        lines.append(f"- {ctx.t('privacy.contact')}: {mail_link(publisher.privacy_email or publisher.email)}")
    else:
        lines.append(f"- {ctx.t('privacy.controller')}: {md_text(p.controller[ctx.lang])}")
        if p.business_id:
            lines.append(f"- {ctx.t('privacy.business_id')}: {md_text(p.business_id)}")
        if p.address:
            lines.append(f"- {ctx.t('privacy.address')}: {md_text(p.address)}")
        lines.append(f"- {ctx.t('privacy.contact')}: {mail_link(p.email)}")
        if p.dpo_email:
            lines.append(f"- {ctx.t('privacy.dpo')}: {mail_link(p.dpo_email)}")
    lines.append(f"- {md_text(ctx.t('privacy.retention', months=p.retention_months))}")
    lines.append(f"- {ctx.t('privacy.authority')}: {_authority(ctx, p.authority)}")
    return "\n".join([*lines, ""])


def _authority(ctx: Context, authority: Authority) -> str:
    """Return an authority's name and every contact detail data/site.yml gives for it."""
    parts = [md_text(authority.name[ctx.lang]), f"{ctx.t('contact.web')} <{authority.url}>"]
    if authority.email:
        parts.append(f"{ctx.t('contact.email')} {mail_link(authority.email)}")
    if authority.phone:
        parts.append(f"{ctx.t('contact.phone')} {md_text(authority.phone)}")
    if authority.address:
        parts.append(f"{ctx.t('contact.address')} {md_text(authority.address)}")
    return ", ".join(parts)


def _publisher(ctx: Context) -> Publisher | None:
    """Return the agency that publishes its own copy of its site, if it names itself so."""
    return ctx.agency.publisher if isinstance(ctx, AgencyContext) else None
