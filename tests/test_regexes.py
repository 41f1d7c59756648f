"""lawlint's regexes come from the cache once compiled, and are the patterns re.compile makes.

A cached pattern is handed to the regex engine as code read from a file: it must match exactly
what re.compile's pattern matches, and a cache entry that is missing, broken, stale or not ours
must only mean compiling as usual.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawlint import cache, regexes

PATTERNS = [(r"[\u4e00-\u9fff]{2,8}(?:\s*[|｜]\s*[\u4e00-\u9fff]{2,8}){3,}", 0),
            (r"(?P<year>(?:19|20)\d{2})\s*年(?:(?P<month>\d{1,2})月)?", 0),
            (r"([一-鿿㐀-䶿])\1", 0), (r"\s*page\b", re.IGNORECASE), (r"(?!)", 0)]
TEXTS = ["法治政府 | 依法行政 | 执法监督 | 普法宣传", "2024 年3月，2023年", "工作作风", "  PAGE 3", ""]
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache folder of its own and no table read yet; yields the entry's path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(cache.DISABLE_ENV, raising=False)
    monkeypatch.setattr(regexes, "_known", None)
    monkeypatch.setattr(regexes, "_new", {})
    monkeypatch.setattr(regexes.atexit, "register", lambda _: None)  # saved by the test
    yield tmp_path / "xdg" / "lawlint" / regexes._KEY


def _restart(monkeypatch: pytest.MonkeyPatch, compiles: bool) -> None:
    """As a new process would start: nothing read, nothing new; ``compiles`` False makes
    compiling fail, so that only the cache can give a pattern."""
    monkeypatch.setattr(regexes, "_known", None)
    monkeypatch.setattr(regexes, "_new", {})
    if not compiles:
        def refuse(pattern: str, flags: int) -> None:
            raise AssertionError(f"compiled {pattern!r} again")
        monkeypatch.setattr(regexes, "_engine_args", refuse)


def _same_as_re(pattern: re.Pattern[str], source: str, flags: int) -> None:
    expected = re.compile(source, flags)
    assert pattern == expected  # same pattern text, flags and engine code
    assert (pattern.groups, pattern.groupindex) == (expected.groups, expected.groupindex)
    for text in TEXTS:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_a_saved_pattern_comes_back_from_the_cache(fresh: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for source, flags in PATTERNS:
        _same_as_re(regexes.compiled(source, flags), source, flags)
    regexes._save()
    assert fresh.is_file() and fresh.stat().st_mode & 0o777 == 0o600
    _restart(monkeypatch, compiles=False)
    for source, flags in PATTERNS:
        _same_as_re(regexes.compiled(source, flags), source, flags)
    assert regexes._new == {}  # nothing compiled, nothing to write at exit


@pytest.mark.parametrize("damage", ["truncated", "garbage", "bad code", "other format"])
def test_a_broken_entry_means_compiling(fresh: Path, monkeypatch: pytest.MonkeyPatch,
                                        damage: str) -> None:
    source, flags = PATTERNS[0]
    regexes.compiled(source, flags)
    regexes._save()
    data = fresh.read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = regexes._HEADER + os.urandom(200)
    elif damage == "bad code":  # well-formed, but code the engine refuses
        import marshal
        rows = marshal.loads(data[len(regexes._HEADER):])
        data = regexes._HEADER + marshal.dumps([(*row[:3], [99999, 1, 2], *row[4:]) for row in rows])
    else:
        data = b"lawlint-regexes-0\n" + data[len(regexes._HEADER):]
    fresh.write_bytes(data)
    _restart(monkeypatch, compiles=True)
    _same_as_re(regexes.compiled(source, flags), source, flags)
    assert list(regexes._new) == [(source, flags)]  # compiled, and written again at exit


@needs_root
def test_an_entry_of_another_user_is_not_read(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, flags = PATTERNS[0]
    regexes.compiled(source, flags)
    regexes._save()
    os.chown(fresh, 65534, 65534)
    _restart(monkeypatch, compiles=True)
    regexes.compiled(source, flags)
    assert list(regexes._new) == [(source, flags)]


def test_no_cache_means_nothing_read_or_written(fresh: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DISABLE_ENV, "1")
    source, flags = PATTERNS[0]
    _same_as_re(regexes.compiled(source, flags), source, flags)
    regexes._save()
    assert not fresh.exists()


def test_a_bad_pattern_is_still_an_error(fresh: Path) -> None:
    with pytest.raises(re.error):
        regexes.compiled("[一-")


def test_a_warm_run_compiles_no_lawlint_regex(tmp_path: Path) -> None:
    """The second lint of a report finds every regex of lawlint's in the cache."""
    env = {k: v for k, v in os.environ.items() if k != cache.DISABLE_ENV}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    report = Path(__file__).resolve().parents[1] / "examples" / "defective-report.txt"
    script = ("import sys\nfrom lawlint import regexes\nfrom lawlint.cli import main\n"
              "try:\n    main(['--no-config', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
              "print('NEW', len(regexes._new), file=sys.stderr)\n")
    runs = [subprocess.run([sys.executable, "-c", script, str(report)], capture_output=True,
                           text=True, env=env, timeout=60) for _ in range(2)]
    assert "NEW 0" not in runs[0].stderr  # the first run compiled and stored them
    assert runs[1].stderr.splitlines()[-1] == "NEW 0"
    assert runs[0].stdout == runs[1].stdout


def test_the_no_cache_flag_reads_no_regex_code(tmp_path: Path) -> None:
    """`lawlint --no-cache` reads nothing, not even the regex code its modules load as they
    are imported, before the option is parsed."""
    env = {k: v for k, v in os.environ.items() if k != cache.DISABLE_ENV}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    report = str(Path(__file__).resolve().parents[1] / "examples" / "clean-report.txt")
    subprocess.run([sys.executable, "-m", "lawlint", "--no-config", report], env=env,
                   capture_output=True, check=True)  # the cache now holds the regex code
    script = ("import sys\nfrom lawlint import __main__, regexes\n"
              "sys.argv = ['lawlint', *sys.argv[1:]]\n"
              "try:\n    __main__.main()\nexcept SystemExit:\n    pass\n"
              "print('KNOWN', len(regexes._known or ()), file=sys.stderr)\n")
    for flag, read in (([], True), (["--no-cache"], False)):
        proc = subprocess.run([sys.executable, "-c", script, *flag, "--no-config", report],
                              env=env, capture_output=True, text=True)
        known = int(proc.stderr.split("KNOWN")[1])
        assert (known > 0) == read, proc.stderr
