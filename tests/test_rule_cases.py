"""Every rule's passing and failing snippets, kept as data in tests/cases/<CODE>.yaml.

A case file has `rule`, `fail` and `pass` lists. A case has `text`, optional `lines` (where the
rule must fire, one entry per finding), optional `config` (Config fields: year, rule_options …)
and optional `fixed` (the text after applying the findings' fixes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lawlint.config import Config
from lawlint.engine import lint_text
from lawlint.fixer import apply_fixes
from lawlint.rules import all_rules

CASES = Path(__file__).parent / "cases"
# The LL7xx layout rules need .docx documents: their cases are built by tests/test_layout.py.
LAYOUT_CASES = Path(__file__).parent / "layout_cases.yaml"


def _load() -> list[tuple[str, str, dict]]:
    cases = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("fail", "pass"):
            for i, case in enumerate(data.get(kind) or []):
                cases.append((data["rule"], kind, {"id": f"{path.stem}-{kind}-{i}", **case}))
    return cases


ALL = _load()


def _config(rule: str, case: dict) -> Config:
    extra = dict(case.get("config") or {})
    options = extra.pop("rule_options", None)
    if options:
        extra["rule_options"] = {rule: options}
    return Config(select=(rule,), **extra)


@pytest.mark.parametrize("rule,kind,case", ALL, ids=[c["id"] for _, _, c in ALL])
def test_case(rule: str, kind: str, case: dict) -> None:
    result = lint_text(case["text"], _config(rule, case))
    found = sorted(f.line for f in result.findings if f.rule == rule)
    expected = sorted(case.get("lines", [])) if kind == "fail" else []
    assert found == expected, [f"{f.line}:{f.column} {f.message}" for f in result.findings]
    if kind == "fail":
        assert expected, "a failing case must list the lines where the rule fires"
    if "fixed" in case:
        fixed, _ = apply_fixes(result.document.text, result.findings)
        assert fixed == case["fixed"]


@pytest.mark.parametrize("code", list(all_rules()))
def test_every_rule_has_enough_cases(code: str) -> None:
    kinds = [kind for rule, kind, _ in ALL if rule == code]
    layout = yaml.safe_load(LAYOUT_CASES.read_text(encoding="utf-8"))["cases"]
    kinds += [case["kind"] for case in layout if case["rule"] == code]
    assert kinds.count("fail") >= 3 and kinds.count("pass") >= 3, f"{code}: add cases"


def test_case_files_name_known_rules() -> None:
    for path in CASES.glob("*.yaml"):
        rule = yaml.safe_load(path.read_text(encoding="utf-8"))["rule"]
        assert rule == path.stem and rule in all_rules()
