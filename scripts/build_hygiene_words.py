"""Regenerate checks/hygiene-words.txt, the word knowledge of LL605 (repeated-char).

Usage::

    python scripts/build_hygiene_words.py            # rewrite checks/hygiene-words.txt
    python scripts/build_hygiene_words.py --check    # exit 1 if the committed file is stale

A maintenance script, run by hand: lawlint itself never imports it, and jieba
(``pip install jieba``, MIT licence) is needed only here. The word list is built from

* jieba's dictionary (``dict.txt`` inside the installed ``jieba`` package, lines
  ``word freq pos``): its words of 2–4 characters with frequency >= 30, and
* checks/hygiene-extra-words.txt: the domain words of this project that jieba lacks (one word
  per line, any length from two characters).

From these words it writes three sections (see the header of checks/hygiene-words.txt):

* ``[words]``: the two-character words, except doubled pairs (常常 is a reduplication, not a word
  that a doubled character could end), one line per first character followed by its sorted
  second characters;
* ``[starts]``: the first two characters of longer words that are not already in ``[words]``,
  doubled pairs included (一一 of 一一对应), in the same layout;
* ``[held]``: the longer words holding a doubled character (多多益善), on one line.

Everything is sorted by code point, so the output depends only on the inputs. The file is written
atomically (a temporary file in checks/, then ``os.replace``). ``--check`` writes nothing: it
prints a one-line reason and exits 1 when the committed file differs from what would be generated.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "checks" / "hygiene-words.txt"
EXTRA = ROOT / "checks" / "hygiene-extra-words.txt"
MIN_FREQUENCY = 30
MIN_LENGTH, MAX_LENGTH = 2, 4  # of the jieba words taken; the extra words may be longer
# Two or more characters of the HAN class of lawlint/rules/hygiene.py
HAN_WORD = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]{2,}")
SECTIONS = ("words", "starts", "held")

HEADER = """\
# Word knowledge for LL605 (repeated-char). A doubled character is a slip when its second half
# starts no word (学习|习近平 and 进行|行政 are fine) and its first half ends a word (送到|到) or is
# a function character (的的). Derived from jieba's dictionary (github.com/fxsjy/jieba, MIT
# licence): its 2–4 character words with frequency >= 30, plus the domain words of this project.
# Plain text, not YAML, because it is large and must load in a few milliseconds.
#
# [words]: two-character words, one entry per first character followed by its second characters
#          (加强大 = 加强, 加大). [starts]: further two-character beginnings of longer words
#          (习近 of 习近平). [held]: longer words that hold a doubled character (多多益善).
# Entries are separated by white space; lines starting with # are comments.
#
# GENERATED FILE, do not edit by hand: python scripts/build_hygiene_words.py rebuilds it from
# jieba's dict.txt and checks/hygiene-extra-words.txt (add domain words there); --check tells
# whether it is up to date.
"""


class Knowledge(NamedTuple):
    """The three sections, as sets of entries: pairs for words and starts, words for held."""

    words: frozenset[str]
    starts: frozenset[str]
    held: frozenset[str]


def jieba_dictionary() -> Path:
    """The dict.txt of the installed jieba package (ImportError when jieba is missing)."""
    import jieba  # only this script needs jieba

    return Path(jieba.__file__).resolve().parent / "dict.txt"


def read_jieba_words(path: Path, min_frequency: int = MIN_FREQUENCY) -> set[str]:
    """The words of MIN_LENGTH–MAX_LENGTH characters with at least ``min_frequency``."""
    words = set()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) < 2 or not fields[1].isdigit():
                raise ValueError(f"{path}:{number}: expected 'word freq [pos]', got {line!r}")
            word, frequency = fields[0], int(fields[1])
            if MIN_LENGTH <= len(word) <= MAX_LENGTH and frequency >= min_frequency:
                words.add(word)
    return words


def read_extra_words(path: Path) -> set[str]:
    """One word per line; blank lines and lines starting with # are skipped."""
    words = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not HAN_WORD.fullmatch(word):
            raise ValueError(f"{path}:{number}: {word!r} is not two or more Han characters")
        words.add(word)
    return words


def has_doubled(word: str) -> bool:
    return any(a == b for a, b in zip(word, word[1:]))


def classify(words: Iterable[str]) -> Knowledge:
    """Split words into the [words], [starts] and [held] entries."""
    words = set(words)
    pairs = {w for w in words if len(w) == 2 and not has_doubled(w)}
    longer = {w for w in words if len(w) > 2}
    starts = {w[:2] for w in longer} - pairs
    held = {w for w in longer if has_doubled(w)}
    return Knowledge(frozenset(pairs), frozenset(starts), frozenset(held))


def grouped_lines(pairs: Iterable[str]) -> list[str]:
    """One line per first character, followed by its sorted second characters (加强大)."""
    table: dict[str, set[str]] = {}
    for pair in pairs:
        table.setdefault(pair[0], set()).add(pair[1])
    return [first + "".join(sorted(table[first])) for first in sorted(table)]


def render(knowledge: Knowledge) -> str:
    held = " ".join(sorted(knowledge.held))
    lines = [HEADER.rstrip("\n"), "[words]", *grouped_lines(knowledge.words),
             "[starts]", *grouped_lines(knowledge.starts), "[held]", *([held] if held else [])]
    return "\n".join(lines) + "\n"


def generate(dictionary: Path | None = None, extra: Path = EXTRA) -> str:
    """The text of checks/hygiene-words.txt for this jieba dictionary and extra-word list."""
    words = read_jieba_words(dictionary or jieba_dictionary()) | read_extra_words(extra)
    return render(classify(words))


def parse(text: str) -> Knowledge:
    """The entries of a hygiene-words.txt text, expanded as the LL605 loader reads them."""
    sections: dict[str, set[str]] = {name: set() for name in SECTIONS}
    current: set[str] | None = None
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("[") and line.rstrip().endswith("]"):
            current = sections.setdefault(line.strip()[1:-1], set())
        elif current is not None:
            current.update(line.split())

    def pairs(entries: set[str]) -> frozenset[str]:
        return frozenset(e[0] + second for e in entries for second in e[1:])

    return Knowledge(pairs(sections["words"]), pairs(sections["starts"]),
                     frozenset(sections["held"]))


def difference(committed: str, generated: str) -> str:
    """A one-line account of how the committed text differs from the generated one."""
    old, new = parse(committed), parse(generated)
    for name in SECTIONS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            return (f"[{name}] differs: {len(after - before)} entries to add "
                    f"(e.g. {min(after - before, default='-')}), {len(before - after)} to drop "
                    f"(e.g. {min(before - after, default='-')})")
    return "same entries, but the header or the layout differs"


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file next to ``path``, then move it into place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check(output: Path, generated: str) -> int:
    relative = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    if not output.is_file():
        print(f"{relative} is missing; run python scripts/build_hygiene_words.py")
        return 1
    committed = output.read_text(encoding="utf-8")
    if committed != generated:
        print(f"{relative} is stale ({difference(committed, generated)}); "
              "run python scripts/build_hygiene_words.py")
        return 1
    print(f"{relative} is up to date")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the committed file differs")
    parser.add_argument("--dict", type=Path, default=None, metavar="PATH",
                        help="jieba dict.txt to read (default: the installed jieba's)")
    args = parser.parse_args(argv)
    try:
        generated = generate(args.dict)
    except ImportError:
        print("jieba is not installed (pip install jieba); it is needed to build the word list",
              file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    if args.check:
        return check(OUTPUT, generated)
    write_atomically(OUTPUT, generated)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
