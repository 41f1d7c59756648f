"""Property tests for --fix: fixing never raises, is idempotent, edits only what findings point
at, and deletes Chinese text only with a residue line.

The loop under test is lawlint.engine.fix_text (engine.fix_source, the one the CLI runs). Inputs
are arbitrary text built from report-like pieces, and the corpus reports with random edits.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint.config import Config
from lawlint.engine import fix_text, lint_source
from lawlint.fixer import apply_fixes
from lawlint.reader import decode
from lawlint.rules import Finding

HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
CONFIG = Config()

# Pieces that make the fixable rules fire, alone or overlapping one another.
PIECES = [
    "青石镇关于2024年度法治政府建设情况的报告", "青石镇人民政府", "法治政府建设", "情况的报告",
    "一、", "二、", "（一）", "(二)", "()", "（）", "1.", "1. ", "(1)", "一是", "二是", "四是",
    "2024", "2024 年", "2025年", "11月 28日", "2025年1月20日", "2025年01月20日", "12件", "98%",
    ",", ";", ":", "(", ")", "?", "，", "；", "：", "。", "、", "《", "》", "“", "”",
    " ", "  ", "   ", "\u3000", "\t", "\n", "\n\n",
    "扫一扫在手机打开当前页", "来源:云溪县", "附件下载", "相关链接", "时间: 2025-02-05 08:10",
    "[bookmark: _GoBack]", "XX镇", "某某", "送到到", "学习习近平", "and", "LED", "3.15",
    "调解", "化解", "纠纷", "群众", "推进", "依法行政", "全年", "共", "排查",
]
ALPHABET = st.characters(codec="utf-8", exclude_characters="\x00\r")


# Whole lines: residue to delete, headings to renumber, signature dates to reformat.
LINES = [
    "扫一扫在手机打开当前页", "来源：云溪县人民政府", "附件下载", "相关链接", "发布时间：2025-02-05 08:10",
    "青石镇关于2024年度法治政府建设情况的报告", "青石镇关于2024年度法治政府建设", "情况的报告",
    "一、主要举措和成效", "（一）加强学习", "（二）规范执法", "（）强化宣传", "(四)化解纠纷",
    "二、存在的不足和原因", "三、2025年工作安排", "                青石镇人民政府",
    "                2025年01月20日", "2025年 1月20日", "",
]


def report_like() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(PIECES), st.text(ALPHABET, max_size=3))
    line = st.one_of(st.sampled_from(LINES), st.lists(piece, max_size=12).map("".join))
    return st.lists(line, max_size=16).map("\n".join)


def _normal(text: str) -> str:
    """What the reader makes of ``text``: the fixer works on this form."""
    return decode(text.encode("utf-8"), "<t>").text


def _edit_range(finding: Finding, text: str, result) -> tuple[int, int]:
    """The text a finding may change: its span; for a residue line, the whole lines."""
    doc = result.document
    start = doc.offset(finding.line, finding.column - 1)
    end = doc.offset(finding.end_line, finding.end_column - 1)
    if finding.rule == "LL602":
        start = doc.offset(finding.line)
        end = doc.offset(finding.end_line + 1) if finding.end_line < len(doc.lines) else len(text)
    return start, end


def _check_pass(text: str) -> tuple[str, Counter]:
    """One pass of the fix loop, checked: (fixed text, Chinese characters residue fixes delete)."""
    result = lint_source(replace(decode(b"", "<t>"), text=text), CONFIG)
    fixable = [f for f in result.findings if f.fix]
    deleted: Counter = Counter()
    for finding in fixable:
        lo, hi = _edit_range(finding, text, result)
        for edit in finding.fix.edits:
            assert lo <= edit.start <= edit.end <= hi, (finding, edit)
            old, new = text[edit.start : edit.end], edit.text
            if finding.rule == "LL602":
                assert new == "", (finding, edit)  # residue is deleted, never rewritten
                deleted.update(HAN.findall(old))
            else:
                lost = Counter(HAN.findall(old)) - Counter(HAN.findall(new))
                assert not lost, (finding, old, new)
    fixed, count = apply_fixes(text, result.findings)
    assert count <= len(fixable)
    _outside_unchanged(text, fixed, [e for f in fixable for e in f.fix.edits])
    return fixed, deleted


def _outside_unchanged(old: str, new: str, edits) -> None:
    """Every stretch of ``old`` that no edit touches is still in ``new``, in order."""
    if not edits:
        assert new == old
        return
    kept, cursor = [], 0
    for start, end in sorted((e.start, e.end) for e in edits):
        kept.append(old[cursor:start] if start > cursor else "")
        cursor = max(cursor, end)
    kept.append(old[cursor:])
    assert new.startswith(kept[0]) and new.endswith(kept[-1]), (kept[0], kept[-1], new)
    position = len(kept[0])
    for piece in kept[1:-1]:
        found = new.find(piece, position)
        assert found >= 0, (piece, new)
        position = found + len(piece)
    assert position <= len(new) - len(kept[-1]) or not kept[-1]


def _check_fix(text: str) -> None:
    fixed, count = fix_text(text, CONFIG)
    # the same loop, pass by pass, each pass checked
    current, deleted = _normal(text), Counter()
    for _ in range(10):
        after, gone = _check_pass(current)
        deleted += gone
        if after == current:
            break
        current = after
    assert current == fixed
    # Chinese characters are lost only with the residue the fixes deleted
    removed = Counter(HAN.findall(_normal(text))) - Counter(HAN.findall(fixed))
    assert not removed - deleted, removed
    # idempotent: nothing left to fix, and fixing again changes nothing
    again, more = fix_text(fixed, CONFIG)
    assert (again, more) == (fixed, 0)
    assert count == 0 or fixed != _normal(text) or count > 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like())
def test_fixing_report_like_text(text: str) -> None:
    _check_fix(text)


@settings(max_examples=100, deadline=None)
@given(st.text(ALPHABET, max_size=200))
def test_fixing_arbitrary_text(text: str) -> None:
    _check_fix(text)


def _corpus_names() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


EDITS = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(PIECES)),
                 max_size=8)


@pytest.mark.skipif(not _corpus_names(), reason="../shared/corpus is not present")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(_corpus_names() or ["-"]), edits=EDITS,
       cut=st.floats(0, 1), keep=st.integers(200, 3000))
def test_fixing_edited_corpus(name: str, edits, cut: float, keep: int) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    start = int(cut * max(len(text) - keep, 0))
    text = text[start : start + keep]  # a window keeps each example fast
    for where, piece in edits:
        at = int(where * (len(text) + 1))
        text = text[:at] + piece + text[at:]
    _check_fix(text)


def test_fixing_the_corpus_is_idempotent(corpus: Path) -> None:
    for path in sorted(corpus.glob("*.txt")):
        _check_fix(path.read_text(encoding="utf-8"))
