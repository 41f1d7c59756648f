"""The JSON report: every file's findings and the counts, for tools."""

from __future__ import annotations

import json
from itertools import chain

from .. import __version__
from ..engine import FileResult
from ..streams import encodable
from . import DEFAULT_OPTIONS, ReportOptions, counts, json_with_list, rule_counts


def render(results: list[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    # A file that could not be read is an entry too, with an "error" and no findings; the
    # summary counts the files linted.
    payload = {"version": __version__, "files": [], "summary": counts(results)}
    if options.statistics:  # how often each rule fired, most frequent first
        payload["statistics"] = [{"rule": c.rule, "name": c.name, "count": c.count,
                                  "fixable": c.fixable} for c in rule_counts(results)]
    entries = chain(map(_file_json, results),
                    ({"path": encodable(path), "error": encodable(reason)}
                     for path, reason in options.unreadable))
    return json_with_list(payload, "files", entries, _entry_text)


def _file_json(result: FileResult) -> dict:
    unit = {"unit": result.unit} if result.unit != "line" else {}
    return {
        "path": encodable(result.path),
        **unit,
        "profile": result.profile,
        "report_year": result.report_year,
        "findings": [
            {"rule": f.rule, "name": f.name, "severity": f.severity, "line": f.line,
             "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
             "message": encodable(f.message), "fixable": f.fixable}
            for f in result.findings
        ],
    }


def _entry_text(entry: dict) -> str:
    """``json.dumps(entry, ensure_ascii=False, indent=2)``, the findings (flat objects, all with
    the same keys) written by one call of the C encoder: ``indent`` selects the pure-Python
    encoder, a second for 100,000 findings."""
    findings = entry.get("findings")
    text = json.dumps({**entry, "findings": []} if findings else entry, ensure_ascii=False,
                      indent=2)
    if not findings:
        return text
    # one object's layout, then every value encoded as json.dumps encodes it (a NUL between
    # two: inside a string the encoder writes one as \u0000)
    layout = ",\n".join(f"      {json.dumps(key)}: %s" for key in findings[0])
    values = json.dumps([v for finding in findings for v in finding.values()],
                        ensure_ascii=False, separators=("\0", ":"))[1:-1].split("\0")
    objects = ",\n".join([f"    {{\n{layout}\n    }}"] * len(findings)) % tuple(values)
    head, tail = text.rsplit('"findings": []', 1)
    return f'{head}"findings": [\n{objects}\n  ]{tail}'

