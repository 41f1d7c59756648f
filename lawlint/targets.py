"""Which files a run lints: explicit files, folders walked recursively, or standard input."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox"}


@dataclass(frozen=True)
class Target:
    path: Path | None  # None for standard input
    display: str  # as given on the command line (relative paths stay relative)


def matches(name: str, relative: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(relative, g) for g in globs)


def expand(paths: tuple[str, ...], include: tuple[str, ...], exclude: tuple[str, ...],
           stdin_name: str = "<stdin>") -> Iterator[Target | str]:
    """Targets in a stable order; a path that does not exist yields an error string."""
    for given in paths:
        if given == STDIN:
            yield Target(None, stdin_name)
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, given, include, exclude)
        elif path.exists():
            yield Target(path, given)
        else:
            yield f"{given}: no such file or directory"


def _walk(root: Path, display: str, include: tuple[str, ...],
          exclude: tuple[str, ...]) -> Iterator[Target]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            full = Path(folder) / name
            relative = full.relative_to(root).as_posix()
            if matches(name, relative, include) and not matches(name, relative, exclude):
                yield Target(full, os.path.join(display, relative) if display != "." else relative)
