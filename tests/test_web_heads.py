"""Issue 10 acceptance: the heads of real web pages in ../shared/corpus/web-heads.

EXPECTED.md there holds a reviewer's verdict (a YAML block): the false alarms lawlint 0.1.0
raised must not be reported again (the same rule on that line; for LL201, whose line only anchors
a finding about the whole report: the measures part reported missing); every `RES` miss must be
reported as LL602 on its line; every head's report year (the file name's last part,
NN-name-YEAR.txt) must be found, or, on a page whose host replaced every year in its text
(26-putuo: only 2023 is left), the year its text states. Skips cleanly when the corpus is absent.

Cases a part of issue 10 not fixed on this branch yet are strict xfails (PENDING): a fix
elsewhere turns them into a failure, and the mark is then removed.
"""

from __future__ import annotations

import functools
import re

import pytest
import yaml
from conftest import CORPUS

from lawlint.config import Config
from lawlint.engine import FileResult, lint_source
from lawlint.readers import read_path
from lawlint.rules.content import part_name

HEADS = CORPUS / "web-heads"
_YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)
_NAME_YEAR = re.compile(r"-(\d{4})\.txt$")

# (file, rule or "RES" or "year", line) -> the part of issue 10 that owns it, while unfixed
PENDING: dict[tuple[str, str, int | None], str] = {}


def _expected() -> dict[str, dict]:
    path = HEADS / "EXPECTED.md"
    if not path.is_file():
        return {}
    found = _YAML_BLOCK.search(path.read_text(encoding="utf-8"))
    return yaml.safe_load(found.group(1)) if found else {}


EXPECTED = _expected()


def _case(name: str, kind: str, line: int | None, why: str):
    reason = PENDING.get((name, kind, line))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(name, kind, line, id=f"{name}:{kind}:{line}", marks=marks)


FALSE_ALARMS = [_case(name, alarm["rule"], alarm["line"], alarm["why"])
                for name, verdict in EXPECTED.items()
                for alarm in verdict.get("false-alarms") or []]
RESIDUE_MISSES = [_case(name, "RES", miss["line"], miss["what"])
                  for name, verdict in EXPECTED.items()
                  for miss in verdict.get("missed") or [] if miss["kind"] == "RES"]
YEARS = [_case(name, "year", None, "") for name in EXPECTED]


@functools.cache
def _lint(name: str) -> FileResult:
    return lint_source(read_path(HEADS / name, name), Config())


def _lines(name: str, rule: str) -> set[int]:
    return {f.line for f in _lint(name).findings if f.rule == rule}


@pytest.fixture(autouse=True)
def _corpus_present() -> None:
    if not HEADS.is_dir():
        pytest.skip("../shared/corpus/web-heads is not present")


def test_expected_md_is_read() -> None:
    assert EXPECTED, "web-heads/EXPECTED.md has no YAML block"


def _measures_missing(name: str) -> bool:
    """Whether LL201 says the measures part is missing (each LL201 false alarm listed is that one:
    a finding about the whole report, so its line alone does not identify it)."""
    result = _lint(name)
    measures = part_name(result.document.profile.part("measures"), "zh")
    return any(f.rule == "LL201" and measures in f.message for f in result.findings)


@pytest.mark.parametrize("name,rule,line", FALSE_ALARMS)
def test_false_alarm_is_gone(name: str, rule: str, line: int) -> None:
    if rule == "LL201":
        assert not _measures_missing(name)
    else:
        assert line not in _lines(name, rule)


@pytest.mark.parametrize("name,kind,line", RESIDUE_MISSES)
def test_residue_is_reported(name: str, kind: str, line: int) -> None:
    assert line in _lines(name, "LL602")


@pytest.mark.parametrize("name,kind,line", YEARS)
def test_report_year_is_found(name: str, kind: str, line: None) -> None:
    wanted = _NAME_YEAR.search(name)
    assert wanted, f"{name}: no year in the file name"
    found = _lint(name).report_year
    if wanted.group(1) in (HEADS / name).read_text(encoding="utf-8"):
        assert found == int(wanted.group(1))
    else:  # the page's host replaced every year in its text: the year the text states is found
        assert found is not None and f"{found}年度" in (HEADS / name).read_text(encoding="utf-8")
