"""Structure rules: heading numbers and their hierarchy (LL101–LL104)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.document import Document, Paragraph
from ..model.grammar import EnumerationItem, enumeration_items, int_to_chinese, parse_heading, render_marker
from ..model.outline import Heading
from ..numerals import chinese_to_int
from ..regexes import compiled
from . import Edit, Finding, Fix, Rule, register

LEVEL_EXAMPLES = {0: "第一部分", 1: "一、", 2: "（一）", 3: "1.", 4: "（1）", 5: "①"}


def marker_span(doc: Document, heading: Heading):
    start = doc.offset(heading.line, heading.marker.start)
    return doc.span(start, start + len(heading.marker.text))


# the blank left inside （ ） when its number was deleted is no part of the style
_INNER_BLANK = compiled(r"(?<=[(（])[ \t\u3000]+")


def marker_style(heading: Heading) -> str:
    return _INNER_BLANK.sub("", heading.marker.style)


def expected_marker(heading: Heading, value: int) -> str:
    return render_marker(heading.level, value, marker_style(heading))


def _number(level: int, value: int) -> str:
    return int_to_chinese(value) if level in (0, 1, 2) else str(value)


@register
class NumberingSequence(Rule):
    """标题编号不连续：同级标题跳号、重号、重新从头编号，或缺少编号。

    为什么：审核人员首先看提纲；一、二、四、或（）加强宣传，说明有内容漏掉或排版出错。
    删去编号留下空格的（ ）也算缺少编号。只有一个编号写错、后面的编号照常接续时（（一）（一）
    （三）），只报告写错的那一个。一个标题下没有内容、紧接着又从“一、”编起（一、主要措施 /
    一、强化领导 / 二、……）时，后面这些是它的下级标题写成了同级编号，提示改用下级编号，而不是
    把它们顺延编号。

    示例（错误）::

        （一）加强学习
        （二）规范执法
        （）强化宣传        ← 缺少编号，应为（三）

    修复：缺少编号且前后编号能确定它的值时，--fix 补上编号。
    """

    doc_en = """Heading numbers out of sequence: a heading skips or repeats the number of the one before it at
    its level, starts counting again, or has no number.

    Why: reviewers read the outline first; 一、二、四、 or （）加强宣传 shows that something was
    left out or the layout went wrong. An empty （ ） left where a number was deleted counts as a
    missing number too. When only one number is wrong and the numbers after it carry on as usual
    (（一）（一）（三）), only the wrong one is reported. When a heading has nothing under it and
    the headings right after it start again from 一、 (一、主要措施 / 一、强化领导 / 二、……),
    those are its subheadings written with numbers of its own level: the finding suggests
    subheading numbers instead of renumbering them in sequence.

    Example (error)::

        （一）加强学习
        （二）规范执法
        （）强化宣传        ← 缺少编号，应为（三）

    Fix: when a number is missing and the numbers around it determine its value, --fix inserts it.
    """

    code = "LL101"
    name = "numbering-sequence"
    severity = "error"
    fixable = True
    messages = {
        "missing": ("标题缺少编号，应为“{expected}”", "heading has no number; expected {expected}"),
        "gap": ("标题编号跳号：应为“{expected}”，实为“{found}”",
                "numbering skips: expected {expected}, found {found}"),
        "repeat": ("标题编号重复：“{found}”与上一同级标题相同，应为“{expected}”",
                   "numbering repeats {found}; expected {expected}"),
        "restart": ("标题编号重新开始：应为“{expected}”，实为“{found}”",
                    "numbering restarts: expected {expected}, found {found}"),
        "slip": ("标题层级错位：第{line}行的“{parent}”下没有内容，从这里起的“{found}”“{next}”……"
                 "应是它的下级标题，请改用“{sub}”等下级编号",
                 "heading level slip: {parent} on line {line} has nothing under it, so {found} "
                 "{next}… from here are its subheadings; number them {sub}…"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        for siblings in doc.outline.sibling_groups():
            yield from self._check_siblings(doc, siblings)

    def _check_siblings(self, doc: Document, siblings: list[Heading]) -> Iterator[Finding]:
        expected = 1
        resume: int | None = None  # after a level slip: the number the slipped level resumes at
        for index, heading in enumerate(siblings):
            value = heading.value
            if resume is not None and value == resume and value != expected:
                expected, resume = value + 1, None  # back from the slipped sub-list
                continue
            # the marker and span are rendered only for a finding: most headings are in order
            following = siblings[index + 1].value if index + 1 < len(siblings) else None
            if (index and value == 1 != expected and following in (2, None)
                    and _is_bare(doc, siblings[index - 1])):
                # 一、主要措施 / 一、强化领导 / 二、……: a sub-list under an empty heading written
                # with its parent's markers; renumbering it as the parent's siblings is wrong.
                # (（一）（一）（三）: a typo, the list goes on with the number after it)
                parent = siblings[index - 1]
                yield self.report(marker_span(doc, heading), "slip", line=parent.line,
                                  parent=parent.marker.text, found=heading.marker.text,
                                  next=expected_marker(heading, 2),
                                  sub=LEVEL_EXAMPLES.get(heading.level + 1, "（一）"))
                resume, expected = parent.value + 1 if parent.value else None, 2
                continue
            if value is None:
                yield self.report(marker_span(doc, heading), "missing",
                                  self._fill(doc, siblings, index, expected),
                                  expected=expected_marker(heading, expected))
            elif value != expected:
                found = heading.marker.text
                previous = siblings[index - 1].value if index else None
                key = ("repeat" if value == previous else
                       "restart" if value < expected else "gap")
                yield self.report(marker_span(doc, heading), key,
                                  expected=expected_marker(heading, expected), found=found)
                if following != expected + 1:
                    expected = value  # the list goes on from here; else this one was a typo
            expected += 1

    @staticmethod
    def _fill(doc: Document, siblings: list[Heading], index: int, expected: int) -> Fix | None:
        """Number a （） only when its neighbours pin the value down."""
        previous = siblings[index - 1].value if index else 0
        following = siblings[index + 1].value if index + 1 < len(siblings) else None
        if previous != expected - 1 or (following is not None and following != expected + 1):
            return None
        heading = siblings[index]
        marker = expected_marker(heading, expected)
        parsed = parse_heading(marker)
        if parsed is None or parsed.marker.value != expected:
            return None  # （一百）, （100）: past what the grammar reads as a heading number
        start = doc.offset(heading.line, heading.marker.start)
        return Fix((Edit(start, start + len(heading.marker.text), marker),))


def _is_bare(doc: Document, heading: Heading) -> bool:
    """A heading with nothing under it: no run-in text, no subheading, no paragraph."""
    # its section holds only blank lines (looked at directly: a bare heading's section is a
    # line or two, while finding its paragraphs costs a search of them all)
    return not heading.body and not heading.children and not any(
        line.strip() for line in doc.lines[heading.line : heading.end_line])


@register
class NumberingHierarchy(Rule):
    """标题层级嵌套颠倒：下级标题中出现了上级编号。

    为什么：GB/T 9704-2012 规定结构层次序数依次为“一、”“（一）”“1.”“（1）”；层级颠倒会让
    读者误解各部分的从属关系。

    示例（错误）::

        （一）加强队伍建设
        一、开展培训        ← “（一）”下不应嵌套“一、”
    """

    doc_en = """Heading levels nested the wrong way round: a higher-level number appears under a lower-level
    heading.

    Why: GB/T 9704-2012 sets the order of structural numbers as 一、, （一）, 1., （1）; an
    inverted hierarchy misleads readers about which part belongs to which.

    Example (error)::

        （一）加强队伍建设
        一、开展培训        ← “（一）”下不应嵌套“一、”
    """

    code = "LL102"
    name = "numbering-hierarchy"
    severity = "warning"
    messages = {
        "nested": ("“{parent}”级标题下嵌套了“{child}”级标题，层级应依次为 一、→（一）→1.→（1）",
                   "a {child} heading nested under a {parent} heading; the order is "
                   "一、 → （一） → 1. → （1）"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        for heading in doc.headings:
            parent = heading.parent
            if parent is None or parent.level < heading.level:
                continue
            # one finding per wrongly nested list: at the heading that opens it
            first = next(c for c in parent.children if c.level == heading.level)
            if first is heading:
                yield self.report(marker_span(doc, heading), "nested",
                                  parent=LEVEL_EXAMPLES[parent.level],
                                  child=LEVEL_EXAMPLES[heading.level])


@register
class NumberingStyle(Rule):
    """同一层级的标题编号写法不一致：1. 与 1、混用，(一) 与（一）混用，编号后有无空格不一。

    为什么：同级编号写法统一是公文排版的基本要求，混用通常是从不同文件拼接而来。
    以全文该层级多数标题的写法为准（一样多时以先出现的为准）。

    示例（错误）::

        （一）加强学习
        (二)规范执法        ← 应与“（一）”一样使用全角括号
    """

    doc_en = """Headings of one level write their numbers in different ways: 1. mixed with 1、, (一) with
    （一）, a space after the number in some and not in others.

    Why: numbers written alike at each level are a basic rule of official document layout; a mix
    usually comes from pasting different documents together. The way most headings of that level
    in the document write it is taken as right (on a tie, the one that comes first).

    Example (error)::

        （一）加强学习
        (二)规范执法        ← 应与“（一）”一样使用全角括号
    """

    code = "LL103"
    name = "numbering-style"
    severity = "warning"
    messages = {
        "mixed": ("编号写法“{found}”与同级多数标题（如第{line}行的“{first}”）不一致，同级标题应统一",
                  "marker {found} is written unlike most headings of its level ({first} on "
                  "line {line}); use one style per level"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        # per level, groups of headings written alike, in order of first use
        styles: dict[int, list[list[Heading]]] = {}
        for heading in doc.headings:
            groups = styles.setdefault(heading.level, [])
            group = next((g for g in groups if _same_style(g[0], heading)), None)
            if group is None:
                groups.append([heading])
            else:
                group.append(heading)
        odd = []
        for groups in styles.values():
            # the style most siblings use is the norm (the first one used on a tie), not
            # whichever comes first
            norm = max(groups, key=len)
            odd += [(heading, norm[0]) for group in groups if group is not norm
                    for heading in group]
        for heading, usual in sorted(odd, key=lambda pair: pair[0].line):
            yield self.report(marker_span(doc, heading), "mixed",
                              found=_shown(heading), first=_shown(usual), line=usual.line)


def _same_style(a: Heading, b: Heading) -> bool:
    if a.value is None or b.value is None:  # （） has no digits: compare brackets and spacing
        return marker_style(a).replace("全角数字", "") == marker_style(b).replace("全角数字", "")
    return a.marker.style == b.marker.style


def _shown(heading: Heading) -> str:
    return heading.marker.text + ("␣" if heading.marker.space_after else "")


# 第一，……第二，……: the other common inline enumeration, judged like 一是 (the comma after the
# numeral keeps out 第一书记, 全县第三 and the like)
_ORDINAL_ITEM = compiled(r"(?:^|(?<=[，。；：！？,.;:!?“”\"\s]))第([一二三四五六七八九十]{1,3})(?=[，,、：:])")


def _runs(text: str) -> Iterator[tuple[str, list[EnumerationItem]]]:
    """The paragraph's 一是 items and its 第一， items, as two separate runs keyed by kind."""
    # most paragraphs hold neither: a look for 是 and 第 spares the patterns' slow scan
    cn = list(enumeration_items(text)) if "是" in text else []
    ordinal = [EnumerationItem(v, m.start(), m.end()) for m in _ORDINAL_ITEM.finditer(text)
               if (v := chinese_to_int(m.group(1))) is not None] if "第" in text else []
    yield from ((kind, run) for kind, run in (("skip", cn), ("ordinal", ordinal)) if run)


@register
class EnumerationSequence(Rule):
    """段内列举“一是……二是……三是……”（或“第一，……第二，……”）跳号或重号。

    为什么：段内列举是报告中最常见的写法，跳号（一是、二是、四是）往往是删改时漏了一项。
    新的一句以“一是”开始另一组列举（在制度上，一是……二是……。在保障上，一是……）不算。
    每项另起一段时（一是……。/ 二是……。/ 四是……。），段首的“二是”“三是”接着上一段的列举
    计数；同一标题下以“一是”“二是”开头的各段是一组列举，中间夹着不以序号开头的段落（补充说明、
    数据）也接着计数。

    示例（错误）::

        一是加强学习；二是规范执法；四是强化宣传。    ← 应为“三是”
    """

    doc_en = """An enumeration within a paragraph, 一是……二是……三是…… (or 第一，……第二，……), skips or repeats
    a number.

    Why: enumerations within a paragraph are the most common pattern in reports, and a skip (一是,
    二是, 四是) is often an item lost in editing. A new sentence that starts another enumeration
    with 一是 (在制度上，一是……二是……。在保障上，一是……) does not count. When each item is a
    paragraph of its own (一是……。/ 二是……。/ 四是……。), a 二是 or 三是 opening a paragraph
    continues the count of the paragraph before; the paragraphs under one heading that open with
    一是, 二是 form one enumeration, and paragraphs between them that open with no number (notes,
    figures) do not break the count.

    Example (error)::

        一是加强学习；二是规范执法；四是强化宣传。    ← 应为“三是”
    """

    code = "LL104"
    name = "enumeration-sequence"
    severity = "warning"
    messages = {
        "skip": ("列举序号不连续：应为“{expected}是”，实为“{found}是”",
                 "enumeration skips: expected {expected}是, found {found}是"),
        "ordinal": ("列举序号不连续：应为“第{expected}”，实为“第{found}”",
                    "enumeration skips: expected 第{expected}, found 第{found}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        ends = doc.vocabulary.sentence_end
        carried: dict[str, int | None] = {}  # run kind -> the next value, from the paragraph above
        # run kind -> the next value of the list whose items are whole paragraphs under this
        # heading (一是……。/ 全年……。/ 二是……。): paragraphs without items come between them
        opened: dict[str, int | None] = {}
        previous: Paragraph | None = None
        for paragraph in doc.paragraphs:
            adjacent = previous is not None and previous.heading is paragraph.heading
            follows = carried if adjacent else {}
            opened = opened if adjacent else {}
            carried = {}
            for kind, run in _runs(paragraph.text):
                opens = run[0].start == 0
                # a list of item paragraphs goes on past an inline list in a paragraph between
                expected = (opened.get(kind) or follows.get(kind)
                            if opens and run[0].value != 1 else None)
                for item, want in self._judge(paragraph.text, run, expected, ends):
                    span = doc.span(paragraph.offset + item.start, paragraph.offset + item.end)
                    yield self.report(span, kind, expected=int_to_chinese(want),
                                      found=int_to_chinese(item.value))
                carried[kind] = self._next_value(paragraph.text, run, ends)
                if opens:
                    opened[kind] = carried[kind]
            previous = paragraph

    @staticmethod
    def _next_value(text: str, items: list[EnumerationItem], ends: str) -> int:
        """The item the paragraph below may continue with. A paragraph that opens with an item
        and later starts a list of its own (一是加强队伍建设。一是……二是……) is one item of the
        outer list: the next paragraph goes on from its first item, not from the inner list."""
        nested = any(item.value == 1 and any(c in ends for c in text[before.end : item.start])
                     for before, item in zip(items, items[1:]))
        return (items[0].value if items[0].start == 0 and nested else items[-1].value) + 1

    @staticmethod
    def _judge(text: str, items: list[EnumerationItem], expected: int | None, ends: str
               ) -> Iterator[tuple[EnumerationItem, int]]:
        """Items out of sequence, with the value each should have had. ``expected`` carries a
        run on from the paragraph above (None: the run starts here)."""
        previous_end = 0
        for index, item in enumerate(items):
            # 一是 opening a later sentence starts a new run, not a repeat of the first item
            restart = item.value == 1 and any(c in ends for c in text[previous_end : item.start])
            previous_end = item.end
            if (expected is None and index == 0) or restart:
                expected = 2 if item.value == 1 else None
                continue
            if expected is not None and item.value != expected:
                yield item, expected
            expected = item.value + 1
