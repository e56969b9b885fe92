"""The staging tree as a whole: the generated pages and mkdocs.yml of the fixture's base site and one agency.

Compared file by file with tests/golden/. After a deliberate change to what is staged, regenerate
with `.venv/bin/pytest tests/test_golden.py --update-golden` and review the diff before committing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentorkit.pipeline import stage_variant

GOLDEN = Path(__file__).resolve().parent / "golden"


def staged_files(staging: Path) -> dict[str, str]:
    """Return the generated files of a staging tree: each language's mkdocs.yml and pages (not the copied theme)."""
    files = {}
    for path in sorted(staging.rglob("*")):
        relative = path.relative_to(staging).as_posix()
        if path.name == "mkdocs.yml" or (path.suffix == ".md" and "/docs/" in relative):
            files[relative] = path.read_text(encoding="utf-8")
    return files


@pytest.mark.parametrize("variant", ["base", "testivirasto"])
def test_staging_tree_matches_golden(variant, library_root, agency_file, tmp_path, request):
    """Every staged page and each language's generated mkdocs.yml are exactly as reviewed in tests/golden/<variant>/."""
    staged = stage_variant(root=library_root, agency_file=agency_file if variant != "base" else None, staging=tmp_path / variant)
    files = staged_files(staged.site.root)
    golden = GOLDEN / variant
    if request.config.getoption("--update-golden"):
        shutil.rmtree(golden, ignore_errors=True)
        for name, text in files.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_text(text, encoding="utf-8")
    expected = {path.relative_to(golden).as_posix(): path.read_text(encoding="utf-8") for path in sorted(golden.rglob("*")) if path.is_file()}
    assert sorted(files) == sorted(expected), "pages added or missing; regenerate with --update-golden and review"
    for name in files:
        assert files[name] == expected[name], f"{variant}/{name} differs from tests/golden; regenerate with --update-golden and review"
