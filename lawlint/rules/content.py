"""Required-content rules: the parts a profile requires, their elements and order (LL201–LL204)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.document import Document
from ..model.outline import Heading
from ..model.profiles import Part
from . import Finding, Rule, register


def part_name(part: Part, lang: str) -> str:
    return part.name_en if lang == "en" else part.name


@register
class SectionMissing(Rule):
    """缺少配置要求的必备部分（默认配置：五项基本内容中的第1—4项）。

    为什么：《法治政府建设与责任落实督察工作规定》要求年度报告包括主要举措和成效、党政主要
    负责人履行第一责任人职责情况、存在的不足和原因、下一年度主要安排。最常缺的是第二项：
    在第一部分正文里提到“第一责任人”，不等于有这一部分。

    只有一级标题（一、二、……）才算一个部分；从网页复制、丢了换行的文本里，紧跟句末写在行内的
    一级标题（……各项工作。二、主要做法（一）……）也算。提示位置为应当插入该部分之处的前一部分标题。

    示例（错误）::

        一、主要举措和成效
        二、存在的不足和原因      ← 缺少“党政主要负责人履行第一责任人职责情况”
        三、2025年工作安排
    """

    doc_en = """A part the profile requires is missing (default profile: items 1–4 of the five basic
    contents).

    Why: the 《法治政府建设与责任落实督察工作规定》 (the regulation on building rule-of-law
    government and inspecting how responsibilities are met) requires the annual report to cover
    the main measures and their results, how the Party and government heads performed their duty
    as first responsible persons, shortcomings and their causes, and the main plans for the next
    year. The one most often missing is the second: mentioning 第一责任人 in the text of part one
    is not having that part.

    Only a top-level heading (一、二、……) makes a part; in text copied from a web page that lost
    its line breaks, a top-level heading written inline right after the end of a sentence
    (……各项工作。二、主要做法（一）……) counts too. The finding is on the heading of the part
    before the place where the missing part belongs.

    Example (error)::

        一、主要举措和成效
        二、存在的不足和原因      ← 缺少“党政主要负责人履行第一责任人职责情况”
        三、2025年工作安排
    """

    code = "LL201"
    name = "section-missing"
    severity = "error"
    messages = {
        "missing": ("缺少必备部分“{part}”，请增加以此为题的一级标题",
                    "required part missing: {part}; add a top-level heading for it"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        parts = doc.profile.parts
        for index, part in enumerate(parts):
            if not part.required or doc.parts.heading(part.id) or part.id in doc.run_in_parts:
                continue
            anchor = _previous_present(doc, parts[:index]) or _next_present(doc, parts[index + 1:])
            span = doc.line_span(anchor.line if anchor else _first_text_line(doc))
            yield self.report(span, "missing", part=part_name(part, self.lang))


def _first_text_line(doc: Document) -> int:
    """Where a finding about the whole report goes: the title, else the first line that is
    neither blank nor residue (a breadcrumb above the title is deleted by --fix)."""
    if doc.title:
        return doc.title.organ_line or doc.title.lines[0]
    residue = doc.residue.lines
    return next((n for n, text in enumerate(doc.lines, 1) if text.strip() and n not in residue), 1)


def _previous_present(doc: Document, parts: tuple[Part, ...]) -> Heading | None:
    for part in reversed(parts):
        if heading := doc.parts.heading(part.id):
            return heading
    return None


def _next_present(doc: Document, parts: tuple[Part, ...]) -> Heading | None:
    for part in parts:
        if heading := doc.parts.heading(part.id):
            return heading
    return None


@register
class SectionIncomplete(Rule):
    """必备部分缺少必备要素：默认配置中，“存在的不足”必须同时说明原因。

    为什么：督察规定要求报告“存在的不足和原因”，只列问题不分析原因是退回的常见理由。要素可以
    是该部分里的一个下级标题，也可以是一句话（原因分析、主要原因是……）。该部分的一级标题本身
    （三、存在的不足和原因）只是承诺要写原因，不算。

    示例（错误）::

        三、存在的困难和问题
        一是普法责任制落实不到位；二是调解力量不足。      ← 没有分析原因
    """

    doc_en = """A required part lacks a required element: in the default profile, the shortcomings
    (存在的不足) must come with their causes.

    Why: the inspection regulation asks for shortcomings and their causes (存在的不足和原因);
    listing problems without analysing their causes is a common reason for sending a report back.
    The element may be a subheading of the part or a sentence (原因分析, 主要原因是……). The part's
    own top-level heading (三、存在的不足和原因) only promises the causes and does not count.

    Example (error)::

        三、存在的困难和问题
        一是普法责任制落实不到位；二是调解力量不足。      ← 没有分析原因
    """

    code = "LL202"
    name = "section-incomplete"
    severity = "warning"
    messages = {
        "element": ("“{part}”部分缺少“{element}”，请补充相关内容",
                    "part {part} lacks its {element}; add them"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        for part in doc.profile.parts:
            heading = doc.parts.heading(part.id)
            if heading is None:
                continue
            text = _section_text(doc, heading)
            for element in part.elements:
                if not any(word in text for word in element.match):
                    name = element.name_en if self.lang == "en" else element.name
                    yield self.report(doc.line_span(heading.line), "element",
                                      part=part_name(part, self.lang), element=name)


def _section_text(doc: Document, heading: Heading) -> str:
    """The section's text: its subheadings and paragraphs. The part's own heading is left out:
    三、存在的不足和原因 announces the causes, it does not state them."""
    titles = [h.title for h in heading.walk() if h is not heading]
    return "\n".join(titles + [p.text for p in doc.paragraphs_under(heading)])


@register
class SectionOrder(Rule):
    """必备部分的先后顺序不是配置接受的任何一种顺序。

    为什么：上级汇总审核时按统一顺序阅读；顺序颠倒（先写工作安排再写存在不足）通常是模板
    拼接所致。默认配置接受三种顺序：督察规定所列的顺序（举措和成效 → 不足和原因 → 第一责任人
    职责情况 → 下一年度安排 → 其他），以及常见的“第一责任人”部分居第二或居首的写法。配置文件的
    ``orders`` 列出接受的顺序（部分 id 的列表）；未列出时按 ``parts`` 的顺序。报告与最接近的
    一种顺序比较，只指出不合该顺序的部分。

    示例（错误）::

        一、主要举措和成效
        二、2025年工作安排
        三、存在的不足和原因      ← 应位于“工作安排”之前
    """

    doc_en = """The required parts come in an order that is none of the orders the profile accepts.

    Why: higher-level offices read the reports they collect in one order; parts in the wrong order
    (the plans before the shortcomings) usually come from pasting templates together. The default
    profile accepts three orders: the order the inspection regulation lists (measures and results
    → shortcomings and causes → the first-responsible-person duty → next year's plans → other),
    and the common ones with the first-responsible-person part second or first. A profile's
    ``orders`` lists the orders it accepts (lists of part ids); without it, the order of its
    ``parts``. The report is compared with the closest accepted order, and only the parts out of
    that order are reported.

    Example (error)::

        一、主要举措和成效
        二、2025年工作安排
        三、存在的不足和原因      ← 应位于“工作安排”之前
    """

    code = "LL203"
    name = "section-order"
    severity = "warning"
    messages = {
        "order": ("“{part}”应位于“{before}”之前", "part {part} should come before {before}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        # a combined heading (存在困难和下步打算) stands where its first part belongs; a part
        # named again later is placed by its first heading
        present = [(h, doc.parts.by_heading[h.line][0]) for h in doc.parts.headings]
        present = [(h, p) for h, p in present if doc.parts.heading(p) is h]
        # judged against the accepted order it departs from least (the first on a tie)
        misplaced = min((_misplaced(present, order) for order in doc.profile.accepted_orders),
                        key=len)
        for heading, part_id, before in misplaced:
            yield self.report(doc.line_span(heading.line), "order",
                              part=part_name(doc.profile.part(part_id), self.lang),
                              before=part_name(doc.profile.part(before), self.lang))


def _misplaced(present: list[tuple[Heading, str]], order: tuple[str, ...]
               ) -> list[tuple[Heading, str, str]]:
    """The parts that come after a part ``order`` puts later: (heading, part, that later part).
    Parts the order does not list are not judged."""
    rank = {part_id: i for i, part_id in enumerate(order)}
    found: list[tuple[Heading, str, str]] = []
    latest: str | None = None
    for heading, part_id in present:
        if part_id not in rank:
            continue
        if latest is not None and rank[part_id] < rank[latest]:
            found.append((heading, part_id, latest))
            continue
        latest = part_id
    return found


@register
class SectionEmpty(Rule):
    """标题下没有任何内容（既无正文，也无下级标题）。

    为什么：空标题多是模板留下的提纲或删改时误删了正文。

    示例（错误）::

        （二）规范行政执法
        （三）强化法治宣传        ← 上一标题下没有内容
    """

    doc_en = """A heading with nothing under it (no text and no subheadings).

    Why: an empty heading is usually an outline left over from the template, or text deleted by
    mistake while editing.

    Example (error)::

        （二）规范行政执法
        （三）强化法治宣传        ← 上一标题下没有内容
    """

    code = "LL204"
    name = "section-empty"
    severity = "warning"
    messages = {
        "empty": ("标题“{title}”下没有内容，请补充或删除该标题",
                  "heading {title} has nothing under it; fill it in or remove it"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        with_text = {p.heading.line for p in doc.paragraphs
                     if p.heading is not None and p.line <= doc.body_end_line}
        for heading in doc.headings:
            if heading.children or heading.line in with_text or heading.line > doc.body_end_line:
                continue
            if _is_sentence(heading.title, doc):
                continue  # （一）2025年，持续深化……。 is content written as a heading
            title = heading.title if len(heading.title) <= 20 else heading.title[:20] + "…"
            yield self.report(doc.line_span(heading.line), "empty",
                              title=heading.marker.text + title)


def _is_sentence(title: str, doc: Document) -> bool:
    """A heading text that is a whole sentence with clauses, not a bare title."""
    vocab = doc.vocabulary
    return title.endswith(tuple(vocab.sentence_end)) and any(c in title for c in vocab.clause_end)
