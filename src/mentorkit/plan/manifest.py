"""The variant manifest: the one plan every later stage reads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import PurePath

from mentorkit.model import Agency, Edition, Library
from mentorkit.selection import Choice, Reason, ReasonKind, Replan, is_weak, planning_ratings, replan_modules, select_modules

__all__ = ["BASE", "Choice", "Manifest", "Reason", "ReasonKind", "Variant", "plan_agency", "plan_base", "select_modules"]


@dataclass(frozen=True)
class Variant:
    """A variant of the material: the base site, or one agency's."""

    agency: str | None = None
    """The agency's id; None for the base site."""

    @property
    def is_base(self) -> bool:
        """Return whether this is the base site."""
        return self.agency is None

    @property
    def name(self) -> str:
        """Return the variant's name in paths and manifest.json: 'base' or the agency's id."""
        return self.agency or "base"


BASE = Variant()
"""The base site: every module, the trainer edition."""


@dataclass(frozen=True)
class Manifest:
    """Which modules a variant holds and why, for which languages and edition."""

    variant: Variant
    edition: Edition
    languages: tuple[str, ...]
    selected: tuple[Choice, ...]
    omitted: tuple[Choice, ...]
    exercises: tuple[str, ...]
    warnings: tuple[str, ...]
    content_hash: str
    replan: Replan | None = None
    """The selection re-run on the latest follow-up, as a difference from the baseline's (agencies with follow-ups)."""

    @property
    def module_ids(self) -> tuple[str, ...]:
        """Return the selected module ids in order."""
        return tuple(choice.module for choice in self.selected)

    def to_json(self) -> str:
        """Return the manifest as JSON for manifest.json."""
        data = asdict(self)
        data["variant"] = self.variant.name
        data["edition"] = self.edition.value
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def hash_content(library: Library, *, module_ids: tuple[str, ...], agency: Agency | None) -> str:
    """Return a digest of every source file that a variant's output depends on (from the digests loading recorded)."""
    folders = tuple(f"modules/{m.track.value}/{m.id}/" for m in library.modules if m.id in module_ids)
    digest = hashlib.sha256()
    for path, file_digest in sorted(library.digests.items()):
        if path.startswith("modules/") and not path.startswith(folders):
            continue
        digest.update(path.encode())
        digest.update(file_digest.encode())
    if agency is not None:
        digest.update(PurePath(agency.source).name.encode())
        digest.update(agency.digest.encode())
    return digest.hexdigest()[:16]


def plan_base(library: Library) -> Manifest:
    """Plan the base site: every module, the trainer edition, every site language."""
    selected = tuple(Choice(m.id, (Reason(ReasonKind.CORE if m.core else ReasonKind.ALL),)) for m in library.modules)
    ids = tuple(c.module for c in selected)
    return Manifest(
        variant=BASE,
        edition=Edition.TRAINER,
        languages=library.site.languages,
        selected=selected,
        omitted=(),
        exercises=_exercises_of(library, ids),
        warnings=(),
        content_hash=hash_content(library, module_ids=ids, agency=None),
    )


def plan_agency(library: Library, agency: Agency) -> Manifest:
    """Plan an agency's variant: its selection, languages, the mentor edition and coverage warnings."""
    selected, omitted = select_modules(library, agency)
    ids = tuple(c.module for c in selected)
    return Manifest(
        variant=Variant(agency.id),
        edition=Edition.MENTOR,
        languages=agency.languages,
        selected=selected,
        omitted=omitted,
        exercises=_exercises_of(library, ids),
        warnings=tuple(_coverage_warnings(library, agency, ids)),
        content_hash=hash_content(library, module_ids=ids, agency=agency),
        replan=replan_modules(library, agency),
    )


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
    for dimension, rating in planning_ratings(agency).items():
        if is_weak(rating) and not any(dimension in m.dimensions for m in chosen):
            yield f"dimension '{dimension}' is rated {rating} of {library.scale.max} but no selected module addresses it"
