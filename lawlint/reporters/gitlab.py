"""GitLab Code Quality: a JSON array of issues, one per finding, that a merge request shows in
its Code Quality widget and diff. UTF-8 without a BOM, whatever the locale."""

from __future__ import annotations

import hashlib
import json

from ..engine import FileResult
from ..streams import encodable
from . import DEFAULT_OPTIONS, ReportOptions
from .tracking import fingerprints, repo_path

# GitLab's scale is info, minor, major, critical, blocker. An error is a defect a reviewer sends
# back (major); "critical" and "blocker" are left for a report lawlint could not read at all,
# so that it stands above every finding in the merge request.
SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
UNREADABLE = "critical"


def render(results: list[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> bytes:
    issues = [_issue(f.message, f.rule, fingerprint, SEVERITIES[f.severity], result.path,
                     f.line, f.end_line)
              for result in results
              for f, fingerprint in zip(result.findings, fingerprints(result))]
    for path, reason in options.unreadable:
        shown = repo_path(path)
        fingerprint = hashlib.sha256(f"unreadable\0{shown}".encode("utf-8", "surrogatepass"))
        issues.append(_issue(reason, "unreadable", fingerprint.hexdigest()[:32], UNREADABLE,
                             path, 1, 1))
    return (json.dumps(issues, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _issue(message: str, check: str, fingerprint: str, severity: str, path: str, begin: int,
           end: int) -> dict:
    """One Code Quality issue; a Word file's lines are its paragraphs, as in lawlint's output."""
    return {"description": encodable(message), "check_name": check, "fingerprint": fingerprint,
            "severity": severity,
            "location": {"path": encodable(repo_path(path)), "lines": {"begin": begin, "end": end}}}
