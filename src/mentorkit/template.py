"""Write a new agency goal definition from the commented template."""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from mentorkit.errors import InvalidArgument
from mentorkit.validate.content import load_library
from mentorkit.validate.schema import matches_schema


def write_template(agency_id: str, *, root: Path, force: bool = False) -> Path:
    """Write agencies/<id>.yml with every key explained in Finnish and English; return its path."""
    # The id becomes a file name: check it before it touches a path.
    # The schema's own rule for an agency's id, matched whole (no trailing newline).
    if not matches_schema(agency_id, "agency#/properties/id"):
        raise InvalidArgument(f"{agency_id!r} is not a safe agency id; expected lower-case letters a–z, digits and single hyphens, at most 64 characters, e.g. esimerkkivirasto")
    path = root / "agencies" / f"{agency_id}.yml"
    if path.exists() and not force:
        raise InvalidArgument(f"{_shown(path, root)} already exists; expected a new id, or --force to overwrite it")
    library = load_library(root)
    today = date.today()
    ratings = "\n".join(f"    {dimension}: 3" for dimension in library.dimensions)
    text = resources.files("mentorkit.templates").joinpath("agency.yml").read_text(encoding="utf-8").format(
        agency_id=agency_id,
        path=path.relative_to(root).as_posix() if not path.is_absolute() else path,
        year=today.year,
        today=today.isoformat(),
        next_month=(today + timedelta(days=30)).isoformat(),
        ratings=ratings,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
