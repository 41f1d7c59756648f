"""Stage 2a, parse: heading markers (grammar/heading.lark) and inline enumerations.

The Lark parser is built once per process from the grammar file and its compiled tables are
cached on disk by Lark, so a cold run does not pay for grammar analysis.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Token
from lark.exceptions import LarkError

from .numerals import FULLWIDTH_DIGITS, chinese_to_int, int_to_chinese
from .resources import grammar_path

# A cheap necessary condition for a marker, so that most body lines (2024年…, 一是…) never
# reach the parser, whose failures cost an exception each. The grammar stays the authority.
_MAYBE_MARKER = re.compile(r"[一二三四五六七八九十]{1,3}[、．]|[（(]|[0-9０-９]{1,2}[.．、]|[①-⑳]")
_LEVELS = {"level1": 1, "level2": 2, "level3": 3, "level4": 4, "level5": 5, "unnumbered": None}


def circled_to_int(char: str) -> int:
    return ord(char) - ord("①") + 1


@dataclass(frozen=True)
class Marker:
    """A heading marker: its GB/T 9704 level, number and how it is written.

    ``level`` is None only for an unnumbered pair of parentheses (（）), which could be level 2
    or 4; the outline builder decides from context. ``start``/``end`` are 0-based columns.
    """

    level: int | None
    value: int | None
    text: str
    style: str
    start: int
    end: int
    space_after: bool

    @property
    def is_paren(self) -> bool:
        return self.text[:1] in "(（"


@dataclass(frozen=True)
class ParsedHeading:
    marker: Marker
    rest: str
    rest_start: int  # 0-based column where the text after the marker begins


@lru_cache(maxsize=1)
def heading_parser() -> Lark:
    grammar = grammar_path("heading.lark").read_text(encoding="utf-8")
    try:
        return Lark(grammar, parser="lalr", lexer="contextual", cache=True)
    except OSError:  # a read-only temp folder: build without the on-disk cache
        return Lark(grammar, parser="lalr", lexer="contextual")


# Indentation, and a Markdown heading prefix in .md reports (## 一、主要举措), before a line's text.
_LEAD = re.compile(r"[ \t\u3000]*(?:#{1,6}[ \t\u3000]+)?")


def lead_length(line: str) -> int:
    """How many characters of layout (indentation, a Markdown ``#`` prefix) start ``line``."""
    return _LEAD.match(line).end()


def parse_heading(line: str) -> ParsedHeading | None:
    """The heading marker at the start of ``line`` (after indentation), or None."""
    indent = lead_length(line)
    stripped = line[indent:]
    if not _MAYBE_MARKER.match(stripped):
        return None
    try:
        tree = heading_parser().parse(stripped)
    except LarkError:
        return None
    marker_tree = tree.children[0]
    tokens = [t for t in marker_tree.children if isinstance(t, Token)]
    level = _LEVELS[marker_tree.data]
    value = _marker_value(level, tokens)
    if level is not None and value is None:
        return None  # 十十、 and the like: not a numeral, so not a heading
    marker_text = "".join(tokens)
    after = tree.children[1:]
    space = next((t for t in after if t.type == "SPACE"), None)
    rest = next((t for t in after if t.type == "REST"), None)
    end = indent + len(marker_text)
    marker = Marker(level, value, marker_text, _style(marker_text, bool(space)), indent, end,
                    space is not None)
    rest_start = end + (len(space) if space else 0)
    return ParsedHeading(marker, str(rest) if rest else "", rest_start)


def _marker_value(level: int | None, tokens: list[Token]) -> int | None:
    if level in (1, 2):
        return chinese_to_int(next(t for t in tokens if t.type == "CN_NUM"))
    if level in (3, 4):
        return int(next(t for t in tokens if t.type == "DIGITS").translate(FULLWIDTH_DIGITS))
    if level == 5:
        return circled_to_int(tokens[0])
    return None


def _style(marker_text: str, space_after: bool) -> str:
    """How a marker is written, without its number: "（）", "()", "、", ".", "．", "全角数字．"…"""
    shape = re.sub(r"[一二三四五六七八九十]+", "", marker_text)
    if any(c in "０１２３４５６７８９" for c in shape):
        shape = "全角数字" + re.sub(r"[０-９]+", "", shape)
    else:
        shape = re.sub(r"[0-9]+", "", shape)
    if shape and shape[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        shape = "①"
    return shape + (" " if space_after else "")


def render_marker(level: int, value: int, style: str) -> str:
    """A marker for ``value`` written like ``style`` (used by the renumbering fix)."""
    number = int_to_chinese(value) if level in (1, 2) else str(value)
    core = style.rstrip(" ")
    if core.startswith("全角数字"):
        core = core[len("全角数字"):]
        number = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if core[:1] in "(（":
        return core[0] + number + core[1:]
    return number + core


# An inline enumeration item: 一是 at the start of a paragraph or right after punctuation.
ENUMERATION_ITEM = re.compile(
    r"(?:^|(?<=[，。；：！？、,.;:!?“”\"\s]))([一二三四五六七八九十]{1,3})是(?!否)"
)


@dataclass(frozen=True)
class EnumerationItem:
    value: int
    start: int  # offset in the paragraph text
    end: int


def enumeration_items(text: str) -> Iterator[EnumerationItem]:
    for match in ENUMERATION_ITEM.finditer(text):
        value = chinese_to_int(match.group(1))
        if value is not None:
            yield EnumerationItem(value, match.start(), match.end())
