"""Shared test helpers: the corpus location and lint shortcuts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lawlint.config import Config
from lawlint.engine import FileResult, lint_text

ROOT = Path(__file__).resolve().parents[1]
# LAWLINT_CORPUS: the corpus elsewhere (a worktree's ../shared is not the checkout's)
CORPUS = Path(os.environ.get("LAWLINT_CORPUS") or ROOT.parent / "shared" / "corpus")
EXAMPLES = ROOT / "examples"


def lint(text: str, **config) -> FileResult:
    return lint_text(text, Config(**config))


def lines_of(result: FileResult, rule: str) -> list[int]:
    return sorted(f.line for f in result.findings if f.rule == rule)


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
