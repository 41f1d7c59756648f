"""Hypothesis strategies for fuzzing lawlint: report-like text, configs and file names.

Shared by the property tests (tests/test_fuzz.py, tests/test_fix_properties.py) and the long
campaign (scripts/fuzz.py). Report-like text is built from the pieces real reports are made of
(every heading style, titles, figures, dates, signatures, web residue, half-width punctuation)
and then mixed with arbitrary Unicode, so the search reaches both the rules' interesting paths
and the inputs no rule expects. Generators here never call lawlint: what lawlint makes of a
piece is what is under test.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

# --- characters -------------------------------------------------------------------------------
# Arbitrary text without NUL (a NUL makes the reader call the file binary) and without CR, which
# the line-end strategy adds on purpose.
ALPHABET = st.characters(codec="utf-8", exclude_characters="\x00\r")
# Lone surrogates are legal in a Python str (lint_text takes str, e.g. from a surrogateescape
# decode) but cannot be encoded as UTF-8.
SURROGATES = st.characters(categories=["Cs"])
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


def any_text(max_size: int = 40, surrogates: bool = False) -> st.SearchStrategy[str]:
    alphabet = st.one_of(ALPHABET, SURROGATES) if surrogates else ALPHABET
    return st.text(alphabet, max_size=max_size)


@st.composite
def with_surrogate(draw: st.DrawFn, text: st.SearchStrategy[str]) -> str:
    """``text`` with at least one lone surrogate spliced in."""
    base = draw(text)
    at = draw(st.integers(0, len(base)))
    return base[:at] + draw(SURROGATES) + base[at:]


# --- numbers in every style -------------------------------------------------------------------
_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 100 -> 一百, 120 -> 一百二十 (for n < 10000)."""
    if n == 0:
        return "零"
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                parts.append("零")
            parts.append(_DIGITS[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def year_in_hanzi(year: int) -> str:
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(year))


def full_width(text: str) -> str:
    return text.translate(_FULL_WIDTH)


# A marker style renders the n-th sibling's number; None renders the number as missing.
MARKER_STYLES: dict[str, Any] = {
    "cn": lambda n: f"{chinese_numeral(n)}、",
    "cn-dot": lambda n: f"{chinese_numeral(n)}．",
    "cn-paren": lambda n: f"（{chinese_numeral(n)}）",
    "cn-half-paren": lambda n: f"({chinese_numeral(n)})",
    "digit-dot": lambda n: f"{n}.",
    "digit-full-dot": lambda n: f"{n}．",
    "digit-comma": lambda n: f"{n}、",
    "full-digit": lambda n: f"{full_width(str(n))}．",
    "digit-paren": lambda n: f"（{n}）",
    "digit-half-paren": lambda n: f"({n})",
    "circled": lambda n: _CIRCLED[n - 1] if n <= len(_CIRCLED) else f"({n})",
    "markdown": lambda n: f"## {chinese_numeral(n)}、",
}
MISSING_MARKERS = ("（）", "()", "（ ）", "( )")

WORDS = [
    "加强学习", "规范执法", "化解纠纷", "强化宣传", "优化营商环境", "依法决策", "行政复议",
    "行政应诉", "法治政府建设", "推进依法行政", "主要举措和成效", "存在的不足和原因",
    "下一步工作安排", "党政主要负责人履行推进法治建设第一责任人职责情况", "清理规范性文件",
    "落实行政执法三项制度", "问题导向", "目标举措", "群众", "全年", "调解组织", "信访事项",
]
ORGANS = ["XX县司法局", "青石镇人民政府", "云溪县人民政府", "某某市市场监督管理局",
          "中共青石镇委员会", "县自然资源局", "XX街道办事处"]
TOPICS = ["法治政府建设", "法治建设", "依法行政", "法治政府建设工作"]


def heading_line(style: str, number: int | None, rest: str) -> str:
    marker = MARKER_STYLES[style](number) if number is not None else MISSING_MARKERS[0]
    return marker + rest


@st.composite
def siblings(draw: st.DrawFn, max_count: int = 150, min_count: int = 1) -> list[str]:
    """A run of sibling headings of one style, numbered 1..n with skips, repeats, missing
    numbers and run-in body text (（一）加强学习。正文…), possibly with body lines between."""
    style = draw(st.sampled_from(sorted(MARKER_STYLES)))
    count = draw(st.integers(min_count, max_count))
    numbers: list[int | None] = list(range(1, count + 1))
    for _ in range(draw(st.integers(0, 3))):  # skip, repeat, blank out or swap a number
        at = draw(st.integers(0, count - 1))
        kind = draw(st.sampled_from(["skip", "repeat", "missing", "zero"]))
        value = numbers[at]
        if kind == "skip" and value is not None:
            numbers[at] = value + draw(st.integers(1, 3))
        elif kind == "repeat" and at:
            numbers[at] = numbers[at - 1]
        elif kind == "missing":
            numbers[at] = None
        elif kind == "zero":
            numbers[at] = 0 if style not in ("circled",) else 1
    lines = []
    for number in numbers:
        missing = draw(st.sampled_from(MISSING_MARKERS)) if number is None else None
        marker = missing or MARKER_STYLES[style](number)
        title = draw(st.sampled_from(WORDS))
        run_in = draw(st.sampled_from(["", "", "。" + draw(body_sentence()), "：" + title]))
        lines.append(marker + draw(st.sampled_from(["", " ", "\u3000"])) + title + run_in)
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(body_sentence()))
    return lines


# --- sentences --------------------------------------------------------------------------------
@st.composite
def count_phrase(draw: st.DrawFn) -> str:
    """120件 / 一百二十件 / 1.2万件 / 3亿元 / ０件."""
    n = draw(st.integers(0, 100000))
    form = draw(st.sampled_from(["arabic", "hanzi", "wan", "yi", "full", "comma"]))
    unit = draw(st.sampled_from(["件", "次", "人", "个", "元", "万元", "起", "场", "户"]))
    if form == "hanzi":
        return chinese_numeral(n % 10000) + unit
    if form == "wan":
        return f"{n / 10000:.1f}万{unit}"
    if form == "yi":
        return f"{draw(st.integers(1, 99))}亿元"
    if form == "full":
        return full_width(str(n)) + unit
    if form == "comma":
        return f"{n:,}{unit}"
    return f"{n}{unit}"


@st.composite
def rate_phrase(draw: st.DrawFn) -> str:
    """受理120件，办结118件，办结率98.3% and its variants (百分之, wrong or impossible rates)."""
    whole = draw(st.integers(0, 2000))
    part = draw(st.one_of(st.integers(0, whole), st.integers(0, 3000)))
    exact = part / whole * 100 if whole else 0
    rate = draw(st.one_of(st.just(round(exact, 1)), st.floats(0, 200, allow_nan=False)))
    written = draw(st.sampled_from([f"{rate:.1f}%", f"{rate:.0f}%", f"{rate:.2f}％",
                                    f"百分之{chinese_numeral(int(rate) % 10000)}",
                                    f"{rate}%"]))
    pair = draw(st.sampled_from([("受理", "办结", "办结率"), ("排查", "化解", "化解率"),
                                 ("参考", "通过", "通过率"), ("收到", "采纳", "采纳率")]))
    sep = draw(st.sampled_from(["，", ",", "；", "、"]))
    return f"{pair[0]}{whole}件{sep}{pair[1]}{part}件{sep}{pair[2]}{draw(st.sampled_from(['', '达', '为']))}{written}"


@st.composite
def qizhong_clause(draw: st.DrawFn) -> str:
    """全镇共有调解组织24个，其中镇级1个，村级20个。"""
    total = draw(st.integers(0, 500))
    parts = draw(st.lists(st.integers(0, 300), min_size=1, max_size=4))
    kinds = ["镇级", "村级", "县级", "行政处罚", "行政许可", "行政强制"]
    listed = "，".join(f"{kinds[i % len(kinds)]}{n}个" for i, n in enumerate(parts))
    return f"全镇共有调解组织{total}个，其中{listed}。"


@st.composite
def date_phrase(draw: st.DrawFn) -> str:
    """2024年3月1日, 2024-03-01, 二〇二四年三月一日, ranges, impossible dates."""
    year = draw(st.one_of(st.integers(2015, 2030), st.integers(1980, 2120)))
    month = draw(st.one_of(st.integers(1, 12), st.integers(0, 14)))
    day = draw(st.one_of(st.integers(1, 28), st.integers(0, 33)))
    form = draw(st.sampled_from(["cn", "padded", "iso", "slash", "dot", "hanzi", "yuan",
                                 "hao", "range", "year", "month", "short", "spaced"]))
    if form == "cn":
        return f"{year}年{month}月{day}日"
    if form == "padded":
        return f"{year}年{month:02d}月{day:02d}日"
    if form == "iso":
        return f"{year}-{month:02d}-{day:02d}"
    if form == "slash":
        return f"{year}/{month}/{day}"
    if form == "dot":
        return f"{year}.{month}.{day}"
    if form == "hanzi":
        return f"{year_in_hanzi(year)}年{chinese_numeral(month)}月{chinese_numeral(day)}日"
    if form == "yuan":
        return f"{year}年元月{day}日"
    if form == "hao":
        return f"{year}年{month}月{day}号"
    if form == "range":
        return f"{year}年{month}月至{draw(st.integers(1, 14))}月"
    if form == "month":
        return f"{month}月{day}日"
    if form == "short":
        return f"{year % 100:02d}年{month}月{day}日"
    if form == "spaced":
        return f"{year} 年 {month}月 {day}日"
    return f"{year}年"


@st.composite
def body_sentence(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["figure", "rate", "qizhong", "date", "plain", "enum", "latin"]))
    if kind == "figure":
        return f"全年{draw(st.sampled_from(WORDS))}{draw(count_phrase())}。"
    if kind == "rate":
        return draw(rate_phrase()) + "。"
    if kind == "qizhong":
        return draw(qizhong_clause())
    if kind == "date":
        return f"{draw(date_phrase())}，召开专题会议研究{draw(st.sampled_from(WORDS))}。"
    if kind == "enum":
        items = draw(st.lists(st.integers(1, 12), min_size=1, max_size=5))
        return "；".join(f"{chinese_numeral(i)}是{draw(st.sampled_from(WORDS))}" for i in items) + "。"
    if kind == "latin":
        return f"提升了{draw(st.sampled_from(['service', 'LED', 'APP', 'and', 'OK']))}水平, 效果(良好)."
    return "".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))) + "。"


@st.composite
def title_line(draw: st.DrawFn) -> str:
    """XX县司法局2024年法治政府建设工作情况报告, and titles split over two lines."""
    organ = draw(st.sampled_from(ORGANS))
    year = draw(st.one_of(st.integers(2015, 2030), st.integers(0, 99999)))
    year_text = draw(st.sampled_from([f"{year}年", f"{year}年度", f"{year_in_hanzi(year)}年",
                                      f"{year} 年", ""]))
    link = draw(st.sampled_from(["", "关于"]))
    topic = draw(st.sampled_from(TOPICS))
    end = draw(st.sampled_from(["情况的报告", "工作情况报告", "工作报告", "年度报告", ""]))
    split = draw(st.sampled_from(["", "\n", "\n\n"]))
    return f"{organ}{link}{year_text}{topic}{split}{end}"


@st.composite
def opening_sentence(draw: st.DrawFn) -> str:
    year = draw(st.integers(2015, 2030))
    organ = draw(st.sampled_from(ORGANS))
    return draw(st.sampled_from([
        f"{year}年，{organ}认真贯彻落实上级决策部署，现将有关情况报告如下。",
        f"今年以来，{organ}深入推进依法行政，现将{year}年度工作情况报告如下：",
        f"根据《法治政府建设与责任落实督察工作规定》要求，现将{year}年法治政府建设情况报告如下。",
    ]))


@st.composite
def signature_block(draw: st.DrawFn) -> str:
    """Organ + date at the end, indented or not, joint organs, dates in every form."""
    organ = draw(st.sampled_from(ORGANS))
    if draw(st.booleans()):
        organ += draw(st.sampled_from(["  ", "\u3000"])) + draw(st.sampled_from(ORGANS))
    indent = draw(st.sampled_from(["", "                ", "\u3000\u3000\u3000", "\t"]))
    date = draw(date_phrase())
    end = draw(st.sampled_from(["", "。", " ", "  "]))
    return f"{indent}{organ}\n{indent}{date}{end}"


@st.composite
def residue_line(draw: st.DrawFn) -> str:
    """Web-page and converter residue."""
    date = draw(date_phrase())
    return draw(st.sampled_from([
        f"来源：{draw(st.sampled_from(ORGANS))} 发布时间：{date} 08:10",
        "【打印】【关闭】", "【打印本页】 【关闭窗口】",
        "当前位置：首页 > 政务公开 > 法治政府建设",
        "扫一扫在手机打开当前页", "附件下载", "相关链接", f"时间: {date}",
        "[bookmark: _GoBack]", "浏览次数：123", "字号：大 中 小", f"发布时间：{date}",
        "来源:云溪县", "分享到：", "【字体：大 中 小】",
    ]))


@st.composite
def half_width_line(draw: st.DrawFn) -> str:
    """Half-width punctuation in Chinese text, quotes, decimals, URLs."""
    pieces = draw(st.lists(st.sampled_from(
        WORDS + [",", ";", ":", "(", ")", "?", "!", ".", '"', "“", "”", "《", "》", "3.15",
                 "08:10", "www.gov.cn", "98%", "1.", " ", "  ", "\u3000"]), min_size=1,
        max_size=20))
    return "".join(pieces)


@st.composite
def long_line(draw: st.DrawFn) -> str:
    unit = draw(st.one_of(body_sentence(), st.sampled_from(WORDS)))
    return unit * draw(st.integers(20, 400))


# --- whole documents --------------------------------------------------------------------------
def report_line(surrogates: bool = False) -> st.SearchStrategy[str]:
    """One report-like line (or a few, where a piece spans lines)."""
    return st.one_of(
        body_sentence(), title_line(), opening_sentence(), signature_block(), residue_line(),
        half_width_line(), date_phrase(), count_phrase(), rate_phrase(), qizhong_clause(),
        st.sampled_from(["", "", "  ", "\u3000\u3000", "附件1", "附件：", "此页无正文"]),
        st.builds(heading_line, st.sampled_from(sorted(MARKER_STYLES)), st.integers(1, 30),
                  st.sampled_from(WORDS)),
        any_text(20, surrogates),
    )


@st.composite
def report_text(draw: st.DrawFn, surrogates: bool = False, max_lines: int = 40,
                max_siblings: int = 150) -> str:
    """A report-like document: title, opening, heading runs and body, signature, residue, in
    a random mix, with arbitrary characters spliced in, then line ends and a BOM applied."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(title_line()))
    if draw(st.booleans()):
        lines.append(draw(opening_sentence()))
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.integers(0, 2)) == 0:
            lines.extend(draw(siblings(draw(st.sampled_from([5, 12, max_siblings])))))
        else:
            lines.extend(draw(st.lists(report_line(surrogates), max_size=max_lines // 4)))
    if draw(st.integers(0, 6)) == 0:
        lines.append(draw(long_line()))
    if draw(st.booleans()):
        lines.append(draw(signature_block()))
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(residue_line()))
    text = "\n".join(lines)
    for _ in range(draw(st.integers(0, 4))):  # splice arbitrary characters anywhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(any_text(6, surrogates)) + text[at:]
    return draw(line_ends(text))


@st.composite
def line_ends(draw: st.DrawFn, text: str) -> str:
    """``text`` with LF, CRLF, CR or mixed line ends, maybe a trailing newline and a BOM."""
    style = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if style == "mixed":
        lines = text.split("\n")
        ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines),
                             max_size=len(lines)))
        text = "".join(line + end for line, end in zip(lines, ends))[: -len(ends[-1])]
    else:
        text = text.replace("\n", style)
    if draw(st.booleans()):
        text += draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    if draw(st.integers(0, 5)) == 0:
        text = "\ufeff" + text
    return text


# Pieces that make the fixable rules fire, alone or overlapping one another.
FIXABLE_PIECES = [
    "青石镇关于2024年度法治政府建设情况的报告", "青石镇人民政府", "法治政府建设", "情况的报告",
    "一、", "二、", "（一）", "(二)", "()", "（）", "1.", "1. ", "(1)", "一是", "二是", "四是",
    "2024", "2024 年", "2025年", "11月 28日", "2025年1月20日", "2025年01月20日", "12件", "98%",
    ",", ";", ":", "(", ")", "?", "，", "；", "：", "。", "、", "《", "》", "“", "”",
    " ", "  ", "   ", "\u3000", "\t", "\n", "\n\n",
    "扫一扫在手机打开当前页", "来源:云溪县", "附件下载", "相关链接", "时间: 2025-02-05 08:10",
    "[bookmark: _GoBack]", "XX镇", "某某", "送到到", "学习习近平", "and", "LED", "3.15",
    "调解", "化解", "纠纷", "群众", "推进", "依法行政", "全年", "共", "排查",
]
# Whole lines: residue to delete, headings to renumber, signature dates to reformat.
FIXABLE_LINES = [
    "扫一扫在手机打开当前页", "来源：云溪县人民政府", "附件下载", "相关链接", "发布时间：2025-02-05 08:10",
    "青石镇关于2024年度法治政府建设情况的报告", "青石镇关于2024年度法治政府建设", "情况的报告",
    "一、主要举措和成效", "（一）加强学习", "（二）规范执法", "（）强化宣传", "(四)化解纠纷",
    "二、存在的不足和原因", "三、2025年工作安排", "                青石镇人民政府",
    "                2025年01月20日", "2025年 1月20日", "",
]


def fixable_text(surrogates: bool = False) -> st.SearchStrategy[str]:
    """Short text dense with what the fixable rules fix, overlapping: the fixer's hard cases."""
    piece = st.one_of(st.sampled_from(FIXABLE_PIECES), any_text(3, surrogates))
    line = st.one_of(st.sampled_from(FIXABLE_LINES), st.lists(piece, max_size=12).map("".join))
    return st.lists(line, max_size=16).map("\n".join)


def documents(surrogates: bool = False, max_siblings: int = 150) -> st.SearchStrategy[str]:
    """Report-like text mostly, dense fixable text and plain arbitrary text sometimes."""
    reports = report_text(surrogates, max_siblings=max_siblings)
    return st.one_of(reports, reports, fixable_text(surrogates), any_text(200, surrogates))


# --- configs ----------------------------------------------------------------------------------
CONFIG_KEYS = ("profile", "profiles", "select", "ignore", "severity", "per-file-ignores",
               "rules", "fail-on", "lang", "include", "exclude", "encoding", "year")


def _rules() -> dict[str, Any]:
    from lawlint.rules import all_rules  # the real codes, names and options

    return all_rules()


def hostile_values() -> st.SearchStrategy[Any]:
    """Any YAML value, leaning towards the awkward ones."""
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(-2**70, 2**70),
        st.floats(allow_nan=True, allow_infinity=True), any_text(20),
        st.sampled_from(["", "ALL", "all", "LL", "LL1", "LL999", "ll201", "error", "never",
                         "zh", "en", "fr", "utf-8", "gb18030", "utf-32", "rot13", "base64",
                         "hex", "idna", "*.txt", "**", "[", "../../etc/passwd", "/dev/zero",
                         "fzzf-annual", "missing.yaml", "~", "-", "..", "\x7f", "04-01",
                         "13-45", "2024", 1990, 2100, 1989, 2101, 0, -1, 1e308]),
    )
    return st.recursive(scalars, _nested, max_leaves=8)


def _nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(inner, max_size=4),
                     st.dictionaries(hostile_keys(), inner, max_size=3))


def hostile_keys() -> st.SearchStrategy[Any]:
    """Mapping keys YAML allows: strings, numbers, booleans, null."""
    return st.one_of(any_text(6), st.integers(), st.booleans(), st.none(), st.floats())


@st.composite
def rule_selectors(draw: st.DrawFn) -> list[Any]:
    rules = _rules()
    choices = sorted(rules) + [r.name for r in rules.values()] + ["LL1", "LL2", "LL60", "ALL"]
    return draw(st.lists(st.one_of(st.sampled_from(choices), hostile_values()), max_size=4))


@st.composite
def rule_option_table(draw: st.DrawFn) -> dict[Any, Any]:
    rules = _rules()
    table: dict[Any, Any] = {}
    for code in draw(st.lists(st.sampled_from(sorted(rules)), max_size=3)):
        options = rules[code].options
        names = sorted(options) + ["bogus"]
        table[code] = draw(st.dictionaries(
            st.sampled_from(names),
            st.one_of(hostile_values(), st.sampled_from([0, -5, 10**9, "04-01", "02-30", "",
                                                          "99-99", "x", [], ["LED"], True]),
                      ), max_size=2))
    return table


def config_values() -> dict[str, st.SearchStrategy[Any]]:
    """For each config key: plausible values, borderline values and hostile ones."""
    from lawlint.config import FAIL_ON
    from lawlint.rules import LANGS, SEVERITIES

    return {
        "profile": st.one_of(st.sampled_from(["fzzf-annual", "township", "nope", "x.yaml",
                                              "../x.yaml", "/dev/null", "profile.yaml"]),
                             hostile_values()),
        "profiles": st.one_of(st.lists(st.sampled_from(["profile.yaml", "missing.yaml", "",
                                                        "/", ".", "config.yaml"])),
                              hostile_values()),
        "select": st.one_of(rule_selectors(), hostile_values()),
        "ignore": st.one_of(rule_selectors(), hostile_values()),
        "severity": st.one_of(st.dictionaries(st.one_of(st.sampled_from(sorted(_rules())),
                                                        hostile_keys()),
                                              st.sampled_from([*SEVERITIES, "fatal", None]),
                                              max_size=3), hostile_values()),
        "per-file-ignores": st.one_of(st.dictionaries(
            st.one_of(st.sampled_from(["*.txt", "drafts/*", "", "[", "**/*"]), hostile_keys()),
            rule_selectors(), max_size=2), hostile_values()),
        "rules": st.one_of(rule_option_table(), hostile_values()),
        "fail-on": st.one_of(st.sampled_from(FAIL_ON), hostile_values()),
        "lang": st.one_of(st.sampled_from(LANGS), hostile_values()),
        "include": st.one_of(st.lists(st.sampled_from(["*.txt", "*.md", "*", "", "["])),
                             hostile_values()),
        "exclude": st.one_of(st.lists(st.sampled_from(["*.txt", "*-old.txt", "", "["])),
                             hostile_values()),
        "encoding": st.one_of(st.sampled_from(["utf-8", "gb18030", "utf-16", "latin-1",
                                               "utf-32", "rot13", "base64", "nope", ""]),
                              hostile_values()),
        "year": st.one_of(st.integers(1980, 2110), hostile_values()),
    }


@st.composite
def config_mapping(draw: st.DrawFn) -> dict[Any, Any]:
    """A random mapping over the real config keys, now and then with an unknown key."""
    values = config_values()
    keys = draw(st.lists(st.sampled_from(CONFIG_KEYS), unique=True, max_size=5))
    data: dict[Any, Any] = {key: draw(values[key]) for key in keys}
    if draw(st.integers(0, 9)) == 0:
        data[draw(hostile_keys())] = draw(hostile_values())
    return data


@st.composite
def config_yaml(draw: st.DrawFn) -> str:
    """The text of a .lawlint.yaml: a dumped random mapping, or broken YAML, or not a mapping."""
    import yaml

    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(any_text(80))
    if kind == 1:
        return yaml.safe_dump(draw(hostile_values()), allow_unicode=True)
    text = yaml.safe_dump(draw(config_mapping()), allow_unicode=draw(st.booleans()))
    if kind == 2:  # damage it: cut it short or splice in YAML syntax
        at = draw(st.integers(0, len(text)))
        damage = draw(st.sampled_from(["", ": [", "{", "\t", "- - -", "&a *a", "%YAML 9.9\n---\n",
                                       "!!python/object:os.system ''", "x: &a [*a]"]))
        text = text[:at] + damage + text[at:]
    return text


# --- paths ------------------------------------------------------------------------------------
@st.composite
def file_names(draw: st.DrawFn) -> bytes:
    """A file name as bytes (Linux names are bytes): spaces, Chinese, leading dashes, very long,
    invalid UTF-8. Always ends in .txt so folder expansion picks it up."""
    stem = draw(st.one_of(
        st.sampled_from(["report", "报告", "a b", " leading", "trailing ", "-rf", "--fix",
                         "-", "--", "-o", ".hidden", "x" * 200, "年度报告" * 20, "a\tb",
                         "a\nb", "*", "[x]", "?", "$(id)", "`id`", "~"]),
        st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1,
                max_size=30),
    ))
    raw = stem.encode("utf-8")
    if draw(st.integers(0, 3)) == 0:  # invalid UTF-8 / a GBK-encoded name
        raw += draw(st.sampled_from([b"\xff", b"\xc3", b"\xb1\xa8\xb8\xe6", b"\xed\xa0\x80"]))
    return raw[:250] + b".txt"
