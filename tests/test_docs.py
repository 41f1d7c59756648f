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
