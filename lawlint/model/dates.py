"""Stage 3, document model: dates and years, the report year, and where the body ends.

One pass over the text finds every date and year with its span: 2024年1月29日,
2024年1月, 2024年, 2024-02-05, 2024.1.29, 二〇二四年, 24年1月 and ranges (2021—2025年). The time
rules (LL4xx) and the signature reader build on this list; the vocabulary that decides whether a
year is a claim or a comparison, a history or a name lives in checks/time.yaml.
"""

from __future__ import annotations

import bisect
import calendar
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from ..errors import t
from ..numerals import DIGITS, chinese_to_int, digit_string
from ..regexes import compiled
from .packs import Shape, alternation, load_pack
from .residue import is_residue_line

if TYPE_CHECKING:
    from .outline import Heading
    from .profiles import PartMatch
    from .text import DocumentVocabulary, Sentence, Title

# Full-width digits and marks become ASCII and every blank a space, one character for one, so
# offsets in the normalised text are offsets in the document (and the date pattern stays small,
# which keeps its compile time, paid on every run, under a millisecond).
BLANKS = " \t\u3000\xa0"  # spaces as they occur in reports, the no-break space of web pages included
_TO_ASCII = {**{chr(c): chr(c - 0xFEE0) for c in range(ord("０"), ord("９") + 1)},
             "．": ".", "－": "-", "／": "/", "\t": " ", "\u3000": " ", "\xa0": " "}
_FULL_WIDTH = compiled("[０-９．－／\t\u3000\xa0]")
_BLANK = compiled(f"[{BLANKS}]")

_S = " *"  # spaces inside a date are typos, but the date is still a date
_Y4 = r"(?:19|20)\d{2}"
_CN = "[一二三四五六七八九十]"
_DATE = compiled(
    r"(?<![0-9])(?:"
    # 20212025年: two years run together
    rf"(?P<glued>{_Y4}{_Y4}){_S}年"
    # 2021—2025年, 2021-2025年, 2021年至2025年
    rf"|(?P<r1>{_Y4}){_S}(?:年{_S})?[—–\-~～至到]{{1,2}}{_S}(?P<r2>{_Y4}){_S}年"
    # 2024-02-05, 2024.1.29, 2024/1/29 (2024. 1. 29: spaces are typos)
    rf"|(?P<ny>{_Y4})(?P<sep>[-/.]){_S}(?P<nm>\d{{1,2}}){_S}(?P=sep){_S}(?P<nd>\d{{1,2}})(?![0-9])"
    # 2024年, 2024年1月, 2024年1月29日; 24年1月, 24年度; 2025年元月20日 (元月 is January)
    rf"|(?P<y>{_Y4}|\d{{2}}(?={_S}年{_S}(?:\d{{1,2}}{_S}月|度))){_S}年"
    rf"(?:{_S}(?P<m>\d{{1,2}}|元){_S}月(?:{_S}(?P<d>\d{{1,2}}){_S}[日号])?)?"
    # 1月29日 without a year
    rf"|(?P<m2>\d{{1,2}}){_S}月{_S}(?P<d2>\d{{1,2}}){_S}[日号]"
    r")"
    # 二〇二四年, 二〇二四年一月二十九日
    rf"|(?<![〇○零一二三四五六七八九十])(?P<hy>[〇○零一二三四五六七八九]{{4}}){_S}年"
    rf"(?:{_S}(?P<hm>{_CN}{{1,2}}|元){_S}月(?:{_S}(?P<hd>{_CN}{{1,3}}){_S}[日号])?)?"
)


class DateMention:
    """A date, a year or a range of years as written, with its place in Document.text.

    ``kind`` is ``date`` (a year, a year and month, a full date, or a month and day), ``range``
    (``year``–``end_year``) or ``glued`` (20212025年). ``form`` says how it is written: arabic
    (2024年1月29日), short (24年), hanzi (二〇二四年), iso (2024-02-05), dot (2024.1.29), slash.
    """

    __slots__ = ("start", "end", "line", "column", "text", "kind", "form", "year", "month", "day",
                 "end_year", "padded", "spaced", "yuan", "day_mark", "before", "after", "clause",
                 "named")
    start: int
    end: int
    line: int
    column: int  # 0-based column of ``start`` in its line
    text: str
    kind: str
    form: str
    year: int | None
    month: int | None
    day: int | None
    end_year: int | None
    padded: bool  # 2024年01月09日
    spaced: bool  # 2024年1月 29日
    yuan: bool  # 2025年元月20日
    day_mark: str
    # where it stands, for the time rules: a few characters either side on its line (blanks
    # stripped), the clause holding it, and whether it is inside 《…》 (part of a title)
    before: str
    after: str
    clause: str
    named: bool

    def __init__(self, start: int, end: int, line: int, column: int, text: str, kind: str,
                 form: str, year: int | None, month: int | None = None, day: int | None = None,
                 end_year: int | None = None, padded: bool = False, spaced: bool = False,
                 yuan: bool = False, day_mark: str = "日", before: str = "", after: str = "",
                 clause: str = "", named: bool = False) -> None:
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.text = text
        self.kind = kind
        self.form = form
        self.year = year
        self.month = month
        self.day = day
        self.end_year = end_year
        self.padded = padded
        self.spaced = spaced
        self.yuan = yuan
        self.day_mark = day_mark
        self.before = before
        self.after = after
        self.clause = clause
        self.named = named

    @property
    def is_year(self) -> bool:
        """A single year (maybe with month and day) rather than a range or a bare 1月29日."""
        return self.kind == "date" and self.year is not None

    @property
    def problem(self) -> str | None:
        """What makes it impossible: glued, range-order, month, day; None when it is valid."""
        if self.kind == "glued":
            return "glued"
        if self.kind == "range":
            return "range-order" if self.end_year is not None and self.year is not None and \
                self.end_year <= self.year else None
        if self.month is not None and not 1 <= self.month <= 12:
            return "month"
        if self.day is not None and self.month is not None:
            year = self.year if self.year is not None else 2000  # a leap year: 2月29日 is fine
            if not 1 <= self.day <= calendar.monthrange(year, self.month)[1]:
                return "day"
        return None

    def canonical(self) -> str | None:
        """The GB/T 9704 form (2024年1月29日) of a valid full date, else None."""
        if not self.is_year or self.month is None or self.day is None or self.problem:
            return None
        return f"{self.year}年{self.month}月{self.day}日"


def _normalise(text: str) -> str:
    # re.sub touches only the characters that change: much faster than str.translate
    return _FULL_WIDTH.sub(lambda m: _TO_ASCII[m.group()], text)


# Where a date can start: a run of digits before 年, 月, a date separator or a range dash, or
# four Chinese digits before 年. Trying _DATE only there is several times faster than letting
# its many alternatives scan every character.
# (The look-behind lets a long run of digits be tried once, not once per digit. It follows the
# first digit so that the pattern opens with a character class, which the engine scans for
# quickly: three times faster than testing the look-behind at every character.)
_ARABIC_START = compiled(rf"[0-9](?<![0-9][0-9])[0-9]*(?={_S}[年月\-./—–~～至到])")
_HANZI_DIGITS_SET = frozenset(DIGITS) - {"两"}  # years are written digit by digit: 二〇二四


def scan_dates(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, fields) of each date in ``text``; the reader turns them into mentions."""
    normal = _normalise(text)
    out: list[tuple[int, int, dict]] = []
    end = 0
    for start in _candidates(normal):
        if start < end:
            continue  # inside the previous date (the 1 of 2024年1月29日)
        match = _DATE.match(normal, start)
        if match:
            out.append((match.start(), match.end(), match.groupdict()))
            end = match.end()
    return out


def _candidates(text: str) -> list[int]:
    starts = [m.start() for m in _ARABIC_START.finditer(text)]
    year = text.find("年")
    while year >= 0:
        head = year
        while head > 0 and text[head - 1] == " ":
            head -= 1
        if head >= 4 and all(c in _HANZI_DIGITS_SET for c in text[head - 4 : head]):
            starts.append(head - 4)
        year = text.find("年", year + 1)
    return sorted(starts)


class DatedText(Protocol):
    """What this stage reads of a document (a Document is one): its text and positions, its
    title, headings, sentences and parts, the run options, and its dates once read."""

    text: str
    lines: list[str]
    vocabulary: DocumentVocabulary
    title: Title | None
    options: dict[str, object]

    def offset(self, line: int, column: int = 0) -> int: ...

    def position(self, offset: int) -> tuple[int, int]: ...

    @property
    def headings(self) -> list[Heading]: ...

    @property
    def sentences(self) -> list[Sentence]: ...

    @property
    def parts(self) -> PartMatch: ...

    @property
    def dates(self) -> list[DateMention]: ...

    @property
    def date_lines(self) -> list[int]: ...

    @property
    def year_evidence(self) -> list[DateMention]: ...


def read_dates(doc: DatedText, first: int = 1, last: int | None = None) -> list[DateMention]:
    """The dates and years on lines ``first``..``last`` (every line by default), in order
    (Document.dates caches the whole document's). A date never spans lines, so the lines read
    alone give the mentions the whole document's list holds for them."""
    last = len(doc.lines) if last is None else last
    if first > last:
        return []
    base = doc.offset(first)
    text = doc.text[base : doc.offset(last) + len(doc.lines[last - 1])]
    stops = _stop_patterns(doc.vocabulary.clause_end + doc.vocabulary.sentence_end)
    brackets = time_vocabulary().name_brackets
    out = []
    marks_line, columns = 0, []  # the brackets of the last line read: found once per line
    for start, end, fields in scan_dates(text):
        start, end = start + base, end + base
        line, column = doc.position(start)
        line_text = doc.lines[line - 1]
        if line != marks_line:
            marks_line, columns = line, bracket_columns(line_text, brackets)
        out.append(_mention(doc.text[start:end], start, end, line, column - 1, fields,
                            *_where(line_text, column - 1, column - 1 + end - start, stops,
                                    columns)))
    return out


class _Stops:
    """A line's clause marks: ``last`` matched from a column finds the last one before an end
    column, ``first`` searched from a column finds the next one."""

    __slots__ = ("last", "first")
    last: re.Pattern[str]
    first: re.Pattern[str]

    def __init__(self, last: re.Pattern[str], first: re.Pattern[str]) -> None:
        self.last = last
        self.first = first


@lru_cache(maxsize=4)
def _stop_patterns(stops: str) -> _Stops:
    marks = f"[{re.escape(stops)}]"
    return _Stops(compiled(f".*{marks}", re.DOTALL), compiled(marks))


# (opening columns, closing columns) of each pair of name brackets on a line, in order
BracketColumns = list[tuple[list[int], list[int]]]


def bracket_columns(text: str, brackets: tuple[tuple[str, str], ...]) -> BracketColumns:
    """Where each pair of (one-character) brackets opens and closes on a line, found once so
    that :func:`inside_brackets` is a binary search, not a scan back to the line's start."""
    return [(_columns(text, opening), _columns(text, closing)) for opening, closing in brackets
            if opening in text]  # a pair that never opens encloses nothing


def inside_brackets(columns: BracketColumns, column: int) -> bool:
    """Whether ``column`` stands after an opening bracket not yet closed (inside 《…》)."""
    return any(_last_before(opens, column) > _last_before(closes, column)
               for opens, closes in columns)


def _columns(text: str, mark: str) -> list[int]:
    found, at = [], text.find(mark)
    while at >= 0:
        found.append(at)
        at = text.find(mark, at + 1)
    return found


def _last_before(columns: list[int], limit: int) -> int:
    """The last of ``columns`` before ``limit``, -1 when there is none (as str.rfind)."""
    index = bisect.bisect_left(columns, limit)
    return columns[index - 1] if index else -1


# A clause is read at most this far either side of its date: a line without clause marks (a
# pasted table, digits run together) is no clause, and copying it for every date on it would
# make the dates' memory grow with the square of the line. Its marks are looked for only that
# far too, so each date costs the same however long its line.
CLAUSE_REACH = 200


def _where(text: str, begin: int, finish: int, stops: _Stops,
           brackets: BracketColumns) -> tuple[str, str, str, bool]:
    """The surroundings of text[begin:finish]: before, after, clause, named (see
    DateMention)."""
    low = max(0, begin - CLAUSE_REACH)
    left = stops.last.match(text, low, begin)
    right = stops.first.search(text, finish, finish + CLAUSE_REACH)
    return (text[max(0, begin - 16) : begin].rstrip(BLANKS),
            text[finish : finish + 16].lstrip(BLANKS),
            text[left.end() if left else low
                 : right.start() if right else min(len(text), finish + CLAUSE_REACH)],
            bool(brackets) and inside_brackets(brackets, begin))


def _mention(text: str, start: int, end: int, line: int, column: int, g: dict,
             before: str, after: str, clause: str, named: bool) -> DateMention:
    kind, form, year, month, day, end_year, padded = _reading(g)
    day_mark = "号" if kind == "date" and text.rstrip().endswith("号") else "日"
    return DateMention(start, end, line, column, text, kind, form, year, month, day, end_year,
                       padded, _BLANK.search(text) is not None,
                       "元" in (g["m"] or g["hm"] or ""), day_mark, before, after, clause, named)


def _reading(g: dict) -> tuple[str, str, int | None, int | None, int | None, int | None, bool]:
    """kind, form, year, month, day, end_year and padded of a date's matched fields."""
    if g["glued"]:
        return "glued", "arabic", None, None, None, None, False
    if g["r1"]:
        return "range", "arabic", int(g["r1"]), None, None, int(g["r2"]), False
    if g["ny"]:
        form = {"-": "iso", ".": "dot", "/": "slash"}[g["sep"]]
        return ("date", form, int(g["ny"]), int(g["nm"]), int(g["nd"]), None,
                _padded(g["nm"], g["nd"]))
    if g["y"]:
        short = len(g["y"]) == 2
        year = int(g["y"]) + (2000 if int(g["y"]) < 70 else 1900) if short else int(g["y"])
        return ("date", "short" if short else "arabic", year, _int(g["m"]), _int(g["d"]), None,
                _padded(g["m"], g["d"]))
    if g["m2"]:
        return ("date", "arabic", None, int(g["m2"]), int(g["d2"]), None,
                _padded(g["m2"], g["d2"]))
    return ("date", "hanzi", digit_string(g["hy"]), _hanzi(g["hm"]), _hanzi(g["hd"]), None,
            False)


def _int(value: str | None) -> int | None:
    return (1 if value == "元" else int(value)) if value else None


def _hanzi(value: str | None) -> int | None:
    if not value:
        return None
    if value == "元":
        return 1
    return chinese_to_int(value) or 0  # 十十 is no numeral: 0 makes the date invalid


def _padded(month: str | None, day: str | None) -> bool:
    return _zero_padded(month) or _zero_padded(day)


def _zero_padded(part: str | None) -> bool:
    return part is not None and len(part) == 2 and part[0] == "0"


# --- vocabulary (checks/time.yaml) -------------------------------------------------------------
class Context:
    __slots__ = ("before", "after", "clause", "clause_words")
    before: tuple[str, ...]
    after: tuple[str, ...]
    clause: tuple[str, ...]
    clause_words: re.Pattern[str] | None  # any of ``clause`` (None: there are none)

    def __init__(self, before: tuple[str, ...], after: tuple[str, ...], clause: tuple[str, ...],
                 clause_words: re.Pattern[str] | None = None) -> None:
        self.before = before
        self.after = after
        self.clause = clause
        self.clause_words = clause_words


class Era:
    __slots__ = ("match", "first", "last", "name", "title")
    match: tuple[str, ...]
    first: int
    last: int
    name: str
    title: str | None  # the plan's name cited with its years: 法治政府建设实施纲要

    def __init__(self, match: tuple[str, ...], first: int, last: int, name: str,
                 title: str | None = None) -> None:
        self.match = match
        self.first = first
        self.last = last
        self.name = name
        self.title = title


class TimeVocabulary:
    __slots__ = ("name_brackets", "opening_words", "comparison", "history", "honour", "review",
                 "assessment", "target", "relative_words", "relative_not", "eras", "era_past",
                 "plan_words", "seals", "party_prefixes", "place_suffixes", "not_place_starts",
                 "max_organ_lines", "note_starts", "note_ends", "place_organs")
    name_brackets: tuple[tuple[str, str], ...]
    opening_words: tuple[str, ...]
    comparison: Context
    history: Context
    honour: Context
    review: Context
    assessment: Context  # both `before` and `clause` must match (see reviews_earlier)
    target: Context
    relative_words: tuple[str, ...]
    relative_not: tuple[str, ...]
    eras: tuple[Era, ...]
    era_past: Context
    plan_words: tuple[str, ...]
    seals: tuple[str, ...]
    party_prefixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    not_place_starts: tuple[str, ...]
    max_organ_lines: int
    note_starts: tuple[str, ...]
    note_ends: tuple[str, ...]
    place_organs: tuple[tuple[str, str], ...]  # (place ending, organ suffix), longest first

    def __init__(self, name_brackets: tuple[tuple[str, str], ...], opening_words: tuple[str, ...],
                 comparison: Context, history: Context, honour: Context, review: Context,
                 assessment: Context, target: Context, relative_words: tuple[str, ...],
                 relative_not: tuple[str, ...], eras: tuple[Era, ...], era_past: Context,
                 plan_words: tuple[str, ...], seals: tuple[str, ...],
                 party_prefixes: tuple[str, ...], place_suffixes: tuple[str, ...],
                 not_place_starts: tuple[str, ...], max_organ_lines: int,
                 note_starts: tuple[str, ...], note_ends: tuple[str, ...],
                 place_organs: tuple[tuple[str, str], ...]) -> None:
        self.name_brackets = name_brackets
        self.opening_words = opening_words
        self.comparison = comparison
        self.history = history
        self.honour = honour
        self.review = review
        self.assessment = assessment
        self.target = target
        self.relative_words = relative_words
        self.relative_not = relative_not
        self.eras = eras
        self.era_past = era_past
        self.plan_words = plan_words
        self.seals = seals
        self.party_prefixes = party_prefixes
        self.place_suffixes = place_suffixes
        self.not_place_starts = not_place_starts
        self.max_organ_lines = max_organ_lines
        self.note_starts = note_starts
        self.note_ends = note_ends
        self.place_organs = place_organs


@lru_cache(maxsize=1)
def time_vocabulary() -> TimeVocabulary:
    data = load_pack("time.yaml")
    shape = Shape("checks/time.yaml")
    shape.mapping(data, "time.yaml", {
        "name-brackets": True, "opening-words": True, "comparison": True, "history": True,
        "honour": True, "review": True, "assessment": False, "target": True, "relative": True,
        "eras": True, "era-past": True, "plan-words": True, "signature": True})
    brackets = []
    for i, pair in enumerate(shape.texts(data["name-brackets"], "name-brackets")):
        if len(pair) != 2:
            raise shape.fail(f"name-brackets[{i}]", t("应为一个开括号和一个闭括号",
                                                       "expected an opening and a closing mark"))
        brackets.append((pair[0], pair[1]))
    relative = shape.mapping(data["relative"], "relative", {"words": True, "not": False})
    sig = shape.mapping(data["signature"], "signature", {
        "seals": True, "party-prefixes": True, "place-suffixes": True,
        "not-place-starts": False, "max-organ-lines": True, "notes": False,
        "place-organs": False})
    notes = shape.mapping(sig.get("notes", {}), "signature.notes", {"starts": False, "ends": False})
    place_organs = shape.mapping(sig.get("place-organs", {}), "signature.place-organs")
    return TimeVocabulary(
        name_brackets=tuple(brackets),
        opening_words=tuple(shape.texts(data["opening-words"], "opening-words")),
        comparison=_context(shape, data["comparison"], "comparison"),
        history=_context(shape, data["history"], "history"),
        honour=_context(shape, data["honour"], "honour"),
        review=_context(shape, data["review"], "review"),
        assessment=_context(shape, data.get("assessment", {}), "assessment"),
        target=_context(shape, data["target"], "target"),
        relative_words=tuple(shape.texts(relative["words"], "relative.words")),
        relative_not=tuple(shape.texts(relative.get("not", []), "relative.not")),
        eras=tuple(_era(shape, item, f"eras[{i}]")
                   for i, item in enumerate(_list(shape, data["eras"], "eras"))),
        era_past=_context(shape, data["era-past"], "era-past"),
        plan_words=tuple(shape.texts(data["plan-words"], "plan-words")),
        seals=tuple(shape.texts(sig["seals"], "signature.seals")),
        party_prefixes=_longest_first(shape.texts(sig["party-prefixes"],
                                                  "signature.party-prefixes")),
        place_suffixes=_longest_first(shape.texts(sig["place-suffixes"],
                                                  "signature.place-suffixes")),
        not_place_starts=tuple(shape.texts(sig.get("not-place-starts", []),
                                           "signature.not-place-starts")),
        max_organ_lines=int(shape.number(sig["max-organ-lines"], "signature.max-organ-lines")),
        note_starts=tuple(shape.texts(notes.get("starts", []), "signature.notes.starts")),
        note_ends=tuple(shape.texts(notes.get("ends", []), "signature.notes.ends")),
        place_organs=tuple(sorted(((str(end), shape.text(organ, f"signature.place-organs.{end}"))
                                   for end, organ in place_organs.items()),
                                  key=lambda pair: len(pair[0]), reverse=True)),
    )


def _list(shape: Shape, value: object, where: str) -> list:
    if not isinstance(value, list):
        raise shape.fail(where, t("应为列表", "expected a list"))
    return value


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _context(shape: Shape, value: object, where: str) -> Context:
    data = shape.mapping(value, where, {"before": False, "after": False, "clause": False})
    before, after, clause = (tuple(shape.texts(data.get(key, []), f"{where}.{key}"))
                             for key in ("before", "after", "clause"))
    return Context(before, after, clause, compiled(alternation(clause)) if clause else None)


def _era(shape: Shape, value: object, where: str) -> Era:
    data = shape.mapping(value, where, {"match": True, "first": True, "last": True, "name": True,
                                        "title": False})
    first = int(shape.number(data["first"], f"{where}.first"))
    last = int(shape.number(data["last"], f"{where}.last"))
    if last < first:
        raise shape.fail(where, t("末年早于首年", "last year before first year"))
    title = shape.text(data["title"], f"{where}.title") if "title" in data else None
    return Era(tuple(shape.texts(data["match"], f"{where}.match")), first, last,
               shape.text(data["name"], f"{where}.name"), title)


# --- where a year stands -----------------------------------------------------------------------
def in_name(mention: DateMention) -> bool:
    """Whether the mention is inside 《…》: part of a document's title, not a claim."""
    return mention.named


def matches(mention: DateMention, context: Context) -> bool:
    """Whether the words around the mention put it in ``context`` (comparison, history …)."""
    after = mention.after[1:] if mention.after[:1] in ("度", "底", "初", "末") else mention.after
    return (bool(context.before) and mention.before.endswith(context.before)) or \
        (bool(context.after) and after.startswith(context.after)) or \
        (context.clause_words is not None and context.clause_words.search(mention.clause)
         is not None)


def reviews_earlier(mention: DateMention, vocab: TimeVocabulary) -> bool:
    """Whether the year is that of earlier work taken up now: its files reviewed (对2023年度案卷
    开展评查), its business carried over, or its assessment done (完成2023年度……评估)."""
    if matches(mention, vocab.review):
        return True
    assessment = vocab.assessment
    return (bool(assessment.before) and mention.before.endswith(assessment.before)
            and assessment.clause_words is not None
            and assessment.clause_words.search(mention.clause) is not None)


def excused(mention: DateMention) -> bool:
    """A year that may differ from the report year here: a name, a comparison, a history."""
    vocab = time_vocabulary()
    return mention.named or matches(mention, vocab.comparison) or matches(mention, vocab.history)


def mentions_between(doc: DatedText, first_line: int, last_line: int) -> list[DateMention]:
    # doc.dates is in document order: two binary searches, not a scan per section
    begin = bisect.bisect_left(doc.date_lines, first_line)
    end = bisect.bisect_right(doc.date_lines, last_line, lo=begin)
    return doc.dates[begin:end]


def line_dates(doc: DatedText, number: int) -> list[DateMention]:
    """The mentions on line ``number``: from Document.dates once the whole document's are read,
    else read from that line alone (the signature reader looks at a few lines at the end, and a
    --fix pass needs no other date)."""
    if "dates" in vars(doc):  # a cached_property keeps its value in the instance's __dict__
        return mentions_between(doc, number, number)
    return read_dates(doc, number, number)


# --- the report year ---------------------------------------------------------------------------
def title_years(doc: DatedText) -> list[DateMention]:
    """Single years the title names, in order (关于2023年…和2024年工作安排: both)."""
    if doc.title is None:
        return []
    lines = set(doc.title.lines)
    return [m for m in doc.dates if m.line in lines and m.is_year and not m.named]


def opening_sentence(doc: DatedText) -> Sentence | None:
    """The first sentence of the preamble (before the first heading), residue set aside."""
    first_heading = doc.headings[0].line if doc.headings else len(doc.lines) + 1
    marks = doc.vocabulary.clause_end + doc.vocabulary.sentence_end
    for sentence in doc.sentences:
        paragraph = sentence.paragraph
        if paragraph.line >= first_heading:
            return None
        if is_residue_line(paragraph.text) or not any(c in paragraph.text for c in marks):
            continue  # a page timestamp, a title printed twice
        return sentence
    return None


def opening_year(doc: DatedText) -> DateMention | None:
    """The year the opening paragraph reports on: 2024年，我镇… or 根据……，现将2024年…情况报告如下
    (the year may stand in a later sentence of that paragraph)."""
    opening = opening_sentence(doc)
    if opening is None:
        return None
    for sentence in doc.sentences[doc.sentences.index(opening):]:
        if sentence.paragraph is not opening.paragraph:
            return None
        found = _sentence_year(doc, sentence)
        if found is not None:
            return found
    return None


def _sentence_year(doc: DatedText, sentence: Sentence) -> DateMention | None:
    """The year a sentence reports on: the year it opens with, or the first year of a sentence
    that introduces the report (现将2024年…报告如下)."""
    end = sentence.offset + len(sentence.text)
    introduces = any(word in sentence.text for word in time_vocabulary().opening_words)
    for mention in mentions_between(doc, doc.position(sentence.offset)[0], doc.position(end)[0]):
        if mention.start < sentence.offset or not mention.is_year or excused(mention):
            continue
        if mention.start >= end:
            return None
        lead = doc.text[sentence.offset : mention.start].strip(BLANKS + "在于")
        return mention if introduces or not lead else None
    return None


def part_heading_years(doc: DatedText, year_kind: str) -> list[DateMention]:
    """The first year in each top-level heading of the parts whose ``year`` is ``year_kind``."""
    out = []
    for heading in doc.parts.headings_of_year(year_kind):
        found = next((m for m in mentions_between(doc, heading.line, heading.line)
                      if m.is_year and not excused(m)), None)
        if found is not None:
            out.append(found)
    return out


def year_evidence(doc: DatedText) -> list[DateMention]:
    """Where the report names its own year: the opening sentence, report-part headings
    (Document.year_evidence caches this)."""
    opening = opening_year(doc)
    return ([opening] if opening else []) + part_heading_years(doc, "report")


def detect_report_year(doc: DatedText) -> int | None:
    """The year the report is about: ``--year``; else the title's first year; else the opening
    sentence's; else the first year a heading of a report-year part names."""
    forced = doc.options.get("year")
    if isinstance(forced, int):
        return forced
    found = next(iter(title_years(doc) + doc.year_evidence), None)
    return found.year if found is not None else None
