"""The three real reports in ../shared/corpus, held against EXPECTED.md.

Skips cleanly when ../shared is absent. Each expected finding is (rule, first line, last line)
or (rule, None, None) for "anywhere in the file"; QUIET rules must not fire at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lawlint.config import Config
from lawlint.engine import FileResult, lint_source
from lawlint.readers import read_path

EXPECTED = {
    "yiju-2025.txt": [("LL602", 1, 3), ("LL602", 47, 47), ("LL603", None, None),
                      ("LL501", None, None), ("LL502", None, None)],
    "baitu-2024.txt": [("LL602", 7, 7), ("LL608", 5, 5), ("LL608", 17, 17), ("LL608", 25, 25),
                       ("LL608", 32, 32), ("LL501", None, None), ("LL502", None, None)],
    "aojiang-2023.txt": [("LL602", 2, 2), ("LL101", 16, 16), ("LL201", None, None),
                         ("LL202", 34, 36), ("LL603", None, None), ("LL607", 14, 14),
                         ("LL602", 56, 56), ("LL602", 57, 57), ("LL602", 59, 59),
                         ("LL602", 61, 61), ("LL602", 62, 62)],
}
QUIET = {
    "yiju-2025.txt": {"LL101", "LL102", "LL103", "LL104", "LL201", "LL202", "LL203", "LL204",
                      "LL301", "LL302", "LL303", "LL304", "LL401", "LL402", "LL403", "LL601"},
    "baitu-2024.txt": {"LL101", "LL102", "LL103", "LL104", "LL201", "LL202", "LL203", "LL204",
                       "LL301", "LL302", "LL303", "LL304", "LL401", "LL402", "LL403", "LL601",
                       "LL603"},
    "aojiang-2023.txt": {"LL102", "LL103", "LL104", "LL203", "LL204", "LL301", "LL302", "LL303",
                         "LL304", "LL401", "LL402", "LL403", "LL405", "LL501", "LL502", "LL601"},
}
REPORT_YEAR = {"yiju-2025.txt": 2025, "baitu-2024.txt": 2024, "aojiang-2023.txt": 2023}


def _lint(corpus: Path, name: str) -> FileResult:
    return lint_source(read_path(corpus / name, name), Config())


CASES = [(name, rule, a, b) for name, items in EXPECTED.items() for rule, a, b in items]


@pytest.mark.parametrize("name,rule,first,last", CASES)
def test_expected_finding(corpus: Path, name: str, rule: str, first, last) -> None:
    found = [f for f in _lint(corpus, name).findings if f.rule == rule]
    if first is not None:
        found = [f for f in found if first <= f.line <= last]
    assert found, f"{name}: expected {rule} at lines {first}-{last}"


@pytest.mark.parametrize("name", sorted(QUIET))
def test_must_stay_quiet(corpus: Path, name: str) -> None:
    loud = [f"{f.rule} {f.line}: {f.message}" for f in _lint(corpus, name).findings
            if f.rule in QUIET[name]]
    assert loud == []


@pytest.mark.parametrize("name", sorted(REPORT_YEAR))
def test_report_year(corpus: Path, name: str) -> None:
    assert _lint(corpus, name).report_year == REPORT_YEAR[name]
