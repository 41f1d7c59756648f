"""Stage 3, document model: web-page and converter residue (checks/residue.yaml).

Document.residue holds it for every file: the hygiene rules skip or report it, the signature
reader sets trailing residue aside before it looks for the signing organ and date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Protocol

from .packs import Shape, load_pack

if TYPE_CHECKING:
    from .text import Title


@dataclass(frozen=True)
class ResiduePatterns:
    lines: frozenset[str]
    prefixes: tuple[str, ...]
    prefix_max_length: int
    patterns: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    # any of ``patterns``, any of ``inline``: one regex call per line rather than one per pattern
    any_pattern: re.Pattern[str] | None = None
    any_inline: re.Pattern[str] | None = None


# A back reference counts groups, which joining patterns renumbers
_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def either(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern that matches (and fully matches) where one of ``patterns`` does; None when
    they cannot be joined without changing what they match."""
    if any(_BACK_REFERENCE.search(p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)")
    except re.error:  # a flag such as (?i) that applies to its whole pattern, a name used twice
        return None


@lru_cache(maxsize=1)
def residue_patterns() -> ResiduePatterns:
    data = load_pack("residue.yaml")
    shape = Shape("checks/residue.yaml")
    shape.mapping(data, "residue.yaml",
                  {"lines": True, "prefixes": True, "prefix-max-length": False, "patterns": True,
                   "inline": True})
    patterns = tuple(shape.pattern(p, "patterns") for p in shape.texts(data["patterns"],
                                                                       "patterns"))
    inline = tuple(shape.pattern(p, "inline") for p in shape.texts(data["inline"], "inline"))
    return ResiduePatterns(
        frozenset(shape.texts(data["lines"], "lines")),
        tuple(shape.texts(data["prefixes"], "prefixes")),
        int(shape.number(data.get("prefix-max-length", 60), "prefix-max-length")),
        patterns, inline, either(patterns), either(inline))


def is_residue_line(text: str) -> bool:
    """Whether a whole line is residue (a page footer, a timestamp, a share prompt)."""
    stripped = text.strip()
    if not stripped:
        return False
    patterns = residue_patterns()
    # 【发布时间：2025-01-26】【来源：…】: the page's bracketed labels read like bare ones
    unbracketed = stripped.lstrip("【[ ")
    return (
        stripped in patterns.lines
        or (unbracketed.startswith(patterns.prefixes)
            and len(stripped) <= patterns.prefix_max_length)
        or (patterns.any_pattern.fullmatch(stripped) is not None if patterns.any_pattern
            else any(p.fullmatch(stripped) for p in patterns.patterns))
    )


def inline_residue(text: str) -> list[tuple[int, int]]:
    """(start, end) of residue inside a line such as [bookmark: _GoBack]."""
    patterns = residue_patterns()
    if patterns.any_inline is not None and patterns.any_inline.search(text) is None:
        return []  # most lines hold none: one search instead of one per pattern
    return [m.span() for p in patterns.inline for m in p.finditer(text)]


@dataclass(frozen=True)
class Residue:
    lines: frozenset[int]  # whole residue lines, the duplicate title included
    inline: dict[int, list[tuple[int, int]]]  # line -> (start, end) columns of inline residue
    duplicate_title: tuple[int, int] | None  # first and last line of a title printed twice


class TitledLines(Protocol):
    """What this stage reads of a document (a Document is one): its lines and title, and its
    residue once read (see residue_test)."""

    lines: list[str]
    title: Title | None

    def is_residue_line(self, text: str) -> bool: ...  # is_residue_line, remembered

    @property
    def residue(self) -> Residue: ...


def find_residue(doc: TitledLines) -> Residue:
    """Residue lines (the title printed twice included) and residue inside lines
    (Document.residue caches this: the hygiene rules, the signature reader and LL406 share it)."""
    # each distinct line is judged once: a page's header and footer repeat on every page
    residue_inside = cache(inline_residue)
    lines = {n for n, text in enumerate(doc.lines, 1) if doc.is_residue_line(text)}
    lines.update(_cut_copies(doc.lines))
    duplicate = _duplicate_title(doc)
    if duplicate:
        lines.update(range(duplicate[0], duplicate[1] + 1))
    inline = {n: spans for n, text in enumerate(doc.lines, 1)
              if n not in lines and (spans := residue_inside(text))}
    return Residue(frozenset(lines), inline, duplicate)


# The shortest page summary read as a cut-off copy of the paragraph below it
_SUMMARY_MIN_LENGTH = 20


def _cut_copies(lines: list[str]) -> Iterator[int]:
    """Page summaries: a line that is the start of the next paragraph (a blank line between at
    most), cut off where the page's teaser ends, above that paragraph in full."""
    for number, text in enumerate(lines[:-1], 1):
        head = text.strip()
        if len(head) < _SUMMARY_MIN_LENGTH:
            continue
        below = lines[number].strip() or (lines[number + 1].strip() if number + 1 < len(lines)
                                          else "")
        if len(below) > len(head) and below.startswith(head):
            yield number


def squash(text: str) -> str:
    """The text without its blanks (a title printed again may be spaced or wrapped differently)."""
    return re.sub(r"\s+", "", text)


def residue_test(doc: TitledLines) -> Callable[[int], bool]:
    """Whether a line is residue: from Document.residue once it is read, else each line judged
    alone (the signature reader looks at a few lines at the end, and needs no other)."""
    if "residue" in vars(doc):  # a cached_property keeps its value in the instance's __dict__
        return doc.residue.lines.__contains__
    first, last = _duplicate_title(doc) or (0, -1)
    return lambda number: first <= number <= last or is_residue_line(doc.lines[number - 1])


def _duplicate_title(doc: TitledLines) -> tuple[int, int] | None:
    """The page's copy of the title: the title reader keeps the document's own copy below it."""
    return doc.title.page_copy if doc.title else None


def title_copy_below(lines: list[str], title: Title,
                     is_residue: Callable[[str], bool] = is_residue_line) -> tuple[int, int] | None:
    """The title printed again (maybe wrapped onto two lines, maybe under its organ) just below
    ``title``: first and last line."""
    target = squash(title.text)
    wanted = {target, squash(title.organ or "") + target}
    after = max(title.lines + [title.organ_line or 0])
    following = [n for n in range(after + 1, min(after + 8, len(lines)) + 1)
                 if lines[n - 1].strip() and not is_residue(lines[n - 1])][:3]
    for index, first in enumerate(following):
        text = squash(lines[first - 1])
        if text in wanted:
            return first, first
        # wrapped onto the next line, or onto the line after a blank one (organ / 关于…的报告)
        if index + 1 < len(following) and following[index + 1] - first <= 2:
            second = following[index + 1]
            if text + squash(lines[second - 1]) in wanted:
                return first, second
    return None
