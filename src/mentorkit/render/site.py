"""Render a staged variant into a static site: MkDocs (strict) then a Pagefind index per language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mentorkit.errors import BuildError


def render_site(config_file: Path, *, site_dir: Path, index: bool = True) -> None:
    """Build the site strictly (every broken link or anchor fails) and index it for search."""
    config_file, site_dir = config_file.resolve(), site_dir.resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # MkDocs runs in its own process: its logging and plugin state stay out of ours, and
    # `mkdocs build -f <staging>/mkdocs.yml` reproduces any failure by hand.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config_file.parent,
    )
    if result.returncode != 0:
        raise BuildError(f"MkDocs could not build {config_file}:\n{_tail(result.stderr or result.stdout)}")
    if not index:
        return
    indexed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
        capture_output=True,
        text=True,
        env=env,
    )
    if indexed.returncode != 0:
        raise BuildError(f"Pagefind could not index {site_dir}:\n{_tail(indexed.stderr or indexed.stdout)}")


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
