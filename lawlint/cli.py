"""The `lawlint` command: lint reports, list rules and profiles, explain a rule.

`lawlint FILE…` is short for `lawlint check FILE…`. Exit codes: 0 no finding at or above
--fail-on, 1 findings, 2 usage, config or input errors (and internal errors, without traceback
unless --debug).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__, cache
from .config import FAIL_ON, Config, find_config, load_config, load_named_config
from .errors import InputError, LawlintError, Text, error_line, note_line, os_reason, set_lang, t
from .readers.targets import Skipped, Target, expand
from .readers.text import DEFAULT_MAX_SIZE, Source, encoding_problem, parse_size, set_max_size
from .reporters import FORMATS
from .rules import LANGS, SEVERITY_RANK
from .streams import guarded_streams, visible
from .writer import WriteError, same_file, write_copy, write_file

if TYPE_CHECKING:
    from .batch import FileOutcome, FileTask
    from .engine import FileResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
STDOUT_NAMES = ("-", "/dev/stdout")  # -o names that mean standard output
# The progress bar: on a terminal, for runs over this many files, in the formats people read
PROGRESS_FROM = 20
PROGRESS_FORMATS = ("text", "html")
NOTHING_LINTED = t("没有检查任何报告：未找到可检查的 .txt、.md、.docx 等文件（见 --include）",
                   "no report linted: found no .txt, .md, .docx … file to lint (see --include)")


def error(message: object) -> None:
    """One line on standard error; names and values in it may come from other people."""
    click.echo(visible(error_line(message)), err=True)


def note(message: Text) -> None:
    """A note on standard error: something skipped that is not an error."""
    click.echo(visible(note_line(message)), err=True)


class Size(click.ParamType):
    """A size such as 50MB, 500KB, 1GB, or a number of bytes."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class DefaultToCheck(click.Group):
    """A group whose default command is `check`, so `lawlint report.txt` works.

    The options every subcommand takes (--lang) may come before the subcommand's name:
    `lawlint --lang en rules` is `lawlint rules --lang en`.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        leading = _leading_globals(args)
        rest = args[len(leading):]
        if rest and rest[0] in self.commands:
            args = [rest[0], *leading, *rest[1:]]
        elif args and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _leading_globals(args: list[str]) -> list[str]:
    """The --lang options at the start of ``args``, with their values."""
    end = 0
    while end < len(args):
        if args[end].startswith("--lang="):
            end += 1
        elif args[end] == "--lang" and end + 1 < len(args):
            end += 2
        else:
            break
    return args[:end]


@click.group(cls=DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lawlint")
def cli() -> None:
    """lawlint：法治政府建设年度报告检查工具 / a linter for rule-of-law government reports.

    \b
    lawlint report.txt            检查一份报告 (lint one report)
    lawlint 报告.docx             检查 Word 文档 (lint a Word document)
    lawlint reports/              检查目录下全部 .txt/.md/.docx (lint a folder)
    lawlint rules                 列出全部规则 (list rules)
    lawlint explain LL201         解释一条规则 (explain a rule)
    lawlint profiles              列出可用配置 (list profiles)
    """


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """Repeated and comma-separated values as one tuple (None when not given)."""
    if not values:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of "
              "standard output (- or /dev/stdout: standard output).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that exits 1 "
              "[default: error].")
# paths are plain strings: lawlint checks them itself, so the reason follows --lang (click's own
# "File … does not exist" would be English whatever the language)
@click.option("--config", "config_path", metavar="FILE",
              help="Use this config file instead of searching for .lawlint.yaml.")
@click.option("--no-config", is_flag=True, help="Ignore .lawlint.yaml files.")
@click.option("--profile", help="Profile name or path to a profile .yaml.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (LL1,LL201).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@click.option("--include", multiple=True, help="Globs of files to lint in folders, "
              "case-insensitive [default: *.txt, *.md, *.docx, *.doc, *.wps, *.odt, *.rtf].")
@click.option("--exclude", multiple=True, help="Globs of files to skip in folders.")
@click.option("--encoding", help="Force an input encoding (utf-8, gb18030, utf-16 …).")
@click.option("--max-size", type=Size(), help="Largest input read: a report, standard input, "
              "a config or a profile (50MB, 500KB, 1GB or bytes) [default: 50MB].")
@click.option("--lang", type=click.Choice(LANGS), help="Message language [default: zh].")
@click.option("--year", type=click.IntRange(1990, 2100), help="Report year, overriding the "
              "one read from the title.")
@click.option("--fix", is_flag=True, help="Apply the certain fixes in place.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--annotate", is_flag=True, help="Word files: write a copy beside each "
              "(NAME.lawlint.docx) with every finding as a Word comment; the original is never "
              "written.")
@click.option("--annotate-dir", metavar="DIR", help="Write the annotated copies into DIR "
              "(created if missing; implies --annotate).")
@click.option("--stdin-filename", default="<stdin>", help="Name shown for standard input.")
@click.option("--statistics", is_flag=True, help="How often each rule fired: instead of the "
              "findings in text output, beside them (\"statistics\") in JSON.")
@click.option("--show-source", is_flag=True, help="Text output: show each finding's text "
              "with a caret line under it.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text output.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes linting "
              "files in parallel; 1 lints in this process [default: the usable CPUs].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no notes (errors and the "
              "report are still printed).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write lawlint's cache "
              "(parsed packs and grammar tables in ~/.cache/lawlint).")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
def check(paths: tuple[str, ...], fmt: str, output: str | None, config_path: str | None,
          no_config: bool, **flags: Any) -> int:
    """Lint report files, folders, or - for standard input."""
    runner = Run(config_path, no_config, flags)
    return runner.execute(paths, fmt, None if output in STDOUT_NAMES else output)


class Run:
    """One `lawlint check` invocation: configs, targets, linting, fixing, reporting."""

    def __init__(self, config_path: str | None, no_config: bool, flags: dict[str, Any]) -> None:
        self.fixing = flags.pop("fix")
        self.diffing = flags.pop("diff")
        self.stdin_name = flags.pop("stdin_filename")
        self.colour_mode = flags.pop("color")
        self.show_source = flags.pop("show_source")
        self.statistics = flags.pop("statistics")
        self.annotations = Annotations.from_flags(flags.pop("annotate"), flags.pop("annotate_dir"),
                                                  self.fixing or self.diffing)
        self.jobs = flags.pop("jobs")
        self.quiet = flags.pop("quiet")
        self.progress: Progress | None = None
        flags.pop("debug")
        cache.use(not flags.pop("no_cache"))  # before any config or pack is read
        self.no_config = no_config
        set_max_size(flags.pop("max_size") or DEFAULT_MAX_SIZE)  # before any config is read
        if flags["encoding"] and (problem := encoding_problem(flags["encoding"])) is not None:
            raise LawlintError("--encoding", t("：", ": "), problem)
        if flags["profile"] is not None and not flags["profile"].strip():
            raise LawlintError(t("--profile 不能为空", "--profile must not be empty"))
        self.forced = load_named_config(config_path) if config_path is not None else None
        self.overrides = {
            "fail_on": flags["fail_on"], "profile": flags["profile"], "lang": flags["lang"],
            "select": _split(flags["select"]), "ignore": _split(flags["ignore"]),
            "include": _split(flags["include"]), "exclude": _split(flags["exclude"]),
            "encoding": flags["encoding"], "year": flags["year"],
        }
        self.failed = False
        self.unreadable: list[tuple[str, str]] = []
        if self.annotations is not None:
            self.annotations.notify = self._note

    def config_for(self, folder: Path) -> Config:
        if self.forced is not None:
            base = self.forced
        elif self.no_config:
            base = Config()
        else:
            found = find_config(folder)
            base = load_config(found) if found else Config()
        return base.override(**self.overrides)

    def execute(self, paths: tuple[str, ...], fmt: str, output: str | None) -> int:
        from .batch import file_outcomes, usable_cpus
        from .reporters import STATISTICS_FORMATS, ReportOptions, reporter

        if self.statistics and fmt not in STATISTICS_FORMATS:
            shown = " / ".join(STATISTICS_FORMATS)
            raise LawlintError(t(f"--statistics 只能用于 {shown} 格式，不能用于 {fmt}",
                                 f"--statistics works with --format {shown} only, not {fmt}"))
        top = self.config_for(Path.cwd())
        set_lang(top.lang)
        results: list[FileResult] = []
        diffs: list[str] = []
        targets = list(self._targets(paths))
        if output is not None:
            refuse_output_onto_input(output, targets)
        if self.annotations is not None:
            self.annotations.inputs = [t.path for t in targets
                                       if isinstance(t, Target) and t.path is not None]
        steps, stop = self._steps(targets, keep_text=fmt == "html")  # html shows files whole
        tasks = [step for step in steps if not isinstance(step, (Skipped, InputError))]
        jobs = self.jobs or top.jobs or usable_cpus()
        annotate = self._annotate if self.annotations is not None else None
        with file_outcomes(tasks, jobs, annotate) as outcomes, \
                self._progress_bar(steps, fmt) as self.progress:
            for step in steps:
                if isinstance(step, Skipped):
                    self._note(step.note)
                elif isinstance(step, InputError):
                    self._unreadable(step)
                else:
                    self._take(next(outcomes), results, diffs)
                self.progress.update(1)
        self.progress = None
        if stop is not None:  # where a serial run meets it: after the files before it
            raise stop
        if self.annotations is not None and self.annotations.text_files:
            self._note(self.annotations.text_note())
        if not results and not self.failed:  # never a silent pass over a folder of other files
            self._error(NOTHING_LINTED.render())
        if self.diffing:
            self._emit("".join(diffs), output)
            return EXIT_ERROR if self.failed else (EXIT_FINDINGS if diffs else EXIT_OK)
        if not (self.fixing and paths == ("-",)) and (results or fmt != "text"):
            colour = self._colour(output)
            options = ReportOptions(top.lang, colour, self.show_source, self.statistics,
                                    tuple(self.unreadable))
            self._emit(reporter(fmt)(results, options), output)
        if self.failed:
            return EXIT_ERROR
        return exit_code(results, top.fail_on)

    def _steps(self, targets: list[Target | Skipped | InputError], keep_text: bool
               ) -> tuple[list[FileTask | Skipped | InputError], LawlintError | None]:
        """Each target as the file task to run (with the config that governs it) or what to
        print instead, up to a config that cannot be loaded, which ends the run there."""
        from .batch import FileTask

        steps: list[FileTask | Skipped | InputError] = []
        for target in targets:
            if isinstance(target, Target):
                try:
                    config = self.config_for(target.path.parent if target.path else Path.cwd())
                except LawlintError as exc:
                    return steps, exc
                steps.append(FileTask(target, config, self.fixing, self.diffing, keep_text))
            else:
                steps.append(target)
        return steps, None

    def _take(self, outcome: FileOutcome, results: list[FileResult], diffs: list[str]) -> None:
        """One file's outcome, printed and collected as it came (the same from a worker)."""
        for kind, message in outcome.messages:
            if kind == "error":
                self._error(message)
            else:
                self._note(message)
        if outcome.unreadable is not None:
            self.unreadable.append(outcome.unreadable)
        if outcome.stdout:
            sys.stdout.write(outcome.stdout)
        if outcome.diff:
            diffs.append(outcome.diff)
        if outcome.result is not None:
            results.append(outcome.result)

    def _progress_bar(self, steps: list[FileTask | Skipped | InputError], fmt: str) -> Progress:
        """A bar on standard error for a long run on a terminal; never in a pipe, a CI log, a
        machine-read format, with --quiet, or when standard input is a report (its --fix output
        shares the terminal)."""
        from .batch import FileTask

        shown = (not self.quiet and len(steps) >= PROGRESS_FROM and fmt in PROGRESS_FORMATS
                 and not os.environ.get("CI") and sys.stderr.isatty()
                 and all(s.target.path is not None for s in steps if isinstance(s, FileTask)))
        return Progress(len(steps) if shown else 0)

    def _targets(self, paths: tuple[str, ...]) -> Iterator[Target | Skipped | InputError]:
        """Each path expanded with the include/exclude globs of the config that governs it."""
        for given in paths:
            folder = Path(given) if os.path.isdir(given) else Path.cwd()  # False if unsearchable
            config = self.config_for(folder)
            yield from expand((given,), config.include, config.exclude, self.stdin_name)

    def _annotate(self, source: Source, result: FileResult, target: Target) -> None:
        """Write the annotated copy of a Word file; an error line (exit 2) if it cannot be."""
        try:
            self.annotations.write(source, result, target)
        except LawlintError as exc:
            self._error(str(exc))

    def _unreadable(self, exc: InputError) -> None:
        """A file not linted: one error line, and an entry in the JUnit report."""
        self._error(str(exc))
        self.unreadable.append((exc.path, exc.reason))

    def _error(self, message: str) -> None:
        if self.progress is not None:
            self.progress.clear()
        error(message)
        self.failed = True

    def _note(self, message: Text) -> None:
        if self.quiet:
            return
        if self.progress is not None:
            self.progress.clear()
        note(message)

    def _colour(self, output: str | None) -> bool:
        if self.colour_mode != "auto":
            return self.colour_mode == "always"
        return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ

    @staticmethod
    def _emit(text: str | bytes, output: str | None) -> None:
        """A report: str, or UTF-8 bytes from a reporter that keeps a large one small (JUnit)."""
        if output is None and isinstance(text, bytes):
            write_bytes = getattr(sys.stdout, "write_bytes", None)  # the guarded stream's
            (write_bytes or sys.stdout.buffer.write)(text)
        elif output is None:
            click.echo(text, nl=False, color=True)  # colour codes are only there when wanted
        else:
            write_file(output, text if isinstance(text, bytes) else text.encode("utf-8"))


class Progress:
    """click's progress bar on standard error, one step per target; none when ``length`` is 0.
    The finished bar stays, so the run's length shows above its report."""

    def __init__(self, length: int) -> None:
        self.bar = click.progressbar(length=length, label=t("检查", "linting").render(),
                                     file=sys.stderr, show_pos=True) if length else None

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

    def update(self, steps: int) -> None:
        if self.bar is not None:
            self.bar.update(steps)

    def clear(self) -> None:
        """Blank the bar's line, so that a message printed next starts on a clean line (the
        bar is drawn again below it at the next step)."""
        if self.bar is not None:
            import shutil  # only with a progress bar

            blank = " " * (shutil.get_terminal_size().columns - 1)
            click.echo(f"\r{blank}\r", file=sys.stderr, nl=False)


class Annotations:
    """--annotate: where the copies of the Word files go, and the text files that got none."""

    def __init__(self, folder: str | None) -> None:
        self.folder = folder
        self.inputs: list[Path] = []  # every file of the run: a copy must never replace one
        self.written: dict[str, str] = {}  # copy -> the input it annotates
        self.text_files = 0
        self.notify: Callable[[Text], None] = note  # the run's: quiet, and clear of the bar

    @classmethod
    def from_flags(cls, annotate: bool, folder: str | None, fixing: bool) -> Annotations | None:
        if not annotate and folder is None:
            return None
        if fixing:
            raise LawlintError(t("--annotate 不能与 --fix 或 --diff 同时使用：Word 文件的问题以批注写入副本",
                                 "--annotate cannot be combined with --fix or --diff"))
        if folder is not None and (not folder or (os.path.exists(folder)
                                                  and not os.path.isdir(folder))):
            raise LawlintError("--annotate-dir ", repr(folder), t("：不是文件夹，请指定一个文件夹",
                                                                  ": not a folder"))
        return cls(folder)

    def text_note(self) -> Text:
        return t(f"--annotate 只对 Word 文件生效：{self.text_files} 个文本文件未生成批注副本",
                 f"--annotate applies to Word files only: no copy for {self.text_files} text "
                 "file(s)")

    def copy_path(self, target: Target) -> Path:
        """Beside the original, or in --annotate-dir at the original's relative path."""
        from .annotate import copy_name

        assert target.path is not None
        name = copy_name(target.path.name)
        if self.folder is None:
            return target.path.with_name(name)
        shown = Path(target.display)
        below = shown.parent if not shown.is_absolute() and ".." not in shown.parts else Path()
        return Path(self.folder) / below / name

    def write(self, source: Source, result: FileResult, target: Target) -> None:
        if source.docx is None:
            self.text_files += 1
            return
        if target.path is None:
            self.notify(t("标准输入的 Word 文件不生成批注副本（请给出文件名）",
                   "no annotated copy for standard input (name the file instead)"))
            return
        copy = self.copy_path(target)
        shown = str(copy)
        self._refuse_clash(copy, shown, target.display)
        from .annotate import annotated_docx

        data = annotated_docx(source.docx, result.findings)
        try:
            copy.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(str(copy.parent), t("：无法创建文件夹：", ": cannot create the folder: "),
                             os_reason(exc)) from None
        write_copy(copy, data, shown, target.path)
        self.written[os.path.abspath(copy)] = target.display

    def _refuse_clash(self, copy: Path, shown: str, display: str) -> None:
        """A copy never replaces a file being linted, nor another file's copy of this run."""
        for path in self.inputs:
            if same_file(copy, path) or os.path.abspath(copy) == os.path.abspath(path):
                raise WriteError(shown, t(f"：批注副本会覆盖输入文件 {path}，未写入",
                                          f": the annotated copy would replace the input {path}; "
                                          "not written"))
        other = self.written.get(os.path.abspath(copy))
        if other is not None:
            raise WriteError(shown, t(f"：{display} 与 {other} 的批注副本同名，未写入",
                                      f": {display} and {other} have the same copy name; not "
                                      "written"))


def exit_code(results: list, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    hit = any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if hit else EXIT_OK


def refuse_output_onto_input(output: str, targets: list[Target | Skipped | InputError]) -> None:
    """-o naming a file being linted would replace it with the report."""
    for target in targets:
        if isinstance(target, Target) and target.path and same_file(output, target.path):
            raise WriteError(output, t(f"：-o 指向输入文件 {target.display}，会覆盖它；请换一个输出文件",
                                       f": -o names the input {target.display}; choose another "
                                       "output file"))


LANG_OPTION = click.option("--lang", type=click.Choice(LANGS),
                           help="Language [default: the config's lang, else zh].")


def _cwd_config() -> Config:
    """The .lawlint.yaml found from the current folder upward (the defaults when none)."""
    found = find_config(Path.cwd())
    return load_config(found) if found else Config()


def _chosen_lang(lang: str | None, config: Config | None = None) -> str:
    """--lang, else the config's language; error lines follow it from now on."""
    chosen = lang or (config or _cwd_config()).lang
    set_lang(chosen)
    return chosen


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@LANG_OPTION
def list_rules(fmt: str, lang: str | None) -> int:
    """List every rule: code, name, severity, fixable."""
    from .rules import all_rules

    lang = _chosen_lang(lang)
    rules = all_rules().values()
    if fmt == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity,
                                "fixable": r.fixable, "summary": r.summary(lang)} for r in rules],
                              ensure_ascii=False, indent=2))
        return EXIT_OK
    for rule in rules:
        fixable = "fixable" if rule.fixable else "-"
        click.echo(f"{rule.code}  {rule.name:<22} {rule.severity:<8} {fixable:<8} "
                   f"{rule.summary(lang)}")
    return EXIT_OK


@cli.command()
@click.argument("rule")
@LANG_OPTION
def explain(rule: str, lang: str | None) -> int:
    """Explain a rule (by code or name): what it reports, why, an example."""
    from .rules import rule_by_code_or_name

    lang = _chosen_lang(lang)
    found = rule_by_code_or_name(rule)
    if found is None:
        raise LawlintError(t(f"未知规则 {rule!r}（见 `lawlint rules`）",
                             f"unknown rule {rule!r} (see `lawlint rules`)"))
    fixable = t("  可自动修复（--fix）", "  fixable (--fix)").render(lang) if found.fixable else ""
    click.echo(f"{found.code} {found.name}  [{found.severity}]{fixable}\n")
    click.echo(found.explanation(lang))
    if found.options:
        import json

        where = f".lawlint.yaml → rules: {{{found.code}: {{…}}}}"
        click.echo("\n" + t(f"选项（{where}）：", f"Options ({where}):").render(lang))
        for key, default in found.options.items():
            click.echo(f"  {key}: {json.dumps(default, ensure_ascii=False)}")
    return EXIT_OK


@cli.command()
@click.option("--config", "config_path", metavar="FILE")
@LANG_OPTION
def profiles(config_path: str | None, lang: str | None) -> int:
    """List the built-in profiles and those a config file adds."""
    from .model.profiles import builtin_profiles, load_profile_file

    config = load_named_config(config_path) if config_path is not None else _cwd_config()
    lang = _chosen_lang(lang, config)
    for path in [*builtin_profiles().values(), *config.profiles]:
        profile = load_profile_file(path)
        if lang == "en":
            required = ", ".join(p.name_en for p in profile.parts if p.required)
        else:
            required = "、".join(p.name for p in profile.parts if p.required)
        label = t("必备：", "required: ").render(lang)
        shown = (f"{profile.name}  {profile.description}", str(path), f"{label}{required}")
        click.echo("\n    ".join(visible(line) for line in shown))
    return EXIT_OK


def _lang_in(args: list[str]) -> str:
    """The --lang given on the command line, so errors before the config is read use it."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    set_lang(_lang_in(args))
    with guarded_streams():
        code = _run(args)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _run(args: list[str]) -> object:
    """The command's exit code; every error becomes one line on standard error."""
    try:
        code = cli.main(args=args, prog_name="lawlint", standalone_mode=False)
        sys.stdout.flush()  # a full disk shows on the last flush: report it, not at exit
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        error(exc.format_message())
        code = EXIT_ERROR
    except click.Abort:
        code = 130
    except LawlintError as exc:
        error(str(exc))
        code = EXIT_ERROR
    except BrokenPipeError:
        code = EXIT_OK
    except Exception as exc:  # noqa: BLE001 - one line, not a traceback, for any internal error
        if "--debug" in args:
            raise
        error(t(f"内部错误：{type(exc).__name__}: {exc}（加 --debug 查看详情）",
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)"))
        code = EXIT_ERROR
    return code

if __name__ == "__main__":
    main()
