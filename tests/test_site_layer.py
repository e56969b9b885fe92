"""The site layer: plain MkDocs projects per language (no plugin, no hook, no absolute path) and the project's mkdocs.yml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, copy_library, problems_of, run_cli
from mentorkit.pipeline import stage_variant

SETTINGS = """\
theme:
  name: material
  features: [navigation.sections]
  palette: {primary: teal}
  logo: site-assets/logo.svg
extra_css: [site-assets/extra.css]
"""


@pytest.fixture(scope="module")
def built_base(tmp_path_factory) -> Path:
    """The fixture library's base site built without PDFs, with a logo and a style sheet of its own in mkdocs.yml."""
    root = copy_library(tmp_path_factory.mktemp("layer") / "library")
    (root / "site-assets").mkdir()
    (root / "site-assets" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>\n', encoding="utf-8")
    (root / "site-assets" / "extra.css").write_text(".md-header { border-bottom: 2px solid teal; }\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(SETTINGS, encoding="utf-8")
    result = run_cli("build", "--no-pdf", "--root", str(root))
    assert result.returncode == 0, result.stderr
    # Material 9.8 prints an end-of-life banner on every MkDocs run; a user of mentorkit never sees it.
    assert "end of life" not in result.stderr and "Zensical" not in result.stderr
    return root


@pytest.mark.slow
def test_each_language_is_a_plain_mkdocs_project(built_base):
    """Each staged mkdocs.yml has no plugin and no hook, names no absolute path, and builds by hand as staged."""
    staging = built_base / "build" / "base"
    assert sorted(p.name for p in staging.iterdir()) == ["en", "fi"]
    for lang in ("fi", "en"):
        text = (staging / lang / "mkdocs.yml").read_text(encoding="utf-8")
        config = yaml.safe_load(text)
        assert config["plugins"] == [] and "hooks" not in config
        assert config["theme"]["language"] == lang
        assert str(built_base) not in text and sys.prefix not in text and str(REPO) not in text
    # `mkdocs build` in a staged project reproduces what mentorkit did (run from elsewhere, into elsewhere).
    by_hand = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(staging / "fi" / "mkdocs.yml"), "-d", str(built_base / "by-hand")],
        capture_output=True, text=True, cwd=built_base.parent,
    )
    assert by_hand.returncode == 0, by_hand.stderr
    assert (built_base / "by-hand" / "mentor" / "mt-core" / "index.html").is_file()


@pytest.mark.slow
def test_site_settings_of_mkdocs_yml_reach_every_language(built_base):
    """The palette, logo and style sheet of the project's mkdocs.yml are on the Finnish and the English pages."""
    site = built_base / "dist" / "site"
    for page, up in (("mentor/mt-core/index.html", "../../"), ("en/mentor/mt-core/index.html", "../../")):
        html = (site / page).read_text(encoding="utf-8")
        assert 'data-md-color-primary="teal"' in html
        assert f'src="{up}site-assets/logo.svg"' in html
        assert f'href="{up}site-assets/extra.css"' in html
    assert (site / "site-assets" / "logo.svg").is_file() and (site / "en" / "site-assets" / "logo.svg").is_file()


def test_repository_mkdocs_yml_is_the_kits_default():
    """The repository's mkdocs.yml is the one a project without its own gets (mentorkit/templates/mkdocs.yml)."""
    assert (REPO / "mkdocs.yml").read_text(encoding="utf-8") == (REPO / "src/mentorkit/templates/mkdocs.yml").read_text(encoding="utf-8")


def test_settings_mentorkit_owns_are_refused_with_the_reason(library_root):
    """Keys mentorkit owns, an unknown key, web fonts and files from another host: each refused, at its line, with why."""
    (library_root / "mkdocs.yml").write_text(
        "theme:\n"
        "  name: material\n"
        "  language: sv\n"
        "  font: {text: Roboto}\n"
        "  logo: https://cdn.example.org/logo.svg\n"
        "  favicon: site-assets/missing.png\n"
        "plugins: [search]\n"
        "hooks: [my_hooks.py]\n"
        "nav: [index.md]\n"
        "markdown_extensions: [footnotes]\n"
        "extra_css: [//cdn.example.org/x.css]\n"
        "repo_url: https://example.org\n",
        encoding="utf-8",
    )
    found = [p for p in problems_of(library_root) if p.startswith("mkdocs.yml")]
    assert found == [
        "mkdocs.yml:3: theme.language: set by mentorkit: each language's project is staged in its own language; expected only: name, features, palette, logo, favicon, icon, font",
        "mkdocs.yml:4: theme.font: Material loads its fonts from Google's servers, and the built pages make no request outside the site; expected false",
        "mkdocs.yml:5: theme.logo: 'https://cdn.example.org/logo.svg' loads from another host, and the built pages make no request outside the site; expected a file in the project, relative to mkdocs.yml, ending in .svg or .png or .ico, e.g. site-assets/logo.svg",
        "mkdocs.yml:6: theme.favicon: 'site-assets/missing.png' does not exist; expected a file in the project, relative to mkdocs.yml, ending in .svg or .png or .ico, e.g. site-assets/logo.svg",
        "mkdocs.yml:7: plugins: set by mentorkit: the site runs no MkDocs plugin, so that it builds the same with Zensical (search is Pagefind, languages are one project each); expected only the settings that are the user's (theme, extra_css)",
        "mkdocs.yml:8: hooks: set by mentorkit: the site runs no hook: mentorkit escapes and links everything while staging; expected only the settings that are the user's (theme, extra_css)",
        "mkdocs.yml:9: nav: set by mentorkit: mentorkit writes each language's navigation from the content; expected only the settings that are the user's (theme, extra_css)",
        "mkdocs.yml:10: markdown_extensions: set by mentorkit: the Markdown dialect is the one of the site and the PDFs (mentorkit/dialect.py); expected only the settings that are the user's (theme, extra_css)",
        "mkdocs.yml:11: extra_css[0]: '//cdn.example.org/x.css' loads from another host, and the built pages make no request outside the site; expected a file in the project, relative to mkdocs.yml, ending in .css, e.g. site-assets/extra.css",
        "mkdocs.yml:12: repo_url: not a setting mentorkit passes to the site; expected one of: theme, extra_css, e.g. theme: {features: [navigation.sections], palette: {primary: indigo}, logo: site-assets/logo.svg}",
    ]


def test_check_reads_mkdocs_yml_like_any_input(library_root):
    """`mentorkit check` reports a broken mkdocs.yml with exit status 2; mending it makes check pass."""
    (library_root / "mkdocs.yml").write_text("theme:\n  name: readthedocs\n", encoding="utf-8")
    result = run_cli("check", "--root", str(library_root))
    assert result.returncode == 2
    assert "mkdocs.yml:2: theme.name: 'readthedocs': mentorkit's theme overrides are written for Material; expected material" in result.stderr
    (library_root / "mkdocs.yml").write_text("theme:\n  name: material\n", encoding="utf-8")
    assert run_cli("check", "--root", str(library_root)).returncode == 0


def test_staged_language_links_name_every_language(library_root, tmp_path):
    """Each staged page lists itself and its translation, with the link from this page and the address from the site's root."""
    staged = stage_variant(root=library_root, agency_file=None, staging=tmp_path / "base")
    text = (staged.site.root / "en" / "docs" / "mentor" / "mt-core.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["alternate"] == [
        {"lang": "fi", "name": "Suomi", "link": "../../../mentor/mt-core/", "url": "mentor/mt-core/"},
        {"lang": "en", "name": "English", "link": "./", "url": "en/mentor/mt-core/"},
    ]
    assert [p.folder for p in staged.site.projects] == ["", "en"]


def test_no_code_reaches_into_mkdocs_or_material():
    """mentorkit imports nothing of MkDocs or Material and names none of their processors: they run as commands on staged projects."""
    import ast

    for path in sorted((REPO / "src" / "mentorkit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)] + [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in imported if m.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")], path
        assert "relpath" not in [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)], path


@pytest.mark.slow
def test_an_edit_of_mkdocs_yml_rebuilds_the_site(built_base):
    """mkdocs.yml is in the site's cache key: a build after changing the palette renders the site again with it (runs last: it edits the shared build)."""
    settings = built_base / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("primary: teal", "primary: deep-purple"), encoding="utf-8")
    result = run_cli("build", "--no-pdf", "--root", str(built_base))
    assert result.returncode == 0, result.stderr
    assert "Rendered" in result.stderr
    assert 'data-md-color-primary="deep-purple"' in (built_base / "dist" / "site" / "en" / "index.html").read_text(encoding="utf-8")
