"""The JUnit XML report: a test suite per file, a test case per rule, for review pipelines."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from ..engine import FileResult
from ..rules import all_rules
from ..streams import visible
from . import DEFAULT_OPTIONS, ReportOptions, where


def render(results: list[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> bytes:
    """One testsuite per file, one testcase per rule that ran, a failure listing its findings;
    a file that could not be read is a suite whose one testcase is an error. Names and
    messages are escaped with visible(): XML 1.0 cannot hold C0 controls or undecodable bytes."""
    from junit_xml import to_xml_report_string

    if not results and not options.unreadable:
        return to_xml_report_string([], encoding="utf-8").encode("utf-8")
    # suites are made one at a time: a test case object per rule and file adds up
    suites = chain((_junit_suite(result, options.lang) for result in results),
                   (_junit_unreadable(path, reason) for path, reason in options.unreadable))
    return _junit_document(suites)


def _junit_unreadable(path: str, reason: str):
    from junit_xml import TestCase, TestSuite

    path = visible(path)
    case = TestCase("read", classname=path, file=path)
    case.add_error_info(message=visible(reason), error_type="input")
    return TestSuite(f"lawlint {path}", [case])


def _junit_suite(result: FileResult, lang: str):
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
            detail = "\n".join(f"{where(path, result, f.line, f.column, lang)} [{f.severity}] "
                               f"{visible(f.message)}" for f in findings)
            case.add_failure_info(message=f"{len(findings)} finding(s)", output=detail,
                                  failure_type=findings[0].severity)
        cases.append(case)
    return TestSuite(f"lawlint {path}", cases)


def _junit_document(suites: Iterable) -> bytes:
    """junit_xml's pretty-printed document, built one suite at a time: the library builds one
    DOM of every suite (over 1 GB for 5,000 reports). Each suite is rendered alone and its
    lines between the <testsuites> root's are kept, as UTF-8 at once (the XML is mostly ASCII:
    half the memory of a str holding any Chinese); the root gets the summed counts."""
    from junit_xml import to_xml_report_string

    totals = {"disabled": 0, "errors": 0, "failures": 0, "tests": 0}
    parts = [b""]  # the root element's start, once the totals are known
    for suite in suites:
        totals["disabled"] += sum(not case.is_enabled for case in suite.test_cases)
        totals["errors"] += sum(case.is_error() for case in suite.test_cases)
        totals["failures"] += sum(case.is_failure() for case in suite.test_cases)
        totals["tests"] += len(suite.test_cases)
        alone = to_xml_report_string([suite], encoding="utf-8")
        header, root, body = alone.split("\n", 2)
        parts.append(body[: body.rindex("</testsuites>")].encode("utf-8"))
    counted = " ".join(f'{key}="{value}"' for key, value in totals.items())
    parts[0] = f'{header}\n<testsuites {counted} time="0.0">\n'.encode()
    parts.append(b"</testsuites>\n")
    return b"".join(parts)
