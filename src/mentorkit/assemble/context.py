"""What page assembly needs to know about the variant and the language being written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import time as dt_time

from babel.dates import format_date, format_time

from mentorkit.assemble.paths import exercise_path, module_path, page_path
from mentorkit.model import Agency, BLOCK_TYPES, Edition, Library, Page
from mentorkit.plan.manifest import Manifest


@dataclass(frozen=True)
class Context:
    """One variant in one language."""

    library: Library
    manifest: Manifest
    agency: Agency | None
    lang: str

    @property
    def ui(self) -> dict[str, str]:
        """Return the interface strings of this language."""
        return dict(self.library.ui[self.lang])

    def t(self, key: str, **values) -> str:
        """Return an interface string with its {placeholders} filled in."""
        return self.library.ui[self.lang][key].format(**values)

    @property
    def trainer_edition(self) -> bool:
        """Return whether facilitator notes and trainer-only pages belong in this variant."""
        return self.manifest.edition is Edition.TRAINER

    @property
    def pages(self) -> tuple[Page, ...]:
        """Return the written pages of this variant, in navigation order."""
        return tuple(p for p in self.library.pages if self.trainer_edition or not p.trainer_only)

    @property
    def block_titles(self) -> dict[str, str]:
        """Return the default title of each teaching block type."""
        return {kind: self.t(f"block.{kind}") for kind in BLOCK_TYPES}

    def resolve(self, kind: str, item: str, anchor: str | None) -> str | None:
        """Return the staged path of a link target, or None when the variant leaves it out."""
        if kind == "module":
            path = module_path(self.library, item) if item in self.manifest.module_ids else None
        elif kind == "exercise":
            path = exercise_path(item) if item in self.manifest.exercises else None
        elif kind == "page":
            path = page_path(item) if any(p.id == item for p in self.pages) else None
        elif kind == "ref":
            return page_path("references") + f"#{item}"
        elif kind == "term":
            return page_path("glossary") + f"#{item}"
        else:
            return None
        return f"{path}#{anchor}" if path and anchor else path

    def minutes(self, total: int) -> str:
        """Return a duration as people say it: '45 min', '2 h' or '1 h 30 min'."""
        if total < 60:
            return self.t("minutes", n=total)
        if total % 60 == 0:
            return self.t("hours.whole", h=total // 60)
        return self.t("hours", h=total // 60, m=total % 60)

    def date(self, value: date, *, form: str = "date_format") -> str:
        """Return a date in this language's usual form (`form` names another format, e.g. with the weekday)."""
        return format_date(value, format=self.t(form), locale=self.lang)

    def time(self, value: str) -> str:
        """Return a time of day written HH:MM in this language's usual form (Finnish: 9.00)."""
        return format_time(dt_time.fromisoformat(value), format=self.t("time_format"), locale=self.lang)
