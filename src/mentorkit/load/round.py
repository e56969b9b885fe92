"""The round's own data beside its definitions: the cohort view's secret and the letters given so far.

agencies/cohort-round.json is written by the first build of a cohort view and read by every later
one. Keep it with the definitions (commit it with them): without it, every letter and calendar UID
of the cohort view changes; with the definitions, it tells which letter is which agency, so share
it no wider than them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mentorkit.errors import InvalidInput, Problem
from mentorkit.load.reading import read_regular
from mentorkit.load.yamlsource import relative

ROUND_FILE = "cohort-round.json"


@dataclass(frozen=True)
class Round:
    """The cohort view's secret and the letter each anonymous agency has been given."""

    secret: bytes
    letters: Mapping[str, str]


def round_path(root: Path) -> Path:
    """Return where a project keeps its round's data: beside the definitions that --all builds."""
    return root / "agencies" / ROUND_FILE


def read_round(path: Path, *, root: Path) -> Round | None:
    """Return the round's data, None when there is none yet; raise InvalidInput when it is unreadable or damaged."""
    if not path.exists():
        return None
    file = relative(path, root)
    expected = 'expected the file mentorkit wrote, e.g. {"secret": "<64 hex digits>", "letters": {"esimerkkivirasto": "C"}}; restore it from version control'
    try:
        data = json.loads(read_regular(path).data.decode("utf-8"))
        secret = bytes.fromhex(data["secret"])
        letters = data["letters"]
        if len(secret) < 16 or not isinstance(letters, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in letters.items()):
            raise ValueError("a secret or a letter is malformed")
    except OSError as error:
        raise InvalidInput([Problem(file, None, "", f"cannot be read ({error.strerror}); {expected}")]) from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise InvalidInput([Problem(file, None, "", f"is damaged ({error}); {expected}")]) from None
    return Round(secret, dict(letters))
