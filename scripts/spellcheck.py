"""Check the Finnish text of the material with Voikko and the Swedish with Hunspell; print unknown words as file:line: word.

Usage: python scripts/spellcheck.py [--lang fi|sv] [FILE ...]
  (default: every Finnish and Swedish text file of the material; a file's language is its name's:
  sv.md and docs/sv/ are Swedish, everything else Finnish)
Domain terms the dictionaries lack are listed as stems in data/spelling/<lang>.txt, one per line.
Prints, per language, the unknown words and their share of the words checked.
Exit status 1 when unknown words remain, 2 when Voikko or Hunspell's Swedish dictionary is not installed.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from mentorkit.load.yamlsource import FRONT_MATTER, ProblemFound, parse_yaml  # noqa: E402  (the one front-matter grammar)
from mentorkit.validate.markup import parse_body  # noqa: E402  (the body as the site's parser reads it)

# Addresses in the text are not words (the parser has already left code, link targets and HTML out).
ADDRESSES = re.compile(r"https?://\S+|\S+@\S+")
# Stems shorter than this accept only the word itself, so that `hr` cannot hide a typo in `hrvin`.
MIN_PREFIX_STEM = 4


HUNSPELL_DICTIONARY = "sv_FI"
"""Finland-Swedish, from Debian's hunspell-sv."""


def material_files(lang: str) -> list[Path]:
    """Return every text file of the material in one language."""
    return sorted(
        [*ROOT.glob(f"modules/*/*/{lang}.md"), *ROOT.glob(f"exercises/*/{lang}.md"), *ROOT.glob(f"docs/{lang}/*.md")]
    )


def language_of(path: Path) -> str:
    """Return the language of a text file by its name: sv.md and docs/sv/ are Swedish, the rest Finnish."""
    return "sv" if path.name == "sv.md" or path.parent.name == "sv" else "fi"


def load_stems(lang: str) -> list[str]:
    """Return the accepted stems of one language's word list, longest first."""
    stems = set()
    path = ROOT / "data" / "spelling" / f"{lang}.txt"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        line = line.strip().lower()
        if line and not line.startswith("#"):
            stems.add(line)
    return sorted(stems, key=len, reverse=True)


class Voikko:
    """Finnish words as Voikko tokenises and spells them."""

    def __init__(self) -> None:
        # Debian's python3-libvoikko installs a single module outside any virtual environment.
        sys.path.append("/usr/lib/python3/dist-packages")
        try:
            import libvoikko
        except ImportError:
            sys.exit("spellcheck: python3-libvoikko and voikko-fi are not installed (apt-get install python3-libvoikko voikko-fi)")
        finally:
            sys.path.remove("/usr/lib/python3/dist-packages")
        self.voikko = libvoikko.Voikko("fi")
        self.known: dict[str, bool] = {}

    def words(self, lines: list[str]) -> list[list[tuple[str, bool]]]:
        """Return each line's words, each with whether Voikko knows it."""
        return [[(word, self._spell(word)) for word in self._tokens(line)] for line in lines]

    def _tokens(self, line: str) -> list[str]:
        return [t.tokenText for t in self.voikko.tokens(line) if t.tokenTypeName == "WORD"]

    def _spell(self, word: str) -> bool:
        # The same word recurs across the material; Voikko's analysis of it does not change.
        if word not in self.known:
            self.known[word] = self.voikko.spell(word)
        return self.known[word]


class Hunspell:
    """Swedish words as Hunspell (Finland-Swedish dictionary) tokenises and spells them."""

    def __init__(self) -> None:
        if not shutil.which("hunspell") or not (Path("/usr/share/hunspell") / f"{HUNSPELL_DICTIONARY}.dic").exists():
            sys.exit("spellcheck: hunspell and hunspell-sv are not installed (apt-get install hunspell hunspell-sv)")

    def words(self, lines: list[str]) -> list[list[tuple[str, bool]]]:
        """Return each line's words, each with whether Hunspell knows it (its pipe mode: one block per input line)."""
        # A word never spans white space, so Hunspell reads each distinct space-separated piece once:
        # the material repeats most of them, and Swedish compounding makes each lookup slow.
        pieces = list(dict.fromkeys(piece for line in lines for piece in line.split()))
        # '^' makes every piece text, never a command of the pipe mode.
        feed = "".join("^" + piece + "\n" for piece in pieces)
        run = subprocess.run(
            ["hunspell", "-d", HUNSPELL_DICTIONARY, "-a", "-i", "utf-8"], input=feed, capture_output=True, text=True, encoding="utf-8", check=True,
        )
        blocks: list[list[tuple[str, bool]]] = [[]]
        for result in run.stdout.split("\n")[1:]:  # the first line is Hunspell's banner
            if not result:
                blocks.append([])
            elif result[0] in "*+-":
                blocks[-1].append(("", True))  # a known word: Hunspell does not repeat it
            elif result[0] in "&?#":
                blocks[-1].append((result.split(" ")[1].rstrip("."), False))  # a final full stop is no part of a misspelt word
        verdicts = dict(zip(pieces, blocks, strict=False))
        return [[word for piece in line.split() for word in verdicts[piece]] for line in lines]


def unknown_words(texts: dict[Path, str], *, speller, stems: list[str], counted: list[int] | None = None):
    """Yield (path, line number, word) for each word the speller and the word list do not accept; count the words in `counted`.

    Every file's prose goes to the speller in one call: Hunspell loads its dictionary once per run, not once per file.
    """
    numbered = [(path, number, line) for path, text in texts.items() for number, line in prose_lines(text)]
    for (path, number, _), words in zip(numbered, speller.words([line for _, _, line in numbered]), strict=True):
        for word, known in words:
            if any(ch.isdigit() for ch in word):
                continue
            if counted is not None:
                counted[0] += 1
            if known or _accepted(word, speller=speller, stems=stems):
                continue
            yield path, number, word


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


def _accepted(word: str, *, speller, stems: list[str]) -> bool:
    lower = word.lower()
    if any(lower == stem or (len(stem) >= MIN_PREFIX_STEM and lower.startswith(stem)) for stem in stems):
        return True
    # An abbreviation with a case ending (HR:n, HR:lle, HR:s) is right when the abbreviation is.
    if ":" in word:
        return _known(word.split(":", 1)[0], speller=speller, stems=stems)
    # A hyphenated compound (HR-asiantuntija, HR-chef) is right when each of its parts is.
    if "-" in word.strip("-"):
        return all(_known(part, speller=speller, stems=stems) for part in word.split("-") if part)
    return False


def _known(word: str, *, speller, stems: list[str]) -> bool:
    words = speller.words([word])[0]
    return bool(words) and all(known for _, known in words) or _accepted(word, speller=speller, stems=stems)


SPELLERS = {"fi": Voikko, "sv": Hunspell}


def main(argv: list[str]) -> int:
    langs = list(SPELLERS)
    if argv[:1] == ["--lang"] and len(argv) > 1 and argv[1] in SPELLERS:
        langs, argv = [argv[1]], argv[2:]
    given = [Path(arg) for arg in argv]
    found = 0
    for lang in langs:
        paths = [p for p in given if language_of(p) == lang] if given else material_files(lang)
        if given and not paths:
            continue
        speller, stems, counted, unknown = SPELLERS[lang](), load_stems(lang), [0], 0
        texts = {path: path.read_text(encoding="utf-8") for path in paths}
        for path, number, word in unknown_words(texts, speller=speller, stems=stems, counted=counted):
            print(f"{path}:{number}: {word}")
            unknown += 1
        share = f" ({unknown / counted[0]:.2%} of {counted[0]} words)" if counted[0] else ""
        print(f"{unknown} unknown words in {len(paths)} files{share}", file=sys.stderr)
        found += unknown
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
