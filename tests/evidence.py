"""The accessibility gates' evidence: each gate records what it ran on, and `--record-evidence` writes it down.

The gates (axe-core in tests/test_browser.py, the Nu HTML Checker in tests/test_html.py, pdfua in
tests/test_pdfua.py) call `record` with what they checked and what failed. At the end of a session
run with `pytest --record-evidence`, the runs replace those of the same gate and variant in
data/accessibility-evidence.yml, which the build reads to write the accessibility statement (and
`check` reads to refuse a status it does not support). Without the option nothing is written.
"""

from __future__ import annotations

import json
from datetime import date
from importlib.metadata import version
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
EVIDENCE_FILE = REPO / "data" / "accessibility-evidence.yml"
HEADER = """\
# What the accessibility gates found, per published variant: written by `pytest --record-evidence`
# (tests/evidence.py) from the runs of axe-core (tests/test_browser.py), the Nu HTML Checker
# (tests/test_html.py) and pdfua (tests/test_pdfua.py). Do not edit by hand: the accessibility
# statement is built from these runs, and `mentorkit check` refuses a status in data/site.yml that
# they do not support. variant: base, an agency's id, or pdf (every kind of PDF, built once).
"""

_runs: dict[tuple[str, str], dict] = {}


def tool_version(gate: str) -> str:
    """Return the name and version of the tool behind a gate, as installed."""
    if gate == "pdfua":
        return f"pdfua {version('pdfua')}"
    package = {"axe": "axe-core", "html": "vnu-jar"}[gate]
    found = json.loads((REPO / "node_modules" / package / "package.json").read_text(encoding="utf-8"))["version"]
    return {"axe": f"axe-core {found}", "html": f"Nu HTML Checker {found}"}[gate]


def record(*, gate: str, variant: str, items: int, failures: list[str], complete: bool = True) -> None:
    """Record that a gate checked `items` pages or PDFs of a variant and found `failures`; runs of one gate and variant add up."""
    run = _runs.setdefault((gate, variant), {
        "gate": gate, "tool": tool_version(gate), "checked": date.today().isoformat(), "variant": variant,
        "items": 0, "failures": [], "complete": complete,
    })
    run["items"] += items
    run["failures"] += failures
    run["complete"] = run["complete"] and complete


def recorded() -> list[dict]:
    """Return the runs recorded in this session."""
    return list(_runs.values())


def write_evidence(path: Path = EVIDENCE_FILE) -> None:
    """Write this session's runs over those of the same gate and variant in the evidence file; keep the others."""
    if not _runs:
        return
    kept = []
    if path.exists():
        kept = [run for run in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("runs", []) if (run["gate"], run["variant"]) not in _runs]
    runs = sorted([*kept, *_runs.values()], key=lambda run: (run["variant"] != "base", run["variant"], run["gate"]))
    path.write_text(HEADER + yaml.safe_dump({"runs": runs}, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
