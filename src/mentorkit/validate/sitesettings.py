"""The project's mkdocs.yml: the site settings a user may change, in MkDocs' own format, checked like any input.

The file holds what is the user's to choose (Material's features, palette, logo, favicon, icons,
and local style sheets); each staged language project is derived from it. What mentorkit owns
(navigation, folders, languages, Markdown extensions, plugins and hooks) and anything that would
load from another host is refused with the reason. A project without the file gets the kit's
defaults (mentorkit/templates/mkdocs.yml, which the repository's own mkdocs.yml copies).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from mentorkit.errors import Problem
from mentorkit.load.fingerprint import digest_file
from mentorkit.load.yamlsource import KeyPath, ProblemFound, Source, decode_text, parse_yaml, read_file
from mentorkit.model import SiteSettings

FILE = "mkdocs.yml"

OWNED = {
    "nav": "mentorkit writes each language's navigation from the content",
    "docs_dir": "mentorkit stages each language's pages in a folder of its own",
    "site_dir": "mentorkit builds into dist/ (see --dist)",
    "site_name": "the site's name comes from data/ui/<lang>.yml (an agency's from its definition)",
    "site_url": "the site's address comes from data/site.yml",
    "site_description": "the description comes from data/ui/<lang>.yml",
    "copyright": "the footer names the publisher of data/site.yml or of an agency's definition",
    "use_directory_urls": "a site uses directory URLs and a bundle file links; mentorkit sets both",
    "plugins": "the site runs no MkDocs plugin, so that it builds the same with Zensical (search is Pagefind, languages are one project each)",
    "hooks": "the site runs no hook: mentorkit escapes and links everything while staging",
    "markdown_extensions": "the Markdown dialect is the one of the site and the PDFs (mentorkit/dialect.py)",
    "extra_javascript": "the pages run mentorkit's own scripts only",
    "extra": "mentorkit writes the language links and the search page's link",
    "validation": "mentorkit builds strictly: every broken link or anchor fails",
    "not_in_nav": "mentorkit writes each language's navigation from the content",
    "strict": "mentorkit builds strictly",
}
"""Top-level keys mentorkit owns, and why."""

THEME_OWNED = {
    "custom_dir": "mentorkit's own theme overrides are used (mentorkit/theme/overrides)",
    "language": "each language's project is staged in its own language",
    "static_templates": "mentorkit's theme overrides decide the static pages",
}
"""Keys of `theme` mentorkit owns, and why."""

THEME_KEYS = ("name", "features", "palette", "logo", "favicon", "icon", "font")
THEME_FILES = ("logo", "favicon")
USER_KEYS = ("theme", "extra_css")
EXAMPLE = "theme: {features: [navigation.sections], palette: {primary: indigo}, logo: site-assets/logo.svg}"


def read_site_settings(root: Path) -> tuple[SiteSettings, dict[str, str], list[Problem]]:
    """Return the settings of root/mkdocs.yml (the kit's defaults without one), the digests of the files it names, and every problem."""
    path = root / FILE
    if not path.exists():
        default = resources.files("mentorkit.templates").joinpath(FILE).read_text(encoding="utf-8")
        settings, problems = check_settings(parse_yaml(default, file=f"mentorkit/templates/{FILE}"), root=None)
        return settings, {}, problems
    try:
        # Read once: the digest is that of the bytes parsed.
        read = read_file(path, root=root)
        source = parse_yaml(decode_text(read.data, file=FILE), file=FILE)
    except ProblemFound as found:
        return SiteSettings(), {}, list(found.problems)
    settings, problems = check_settings(source, root=root)
    digests = {FILE: read.digest}
    if not problems:
        digests.update({name: digest_file(root / name) for name in settings.files})
    return settings, digests, problems


def check_settings(source: Source, *, root: Path | None) -> tuple[SiteSettings, list[Problem]]:
    """Check the settings of a parsed mkdocs.yml; files named in it are looked for under root (None: the kit's own, which names none)."""
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        return SiteSettings(), [source.problem((), f"is a {type(data).__name__}; expected a mapping of MkDocs settings, e.g. {EXAMPLE}")]
    problems: list[Problem] = []
    for key in data:
        if key in OWNED:
            problems.append(source.problem((key,), f"set by mentorkit: {OWNED[key]}; expected only the settings that are the user's ({', '.join(USER_KEYS)})"))
        elif key not in USER_KEYS:
            problems.append(source.problem((key,), f"not a setting mentorkit passes to the site; expected one of: {', '.join(USER_KEYS)}, e.g. {EXAMPLE}"))
    theme = data.get("theme") or {}
    if not isinstance(theme, dict):
        problems.append(source.problem(("theme",), f"is a {type(theme).__name__}; expected a mapping, e.g. {EXAMPLE}"))
        theme = {}
    files: list[str] = []
    kept: dict[str, Any] = {}
    for key, value in theme.items():
        where: KeyPath = ("theme", key)
        if key in THEME_OWNED:
            problems.append(source.problem(where, f"set by mentorkit: {THEME_OWNED[key]}; expected only: {', '.join(THEME_KEYS)}"))
        elif key not in THEME_KEYS:
            problems.append(source.problem(where, f"not a theme setting mentorkit passes to the site; expected one of: {', '.join(THEME_KEYS)}"))
        elif key == "name" and value != "material":
            problems.append(source.problem(where, f"{value!r}: mentorkit's theme overrides are written for Material; expected material"))
        elif key == "font" and value is not False:
            problems.append(source.problem(where, "Material loads its fonts from Google's servers, and the built pages make no request outside the site; expected false"))
        elif key in THEME_FILES:
            problem = check_file(source, where, value, root=root, suffixes=(".svg", ".png", ".ico"))
            if problem:
                problems.append(problem)
            else:
                files.append(value)
                kept[key] = value
        elif key != "name":
            kept[key] = value
    css = data.get("extra_css") or []
    if not isinstance(css, list):
        problems.append(source.problem(("extra_css",), "is not a list; expected a list of style sheets in the project, e.g. extra_css: [site-assets/extra.css]"))
        css = []
    for index, sheet in enumerate(css):
        problem = check_file(source, ("extra_css", index), sheet, root=root, suffixes=(".css",))
        if problem:
            problems.append(problem)
        else:
            files.append(sheet)
    return SiteSettings(theme=kept, extra_css=tuple(s for s in css if s in files), files=tuple(dict.fromkeys(files))), problems


def check_file(source: Source, where: KeyPath, value: Any, *, root: Path | None, suffixes: tuple[str, ...]) -> Problem | None:
    """Return the problem with a file a setting names, if any: it must be a local file in the project."""
    example = "site-assets/extra.css" if suffixes == (".css",) else f"site-assets/logo{suffixes[0]}"
    expected = f"expected a file in the project, relative to mkdocs.yml, ending in {' or '.join(suffixes)}, e.g. {example}"
    if not isinstance(value, str) or not value:
        return source.problem(where, f"is not a file name; {expected}")
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("//"):
        return source.problem(where, f"{value!r} loads from another host, and the built pages make no request outside the site; {expected}")
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or path.suffix.lower() not in suffixes:
        return source.problem(where, f"{value!r} is not a file in the project; {expected}")
    if root is not None and not (root / path).is_file():
        return source.problem(where, f"{value!r} does not exist; {expected}")
    return None
