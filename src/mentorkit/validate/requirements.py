"""Check what the build assumes of the data: interface strings, required pages, languages and names."""

from __future__ import annotations

import os
from pathlib import Path

from mentorkit.errors import Problem
from mentorkit.load.yamlsource import relative


def check_readable(path: Path, *, root: Path) -> list[Problem]:
    """Return a problem when a path that should be a file is a folder or cannot be read."""
    file = relative(path, root)
    if path.is_dir():
        return [Problem(file, None, "", f"is a folder; expected a file here, e.g. {path.name} as a text file")]
    if path.exists() and not os.access(path, os.R_OK):
        return [Problem(file, None, "", "cannot be read (permission denied); expected a file mentorkit may read, e.g. chmod a+r " + file)]
    return []
