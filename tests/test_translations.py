"""`mentorkit check --translations`: structure at parity with the Finnish source, drift since the last stamp."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, edit, problems_of, run_cli
from mentorkit.errors import InvalidInput
from mentorkit.validate.content import load_library
from mentorkit.validate.translations import check_translations, hash_source

CORE_EN = "modules/mentor/mt-core/en.md"
CORE_FI = "modules/mentor/mt-core/fi.md"
PAIR_EN = "exercises/ex-pair/en.md"
EXPECTED_HEADINGS = "expected the same headings at the same levels, in the same order, as fi.md"
EXPECTED_BLOCKS = "expected the same teaching blocks in the same order as fi.md"
EXPECTED_LINKS = "expected the same links by id as fi.md"

PARITY = {
    "an extra objective": (CORE_EN, "  - choose a practice to pilot\n", "  - choose a practice to pilot\n  - and one more\n", [
        f"{CORE_EN}:4: objectives: has 4 items, but fi.md has 3; expected the same number of objectives in every language, one for each item of fi.md",
    ]),
    "an extra key point": (CORE_EN, "  - Try on a small scale.\n", "  - Try on a small scale.\n  - Then grow.\n", [
        f"{CORE_EN}:8: keypoints: has 4 items, but fi.md has 3; expected the same number of key points in every language, one for each item of fi.md",
    ]),
    "an extra step": (PAIR_EN, "  - Collect the observations.\n", "  - Collect the observations.\n  - Share them.\n", [
        f"{PAIR_EN}:5: steps: has 4 items, but fi.md has 3; expected the same number of steps in every language, one for each item of fi.md",
    ]),
    "an extra debrief question": (PAIR_EN, "  - What did you learn?\n", "  - What did you learn?\n  - What next?\n", [
        f"{PAIR_EN}:10: debrief: has 3 items, but fi.md has 2; expected the same number of debrief questions in every language, one for each item of fi.md",
    ]),
    # A sub-heading in the source, at level 2 in the translation (a level-3 heading right after the
    # title would be a skipped level, which check reports before any comparison).
    "a heading at another level": (CORE_FI, "## Taustaa", "## Taustaa\n\n### Lisää", [
        f"{CORE_EN}:16: body: heading 2 '## More' is level 2, but fi.md has level 3 ('### Lisää', line 16); {EXPECTED_HEADINGS}",
    ], (CORE_EN, "## Background", "## Background\n\n## More")),
    "a missing heading": (CORE_EN, "## Background\n", "Background\n", [
        f"{CORE_EN}:14: body: heading 1 is missing (fi.md has '## Taustaa' on line 14); {EXPECTED_HEADINGS}",
    ]),
    "an extra heading": (CORE_EN, "Finally [the exercise]", "### Finally\n\nFinally [the exercise]", [
        f"{CORE_EN}:27: body: heading 2 '### Finally' has no counterpart (fi.md has 1 heading); {EXPECTED_HEADINGS}",
    ]),
    "a teaching block of another type": (CORE_EN, "!!! reflection", "!!! exercise", [
        f"{CORE_EN}:19: body: teaching block 1 is 'exercise', but fi.md has 'reflection' (line 19); {EXPECTED_BLOCKS}",
    ]),
    "a collapsible block of another type": (CORE_EN, "!!! facilitator", '??? reflection "Notes"', [
        f"{CORE_EN}:22: body: teaching block 2 is 'reflection', but fi.md has 'facilitator' (line 22); {EXPECTED_BLOCKS}",
    ]),
    "a missing teaching block": (CORE_FI, "Lopuksi", "!!! keypoints\n    - Kokeile.\n\nLopuksi", [
        f"{CORE_EN}:27: body: teaching block 3 is missing (fi.md has 'keypoints' on line 27); {EXPECTED_BLOCKS}",
    ]),
    "an extra teaching block": (CORE_EN, "Finally", "!!! keypoints\n    - Try.\n\nFinally", [
        f"{CORE_EN}:27: body: teaching block 3 'keypoints' has no counterpart (fi.md has 2 teaching blocks); {EXPECTED_BLOCKS}",
    ]),
    "a missing link": (CORE_EN, "[the onboarding module](module:mt-onboarding)", "the onboarding module", [
        f"{CORE_EN}:17: body: no link to module:mt-onboarding (fi.md links to it on line 17); {EXPECTED_LINKS}",
    ]),
    "an extra link": (CORE_EN, "Finally [the exercise](exercise:ex-pair).", "Finally [the exercise](exercise:ex-pair) or [another](exercise:ex-story).", [
        f"{CORE_EN}:27: body: link to exercise:ex-story, which fi.md does not have; {EXPECTED_LINKS}",
    ]),
    "a page's heading": ("docs/en/programme.md", "The programme has", "## Phases\n\nThe programme has", [
        "docs/en/programme.md:5: body: heading 1 '## Phases' has no counterpart (docs/fi/programme.md has 0 headings); "
        "expected the same headings at the same levels, in the same order, as docs/fi/programme.md",
    ]),
    "a source hash in the source text": (CORE_FI, "title: Mentorin rooli", 'title: Mentorin rooli\nsource_hash: "0123456789ab"', [
        f"{CORE_FI}:3: source_hash: a source text has no source; expected source_hash only in translations (remove it here)",
    ]),
}


@pytest.mark.parametrize("case", PARITY, ids=list(PARITY))
def test_parity_problem(library_root: Path, case: str) -> None:
    """Each difference in structure from the source is reported at the translation's line, with both values."""
    relative, old, new, expected, *also = PARITY[case]
    edit(library_root, relative, old, new)
    for edit_also in also:
        edit(library_root, *edit_also)
    with pytest.raises(InvalidInput) as caught:
        check_translations(load_library(library_root))
    assert [str(p) for p in caught.value.problems] == expected


def test_changed_link_target(library_root: Path) -> None:
    """A link that points elsewhere in the translation is one missing and one extra link."""
    edit(library_root, CORE_EN, "(module:mt-onboarding)", "(module:ws-start)")
    with pytest.raises(InvalidInput) as caught:
        check_translations(load_library(library_root))
    assert [str(p) for p in caught.value.problems] == [
        f"{CORE_EN}:17: body: link to module:ws-start, which fi.md does not have; {EXPECTED_LINKS}",
        f"{CORE_EN}:17: body: no link to module:mt-onboarding (fi.md links to it on line 17); {EXPECTED_LINKS}",
    ]


def test_anchors_may_differ(library_root: Path) -> None:
    """A link's anchor is a heading of its own language, so only the target counts."""
    edit(library_root, CORE_FI, "(module:mt-onboarding)", "(module:mt-onboarding#taustaa)")
    edit(library_root, CORE_EN, "(module:mt-onboarding)", "(module:mt-onboarding#background)")
    assert check_translations(load_library(library_root))[-1].startswith("Translations: 18 compared with fi")


def test_parity_fails_the_check_with_every_problem(library_root: Path) -> None:
    """The command exits with status 2 and lists each problem in the usual form; plain check still passes."""
    edit(library_root, CORE_FI, "## Taustaa", "## Taustaa\n\n### Lisää")
    edit(library_root, CORE_EN, "## Background", "## Background\n\n## More")
    edit(library_root, PAIR_EN, "  - What did you learn?\n", "  - What did you learn?\n  - What next?\n")
    result = run_cli("check", "--translations", "--root", str(library_root))
    assert result.returncode == 2, result.stderr
    # The fixture's data/site.yml holds example addresses: those warnings (tests/test_publisher.py) come first.
    assert [line for line in result.stderr.splitlines() if not line.startswith("warning: data/site.yml:")] == [
        f"{PAIR_EN}:10: debrief: has 3 items, but fi.md has 2; expected the same number of debrief questions in every language, one for each item of fi.md",
        f"{CORE_EN}:16: body: heading 2 '## More' is level 2, but fi.md has level 3 ('### Lisää', line 16); {EXPECTED_HEADINGS}",
        "Aborted with 2 errors in 2 files; nothing was written.",
    ]
    assert "OK:" not in result.stdout
    assert run_cli("check", "--root", str(library_root)).returncode == 0


def test_missing_translation_fails(library_root: Path) -> None:
    """A module without its English text fails, as in every check."""
    (library_root / CORE_EN).unlink()
    result = run_cli("check", "--translations", "--root", str(library_root))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"{CORE_EN}: translation is missing; expected every module in every site language, e.g. en.md next to the other languages"
    )


def test_unstamped_translations_are_listed(library_root: Path) -> None:
    """A translation without source_hash is reported, not failed."""
    result = run_cli("check", "--translations", "--root", str(library_root))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"{CORE_EN}: source_hash: not yet stamped; once en.md says what fi.md says, record it: ./mentorkit stamp-translation {CORE_EN}" in lines
    assert "docs/en/index.md: source_hash: not yet stamped; once index.md says what docs/fi/index.md says, record it: ./mentorkit stamp-translation docs/en/index.md" in lines
    assert lines[-2:] == [
        "Translations: 18 compared with fi: 0 up to date, 18 not yet stamped",
        "OK: 3 modules, 2 exercises, 13 pages, 0 agency definitions",
    ]


def test_drift_is_reported_and_stamping_clears_it(library_root: Path) -> None:
    """Editing the Finnish text makes its translation drift; stamping the translation records it as reviewed."""
    _stamp_all(library_root)
    assert _report(library_root) == ["Translations: 18 compared with fi: 18 up to date"]
    before = hash_source((library_root / CORE_FI).read_text(encoding="utf-8"))
    edit(library_root, CORE_FI, "Kokeile pienesti.", "Kokeile pienesti ja rohkeasti.")
    after = hash_source((library_root / CORE_FI).read_text(encoding="utf-8"))
    result = run_cli("check", "--translations", "--root", str(library_root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        f"{CORE_EN}:12: source_hash: drifted: fi.md changed since en.md was translated (stamped {before}, fi.md is now {after}); "
        f"update en.md, then: ./mentorkit stamp-translation {CORE_EN}",
        "Translations: 18 compared with fi: 17 up to date, 1 drifted",
    ]
    stamped = run_cli("stamp-translation", CORE_EN, cwd=library_root)
    assert stamped.returncode == 0, stamped.stderr
    assert stamped.stdout == f"{CORE_EN}: stamped source_hash {after}\n"
    assert _report(library_root) == ["Translations: 18 compared with fi: 18 up to date"]


def test_whitespace_and_line_endings_are_not_drift(library_root: Path) -> None:
    """Trailing spaces and CRLF line endings in the source do not count as a change."""
    _stamp_all(library_root)
    path = library_root / CORE_FI
    text = path.read_text(encoding="utf-8")
    path.write_bytes("\n".join(line + "  " for line in text.splitlines()).replace("\n", "\r\n").encode("utf-8") + b"\r\n\r\n")
    assert _report(library_root) == ["Translations: 18 compared with fi: 18 up to date"]


def test_stamping_changes_only_the_stamp(library_root: Path) -> None:
    """The stamp is one line added to the front matter, or the old stamp's line replaced; CRLF files stay CRLF."""
    path = library_root / CORE_EN
    original = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    digest = hash_source((library_root / CORE_FI).read_text(encoding="utf-8"))
    assert run_cli("stamp-translation", CORE_EN, cwd=library_root).returncode == 0
    stamp = f'source_hash: "{digest}"\r\n'.encode()
    assert path.read_bytes() == original.replace(b"---\r\n\r\n## Background", stamp + b"---\r\n\r\n## Background")
    path.write_bytes(path.read_bytes().replace(digest.encode(), b"0123456789ab"))
    again = run_cli("stamp-translation", CORE_EN, cwd=library_root)
    assert again.stdout == f"{CORE_EN}: stamped source_hash {digest}\n"
    assert path.read_bytes() == original.replace(b"---\r\n\r\n## Background", stamp + b"---\r\n\r\n## Background")
    assert run_cli("stamp-translation", CORE_EN, cwd=library_root).stdout == f"{CORE_EN}: already stamped source_hash {digest}\n"


def test_stamp_refuses_what_is_not_a_translation(library_root: Path) -> None:
    """Stamping names each path that is not a translation and writes nothing at all."""
    before = (library_root / PAIR_EN).read_bytes()
    result = run_cli("stamp-translation", PAIR_EN, CORE_FI, "modules/mentor/mt-core/module.yml", "missing.md", cwd=library_root)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "missing.md: no such file; expected the path of a translation, e.g. modules/mentor/mt-psych-safety/en.md",
        f"{CORE_FI}: is the source text, not a translation; expected a translation into en, e.g. modules/mentor/mt-psych-safety/en.md",
        "modules/mentor/mt-core/module.yml: not a translation into a site language; expected a translation into en, e.g. modules/mentor/mt-psych-safety/en.md",
        "Aborted with 3 errors in 3 files; nothing was written.",
    ]
    assert (library_root / PAIR_EN).read_bytes() == before


def test_stamp_value_is_checked(library_root: Path) -> None:
    """A hand-written stamp that is not 12 hex digits is a content error."""
    edit(library_root, CORE_EN, "title: The mentor's role", "title: The mentor's role\nsource_hash: 12ab")
    assert problems_of(library_root) == [
        f"{CORE_EN}:3: source_hash: '12ab' is not in the right form; expected the first 12 hex digits of the source text's SHA-256, "
        "as written by ./mentorkit stamp-translation, e.g. 3f2a9c0d41be",
    ]


def test_stamp_is_not_offered_as_a_text_key(library_root: Path) -> None:
    """An unknown key's message lists the text keys only, and a near miss of source_hash is recognised."""
    edit(library_root, CORE_EN, "title: The mentor's role", "title: The mentor's role\nsource_hsh: x")
    assert problems_of(library_root) == [
        f"{CORE_EN}:3: source_hsh: unknown key 'source_hsh' (did you mean 'source_hash'?); expected one of: title, summary, objectives, keypoints",
    ]


def test_repository_translations_are_at_parity_and_stamped() -> None:
    """The real material passes with every translation up to date."""
    result = run_cli("check", "--translations", "--root", str(REPO))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout
    assert lines[0].startswith("Translations: ") and lines[0].endswith(" up to date"), lines[0]


def _stamp_all(root: Path) -> None:
    files = sorted(str(p.relative_to(root)) for pattern in ("modules/*/*/en.md", "exercises/*/en.md", "docs/en/*.md") for p in root.glob(pattern))
    result = run_cli("stamp-translation", *files, cwd=root)
    assert result.returncode == 0, result.stderr


def _report(root: Path) -> list[str]:
    return check_translations(load_library(root))
