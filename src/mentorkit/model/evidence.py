"""What the accessibility gates found, and the one rule for what a statement may claim from it. No I/O here.

The quality gates (tests/evidence.py: axe-core in Chromium, the Nu HTML Checker, pdfua) record their
runs in data/accessibility-evidence.yml; the accessibility statement is built from those runs and
`check` refuses a claimed status that they do not support.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class Conformance(str, Enum):
    """A statement's compliance status (Commission Implementing Decision (EU) 2018/1523), weakest first."""

    NONE = "none"
    """Not compliant: nothing was checked, or not enough to claim even part."""
    PARTIAL = "partial"
    """Partially compliant: checked, but something fails or was only checked in part."""
    FULL = "full"
    """Fully compliant: every gate ran on the variant, found nothing, and checked its whole standard."""

    @property
    def rank(self) -> int:
        """Return the strength of the claim: a higher rank claims more."""
        return list(Conformance).index(self)


class Gate(str, Enum):
    """The accessibility gates whose runs are evidence."""

    AXE = "axe"
    """axe-core, WCAG 2.0/2.1 A and AA rules, on every page of a site in a real browser."""
    HTML = "html"
    """The Nu HTML Checker on every page of a site (WCAG 4.1.1 parsing and valid markup)."""
    PDFUA = "pdfua"
    """pdfua on every kind of PDF: the machine-checkable part of PDF/UA-1 only."""


PDF_VARIANT = "pdf"
"""The variant name of PDF runs: every kind of PDF is checked once, for all the sites that publish it."""
PAGE_GATES = (Gate.AXE, Gate.HTML)
"""The gates that check a site's pages: a variant's own runs of both are needed for full conformance."""


@dataclass(frozen=True)
class GateRun:
    """One run of a gate, as the tests recorded it."""

    gate: Gate
    tool: str
    """The tool and its version, e.g. 'axe-core 4.14.1'."""
    checked: date
    variant: str
    """'base', an agency's id, or 'pdf' (every kind of PDF)."""
    items: int
    """How many pages or PDFs were checked."""
    failures: tuple[str, ...]
    """What did not conform, one line each ('page: rule'), as the gate reported it."""
    complete: bool
    """True when the tool checks its whole standard; pdfua checks only part of PDF/UA-1."""


@dataclass(frozen=True)
class Evidence:
    """Every recorded gate run (data/accessibility-evidence.yml); no runs when the file is absent."""

    runs: tuple[GateRun, ...] = ()

    def for_variant(self, variant: str) -> tuple[GateRun, ...]:
        """Return the runs that judged a variant: its own page gates and the PDF runs."""
        return tuple(run for run in self.runs if run.variant in (variant, PDF_VARIANT))

    def missing(self, variant: str) -> tuple[Gate, ...]:
        """Return the page gates that never ran on this variant, and pdfua when no PDF was checked."""
        ran = {run.gate for run in self.for_variant(variant)}
        return tuple(gate for gate in (*PAGE_GATES, Gate.PDFUA) if gate not in ran)

    def supports(self, variant: str) -> Conformance:
        """Return the strongest status the runs on a variant support.

        Full only when axe-core and the Nu checker ran on the variant's own pages and every PDF was
        checked completely, all without a failure; partial when at least its pages were checked by
        axe-core or the same kind of site was (an agency's site is built from the same templates);
        otherwise none.
        """
        runs = self.for_variant(variant)
        if not self.missing(variant) and all(run.complete and not run.failures for run in runs):
            return Conformance.FULL
        if any(run.gate is Gate.AXE for run in self.runs):
            return Conformance.PARTIAL
        return Conformance.NONE

    def shortfall(self, variant: str) -> str:
        """Return in one phrase why a variant's runs do not support full conformance ('' when they do)."""
        reasons = [f"{gate.value} never ran on it" for gate in self.missing(variant)]
        for run in self.for_variant(variant):
            if run.failures:
                reasons.append(f"{run.tool} found {len(run.failures)} failure{'s' if len(run.failures) != 1 else ''}")
            elif not run.complete:
                reasons.append(f"{run.tool} checks only part of its standard")
        return "; ".join(reasons)
