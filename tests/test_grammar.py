"""The heading grammar: every marker form, numerals, and what is not a heading."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.model.grammar import (
    chinese_to_int,
    enumeration_items,
    int_to_chinese,
    parse_heading,
    render_marker,
)

MARKERS = [
    ("一、总体情况", 1, 1, "一、", False),
    ("十一、其他", 1, 11, "十一、", False),
    ("二十三、其他", 1, 23, "二十三、", False),
    ("九十九、其他", 1, 99, "九十九、", False),
    ("一、 主要举措", 1, 1, "一、", True),
    ("一．主要举措", 1, 1, "一．", False),
    ("（一）加强学习", 2, 1, "（一）", False),
    ("(一)加强学习", 2, 1, "(一)", False),
    ("（一) 加强学习", 2, 1, "（一)", True),
    ("（十二）加强学习", 2, 12, "（十二）", False),
    ("1.加强学习", 3, 1, "1.", False),
    ("1. 加强学习", 3, 1, "1.", True),
    ("1、加强学习", 3, 1, "1、", False),
    ("1．加强学习", 3, 1, "1．", False),
    ("１．加强学习", 3, 1, "１．", False),
    ("12.加强学习", 3, 12, "12.", False),
    ("（1）加强学习", 4, 1, "（1）", False),
    ("(1)加强学习", 4, 1, "(1)", False),
    ("（１）加强学习", 4, 1, "（１）", False),
    ("①每月一次", 5, 1, "①", False),
    ("⑳每月一次", 5, 20, "⑳", False),
    ("（）强化宣传", None, None, "（）", False),
    ("()强化宣传", None, None, "()", False),
    ("\u3000\u3000一、缩进的标题", 1, 1, "一、", False),
    ("第一部分：主要举措和成效", 0, 1, "第一部分：", False),
    ("第二部分:存在的不足", 0, 2, "第二部分:", False),
    ("第三部分 工作安排", 0, 3, "第三部分", True),
    ("第四部分", 0, 4, "第四部分", False),
    ("第十二章 附则", 0, 12, "第十二章", True),
    ("第一篇、总结", 0, 1, "第一篇、", False),
    ("**一、强化组织领导**", 1, 1, "一、", False),
    ("**（二）规范执法。**正文", 2, 2, "（二）", False),
]


@pytest.mark.parametrize("line,level,value,text,space", MARKERS)
def test_markers(line, level, value, text, space):
    parsed = parse_heading(line)
    assert parsed is not None
    marker = parsed.marker
    assert (marker.level, marker.value, marker.text, marker.space_after) == (level, value, text,
                                                                              space)
    assert line[marker.start : marker.end] == text


@pytest.mark.parametrize("line", ["2024年，我镇", "3.15消费者权益日", "1、2月份开展排查", "一是加强学习",
                                  "十十、错", "一二三、错", "12·4宪法日", "（一是）", "", "正文。",
                                  "123.很长的数字", "第一部分工作已完成。", "第一，加强学习",
                                  "第一书记带头学法", "第三章节", "*一、单星号"])
def test_not_headings(line):
    assert parse_heading(line) is None


def test_run_in_heading_keeps_rest():
    parsed = parse_heading("（一）加强队伍建设。加大培训力度。")
    assert parsed.rest == "加强队伍建设。加大培训力度。" and parsed.rest_start == 3


@pytest.mark.parametrize("value", range(1, 100))
def test_numerals_round_trip(value):
    assert chinese_to_int(int_to_chinese(value)) == value


@pytest.mark.parametrize("bad", ["", "十十", "一一", "二十十", "零", "x"])
def test_bad_numerals(bad):
    assert chinese_to_int(bad) is None


@pytest.mark.parametrize("level,value,style,expected", [
    (2, 3, "（）", "（三）"), (2, 3, "()", "(三)"), (1, 4, "、", "四、"), (3, 2, ". ", "2."),
    (3, 2, "全角数字．", "２．"), (4, 5, "（）", "（5）"), (0, 2, "第部分：", "第二部分："),
    (0, 3, "第章 ", "第三章"),
])
def test_render_marker(level, value, style, expected):
    assert render_marker(level, value, style) == expected


def test_enumeration_items():
    items = list(enumeration_items("主要做法：一是学习；二是执法，统一是前提；十一是宣传"))
    assert [i.value for i in items] == [1, 2, 11]


@pytest.mark.parametrize("line,start", [("## 一、主要举措", 3), ("### （一）加强", 4), ("  # 1. 学习", 4)])
def test_markdown_heading_prefix_is_layout(line, start):
    assert parse_heading(line).marker.start == start


def test_hash_without_space_is_text():
    assert parse_heading("#一、话题#") is None


def test_bold_heading_title_and_body_leave_out_the_closing_mark():
    from lawlint.config import Config
    from lawlint.engine import lint_text

    doc = lint_text("**一、强化组织领导**\n**（一）加强学习。**全年学法10次。\n",
                    Config(select=("LL101",))).document
    first, second = doc.headings
    assert first.title == "强化组织领导" and second.title == "加强学习。"
    assert second.body == "全年学法10次。"
    assert doc.text[doc.offset(second.line, second.body_start):].startswith("全年")


def test_part_level_stands_above_level_one():
    from lawlint.config import Config
    from lawlint.engine import lint_text

    doc = lint_text("第一部分：主要举措和成效\n一、加强学习\n正文。\n二、规范执法\n正文。\n"
                    "第二部分：存在的不足和原因\n一、学习不够\n正文。\n",
                    Config(select=("LL101",))).document
    assert [(h.level, len(h.children)) for h in doc.outline.children] == [(0, 2), (0, 1)]
    assert not lint_text(doc.text, Config(select=("LL101", "LL102", "LL103"))).findings


# --- the marker key: the parse of a line is the parse of its key ------------------------------
# Every character of a marker, spaces, a few that are not (REST), a newline and a surrogate.
KEY_ALPHABET = "第部分章篇：:、．.一二三四五六七八九十百0１9９(（)）①⑳⑴ \t\u3000年加强X\n。\ud800"


def _full_parse(stripped: str):
    """What lark reads in the whole of ``stripped`` (no key) and the REST token's text."""
    from lark import Token

    from lawlint.model import grammar

    found = grammar._read_marker.__wrapped__(grammar.heading_parser(), stripped)
    if found is None:
        return None, None
    rest = [t for t in grammar.heading_parser().parse(stripped).children[1:]
            if isinstance(t, Token) and t.type == "REST"]
    return found, rest[0] if rest else ""


@given(st.text(alphabet=KEY_ALPHABET, max_size=14))
@settings(max_examples=3000, deadline=None, derandomize=True, database=None)
def test_a_line_parses_as_its_marker_key(stripped: str) -> None:
    from lawlint.model import grammar

    found, rest = _full_parse(stripped)
    assert grammar._read_marker(grammar.heading_parser(), grammar.marker_key(stripped)) == found
    parsed = parse_heading(stripped)
    if parsed is not None and parsed.marker.start == 0:  # no indentation taken off before it
        assert (parsed.rest, parsed.rest_start) == (rest, len(stripped) - len(rest))


# The terminals marker_key's character set was made from (lawlint/model/grammar.py,
# _MARKER_CHARS): a change to the grammar's terminals must update that set, then this list.
MARKER_TERMINALS = {
    "ORDINAL": "第", "PART_WORD": "(?:部分|章|篇)", "PART_DELIM": "(?:：|:|、|．)",
    "CN_NUM": "[一二三四五六七八九十]{1,3}", "CN_DELIM": "(?:、|．)", "DIGITS": "[0-9０-９]{1,2}",
    "DIGIT_DELIM": "[.．、](?![0-9０-９])", "LPAR": "(?:\\(|（)", "RPAR": "(?:\\)|）)",
    "CIRCLED": "[①-⑳]", "SPACE": "[ \t\u3000]+", "REST": "(?s:.+)",
}


def test_the_marker_characters_follow_the_grammar() -> None:
    from lawlint.model import grammar

    terminals = {t.name: t.pattern.to_regexp() for t in grammar.heading_parser().terminals}
    assert terminals == MARKER_TERMINALS
