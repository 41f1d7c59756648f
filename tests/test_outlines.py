"""Outlines as reports write them: a level slip said as such (LL101) and a profile's own
part orders (LL203). The rest is kept as data in tests/cases."""

from __future__ import annotations

from pathlib import Path

from lawlint.config import Config
from lawlint.engine import lint_text

SLIP = "一、2024年主要措施\n一、强化组织领导\n正文。\n二、规范行政执法\n正文。\n二、存在的问题\n正文。\n"


def test_a_level_slip_asks_for_subheadings_not_a_renumbering():
    findings = lint_text(SLIP, Config(select=("LL101",))).findings
    assert [(f.line, f.fix) for f in findings] == [(2, None)]
    assert "下级标题" in findings[0].message and "（一）" in findings[0].message
    english = lint_text(SLIP, Config(select=("LL101",), lang="en")).findings[0].message
    assert "subheadings" in english


REGULATION_ORDER = ("一、主要举措和成效\n正文。\n二、存在的不足和原因\n正文。\n"
                    "三、党政主要负责人履行第一责任人职责情况\n正文。\n四、2025年工作安排\n正文。\n")


def test_a_profile_without_orders_accepts_only_its_parts_order(tmp_path: Path):
    profile = tmp_path / "strict.yaml"
    profile.write_text(
        "name: strict\nparts:\n"
        "  - {id: measures, name: 举措, headings: [举措]}\n"
        "  - {id: first, name: 第一责任人, headings: [第一责任人]}\n"
        "  - {id: short, name: 不足, headings: [不足]}\n"
        "  - {id: plans, name: 安排, headings: [安排]}\n", encoding="utf-8")
    strict = lint_text(REGULATION_ORDER, Config(select=("LL203",), profile=str(profile)))
    assert [f.line for f in strict.findings] == [5]
    assert not lint_text(REGULATION_ORDER, Config(select=("LL203",))).findings
    with_orders = tmp_path / "ordered.yaml"
    with_orders.write_text(profile.read_text(encoding="utf-8")
                           + "orders: [[measures, short, first, plans]]\n", encoding="utf-8")
    ordered = lint_text(REGULATION_ORDER, Config(select=("LL203",), profile=str(with_orders)))
    assert not ordered.findings
