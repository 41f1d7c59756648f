"""Stage 3, document model: web-page and converter residue (checks/residue.yaml).

Document.residue holds it for every file: the hygiene rules skip or report it, the signature
reader sets trailing residue aside before it looks for the signing organ and date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Protocol

from ..errors import t
from ..regexes import compiled
from .packs import Shape, load_pack
from .text import document_vocabulary

if TYPE_CHECKING:
    from .text import Title


class PageMarks:
    """How a document-sharing site numbers the pages it cut a document into (1、…… 2、……)."""

    __slots__ = ("mark", "min_length", "closing")
    mark: re.Pattern[str]  # at a line's start; group 1 is the page number
    min_length: int
    closing: str  # a page that ends with one of these was not cut mid-sentence

    def __init__(self, mark: re.Pattern[str], min_length: int, closing: str) -> None:
        self.mark = mark
        self.min_length = min_length
        self.closing = closing


class ResiduePatterns:
    __slots__ = ("page_marks", "lines", "prefixes", "prefix_max_length", "patterns", "inline",
                 "any_pattern", "any_inline")
    page_marks: PageMarks
    lines: frozenset[str]
    prefixes: tuple[str, ...]
    prefix_max_length: int
    patterns: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    # any of ``patterns``, any of ``inline``: one regex call per line rather than one per pattern
    any_pattern: re.Pattern[str] | None
    any_inline: re.Pattern[str] | None

    def __init__(self, page_marks: PageMarks, lines: frozenset[str], prefixes: tuple[str, ...],
                 prefix_max_length: int, patterns: tuple[re.Pattern[str], ...],
                 inline: tuple[re.Pattern[str], ...], any_pattern: re.Pattern[str] | None = None,
                 any_inline: re.Pattern[str] | None = None) -> None:
        self.page_marks = page_marks
        self.lines = lines
        self.prefixes = prefixes
        self.prefix_max_length = prefix_max_length
        self.patterns = patterns
        self.inline = inline
        self.any_pattern = any_pattern
        self.any_inline = any_inline


# A back reference counts groups, which joining patterns renumbers
_BACK_REFERENCE = compiled(r"\\[1-9]|\(\?P=|\(\?\(")


def either(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern that matches (and fully matches) where one of ``patterns`` does; None when
    they cannot be joined without changing what they match."""
    if any(_BACK_REFERENCE.search(p.pattern) for p in patterns):
        return None
    try:
        return compiled("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)")
    except re.error:  # a flag such as (?i) that applies to its whole pattern, a name used twice
        return None


@lru_cache(maxsize=1)
def residue_patterns() -> ResiduePatterns:
    data = load_pack("residue.yaml")
    shape = Shape("checks/residue.yaml")
    shape.mapping(data, "residue.yaml",
                  {"lines": True, "prefixes": True, "prefix-max-length": False, "page-marks": True,
                   "patterns": True, "inline": True})
    patterns = tuple(shape.pattern(p, "patterns") for p in shape.texts(data["patterns"],
                                                                       "patterns"))
    inline = tuple(shape.pattern(p, "inline") for p in shape.texts(data["inline"], "inline"))
    return ResiduePatterns(
        _page_marks(shape, data["page-marks"]),
        frozenset(shape.texts(data["lines"], "lines")),
        tuple(shape.texts(data["prefixes"], "prefixes")),
        int(shape.number(data.get("prefix-max-length", 60), "prefix-max-length")),
        patterns, inline, either(patterns), either(inline))


def _page_marks(shape: Shape, data: object) -> PageMarks:
    shape.mapping(data, "page-marks", {"mark": True, "min-length": True, "closing": True})
    mark = shape.pattern(data["mark"], "page-marks.mark", t("页码", "the page number"))
    return PageMarks(mark, int(shape.number(data["min-length"], "page-marks.min-length")),
                     shape.text(data["closing"], "page-marks.closing"))


def page_marks(lines: list[str]) -> dict[int, tuple[int, int]]:
    """Line -> (start, end) of the page number a document-sharing site printed at its start:
    lines numbered in sequence (blank lines between them allowed), each but the last long and
    cut mid-sentence. A real list of numbered paragraphs ends its items with a mark: none."""
    spec = residue_patterns().page_marks
    found: dict[int, tuple[int, int]] = {}
    run: list[tuple[int, int, tuple[int, int]]] = []  # (line, page number, mark span)
    for number, text in enumerate(lines, 1):
        body = text.lstrip()
        if not body:
            continue
        match = spec.mark.match(body)
        if match is None:
            _keep_run(run, found)
            run = []
            continue
        page, indent = int(match.group(1)), len(text) - len(body)
        mark = (number, page, (indent, indent + match.end()))
        if run and page == run[-1][1] + 1 and _cut_page(lines[run[-1][0] - 1], spec):
            run.append(mark)
        else:
            _keep_run(run, found)
            run = [mark]
    _keep_run(run, found)
    return found


def _keep_run(run: list[tuple[int, int, tuple[int, int]]],
              found: dict[int, tuple[int, int]]) -> None:
    if len(run) > 1:  # one numbered line alone is a heading or a list item
        found.update((line, span) for line, _, span in run)


def _cut_page(text: str, spec: PageMarks) -> bool:
    """Whether a page line is long and ends mid-sentence (the site cut it there)."""
    text = text.rstrip()
    return len(text) >= spec.min_length and text[-1] not in spec.closing


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


class Residue:
    __slots__ = ("lines", "inline", "duplicate_title", "doubled_title")
    lines: frozenset[int]  # whole residue lines, the duplicate title included
    inline: dict[int, list[tuple[int, int]]]  # line -> (start, end) columns of inline residue
    duplicate_title: tuple[int, int] | None  # first and last line of a title printed twice
    # a title printed twice back to back at the start of a line: (line, start, end) of one copy
    doubled_title: tuple[int, int, int] | None

    def __init__(self, lines: frozenset[int], inline: dict[int, list[tuple[int, int]]],
                 duplicate_title: tuple[int, int] | None,
                 doubled_title: tuple[int, int, int] | None = None) -> None:
        self.lines = lines
        self.inline = inline
        self.duplicate_title = duplicate_title
        self.doubled_title = doubled_title


class TitledLines(Protocol):
    """What this stage reads of a document (a Document is one): its lines, title and page
    marks, and its residue once read (see residue_test)."""

    lines: list[str]
    title: Title | None
    page_marks: dict[int, tuple[int, int]]

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
    for number, span in doc.page_marks.items():
        inline[number] = sorted(inline.get(number, []) + [span])
    return Residue(frozenset(lines), inline, duplicate, _doubled_title(doc, lines))


# The shortest title a doubled line start is read as (shorter repeats are words: 情况情况)
_DOUBLED_TITLE_MIN_LENGTH = 8


def _doubled_title(doc: TitledLines, residue: set[int]) -> tuple[int, int, int] | None:
    """A page that printed the title twice back to back before the text (XX县…报告XX县…报告
    县委：…): the first copy on the first line of text."""
    first = next((n for n, text in enumerate(doc.lines, 1)
                  if text.strip() and n not in residue), None)
    if first is None:
        return None
    text = doc.lines[first - 1]
    start = doc.page_marks[first][1] if first in doc.page_marks else len(text) - len(text.lstrip())
    vocab = document_vocabulary()
    longest = min(vocab.title_max_length, (len(text) - start) // 2)
    for length in range(_DOUBLED_TITLE_MIN_LENGTH, longest + 1):
        copy = text[start : start + length]
        if (text.startswith(copy, start + length) and any(w in copy for w in vocab.title_words)
                and not any(c in copy for c in vocab.sentence_end)):
            return first, start, start + length
    return None


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
