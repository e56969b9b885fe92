"""Render a staged variant into a static site: MkDocs (strict) then a Pagefind index per language."""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from mentorkit.errors import BuildError
from mentorkit.load.fingerprint import source_date_epoch
from mentorkit.render.faults import tool_fault


def _mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def serve_site(config_file: Path, *, port: int) -> subprocess.Popen[str]:
    """Start MkDocs' dev server on 127.0.0.1:port for a staging tree; its output is the process's stdout."""
    # MkDocs in its own process, as in a build: its logging and plugin state stay out of ours.
    return subprocess.Popen(
        [sys.executable, "-m", "mentorkit.render.devserver", "serve", "-f", str(config_file), "-a", f"127.0.0.1:{port}"],
        cwd=config_file.parent,
        env=_mkdocs_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def render_site(config_file: Path, *, site_dir: Path, index: bool = True) -> None:
    """Build the site strictly (every broken link or anchor fails) and index it for search."""
    config_file, site_dir = config_file.resolve(), site_dir.resolve()
    # MkDocs dates the sitemap (lastmod, and the .gz header) by SOURCE_DATE_EPOCH; unset, it would
    # use the current second. The start of the current day (UTC) keeps lastmod "today" and makes
    # every build of a day byte-identical.
    env = {**_mkdocs_env(), "SOURCE_DATE_EPOCH": source_date_epoch()}
    # MkDocs runs in its own process: its logging and plugin state stay out of ours, and
    # `mkdocs build -f <staging>/mkdocs.yml` reproduces any failure by hand.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config_file.parent,
        preexec_fn=die_with_parent,
    )
    if result.returncode != 0:
        raise tool_fault(result.stderr, doing=f"MkDocs wrote {site_dir}") or BuildError(f"MkDocs could not build {config_file}:\n{_tail(result.stderr or result.stdout)}")
    if not index:
        return
    indexed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=die_with_parent,
    )
    if indexed.returncode != 0:
        raise tool_fault(indexed.stderr + indexed.stdout, doing=f"Pagefind indexed {site_dir}") or BuildError(f"Pagefind could not index {site_dir}:\n{_tail(indexed.stderr or indexed.stdout)}")
    _sort_pagefind_entry(site_dir / "pagefind" / "pagefind-entry.json")


def _sort_pagefind_entry(path: Path) -> None:
    """Write Pagefind's entry file with its languages in a fixed order (Pagefind lists them as its threads finish)."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def die_with_parent() -> None:
    """Have the kernel stop this process when the one that started it dies, even by SIGKILL (Linux PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)
    except (AttributeError, OSError):
        pass


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
