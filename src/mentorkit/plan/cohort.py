"""How the trainer's cohort view names each agency: by name only with its consent, otherwise by a
letter ("Virasto A") that stays the same across builds and edits.

An agency's letter comes from a hash of its id, so adding or removing another agency does not move
it; two agencies that want the same letter are settled by the order of their hashes (then ids), the
later one taking the next free letter.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Iterable

from mentorkit.model import Agency

LETTERS = string.ascii_uppercase
LABELS = tuple(LETTERS) + tuple(a + b for a in LETTERS for b in LETTERS)


def agency_digest(agency_id: str) -> str:
    """Return a stable digest of an agency id (never the id itself in anonymous output)."""
    return hashlib.sha256(agency_id.encode("utf-8")).hexdigest()


def cohort_letters(agency_ids: Iterable[str]) -> dict[str, str]:
    """Return a letter for each id: its hash's letter, or the next free one when that is taken."""
    taken: dict[str, str] = {}
    letters: dict[str, str] = {}
    for agency_id in sorted(set(agency_ids), key=lambda i: (agency_digest(i), i)):
        start = int(agency_digest(agency_id), 16) % len(LETTERS)
        for step in range(len(LABELS)):
            label = LABELS[(start + step) % len(LABELS)] if step < len(LETTERS) else LABELS[step]
            if label not in taken:
                taken[label] = agency_id
                letters[agency_id] = label
                break
    return letters


def cohort_names(agencies: Iterable[Agency], *, ui: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Return each agency's name per language as the cohort view shows it."""
    agencies = list(agencies)
    letters = cohort_letters(a.id for a in agencies if not a.share_with_cohort)
    names = {}
    for agency in agencies:
        if agency.share_with_cohort:
            names[agency.id] = {lang: agency.name[lang] for lang in ui if lang in agency.name}
            names[agency.id].update({lang: next(iter(agency.name.values())) for lang in ui if lang not in agency.name})
        else:
            names[agency.id] = {lang: ui[lang]["cohort.anonymous"].format(letter=letters[agency.id]) for lang in ui}
    return names
