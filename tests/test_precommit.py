"""The real `pre-commit` tool runs the lawlint hook from this repository (pre-commit try-repo)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    repo = tmp_path_factory.mktemp("reports")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "clerk@example.invalid")
    _git(repo, "config", "user.name", "clerk")
    shutil.copy(EXAMPLES / "clean-report.txt", repo / "clean.txt")
    shutil.copy(EXAMPLES / "defective-report.txt", repo / "defective.txt")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    return repo, env


def _try_repo(repo: Path, env: dict[str, str], name: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "lawlint", "--files", name],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )


def test_hook_passes_a_clean_report(hook_repo):
    repo, env = hook_repo
    proc = _try_repo(repo, env, "clean.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_hook_blocks_a_defective_report(hook_repo):
    repo, env = hook_repo
    proc = _try_repo(repo, env, "defective.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout and "LL101" in proc.stdout
