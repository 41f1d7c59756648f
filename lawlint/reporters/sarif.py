"""The SARIF 2.1.0 report, as GitHub code scanning reads it: one run, the rules that ran with
their explanations, one result per finding with a repository-relative location and a
fingerprint that survives edits elsewhere in the file."""

from __future__ import annotations

from .. import __version__
from ..engine import FileResult
from ..rules import all_rules
from ..streams import encodable
from . import DEFAULT_OPTIONS, ReportOptions, json_with_list
from .tracking import fingerprints, path_uri

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# The key of lawlint's own fingerprint (see tracking.fingerprints): GitHub computes and owns
# "primaryLocationLineHash" itself, and warns when a tool's value differs from its own.
FINGERPRINT_KEY = "lawlintFinding/v1"
SRCROOT = "%SRCROOT%"  # the checkout: relative URIs are relative to it


def render(results: list[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> bytes:
    """The log as UTF-8, whatever the locale: SARIF files are UTF-8 (a console in GB18030 would
    otherwise get GB18030)."""
    codes = sorted({code for result in results for code in result.rules_run})
    index = {code: number for number, code in enumerate(codes)}
    run = {
        "tool": {"driver": {"name": "lawlint", "version": __version__,
                            "rules": [_rule(code, options.lang) for code in codes]}},
        "invocations": [_invocation(options.unreadable)],
        "columnKind": "unicodeCodePoints",  # lawlint's columns count characters, not UTF-16 units
        "results": [],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    found = (_result(result, finding, index, fingerprint) for result in results
             for finding, fingerprint in zip(result.findings, fingerprints(result)))
    return json_with_list(log, "results", found).encode("utf-8")


def _rule(code: str, lang: str) -> dict:
    """A rule's descriptor: its texts are what `lawlint explain` prints, in ``lang``."""
    rule = all_rules()[code]
    explanation = rule.explanation(lang)
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary(lang)},
        "fullDescription": {"text": explanation},
        "help": {"text": explanation},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _location(path: str) -> dict:
    uri, relative = path_uri(path)
    artifact = {"uri": uri, **({"uriBaseId": SRCROOT} if relative else {})}
    return {"physicalLocation": {"artifactLocation": artifact}}


def _result(result: FileResult, finding, index: dict[str, int], fingerprint: str) -> dict:
    location = _location(result.path)
    region = {"startLine": finding.line, "startColumn": finding.column,
              "endLine": finding.end_line, "endColumn": finding.end_column}
    if result.unit == "paragraph":
        # A Word file: SARIF has no paragraph kind of region, so its "lines" are the document's
        # paragraphs (1-based), as in lawlint's other outputs; the property says so.
        region["properties"] = {"unit": "paragraph"}
    location["physicalLocation"]["region"] = region
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": encodable(finding.message)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }


def _invocation(unreadable: tuple[tuple[str, str], ...]) -> dict:
    """The run's invocation: unsuccessful, with a notification for each file not read."""
    invocation: dict = {"executionSuccessful": not unreadable}
    if unreadable:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": encodable(reason)}, "locations": [_location(path)]}
            for path, reason in unreadable]
    return invocation
