"""Set-up: `make build` installs only what building needs; Chromium, Java and Voikko are for `make test`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO

SCRIPT = REPO / "scripts" / "install-system-deps.sh"


def planned_commands(target: str) -> str:
    """Return the commands make would run for a target on a fresh checkout (nothing is run)."""
    result = subprocess.run(["make", "-n", "-B", target], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_build_calls_no_npm_and_only_the_build_set():
    commands = planned_commands("build")
    assert "npm" not in commands
    assert "sh scripts/install-system-deps.sh build" in commands
    assert "install-system-deps.sh test" not in commands
    assert "mentorkit build --all --bundle" in commands


def test_make_test_installs_the_test_set_and_npm_tools():
    commands = planned_commands("test")
    assert "npm ci" in commands
    assert "sh scripts/install-system-deps.sh test" in commands


def installed_by(set_name: str, tmp_path: Path) -> list[str]:
    """Run the installer on a machine that has none of the packages; return what apt-get was asked for."""
    fake = tmp_path / f"bin-{set_name}"
    fake.mkdir()
    log = tmp_path / f"apt-{set_name}.log"
    for tool in ("grep",):
        os.symlink(shutil.which(tool), fake / tool)
    # No Pango, no chromium, no java on this PATH; apt-get only records what it was asked to install.
    (fake / "ldconfig").write_text("#!/bin/sh\nexit 0\n")
    (fake / "id").write_text("#!/bin/sh\necho 0\n")
    (fake / "apt-get").write_text(f'#!/bin/sh\n[ "$1" = install ] && echo "$@" >> {log}\nexit 0\n')
    for tool in fake.iterdir():
        tool.chmod(0o755)
    result = subprocess.run(["/bin/sh", str(SCRIPT), set_name], capture_output=True, text=True, env={"PATH": str(fake)})
    assert result.returncode == 0, result.stderr
    return log.read_text().split() if log.exists() else []


def test_build_set_has_no_browser_java_or_voikko(tmp_path):
    packages = installed_by("build", tmp_path)
    assert "libpango-1.0-0" in packages
    assert not {"chromium", "default-jre-headless", "voikko-fi", "python3-libvoikko"} & set(packages)


def test_test_set_adds_browser_and_java(tmp_path):
    packages = installed_by("test", tmp_path)
    assert {"libpango-1.0-0", "chromium", "default-jre-headless"} <= set(packages)


def test_the_launcher_sets_up_as_make_build_does():
    """./mentorkit runs make's `ready` (the Python packages and the build set, as `make build`) before the command."""
    launcher = (REPO / "mentorkit").read_text(encoding="utf-8")
    assert 'make --silent --no-print-directory -C "$here" ready' in launcher
    assert os.access(REPO / "mentorkit", os.X_OK)
    commands = planned_commands("ready")
    assert "Setting up the Python packages in .venv" in commands
    assert "pip install" in commands and "sh scripts/install-system-deps.sh build" in commands
    assert "npm" not in commands and "install-system-deps.sh test" not in commands
