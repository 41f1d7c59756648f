"""The README shows what lawlint does: its quick starts, its outputs and its pre-commit snippet
are checked against the real thing, so they fail here when they drift."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# <!-- output: lawlint ARGS --> then a fenced block holding what `lawlint ARGS` prints
_OUTPUT = re.compile(r"<!-- output: lawlint (?P<args>[^\n]*?) -->\n```[a-z]*\n(?P<shown>.*?)```",
                     re.S)
OUTPUTS = [pytest.param(m["args"], m["shown"], id=m["args"]) for m in _OUTPUT.finditer(README)]


def _block(after: str, language: str) -> list[str]:
    """The lines of the first ``language`` fenced block after the text ``after``."""
    found = re.search(re.escape(after) + r".*?```" + language + r"\n(.*?)```", README, re.S)
    assert found, f"README: no {language} block after {after!r}"
    return found.group(1).splitlines()


def _commands(lines: list[str]) -> list[str]:
    return [part.strip() for line in lines for part in line.split("&&")]


def test_readme_has_outputs_to_check() -> None:
    assert len(OUTPUTS) >= 2


@pytest.mark.parametrize("args,shown", OUTPUTS)
def test_output_shown_is_what_lawlint_prints(args: str, shown: str) -> None:
    # --no-config: a .lawlint.yaml above the clone must not change what the README promises
    proc = subprocess.run([sys.executable, "-m", "lawlint", "--no-config", *shlex.split(args)],
                          cwd=ROOT, capture_output=True)
    assert proc.stdout.decode("utf-8") == shown, proc.stderr.decode("utf-8")


def test_windows_quick_start_is_the_linux_one_in_windows_shapes() -> None:
    linux = _commands(_block("Linux and macOS", "sh"))
    windows = _commands(_block("Windows, in `cmd`", "bat"))
    assert windows[0] == "py -m venv .venv"  # the python.org launcher; no python3 on Windows
    assert all("/" not in c and "'" not in c for c in windows)  # cmd: \ paths, " quotes
    as_posix = [c.replace("py -m venv", "python3 -m venv").replace("\\Scripts\\", "/bin/")
                .replace("\\", "/").replace('"', "'") for c in windows]
    assert as_posix == linux


def test_linux_quick_start_is_what_ci_runs() -> None:
    tests = _commands(_block("Linux and macOS", "sh"))[-1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv" in ci and "-e '.[test]'" in ci and tests in ci


def test_quick_start_lint_finds_the_example_defects() -> None:
    lint = _commands(_block("Linux and macOS", "sh"))[2]
    assert lint == ".venv/bin/lawlint examples/township-report.docx"
    proc = subprocess.run([sys.executable, "-m", "lawlint", "--no-config",
                           str(EXAMPLES / "township-report.docx")], capture_output=True)
    assert proc.returncode == 1 and b"LL302" in proc.stdout and b"LL701" in proc.stdout


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout.strip()


def test_precommit_snippet_runs_from_the_rev_it_names(tmp_path: Path) -> None:
    """The README's snippet, with its `repo` pointed at this clone, run by the real pre-commit:
    its `rev` must be a tag or commit this repository has."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git clone (an sdist, or git is not installed)")
    if _git(ROOT, "rev-parse", "--is-shallow-repository") == "true":
        pytest.skip("a shallow clone may lack the release the snippet names")
    config = yaml.safe_load("\n".join(_block("## pre-commit", "yaml")))
    (hook,) = config["repos"]
    # A tag need not travel with a clone (CI checkouts fetch none), so the README freezes a commit.
    assert re.fullmatch(r"[0-9a-f]{40}", hook["rev"]), f"README's rev {hook['rev']!r} is not frozen"
    assert subprocess.run(["git", "rev-parse", "--verify", "-q", f"{hook['rev']}^{{commit}}"],
                          cwd=ROOT, capture_output=True).returncode == 0, \
        f"README's pre-commit rev {hook['rev']!r} is not in this repository"
    hook["repo"] = str(ROOT)
    reports = tmp_path / "reports"
    reports.mkdir()
    _git(reports, "init", "-q")
    shutil.copy(EXAMPLES / "clean-report.txt", reports / "clean.txt")
    shutil.copy(EXAMPLES / "defective-report.txt", reports / "defective.txt")
    (reports / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(reports, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", name],
                              cwd=reports, env=env, capture_output=True, text=True, timeout=900)

    clean, defective = run("clean.txt"), run("defective.txt")
    assert clean.returncode == 0 and "Passed" in clean.stdout, clean.stdout + clean.stderr
    assert defective.returncode == 1 and "LL101" in defective.stdout, defective.stdout
