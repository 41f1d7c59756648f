"""checks/hygiene-words.txt is what scripts/build_hygiene_words.py generates from jieba's dictionary
and checks/hygiene-extra-words.txt; the comparison is skipped when jieba is not installed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from lawlint.rules import hygiene

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_hygiene_words.py"
COMMITTED = ROOT / "checks" / "hygiene-words.txt"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_hygiene_words", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_committed_word_list_is_generated(build: ModuleType) -> None:
    pytest.importorskip("jieba")
    generated = build.generate()
    committed = COMMITTED.read_text(encoding="utf-8")
    assert generated == committed, build.difference(committed, generated)


def test_sections(build: ModuleType) -> None:
    known = build.classify(["加强", "加大", "常常", "习近平", "多多益善", "一一对应", "加强版"])
    assert known.words == {"加强", "加大"}  # a doubled pair is no word a slip could end
    assert known.starts == {"习近", "多多", "一一"}  # 加强 of 加强版 is a word already
    assert known.held == {"多多益善", "一一对应"}
    text = build.render(known)
    assert text.startswith("# ") and "scripts/build_hygiene_words.py" in text
    assert "\n[words]\n加大强\n[starts]\n一一\n习近\n多多\n[held]\n一一对应 多多益善\n" in text
    assert build.parse(text) == known


def test_rendered_text_loads(build: ModuleType, monkeypatch, tmp_path: Path) -> None:
    import lawlint.resources as resources

    words = tmp_path / "hygiene-words.txt"
    build.write_atomically(words, build.render(build.classify(["送到", "学习", "习近平", "多多益善"])))
    assert [p.name for p in tmp_path.iterdir()] == ["hygiene-words.txt"]  # no temporary left
    monkeypatch.setattr(resources, "checks_path", lambda name: words)
    hygiene.word_knowledge.cache_clear()
    try:
        known = hygiene.word_knowledge()
        assert known.is_word("送到") and known.starts_word("习近") and not known.is_word("习近")
        assert known.held == {"多多益善"}
    finally:
        hygiene.word_knowledge.cache_clear()


def test_check_reports_a_stale_file(build: ModuleType, tmp_path: Path, capsys) -> None:
    generated = build.render(build.classify(["加强", "习近平"]))
    stale = tmp_path / "hygiene-words.txt"
    stale.write_text(generated.replace("加强", "加快"), encoding="utf-8")
    assert build.check(stale, generated) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "[words] differs" in out
    stale.write_text(generated, encoding="utf-8")
    assert build.check(stale, generated) == 0
