"""The values every part of the model shares: text per language and the programme's tracks. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

Text = Mapping[str, str]
"""Text per language code, e.g. {"fi": "Tavoitteet", "en": "Objectives"}."""


class Track(str, Enum):
    """The two tracks of the programme, in programme order."""

    WORKSHOP = "workshop"
    """The representatives' workshop: management, HR and competence developers set the agency's goals."""
    MENTOR = "mentor"
    """The learning-mentor training for volunteer staff."""
