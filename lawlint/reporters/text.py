"""The text report: one line per finding (with the source line under it on request), a summary."""

from __future__ import annotations

import unicodedata

from ..engine import FileResult
from ..rules import SEVERITIES, Finding
from ..streams import visible
from . import DEFAULT_OPTIONS, ReportOptions, counts, rule_counts, where

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
_SUMMARY = {
    "zh": ("检查 {files} 个文件，发现 {total} 个问题（错误 {error}，警告 {warning}，提示 {info}）",
           "，其中 {fixable} 个可用 --fix 自动修复", "检查 {files} 个文件，未发现问题",
           "已自动修复 {fixed} 处；"),
    "en": ("{files} file(s) checked, {total} finding(s) ({error} error, {warning} warning, "
           "{info} info)", "; {fixable} fixable with --fix", "{files} file(s) checked, no findings",
           "fixed {fixed}; "),
}
# Files that could not be read (their error lines stand above): never "no findings" then
_NOT_CHECKED = {"zh": "；另有 {failed} 个文件未能检查（见上方错误）",
                "en": "; {failed} file(s) not checked (see the errors above)"}



def display_width(text: str) -> int:
    """Terminal columns: CJK characters and full-width punctuation take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def excerpt(text: str, finding: Finding, context: int = 20) -> tuple[str, str]:
    """Part of the finding's first line around it, and a caret line under the span; control
    characters are shown escaped, and the carets measure what is shown."""
    start = min(finding.column - 1, len(text))
    end = finding.end_column - 1 if finding.end_line == finding.line else len(text)
    end = max(min(end, len(text)), start + 1)
    low, high = max(0, start - context), min(len(text), end + context)
    before = ("…" if low else "") + visible(text[low:start])
    span = visible(text[start:end])
    shown = before + span + visible(text[end:high]) + ("…" if high < len(text) else "")
    carets = " " * display_width(before) + "^" * max(1, display_width(span))
    return shown.replace("\t", " "), carets


def render(results: list[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    import click  # already loaded by the CLI; imported here to keep this module light

    def paint(text: str, **style: object) -> str:
        return click.style(text, **style) if options.colour else text

    lines = _statistics(results) if options.statistics else []
    for result in results if not options.statistics else ():
        for f in result.findings:
            place = paint(where(visible(result.path), result, f.line, f.column, options.lang),
                          bold=True)
            severity = paint(f"[{f.severity}]", fg=_COLOURS[f.severity])
            mark = " [*]" if f.fixable and result.unit == "line" else ""  # never a Word file
            lines.append(f"{place} {paint(f.rule, bold=True)} {severity} {visible(f.message)}"
                         f"{mark}")
            if options.show_source:
                shown, carets = excerpt(result.line_text(f.line), f)
                lines += [f"    {shown}", "    " + paint(carets, fg=_COLOURS[f.severity])]
    tally = counts(results)
    total = sum(tally[s] for s in SEVERITIES)
    found, fixable_note, clean, fixed_note = _SUMMARY[options.lang]
    if total or options.unreadable:
        summary = found.format(total=total, **tally)
        fixable = sum(f.fixable for r in results if r.unit == "line" for f in r.findings)
        if fixable:
            summary += fixable_note.format(fixable=fixable)
    else:
        summary = clean.format(**tally)
    if options.unreadable:
        summary += _NOT_CHECKED[options.lang].format(failed=len(options.unreadable))
    fixed = sum(r.fixed for r in results)
    if fixed:
        summary = fixed_note.format(fixed=fixed) + summary
    if lines:
        lines.append("")
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _statistics(results: list[FileResult]) -> list[str]:
    """One line per rule that fired: count, code, name, fixable mark; most frequent first."""
    return [f"{c.count:>5}  {c.rule}  {c.name}{' [*]' if c.fixable else ''}"
            for c in rule_counts(results)]
