"""Shared test helpers: the corpus location and lint shortcuts."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A lawlint cache of the session's own (subprocesses inherit it): the fuzz tests parse
    hundreds of configs, whose entries would otherwise pile up in the user's ~/.cache/lawlint."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield
    patch.undo()
