"""Check the Finnish text of the material with Voikko; print unknown words as file:line: word.

Usage: python scripts/spellcheck.py [FILE ...]   (default: every Finnish text file of the material)
Domain terms that Voikko lacks are listed as stems in data/spelling/*.txt, one per line.
Exit status 1 when unknown words remain, 2 when Voikko is not installed.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Debian's python3-libvoikko installs a single module outside any virtual environment.
sys.path.append("/usr/lib/python3/dist-packages")
try:
    import libvoikko
except ImportError:
    sys.exit("spellcheck: python3-libvoikko and voikko-fi are not installed (apt-get install python3-libvoikko voikko-fi)")
finally:
    sys.path.remove("/usr/lib/python3/dist-packages")

# Link targets, inline code, URLs, e-mail addresses, HTML tags, front-matter keys and the
# keyword of a teaching block (`!!! reflection`) are not prose.
NOT_PROSE = re.compile(
    r"\]\([^)]*\)|`[^`]*`|https?://\S+|\S+@\S+|<[^>]+>|\{[^}]*\}"
    r"|^\s*[A-Za-z_]+:(?=\s|$)|^\s*(?:!!!|\?\?\?\+?)\s*[A-Za-z_-]+|^-{3,}\s*$|^[\s|:-]+$"
)
# Stems shorter than this accept only the word itself, so that `hr` cannot hide a typo in `hrvin`.
MIN_PREFIX_STEM = 4


def finnish_files() -> list[Path]:
    """Return every Finnish text file of the material."""
    return sorted(
        [*ROOT.glob("modules/*/*/fi.md"), *ROOT.glob("exercises/*/fi.md"), *ROOT.glob("docs/fi/*.md")]
    )


def load_stems() -> list[str]:
    """Return the accepted stems of every word list, longest first."""
    stems = set()
    for path in sorted((ROOT / "data" / "spelling").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip().lower()
            if line and not line.startswith("#"):
                stems.add(line)
    return sorted(stems, key=len, reverse=True)


def unknown_words(text: str, *, voikko, stems: list[str]):
    """Yield (line number, word) for each word Voikko and the word lists do not accept."""
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for token in voikko.tokens(NOT_PROSE.sub(" ", line)):
            word = token.tokenText
            if token.tokenTypeName != "WORD" or any(ch.isdigit() for ch in word):
                continue
            if _accepted(word, voikko=voikko, stems=stems):
                continue
            yield number, word


def _accepted(word: str, *, voikko, stems: list[str]) -> bool:
    if voikko.spell(word):
        return True
    # An abbreviation with a case ending (HR:n, HR:lle) is right when the abbreviation is.
    if ":" in word:
        return _accepted(word.split(":", 1)[0], voikko=voikko, stems=stems)
    # A hyphenated compound (HR-asiantuntija) is right when each of its parts is.
    if "-" in word.strip("-"):
        return all(_accepted(part, voikko=voikko, stems=stems) for part in word.split("-") if part)
    lower = word.lower()
    return any(lower == stem or (len(stem) >= MIN_PREFIX_STEM and lower.startswith(stem)) for stem in stems)


def main(argv: list[str]) -> int:
    voikko = libvoikko.Voikko("fi")
    stems = load_stems()
    paths = [Path(arg) for arg in argv] or finnish_files()
    found = 0
    for path in paths:
        for number, word in unknown_words(path.read_text(encoding="utf-8"), voikko=voikko, stems=stems):
            print(f"{path}:{number}: {word}")
            found += 1
    print(f"{found} unknown words in {len(paths)} files", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
