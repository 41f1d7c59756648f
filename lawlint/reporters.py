"""Stage 5, reporters: text for people, JSON for tools, JUnit XML for review pipelines."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain

from . import __version__
from .engine import FileResult
from .rules import SEVERITIES, Finding, all_rules
from .streams import encodable, visible

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
_SUMMARY = {
    "zh": ("检查 {files} 个文件，发现 {total} 个问题（错误 {error}，警告 {warning}，提示 {info}）",
           "，其中 {fixable} 个可用 --fix 自动修复", "检查 {files} 个文件，未发现问题",
           "已自动修复 {fixed} 处；"),
    "en": ("{files} file(s) checked, {total} finding(s) ({error} error, {warning} warning, "
           "{info} info)", "; {fixable} fixable with --fix", "{files} file(s) checked, no findings",
           "fixed {fixed}; "),
}


def counts(results: list[FileResult]) -> dict[str, int]:
    tally = {"files": len(results), **{s: 0 for s in SEVERITIES}}
    for result in results:
        for finding in result.findings:
            tally[finding.severity] += 1
    return tally


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


@dataclass(frozen=True)
class ReportOptions:
    lang: str = "zh"
    colour: bool = False
    show_source: bool = False
    statistics: bool = False
    unreadable: tuple[tuple[str, str], ...] = ()  # (path, reason) of files not linted


def render_text(results: list[FileResult], options: ReportOptions = ReportOptions()) -> str:
    import click  # already loaded by the CLI; imported here to keep this module light

    def paint(text: str, **style: object) -> str:
        return click.style(text, **style) if options.colour else text

    lines = _statistics(results) if options.statistics else []
    for result in results if not options.statistics else ():
        for f in result.findings:
            where = paint(f"{visible(result.path)}:{f.line}:{f.column}:", bold=True)
            severity = paint(f"[{f.severity}]", fg=_COLOURS[f.severity])
            mark = " [*]" if f.fixable else ""
            lines.append(f"{where} {paint(f.rule, bold=True)} {severity} {visible(f.message)}"
                         f"{mark}")
            if options.show_source:
                shown, carets = excerpt(result.line_text(f.line), f)
                lines += [f"    {shown}", "    " + paint(carets, fg=_COLOURS[f.severity])]
    tally = counts(results)
    total = sum(tally[s] for s in SEVERITIES)
    found, fixable_note, clean, fixed_note = _SUMMARY[options.lang]
    if total:
        summary = found.format(total=total, **tally)
        fixable = sum(f.fixable for r in results for f in r.findings)
        if fixable:
            summary += fixable_note.format(fixable=fixable)
    else:
        summary = clean.format(**tally)
    fixed = sum(r.fixed for r in results)
    if fixed:
        summary = fixed_note.format(fixed=fixed) + summary
    if lines:
        lines.append("")
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _statistics(results: list[FileResult]) -> list[str]:
    """One line per rule that fired: count, code, name, fixable mark; most frequent first."""
    tally: dict[str, list[Finding]] = {}
    for result in results:
        for finding in result.findings:
            tally.setdefault(finding.rule, []).append(finding)
    ordered = sorted(tally.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    lines = []
    for code, found in ordered:
        mark = " [*]" if any(f.fixable for f in found) else ""
        lines.append(f"{len(found):>5}  {code}  {found[0].name}{mark}")
    return lines


def render_json(results: list[FileResult], options: ReportOptions = ReportOptions()) -> str:
    # One json.dumps per file: dumping the whole payload at once holds a small string per token
    # of every file's findings (~80 bytes of memory per byte of output) until it is joined.
    # The document is joined once from its pieces: each copy of it costs as much as the output.
    payload = {"version": __version__, "files": [], "summary": counts(results)}
    head, tail = json.dumps(payload, ensure_ascii=False, indent=2).split('"files": []', 1)
    if not results:
        return f'{head}"files": []{tail}\n'
    pieces = [head, '"files": [\n']
    for index, result in enumerate(results):
        pieces += [",\n"] if index else []
        pieces.append(_indented(json.dumps(_file_json(result), ensure_ascii=False, indent=2), 4))
    return "".join([*pieces, "\n  ]", tail, "\n"])


def _file_json(result: FileResult) -> dict:
    return {
        "path": encodable(result.path),
        "profile": result.profile,
        "report_year": result.report_year,
        "findings": [
            {"rule": f.rule, "name": f.name, "severity": f.severity, "line": f.line,
             "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
             "message": encodable(f.message), "fixable": f.fixable}
            for f in result.findings
        ],
    }


def _indented(text: str, width: int) -> str:
    """``text`` (JSON: no raw line breaks inside strings) indented by ``width`` spaces."""
    pad = " " * width
    return pad + text.replace("\n", "\n" + pad)


def render_junit(results: list[FileResult], options: ReportOptions = ReportOptions()) -> str:
    """One testsuite per file, one testcase per rule that ran, a failure listing its findings;
    a file that could not be read is a suite whose one testcase is an error. Names and
    messages are escaped with visible(): XML 1.0 cannot hold C0 controls or undecodable bytes."""
    from junit_xml import to_xml_report_string

    if not results and not options.unreadable:
        return to_xml_report_string([], encoding="utf-8")
    # suites are made one at a time: a test case object per rule and file adds up
    suites = chain((_junit_suite(result) for result in results),
                   (_junit_unreadable(path, reason) for path, reason in options.unreadable))
    return _junit_document(suites)


def _junit_unreadable(path: str, reason: str):
    from junit_xml import TestCase, TestSuite

    path = visible(path)
    case = TestCase("read", classname=path, file=path)
    case.add_error_info(message=visible(reason), error_type="input")
    return TestSuite(f"lawlint {path}", [case])


def _junit_suite(result: FileResult):
    from junit_xml import TestCase, TestSuite

    cases = []
    by_rule: dict[str, list] = {}
    for finding in result.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    path = visible(result.path)
    for code in result.rules_run:
        rule = all_rules()[code]
        case = TestCase(f"{code} {rule.name}", classname=path, file=path)
        findings = by_rule.get(code, [])
        if findings:
            detail = "\n".join(f"{path}:{f.line}:{f.column}: [{f.severity}] {visible(f.message)}"
                               for f in findings)
            case.add_failure_info(message=f"{len(findings)} finding(s)", output=detail,
                                  failure_type=findings[0].severity)
        cases.append(case)
    return TestSuite(f"lawlint {path}", cases)


def _junit_document(suites: Iterable) -> str:
    """junit_xml's pretty-printed document, built one suite at a time: the library builds one
    DOM of every suite (over 1 GB for 5,000 reports). Each suite is rendered alone and its
    lines between the <testsuites> root's are kept; the root gets the summed counts."""
    from junit_xml import to_xml_report_string

    totals = {"disabled": 0, "errors": 0, "failures": 0, "tests": 0}
    parts = [""]  # the root element's start, once the totals are known
    for suite in suites:
        totals["disabled"] += sum(not case.is_enabled for case in suite.test_cases)
        totals["errors"] += sum(case.is_error() for case in suite.test_cases)
        totals["failures"] += sum(case.is_failure() for case in suite.test_cases)
        totals["tests"] += len(suite.test_cases)
        alone = to_xml_report_string([suite], encoding="utf-8")
        header, root, body = alone.split("\n", 2)
        parts.append(body[: body.rindex("</testsuites>")])
    counted = " ".join(f'{key}="{value}"' for key, value in totals.items())
    parts[0] = f'{header}\n<testsuites {counted} time="0.0">\n'
    parts.append("</testsuites>\n")
    return "".join(parts)


REPORTERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
}
