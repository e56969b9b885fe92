"""Build the staged trees with Zensical instead of MkDocs and run the same quality gates; print each that differs.

`make zensical` runs this. The gates are the test suite's own, run with MENTORKIT_ENGINE=zensical
(tests/conftest.py passes `--engine zensical` to every build): the strict build itself, the
published paths and language links (test_site_paths), axe-core, the language switch, Finnish
search and no outside request (test_browser), the Nu checker and links (test_html), and an
agency's hostile name shown as text (test_build). Exit status 0 when every gate passes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GATES = [
    "tests/test_site_paths.py",
    "tests/test_build.py::test_definition_text_is_escaped",
    "tests/test_html.py",
    "tests/test_browser.py",
]


def main() -> int:
    """Run the gates with Zensical and print the verdict."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=line", "-rfE", *GATES],
        cwd=REPO,
        # Wide lines: pytest cuts each summary line (the difference) at the terminal's width.
        env={**os.environ, "MENTORKIT_ENGINE": "zensical", "COLUMNS": "1000"},
        capture_output=True,
        text=True,
    )
    failed = [line.removeprefix("FAILED ") for line in result.stdout.splitlines() if line.startswith("FAILED ")]
    errors = [line.removeprefix("ERROR ") for line in result.stdout.splitlines() if line.startswith("ERROR ")]
    tail = result.stdout.strip().splitlines()[-1:] or ["(no output)"]
    print(f"Zensical through the quality gates: {tail[0]}")
    for line in failed + errors:
        print(f"  differs: {line}")
    if result.returncode not in (0, 1):
        print(result.stdout[-4000:] + result.stderr[-4000:])
    print("Every gate passes with Zensical." if result.returncode == 0 else "Zensical is NOT supported yet: the gates above differ from MkDocs' build.")
    return 0 if result.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
