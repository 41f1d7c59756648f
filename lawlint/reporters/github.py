"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding,
which the runner turns into an annotation on the file and line of the pull request."""

from __future__ import annotations

from ..engine import FileResult
from ..streams import visible
from . import DEFAULT_OPTIONS, ReportOptions
from .tracking import repo_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A command's message, escaped as the runner unescapes it: "%", CR and LF. Any other
    control or bidi character is then written Python-style (``\\x1b``), as in the text output:
    the line is shown in a CI log."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A property value (file, title): as a message, and ":" and "," too, which separate them."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    shown = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {shown}::{escape_data(message)}"


def render(results: list[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """A Word file's "line" is its paragraph, as in the other outputs (an annotation on a .docx
    is listed, not drawn on the file)."""
    lines = [command(COMMANDS[f.severity], f.message, file=repo_path(result.path), line=f.line,
                     col=f.column, endLine=f.end_line, endColumn=f.end_column,
                     title=f"{f.rule} {f.name}")
             for result in results for f in result.findings]
    # a file not read: an error on the file, without a position
    lines += [command("error", reason, file=repo_path(path), title="lawlint")
              for path, reason in options.unreadable]
    return "".join(line + "\n" for line in lines)
