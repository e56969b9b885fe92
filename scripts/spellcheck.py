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

from mentorkit.load.yamlsource import FRONT_MATTER, ProblemFound, parse_yaml  # noqa: E402  (the one front-matter grammar)
from mentorkit.validate.markup import parse_body  # noqa: E402  (the body as the site's parser reads it)

# Addresses in the text are not words (the parser has already left code, link targets and HTML out).
ADDRESSES = re.compile(r"https?://\S+|\S+@\S+")
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
    for number, line in prose_lines(text):
        for token in voikko.tokens(line):
            word = token.tokenText
            if token.tokenTypeName != "WORD" or any(ch.isdigit() for ch in word):
                continue
            if _accepted(word, voikko=voikko, stems=stems):
                continue
            yield number, word


def prose_lines(text: str):
    """Yield (line number, text) of the prose: each front-matter text, then the body, as Python-Markdown parses them."""
    front = FRONT_MATTER.match(text)
    body_start = text[: front.end()].count("\n") if front else 0
    if front:
        try:
            meta = parse_yaml(front.group(1) or "", file="", line_offset=1)
        except ProblemFound:
            meta = None  # `mentorkit check` reports it; its words are checked once it reads
        for path, value in _texts(meta.data if meta else None, ()):
            for prose in parse_body(value).prose:
                yield meta.line_of(path) + prose.line, ADDRESSES.sub(" ", prose.text)
    for prose in parse_body(text[front.end():] if front else text).prose:
        for offset, line in enumerate(prose.text.split("\n")):
            yield body_start + 1 + prose.line + offset, ADDRESSES.sub(" ", line)


def _texts(value, path: tuple):
    """Yield (key path, text) of every text of parsed YAML."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


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
