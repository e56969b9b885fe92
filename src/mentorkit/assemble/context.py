"""What page assembly needs to know about the variant and the language being written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import time as dt_time

from babel.dates import format_date, format_time

from mentorkit.assemble.paths import exercise_path, module_path, page_path
from mentorkit.dialect import Dialect
from mentorkit.model import Agency, BLOCK_TYPES, Edition, Library, Page, Track
from mentorkit.plan.manifest import Manifest


@dataclass(frozen=True)
class Context:
    """One variant in one language."""

    library: Library
    manifest: Manifest
    lang: str
    agency: Agency | None = None

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
        # A track's section appears only when the variant holds one of its modules (no empty agenda);
        # the base site's own pages (the goal form) never in an agency's.
        held = {self.library.module(m).track.value for m in self.manifest.module_ids}
        tracks = {track.value for track in Track}
        return tuple(
            p for p in self.library.pages
            if (self.trainer_edition or not p.trainer_only)
            and not (p.base_only and self.agency)
            and (p.id not in tracks or p.id in held)
        )

    @property
    def dialect(self) -> Dialect:
        """Return how this variant renders our Markdown dialect: its link table, edition and block titles."""
        library, manifest = self.library, self.manifest
        links = {
            **{f"module:{m}": module_path(library, m) for m in manifest.module_ids},
            **{f"exercise:{e}": exercise_path(e) for e in manifest.exercises},
            **{f"page:{p.id}": page_path(p.id) for p in self.pages},
            **{f"ref:{r}": f"{page_path('references')}#{r}" for r in library.references},
            **{f"term:{t}": f"{page_path('glossary')}#{t}" for t in library.glossary},
        }
        titles = {lang: {kind: library.ui[lang][f"block.{kind}"] for kind in BLOCK_TYPES} for lang in manifest.languages}
        return Dialect(links=links, keep_facilitator=self.trainer_edition, titles=titles)

    def minutes(self, total: int) -> str:
        """Return a duration as people say it: '45 min', '2 h' or '1 h 30 min'."""
        if total < 60:
            return self.t("minutes", n=total)
        if total % 60 == 0:
            return self.t("hours.whole", h=total // 60)
        return self.t("hours", h=total // 60, m=total % 60)

    def date(self, value: date, *, form: str = "date_format") -> str:
        """Return a date in this language's usual form (`form` names another format, e.g. with the weekday)."""
        return format_date(value, format=self.t(form), locale=self.locale)

    def time(self, value: str) -> str:
        """Return a time of day written HH:MM in this language's usual form (Finnish: 9.00)."""
        return format_time(dt_time.fromisoformat(value), format=self.t("time_format"), locale=self.locale)

    def time_range(self, start: str, end: str) -> str:
        """Return a session's times written HH:MM as this language writes a span, e.g. 'kl. 9.00–11.30' in Swedish."""
        return self.t("time_range", start=self.time(start), end=self.time(end))

    @property
    def locale(self) -> str:
        """Return the Babel locale of this language's dates and times (its interface string `locale`, e.g. sv_FI)."""
        return self.t("locale")


@dataclass(frozen=True)
class AgencyContext(Context):
    """One agency's variant in one language: its agency is always there."""

    agency: Agency


def context_for(library: Library, manifest: Manifest, *, agency: Agency | None, lang: str) -> Context:
    """Return the context of a variant in one language: an AgencyContext when it is an agency's."""
    if agency is None:
        return Context(library, manifest, lang)
    return AgencyContext(library, manifest, lang, agency)
