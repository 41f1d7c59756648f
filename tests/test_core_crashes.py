"""Inputs that crashed the core: 100 and more sibling headings or list items, lone surrogates in
a str, and a fix that edited text outside the finding it belongs to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lawlint.config import Config
from lawlint.engine import fix_text, lint_text
from lawlint.model.grammar import parse_heading
from lawlint.numerals import chinese_to_int, int_to_chinese
from lawlint.rules import Finding

sys.path.insert(0, str(Path(__file__).parent))
from test_rule_cases import ALL, _config  # noqa: E402

# --- Chinese numerals past 99 --------------------------------------------------------------

NUMERALS = {1: "一", 10: "十", 11: "十一", 20: "二十", 99: "九十九", 100: "一百", 101: "一百零一",
            110: "一百一十", 111: "一百一十一", 120: "一百二十", 200: "二百", 999: "九百九十九",
            1000: "一千", 1005: "一千零五", 1010: "一千零一十", 1100: "一千一百", 10000: "一万",
            10010: "一万零一十", 100010: "十万零一十", 110000: "十一万", 1_000_000: "一百万",
            100_000_001: "一亿零一"}


@pytest.mark.parametrize("value,numeral", NUMERALS.items())
def test_numerals_past_ninety_nine(value: int, numeral: str) -> None:
    assert int_to_chinese(value) == numeral
    assert chinese_to_int(numeral) == value


def test_numerals_round_trip() -> None:
    assert all(chinese_to_int(int_to_chinese(n)) == n for n in range(1, 30_000))


@pytest.mark.parametrize("numeral", ["十十", "一十", "两百", "一百一", "百", "一百〇一", "零", ""])
def test_unusual_numerals_are_not_heading_numbers(numeral: str) -> None:
    assert chinese_to_int(numeral) is None


@pytest.mark.parametrize("line", ["一百、加强", "一百零一、加强", "（一百）加强", "（一百二十）加强",
                                  "100、加强", "（120）加强", "120.加强", "九百九十九、加强"])
def test_big_markers_do_not_crash_the_parser(line: str) -> None:
    parsed = parse_heading(line)
    assert parsed is None or parsed.marker.value is not None


# --- 100 and more siblings ------------------------------------------------------------------

HEAD = "青石镇关于2024年度法治政府建设情况的报告\n\n一、主要举措\n"
TAIL = "\n二、存在的不足\n不足。\n\n青石镇人民政府\n2025年1月20日\n"


def _siblings(count: int, marker, blank: int | None = None, missing: int | None = None) -> str:
    """``count`` level-2-or-below headings, each with a line of text; ``blank`` is written
    （） and ``missing`` left out."""
    lines = []
    for number in range(1, count + 1):
        if number != missing:
            lines.append(f"{'（）' if number == blank else marker(number)}第{number}项工作\n"
                         f"开展工作。")
    return HEAD + "\n".join(lines) + TAIL


def _lint_and_fix(text: str) -> list[Finding]:
    findings = lint_text(text).findings
    fixed, _ = fix_text(text)
    assert fix_text(fixed)[1] == 0, "fixing twice changes nothing"
    return findings


def test_hundredth_chinese_sibling_left_blank() -> None:
    findings = _lint_and_fix(_siblings(100, lambda n: f"（{int_to_chinese(n)}）", blank=100))
    missing = [f for f in findings if f.rule == "LL101"]
    assert [f.line for f in missing] == [4 + 2 * 99]
    assert "（一百）" in missing[0].message
    assert missing[0].fix is None, "（一百） is past what the grammar reads: no fix"


def test_blank_after_ninety_nine_chinese_siblings() -> None:
    text = _siblings(99, lambda n: f"（{int_to_chinese(n)}）").replace(TAIL, "\n（）再补一项" + TAIL)
    assert any("（一百）" in f.message for f in _lint_and_fix(text) if f.rule == "LL101")


@pytest.mark.parametrize("marker", [lambda n: f"（{n}）", lambda n: f"{n}、",
                                    lambda n: f"（{int_to_chinese(n)}）"],
                         ids=["paren-digits", "dun-digits", "paren-chinese"])
@pytest.mark.parametrize("gap", [{"blank": 100}, {"blank": 105}, {"missing": 101}, {}])
def test_hundred_twenty_siblings(marker, gap: dict) -> None:
    _lint_and_fix(_siblings(120, marker, **gap))


def test_ninety_ninth_enumeration_item_repeated() -> None:
    findings = lint_text("一、主要举措\n九十八是甲；九十九是乙；九十九是丙。\n").findings
    assert any(f.rule == "LL104" and "一百是" in f.message for f in findings)


def test_cli_fixes_a_hundred_and_twenty_siblings(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(_siblings(120, lambda n: f"（{int_to_chinese(n)}）", blank=100),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "lawlint", "--no-config", "--fix",
                             str(report)], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, LAWLINT_NO_CACHE="1"))
    assert result.returncode == 1 and not result.stderr, result.stderr


# --- lone surrogates ------------------------------------------------------------------------

SURROGATE_TEXT = "一、主要举措\n\ud800正文。。\n（三）x\udfff  \n\ud83d\ude00二〇二四年\n"


def _positions(text: str) -> list[tuple]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column)
            for f in lint_text(text).findings]


def test_lone_surrogates_lint_with_exact_columns() -> None:
    # a private-use character: like a surrogate, no letter, digit or punctuation to any rule
    stand_in = "".join("\ue000" if "\ud800" <= c <= "\udfff" else c for c in SURROGATE_TEXT)
    assert _positions(SURROGATE_TEXT) == _positions(stand_in)
    assert lint_text("一、主要举措\n\ud800正文。\n").findings is not None


def test_lone_surrogates_survive_fixing() -> None:
    fixed, count = fix_text(SURROGATE_TEXT)
    stand_in = SURROGATE_TEXT.replace("\ud800", "甲").replace("\udfff", "乙")
    stand_in = stand_in.replace("\ud83d", "丙").replace("\ude00", "丁")
    fixed_stand_in, count_stand_in = fix_text(stand_in)
    assert count == count_stand_in
    for char, sub in ("\ud800甲", "\udfff乙", "\ud83d丙", "\ude00丁"):
        fixed_stand_in = fixed_stand_in.replace(sub, char)
    assert fixed == fixed_stand_in


# --- fixes edit only their finding's span ---------------------------------------------------


def test_date_fix_stays_inside_its_finding() -> None:
    text = "青石镇人民政府\n2025年1月22日。\n"
    finding, = (f for f in lint_text(text, Config(select=("LL504",))).findings)
    assert (finding.line, finding.column, finding.end_column) == (2, 1, 12)
    assert _edits_outside(lint_text(text, Config(select=("LL504",)))) == []


def _edits_outside(result) -> list[str]:
    doc, outside = result.document, []
    for finding in result.findings:
        start = doc.offset(finding.line, finding.column - 1)
        end = doc.offset(finding.end_line, finding.end_column - 1)
        for edit in finding.fix.edits if finding.fix else ():
            if not start <= edit.start <= edit.end <= end:
                outside.append(f"{finding.rule} {finding.line}:{finding.column}: edit "
                               f"{doc.text[edit.start:edit.end]!r} beyond "
                               f"{doc.text[start:end]!r}")
    return outside


FAILING = [(rule, case) for rule, kind, case in ALL if kind == "fail"]


@pytest.mark.parametrize("rule,case", FAILING, ids=[case["id"] for _, case in FAILING])
def test_fix_edits_lie_inside_the_finding(rule: str, case: dict) -> None:
    outside = _edits_outside(lint_text(case["text"], _config(rule, case)))
    assert outside == []


def test_residue_line_deletion_inside_the_finding() -> None:
    """LL602 deletes a residue line with its line break: its span runs to the next line."""
    assert _edits_outside(lint_text("正文。\n相关链接：\n", Config(select=("LL602",)))) == []
