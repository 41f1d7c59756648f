"""Where a finding is and which one it is, for the formats code-scanning pipelines read (SARIF,
GitHub, GitLab): paths relative to the repository, and fingerprints that stay the same across
runs for a finding that has not changed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from ..engine import FileResult


def repo_path(path: str) -> str:
    """``path`` with "/" separators, relative to the current folder (the checkout a pipeline
    runs in) when it is inside it; else absolute. Pipelines match findings to files by the
    path relative to the repository root, whatever the path given on the command line."""
    full = os.path.abspath(path)
    try:
        relative = os.path.relpath(full, os.getcwd())
    except ValueError:  # another drive (Windows)
        return Path(full).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(full).as_posix()  # outside the checkout
    return PurePath(relative).as_posix()


def path_uri(path: str) -> tuple[str, bool]:
    """``path`` as a URI reference and whether it is relative to the current folder: relative
    paths are percent-encoded as they are, others become ``file:`` URIs. A name's bytes that
    are not UTF-8 (kept as surrogates) are percent-encoded as those bytes."""
    shown = repo_path(path)
    if PurePath(shown).is_absolute() or shown.startswith("/"):
        return Path(os.path.abspath(path)).as_uri(), False
    return quote(shown, safe="/", errors="surrogateescape"), True


def fingerprints(result: FileResult) -> list[str]:
    """A fingerprint for each of ``result.findings``, in order: a SHA-256 (first 32 hex digits)
    of the rule, the repository-relative path, the text of the finding's line (stripped) and
    how many findings of that rule on a line of that text come before it in the file.

    Not the line number: inserting or deleting a line above a finding moves it but must not
    make it a new finding (code scanning would reopen a dismissed alert, and a merge request
    would list it as new). Not the message either: it follows --lang. The occurrence index
    tells apart two findings of one rule on one line, or on two lines of the same text. An
    edit to the finding's own line gives it a new fingerprint, which is what a reviewer
    expects of a changed sentence."""
    path = repo_path(result.path)
    seen: dict[tuple[str, str], int] = {}
    prints = []
    for finding in result.findings:
        key = (finding.rule, result.line_text(finding.line).strip())
        index = seen.get(key, 0)
        seen[key] = index + 1
        text = "\0".join((finding.rule, path, key[1], str(index)))
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        prints.append(digest[:32])
    return prints
