"""Time grows linearly with the input, and a folder's results do not keep whole documents.

Each input shape is linted at two sizes, n and 2n, in-process: the time must about double
(quadratic work would quadruple it). Then the largest inputs from the issue run as the CLI does,
linting and fixing, and 5,000 small reports are linted with the JSON and JUnit reporters under a
memory bound. CPU time is measured rather than wall time, so that other processes on the machine
do not make the tests flaky.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, lint

from lawlint.numerals import int_to_chinese

REPORT = (EXAMPLES / "defective-report.txt").read_text(encoding="utf-8") + "\n" + \
    (EXAMPLES / "clean-report.txt").read_text(encoding="utf-8")
_COUNT = re.compile(r"(?<![0-9年])([0-9]{1,3})(?=[件次人名个份条场期])")


def report_text(lines: int) -> str:
    """The example reports over and over, each copy with its own counts (not the same lines
    thousands of times, which would flatter a cache)."""
    unit = REPORT.split("\n")
    out: list[str] = []
    while len(out) < lines:
        shift = len(out) // len(unit) % 50
        out += [_COUNT.sub(lambda m, shift=shift: str(int(m.group()) + shift), line)
                for line in unit]
    return "\n".join(out[:lines])


def headings(count: int) -> str:
    """Headings only: 80 top-level 一、… (every seventh number skipped) over long lists of
    （N） headings (every fiftieth number skipped)."""
    per_top = max(1, count // 80)
    out = []
    for index in range(count):
        top, sub = divmod(index, per_top + 1)
        if sub == 0:
            out.append(f"{int_to_chinese(top + 1 + (top + 1) // 7)}、标题")
        else:
            out.append(f"（{sub + sub // 50}）标题")
    return "\n".join(out)


def long_line(chars: int) -> str:
    unit = REPORT.replace("\n", "")
    return (unit * (chars // len(unit) + 1))[:chars]


def dates_on_lines(count: int) -> str:
    return "\n".join("2024年3月1日，召开专题会议。" for _ in range(count))


def dates_on_one_line(count: int) -> str:
    return "2024年3月1日，" * count


_BREAKDOWNS = ("受理案件120件，其中办结100件。", "共有调解组织24个，其中镇级1个，村级20个。",
               "排查纠纷30件，其中化解28件，化解率93%。")


def breakdowns(count: int) -> str:
    return "\n".join(_BREAKDOWNS[i % 3] for i in range(count))


_RESIDUE = ("来源：xx  发布时间：2024-01-01", "发布时间：2024-01-01 09:30", "扫一扫在手机打开当前页",
            "【打印本页】【关闭窗口】", "首页 > 政务公开 > 法治政府建设", "- 3 -", "正文内容一行。")


def residue(count: int) -> str:
    return "\n".join(_RESIDUE[i % len(_RESIDUE)] for i in range(count))


# shape -> (generator, n): n is chosen so that linting 2n takes about half a second
SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "report text": (report_text, 8_000),
    "headings": (headings, 12_000),
    "long line": (long_line, 80_000),
    "dates on lines": (dates_on_lines, 15_000),
    "dates on one line": (dates_on_one_line, 15_000),
    "breakdowns": (breakdowns, 4_000),
    "residue lines": (residue, 15_000),
}


def cpu_seconds(text: str, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        lint(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("shape", list(SHAPES))
def test_time_grows_linearly(shape: str) -> None:
    make, size = SHAPES[shape]
    small, large = make(size), make(2 * size)
    lint(small)  # warm the caches (grammar, packs) before timing
    ratio = cpu_seconds(large) / cpu_seconds(small)
    assert ratio < 2.6, f"{shape}: twice the input took {ratio:.1f} times as long"


# --- the inputs, through the CLI ---------------------------------------------------------
def run_cli(*args: str) -> float:
    """CPU seconds the lawlint process took (its start-up included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "lawlint", "--no-config", "--fail-on", "never",
                           *args], capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


BIG = {
    "200,000 lines of report text": lambda: report_text(200_000),
    "100,000 headings": lambda: headings(100_000),
    "a 10 MB line": lambda: long_line(10_000_000 // 3),  # mostly Chinese: 3 bytes a character
    "a 10 MB line of digits": lambda: "1234567890" * 1_000_000,
}
# What each input must do within 10 s. The report text is only fixed: --fix lints it in its
# last pass, after two passes of the fixing rules, so it costs more than linting it.
MODES = {"200,000 lines of report text": ("fix",), "100,000 headings": ("lint", "fix"),
         "a 10 MB line": ("lint", "fix"), "a 10 MB line of digits": ("lint", "fix")}


@pytest.mark.parametrize(("name", "mode"), [(n, m) for n, modes in MODES.items() for m in modes])
def test_big_inputs_finish_in_time(name: str, mode: str, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(BIG[name](), encoding="utf-8")
    assert path.stat().st_size >= 1_000_000
    seconds = run_cli(*(["--fix"] if mode == "fix" else []), str(path))
    assert seconds < 10, f"{name}: {mode} took {seconds:.1f} s"


# --- memory ------------------------------------------------------------------------------------
FILES = 5_000  # the folder: measured, not extrapolated (memory is not linear in it)
LIMIT_MB = 200


def peak_mb(fmt: str, folder: Path) -> float:
    """Peak resident memory of a fresh ``lawlint --format fmt folder``, in MB."""
    code = ("import resource, subprocess, sys\n"
            "subprocess.run([sys.executable, '-m', 'lawlint', '--no-config', '--fail-on', 'never',"
            f" '--format', {fmt!r}, {str(folder)!r}], stdout=subprocess.DEVNULL, check=True)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout) / 1024  # ru_maxrss is in KiB on Linux


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB is Linux's")
@pytest.mark.parametrize("fmt", ["json", "junit"])
def test_a_folder_keeps_a_small_record_per_file(fmt: str, tmp_path: Path) -> None:
    clean = (EXAMPLES / "clean-report.txt").read_text(encoding="utf-8")
    many = tmp_path / "many"
    many.mkdir()
    for index in range(FILES):
        # a few findings in each: a figure, a space, a stray comma
        text = clean.replace("全年开展联合执法检查35次", f"全年开展联合执法检查{index}次,共 {index} 次")
        (many / f"report-{index:04d}.txt").write_text(text, encoding="utf-8")
    peak = peak_mb(fmt, many)
    assert peak < LIMIT_MB, f"{fmt}: {FILES:,} files peaked at {peak:.0f} MB"
