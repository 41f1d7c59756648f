"""Remembered heading markers: what lark read for each marker shape, kept in the private cache
(lawlint/model/grammar.py), so that a run whose headings are known shapes never loads lark.

It must give exactly what the parser gives, never what another grammar or lark read, and never
stand in the way: cold, corrupt, disabled and full memories are each tried here.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawlint import cache
from lawlint.model import grammar

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HEADINGS = ["一、主要举措", "（二）加强队伍建设", "3. 开展培训", "（4）其他", "⑤补充", "十一、下一步",
            "第一部分 总体情况", "（）未编号", "2024年全县工作", "一是加强领导", "（一)混写"]
# prints the report's findings, then whether lark was loaded
SCRIPT = """
import sys
from lawlint.__main__ import main
try:
    main()
except SystemExit:
    pass
print("lark loaded:", "lark" in sys.modules)
"""


@pytest.fixture
def memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """In-process: a fresh, enabled cache and nothing remembered; yields its lawlint folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(cache.DISABLE_ENV, raising=False)
    cache.use(True)
    grammar.reset_parser()
    yield tmp_path / "xdg" / "lawlint"
    cache.use(True)
    grammar.reset_parser()


def _parsed(line: str) -> tuple | None:
    """What lark itself reads in ``line``, bypassing every memory."""
    stripped = line.lstrip()
    return grammar._read_marker.__wrapped__(grammar.heading_parser(), grammar.marker_key(stripped))


def _entry(folder: Path) -> Path:
    (entry,) = folder.glob("heading-markers-*")
    return entry


def _lint(tmp_path: Path, *args: str) -> tuple[str, bool]:
    env = {k: v for k, v in os.environ.items() if k != cache.DISABLE_ENV}
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path))
    run = subprocess.run([sys.executable, "-c", SCRIPT, "--no-config", *args,
                          str(EXAMPLES / "defective-report.txt")],
                         capture_output=True, text=True, env=env, timeout=60)
    findings, _, loaded = run.stdout.rpartition("lark loaded: ")
    return findings, loaded.strip() == "True"


def test_a_second_run_reads_no_grammar_and_finds_the_same(tmp_path: Path) -> None:
    first, first_loaded = _lint(tmp_path)
    second, second_loaded = _lint(tmp_path)
    assert "LL101" in first and second == first
    assert first_loaded and not second_loaded


def test_no_cache_parses_every_time(tmp_path: Path) -> None:
    findings, loaded = _lint(tmp_path)
    assert _lint(tmp_path, "--no-cache") == (findings, True)


def test_remembered_markers_are_what_the_parser_reads(memory: Path) -> None:
    for line in HEADINGS:
        grammar.parse_heading(line)
    grammar.save_markers()  # what the process does when it ends
    grammar.reset_parser()  # a new process: every answer below comes from the memory
    remembered = grammar._known_markers()
    assert len(remembered) == len({grammar.marker_key(line) for line in HEADINGS if
                                   grammar._MAYBE_MARKER.match(line)})
    for line in HEADINGS:
        key = grammar.marker_key(line)
        if key in remembered:
            assert remembered[key] == _parsed(line), line
    assert grammar._read_marker.cache_info().currsize == 0, "the parser was asked again"


def test_another_grammar_or_lark_is_another_memory(memory: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    keys = [grammar._memo_key()]
    fake_lark = tmp_path / "lark" / "__init__.py"
    fake_lark.parent.mkdir()
    fake_lark.write_text('__version__ = "99.0.0"\n', encoding="utf-8")
    spec = type("Spec", (), {"origin": str(fake_lark)})()
    monkeypatch.setattr(grammar.importlib.util, "find_spec", lambda name: spec)
    grammar._memo_key.cache_clear()
    keys.append(grammar._memo_key())
    edited = tmp_path / "heading.lark"
    edited.write_bytes(grammar.grammar_path("heading.lark").read_bytes() + b"\n// edited\n")
    monkeypatch.setattr(grammar, "grammar_path", lambda name: edited)
    grammar._memo_key.cache_clear()
    keys.append(grammar._memo_key())
    assert len(set(keys)) == 3


@pytest.mark.parametrize("stored", [
    b"garbage",  # not ours
    cache._VALUE_HEADER + marshal.dumps([{"一、X": (1, 1, "一、", 0, "、")}])[:-3],  # cut short
    cache._VALUE_HEADER + marshal.dumps([["一、X"]]),  # not a mapping
    cache._VALUE_HEADER + marshal.dumps([{"一、X": (2, 1, "一、")}]),  # a marker of another format
    cache._VALUE_HEADER + marshal.dumps([{"一、X": (2, "1", "一、", 0, "、")}]),
])
def test_a_broken_memory_is_read_again(memory: Path, stored: bytes) -> None:
    grammar.parse_heading("一、主要举措")
    grammar.save_markers()  # what the process does when it ends
    _entry(memory).write_bytes(stored)
    grammar.reset_parser()
    heading = grammar.parse_heading("一、主要举措")
    assert (heading.marker.level, heading.marker.value) == (1, 1)
    grammar.save_markers()  # what the process does when it ends
    grammar.reset_parser()
    assert grammar._known_markers() == {"一、X": _parsed("一、主要举措")}, "stored again, whole"


def test_a_poisoned_but_trusted_memory_is_believed(memory: Path) -> None:
    """Control for the test above: a well-formed entry is what answers (it is ours)."""
    grammar.parse_heading("一、主要举措")
    grammar.save_markers()  # what the process does when it ends
    _entry(memory).write_bytes(cache._VALUE_HEADER
                               + marshal.dumps([{"一、X": (2, 7, "一、", 0, "、")}]))
    grammar.reset_parser()
    assert grammar.parse_heading("一、主要举措").marker.value == 7


def test_the_memory_stops_growing_at_its_limit(memory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grammar, "_MEMO_LIMIT", 3)
    lines = [f"{n}. 第{n}项" for n in range(1, 8)]
    found = [grammar.parse_heading(line).marker.value for line in lines]
    assert found == list(range(1, 8))
    grammar.save_markers()  # what the process does when it ends
    grammar.reset_parser()
    assert len(grammar._known_markers()) == 3
    assert [grammar.parse_heading(line).marker.value for line in lines] == found


def test_nothing_is_remembered_when_the_cache_is_off(memory: Path) -> None:
    cache.use(False)
    assert grammar.parse_heading("一、主要举措").marker.level == 1
    grammar.save_markers()
    assert not memory.exists() or not list(memory.glob("heading-markers-*"))
