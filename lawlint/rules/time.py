"""Time rules: the report year, the plans year, impossible dates, stale years, the signing
window and relative time words (LL400–LL406). Vocabulary: checks/time.yaml."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..errors import LawlintError, t
from ..model.dates import (
    BracketColumns,
    DateMention,
    Era,
    bracket_columns,
    excused,
    inside_brackets,
    matches,
    mentions_between,
    reviews_earlier,
    time_vocabulary,
    title_years,
)
from ..model.document import Document
from ..model.outline import Heading
from ..model.packs import alternation, brief, words_pattern
from ..model.profiles import month_day
from ..regexes import compiled
from . import Finding, Rule, register


def mention_span(doc: Document, mention: DateMention):
    return doc.span(mention.start, mention.end)


def year_sections(doc: Document, year_kind: str) -> Iterator[tuple[Heading, int]]:
    """Top-level headings of the parts whose ``year`` is ``year_kind``, each with the last line
    of its section (the signature block and trailing residue excluded)."""
    for heading in doc.parts.headings_of_year(year_kind):
        yield heading, min(heading.end_line, doc.body_end_line)


def title_contradicted(doc: Document, titles: list[DateMention] | None = None,
                       evidence: list[DateMention] | None = None) -> bool:
    """The body (two or more places) agrees on a year other than the title's: the title year
    is then in doubt, and LL401 alone says so rather than every year rule at once."""
    titles = title_years(doc) if titles is None else titles
    if not titles or isinstance(doc.options.get("year"), int):
        return False
    evidence = doc.year_evidence if evidence is None else evidence
    return len(evidence) >= 2 and len({m.year for m in evidence}) == 1 and \
        evidence[0].year != titles[0].year


def trusted_report_year(doc: Document) -> int | None:
    """The report year, for the rules that measure against it; None when there is none or the
    body contradicts the title (LL401 then reports once instead of every year rule)."""
    year = doc.report_year
    return None if year is None or title_contradicted(doc) else year


@register
class ReportYearUnknown(Rule):
    """无法确定报告年度：标题和开头都没有写明年份。

    为什么：年度报告必须写明报告的是哪一年（关于2024年度……的报告，或开头“2024年，我镇……”）；
    没有年份时，年份相关检查（LL401—LL405）全部跳过。可用 --year 或配置项 year 指定。

    示例（提示）::

        关于法治政府建设情况的报告        ← 标题没有年份
        一年来，我镇……
    """

    doc_en = """The report year cannot be determined: neither the title nor the opening gives a year.

    Why: an annual report must say which year it reports on (关于2024年度……的报告, or an opening
    2024年，我镇……); without the year, the year checks (LL401–LL405) are all skipped. Give it with
    --year or the config key year.

    Example (info)::

        关于法治政府建设情况的报告        ← 标题没有年份
        一年来，我镇……
    """

    code = "LL400"
    name = "report-year-unknown"
    severity = "info"
    messages = {
        "unknown": ("未能确定报告年度：标题和开头都没有写明年份，年份检查已跳过（可用 --year 指定）",
                    "cannot tell the report year: neither the title nor the opening names one; "
                    "year checks skipped (use --year)"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.report_year is None:
            line = doc.title.lines[0] if doc.title else 1
            yield self.report(doc.line_span(line), "unknown")


@register
class ReportYearMismatch(Rule):
    """标题中的报告年度与正文开头、各部分标题所写的年份不一致。

    为什么：标题是“2024年度”，开头和各部分标题却写“2023年”，说明标题或正文沿用了上一年的文件。
    正文多处一致而只有标题不同时，提示在标题；只有个别地方不同时，提示在那里。

    示例（错误）::

        关于2024年度法治政府建设情况的报告
        2023年，我镇坚持……          ← 与标题年份不一致
        一、2024年主要举措和成效
    """

    doc_en = """The report year in the title differs from the year written at the start of the text or in the
    part headings.

    Why: a title that says 2024年度 with an opening and part headings that say 2023年 means the
    title or the text was carried over from last year's document. When the text agrees with itself
    in many places and only the title differs, the finding is on the title; when only a few places
    differ, it is on them.

    Example (error)::

        关于2024年度法治政府建设情况的报告
        2023年，我镇坚持……          ← 与标题年份不一致
        一、2024年主要举措和成效
    """

    code = "LL401"
    name = "report-year-mismatch"
    severity = "error"
    messages = {
        "title": ("标题年份{title}年与正文（第{lines}行）所写的{found}年不一致",
                  "the title says {title} but the body (lines {lines}) says {found}"),
        "body": ("此处年份{found}年与标题的报告年度{title}年不一致",
                 "{found} here disagrees with the report year {title} in the title"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        titles = title_years(doc)
        if not titles:
            return
        title = titles[0]
        evidence = doc.year_evidence
        others = [m for m in evidence if m.year != title.year]
        if title_contradicted(doc, titles, evidence):
            yield self.report(mention_span(doc, title), "title", title=title.year,
                              found=others[0].year, lines="、".join(str(m.line) for m in others))
            return
        for mention in others:
            yield self.report(mention_span(doc, mention), "body", found=mention.year,
                              title=title.year)


@register
class PlanYearMismatch(Rule):
    """工作安排部分写的年份不是报告年度的下一年。

    为什么：2024年度报告的工作安排应是2025年；安排里写“2024年”，多半是照搬了上一年的报告。
    引用文件名（《2024年工作要点》）、比较（较2024年）、回顾（2019年以来）、对往年工作的评查
    （对2024年度案卷开展评查）不算；
    远期目标（到2027年、2030年前）可以晚于下一年。

    示例（错误）::

        关于2024年度法治政府建设情况的报告
        ……
        四、2024年工作安排        ← 应为2025年
    """

    doc_en = """The plans part names a year other than the one after the report year.

    Why: a 2024 report's plans are for 2025; plans that say 2024年 were most likely copied from
    last year's report. Document titles (《2024年工作要点》), comparisons (较2024年), looking back
    (2019年以来) and reviews of past years' work (对2024年度案卷开展评查) do not count; long-term
    targets (到2027年, 2030年前) may be later than next year.

    Example (error)::

        关于2024年度法治政府建设情况的报告
        ……
        四、2024年工作安排        ← 应为2025年
    """

    code = "LL402"
    name = "plan-year-mismatch"
    severity = "error"
    messages = {
        "plan": ("工作安排写的是{found}年，{year}年度报告的工作安排应为{expected}年",
                 "the plans name {found}; a {year} report plans for {expected}"),
        "title": ("标题中工作安排的年份{found}年应为{expected}年",
                  "the title's plans year {found} should be {expected}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        year = trusted_report_year(doc)
        if year is None:
            return
        expected = year + 1
        yield from self._title(doc, year, expected)
        vocab = time_vocabulary()
        for heading, last in year_sections(doc, "next"):
            for mention in mentions_between(doc, heading.line, last):
                if not mention.is_year or mention.year == expected or excused(mention):
                    continue
                if mention.year < expected and reviews_earlier(mention, vocab):
                    continue  # 对2024年度案卷开展评查: next year's work on an earlier year
                if mention.year > expected and matches(mention, vocab.target):
                    continue  # a long-term target
                yield self.report(mention_span(doc, mention), "plan", found=mention.year,
                                  year=year, expected=expected)

    def _title(self, doc: Document, year: int, expected: int) -> Iterator[Finding]:
        """关于2024年…情况和2024年工作安排的报告: the second year is the plans'."""
        titles = title_years(doc)
        plan_words = tuple(w for part in doc.profile.parts if part.year == "next"
                           for w in part.headings)
        for mention in titles[1:]:
            after = doc.text[mention.end : doc.offset(mention.line) + len(
                doc.lines[mention.line - 1])]
            if mention.year != expected and any(w in after for w in plan_words):
                yield self.report(mention_span(doc, mention), "title", found=mention.year,
                                  expected=expected)


@register
class InvalidDate(Rule):
    """不存在或写法错误的日期、年份：2月30日、13月、20212025年、2025—2021年。

    为什么：日期写错会让审核人员怀疑全文数据；年份连写多是漏了“—”。

    示例（错误）::

        2024年2月30日召开专题会议        ← 2月没有30日
        落实《实施纲要（20212025年）》    ← 应为2021—2025年
    """

    doc_en = """A date or year that does not exist or is written wrongly: 2月30日, 13月, 20212025年,
    2025—2021年.

    Why: a wrong date makes reviewers doubt every figure in the report; two years run together
    have usually lost their —.

    Example (error)::

        2024年2月30日召开专题会议        ← 2月没有30日
        落实《实施纲要（20212025年）》    ← 应为2021—2025年
    """

    code = "LL403"
    name = "invalid-date"
    severity = "error"
    messages = {
        "glued": ("年份“{text}”疑似两个年份连写，应写作“{fixed}”",
                  "{text} looks like two years run together; write {fixed}"),
        "range-order": ("年份区间“{text}”起止颠倒或相同", "year range {text} runs backwards"),
        "month": ("日期“{text}”有误：没有{month}月", "date {text} is impossible: no month {month}"),
        "day": ("日期“{text}”有误：{month}月没有{day}日",
                "date {text} is impossible: month {month} has no day {day}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        plans: set[int] | None = None
        for mention in doc.dates:
            problem = mention.problem
            if problem is None:
                continue
            if problem == "range-order":
                if plans is None:
                    plans = {p.start for p in plan_periods(doc.text)}
                if mention.start in plans or mention.start + 1 in plans:
                    continue  # a plan's period: LL407 says which years it should be
            digits = re.sub(r"\D", "", mention.text)
            yield self.report(mention_span(doc, mention), problem, text=mention.text.strip(),
                              fixed=f"{digits[:4]}—{digits[4:8]}年", month=mention.month,
                              day=mention.day)


@register
class StaleYear(Rule):
    """在“举措和成效”“第一责任人”“不足和原因”部分，把工作成绩写在了报告年度以前的年份。

    为什么：2024年度报告里出现“2022年全镇调解纠纷……”，通常是沿用了旧报告的文字。
    文件名（《2022年工作要点》）、比较（较2022年、同比）、回顾（自2019年以来、2019年至今）、
    年份区间（2021—2025年）、表彰（荣获2023年度……）和对往年工作的评查、接续（对2023年度案卷
    开展评查、2023年结转的信访事项）不算。已经结束的规划期（“七五”普法）由 LL407 报告。

    示例（警告）::

        关于2024年度法治政府建设情况的报告
        一、主要举措和成效
        2022年全镇调解纠纷120件。        ← 不是报告年度
        较2022年增长10%。                 ← 比较，不提示
    """

    doc_en = """In the parts on measures and results, on the first-responsible-person duty and on shortcomings
    and causes, work is credited to a year before the report year.

    Why: 2022年全镇调解纠纷…… in a 2024 report usually comes from the text of an old report.
    Document titles (《2022年工作要点》), comparisons (较2022年, 同比), looking back
    (自2019年以来, 2019年至今), year ranges (2021—2025年), awards (荣获2023年度……) and reviews or
    carry-overs of past years' work (对2023年度案卷开展评查, 2023年结转的信访事项) do not count.
    Planning periods that have ended (“七五”普法) are reported by LL407.

    Example (warning)::

        关于2024年度法治政府建设情况的报告
        一、主要举措和成效
        2022年全镇调解纠纷120件。        ← 不是报告年度
        较2022年增长10%。                 ← 比较，不提示
    """

    code = "LL404"
    name = "stale-year"
    severity = "warning"
    messages = {
        "stale": ("此处写的是{found}年，不是报告年度{year}年：是否沿用了旧报告的文字？",
                  "{found} here is not the report year {year}: text from an older report?"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        year = trusted_report_year(doc)
        if year is None:
            return
        vocab = time_vocabulary()
        for heading, last in year_sections(doc, "report"):
            for mention in mentions_between(doc, heading.line + 1, last):
                if not mention.is_year or mention.year >= year:
                    continue
                if excused(mention) or matches(mention, vocab.honour) or \
                        reviews_earlier(mention, vocab):
                    continue
                yield self.report(mention_span(doc, mention), "stale", found=mention.year,
                                  year=year)


@register
class PlanPeriod(Rule):
    """规划期写错：已知规划的起止年份不对（《法治政府建设实施纲要（2022—2025年）》），起止年份
    不可能（规划（2023—2023年）），或报告年度已经结束的规划期仍当作当前规划期来写（2023年度
    报告写“十三五”规划、“七五”普法）。

    为什么：规划、纲要的名称和年份是固定的，写错年份就是引错文件；沿用旧规划期的说法，多半是
    照抄了往年的报告。已知的规划期和纲要名称见 checks/time.yaml 的 eras；回顾性的说法
    （“十三五”期间、“十三五”以来、回顾“七五”普法）不报告。旧规划期只在“举措和成效”“第一
    责任人”“不足和原因”部分检查，并且需要知道报告年度。

    示例（警告）::

        关于2023年度法治政府建设情况的报告
        一、主要举措和成效
        对照《法治政府建设实施纲要（2022—2025年）》查漏补缺。   ← 应为2021—2025年
        扎实推进“十三五”规划确定的各项任务。                     ← “十三五”已在2020年结束
    """

    doc_en = """A planning period written wrongly: the years of a known plan are wrong
    (《法治政府建设实施纲要（2022—2025年）》), its start and end years are impossible
    (规划（2023—2023年）), or a planning period that ended before the report year is written of as
    the current one (a 2023 report writing of the 十三五 plan or the 七五 legal-education plan).

    Why: the names and years of plans and outlines are fixed, so wrong years cite the wrong
    document, and an old planning period was most likely copied from a past year's report. The
    known planning periods and outline names are in the ``eras`` of checks/time.yaml; looking back
    (“十三五”期间, “十三五”以来, 回顾“七五”普法) is not reported. Old planning periods are checked
    only in the parts on measures and results, on the first-responsible-person duty and on
    shortcomings and causes, and only when the report year is known.

    Example (warning)::

        关于2023年度法治政府建设情况的报告
        一、主要举措和成效
        对照《法治政府建设实施纲要（2022—2025年）》查漏补缺。   ← 应为2021—2025年
        扎实推进“十三五”规划确定的各项任务。                     ← “十三五”已在2020年结束
    """

    code = "LL407"
    name = "plan-period"
    severity = "warning"
    messages = {
        "wrong": ("{title}的起止年份应为{known}，不是“{text}”",
                  "{title} runs {known}, not {text}"),
        "impossible": ("规划期“{text}”起止颠倒或相同", "plan period {text} runs backwards"),
        "era": ("{era}（{first}—{last}年）在{year}年已经结束，请改为当前规划期",
                "{era} ({first}–{last}) was over by {year}; name the current period"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        residue = doc.residue
        for period in plan_periods(doc.text):
            if doc.position(period.start)[0] in residue.lines:
                continue
            span = doc.span(period.start, period.end)
            if period.last <= period.first:
                yield self.report(span, "impossible", text=period.text)
            elif period.known and (period.first, period.last) not in period.known:
                yield self.report(span, "wrong", title=period.title, text=period.text,
                                  known="或".join(f"{a}—{b}年" for a, b in period.known))
        year = trusted_report_year(doc)
        if year is not None:
            for heading, last in year_sections(doc, "report"):
                yield from self._eras(doc, year, heading.line, last)

    def _eras(self, doc: Document, year: int, first: int, last: int) -> Iterator[Finding]:
        """Periods over by ``year`` named on lines first..last, once per line and period."""
        eras = tuple(era for era in time_vocabulary().eras if era.last < year)
        if not eras:
            return
        pattern, by_text = _era_pattern(eras)
        end = doc.offset(last) + len(doc.lines[last - 1])
        seen: set[tuple[int, str]] = set()
        for match in pattern.finditer(doc.text, doc.offset(first), end):
            era = by_text[match.group()]
            line = doc.position(match.start())[0]
            if (line, era.name) not in seen and not _era_past(doc.text, match):
                seen.add((line, era.name))
                yield self.report(doc.span(match.start(), match.end()), "era", era=era.name,
                                  first=era.first, last=era.last, year=year)



def _era_past(text: str, match: re.Match[str]) -> bool:
    """回顾“十三五”, “十三五”期间, “七五”普法以来: the era named as history, not as the current
    period (a word after may follow the rest of the era's name: 普法, 规划)."""
    past = time_vocabulary().era_past
    before = text[max(0, match.start() - 8) : match.start()].rstrip("“‘\"")
    end = match.end()
    return before.endswith(past.before) or any(
        text.find(word, end, end + len(word) + 2) >= 0 for word in past.after)


class PlanRange:
    __slots__ = ("start", "end", "text", "first", "last", "title", "known")
    start: int
    end: int
    text: str  # the years as written: 2022—2025年
    first: int
    last: int
    title: str  # the plan's name, or the plan word before the years (规划)
    known: tuple[tuple[int, int], ...]  # the title's periods (eras), empty when unknown

    def __init__(self, start: int, end: int, text: str, first: int, last: int, title: str,
                 known: tuple[tuple[int, int], ...]) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.first = first
        self.last = last
        self.title = title
        self.known = known


_RANGE = (r"》?[ \u3000]*[（(][ \u3000]*(?P<years>(?P<first>\d{4})[ \u3000]*年?[ \u3000]*"
          r"[—–－\-~～至到]{1,2}[ \u3000]*(?P<last>\d{4})[ \u3000]*年?)[ \u3000]*[）)]")


@lru_cache(maxsize=1)
def _plan_range_pattern() -> tuple[re.Pattern[str], dict[str, tuple[tuple[int, int], ...]]]:
    """Known titles and plan words, each followed by a year range in brackets; title -> its
    periods."""
    vocab = time_vocabulary()
    known: dict[str, list[tuple[int, int]]] = {}
    for era in vocab.eras:
        if era.title:
            known.setdefault(era.title, []).append((era.first, era.last))
    names = alternation([*known, *vocab.plan_words])
    periods = {title: tuple(sorted(ranges)) for title, ranges in known.items()}
    return compiled(f"(?P<title>{names}){_RANGE}"), periods


def plan_periods(text: str) -> list[PlanRange]:
    """Every plan named with its years: 《法治政府建设实施纲要（2021—2025年）》, 规划（2023—2023年）."""
    pattern, known = _plan_range_pattern()
    if not any(word in text for word in (*time_vocabulary().plan_words, *known)):
        return []
    return [PlanRange(m.start("years"), m.end("years"), m.group("years"), int(m.group("first")),
                      int(m.group("last")), m.group("title"), known.get(m.group("title"), ()))
            for m in pattern.finditer(text)]


@lru_cache(maxsize=8)
def _era_pattern(eras: tuple[Era, ...]) -> tuple[re.Pattern[str], dict[str, Era]]:
    """One pattern for every way of naming the periods (longest first), and text → period.
    Keyed by the vocabulary's own Era objects (compared by identity, as the vocabulary is
    read once)."""
    by_text = {text: era for era in eras for text in era.match}
    if not by_text:
        return compiled(r"(?!)"), by_text
    return compiled(alternation(by_text)), by_text


@register
class SigningDateWindow(Rule):
    """成文日期不在报告年度结束之后、报送截止日期之前。

    为什么：年度报告总结的是已经过去的一年，应在次年成文。《法治政府建设与责任落实督察工作
    规定》要求政府部门和市、县、乡级政府在每年3月1日前报送，省级在4月1日前报送，报告在4月1日前
    公开。默认截止日期为3月1日；省级报告可在 profile 中写 deadline: "04-01"，或在配置中写
    rules: {LL405: {deadline: "04-01"}}（配置优先于 profile）。

    示例（警告）::

        关于2024年度法治政府建设情况的报告
        ……
        2024年12月20日        ← 报告年度尚未结束
    """

    doc_en = """The date of the report is not after the end of the report year and before the deadline for
    submitting it.

    Why: an annual report sums up a year that is over, so it is dated in the year after. The
    《法治政府建设与责任落实督察工作规定》 requires government departments and city, county and
    township governments to submit it by 1 March each year and provinces by 1 April, and the
    reports to be published by 1 April. The default deadline is 1 March; a provincial report's
    profile can say deadline: "04-01", or the config rules: {LL405: {deadline: "04-01"}} (the
    config wins over the profile).

    Example (warning)::

        关于2024年度法治政府建设情况的报告
        ……
        2024年12月20日        ← 报告年度尚未结束
    """

    code = "LL405"
    name = "signing-date-window"
    severity = "warning"
    options = {"deadline": ""}  # empty: the profile's deadline (03-01 unless it says otherwise)
    messages = {
        "early": ("成文日期{date}早于{year}年度结束，年度报告应在次年成文",
                  "signed on {date}, before the {year} report year ended"),
        "late": ("成文日期{date}晚于报送截止日期{deadline}", "signed on {date}, after the "
                 "deadline {deadline}"),
    }

    @classmethod
    def validate_options(cls, options: Any, where: str) -> dict[str, Any]:
        options = super().validate_options(options, where)
        if "deadline" in options and month_day(options["deadline"]) is None:
            raise _bad_deadline(cls.code, options["deadline"], where)
        return options

    def check(self, doc: Document) -> Iterator[Finding]:
        year, date = trusted_report_year(doc), doc.signature.date
        if year is None or date is None or date.canonical() is None:
            return
        chosen = self.config["deadline"] or doc.profile.deadline
        deadline = month_day(chosen)
        if deadline is None:
            raise _bad_deadline(self.code, chosen, self.code)
        signed = datetime.date(date.year, date.month, date.day)
        last = datetime.date(year + 1, *deadline)
        shown = date.canonical()
        if signed <= datetime.date(year, 12, 31):
            yield self.report(mention_span(doc, date), "early", date=shown, year=year)
        elif signed > last:
            yield self.report(mention_span(doc, date), "late", date=shown,
                              deadline=f"{last.year}年{last.month}月{last.day}日")


@register
class RelativeTime(Rule):
    """使用“今年”“去年”“明年”“近日”等相对时间。

    为什么：年度报告在次年成文、公开后长期被查阅，“今年”指哪一年读者无从判断，应写明年份或日期。

    示例（提示）::

        今年共开展普法活动12场。        ← 写明“2024年”
    """

    doc_en = """Relative time words: 今年 (this year), 去年 (last year), 明年 (next year), 近日 (recently).

    Why: an annual report is written in the year after and read long after it is published;
    readers cannot tell which year 今年 means. Write the year or the date.

    Example (info)::

        今年共开展普法活动12场。        ← 写明“2024年”
    """

    code = "LL406"
    name = "relative-time"
    severity = "info"
    messages = {
        "relative": ("“{word}”是相对时间，报告会在数月后被阅读，请写明具体年份或日期",
                     "{word} is relative; the report is read months later, name the year or date"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        vocab = time_vocabulary()
        last = doc.body_end_line
        if last == 0:
            return
        end = doc.offset(last) + len(doc.lines[last - 1])
        brackets: dict[int, BracketColumns] = {}  # found once per line, not once per word
        for match in words_pattern(vocab.relative_words).finditer(doc.text, 0, end):
            line, column = doc.position(match.start())
            if line in doc.residue.lines:
                continue
            text = doc.lines[line - 1]
            if line not in brackets:
                brackets[line] = bracket_columns(text, vocab.name_brackets)
            if _inside_longer(text, column - 1, match.group(), vocab.relative_not) or \
                    inside_brackets(brackets[line], column - 1):
                continue
            yield self.report(doc.span(match.start(), match.end()), "relative",
                              word=match.group())



def _inside_longer(text: str, start: int, word: str, longer: tuple[str, ...]) -> bool:
    """说明年度 holds 明年 but does not say it."""
    for other in longer:
        at = other.find(word)
        if at >= 0 and text.startswith(other, start - at) and start - at >= 0:
            return True
    return False


def _bad_deadline(code: str, value: Any, where: str) -> LawlintError:
    got = brief(value)
    return LawlintError(where, ": ", t(f"{code} 的选项 'deadline' 应为月-日，如 \"03-01\"，实际为 {got}",
                                       f"option 'deadline' of {code} must be a month and day such "
                                       f"as \"03-01\", got {got}"))
