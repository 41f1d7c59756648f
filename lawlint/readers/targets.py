"""Which files a run lints: explicit files, folders walked recursively, or standard input.

Walking a folder lints regular files only: a FIFO, socket or device there (or a symlink to one)
is skipped with a note, since reading it could block or never end. A folder or file that cannot
be looked at is an error naming it; the rest of the folder is still linted. Globs match names
case-insensitively (报告.DOCX is a *.docx); a document lawlint cannot lint (a PDF) that the
include globs leave out is still named in a note, so a folder of them never passes silently.
Annotated copies (``*.lawlint.docx``, written by --annotate) are not linted when met in a folder.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError, Text, os_reason, t

STDIN = "-"
# Report formats lawlint reads (.doc/.wps/.odt/.rtf through LibreOffice); a default of the config
DOCUMENT_GLOBS = ("*.txt", "*.md", "*.docx", "*.doc", "*.wps", "*.odt", "*.rtf")
# Documents a folder may hold that lawlint cannot lint, with the reason a note gives
_NOT_LINTED = {".pdf": t("PDF 文件暂不支持", "PDF is not supported yet")}
# lawlint's own annotated copies (--annotate): never linted when met in a folder, so a reviewer
# re-running over a folder lints the reports, not the copies (named explicitly, one is linted)
ANNOTATED_SUFFIX = ".lawlint.docx"
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox"}


class Target:
    __slots__ = ("path", "display", "found")
    path: Path | None  # None for standard input
    display: str  # as given on the command line (relative paths stay relative)
    found: bool  # met in a folder (not named): a format lawlint cannot lint is skipped

    def __init__(self, path: Path | None, display: str, found: bool = False) -> None:
        self.path = path
        self.display = display
        self.found = found


_NOT_REGULAR = t("不是普通文件", "not a regular file")


class Skipped:
    """A file found in a folder but not linted; the CLI prints a note, not an error."""

    __slots__ = ("display", "reason")
    display: str
    reason: Text

    def __init__(self, display: str, reason: Text = _NOT_REGULAR) -> None:
        self.display = display
        self.reason = reason

    @property
    def note(self) -> Text:
        return t(f"跳过 {self.display}：{self.reason.zh}", f"skipped {self.display}: {self.reason.en}")


def matches(name: str, relative: str, globs: tuple[str, ...]) -> bool:
    """Whether the file name or its path below the folder matches a glob, ignoring case."""
    name, relative = name.casefold(), relative.casefold()
    return any(fnmatch.fnmatchcase(name, glob) or fnmatch.fnmatchcase(relative, glob)
               for glob in (g.casefold() for g in globs))


def expand(paths: tuple[str, ...], include: tuple[str, ...], exclude: tuple[str, ...],
           stdin_name: str = "<stdin>") -> Iterator[Target | Skipped | InputError]:
    """Targets in a stable order; a path that cannot be linted yields an InputError."""
    for given in paths:
        if given == STDIN:
            yield Target(None, stdin_name)
            continue
        try:
            mode = os.stat(given).st_mode
        except FileNotFoundError:
            yield InputError(given, t("找不到文件或目录", "no such file or directory"))
            continue
        except OSError as exc:
            yield InputError(given, os_reason(exc))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(Path(given), given, include, exclude)
        else:  # named explicitly: a pipe is read, a device is refused when read
            yield Target(Path(given), given)


def _walk(root: Path, display: str, include: tuple[str, ...],
          exclude: tuple[str, ...]) -> Iterator[Target | Skipped | InputError]:
    def shown(path: str | Path) -> str:
        relative = Path(path).relative_to(root).as_posix()
        if relative == ".":
            return display
        return os.path.join(display, relative) if display != "." else relative

    problems: list[OSError] = []  # os.walk reports a folder it cannot list here, then moves on
    for folder, dirs, files in os.walk(root, onerror=problems.append):
        yield from _folder_errors(problems, shown)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            full = Path(folder) / name
            relative = full.relative_to(root).as_posix()
            if matches(name, relative, exclude) or name.casefold().endswith(ANNOTATED_SUFFIX):
                continue
            if matches(name, relative, include):
                yield _found(full, shown(full))
            elif (reason := _NOT_LINTED.get(Path(name).suffix.casefold())) is not None:
                yield Skipped(shown(full), reason)
    yield from _folder_errors(problems, shown)


def _folder_errors(problems: list[OSError],
                   shown: Callable[[str], str]) -> Iterator[InputError]:
    for exc in problems:
        reason = os_reason(exc)
        yield InputError(shown(exc.filename or "."),
                         t(f"无法读取文件夹（{reason.zh}），其中的文件未检查",
                           f"cannot read folder: {reason.en}"))
    problems.clear()


def _found(path: Path, display: str) -> Target | Skipped | InputError:
    """A file met while walking: linted only when it is a regular file (or a link to one)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return InputError(display, os_reason(exc))
    return Target(path, display, found=True) if stat.S_ISREG(mode) else Skipped(display)
