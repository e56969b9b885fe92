"""The variant manifest: the one plan every later stage reads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from mentorkit.model import Agency, Edition, Library


@dataclass(frozen=True)
class Reason:
    """Why a module was selected or left out."""

    kind: str
    """core | goal | dimension | added | omitted | unmatched"""
    goal: str | None = None
    theme: str | None = None
    dimension: str | None = None
    rating: int | None = None


@dataclass(frozen=True)
class Choice:
    """A module and the reasons for its place in, or absence from, the variant."""

    module: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Manifest:
    """Which modules a variant holds and why, for which languages and edition."""

    variant: str
    """'base' for the base site, otherwise the agency's id."""
    edition: Edition
    languages: tuple[str, ...]
    selected: tuple[Choice, ...]
    omitted: tuple[Choice, ...]
    exercises: tuple[str, ...]
    warnings: tuple[str, ...]
    content_hash: str

    @property
    def module_ids(self) -> tuple[str, ...]:
        """Return the selected module ids in order."""
        return tuple(choice.module for choice in self.selected)

    def to_json(self) -> str:
        """Return the manifest as JSON for manifest.json."""
        data = asdict(self)
        data["edition"] = self.edition.value
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def hash_content(library: Library, *, module_ids: tuple[str, ...], agency_file: str | None) -> str:
    """Return a digest of every source file that a variant's output depends on."""
    root = Path(library.root)
    paths = sorted(
        [*root.glob("data/**/*.yml"), *root.glob("docs/*/*.md"), *root.glob("exercises/*/*")]
        + [path for m in library.modules if m.id in module_ids for path in (root / "modules" / m.track.value / m.id).rglob("*") if path.is_file()]
    )
    digest = hashlib.sha256()
    if agency_file:
        paths.append(root / agency_file if (root / agency_file).is_file() else Path(agency_file))
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() if path.is_relative_to(root) else path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def plan_base(library: Library) -> Manifest:
    """Plan the base site: every module, the trainer edition, every site language."""
    selected = tuple(Choice(m.id, (Reason("core" if m.core else "all"),)) for m in library.modules)
    ids = tuple(c.module for c in selected)
    return Manifest(
        variant="base",
        edition=Edition.TRAINER,
        languages=library.site.languages,
        selected=selected,
        omitted=(),
        exercises=_exercises_of(library, ids),
        warnings=(),
        content_hash=hash_content(library, module_ids=ids, agency_file=None),
    )


def plan_agency(library: Library, agency: Agency) -> Manifest:
    """Plan an agency's variant: its selection, languages, the mentor edition and coverage warnings."""
    selected, omitted = select_modules(library, agency)
    ids = tuple(c.module for c in selected)
    return Manifest(
        variant=agency.id,
        edition=Edition.MENTOR,
        languages=agency.languages,
        selected=selected,
        omitted=omitted,
        exercises=_exercises_of(library, ids),
        warnings=tuple(_coverage_warnings(library, agency, ids)),
        content_hash=hash_content(library, module_ids=ids, agency_file=agency.source or None),
    )


def select_modules(library: Library, agency: Agency) -> tuple[tuple[Choice, ...], tuple[Choice, ...]]:
    """Select modules: core + goal themes + dimensions rated 1–2 + added − omitted, in track order."""
    ratings = agency.current_state.ratings if agency.current_state else {}
    selected, omitted = [], []
    for module in library.modules:
        reasons = []
        if module.core:
            reasons.append(Reason("core"))
        for goal in agency.goals:
            for theme in goal.themes:
                if theme in module.themes:
                    reasons.append(Reason("goal", goal=goal.id, theme=theme))
        for dimension in module.dimensions:
            rating = ratings.get(dimension)
            if rating is not None and rating <= 2:
                reasons.append(Reason("dimension", dimension=dimension, rating=rating))
        if module.id in agency.add:
            reasons.append(Reason("added"))
        if module.id in agency.omit:
            omitted.append(Choice(module.id, (Reason("omitted"), *reasons)))
        elif reasons:
            selected.append(Choice(module.id, tuple(reasons)))
        else:
            omitted.append(Choice(module.id, (Reason("unmatched"),)))
    return tuple(selected), tuple(omitted)


def _exercises_of(library: Library, module_ids: tuple[str, ...]) -> tuple[str, ...]:
    ordered: dict[str, None] = {}
    for module in library.modules:
        if module.id in module_ids:
            ordered.update(dict.fromkeys(module.exercises))
    return tuple(ordered)


def _coverage_warnings(library: Library, agency: Agency, module_ids: tuple[str, ...]):
    chosen = [library.module(i) for i in module_ids]
    for goal in agency.goals:
        if not any(set(goal.themes) & set(m.themes) for m in chosen):
            yield f"goal '{goal.id}' is served by no selected module (themes: {', '.join(goal.themes)})"
    ratings = agency.current_state.ratings if agency.current_state else {}
    for dimension, rating in ratings.items():
        if rating is not None and rating <= 2 and not any(dimension in m.dimensions for m in chosen):
            yield f"dimension '{dimension}' is rated {rating} of 5 but no selected module addresses it"
