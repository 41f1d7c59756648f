"""Signature rules: the issuing organ and the signing date at the end (LL501–LL504)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.document import Document, Span
from ..model.signature import expected_organ, place_units, title_place
from . import Edit, Finding, Fix, Rule, register


def _missing_at(doc: Document, line: int | None) -> Span:
    """Where a missing part of the block belongs: next to what is there, else after the body."""
    return doc.line_span(line or doc.body_end_line or 1)


@register
class SignatureMissing(Rule):
    """报告末尾没有发文机关署名。

    为什么：GB/T 9704-2012 要求公文署发文机关全称或规范化简称；网上公开的报告常在转换时丢了
    落款。网页残留（扫一扫、来源：……）和日期下方的附注、抄送、印发行不算落款。只写地名
    （“柳河镇”）的署名不完整，同样报告。

    示例（错误）::

        ……确保各项工作落地见效。
        2025年1月20日        ← 缺少“青石镇人民政府”
    """

    doc_en = """No issuing organ's signature at the end of the report.

    Why: GB/T 9704-2012 requires a document to be signed with the issuing organ's full name or its
    standard short name; reports published online often lose the signature in conversion. Web page
    residue (扫一扫, 来源：……) and the notes, copy-to and printing lines below the date are not a
    signature. A signature that is only a place name (柳河镇) is incomplete and is reported too.

    Example (error)::

        ……确保各项工作落地见效。
        2025年1月20日        ← 缺少“青石镇人民政府”
    """

    code = "LL501"
    name = "signature-missing"
    severity = "error"
    messages = {
        "missing": ("报告末尾缺少发文机关署名（如“{organ}”）",
                    "no issuing organ at the end (such as {organ})"),
        "incomplete": ("署名“{place}”只有地名，应写发文机关全称（如“{organ}”）",
                       "the signature {place} names only a place; write the organ's full "
                       "name (such as {organ})"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        signature = doc.signature
        if signature.organs:
            return
        bare = signature.bare_place
        if bare is not None:
            organ = expected_organ(doc, bare.name) or bare.name
            yield self.report(doc.span(bare.start, bare.end), "incomplete", place=bare.name,
                              organ=organ)
            return
        yield self.report(_missing_at(doc, signature.date.line if signature.date else None),
                          "missing", organ=expected_organ(doc) or "青石镇人民政府")


@register
class SigningDateMissing(Rule):
    """报告末尾没有成文日期。

    为什么：成文日期说明报告何时定稿，审核人员据此判断是否按时报送。

    示例（错误）::

        ……确保各项工作落地见效。
        青石镇人民政府        ← 下一行缺少成文日期，如“2025年1月20日”
    """

    doc_en = """No date at the end of the report.

    Why: the date (成文日期) shows when the report was finalised; reviewers judge by it whether
    the report was submitted on time.

    Example (error)::

        ……确保各项工作落地见效。
        青石镇人民政府        ← 下一行缺少成文日期，如“2025年1月20日”
    """

    code = "LL502"
    name = "signing-date-missing"
    severity = "error"
    messages = {
        "missing": ("报告末尾缺少成文日期（如“2025年1月20日”）",
                    "no signing date at the end (such as 2025年1月20日)"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        signature = doc.signature
        if signature.date is None:
            yield self.report(_missing_at(doc, signature.organs[-1].line if signature.organs
                                          else None), "missing")


@register
class SignatureMismatch(Rule):
    """署名机关与标题中的机关不是同一地方。

    为什么：标题是“青石镇”，落款却是“白土镇人民政府”，多半是套用了别处的报告。
    同一地方的党委和政府（中共青石镇委员会、青石镇人民政府）视为一致。

    示例（警告）::

        青石镇关于2024年度法治政府建设情况的报告
        ……
        白土镇人民政府        ← 与标题不一致
    """

    doc_en = """The signing organ and the organ in the title are not of the same place.

    Why: a title that says 青石镇 over the signature 白土镇人民政府 most likely means another
    place's report was used as a template. The Party committee and the government of one place
    (中共青石镇委员会, 青石镇人民政府) count as the same.

    Example (warning)::

        青石镇关于2024年度法治政府建设情况的报告
        ……
        白土镇人民政府        ← 与标题不一致
    """

    code = "LL503"
    name = "signature-mismatch"
    severity = "warning"
    messages = {
        "mismatch": ("署名“{organ}”与标题中的“{place}”不一致", "the signature {organ} does not "
                     "match {place} in the title"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        place = title_place(doc)
        if place is None:
            return
        for organ in doc.signature.organs:
            if place_units(organ.name) and place not in organ.name:
                yield self.report(doc.span(organ.start, organ.end), "mismatch",
                                  organ=organ.name, place=place)


@register
class DateFormat(Rule):
    """成文日期的写法不符合 GB/T 9704-2012：应以阿拉伯数字写全年、月、日，月日不补零，无空格，
    如“2024年1月29日”。

    为什么：成文日期是公文的法定要素，“2024年01月29日”“24年1月29日”“2024.1.29”都不规范。

    “元月”应写作“1月”；日期后不加句号；没有年份的“1月29日”也不完整。

    修复：年份完整且日期有效时，--fix 改写为规范写法（两位数年份不自动补全），并删去日期后的
    句号。

    示例（警告）::

        青石镇人民政府
        2024年01月29日        ← 应为“2024年1月29日”
    """

    doc_en = """The date is not written as GB/T 9704-2012 asks: year, month and day in full in Arabic
    numerals, month and day without leading zeros, no spaces, as in 2024年1月29日.

    Why: the date is a required element of an official document; 2024年01月29日, 24年1月29日 and
    2024.1.29 are all non-standard.

    元月 should be written 1月; no full stop follows the date; a date without the year (1月29日)
    is incomplete too.

    Fix: when the year is complete and the date valid, --fix rewrites it in the standard form
    (two-digit years are not completed) and deletes the full stop after it.

    Example (warning)::

        青石镇人民政府
        2024年01月29日        ← 应为“2024年1月29日”
    """

    code = "LL504"
    name = "date-format"
    severity = "warning"
    fixable = True
    messages = {
        "short": ("成文日期“{found}”的年份应写全四位（如2024年）",
                  "signing date {found}: write the full year (2024)"),
        "incomplete": ("成文日期“{found}”应标全年、月、日", "signing date {found}: give year, "
                       "month and day"),
        "hanzi": ("成文日期“{found}”应使用阿拉伯数字，写作“{expected}”",
                  "signing date {found}: use Arabic numerals, {expected}"),
        "numeric": ("成文日期“{found}”应按年、月、日书写，写作“{expected}”",
                    "signing date {found}: write it as {expected}"),
        "padded": ("成文日期“{found}”的月、日不应补零，写作“{expected}”",
                   "signing date {found}: no zero padding, {expected}"),
        "spaced": ("成文日期“{found}”中有空格，写作“{expected}”",
                   "signing date {found} has spaces; write {expected}"),
        "hao": ("成文日期“{found}”应以“日”结尾，写作“{expected}”",
                "signing date {found}: end with 日, {expected}"),
        "yuan": ("成文日期“{found}”中的“元月”应写作“1月”，写作“{expected}”",
                 "signing date {found}: write 元月 as 1月, {expected}"),
        "mark": ("成文日期“{found}”后不加标点", "no punctuation after the signing date {found}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        date = doc.signature.date
        if date is None or date.problem:
            return  # an impossible date is LL403's
        line = doc.lines[date.line - 1]
        end = doc.offset(date.line) + len(line.rstrip(" \t\u3000\xa0"))  # after a stray 。
        key = self._problem(date) or ("mark" if end > date.end else None)
        if key is None:
            return
        expected = date.canonical()
        fix = None
        if expected is not None and key not in ("short", "incomplete"):
            fix = Fix((Edit(date.start, end, expected),))
        # the span takes in a stray 。 after the date: the fix deletes it
        yield self.report(doc.span(date.start, end), key, fix, found=date.text,
                          expected=expected)

    @staticmethod
    def _problem(date) -> str | None:
        if date.form == "short":
            return "short"
        if date.year is None or date.month is None or date.day is None:
            return "incomplete"
        if date.form == "hanzi":
            return "hanzi"
        if date.yuan:
            return "yuan"
        if date.form != "arabic":
            return "numeric"
        if date.padded:
            return "padded"
        if date.spaced:
            return "spaced"
        if date.day_mark != "日":
            return "hao"
        return None
