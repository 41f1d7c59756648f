"""Stage 2a, parse: heading markers (grammar/heading.lark) and inline enumerations.

The Lark parser is built once per process from the grammar file. Its compiled tables are kept
in lawlint's private cache (lawlint/cache.py) as plain data written with marshal (dicts, lists,
strings, numbers; read back 30 times faster than ``ast.literal_eval`` read the literals it held
before), never as a pickle: loading the cache can build parse tables, not run code.
Lark's own ``cache=True`` is not used, because it unpickles a file of a predictable name in the
shared temp folder that any user can plant.

Headings share a handful of marker shapes (:func:`marker_key`), and what the parser read for
each is kept in the private cache too, keyed by the grammar and the installed lark: a run whose
headings are all known shapes answers from it and never loads lark (a third of a cold start).
The grammar stays the authority: a shape not yet known is parsed, and then remembered.
"""

from __future__ import annotations

import atexit
import importlib.util
import marshal
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import cache
from ..numerals import FULLWIDTH_DIGITS, chinese_to_int, int_to_chinese
from ..regexes import compiled
from ..resources import grammar_path

if TYPE_CHECKING:
    from lark import Lark, Token

# A cheap necessary condition for a marker, so that most body lines (2024年…, 一是…) never
# reach the parser, whose failures cost an exception each. The grammar stays the authority.
_MAYBE_MARKER = compiled(r"[一二三四五六七八九十]{1,3}[、．]|[（(]|[0-9０-９]{1,2}[.．、]|[①-⑳]"
                           r"|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)")
_LEVELS = {"level0": 0, "level1": 1, "level2": 2, "level3": 3, "level4": 4, "level5": 5, "unnumbered": None}


def circled_to_int(char: str) -> int:
    return ord(char) - ord("①") + 1


class Marker:
    """A heading marker: its GB/T 9704 level, number and how it is written.

    ``level`` is None only for an unnumbered pair of parentheses (（）), which could be level 2
    or 4; the outline builder decides from context. ``start``/``end`` are 0-based columns.
    """

    __slots__ = ("level", "value", "text", "style", "start", "end", "space_after")
    level: int | None
    value: int | None
    text: str
    style: str
    start: int
    end: int
    space_after: bool

    def __init__(self, level: int | None, value: int | None, text: str, style: str, start: int,
                 end: int, space_after: bool) -> None:
        self.level = level
        self.value = value
        self.text = text
        self.style = style
        self.start = start
        self.end = end
        self.space_after = space_after

    @property
    def is_paren(self) -> bool:
        return self.text[:1] in "(（"


class ParsedHeading:
    __slots__ = ("marker", "rest", "rest_start")
    marker: Marker
    rest: str
    rest_start: int  # 0-based column where the text after the marker begins

    def __init__(self, marker: Marker, rest: str, rest_start: int) -> None:
        self.marker = marker
        self.rest = rest
        self.rest_start = rest_start


_PARSER_OPTIONS = {"parser": "lalr", "lexer": "contextual"}
# The entry's first line names its format: an entry of another (an older lawlint's literals, a
# Python with another marshal version) is not read, but rebuilt.
_TABLES_HEADER = b"lawlint-lark-tables-marshal-%d\n" % marshal.version


@lru_cache(maxsize=1)
def heading_parser() -> Lark:
    """The heading parser: from the private cache when it holds one for this grammar, else
    built from the grammar (and then cached)."""
    from lark import Lark

    grammar = grammar_path("heading.lark").read_text(encoding="utf-8")
    key = parser_cache_key(grammar)
    parser = parser_from_bytes(cache.load(key))
    if parser is None:
        parser = Lark(grammar, **_PARSER_OPTIONS)
        cache.store(key, parser_to_bytes(parser))
    return parser


def parser_cache_key(grammar: str) -> str:
    """The cache entry for tables built from ``grammar`` by this lark with these options."""
    import lark

    return cache.make_key("heading-parser", grammar, repr(sorted(_PARSER_OPTIONS.items())),
                          lark.__version__, _TABLES_HEADER)  # a new format: a new entry


def parser_to_bytes(parser: Lark) -> bytes:
    """The parser's tables as plain data (dicts, lists, strings, numbers only)."""
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    data, memo = parser.memo_serialize([TerminalDef, Rule])
    return _TABLES_HEADER + marshal.dumps({"data": data, "memo": memo})


def parser_from_bytes(data: bytes | None) -> Lark | None:
    """The parser saved by :func:`parser_to_bytes`, or None for anything else (a truncated or
    corrupt entry, tables from another lark version) so that the caller builds it afresh."""
    tables = cache.from_marshal(data, _TABLES_HEADER)
    if tables is cache.MISSING:
        return None
    from lark import Lark

    try:
        return Lark.load(tables)  # Lark.load takes the deserialised dict as well as a file
    except Exception:  # any broken entry only means "not cached"
        return None


# Indentation, and a Markdown heading prefix in .md reports (## 一、主要举措), before a line's text.
_LEAD = compiled(r"[ \t\u3000]*(?:#{1,6}[ \t\u3000]+)?")
# A heading set in bold in a .md report (**一、主要举措**) is a heading as a # one is; its
# closing ** is dropped from the title (outline.make_heading).
BOLD = "**"


def lead_length(line: str) -> int:
    """How many characters of layout (indentation, a Markdown ``#`` prefix) start ``line``."""
    return _LEAD.match(line).end()


def parse_heading(line: str) -> ParsedHeading | None:
    """The heading marker at the start of ``line`` (after indentation), or None."""
    indent = lead_length(line)
    if line.startswith(BOLD, indent):
        indent += len(BOLD)
    stripped = line[indent:]
    if not _MAYBE_MARKER.match(stripped):
        return None
    found = read_marker(marker_key(stripped))
    if found is None:
        return None
    level, value, marker_text, space, style = found
    end = indent + len(marker_text)
    rest_start = end + space
    return ParsedHeading(Marker(level, value, marker_text, style, indent, end, space > 0),
                         line[rest_start:], rest_start)


# Every character a terminal of the heading grammar other than REST can match (ORDINAL,
# PART_WORD, PART_DELIM, CN_NUM, CN_DELIM, DIGITS, DIGIT_DELIM, LPAR, RPAR, CIRCLED, SPACE):
# keep it in step with grammar/heading.lark (tests/test_grammar.py lists the terminals).
_MARKER_CHARS = re.compile(r"[第部分章篇：:、．.一二三四五六七八九十0-9０-９(（)）①-⑳ \t\u3000]*")
# Keys longer than this (a line of 10 MB of digits after a bracket) are parsed, not kept.
_KEY_LIMIT = 40


def marker_key(stripped: str) -> str:
    """What the heading parser's answer for ``stripped`` depends on: its run of marker
    characters and whether anything follows. A marker and the space after it are made of
    those characters only, and REST takes whatever follows, so the parse of the line is the
    parse of its key with REST's text taken from the line; the one character after the run
    only ever lexes as REST, so any other such character ("X") gives the same parse. Headings
    then share a handful of keys (（一）X, 一、2024X), each parsed by lark once and remembered
    (:func:`read_marker`)."""
    run = _MARKER_CHARS.match(stripped).end()
    return stripped if run == len(stripped) else stripped[:run] + "X"


# (level, value, marker text, length of the space after it, style)
_MarkerFound = tuple[int | None, int | None, str, int, str]
# Marker shapes remembered on disk: far more than real reports have (a few dozen), few enough
# that a file of numbers in every shape cannot grow the entry without bound.
_MEMO_LIMIT = 512
_MEMO_FORMAT = "1"  # what a remembered marker holds: _MarkerFound
_saving = {"registered": False}  # save_markers runs at exit once a marker was read anew


def read_marker(key: str) -> _MarkerFound | None:
    """The marker the grammar reads at the start of ``key`` (see :func:`marker_key`), or None:
    remembered from an earlier run, else parsed (loading lark) and remembered: stored when the
    process ends."""
    if len(key) > _KEY_LIMIT:
        return _read_marker.__wrapped__(heading_parser(), key)
    known = _known_markers()
    if key in known:
        return known[key]
    found = _read_marker(heading_parser(), key)
    if len(known) < _MEMO_LIMIT:
        known[key] = found
        if not _saving["registered"]:  # stored once, at exit, as regexes.py stores its code
            _saving["registered"] = True
            atexit.register(save_markers)
    return found


def save_markers() -> None:
    """Store the markers read so far, those of earlier runs included."""
    cache.store_value(_memo_key(), _known_markers())


@lru_cache(maxsize=1)
def _memo_key() -> str:
    """The remembered markers' entry: for this grammar, this lark (its ``__init__``, which
    names its version: an upgraded lark reads every shape again) and this format."""
    spec = importlib.util.find_spec("lark")  # finds lark without loading it
    lark_init = Path(spec.origin).read_bytes() if spec and spec.origin else b""
    return cache.make_key("heading-markers", grammar_path("heading.lark").read_bytes(),
                          lark_init, _MEMO_FORMAT)


@lru_cache(maxsize=1)
def _known_markers() -> dict[str, _MarkerFound | None]:
    """The markers read by earlier runs (none when the cache is off, cold or unusable)."""
    memo = cache.load_value(_memo_key())
    return memo if _is_memo(memo) else {}


def _is_memo(value: object) -> bool:
    return type(value) is dict and len(value) <= _MEMO_LIMIT and all(
        type(key) is str and (found is None or _is_marker_found(found))
        for key, found in value.items())


def _is_marker_found(found: object) -> bool:
    return (type(found) is tuple and len(found) == 5
            and all(part is None or type(part) is int for part in found[:2])
            and type(found[2]) is str and type(found[3]) is int and type(found[4]) is str)


def reset_parser() -> None:
    """Load the parser and the remembered markers afresh (a test that changes the cache)."""
    heading_parser.cache_clear()
    _memo_key.cache_clear()
    _known_markers.cache_clear()
    _read_marker.cache_clear()


@lru_cache(maxsize=1024)
def _read_marker(parser: Lark, key: str) -> _MarkerFound | None:
    """What ``parser`` reads at the start of ``key``. Cached by parser too: a test may load
    other tables."""
    from lark import Token
    from lark.exceptions import LarkError

    try:
        tree = parser.parse(key)
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
    if level == 0 and rest and not space and tokens[-1].type != "PART_DELIM":
        return None  # 第一部分工作已完成。 is a sentence; a part heading sets its title apart
    return level, value, marker_text, len(space) if space else 0, _style(marker_text, bool(space))


def _marker_value(level: int | None, tokens: list[Token]) -> int | None:
    if level in (0, 1, 2):
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
    number = int_to_chinese(value) if level in (0, 1, 2) else str(value)
    core = style.rstrip(" ")
    if core.startswith("第"):  # 第部分：
        return "第" + number + core[1:]
    if core.startswith("全角数字"):
        core = core[len("全角数字"):]
        number = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if core[:1] in "(（":
        return core[0] + number + core[1:]
    return number + core


# An inline enumeration item: 一是 at the start of a paragraph or right after punctuation.
ENUMERATION_ITEM = compiled(
    r"(?:^|(?<=[，。；：！？、,.;:!?“”\"\s]))([一二三四五六七八九十]{1,3})是(?!否)"
)


class EnumerationItem:
    __slots__ = ("value", "start", "end")
    value: int
    start: int  # offset in the paragraph text
    end: int

    def __init__(self, value: int, start: int, end: int) -> None:
        self.value = value
        self.start = start
        self.end = end


def enumeration_items(text: str) -> Iterator[EnumerationItem]:
    for match in ENUMERATION_ITEM.finditer(text):
        value = chinese_to_int(match.group(1))
        if value is not None:
            yield EnumerationItem(value, match.start(), match.end())
