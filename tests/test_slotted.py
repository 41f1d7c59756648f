"""The plain slotted classes that replaced dataclasses and NamedTuples (lawlint/slotted.py):
compared by value where a --jobs run is checked against a serial one, and sent between
processes as their values alone."""

from __future__ import annotations

import pickle
import pickletools
from pathlib import Path

import pytest

from lawlint.batch import FileTask
from lawlint.config import Config
from lawlint.engine import TextView
from lawlint.readers.targets import Target
from lawlint.rules import Edit, Finding, Fix
from lawlint.slotted import same_fields


def _finding(message: str = "缺少编号") -> Finding:
    return Finding("LL101", "numbering-sequence", "error", 3, 1, 3, 4, message,
                   Fix((Edit(10, 12, "二、"),)))


SENT = [_finding(), TextView(("一、总体", "正文"), ((1, 1, "总体"),), "标题", "某镇", ("某镇人民政府",))]


@pytest.mark.parametrize("record", SENT, ids=lambda r: type(r).__name__)
def test_sent_as_values_alone(record: object) -> None:
    data = pickle.dumps(record)
    assert same_fields(pickle.loads(data), record)
    strings = {arg for _, arg, _ in pickletools.genops(data) if isinstance(arg, str)}
    assert not strings & set(type(record).__slots__), "sent slot by slot, with their names"


def test_a_file_task_reaches_a_worker_whole() -> None:
    task = FileTask(Target(Path("a.txt"), "a.txt"), Config(lang="en"), fixing=True)
    back = pickle.loads(pickle.dumps(task))
    assert (back.target.path, back.config.lang, back.fixing, back.diffing) == (Path("a.txt"), "en", True, False)


def test_values_compare_not_identity() -> None:
    assert _finding() == _finding() and _finding() != _finding("另一条")
    assert not same_fields(_finding(), Edit(0, 0, ""))
