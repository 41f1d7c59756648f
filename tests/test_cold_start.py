"""A cold `lawlint report.txt` loads only what linting one text report needs.

Every module imported costs a cold start (a pre-commit hook, a clerk's single report) whether or
not the run uses it: worker pools, other output formats, Word files, diffs and JSON are loaded
by the runs that need them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORT = EXAMPLES / "clean-report.txt"
# What a single text report, reported as text, never needs once lawlint's cache is warm (lark:
# its headings are known shapes; the OpenSSL hashlib: the cache's keys use CPython's blake2;
# dataclasses: its classes compile their methods at import, the text path's are plain classes)
NOT_NEEDED = ["lark", "_hashlib", "shutil", "signal", "dataclasses", "concurrent.futures",
              "multiprocessing", "json", "difflib", "docx",
              "jinja2", "lawlint.readers.docx", "lawlint.annotate", "lawlint.reporters.json",
              "lawlint.reporters.html", "lawlint.reporters.junit", "lawlint.reporters.sarif"]
SCRIPT = """
import sys
from lawlint.__main__ import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def _loaded(*args: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", SCRIPT, "--no-config", *args],
                         capture_output=True, text=True, timeout=60)
    return set(run.stderr.split())


@pytest.fixture(scope="module")
def single_report() -> set[str]:
    _loaded(str(REPORT))  # warms the cache (the session's own, tests/conftest.py)
    return _loaded(str(REPORT))


@pytest.mark.parametrize("module", NOT_NEEDED)
def test_a_single_text_report_does_not_load(single_report: set[str], module: str) -> None:
    assert "lawlint.rules.hygiene" in single_report  # it did lint
    assert module not in single_report


def test_what_a_run_needs_is_still_loaded() -> None:
    """The lazy imports are where they are needed: JSON output, a diff."""
    assert "json" in _loaded("--format", "json", str(REPORT))
    assert "difflib" in _loaded("--diff", str(EXAMPLES / "defective-report.txt"))


def test_the_command_freezes_what_it_loaded_and_collects_again() -> None:
    """The collector is paused only while lawlint loads: the run's own garbage is collected."""
    script = ("import gc\nimport lawlint.cli\nfrom lawlint.__main__ import main\n"
              "lawlint.cli.main = lambda: print(gc.isenabled(), gc.get_freeze_count() > 10_000)\n"
              "main()\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.stdout.split() == ["True", "True"]


def test_a_single_text_report_creates_no_named_tuple_class() -> None:
    """typing.NamedTuple costs 0.1-0.3 ms per class at import; lawlint's are plain slotted classes."""
    script = ("import typing\nmade = []\ncreate = typing.NamedTupleMeta.__new__\n"
              "def recorded(cls, name, bases, ns, **kw):\n"
              "    made.append(ns.get('__module__', '') + '.' + name)\n"
              "    return create(cls, name, bases, ns, **kw)\n"
              "typing.NamedTupleMeta.__new__ = recorded\n" + SCRIPT.replace(
                  'print(" ".join(sorted(sys.modules)), file=sys.stderr)',
                  'print(" ".join(m for m in made if m.startswith("lawlint")), file=sys.stderr)'))
    run = subprocess.run([sys.executable, "-c", script, "--no-config", str(REPORT)],
                         capture_output=True, text=True, timeout=60)
    assert "Traceback" not in run.stderr
    assert run.stderr.split() == []
