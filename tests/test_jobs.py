"""--jobs: a folder linted in worker processes prints what a serial run prints, byte for byte;
and the progress bar, shown on a terminal only."""

from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from lawlint import batch, engine
from lawlint.batch import PARALLEL_FROM, FileTask, file_outcomes, lint_file, parallel_safe
from lawlint.config import Config
from lawlint.errors import InputError, LawlintError, set_lang, t
from lawlint.readers.targets import Target

FORKS = batch._start_method() == "fork"


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """40 files: generated reports (some with a config of their own), a Word file, a file that
    cannot be decoded, a PDF (a note) and an empty file."""
    import random

    root = tmp_path_factory.mktemp("reports")
    rng = random.Random(11)
    make_report = _bench().make_report
    (root / "town").mkdir()
    (root / "town" / ".lawlint.yaml").write_text("fail-on: warning\nignore: [LL3]\n", "utf-8")
    for i in range(34):
        where = root / "town" if i % 5 == 0 else root
        (where / f"r{i:02d}.txt").write_text(make_report(rng), encoding="utf-8")
    shutil.copy(EXAMPLES / "township-report.docx", root / "township.docx")
    shutil.copy(EXAMPLES / "defective-report.txt", root / "defective.txt")
    (root / "bad.txt").write_bytes(bytes([0x81, 0x30, 0xff, 0xff, 0xc0]))
    (root / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    (root / "empty.md").write_bytes(b"")
    (root / "zz.txt").write_text("一、主要举措\n（）规范执法\n", encoding="utf-8")
    return root


def run(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "lawlint", *args], capture_output=True,
                          env={**env, "NO_COLOR": "1"}, cwd=cwd, **kwargs)


@pytest.mark.parametrize("args", [("--format", "json"), ("--show-source", "--lang", "en"),
                                  ("--diff",), ("--format", "html"), ("--profile", "nosuch")])
def test_two_jobs_print_what_one_prints(folder, args):
    """The same bytes, and the same exit code 2: bad.txt cannot be read (and an unknown
    profile ends the run at the first file linted, after bad.txt's error)."""
    serial = run("-j", "1", *args, str(folder))
    parallel = run("--jobs", "2", *args, str(folder))
    assert serial.returncode == 2, serial.stderr
    assert (parallel.returncode, parallel.stdout, parallel.stderr) == \
        (serial.returncode, serial.stdout, serial.stderr)
    assert b"bad.txt" in serial.stderr
    assert (b"scan.pdf" in serial.stderr) is ("nosuch" not in args)


def test_two_jobs_fix_each_file_as_one_does(folder, tmp_path):
    copies = [tmp_path / "serial", tmp_path / "parallel"]
    procs = []
    for copy, jobs in zip(copies, ("1", "2")):
        shutil.copytree(folder, copy)
        procs.append(run("--fix", "-j", jobs, "--format", "json", ".", cwd=copy))
    assert (procs[1].returncode, procs[1].stdout, procs[1].stderr) == \
        (procs[0].returncode, procs[0].stdout, procs[0].stderr)
    fixed = {p.relative_to(copies[0]): p.read_bytes() for p in copies[0].rglob("*")
             if p.is_file()}
    assert {p.relative_to(copies[1]): p.read_bytes() for p in copies[1].rglob("*")
            if p.is_file()} == fixed
    assert fixed[Path("zz.txt")] != (folder / "zz.txt").read_bytes()  # a fix was written


def _tasks(count: int, tmp_path: Path) -> list[FileTask]:
    paths = []
    for i in range(count):
        path = tmp_path / f"r{i}.txt"
        path.write_text("一、主要举措\n正文。\n", encoding="utf-8")
        paths.append(path)
    return [FileTask(Target(path, str(path)), Config()) for path in paths]


@pytest.mark.skipif(not FORKS, reason="workers see the test's stand-in only when forked")
def test_workers_lint_from_a_handful_of_files_on(tmp_path, monkeypatch):
    """Each lint runs in a worker (its process id stands in for the path) from PARALLEL_FROM
    files on; fewer stay in this process."""
    real = engine.lint_source

    def where(source, config):
        result = real(source, config)
        result.path = str(os.getpid())
        return result

    monkeypatch.setattr(engine, "lint_source", where)
    for count, here in ((PARALLEL_FROM - 1, True), (PARALLEL_FROM * 2, False)):
        with file_outcomes(_tasks(count, tmp_path), 2) as outcomes:
            pids = {outcome.result.path for outcome in outcomes}
        assert (pids == {str(os.getpid())}) is here


@pytest.mark.skipif(not FORKS, reason="workers see the test's stand-in only when forked")
def test_an_internal_error_in_a_worker_is_printed_where_one_job_prints_it(tmp_path, monkeypatch,
                                                                           capsys):
    from lawlint import cli

    real = engine.lint_source

    def explode_on_r5(source, config):
        if source.path.endswith("r5.txt"):
            raise ValueError("boom")
        return real(source, config)

    monkeypatch.setattr(engine, "lint_source", explode_on_r5)
    _tasks(PARALLEL_FROM * 2, tmp_path)
    (tmp_path / "r1.txt").write_bytes(b"\xff\xfe\x00")  # an error line before it
    printed = []
    for jobs in ("1", "2"):
        with pytest.raises(SystemExit) as exit_info:
            cli.main(["-j", jobs, str(tmp_path)])
        printed.append((exit_info.value.code, capsys.readouterr()))
    assert printed[0] == printed[1]
    assert printed[0][1].err.count("\n") == 2 and "ValueError: boom" in printed[0][1].err
    with pytest.raises(ValueError) as raised:
        cli.main(["--debug", "-j", "2", str(tmp_path)])
    assert "explode_on_r5" in str(raised.value.__cause__)  # the worker's traceback


def test_spawned_workers_start_as_the_cli_is(tmp_path, monkeypatch):
    """Where workers cannot be forked (macOS, Windows) they are spawned: each loads lawlint and
    takes the CLI's message language; the outcomes are those of a serial run."""
    monkeypatch.setattr(batch, "_start_method", lambda: "spawn")
    tasks = _tasks(PARALLEL_FROM, tmp_path)
    tasks[1].target.path.write_bytes(b"\xff\xfe\x00")
    set_lang("en")
    try:
        serial = [lint_file(task) for task in tasks]
        with file_outcomes(tasks, 2) as outcomes:
            parallel = list(outcomes)
    finally:
        set_lang("zh")
    assert parallel == serial
    assert ": cannot decode as " in parallel[1].messages[0][1]  # English, as the CLI


def test_the_same_file_twice_is_fixed_serially(tmp_path):
    tasks = _tasks(PARALLEL_FROM, tmp_path)
    fixing = [FileTask(task.target, task.config, fixing=True) for task in tasks]
    os.link(tasks[0].target.path, tmp_path / "link.txt")
    linked = FileTask(Target(tmp_path / "link.txt", "link.txt"), Config(), fixing=True)
    assert parallel_safe(fixing)
    assert not parallel_safe([*fixing, linked])
    assert parallel_safe([*tasks, FileTask(linked.target, Config(), diffing=True)])  # no write
    assert not parallel_safe([*tasks, FileTask(Target(None, "<stdin>"), Config())])


def test_an_error_crosses_from_a_worker_in_both_languages():
    """A worker's error is printed by the CLI process: it must arrive whole, both languages."""
    for error in (InputError("r.txt", t("无法读取", "cannot read")),
                  LawlintError("a.yaml", t("：错误的值", ": bad value"))):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and copy.parts == error.parts
        for lang in ("zh", "en"):
            set_lang(lang)
            assert str(copy) == str(error)
    set_lang("zh")


def test_jobs_config_key(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("一、主要举措\n正文。\n", encoding="utf-8")
    (tmp_path / ".lawlint.yaml").write_text("jobs: 0\n", encoding="utf-8")
    proc = run(str(report), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("lawlint: 错误：") and "jobs" in proc.stderr.decode()
    (tmp_path / ".lawlint.yaml").write_text("jobs: 2\n", encoding="utf-8")
    assert run(str(report), cwd=tmp_path).returncode in (0, 1)


# --- the progress bar -----------------------------------------------------------------------
def _stderr_on_a_terminal(*args: str, env: dict[str, str] | None = None) -> bytes:
    """What lawlint writes to standard error when it is a terminal (a pseudo-terminal here)."""
    pty = pytest.importorskip("pty")
    primary, secondary = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    environment.update({"NO_COLOR": "1", "COLUMNS": "80", **(env or {})})
    proc = subprocess.Popen([sys.executable, "-m", "lawlint", *args], stdout=subprocess.DEVNULL,
                            stderr=secondary, env=environment)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal's other end closed (EIO on Linux)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    proc.wait()
    return b"".join(chunks)


def test_progress_bar_on_a_terminal_only(folder):
    shown = _stderr_on_a_terminal("--lang", "en", str(folder))
    assert b"linting" in shown and b"40/40" in shown
    assert b"error: " in shown  # the error line is still there, on a line of its own
    assert b"\rlawlint: error" in shown.replace(b" " * 79 + b"\r", b"")  # the bar blanked
    for args, env in ((("--quiet",), None), (("--format", "json"), None), ((), {"CI": "true"})):
        hidden = _stderr_on_a_terminal("--lang", "en", *args, str(folder), env=env)
        assert b"linting" not in hidden, args
        assert b"error: " in hidden  # --quiet keeps the errors
    piped = run("--lang", "en", str(folder))
    assert b"linting" not in piped.stderr and b"note: " in piped.stderr
    assert b"note: " not in run("--lang", "en", "--quiet", str(folder)).stderr
