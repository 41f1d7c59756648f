"""The work a run does for each file, on plain picklable inputs, here or in worker processes.

:func:`lint_file` reads one target, lints (or fixes) it and returns a :class:`FileOutcome`: the
compact result and every line the CLI prints about the file, in the order they arose. The CLI
prints outcomes in input order, so a serial run and a parallel one (``--jobs``) print the same
bytes and exit with the same code.

Worker processes (:func:`file_outcomes`) are started once per run, not per file. On Linux they
are forked from the CLI process after it has loaded the rules, packs and grammar (:func:`warm`),
so each worker starts in milliseconds with everything loaded; the CLI is single-threaded when it
forks, which is what makes fork safe. macOS (where fork is unsafe once system libraries have
started threads) and Windows have no safe fork: there workers are spawned, and each loads lawlint
once in :func:`_start_worker`. "forkserver" would start a fresh interpreter that imports lawlint
before the first worker exists (~0.2 s on the critical path of every parallel run, a tenth of a
1000-report run on two cores) and still leave each worker to load the packs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from . import cache, engine  # engine.lint_source looked up at each call: tests replace it
from .config import Config
from .engine import FileResult
from .errors import InputError, Text, current_lang, set_lang, t
from .readers import UnsupportedFormat, read_path, read_stdin
from .readers.targets import Skipped, Target
from .readers.text import Source, max_size, set_max_size
from .slotted import SentByValues, same_fields
from .writer import WriteError, write_file

# Fewer files than this are linted in the CLI process: starting workers costs about what they
# save. Measured on 2 idle cores, `lawlint --format json` over N generated reports (~3 ms each),
# workers forced on: 12 files 195 ms serial / 205 ms with 2 workers, 16 files 210 / 209 ms.
PARALLEL_FROM = 16

Annotate = Callable[[Source, FileResult, Target], None]


class FileTask(SentByValues):
    """What one file's work needs: the target, the config that governs it, the run's mode."""

    __slots__ = ("target", "config", "fixing", "diffing", "keep_text")
    target: Target
    config: Config
    fixing: bool  # --fix: write the fixed text back (standard input: print it)
    diffing: bool  # --diff: return the fixes as a unified diff, write nothing
    keep_text: bool  # for a reporter that shows each file's text (html): compact keeps it

    def __init__(self, target: Target, config: Config, fixing: bool = False,
                 diffing: bool = False, keep_text: bool = False) -> None:
        self.target = target
        self.config = config
        self.fixing = fixing
        self.diffing = diffing
        self.keep_text = keep_text


class FileOutcome:
    """Everything the CLI prints or reports about one file (all picklable)."""

    __slots__ = ("result", "messages", "unreadable", "diff", "stdout", "raised", "traceback")
    result: FileResult | None  # None: the file was not linted
    messages: list[tuple[str, str | Text]]  # ("error"|"note", …)
    unreadable: tuple[str, str] | None  # (path, reason): listed in the report
    diff: str  # --diff
    stdout: str  # --fix on standard input: the fixed text
    raised: Exception | None  # from a worker: what lint_file raised, raised again here
    traceback: str  # the worker's traceback of ``raised`` (shown with --debug)

    def __init__(self, raised: Exception | None = None, traceback: str = "") -> None:
        self.result = None
        self.messages = []
        self.unreadable = None
        self.diff = ""
        self.stdout = ""
        self.raised = raised
        self.traceback = traceback

    def __eq__(self, other: object) -> bool:
        return same_fields(self, other)

    def error(self, message: str) -> None:
        self.messages.append(("error", message))

    def note(self, message: Text) -> None:
        self.messages.append(("note", message))

    def not_linted(self, exc: InputError) -> None:
        self.error(str(exc))
        self.unreadable = (exc.path, exc.reason)


def lint_file(task: FileTask, annotate: Annotate | None = None) -> FileOutcome:
    """Read, lint or fix one file. ``annotate`` (serial runs only) is called with the full
    result before it is compacted."""
    outcome = FileOutcome()
    target, config = task.target, task.config
    try:
        source = read_target(target, config)
        if task.fixing and source.unit == "paragraph":
            raise no_fix_for_word(target.display)
    except UnsupportedFormat as exc:  # a format lawlint cannot lint: a note when met in a folder
        if target.found:
            outcome.note(Skipped(exc.path, exc.why).note)
        else:
            outcome.not_linted(exc)
        return outcome
    except InputError as exc:
        outcome.not_linted(exc)
        return outcome
    if task.fixing or task.diffing:
        result = _fix(task, source, outcome)
    else:
        result = engine.lint_source(source, config)
        if annotate is not None:
            annotate(source, result, target)
    outcome.result = result.compact(task.keep_text)
    return outcome


def read_target(target: Target, config: Config) -> Source:
    if target.path is None:
        return read_stdin(target.display, config.encoding)
    return read_path(target.path, target.display, config.encoding)


def _fix(task: FileTask, source: Source, outcome: FileOutcome) -> FileResult:
    """Fix one file (or make its diff) and return the findings that remain."""
    fixed, _, result = engine.fix_source(source, task.config)
    target = task.target
    if task.diffing:
        if fixed.text != source.text:
            outcome.diff = unified_diff(source.text, fixed.text, target.display)
        return result
    if target.path is None:
        outcome.stdout = fixed.text
        return result
    if fixed.text != source.text:
        try:
            write_file(target.path, encoded(fixed, target.display), target.display,
                       source.origin)
        except WriteError as exc:
            outcome.error(str(exc))
            return engine.lint_source(source, task.config)  # the file is as it was: report on it
    return result


def no_fix_for_word(display: str) -> InputError:
    """--fix never edits a Word file: the findings go into a copy as comments instead."""
    return InputError(display, t("--fix 不修改 Word 文件；请用 --annotate 生成带批注的副本，再在 Word 中修改",
                                 "--fix does not edit Word files; use --annotate for a copy "
                                 "with the findings as comments"))


def unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def encoded(source: Source, display: str) -> bytes:
    try:
        return source.to_bytes()
    except UnicodeEncodeError:
        raise WriteError(display, t(f"：修复后的文字无法用 {source.encoding} 编码，未写入",
                                    f": the fixed text cannot be encoded as {source.encoding}; "
                                    "not written")) from None


# --- worker processes -----------------------------------------------------------------------
def usable_cpus() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def parallel_safe(tasks: list[FileTask]) -> bool:
    """Whether the tasks may run in workers: not standard input (the CLI process holds it), and
    with --fix never the same file twice (a link, or named twice), which a serial run fixes once
    and then finds fixed."""
    if any(task.target.path is None for task in tasks):
        return False
    if not any(task.fixing for task in tasks):
        return True
    seen: set[tuple[int, int]] = set()
    for task in tasks:
        try:
            info = os.stat(task.target.path)  # type: ignore[arg-type]
        except OSError:
            continue  # not read either: reported the same way wherever it is tried
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return False
        seen.add(key)
    return True


@contextmanager
def file_outcomes(tasks: list[FileTask], jobs: int, annotate: Annotate | None = None
                  ) -> Iterator[Iterator[FileOutcome]]:
    """The tasks' outcomes in their order: in ``jobs`` worker processes, or here when one job,
    fewer than :data:`PARALLEL_FROM` tasks, tasks that must stay here, or ``annotate`` given
    (--annotate checks each copy against the copies written before it)."""
    jobs = min(jobs, len(tasks))
    if (jobs < 2 or len(tasks) < PARALLEL_FROM or annotate is not None
            or not parallel_safe(tasks)):
        yield (lint_file(task, annotate) for task in tasks)
        return
    # imported here: a run of fewer files (most runs: one report) never needs them (~9 ms)
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    method = _start_method()
    if method == "fork":
        warm(tasks[0].config)  # once, inherited by every worker
    executor = ProcessPoolExecutor(jobs, get_context(method), initializer=_start_worker,
                                   initargs=(current_lang(), max_size(), tasks[0].config,
                                             cache.enabled()))
    try:
        yield _reraised(executor.map(_work, tasks, chunksize=_chunk_size(len(tasks), jobs)))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _start_method() -> str:
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _chunk_size(count: int, jobs: int) -> int:
    """Tasks sent to a worker at a time: few round trips, yet small enough that the workers
    finish together and the results (and the progress bar) keep flowing."""
    return max(1, min(16, count // (jobs * 8)))


def warm(config: Config) -> None:
    """Load what every lint needs (rules, packs, grammar, profile) by linting an empty text.
    Never fails: an error it meets (an unknown --profile) is met again by the first file's lint
    and reported there, where a serial run reports it."""
    try:
        engine.lint_source(engine.text_source("", "<warm-up>"), config)
    except Exception:  # noqa: BLE001 - see above
        pass


def _start_worker(lang: str, size: int, config: Config, caching: bool) -> None:
    """A worker's start: the CLI's message language, size limit and --no-cache, and lawlint
    loaded (a no-op in a forked worker, which has them all already). Ctrl-C reaches the whole
    process group: the CLI process stops the run, its workers finish the files at hand and
    leave."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the CLI process's to handle
    set_lang(lang)
    set_max_size(size)
    cache.use(caching)
    warm(config)


def _work(task: FileTask) -> FileOutcome:
    """:func:`lint_file` in a worker, returning what it raises rather than raising it: a raise
    would lose the outcomes of the files before it in the same chunk, which a serial run
    prints. An exception that could not be rebuilt in the CLI process comes back as a
    RuntimeError naming it."""
    try:
        return lint_file(task)
    except Exception as exc:  # noqa: BLE001 - raised again, in input order, by _reraised
        import pickle
        import traceback

        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:  # noqa: BLE001 - any failure to cross the process boundary
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        return FileOutcome(raised=exc, traceback=traceback.format_exc())


class WorkerTraceback(Exception):
    """Where a worker's exception arose: its cause, printed by --debug."""


def _reraised(outcomes: Iterator[FileOutcome]) -> Iterator[FileOutcome]:
    for outcome in outcomes:
        if outcome.raised is not None:
            raise outcome.raised from WorkerTraceback(outcome.traceback)
        yield outcome
