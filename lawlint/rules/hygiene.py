"""Hygiene rules: mechanical slips a reviewer sends back (LL601–LL608).

Placeholders, web and converter residue, punctuation width, stray Latin words, doubled
characters, broken paragraphs, run-on clauses and stray spaces. Patterns and allowlists live in
checks/hygiene.yaml and checks/residue.yaml. LL602, LL603 and LL608 carry certain fixes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import t
from ..model.grammar import parse_heading
from ..model.packs import PackError, Shape, brief, load_pack
from ..regexes import compiled
from . import Edit, Finding, Fix, Rule, register

if TYPE_CHECKING:
    from ..model.document import Document, Paragraph, Span
    from ..model.outline import Heading

HAN = "\u4e00-\u9fff\u3400-\u4dbf"
# Full-width punctuation and forms that mark Chinese text around a half-width mark or a space.
_CJK_MARKS = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—·％"
_SPACES = " \u3000\xa0"  # the no-break space comes with text copied from web pages
_BOOK = compiled(r"《[^《》\n]*》")
_PARENS = compiled(r"[()]")
# Half-width marks judged by their own rules, not one by one beside Chinese: parentheses and
# quotes in pairs, the full stop only after Chinese (3.15, 1.落实 and www.gov.cn stay).
_PAIRED = '()."'
_QUOTES = ("“", "”")
_CN_NUMERAL_RUN = compiled(r"[ \u3000\t]*[一二三四五六七八九十]+")
_NUMERALS = set("一二三四五六七八九十〇零百千万亿两")


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def is_cjk(char: str | None) -> bool:
    """A Han character or a full-width mark: the text around it is Chinese."""
    return char is not None and (is_han(char) or char in _CJK_MARKS)


def _shown(text: str, limit: int = 20) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


# --- the rule pack ---------------------------------------------------------------------------
class HygieneVocabulary:
    __slots__ = ("placeholders", "placeholder_hint", "full_width", "half_marks", "half_singles",
                 "latin_allow", "latin_words", "reduplication", "function_chars",
                 "doubled_punctuation", "standalone_verbs", "list_starts", "units")
    placeholders: tuple[re.Pattern[str], ...]
    placeholder_hint: re.Pattern[str]  # a line holds a placeholder only if this matches
    full_width: dict[str, str]
    half_marks: re.Pattern[str]  # any half-width mark of full_width
    half_singles: re.Pattern[str]  # the marks other than ( and ), judged one by one
    latin_allow: frozenset[str]
    latin_words: frozenset[str]
    reduplication: tuple[str, ...]
    function_chars: frozenset[str]
    doubled_punctuation: frozenset[str]
    standalone_verbs: frozenset[str]  # 任 of 主任任副主任: a word's last character, then a verb
    list_starts: tuple[str, ...]
    units: frozenset[str]

    def __init__(self, placeholders: tuple[re.Pattern[str], ...], placeholder_hint: re.Pattern[str],
                 full_width: dict[str, str], half_marks: re.Pattern[str],
                 half_singles: re.Pattern[str], latin_allow: frozenset[str],
                 latin_words: frozenset[str], reduplication: tuple[str, ...],
                 function_chars: frozenset[str], doubled_punctuation: frozenset[str],
                 standalone_verbs: frozenset[str], list_starts: tuple[str, ...],
                 units: frozenset[str]) -> None:
        self.placeholders = placeholders
        self.placeholder_hint = placeholder_hint
        self.full_width = full_width
        self.half_marks = half_marks
        self.half_singles = half_singles
        self.latin_allow = latin_allow
        self.latin_words = latin_words
        self.reduplication = reduplication
        self.function_chars = function_chars
        self.doubled_punctuation = doubled_punctuation
        self.standalone_verbs = standalone_verbs
        self.list_starts = list_starts
        self.units = units


@lru_cache(maxsize=1)
def hygiene_vocabulary() -> HygieneVocabulary:
    data = load_pack("hygiene.yaml")
    shape = Shape("checks/hygiene.yaml")
    shape.mapping(data, "hygiene.yaml",
                  {"placeholders": True, "placeholder-hint": True, "full-width": True,
                   "latin-allow": True, "latin-words": True, "repeated": True,
                   "list-starts": True, "units": True})
    sources = shape.texts(data["placeholders"], "placeholders")
    patterns = tuple(shape.pattern(p, f"placeholders[{i}]") for i, p in enumerate(sources))
    widths = shape.mapping(data["full-width"], "full-width")
    for half, full in widths.items():
        if len(shape.text(half, "full-width")) != 1 or len(
                shape.text(full, f"full-width.{half}")) != 1:
            raise shape.fail(f"full-width.{half}", t("应为一个字符对应一个字符",
                                                      "expected one character mapped to one character"))
    repeated = shape.mapping(data["repeated"], "repeated",
                             {"allow": True, "function-chars": True, "punctuation": True,
                              "verbs": False})
    hint = shape.pattern(data["placeholder-hint"], "placeholder-hint")
    return HygieneVocabulary(
        patterns,
        hint,
        dict(widths),
        compiled(f"[{re.escape(''.join(widths))}]"),
        compiled(f"[{re.escape(''.join(m for m in widths if m not in _PAIRED))}]"),
        frozenset(w.lower() for w in shape.texts(data["latin-allow"], "latin-allow")),
        frozenset(w.lower() for w in shape.texts(data["latin-words"], "latin-words")),
        tuple(_reduplications(shape, shape.text(repeated["allow"], "repeated.allow"))),
        frozenset(shape.text(repeated["function-chars"], "repeated.function-chars")),
        frozenset(shape.text(repeated["punctuation"], "repeated.punctuation")),
        frozenset(shape.text(repeated["verbs"], "repeated.verbs") if "verbs" in repeated else ""),
        tuple(shape.texts(data["list-starts"], "list-starts")),
        frozenset(shape.text(data["units"], "units")),
    )


def _reduplications(shape: Shape, text: str) -> list[str]:
    words = text.split()
    for word in words:
        half = len(word) // 2
        if not any(a == b for a, b in zip(word, word[1:])) and word[:half] != word[half:]:
            raise shape.fail("repeated.allow", t(f"{brief(word)} 中没有重复的字或词",
                                                  f"{brief(word)} holds no doubled character or word"))
    return words


def _delete_lines(doc: Document, first: int, last: int) -> Fix:
    """Remove lines first..last with their line ends."""
    start = doc.offset(first)
    end = doc.offset(last + 1) if last < len(doc.lines) else len(doc.text)
    return Fix((Edit(start, end, ""),))


def _span_of(doc: Document, fix: Fix) -> Span:
    """The span a one-edit fix deletes: whole lines with their line ends, so the finding covers
    exactly what --fix removes (up to column 1 of the next line)."""
    edit = fix.edits[0]
    return doc.span(edit.start, edit.end)


def book_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _BOOK.finditer(text)] if "《" in text else []


_QUOTED = compiled("“([^“”\n]*)”")
_SLOGAN_HALF = 4  # 平安建设护航发展: the shortest phrase a slogan's half is written as


def _slogan_spans(text: str) -> list[tuple[int, int]]:
    """Quotations whose spaces part phrases (“法治宣传进万家 平安建设护航发展”): a slogan or a
    theme is printed that way; a space beside a shorter piece (“法律 进乡村”) is a slip."""
    if "“" not in text:
        return []
    spans = []
    for match in _QUOTED.finditer(text):
        parts = _SPACE_RUN.split(match.group(1).strip(_SPACES))
        if len(parts) > 1 and all(len(part) >= _SLOGAN_HALF for part in parts):
            spans.append(match.span())
    return spans


class Spans:
    """Column ranges [start, end) on a line, merged and in order: whether a column is inside one
    is a binary search (a long line holds thousands of 《》 titles or dates)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def __contains__(self, index: int) -> bool:
        at = bisect.bisect_right(self._starts, index) - 1
        return at >= 0 and index < self._ends[at]

    def __bool__(self) -> bool:
        return bool(self._starts)


def _neighbour(text: str, index: int, step: int) -> str | None:
    """The nearest character before (step -1) or after (step 1) ``index`` that is not a space."""
    index += step
    while 0 <= index < len(text):
        if text[index] not in _SPACES:
            return text[index]
        index += step
    return None


# --- LL601 -----------------------------------------------------------------------------------
@register
class Placeholder(Rule):
    """模板占位符没有替换：XX镇、××、〇〇、***、召开会议*次、20xx年、X月X日、某某、＿＿。

    为什么：照模板填写时漏改的占位符会原样出现在正式发布的报告里，是最容易被退回的问题。
    也包括 X次、空着的成文日期（年  月  日）、空括号（【 】份）、数字处的空白（合同　　份）
    和（姓名）之类的填写提示。规则见 checks/hygiene.yaml 的 placeholders；二〇〇〇年、
    Markdown 的 **加粗** 不算。

    示例（错误）::

        20XX年，XX镇共召开专题会议*次。
    """

    doc_en = """Template placeholders left in place: XX镇, ××, 〇〇, ***, 召开会议*次, 20xx年, X月X日, 某某,
    ＿＿.

    Why: placeholders missed when filling in a template appear as they are in the published
    report, and are the problem most likely to get a report sent back. Also X次, an empty date
    (年  月  日), empty brackets (【 】份), a blank where a figure belongs (合同　　份) and
    fill-in hints such as （姓名）. The patterns are in the ``placeholders`` of
    checks/hygiene.yaml; 二〇〇〇年 and Markdown **bold** do not count.

    Example (error)::

        20XX年，XX镇共召开专题会议*次。
    """

    code = "LL601"
    name = "placeholder"
    severity = "error"
    messages = {
        "placeholder": ("模板占位符“{text}”未替换为实际内容",
                        "template placeholder {text} was never filled in"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        vocab = hygiene_vocabulary()
        if not vocab.placeholder_hint.search(doc.text):
            return
        residue = doc.residue
        for number, line in enumerate(doc.lines, 1):
            if number in residue.lines or not vocab.placeholder_hint.search(line):
                continue
            spans = sorted(m.span() for p in vocab.placeholders for m in p.finditer(line)
                           if m.end() > m.start())
            base = doc.offset(number)
            for start, end in _merge(spans, gap=1):
                yield self.report(doc.span(base + start, base + end), "placeholder",
                                  text=line[start:end])


def _merge(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Sorted spans joined when they overlap or stand at most ``gap`` characters apart
    (X月X日 is one placeholder)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + gap:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# --- LL602 -----------------------------------------------------------------------------------
@register
class WebResidue(Rule):
    """网页或文档转换的残留：扫一扫…、来源：、附件下载、页面时间戳、[bookmark: …]、重复的标题。

    为什么：从政府网站复制已发布的报告时，常把页面上的分享提示、来源、时间戳一起带进来；
    文档转换工具会留下书签标记。这些都不是报告正文。也包括页面导航（当前位置：首页 > …）、
    网站页脚（主办单位、版权所有、ICP备案号）和转换留下的页码（- 3 -、第3页 共10页），以及
    文档分享网站把全文切成几页后加在每页行首的页码（1、…… 2、……：各行按序编号，除末行外都
    很长且断在句中；这样的行不当作标题）和同一行里紧挨着印了两遍的标题。

    示例（错误）::

        青石镇2024年法治政府建设情况报告
        时间：2025-02-05 08:10          ← 网页时间戳
        ……
        扫一扫在手机打开当前页           ← 网页分享提示

    修复：--fix 删除整行残留（连同换行），或只删除行内的转换标记；重复的标题整段删除。
    """

    doc_en = """Residue of web pages or document conversion: 扫一扫…, 来源：, 附件下载, page timestamps,
    [bookmark: …], a repeated title.

    Why: copying a published report from a government website often brings along the page's share
    prompts, source line and timestamp; conversion tools leave bookmark marks. None of it is
    report text. Also page navigation (当前位置：首页 > …), site footers (主办单位, 版权所有, ICP
    registration numbers), page numbers left by conversion (- 3 -, 第3页 共10页), the page numbers
    document-sharing sites put at the start of each page when they cut a text into pages (1、……
    2、……: lines numbered in order, all but the last very long and broken mid-sentence; such lines
    are not taken as headings), and a title printed twice in a row on one line.

    Example (error)::

        青石镇2024年法治政府建设情况报告
        时间：2025-02-05 08:10          ← 网页时间戳
        ……
        扫一扫在手机打开当前页           ← 网页分享提示

    Fix: --fix deletes whole residue lines (with their line ends), or only the conversion marks
    within a line; a repeated title is deleted whole.
    """

    code = "LL602"
    name = "web-residue"
    severity = "warning"
    fixable = True
    messages = {
        "line": ("网页残留“{text}”，请删除该行", "web page residue {text}; delete the line"),
        "inline": ("网页或文档转换残留“{text}”，请删除", "web or converter residue {text}; delete it"),
        "page": ("文档分享网站加在行首的页码“{text}”，请删除",
                 "page number {text} a document-sharing site put at the line start; delete it"),
        "title": ("标题重复出现（第{line}行已有），请删除重复的标题",
                  "the title is printed twice (first on line {line}); delete the copy"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        residue = doc.residue
        duplicate = residue.duplicate_title
        if duplicate and doc.title:
            first, last = duplicate
            fix = _delete_lines(doc, first, last)
            yield self.report(_span_of(doc, fix), "title", fix,
                              line=doc.title.organ_line or doc.title.lines[0])
        for number in sorted(residue.lines):
            if duplicate and duplicate[0] <= number <= duplicate[1]:
                continue
            fix = _delete_lines(doc, number, number)
            yield self.report(_span_of(doc, fix), "line", fix, text=_shown(doc.lines[number - 1]))
        if residue.doubled_title:
            number, start, end = residue.doubled_title
            base = doc.offset(number)
            yield self.report(doc.span(base + start, base + end), "title",
                              Fix((Edit(base + start, base + end, ""),)), line=number)
        for number, spans in sorted(residue.inline.items()):
            base = doc.offset(number)
            for start, end in spans:
                kind = "page" if doc.page_marks.get(number) == (start, end) else "inline"
                yield self.report(doc.span(base + start, base + end), kind,
                                  Fix((Edit(base + start, base + end, ""),)),
                                  text=doc.lines[number - 1][start:end])


# --- LL603 -----------------------------------------------------------------------------------
@register
class PunctuationWidth(Rule):
    """中文之间使用了半角标点（, : ; ( ) ? ! . "），或同一文件中同一标点全角、半角混用。

    为什么：GB/T 15834《标点符号用法》要求中文文本使用全角标点；半角逗号、括号夹在汉字之间
    既不规范也影响排版。书名号《》内的内容和 3.15、08:10 这样的数字不检查。括号成对判断：
    括号内有中文，或本文件其他地方已用全角括号时，半角括号改为全角。半角句点只在汉字（或98%）
    之后、句末或汉字之前时报告（1.、3.15、www.gov.cn 不报告）；半角双引号在一行内成对时按
    先后改为“”。

    每行最多报告一处，消息中给出该行半角标点的个数。

    示例（错误）::

        2024年,青石镇深入推进依法行政(见附件)。

    修复：--fix 把这些标点改为对应的全角标点。
    """

    doc_en = """Half-width punctuation between Chinese text (, : ; ( ) ? ! . "), or one mark both full-width
    and half-width in the same file.

    Why: GB/T 15834 (the use of punctuation marks) requires full-width marks in Chinese text; a
    half-width comma or bracket between Chinese characters is non-standard and spoils the layout.
    Text inside 《》 and figures such as 3.15 and 08:10 are not checked. Brackets are judged in
    pairs: they become full-width when there is Chinese inside them or the file uses full-width
    brackets elsewhere. A half-width full stop is reported only after a Chinese character (or 98%)
    and at the end of a line or before Chinese text (1., 3.15 and www.gov.cn are not reported);
    half-width double quotes paired within a line become “ and ” in turn.

    At most one finding per line; its message gives the number of half-width marks on the line.

    Example (error)::

        2024年,青石镇深入推进依法行政(见附件)。

    Fix: --fix turns these marks into the matching full-width ones.
    """

    code = "LL603"
    name = "punctuation-width"
    severity = "warning"
    fixable = True
    messages = {
        "half": ("本行有{count}处半角标点（{marks}）用在中文中，应改为全角",
                 "{count} half-width punctuation mark(s) ({marks}) in Chinese text on this line; "
                 "use full-width"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        vocab = hygiene_vocabulary()
        widths = vocab.full_width
        if not vocab.half_marks.search(doc.text):
            return
        residue = doc.residue
        full_parens = "（" in doc.text or "）" in doc.text
        for number, line in enumerate(doc.lines, 1):
            if number in residue.lines or not vocab.half_marks.search(line):
                continue
            skip = Spans(book_spans(line) + residue.inline.get(number, []))
            columns = _half_width_marks(line, vocab.half_singles, full_parens, skip)
            quotes = _quote_marks(line, skip) if '"' in widths else {}
            columns = sorted(columns + list(quotes))
            if not columns:
                continue
            base = doc.offset(number)
            edits = tuple(Edit(base + c, base + c + 1, quotes.get(c) or widths[line[c]])
                          for c in columns)
            marks = "".join(sorted({line[c] for c in columns}, key=line.index))
            yield self.report(doc.span(base + columns[0], base + columns[-1] + 1), "half",
                              Fix(edits), count=len(columns), marks=" ".join(marks))


def _half_width_marks(line: str, marks: re.Pattern[str], full_parens: bool,
                      skip: Spans) -> list[int]:
    """Columns of half-width marks in Chinese text on ``line``."""
    found = [m.start() for m in marks.finditer(line)
             if _beside_chinese(line, m.start()) and not (skip and m.start() in skip)]
    if "." in line:
        found.extend(i for i in _full_stops(line) if i not in skip)
    if "(" not in line and ")" not in line:
        return sorted(found)
    opened: list[int] = []
    for match in _PARENS.finditer(line):
        index, char = match.start(), match.group()
        if index in skip:
            continue
        if char == "(":
            opened.append(index)
        elif opened:
            found.extend(_paren_pair(line, opened.pop(), index, full_parens))
        elif _beside_chinese(line, index):
            found.append(index)  # ) without its partner
    found.extend(i for i in opened if _beside_chinese(line, i))  # ( never closed on this line
    return sorted(found)


def _full_stops(line: str) -> Iterator[int]:
    """Half-width full stops ending Chinese text: after a Chinese character or mark (or 98%),
    before Chinese or the line end; not ... (an ellipsis), not 一.主要举措 (a heading marker)."""
    for match in re.finditer(r"(?<!\.)\.(?!\.)", line):
        index = match.start()
        before, after = _neighbour(line, index, -1), _neighbour(line, index, 1)
        if not (is_cjk(before) or before in ("%", "％")) or (after is not None and not is_cjk(after)):
            continue
        if _CN_NUMERAL_RUN.fullmatch(line, 0, index):
            continue  # 一.主要举措: a mistyped heading marker, not a sentence end
        yield index


def _quote_marks(line: str, skip: Spans) -> dict[int, str]:
    """Straight double quotes in Chinese text, paired in order: column -> “ or ”. An odd
    count cannot be paired with certainty and is left alone."""
    if '"' not in line:  # most lines: no scan of their characters
        return {}
    columns = [i for i, c in enumerate(line) if c == '"' and i not in skip]
    if len(columns) % 2:
        return {}
    out: dict[int, str] = {}
    for start, end in zip(columns[::2], columns[1::2]):
        inside = line[start + 1 : end]
        if any(is_han(c) for c in inside) or _beside_chinese(line, start) or \
                _beside_chinese(line, end):
            out[start], out[end] = _QUOTES
    return out


def _beside_chinese(line: str, index: int) -> bool:
    return is_cjk(_neighbour(line, index, -1)) or is_cjk(_neighbour(line, index, 1))


def _paren_pair(line: str, start: int, end: int, full_parens: bool) -> list[int]:
    """Both parentheses of a half-width pair when it stands in Chinese text: Chinese inside,
    or Chinese outside in a file that writes full-width parentheses elsewhere."""
    inside = line[start + 1 : end]
    if not inside.strip():
        return []  # （） with no number: the numbering rule's business
    if any(is_cjk(c) for c in inside):
        return [start, end]
    outside = is_cjk(_neighbour(line, start, -1)) or is_cjk(_neighbour(line, end, 1))
    return [start, end] if full_parens and outside else []


# --- LL604 -----------------------------------------------------------------------------------
_LATIN_RUN = compiled(r"[A-Za-z0-9_.@/:#&+\-'’]+")
# Full-width letters and digits (ａｎｄ typed in full-width mode) read as ASCII, one for one.
_ANY_LATIN = compiled("[A-Za-zＡ-Ｚａ-ｚ]")
_HALF_LATIN = str.maketrans({chr(c): chr(c - 0xFEE0) for c in
                             [*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), *range(0xFF10, 0xFF1A)]})


@register
class StrayLatin(Rule):
    """中文正文中夹杂的英文单词（思想 and 精神），多为误输入或翻译残留。

    为什么：输入法切换失误会留下英文单词或拼音（全角字母ａｎｄ同样报告）。大写缩写（LED、APP、GDP）、单个字母（A级）、
    网址和含数字的写法（5G、PM2.5）不报告；其他允许的词见 checks/hygiene.yaml，也可在
    .lawlint.yaml 中用 ``rules: {LL604: {allow: [...]}}`` 补充。

    示例（错误）::

        认真学习宪法 and 民法典等法律法规。
    """

    doc_en = """English words mixed into Chinese text (思想 and 精神), mostly typing slips or leftovers of
    translation.

    Why: a missed switch of input method leaves English words or pinyin behind (full-width letters
    such as ａｎｄ are reported too). Upper-case abbreviations (LED, APP, GDP), single letters
    (A级), web addresses and spellings with digits (5G, PM2.5) are not reported; other allowed
    words are in checks/hygiene.yaml, and .lawlint.yaml can add more with
    ``rules: {LL604: {allow: [...]}}``.

    Example (error)::

        认真学习宪法 and 民法典等法律法规。
    """

    code = "LL604"
    name = "stray-latin"
    severity = "warning"
    options = {"allow": []}
    messages = {
        "word": ("中文中出现英文单词“{word}”，请确认是否误输入",
                 "Latin word {word} inside Chinese text; typed by mistake?"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        if not _ANY_LATIN.search(doc.text):
            return
        vocab = hygiene_vocabulary()
        allow = vocab.latin_allow | {str(w).lower() for w in self.config["allow"]}
        residue = doc.residue
        for number, line in enumerate(doc.lines, 1):
            if number in residue.lines or not _ANY_LATIN.search(line):
                continue
            skip = Spans(residue.inline.get(number, []))
            for match in _LATIN_RUN.finditer(line.translate(_HALF_LATIN)):
                word = match.group()
                if (not word.isalpha() or not word.isascii() or match.start() in skip
                        or not _stray(word, allow, vocab.latin_words)):
                    continue
                if is_han(_neighbour(line, match.start(), -1) or "") or is_han(
                        _neighbour(line, match.end() - 1, 1) or ""):
                    base = doc.offset(number)
                    yield self.report(doc.span(base + match.start(), base + match.end()), "word",
                                      word=line[match.start() : match.end()])


def _stray(word: str, allow: frozenset[str] | set[str], english: frozenset[str]) -> bool:
    lower = word.lower()
    if len(word) < 2 or lower in allow or word.isupper() or set(lower) == {"x"}:
        return False  # a letter, an allowed term, an acronym, or a placeholder (LL601)
    return word.islower() or lower in english  # Word, Excel, iPhone: names, left alone


# --- LL605 -----------------------------------------------------------------------------------
_DOUBLED = compiled(f"([{HAN}])\\1")
_DOUBLED_WORD = compiled(f"([{HAN}]{{2}})\\1")
_DOUBLED_PHRASE = compiled(f"([{HAN}]{{3,4}})\\1")  # 行政决策行政决策: pasted twice
# any of the three: one scan of the report finds the lines they need to look at
_DOUBLED_ANY = compiled(f"([{HAN}]{{1,4}})\\1")


@lru_cache(maxsize=1)
def _doubled_punctuation() -> re.Pattern[str]:
    marks = re.escape("".join(sorted(hygiene_vocabulary().doubled_punctuation)))
    return compiled(f"([{marks}])\\1+")


_COMMENT = compiled(r"^#.*$", re.M)
_SECTION = compiled(r"^\[([^\]\n]*)\][ \t]*$", re.M)


class WordKnowledge:
    """checks/hygiene-words.txt: which two characters make a word, or begin a longer one."""

    __slots__ = ("words", "starts", "held")
    words: dict[str, str]  # first character -> second characters of two-character words
    starts: dict[str, str]  # first character -> second characters beginning a longer word
    held: frozenset[str]  # longer words holding a doubled character (多多益善)

    def __init__(self, words: dict[str, str], starts: dict[str, str], held: frozenset[str]) -> None:
        self.words = words
        self.starts = starts
        self.held = held

    def is_word(self, pair: str) -> bool:
        return pair[1:] in self.words.get(pair[:1], "") if len(pair) == 2 else False

    def starts_word(self, pair: str) -> bool:
        return len(pair) == 2 and (self.is_word(pair) or pair[1] in self.starts.get(pair[0], ""))


@lru_cache(maxsize=1)
def word_knowledge() -> WordKnowledge:
    """Read on the first doubling that the allowlist does not explain (2–4 ms, once)."""
    from ..resources import checks_path

    path = checks_path("hygiene-words.txt")
    text = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    parts = _SECTION.split(text)  # [before, name, body, name, body, ...]
    if parts[0].strip():
        raise PackError(str(path), t("：第一个 [节] 之前不应有内容", ": text before the first [section]"))
    sections = dict(zip(parts[1::2], (body.split() for body in parts[2::2])))
    unknown = set(sections) - {"words", "starts", "held"}
    if unknown:
        raise PackError(str(path), t(f"：未知的节 {brief(min(unknown))}（可用：words、starts、held）",
                                      f": unknown section {brief(min(unknown))} (known: words, starts, held)"))

    def grouped(entries: list[str]) -> dict[str, str]:
        table = {entry[0]: entry[1:] for entry in entries}
        if len(table) < len(entries):  # a first character on two lines: join them
            table = {}
            for entry in entries:
                table[entry[0]] = table.get(entry[0], "") + entry[1:]
        return table

    return WordKnowledge(grouped(sections.get("words", [])), grouped(sections.get("starts", [])),
                         frozenset(sections.get("held", [])))


@lru_cache(maxsize=1)
def _reduplication_index() -> dict[str, tuple[tuple[str, int], ...]]:
    """Doubled pair -> (allowed word, offset of the pair in it)."""
    index: dict[str, list[tuple[str, int]]] = {}
    for word in hygiene_vocabulary().reduplication:
        for i in range(len(word) - 1):
            if word[i] == word[i + 1]:
                index.setdefault(word[i : i + 2], []).append((word, i))
        half = len(word) // 2
        if len(word) % 2 == 0 and word[:half] == word[half:]:
            index.setdefault(word, []).append((word, 0))
    return {pair: tuple(words) for pair, words in index.items()}


@register
class RepeatedChar(Rule):
    """误重复的字或词（送到到、加强加强），不包括真正的叠词（常常、人人、天天、研究研究）。

    为什么：重复敲击或复制粘贴会留下多余的字。先排除 checks/hygiene.yaml 中的叠词和数字，
    再查词表（checks/hygiene-words.txt）：第二个字能与后文组成词，说明两个字分属前后两个词
    （学习|习近平、进行|行政、对|对方），不报告；前一个字是一个词的末字（送到|到），或是
    “的、了、是”之类的虚词（的的），才报告。同一个词连写两次（加强加强）也报告，重复的
    标点（，，）同样报告。三四个字的短语连写两次（行政决策行政决策）也报告。叠词表中的两字
    叠词（事事）也可能是误重复：前一个字与前文成词、后一个字又不与后文成词时（办事事意识）报告。

    示例（错误）::

        把宣传资料送到到群众手中。
    """

    doc_en = """A character or word repeated by mistake (送到到, 加强加强), not counting true reduplications
    (常常, 人人, 天天, 研究研究).

    Why: a key struck twice or a copy-and-paste leaves extra characters. Reduplications and
    numerals listed in checks/hygiene.yaml are excluded first, then the word list
    (checks/hygiene-words.txt) decides: when the second character forms a word with the text after
    it, the two belong to different words (学习|习近平, 进行|行政, 对|对方) and nothing is
    reported; it is reported when the first character ends a word (送到|到) or is a function word
    such as 的, 了, 是 (的的). A word written twice in a row (加强加强) is reported too, and so
    are repeated marks (，，) and a phrase of three or four characters written twice
    (行政决策行政决策). A two-character reduplication from the list (事事) may be a slip too: it
    is reported when the first character forms a word with the text before and the second forms
    none with the text after (办事事意识).

    Example (error)::

        把宣传资料送到到群众手中。
    """

    code = "LL605"
    name = "repeated-char"
    severity = "warning"
    messages = {
        "char": ("“{text}”中的“{char}”重复，请删除多余的字", "{char} is doubled in {text}"),
        "word": ("“{word}”连续出现两次，请删除重复", "{word} appears twice in a row"),
        "punct": ("标点“{text}”重复", "doubled punctuation {text}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        punct = _doubled_punctuation()
        candidates = {doc.position(m.start())[0]
                      for pattern in (_DOUBLED_ANY, punct)
                      for m in pattern.finditer(doc.text)}
        if not candidates:
            return
        residue = doc.residue
        for number in sorted(candidates - residue.lines):
            line = doc.lines[number - 1]
            base = doc.offset(number)
            for match in punct.finditer(line):
                yield self.report(doc.span(base + match.start(), base + match.end()), "punct",
                                  text=match.group())
            words = _doubled_words(line)
            for start, end in words:
                yield self.report(doc.span(base + start, base + end), "word",
                                  word=line[start : (start + end) // 2])
            in_words = {i for start, end in words for i in range(start, end)}  # linear, not n²
            for match in _DOUBLED.finditer(line):
                at = match.start()
                if at not in in_words and _slip(line, at):
                    yield self.report(doc.span(base + at, base + at + 2), "char",
                                      text=line[max(at - 3, 0) : at + 5], char=line[at])


def _doubled_words(line: str) -> list[tuple[int, int]]:
    """Spans of a two-character word written twice in a row (加强加强), allowed forms excepted."""
    spans = []
    for match in _DOUBLED_WORD.finditer(line):
        word = match.group(1)
        if (word[0] not in _NUMERALS and word_knowledge().is_word(word)
                and not _allowed(line, match.start(), match.group())):
            spans.append(match.span())
    # three or four characters twice over need no word list: no real word repeats that way
    covered = {i for start, end in spans for i in range(start, end)}
    spans.extend(m.span() for m in _DOUBLED_PHRASE.finditer(line)
                 if not _NUMERALS.intersection(m.group(1)) and m.start() not in covered)
    return sorted(spans)


def _slip(line: str, at: int) -> bool:
    """Whether the doubled character at ``at``, ``at + 1`` is a typing slip."""
    char = line[at]
    if char in _NUMERALS or line[at - 1 : at] == "一":
        return False  # 一一, 一个个 (a measure word after 一)
    allowed = _allowed_word(line, at, char + char)
    if allowed is not None and (len(allowed) > 2 or not _bare_pair_slip(line, at)):
        return False  # 常常, 事事有回音
    known = word_knowledge()
    if any(line[start:end] in known.held for start in range(max(at - 2, 0), at + 1)
           for end in range(at + 2, min(start + 4, len(line)) + 1) if end - start >= 3):
        return False  # one word holds both (多多益善)
    if known.starts_word(line[at + 1 : at + 3]):
        return False  # the second begins a word: 学习|习近平, 对|对方
    if char in hygiene_vocabulary().standalone_verbs and at > 0 \
            and known.is_word(line[at - 1 : at + 1]) and is_han(line[at + 2 : at + 3] or "。"):
        return False  # the first ends a word, the second is a verb before its object: 主任|任|副主任
    if at > 0 and known.is_word(line[at - 1 : at + 1]):
        return True  # the first ends a word and the second stands alone: 送到|到
    return char in hygiene_vocabulary().function_chars  # 的的


def _allowed(sentence: str, at: int, doubled: str) -> bool:
    """Whether the doubling at ``at`` lies inside a word the reduplication list allows."""
    return _allowed_word(sentence, at, doubled) is not None


def _allowed_word(sentence: str, at: int, doubled: str) -> str | None:
    """The longest allowed reduplication holding the doubling at ``at``, if any."""
    found = [word for word, offset in _reduplication_index().get(doubled, ())
             if at - offset >= 0 and sentence.startswith(word, at - offset)]
    return max(found, key=len, default=None)


def _bare_pair_slip(line: str, at: int) -> bool:
    """事事 is a reduplication, but in 办事事意识 the first 事 ends the word 办事 and the second
    begins nothing: a slip all the same."""
    known = word_knowledge()
    return (at > 0 and known.is_word(line[at - 1 : at + 1])
            and not known.starts_word(line[at + 1 : at + 3]))


# --- LL606 -----------------------------------------------------------------------------------
_DATE_LINE = compiled(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


@register
class BrokenParagraph(Rule):
    """段落在句子中间被换行或分页断开（……不同 / 空行 / 性质的……）。

    为什么：从 PDF 或网页复制时，分页处常把一句话断成两段，读起来像两段话。上一行没有以
    句末标点结束（以汉字、数字、逗号或前引号、前书名号结尾），下一行（可隔空行和页码等残留）
    接着这句话，且不是标题、列举项或落款，就报告；下一行以逗号、分号开头时，上一行以什么结尾
    都算断开。
    上一行短于 min-length 个字（默认 30）时可能是无编号的小标题，不报告。

    示例（错误）::

        全镇共排查矛盾纠纷152件，对调解不成的纠纷按照纠纷类型和当事人诉求的不同

        分类施策，化解率达到98%。
    """

    doc_en = """A paragraph broken by a line or page break in the middle of a sentence (……不同 / blank line /
    性质的……).

    Why: copying from a PDF or a web page often breaks a sentence in two at a page break, so that
    it reads as two paragraphs. It is reported when a line does not end with a sentence-final mark
    (it ends with a Chinese character, a digit, a comma, or an opening quote or book-title mark)
    and the next line (perhaps after blank lines and residue such as page numbers) carries on the
    sentence and is not a heading, an enumerated item or the signature; when the next line begins
    with a comma or a semicolon, the break counts whatever the line before ends with. A line
    shorter than min-length characters (default 30) may be an unnumbered subheading and is not
    reported.

    Example (error)::

        全镇共排查矛盾纠纷152件，对调解不成的纠纷按照纠纷类型和当事人诉求的不同

        分类施策，化解率达到98%。
    """

    code = "LL606"
    name = "broken-paragraph"
    severity = "warning"
    options = {"min-length": 30}
    messages = {
        "broken": ("本段在句子中间断开，下一段（第{next}行）应与本行连成一段",
                   "paragraph broken mid-sentence; join it with line {next}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        residue = doc.residue
        skip = set(residue.lines) | _top_lines(doc)
        headings = {h.line: h for h in doc.headings}
        body = {p.line: p for p in doc.paragraphs}
        vocab = hygiene_vocabulary()
        # a line opening with a bullet or a Markdown mark is a block of its own; one opening with
        # 一是 or 首先 is an item whose sentence a page break may still split
        blocks = tuple(s for s in vocab.list_starts if not is_han(s[0]))
        signature: set[int] | None = None
        for number, text in _paragraph_lines(doc, body, headings):
            # a short line may be an unnumbered title, but not one that runs on from a heading
            run_in = number in headings and number in body
            if (number in skip or (len(text) < self.config["min-length"] and not run_in)
                    or _reads_as_title(doc, text)
                    or text[-1] in doc.vocabulary.sentence_end or text.startswith(blocks)):
                continue
            # page numbers and other residue between the halves are skipped over
            following = _next_nonblank(doc, number, residue.lines)
            if following is None or following in skip or following in headings:
                continue
            if not (_open_ending(text[-1]) or _clause_start(doc, doc.lines[following - 1])):
                continue
            if signature is None:
                signature = set(doc.signature.lines)
            if following in signature or not _continues(doc, doc.lines[following - 1], vocab):
                continue
            span = doc.span(doc.offset(number, len(doc.lines[number - 1].rstrip()) - 1))
            yield self.report(span, "broken", next=following)


def _paragraph_lines(doc: Document, body: dict[int, Paragraph], headings: dict[int, Heading]
                     ) -> Iterator[tuple[int, str]]:
    """Each body paragraph's line and text, and each numbered line that reads as a paragraph
    rather than a heading: no run-in text, a clause mark inside (1、对……纠纷，按照……的不同)."""
    clause = doc.vocabulary.clause_end
    lines = {number: paragraph.text.rstrip() for number, paragraph in body.items()}
    for number, heading in headings.items():
        title = heading.title.rstrip()
        if number not in lines and title and any(mark in title for mark in clause):
            lines[number] = title
    for number in sorted(lines):
        if lines[number]:
            yield number, lines[number]


def _reads_as_title(doc: Document, text: str) -> bool:
    """A line without punctuation ending with a title word (…情况的报告) is a title, maybe a
    page's own title above the document's, not half a sentence."""
    vocab = doc.vocabulary
    return (len(text) <= vocab.title_max_length and text.endswith(vocab.title_words)
            and not any(mark in text for mark in vocab.sentence_end + vocab.clause_end))


def _top_lines(doc: Document) -> set[int]:
    lines: set[int] = set()
    if doc.title:
        lines.update(doc.title.lines)
        if doc.title.organ_line:
            lines.add(doc.title.organ_line)
    if doc.addressee_line:
        lines.add(doc.addressee_line)
    return lines


def _next_nonblank(doc: Document, number: int, passed: frozenset[int] = frozenset()
                   ) -> int | None:
    """The next line with text, passing over the lines in ``passed`` (residue: - 3 -)."""
    for following in range(number + 1, len(doc.lines) + 1):
        if doc.lines[following - 1].strip() and following not in passed:
            return following
    return None


_OPENING = "“‘《（〈【"  # a line ending with one of these, or a next line starting with one


def _open_ending(char: str) -> bool:
    """A line ending that leaves its sentence open: Chinese text, a number, a comma, an
    opening quote or bracket (开展“ / 法律进村居”活动)."""
    return is_han(char) or char.isdigit() or char in "，、," or char in _OPENING


def _clause_start(doc: Document, line: str) -> bool:
    """A next line opening with a comma or semicolon continues whatever stood above it."""
    text = line.strip()
    return bool(text) and text[0] in doc.vocabulary.clause_end


def _continues(doc: Document, line: str, vocab: HygieneVocabulary) -> bool:
    """Whether ``line`` reads as the rest of a sentence: not indented as a new paragraph, not a
    list item, an organ or a date, and it has punctuation of its own (a bare line is a title)."""
    if line[:1] in _SPACES + "\t" or parse_heading(line) is not None:
        return False
    text = line.strip()
    if (text.startswith(vocab.list_starts) or text.endswith(doc.vocabulary.organ_suffixes)
            or _DATE_LINE.fullmatch(text)):
        return False
    marks = doc.vocabulary.sentence_end + doc.vocabulary.clause_end
    first = text[0]
    return (is_han(first) or first.isdigit() or first in _OPENING or first in marks) and any(
        c in marks for c in text)


# --- LL607 -----------------------------------------------------------------------------------
# Letters and digits, and a point between digits (3.5). Runs of letters are one repeat of a
# character class, which the regex engine matches without keeping a backtracking entry per
# character (one alternation repeated per character held ~120 bytes each: 1.2 GB for a line
# of 10 million digits).
_WORD_CHAR = f"[{HAN}A-Za-z0-9０-９%％]"
_CLAUSE = compiled(f"{_WORD_CHAR}+(?:(?<=[0-9])[.．·](?=[0-9]){_WORD_CHAR}+)*")


@register
class RunOnClause(Rule):
    """一个分句过长且中间没有任何标点。

    为什么：六十多字不加标点的长句难以阅读，也常是漏打了逗号或顿号。书名号《》内的名称不计。
    上限由 max-length 设置（默认 60 字）。

    示例（错误）::

        镇党委镇政府主要负责人切实担负法治建设第一责任人职责定期召开会议研究部署法治政府
        建设工作并带头抓好各项法治建设任务的推进和落实。      ← 63 字没有一个标点
    """

    doc_en = """A clause that runs long without any punctuation.

    Why: a sentence of sixty-odd characters with no punctuation is hard to read, and has often
    lost a comma or an enumeration comma (、). Names inside 《》 do not count. The limit is set by
    max-length (default 60 characters).

    Example (error)::

        镇党委镇政府主要负责人切实担负法治建设第一责任人职责定期召开会议研究部署法治政府
        建设工作并带头抓好各项法治建设任务的推进和落实。      ← 63 字没有一个标点
    """

    code = "LL607"
    name = "run-on-clause"
    severity = "info"
    options = {"max-length": 60}
    messages = {
        "long": ("这个分句长达{length}字且没有标点，请适当断句（上限{limit}字）",
                 "a clause of {length} characters with no punctuation; break it up "
                 "(limit {limit})"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        limit = self.config["max-length"]
        residue = doc.residue
        for paragraph in doc.paragraphs:
            text = paragraph.text
            if len(text) <= limit or paragraph.line in residue.lines:
                continue
            books = Spans(book_spans(text))
            for match in _CLAUSE.finditer(text):
                length = match.end() - match.start()
                if length > limit and match.start() not in books:
                    start = paragraph.offset + match.start()
                    yield self.report(doc.span(start, start + length), "long", length=length,
                                      limit=limit)


# --- LL608 -----------------------------------------------------------------------------------
_SPACE_RUN = compiled(r"[ \u3000\xa0]+")
_NUMBER = compiled(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_SPACES_AT = compiled(f"[{_SPACES}]*")
_DATE_SPACED = compiled(r"\d{2,4}[ \u3000\xa0]*年[ \u3000\xa0]*\d{1,2}[ \u3000\xa0]*月"
                          r"(?:[ \u3000\xa0]*\d{1,2}[ \u3000\xa0]*[日号])?"
                          r"|\d{1,2}[ \u3000\xa0]*月[ \u3000\xa0]*\d{1,2}[ \u3000\xa0]*[日号]")


@register
class Spacing(Rule):
    """中文之间、数字与单位之间（2024 年）、日期中间（11月 28日）多余的空格。

    为什么：公文正文中汉字之间不留空格；这些空格多是排版或复制时带入的，会让数字与单位、
    日期被断开。行首缩进、落款的对齐空格、联合发文标题中机关名称之间的空格、书名号《》内的
    文件名、标题编号后的空格（由 LL103 检查）、三个以上连续空格（版式对齐）不在此列。
    每行最多报告一处，消息中给出该行多余空格的处数。
    从网页复制带入的不换行空格（U+00A0）与普通空格一样计入。

    示例（错误）::

        一、2024 年推进法治政府建设的主要举措
        11月 28日召开专题会议。

    修复：--fix 删除这些空格。
    """

    doc_en = """Extra spaces between Chinese characters, between a number and its unit (2024 年) or inside a
    date (11月 28日).

    Why: the text of an official document has no spaces between Chinese characters; these spaces
    mostly come in with layout or copying, and split numbers from their units and dates apart. Not
    counted: the indent at the start of a line, spaces aligning the signature, spaces between
    organ names in the title of a joint document, document names inside 《》, the space after a
    heading number (checked by LL103), and runs of three or more spaces (layout alignment). At
    most one finding per line; its message gives the number of extra spaces on the line. No-break
    spaces (U+00A0) copied from web pages count like ordinary spaces.

    Example (error)::

        一、2024 年推进法治政府建设的主要举措
        11月 28日召开专题会议。

    Fix: --fix deletes these spaces.
    """

    code = "LL608"
    name = "spacing"
    severity = "info"
    fixable = True
    messages = {
        "space": ("本行有{count}处多余空格（中文之间、数字与单位之间或日期中），应删除",
                  "{count} stray space(s) inside Chinese text, between a number and its unit or "
                  "inside a date on this line; delete them"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        if not _SPACE_RUN.search(doc.text):
            return
        units = hygiene_vocabulary().units
        residue = doc.residue
        headings = {h.line: h for h in doc.headings}
        organs = doc.vocabulary.organ_suffixes
        last_heading = max(headings, default=0)  # the signature block stands below every heading
        titles = set(doc.title.lines) if doc.title else set()
        for number, line in enumerate(doc.lines, 1):
            stripped = line.strip(_SPACES)
            if number in residue.lines or not _SPACE_RUN.search(stripped):
                continue
            # a title in 《》 is quoted as issued: 《中共中央办公厅 国务院办公厅关于…》
            runs = _stray_spaces(line, units, headings.get(number),
                                 Spans(residue.inline.get(number, []) + book_spans(line)
                                       + _slogan_spans(line)))
            if runs and not _several_organs(stripped, organs) and not (
                    number in titles and _joint_title(stripped, organs)) and not (
                    _title_on_one_line(doc, stripped)) and not (
                    number > last_heading and _in_signature(doc, number)):
                base = doc.offset(number)
                yield self.report(doc.span(base + runs[0][0], base + runs[-1][1]), "space",
                                  Fix(tuple(Edit(base + s, base + e, "") for s, e in runs)),
                                  count=len(runs))


def _in_signature(doc: Document, number: int) -> bool:
    """Whether ``number`` is a line of the signature block or below the body."""
    return number > doc.body_end_line or number in doc.signature.lines


def _several_organs(text: str, organs: tuple[str, ...]) -> bool:
    """青石镇人民政府  中共青石镇委员会: a joint signature on one line."""
    parts = _SPACE_RUN.split(text)
    return len(parts) > 1 and all(part.endswith(organs) for part in parts)


_TITLE_HEAD_END = compiled("关于|[0-9０-９]")  # where a title's organs end


def _joint_title(text: str, organs: tuple[str, ...]) -> bool:
    """中共青石镇委员会 青石镇人民政府关于…的报告: joint issuing organs, spaced apart, before the
    title's 关于 (or its year); a space before 关于 itself is still stray."""
    parts = _SPACE_RUN.split(text)
    head = _TITLE_HEAD_END.split(parts[-1], maxsplit=1)[0]
    return len(parts) > 1 and all(part.endswith(organs) for part in [*parts[:-1], head])


def _title_on_one_line(doc: Document, text: str) -> bool:
    """青石镇人民政府 关于…的报告: organ lines and a title line printed as one line (a web page's
    title), each space standing for a line break."""
    parts = _SPACE_RUN.split(text)
    return (len(parts) > 1 and _reads_as_title(doc, parts[-1])
            and all(part.endswith(doc.vocabulary.organ_suffixes) for part in parts[:-1]))


def _stray_spaces(line: str, units: frozenset[str], heading: Heading | None,
                  skip: Spans) -> list[tuple[int, int]]:
    """(start, end) columns of the stray space runs on ``line``."""
    indent = len(line) - len(line.lstrip(_SPACES + "\t"))
    content_end = len(line.rstrip(_SPACES + "\t"))
    dates = Spans(m.span() for m in _DATE_SPACED.finditer(line))
    runs: list[tuple[int, int]] = []
    for match in _SPACE_RUN.finditer(line, indent, content_end):
        start, end = match.span()
        if end - start > 2 or start in skip or end in skip:
            continue  # three or more: deliberate alignment
        if heading is not None and heading.marker.end <= start < heading.title_start:
            continue  # 1. 执法: the space after a heading marker is LL103's business
        before, after = line[start - 1], line[end]
        if ((is_cjk(before) and is_cjk(after))
                or (before.isdigit() and after in units)
                or (is_cjk(before) and _number_with_unit(line, end, units))
                or start in dates):
            runs.append((start, end))
    return runs


def _number_with_unit(line: str, start: int, units: frozenset[str]) -> bool:
    """Whether a number followed by its unit begins at ``start`` (在 2024年, 共 15 件)."""
    match = _NUMBER.match(line, start)
    if match is None:
        return False
    after = _SPACES_AT.match(line, match.end()).end()  # not a copy of the rest of the line
    return after < len(line) and line[after] in units
