"""The JSON report: every file's findings and the counts, for tools."""

from __future__ import annotations

import json
from itertools import chain

from .. import __version__
from ..engine import FileResult
from ..streams import encodable
from . import DEFAULT_OPTIONS, ReportOptions, counts, rule_counts


def render(results: list[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    # One json.dumps per file: dumping the whole payload at once holds a small string per token
    # of every file's findings (~80 bytes of memory per byte of output) until it is joined.
    # The document is joined once from its pieces: each copy of it costs as much as the output.
    # A file that could not be read is an entry too, with an "error" and no findings; the
    # summary counts the files linted.
    payload = {"version": __version__, "files": [], "summary": counts(results)}
    if options.statistics:  # how often each rule fired, most frequent first
        payload["statistics"] = [{"rule": c.rule, "name": c.name, "count": c.count,
                                  "fixable": c.fixable} for c in rule_counts(results)]
    head, tail = json.dumps(payload, ensure_ascii=False, indent=2).split('"files": []', 1)
    entries = chain(map(_file_json, results),
                    ({"path": encodable(path), "error": encodable(reason)}
                     for path, reason in options.unreadable))
    pieces = [head, '"files": [\n']
    for index, entry in enumerate(entries):
        pieces += [",\n"] if index else []
        pieces.append(_indented(json.dumps(entry, ensure_ascii=False, indent=2), 4))
    if len(pieces) == 2:
        return f'{head}"files": []{tail}\n'
    return "".join([*pieces, "\n  ]", tail, "\n"])


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


def _indented(text: str, width: int) -> str:
    """``text`` (JSON: no raw line breaks inside strings) indented by ``width`` spaces."""
    pad = " " * width
    return pad + text.replace("\n", "\n" + pad)
