"""How the trainer's cohort view names each agency: by name only with its consent, otherwise by a
letter ("Virasto C") that reveals nothing about which agency it is and never moves.

Nothing shown is computed from an agency's id alone (ids are slugs of public names: hashing a list
of names would undo the letters). Letters and calendar UIDs come from an HMAC keyed with the round's
secret, which lives with the definitions (load/round.py), and a letter once given is kept in that
file, so an agency that joins, leaves or gives consent moves no one else's letter.

A new agency takes the letter its HMAC points at, or the next free one: free means not given to
another agency of the round and not shown as a consenting agency's real name ("Virasto C").
"""

from __future__ import annotations

import hashlib
import hmac
import string
import unicodedata
from collections.abc import Iterable, Mapping

from mentorkit.model import Agency

LETTERS = string.ascii_uppercase
LABELS = tuple(LETTERS) + tuple(a + b for a in LETTERS for b in LETTERS)
"""Single letters first, then two: 702 agencies in a round."""


def agency_key(secret: bytes, agency_id: str) -> str:
    """Return the round's keyed digest of an agency id: stable within the round, meaningless without its secret."""
    return hmac.new(secret, agency_id.encode("utf-8"), hashlib.sha256).hexdigest()


def cohort_letters(agencies: Iterable[Agency], *, secret: bytes, kept: Mapping[str, str], ui: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Return the round's letters: every kept one, and one for each anonymous agency that has none yet.

    A kept letter that now reads as a consenting agency's real name is given up: the two must
    never be told apart by position alone.
    """
    agencies = list(agencies)
    shown = {_normal(name) for a in agencies if a.share_with_cohort for name in a.name.values()}

    def clashes(label: str) -> bool:
        return any(_normal(texts["cohort.anonymous"].format(letter=label)) in shown for texts in ui.values())

    letters = {agency_id: label for agency_id, label in kept.items() if not clashes(label)}
    taken = set(letters.values())
    newcomers = [a.id for a in agencies if not a.share_with_cohort and a.id not in letters]
    for agency_id in sorted(newcomers, key=lambda i: (agency_key(secret, i), i)):
        preferred = int(agency_key(secret, agency_id), 16)
        label = next(
            (label for label in _probe(preferred) if label not in taken and not clashes(label)),
            None,
        )
        if label is None:
            raise ValueError(f"more than {len(LABELS)} anonymous agencies in one round")
        letters[agency_id] = label
        taken.add(label)
    return letters


def cohort_names(agencies: Iterable[Agency], *, letters: Mapping[str, str], ui: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """Return each agency's name per language as the cohort view shows it."""
    names = {}
    for agency in agencies:
        if agency.share_with_cohort:
            first = next(iter(agency.name.values()))
            names[agency.id] = {lang: agency.name.get(lang, first) for lang in ui}
        else:
            names[agency.id] = {lang: ui[lang]["cohort.anonymous"].format(letter=letters[agency.id]) for lang in ui}
    return names


def _probe(preferred: int) -> Iterable[str]:
    """Yield the labels in the order an agency tries them: single letters from its own, then pairs from its own."""
    single, double = LABELS[: len(LETTERS)], LABELS[len(LETTERS):]
    for step in range(len(single)):
        yield single[(preferred + step) % len(single)]
    for step in range(len(double)):
        yield double[(preferred + step) % len(double)]


def _normal(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
