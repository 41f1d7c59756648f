"""The real `pre-commit` tool runs the lawlint hook from this repository (pre-commit try-repo)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _snapshot(destination: Path) -> Path:
    """This working tree (tracked and untracked, not ignored files) committed in a new repo, so
    the hook is tried on exactly the code under test, committed or not."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    _git(destination, "init", "-q")
    _git(destination, "add", ".")
    _git(destination, "-c", "user.email=ci@example.invalid", "-c", "user.name=ci", "commit",
         "-q", "-m", "snapshot")
    return destination


def _word_copy(text_file: Path, destination: Path) -> None:
    import docx

    document = docx.Document()
    for line in text_file.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(destination)


class HookRepo(NamedTuple):
    source: Path  # the lawlint snapshot the hook comes from
    reports: Path  # a repository of reports that uses the hook
    env: dict[str, str]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> HookRepo:
    source = _snapshot(tmp_path_factory.mktemp("lawlint-source"))
    repo = tmp_path_factory.mktemp("reports")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "clerk@example.invalid")
    _git(repo, "config", "user.name", "clerk")
    shutil.copy(EXAMPLES / "clean-report.txt", repo / "clean.txt")
    shutil.copy(EXAMPLES / "defective-report.txt", repo / "defective.txt")
    _word_copy(EXAMPLES / "defective-report.txt", repo / "草稿.DOCX")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    return HookRepo(source, repo, env)


def _try_repo(hook: HookRepo, name: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook.source), "lawlint", "--files",
         name],
        cwd=hook.reports, env=hook.env, capture_output=True, text=True, timeout=900,
    )


def test_hook_passes_a_clean_report(hook_repo):
    proc = _try_repo(hook_repo, "clean.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_hook_blocks_a_defective_report(hook_repo):
    proc = _try_repo(hook_repo, "defective.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout and "LL101" in proc.stdout


def test_hook_lints_word_files(hook_repo):
    proc = _try_repo(hook_repo, "草稿.DOCX")
    assert "Failed" in proc.stdout, proc.stdout + proc.stderr  # run, not "no files to check"
    if importlib.util.find_spec("lawlint.readers.docx") is not None:  # the Word reader is here
        assert proc.returncode == 1 and "LL101" in proc.stdout, proc.stdout + proc.stderr
