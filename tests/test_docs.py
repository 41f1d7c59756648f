"""Documentation stays in step with the rules: README table, explain text, catalogue codes."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from lawlint.rules import all_rules

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", list(all_rules()))
def test_readme_row_matches_rule(code):
    rule = all_rules()[code]
    fixable = "yes" if rule.fixable else ""
    row = f"| {code} | {rule.name} | {rule.severity} | {fixable} |".replace("|  |", "| |")
    assert row in README


@pytest.mark.parametrize("code", list(all_rules()))
def test_explanation_has_why_and_example(code):
    text = all_rules()[code].explanation()
    assert "为什么" in text and "示例" in text
    assert all(len(pair) == 2 and all(pair) for pair in all_rules()[code].messages.values())


def test_codes_follow_the_catalogue_pattern():
    for code, rule in all_rules().items():
        assert re.fullmatch(r"LL[1-7]\d\d", code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)


def _example(text: str, label: str) -> list[str]:
    """The example block: its label line (示例（错误）:: or Example (error)::) and the indented
    lines after it."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.fullmatch(label, line))
    block = [lines[start]]
    for line in lines[start + 1:]:
        if line and not line.startswith(" "):
            break
        block.append(line)
    return block


LABELS_EN = {"错误": "error", "警告": "warning", "提示": "info"}


@pytest.mark.parametrize("code", list(all_rules()))
def test_english_explanation_follows_the_chinese(code):
    rule = all_rules()[code]
    zh, en = rule.explanation(), rule.explanation("en")
    assert en and "Why: " in en
    assert not re.search(r"为什么|示例|修复", en)
    chinese = _example(zh, r"示例（(错误|警告|提示)）::")
    english = _example(en, r"Example \((error|warning|info)\)::")
    assert english[0] == f"Example ({LABELS_EN[chinese[0][3:5]]})::"
    assert english[1:] == chinese[1:]  # the report text shown stays as lawlint reads it
    assert ("Fix: " in en) == ("修复：" in zh) == rule.fixable


@pytest.mark.parametrize("code", list(all_rules()))
def test_english_summary_is_the_first_sentence(code):
    rule = all_rules()[code]
    summary = rule.summary("en")
    assert summary.endswith(".") and "\n" not in summary
    assert " ".join(rule.explanation("en").split("\n\n")[0].split()).startswith(summary)
    assert rule.summary() == rule.summary("zh") and rule.summary().endswith("。")
