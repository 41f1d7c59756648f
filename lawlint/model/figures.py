"""Stage 3b, figures: the counts and rates each sentence states (read by LL301–LL304).

A sentence is read once, left to right, against the words in checks/figures.yaml:

1. quantities: a number (Arabic, full-width, decimal, 1,108, Chinese numerals with 两 十 百 千
   万 亿, 百分之九十八) with its unit or %, and any approximation marker around it (约 近 余 多
   左右 以上 …), which widens the interval the true count lies in;
2. words: the verbs a count belongs to (排查, 成功化解 …), nouns that contain such a verb but
   name something else (人民调解员), rate words, target words, change words and 其中; a
   longest-match scan, so 调解员 is never read as 调解;
3. binding: a count counts the nearest of those words before it in its clause (排查矛盾纠纷
   152件); one that ends its clause with none before takes the verb after it (2名干部参加考试);
   a verb pair (排查化解, 受理、办结) or a noun leaves it unbound;
4. rates: a percentage with a rate word right before it (化解率达98%);
5. 其中 breakdowns: the total just before 其中 and the parts after it; a sentence that opens
   with 其中 breaks down the count that ended the sentence before it (共24个。其中，镇级1个…).

jieba was measured for step 2 and not used: importing it costs about 30 ms, while this whole
stage costs about 1 ms per report; and the rules compare only the pack's own words, whose
boundaries a longest-first scan finds exactly (jieba's HMM split 33名人民调解员 into
名人民 / 调解 / 员 unless its dictionary was taught the word). See README, "Dependencies".
"""

from __future__ import annotations

import bisect
import gc
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import t
from ..numerals import DIGITS, LARGE_UNITS, chinese_number
from ..regexes import compiled
from .grammar import enumeration_items
from .packs import Shape, alternation, brief, load_pack
from .text import document_vocabulary

if TYPE_CHECKING:
    from .profiles import PartMatch
    from .text import DocumentVocabulary, Sentence

INF = math.inf
PERCENT = "%"
# Full-width digits and marks map one to one, so offsets in the mapped text stay valid.
_FULL_WIDTH_MARKS = "０１２３４５６７８９．％－−"
_WIDTH = str.maketrans(_FULL_WIDTH_MARKS, "0123456789.%--")
_FULL_WIDTH = compiled(f"[{re.escape(_FULL_WIDTH_MARKS)}]")
_KINDS = ("about", "above", "at-least", "near", "at-most")
# Word kinds in the lexicon; a word may have only one.
COUNT, NOUN, RATE, TARGET, CHANGE, MARKER, STOP = (
    "count", "noun", "rate", "target", "change", "marker", "stop")


# --- vocabulary (checks/figures.yaml) -----------------------------------------------------------
class RateWord:
    __slots__ = ("name", "numerator", "denominator")
    name: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]

    def __init__(self, name: str, numerator: tuple[str, ...], denominator: tuple[str, ...]) -> None:
        self.name = name
        self.numerator = numerator
        self.denominator = denominator


class WordSet:
    """Words looked up as the suffix of a text (化解率 in 矛盾纠纷化解率)."""

    __slots__ = ("words", "longest")
    words: frozenset[str]
    longest: int

    def __init__(self, words: frozenset[str], longest: int) -> None:
        self.words = words
        self.longest = longest

    @classmethod
    def of(cls, words: Any) -> WordSet:
        words = frozenset(words)
        return cls(words, max(map(len, words), default=0))

    def ending_at(self, text: str, end: int) -> str | None:
        """The longest of the words that ends at ``end`` in ``text``."""
        for size in range(min(self.longest, end), 0, -1):
            if text[end - size : end] in self.words:
                return text[end - size : end]
        return None


class Subset:
    __slots__ = ("part", "wholes")
    part: str
    wholes: tuple[str, ...]

    def __init__(self, part: str, wholes: tuple[str, ...]) -> None:
        self.part = part
        self.wholes = wholes


class FiguresVocabulary:
    """What figures.yaml says, ready to use: made once, never changed."""

    __slots__ = ("unit_groups", "approximate", "lexicon", "rates", "signed", "rate_words",
                 "qualifiers", "links", "plan_targets", "subsets", "remainders", "partitions",
                 "segment_end", "brackets", "bracket_marks", "quotes_re", "quantity_re",
                 "lexicon_re", "connectors_re", "fillers_re")
    unit_groups: dict[str, str]  # unit -> group
    approximate: dict[str, dict[str, str]]  # position -> marker -> kind
    lexicon: dict[str, tuple[str, str | None]]  # word -> (kind, count concept or rate name)
    rates: dict[str, RateWord]
    signed: frozenset[str]
    rate_words: WordSet  # named and signed rate words
    qualifiers: WordSet
    links: WordSet
    plan_targets: frozenset[str]
    subsets: tuple[Subset, ...]
    remainders: tuple[str, ...]
    partitions: tuple[tuple[str, ...], ...]
    segment_end: str
    brackets: dict[str, str]
    bracket_marks: str  # the opening and closing brackets, which also end a clause
    quotes_re: re.Pattern[str]  # a quoted span: “…”, 《…》
    quantity_re: re.Pattern[str]
    lexicon_re: re.Pattern[str]
    connectors_re: re.Pattern[str]
    fillers_re: re.Pattern[str]  # words and marks that say nothing about what is counted

    def __init__(self, *, unit_groups: dict[str, str], approximate: dict[str, dict[str, str]],
                 lexicon: dict[str, tuple[str, str | None]], rates: dict[str, RateWord],
                 signed: frozenset[str], rate_words: WordSet, qualifiers: WordSet,
                 links: WordSet, plan_targets: frozenset[str], subsets: tuple[Subset, ...],
                 remainders: tuple[str, ...], partitions: tuple[tuple[str, ...], ...],
                 segment_end: str, brackets: dict[str, str], bracket_marks: str,
                 quotes_re: re.Pattern[str], quantity_re: re.Pattern[str],
                 lexicon_re: re.Pattern[str], connectors_re: re.Pattern[str],
                 fillers_re: re.Pattern[str]) -> None:
        self.unit_groups = unit_groups
        self.approximate = approximate
        self.lexicon = lexicon
        self.rates = rates
        self.signed = signed
        self.rate_words = rate_words
        self.qualifiers = qualifiers
        self.links = links
        self.plan_targets = plan_targets
        self.subsets = subsets
        self.remainders = remainders
        self.partitions = partitions
        self.segment_end = segment_end
        self.brackets = brackets
        self.bracket_marks = bracket_marks
        self.quotes_re = quotes_re
        self.quantity_re = quantity_re
        self.lexicon_re = lexicon_re
        self.connectors_re = connectors_re
        self.fillers_re = fillers_re

    def wholes_of(self, concept: str) -> tuple[str, ...]:
        return tuple(w for s in self.subsets if s.part == concept for w in s.wholes)


@lru_cache(maxsize=1)
def figures_vocabulary() -> FiguresVocabulary:
    data = load_pack("figures.yaml")
    shape = Shape("checks/figures.yaml")
    keys = ("units", "approximate", "counts", "nouns", "connectors", "rates", "qualifiers",
            "signed", "links", "targets", "changes", "subsets", "breakdown", "segment-end",
            "brackets", "quotes", "fillers")
    shape.mapping(data, "figures.yaml", dict.fromkeys(keys, True))
    units = _unit_groups(shape, data["units"])
    approximate = _approximate(shape, data["approximate"])
    counts = {concept: shape.texts(words, f"counts.{concept}")
              for concept, words in shape.mapping(data["counts"], "counts").items()}
    rates = _rates(shape, data["rates"], counts)
    signed = shape.texts(data["signed"], "signed")
    targets = shape.mapping(data["targets"], "targets", {"words": True, "plans": True})
    breakdown = shape.mapping(data["breakdown"], "breakdown", dict.fromkeys(
        ("markers", "stops", "remainders", "partitions"), True))
    brackets = _pairs(shape, data["brackets"], "brackets")
    lexicon = _lexicon(shape, [
        *((w, COUNT, c) for c, words in counts.items() for w in words),
        *((w, NOUN, None) for w in shape.texts(data["nouns"], "nouns")),
        *((w, RATE, w) for w in [*rates, *signed]),
        *((w, TARGET, None) for w in shape.texts(targets["words"], "targets.words")),
        *((w, CHANGE, None) for w in shape.texts(data["changes"], "changes")),
        *((w, MARKER, None) for w in shape.texts(breakdown["markers"], "breakdown.markers")),
        *((w, STOP, None) for w in shape.texts(breakdown["stops"], "breakdown.stops")),
    ])
    return FiguresVocabulary(
        unit_groups=units,
        approximate=approximate,
        lexicon=lexicon,
        rates=rates,
        signed=frozenset(signed),
        rate_words=WordSet.of([*rates, *signed]),
        qualifiers=WordSet.of(shape.texts(data["qualifiers"], "qualifiers")),
        links=WordSet.of(shape.texts(data["links"], "links")),
        plan_targets=frozenset(shape.texts(targets["plans"], "targets.plans")),
        subsets=_subsets(shape, data["subsets"], counts),
        remainders=tuple(shape.texts(breakdown["remainders"], "breakdown.remainders")),
        partitions=tuple(tuple(shape.texts(p, f"breakdown.partitions[{i}]"))
                         for i, p in enumerate(_list(shape, breakdown["partitions"],
                                                     "breakdown.partitions"))),
        segment_end=shape.text(data["segment-end"], "segment-end"),
        brackets=brackets,
        bracket_marks="".join(brackets) + "".join(brackets.values()),
        quotes_re=compiled("|".join(
            f"{re.escape(a)}[^{re.escape(b)}]*{re.escape(b)}"
            for a, b in _pairs(shape, data["quotes"], "quotes").items())),
        quantity_re=_quantity_pattern(units, approximate),
        lexicon_re=compiled(alternation(lexicon)),
        connectors_re=compiled(
            f"(?:{alternation(shape.texts(data['connectors'], 'connectors'))})*"),
        fillers_re=compiled(
            f"{alternation(shape.texts(data['fillers'], 'fillers'))}|[^\u4e00-\u9fff]"),
    )


def _list(shape: Shape, value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise shape.fail(where, t("应为列表", "expected a list"))
    return value


def _unit_groups(shape: Shape, value: Any) -> dict[str, str]:
    groups: dict[str, str] = {}
    for group, units in shape.mapping(value, "units").items():
        for unit in shape.texts(units, f"units.{group}"):
            if unit in groups:
                raise shape.fail(f"units.{group}", t(f"单位 {brief(unit)} 已在 {groups[unit]} 中",
                                                     f"unit {brief(unit)} is already in {groups[unit]}"))
            groups[unit] = group
    return groups


def _approximate(shape: Shape, value: Any) -> dict[str, dict[str, str]]:
    positions = shape.mapping(value, "approximate", dict.fromkeys(
        ("before", "middle", "after", "vague"), True))
    out: dict[str, dict[str, str]] = {}
    for position, markers in positions.items():
        out[position] = {}
        for marker, kind in shape.mapping(markers, f"approximate.{position}").items():
            if kind not in _KINDS:
                raise shape.fail(f"approximate.{position}.{marker}",
                                 t(f"应为 {'、'.join(_KINDS)} 之一", f"expected one of {', '.join(_KINDS)}"))
            out[position][shape.text(marker, f"approximate.{position}")] = kind
    return out


def _rates(shape: Shape, value: Any, counts: dict[str, list[str]]) -> dict[str, RateWord]:
    rates = {}
    for name, spec in shape.mapping(value, "rates").items():
        spec = shape.mapping(spec or {}, f"rates.{name}",
                             {"numerator": False, "denominator": False})
        roles = {}
        for role in ("numerator", "denominator"):
            roles[role] = tuple(shape.texts(spec.get(role, []), f"rates.{name}.{role}"))
            _known_concepts(shape, roles[role], counts, f"rates.{name}.{role}")
        if bool(roles["numerator"]) != bool(roles["denominator"]):
            raise shape.fail(f"rates.{name}", t("分子和分母应同时给出或同时省略",
                                                "give both numerator and denominator, or neither"))
        rates[name] = RateWord(name, roles["numerator"], roles["denominator"])
    return rates


def _subsets(shape: Shape, value: Any, counts: dict[str, list[str]]) -> tuple[Subset, ...]:
    out = []
    for i, item in enumerate(_list(shape, value, "subsets")):
        where = f"subsets[{i}]"
        spec = shape.mapping(item, where, {"part": True, "whole": True})
        part = shape.text(spec["part"], f"{where}.part")
        wholes = tuple(shape.texts(spec["whole"], f"{where}.whole"))
        _known_concepts(shape, (part, *wholes), counts, where)
        out.append(Subset(part, wholes))
    return tuple(out)


def _known_concepts(shape: Shape, concepts: tuple[str, ...], counts: dict, where: str) -> None:
    for concept in concepts:
        if concept not in counts:
            raise shape.fail(where, t(f"{brief(concept)} 不是 counts 中的键",
                                      f"{brief(concept)} is not a key of counts"))


def _pairs(shape: Shape, value: Any, where: str) -> dict[str, str]:
    return {shape.text(k, where): shape.text(v, f"{where}.{k}")
            for k, v in shape.mapping(value, where).items()}


def _lexicon(shape: Shape, entries: list[tuple[str, str, str | None]]
             ) -> dict[str, tuple[str, str | None]]:
    lexicon: dict[str, tuple[str, str | None]] = {}
    for word, kind, value in entries:
        if word in lexicon and lexicon[word] != (kind, value):
            raise shape.fail(kind, t(f"{brief(word)} 重复列出（{lexicon[word][0]} 和 {kind}）",
                                      f"{brief(word)} is listed twice ({lexicon[word][0]} and {kind})"))
        lexicon[word] = (kind, value)
    return lexicon


def _quantity_pattern(units: dict[str, str], approx: dict[str, dict[str, str]]) -> re.Pattern[str]:
    numeral = "零〇一二两三四五六七八九十百千万亿"
    number = (r"(?P<ar>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+(?:\.[0-9]+)?)(?P<scale>[万亿]?)"
              rf"|(?P<cn>[一二两三四五六七八九十][{numeral}]*)"
              rf"|(?P<vague>{alternation(approx['vague'])})(?P<bare>[十百千万])")
    # a cheap first test: the scan rejects most positions on their first character
    first = "".join(sorted({w[0] for w in [*approx["before"], *approx["vague"]]}
                           | set("-负0123456789一二两三四五六七八九十百")))
    return compiled(
        rf"(?=[{re.escape(first)}])"
        # not inside a number, not an ordinal (第3次), not the end of a range (3-5人)
        rf"(?<![第0-9.{numeral}])(?<![0-9][-~—～])"
        rf"(?:(?P<before>{alternation(approx['before'])})?(?P<sign>[-负])?(?:{number})"
        rf"(?P<middle>{alternation(approx['middle'])})?(?P<unit>{alternation(units)}|%)"
        rf"|百分之(?P<pct>[{numeral}]+(?:点[{numeral}]+)?))"
        rf"(?P<after>{alternation(approx['after'])})?"
    )


# --- what a sentence states ------------------------------------------------------------------
class Quantity:
    """A number with its unit. Offsets are in ``Document.text``; ``low``–``high`` is where the
    true value lies given the approximation marker (equal to ``value`` for an exact count)."""

    __slots__ = ("text", "figure", "start", "end", "value", "unit", "group", "decimals", "approx",
                 "low", "high", "clause", "segment", "counts", "word", "thing", "change", "target")
    text: str  # as written: 三万余份, 98.5%, 600余人次
    figure: str  # the number with its markers, no unit: 三万余, 约600, 98.5
    start: int
    end: int
    value: float  # a percentage holds its percent value (98.5)
    unit: str  # 件, 人次 … or % (for ％ and 百分之… too)
    group: str  # the unit's group in figures.yaml; "percent" for %
    decimals: int  # digits after the decimal point as written
    approx: str | None  # the approximation markers as written (余, 约, 以上 …)
    low: float
    high: float
    clause: int  # index of its clause in the sentence
    segment: int  # index of its ；-segment in the sentence
    counts: str | None  # what it counts (a key of counts: 排查, 化解 …); None: unknown
    word: str | None  # the word it counts, as written (成功化解)
    thing: str  # what it counts, written between word and number (矛盾纠纷), fillers out
    change: bool  # a difference (同比增长120%, 较上年增加5件), not a count
    target: bool  # a target (不少于40次, 提升至95%), not a measurement

    def __init__(self, text: str, figure: str, start: int, end: int, value: float, unit: str,
                 group: str, decimals: int, approx: str | None, low: float, high: float,
                 clause: int, segment: int) -> None:
        self.text = text
        self.figure = figure
        self.start = start
        self.end = end
        self.value = value
        self.unit = unit
        self.group = group
        self.decimals = decimals
        self.approx = approx
        self.low = low
        self.high = high
        self.clause = clause
        self.segment = segment
        self.counts = None
        self.word = None
        self.thing = ""
        self.change = False
        self.target = False

    @property
    def is_percent(self) -> bool:
        return self.unit == PERCENT

    @property
    def measured(self) -> bool:
        """A count that states what happened: not a percentage, a difference or a target."""
        return self.unit != PERCENT and not self.change and not self.target

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def same_thing(self, other: Quantity) -> bool:
        """Whether two counts may count the same things: yes unless both name what they count
        and the names share no character (信访事项 and 行政复议案件 do not; 纠纷 and 矛盾纠纷 do)."""
        return not self.thing or not other.thing or not set(self.thing).isdisjoint(other.thing)


class Rate:
    """A percentage with the rate word before it (化解率达98%)."""

    __slots__ = ("word", "name", "capped", "signed", "start", "quantity")
    word: str  # as written, with a qualifier if any: 化解率, 按期办结率
    name: str | None  # the rate in figures.yaml it is; None when qualified or unknown
    capped: bool  # a proportion, 0–100%
    signed: bool  # a growth rate, which may be negative
    start: int  # offset of the rate word
    quantity: Quantity

    def __init__(self, word: str, name: str | None, capped: bool, signed: bool, start: int,
                 quantity: Quantity) -> None:
        self.word = word
        self.name = name
        self.capped = capped
        self.signed = signed
        self.start = start
        self.quantity = quantity


class Breakdown:
    """A total and the parts a 其中 clause splits it into."""

    __slots__ = ("marker", "total", "parts", "labels", "exhaustive")
    marker: int  # offset of 其中
    total: Quantity
    parts: list[Quantity]
    labels: list[str]  # what each part is (镇级, 村级)
    exhaustive: bool  # the parts name every member of a partition, or end with 其余/其他

    def __init__(self, marker: int, total: Quantity, parts: list[Quantity], labels: list[str],
                 exhaustive: bool) -> None:
        self.marker = marker
        self.total = total
        self.parts = parts
        self.labels = labels
        self.exhaustive = exhaustive


class SentenceFigures:
    __slots__ = ("text", "offset", "plans", "quantities", "rates", "breakdowns", "previous")
    text: str
    offset: int
    plans: bool  # in the plans part, where figures with 以上 are targets
    quantities: list[Quantity]
    # tuples: most sentences have none, and the empty tuple is allocated once, not per sentence
    # (the garbage collector walks every object a large document keeps)
    rates: tuple[Rate, ...]
    breakdowns: tuple[Breakdown, ...]
    # the figures of the sentence right before, in the same paragraph (a rate stated on its
    # own after its counts: 调解1265件，调解成功1241件。调解成功率98.1%。)
    previous: SentenceFigures | None

    def __init__(self, text: str, offset: int, plans: bool, quantities: list[Quantity],
                 previous: SentenceFigures | None) -> None:
        self.text = text
        self.offset = offset
        self.plans = plans
        self.quantities = quantities
        self.rates = ()
        self.breakdowns = ()
        self.previous = previous


class FiguredText(Protocol):
    """What this stage reads of a document (a Document is one): its text, vocabulary,
    sentences and parts (the plans part reads 以上 as a target)."""

    text: str
    vocabulary: DocumentVocabulary

    @property
    def sentences(self) -> list[Sentence]: ...

    @property
    def parts(self) -> PartMatch: ...


def extract_figures(doc: FiguredText) -> list[SentenceFigures]:
    """The figures of every sentence that states at least one quantity."""
    with _collector_paused():
        return _read_sentences(doc)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while the figures are read. They are acyclic (a figure refers to
    earlier ones only), so a collection frees nothing; yet the hundreds of thousands of objects
    they add to a large document trigger full collections that walk the whole document again
    (200,000 lines: 0.4 s of the 2.1 s this stage takes)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_sentences(doc: FiguredText) -> list[SentenceFigures]:
    vocab = figures_vocabulary()
    stops = doc.vocabulary.clause_end + doc.vocabulary.sentence_end
    plans = LineRanges(plan_lines(doc))
    # most documents have no full-width digit: then no piece needs a look for one
    to_half_width = half_width if _FULL_WIDTH.search(doc.text) else str
    out = []
    paragraph = None
    previous: SentenceFigures | None = None  # the figures of the piece before, same paragraph
    for sentence in doc.sentences:
        if sentence.paragraph is not paragraph:
            paragraph, previous = sentence.paragraph, None
            in_plans = paragraph.line in plans
        for text, start in _pieces(sentence.text, sentence.offset, stops):
            norm = to_half_width(doc.text[start : start + len(text)])
            figures = read_sentence(text, start, in_plans, stops, vocab, norm, previous)
            if figures is not None:
                out.append(figures)
            previous = figures
    return out


def half_width(text: str) -> str:
    """``text`` with full-width digits and marks made half-width. Translated only when it has
    one: translate looks up every character (a quarter second for 12 MB)."""
    return text.translate(_WIDTH) if _FULL_WIDTH.search(text) else text


# A "sentence" longer than this (a pasted table, a paragraph with no 。) is read in pieces that
# end at a clause mark: pairing counts hundreds of characters apart is guesswork, and the
# pairing work grows with the square of a sentence's figures.
LONGEST_SENTENCE = 300


def _pieces(text: str, offset: int, stops: str) -> Iterator[tuple[str, int]]:
    """``text`` (starting at ``offset``) in pieces of at most LONGEST_SENTENCE characters."""
    start = 0
    while len(text) - start > LONGEST_SENTENCE:
        limit = start + LONGEST_SENTENCE
        cut = max(text.rfind(mark, start, limit) for mark in stops)
        end = cut + 1 if cut > start else limit
        yield text[start:end], offset + start
        start = end
    yield text[start:], offset + start


def _closing_count(figures: SentenceFigures | None) -> Quantity | None:
    """The measured count that ends a sentence (共24个。), which a next sentence opening with
    其中 breaks down."""
    if figures is None or not figures.quantities:
        return None
    last = figures.quantities[-1]
    rest = figures.text[last.end - figures.offset :]
    return last if last.measured and not any(c.isalnum() for c in rest) else None


def plan_lines(doc: FiguredText) -> list[tuple[int, int]]:
    """Line ranges of the profile parts that speak of the next year (the plans)."""
    return [(h.line, h.end_line) for h in doc.parts.headings_of_year("next")]


class LineRanges:
    """Line ranges in order and disjoint (top-level sections): whether a line is in one is a
    binary search, not a test of every range for every sentence."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in ranges]
        self.ends = [end for _, end in ranges]

    def __contains__(self, line: int) -> bool:
        index = bisect.bisect_right(self.starts, line) - 1
        return index >= 0 and line <= self.ends[index]


def read_sentence(text: str, offset: int = 0, plans: bool = False, clause_end: str | None = None,
                  vocab: FiguresVocabulary | None = None, norm: str | None = None,
                  previous: SentenceFigures | None = None) -> SentenceFigures | None:
    """Read one sentence; None when it states no quantity. ``offset`` is where it starts,
    ``norm`` the text with full-width digits made half-width (computed when not given),
    ``previous`` the figures of the sentence before in its paragraph (a leading 其中 breaks
    down the count that ended it)."""
    vocab = vocab or figures_vocabulary()
    norm = half_width(text) if norm is None else norm
    matches = list(vocab.quantity_re.finditer(norm))
    if not matches:
        return None
    if clause_end is None:
        words = document_vocabulary()
        clause_end = words.clause_end + words.sentence_end
    reader = _SentenceReader(text, norm, offset, plans, clause_end, vocab, previous)
    quantities = [q for m in matches if (q := reader.quantity(m)) is not None]
    if not quantities:
        return None
    reader.bind(quantities)
    figures = SentenceFigures(text, offset, plans, quantities, previous)
    figures.rates = tuple([r for q in quantities if q.is_percent and (r := reader.rate(q))])
    figures.breakdowns = tuple(reader.breakdowns(quantities, figures.rates))
    return figures


# the groups of quantity_re that hold an approximation marker, in the order they are written
_MARKER_GROUPS = ("before", "vague", "middle", "after")


class _Hit:
    __slots__ = ("start", "end", "word", "kind", "value")
    start: int
    end: int
    word: str
    kind: str
    value: str | None

    def __init__(self, start: int, end: int, word: str, kind: str, value: str | None) -> None:
        self.start = start
        self.end = end
        self.word = word
        self.kind = kind
        self.value = value


class _SentenceReader:
    """One sentence's text, clauses and words; positions here are local to the sentence."""

    def __init__(self, raw: str, norm: str, offset: int, plans: bool, clause_end: str,
                 vocab: FiguresVocabulary, previous: SentenceFigures | None = None) -> None:
        self.raw = raw  # as written, for the texts the messages quote
        self.previous = previous
        self.text = norm  # full-width digits and marks made half-width
        self.offset = offset
        self.plans = plans
        self.vocab = vocab
        self.clause_bounds = _positions(norm, clause_end + vocab.bracket_marks)
        self.segment_bounds = _segment_bounds(norm, vocab.segment_end)
        self.quoted = [(m.start(), m.end() - 1) for m in vocab.quotes_re.finditer(norm)]
        self.hits = self._words()

    def _words(self) -> list[_Hit]:
        """The lexicon's words in the sentence, longest match first, none inside quotes."""
        lexicon, quoted = self.vocab.lexicon, self.quoted
        hits = []
        for m in self.vocab.lexicon_re.finditer(self.text):
            start, end = m.span()
            if not (quoted and self.in_quotes(start)):  # most sentences quote nothing
                word = m.group()
                hits.append(_Hit(start, end, word, *lexicon[word]))
        return hits

    # positions ------------------------------------------------------------------------------
    def in_quotes(self, pos: int) -> bool:
        return bool(self.quoted) and any(a < pos < b for a, b in self.quoted)

    def clause_of(self, pos: int) -> int:
        return bisect.bisect_right(self.clause_bounds, pos)

    def clause_span(self, index: int) -> tuple[int, int]:
        bounds = self.clause_bounds
        start = bounds[index - 1] + 1 if index > 0 else 0
        return start, bounds[index] if index < len(bounds) else len(self.text)

    def local(self, q: Quantity) -> tuple[int, int]:
        return q.start - self.offset, q.end - self.offset

    def hits_between(self, start: int, end: int, kinds: tuple[str, ...]) -> list[_Hit]:
        return [h for h in self.hits if start <= h.start and h.end <= end and h.kind in kinds]

    # quantities ---------------------------------------------------------------------------
    def quantity(self, m: re.Match[str]) -> Quantity | None:
        start, end = m.span()
        if self.quoted and self.in_quotes(start):
            return None  # part of a name or a title: “百日攻坚30场”行动, 《2024年要点》
        groups = m.groupdict()
        parsed = _number(groups)
        if parsed is None:
            return None
        value, decimals = parsed
        if groups["unit"]:
            unit, figure_end = groups["unit"], m.start("unit")
        else:  # 百分之…
            unit, figure_end = PERCENT, m.end("pct")
        group = "percent" if unit == PERCENT else self.vocab.unit_groups[unit]
        markers = [(p, groups[p]) for p in _MARKER_GROUPS if groups[p]]
        if markers:
            low, high = self._bounds(value, decimals, unit, markers)
            approx = "".join([marker for _, marker in markers])
        else:
            low = high = value
            approx = None
        # positional (text, figure, start, end, value, unit, group, decimals, approx, low, high,
        # clause, segment): a third of the cost of keywords, for every figure of a report
        return Quantity(self.raw[start:end], self.raw[start:figure_end], start + self.offset,
                        end + self.offset, value, unit, group, decimals, approx, low, high,
                        self.clause_of(start), bisect.bisect_right(self.segment_bounds, start))

    def _bounds(self, value: float, decimals: int, unit: str, markers: list[tuple[str, str]]
                ) -> tuple[float, float]:
        """Where the true value lies, given its approximation markers (position, marker)."""
        kinds = [self.vocab.approximate[position][marker] for position, marker in markers]
        step = 10.0 ** -decimals if decimals or unit == PERCENT else _step(value)
        return _interval(value, kinds, step, floor=0.0 if unit != PERCENT else -INF)

    # what each quantity counts ---------------------------------------------------------------
    def bind(self, quantities: list[Quantity]) -> None:
        by_clause: dict[int, list[Quantity]] = {}
        for q in quantities:
            by_clause.setdefault(q.clause, []).append(q)
        for clause, members in by_clause.items():
            previous_end, clause_end = self.clause_span(clause)
            last = members[-1]
            for q in members:
                start, end = self.local(q)
                window = self.hits_between(previous_end, start, (COUNT, NOUN, TARGET, CHANGE))
                kinds = {h.kind for h in window}
                q.change = CHANGE in kinds
                q.target = TARGET in kinds or (self.plans and self._plan_target(q))
                if not q.is_percent:
                    self._bind_one(q, window, (end, clause_end) if q is last else None)
                previous_end = end

    def _plan_target(self, q: Quantity) -> bool:
        """In the plans part, 以上 and the like make a count a target (开展培训10次以上)."""
        return bool(q.approx) and any(w in q.approx for w in self.vocab.plan_targets)

    def _bind_one(self, q: Quantity, window: list[_Hit], after: tuple[int, int] | None) -> None:
        words = [h for h in window if h.kind in (COUNT, NOUN)]
        if words:
            hit = words[-1]
            if hit.kind == COUNT and not self._in_verb_pair(hit):
                q.counts, q.word = hit.value, hit.word
                written = self.raw[hit.end : self.local(q)[0]]
                q.thing = self.vocab.fillers_re.sub("", written)
            return
        # 2名干部参加考试: a count that ends its clause, with no verb before it, takes the next
        # verb, unless a noun stands between (17个调解组织共调处…).
        if after is None or after[0] >= after[1] or self.text[after[0]] < "\u4e00":
            return
        following = self.hits_between(after[0], after[1], (COUNT, NOUN))
        if following and following[0].kind == COUNT and not self._in_verb_pair(following[0]):
            q.counts, q.word = following[0].value, following[0].word

    def _in_verb_pair(self, hit: _Hit) -> bool:
        """排查化解, 受理、办结: the verb is one of a pair joined by nothing or a connector."""
        for other in self.hits:
            if other is hit or other.kind != COUNT or other.value == hit.value:
                continue
            a, b = (other, hit) if other.start < hit.start else (hit, other)
            if a.end <= b.start and self.vocab.connectors_re.fullmatch(self.text, a.end, b.start):
                return True
        return False

    # rates -------------------------------------------------------------------------------
    def rate(self, q: Quantity) -> Rate | None:
        """The rate a percentage belongs to: a rate word before it, linked by 达/为/保持在 …"""
        end = self.local(q)[0]
        while link := self.vocab.links.ending_at(self.text, end):
            end -= len(link)
        # by suffix, not from the word scan: in 考试通过率 the scan took 考试通过 as a verb
        word = self.vocab.rate_words.ending_at(self.text, end)
        if word is not None:
            start = end - len(word)
            qualifier = self.vocab.qualifiers.ending_at(self.text, start) or ""
            start -= len(qualifier)
            capped = word in self.vocab.rates
            name = word if capped and not qualifier else None
            return Rate(self.raw[start:end], name, capped, word in self.vocab.signed,
                        start + self.offset, q)
        if end > 0 and self.text[end - 1] == "率":
            start = end - 1
            while start > 0 and end - start < 6 and "\u4e00" <= self.text[start - 1] <= "\u9fff":
                start -= 1
            return Rate(self.raw[start:end], None, False, False, start + self.offset, q)
        return None

    # 其中 -----------------------------------------------------------------------------------
    def breakdowns(self, quantities: list[Quantity], rates: tuple[Rate, ...]) -> Iterator[Breakdown]:
        for marker in (h for h in self.hits if h.kind == MARKER):
            before = [q for q in quantities if self.local(q)[1] <= marker.start]
            if not before:
                total = self._carried_total(marker)
                if total is None:
                    continue
            elif not before[-1].measured:
                continue
            else:
                total = before[-1]
                if total.segment != bisect.bisect_right(self.segment_bounds, marker.start):
                    continue
            parts, labels, clean = self._parts(marker, total, quantities, rates)
            if parts:
                exhaustive = clean and len(parts) > 1 and self._exhaustive(labels)
                yield Breakdown(marker.start + self.offset, total, parts, labels, exhaustive)

    def _carried_total(self, marker: _Hit) -> Quantity | None:
        """The previous sentence's closing count, when this sentence opens with 其中."""
        lead = self.text[: marker.start]
        return _closing_count(self.previous) if not any(c.isalnum() for c in lead) else None

    def _parts(self, marker: _Hit, total: Quantity, quantities: list[Quantity],
               rates: tuple[Rate, ...]) -> tuple[list[Quantity], list[str], bool]:
        """The parts after 其中, and whether the run ended cleanly (not on a conflict)."""
        limit = self._breakdown_end(marker)
        rate_starts = [r.start - self.offset for r in rates]
        parts: list[Quantity] = []
        labels: list[str] = []
        previous = marker.end
        for q in quantities:
            start, end = self.local(q)
            if start < marker.end:
                continue
            if end > limit:
                break
            interrupted = self.hits_between(previous, start, (STOP, MARKER, RATE)) or any(
                previous <= r < start for r in rate_starts)
            if interrupted or not q.measured or q.group != total.group:
                break  # 另有…, a rate, a difference or another kind of count ends the parts
            if parts and q.clause == parts[-1].clause:
                return parts, labels, False  # two counts in one clause: not one part each
            label_start = marker.end if not parts else self.clause_span(q.clause)[0]
            parts.append(q)
            labels.append(self.raw[label_start:start])
            previous = end
        return parts, labels, True

    def _breakdown_end(self, marker: _Hit) -> int:
        """Where the parts end: the closing bracket of a （其中…） aside, else the segment."""
        clause_start = self.clause_span(self.clause_of(marker.start))[0]
        opener = self.text[clause_start - 1] if clause_start > 0 else ""
        if opener in self.vocab.brackets:
            close = self.text.find(self.vocab.brackets[opener], marker.end)
            if close >= 0:
                return close
        segment = bisect.bisect_right(self.segment_bounds, marker.start)
        bounds = self.segment_bounds
        return bounds[segment] if segment < len(bounds) else len(self.text)

    def _exhaustive(self, labels: list[str]) -> bool:
        if any(w in labels[-1] for w in self.vocab.remainders):
            return True
        for members in self.vocab.partitions:
            if len(members) != len(labels):
                continue
            found = [[m for m in members if m in label] for label in labels]
            if all(len(f) == 1 for f in found) and len({f[0] for f in found}) == len(members):
                return True
        return False


def _segment_bounds(text: str, segment_end: str) -> list[int]:
    """Where the ；-segments of a sentence end: at ； and before each 一是/二是 item, which holds
    its own figures."""
    bounds = _positions(text, segment_end)
    if "是" in text:  # no item without it: skip the item scan in most sentences
        bounds = sorted(bounds + [item.start - 1 for item in enumeration_items(text)
                                  if item.start > 0])
    return bounds


def _positions(text: str, chars: str) -> list[int]:
    return [m.start() for m in _char_class(chars).finditer(text)]


@cache
def _char_class(chars: str) -> re.Pattern[str]:
    return compiled(f"[{re.escape(chars)}]")


# --- numbers -----------------------------------------------------------------------------
def _number(groups: dict[str, str | None]) -> tuple[float, int] | None:
    """(value, decimals) of a quantity match's groups; None for what is not a numeral."""
    sign = -1 if groups["sign"] else 1
    if groups["ar"] is not None:
        digits = groups["ar"].replace(",", "")
        decimals = len(digits.partition(".")[2])
        scale = LARGE_UNITS.get(groups["scale"] or "", 1)
        return sign * float(digits) * scale, 0 if scale > 1 else decimals
    if groups["pct"] is not None:
        whole, _, fraction = groups["pct"].partition("点")
        value = chinese_number(whole)
        if value is None or any(c not in DIGITS for c in fraction):
            return None
        digits = "".join(str(DIGITS[c]) for c in fraction)
        return value + (float("0." + digits) if digits else 0.0), len(digits)
    value = chinese_number(groups["cn"] or groups["bare"] or "")
    return (sign * value, 0) if value is not None else None


def _step(value: float) -> float:
    """One unit of the last stated digit of a whole count: 600 → 100, 152 → 1."""
    n = int(abs(value))
    step = 1
    while n and n % (step * 10) == 0:
        step *= 10
    return float(step)


def _interval(value: float, kinds: list[str], step: float, floor: float) -> tuple[float, float]:
    """Where the true value lies, given the approximation markers (widest of them)."""
    if not kinds:
        return value, value
    bounds = {
        "about": (value - step, value + step),
        "above": (value, value + step),
        "at-least": (value, INF),
        "near": (value - step, value),
        "at-most": (floor, value),
    }
    lows, highs = zip(*(bounds[k] for k in kinds))
    return max(min(lows), floor), max(highs)
