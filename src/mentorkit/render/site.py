"""Render a staged variant into a static site: each language project with MkDocs (strict), then a Pagefind index per language."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from mentorkit.assemble.staging import StagedSite
from mentorkit.errors import BuildError


def _mkdocs_env() -> dict[str, str]:
    # Material 9.7+ prints an end-of-life banner on every run; NO_MKDOCS_2_WARNING is the switch
    # its banner names. The README says which versions are pinned and until when they are kept.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


PER_LANGUAGE_ONLY_ONCE = ("404.html", "sitemap.xml", "sitemap.xml.gz")
"""Files each language's build writes that a site has once, at its root: the default language's (its sitemap lists every language)."""


def serve_site(config_file: Path, *, port: int) -> subprocess.Popen[str]:
    """Start MkDocs' dev server on 127.0.0.1:port for a language project; its output is the process's stdout."""
    # MkDocs in its own process, as in a build: its logging stays out of ours.
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", f"127.0.0.1:{port}"],
        cwd=config_file.parent,
        env=_mkdocs_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def render_site(site: StagedSite, *, site_dir: Path, index: bool = True, engine: str = "mkdocs") -> None:
    """Build each language project strictly (every broken link or anchor fails) into the site, then index it for search."""
    site_dir = site_dir.resolve()
    # MkDocs dates the sitemap (lastmod, and the .gz header) by SOURCE_DATE_EPOCH; unset, it would
    # use the current second. The start of the current day (UTC) keeps lastmod "today" and makes
    # every build of a day byte-identical.
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(int(time.time()) // 86400 * 86400)
    env = {**_mkdocs_env(), "SOURCE_DATE_EPOCH": epoch}
    # The default language first: its build empties the site folder, the others fill their own folders in it.
    for project in site.projects:
        _build_project(project.config.resolve(), site_dir=site_dir / project.folder, env=env, engine=engine)
        if project.folder:
            for name in PER_LANGUAGE_ONLY_ONCE:
                (site_dir / project.folder / name).unlink(missing_ok=True)
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
        raise BuildError(f"Pagefind could not index {site_dir}:\n{_tail(indexed.stderr or indexed.stdout)}")
    _sort_pagefind_entry(site_dir / "pagefind" / "pagefind-entry.json")


def _build_project(config_file: Path, *, site_dir: Path, env: dict[str, str], engine: str) -> None:
    """Build one language project into site_dir with the engine, in its own process (`<engine> build -f <config>` reproduces a failure)."""
    if engine == "zensical":
        # Zensical has no -d: it builds into the project's own site/ (MkDocs' default site_dir), moved into place after.
        built = config_file.parent / "site"
        shutil.rmtree(built, ignore_errors=True)
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config_file)]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config_file.parent, preexec_fn=die_with_parent)
    if result.returncode != 0:
        raise BuildError(f"{engine} could not build {config_file}:\n{_tail(result.stderr or result.stdout)}")
    if engine == "zensical":
        if not built.is_dir():
            raise BuildError(f"zensical built nothing from {config_file}:\n{_tail(result.stderr or result.stdout)}")
        shutil.rmtree(site_dir, ignore_errors=True)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, site_dir)


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
