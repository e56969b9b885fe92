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
HOOKS = "<mentorkit>/render/hooks.py"
"""mkdocs.yml names the hooks file by its absolute path, which differs between checkouts."""


def staged_files(config: Path) -> dict[str, str]:
    """Return the generated files of a staging tree (pages and mkdocs.yml; not the copied theme)."""
    staging = config.parent
    files = {"mkdocs.yml": config.read_text(encoding="utf-8")}
    for path in sorted((staging / "docs").rglob("*.md")):
        files[path.relative_to(staging).as_posix()] = path.read_text(encoding="utf-8")
    import mentorkit.render

    hooks = str(Path(mentorkit.render.__file__).parent / "hooks.py")
    return {name: text.replace(hooks, HOOKS) for name, text in files.items()}


@pytest.mark.parametrize("variant", ["base", "testivirasto"])
def test_staging_tree_matches_golden(variant, library_root, agency_file, tmp_path, request):
    """Every staged page and the generated mkdocs.yml are exactly as reviewed in tests/golden/<variant>/."""
    staged = stage_variant(root=library_root, agency_file=agency_file if variant != "base" else None, staging=tmp_path / variant)
    files = staged_files(staged.config)
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
