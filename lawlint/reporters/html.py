"""The HTML review report: one self-contained page a county reviewer opens by double-click.

An overview of every file (organ, year, counts, files not read, the rules that fired most),
then each report whole with its findings highlighted and numbered in the margin, its outline,
and each rule's explanation. Inline CSS and JS only (no network, no web fonts); filters by
severity and rule need JS, and with JS off everything is shown. Built from the Jinja2 template
in ``templates/`` with autoescaping on, so report text can never become markup.

Findings need the whole text: the CLI keeps a :class:`~lawlint.engine.TextView` of each file for
this format only (``FileResult.compact(keep_text=True)``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..engine import FileResult
from ..rules import SEVERITIES, SEVERITY_RANK, Finding, all_rules
from ..streams import visible
from . import DEFAULT_OPTIONS, ReportOptions, counts, rule_counts

TEMPLATES = Path(__file__).resolve().parent / "templates"
TOP_RULES = 10  # rules listed in the overview: the most frequent across the folder

# Page text: (Chinese, English)
_LABELS: dict[str, tuple[str, str]] = {
    "page_title": ("lawlint 审核报告", "lawlint review report"),
    "overview": ("总览", "Overview"),
    "summary": ("检查 {files} 个文件：错误 {error}，警告 {warning}，提示 {info}",
                "{files} file(s) checked: {error} error, {warning} warning, {info} info"),
    "not_read": ("，{count} 个文件未能检查", "; {count} file(s) not checked"),
    "file": ("文件", "File"),
    "organ": ("发文机关", "Organ"),
    "signed": ("落款", "signed"),
    "year": ("报告年度", "Year"),
    "title": ("标题", "Title"),
    "profile": ("配置", "Profile"),
    "total": ("合计", "Total"),
    "unreadable": ("未能检查的文件", "Files not checked"),
    "reason": ("原因", "Reason"),
    "top_rules": ("最常见的问题", "Rules that fired most"),
    "rule": ("规则", "Rule"),
    "count": ("次数", "Count"),
    "files_hit": ("涉及文件", "Files"),
    "reports": ("逐份报告", "Reports"),
    "outline": ("提纲", "Outline"),
    "no_outline": ("未识别到标题层级", "no headings found"),
    "findings": ("问题", "Findings"),
    "no_findings": ("未发现问题", "no findings"),
    "text": ("正文", "Text"),
    "only_lines": ("（只保留了有问题的行）", "(only the lines with findings were kept)"),
    "rules": ("规则说明", "Rule explanations"),
    "filters": ("筛选", "Filter"),
    "severity": ("级别", "Severity"),
    "all_rules": ("全部规则", "all rules"),
    "shown": ("显示", "shown"),
    "unknown": ("未识别", "unknown"),
    "explain_hint": ("点击问题查看规则说明", "click a finding for the rule's explanation"),
    "line_place": ("第{line}行第{column}列", "line {line}, col {column}"),
    "para_place": ("第{line}段第{column}字", "para {line}, char {column}"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "generated": ("由 lawlint {version} 生成", "made by lawlint {version}"),
}


def labels(lang: str) -> dict[str, str]:
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in _LABELS.items()}


@dataclass
class Segment:
    """A run of a line's text and the findings (their numbers in the file) covering it."""

    text: str
    numbers: tuple[int, ...] = ()
    severity: str = ""  # the most severe of those findings

    @property
    def ids(self) -> str:
        return " ".join(map(str, self.numbers))


@dataclass
class Line:
    number: int
    segments: list[Segment]
    starts: list[tuple[int, str]]  # (number, severity) of each finding that starts here


@dataclass
class ShownFinding:
    number: int
    finding: Finding
    place: str
    message: str


@dataclass
class Report:
    index: int
    path: str
    result: FileResult
    organ: str | None
    signed_by: tuple[str, ...]
    title: str | None
    findings: list[ShownFinding]
    lines: Iterator[Line]  # made while the page is written: a long report's are never all held
    headings: list[tuple[int, int, str]]
    whole: bool  # the whole text was kept (else only the lines findings point at)
    tally: dict[str, int] = field(default_factory=dict)


def render(results: list[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> bytes:
    import jinja2  # only an HTML run pays for importing it

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     trim_blocks=True, lstrip_blocks=True,
                                     undefined=jinja2.StrictUndefined)
    words = labels(options.lang)
    reports = [_report(index, result, words) for index, result in enumerate(results, 1)]
    fired = rule_counts(results)
    rules = all_rules()
    files_hit = {c.rule: sum(any(f.rule == c.rule for f in r.findings) for r in results)
                 for c in fired[:TOP_RULES]}
    return _utf8(environment.get_template("review.html").generate(
        lang=options.lang, L=words, version=__version__, severities=SEVERITIES,
        tally=counts(results), reports=reports, top=fired[:TOP_RULES], files_hit=files_hit,
        summaries={code: rules[code].summary(options.lang) for code in files_hit if code in rules},
        fired=[rules[c.rule] for c in sorted(fired, key=lambda c: c.rule) if c.rule in rules],
        unreadable=[(visible(path), visible(reason)) for path, reason in options.unreadable]))


def _utf8(pieces: Iterable[str], batch: int = 4096) -> bytes:
    """The page as UTF-8, encoded as it is written: a report of 200,000 lines makes a page of
    ~100 MB, and the whole of it as one str (and its encoding) would double the run's memory."""
    out, chunk = io.BytesIO(), []
    for piece in pieces:
        chunk.append(piece)
        if len(chunk) >= batch:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    out.write("".join(chunk).encode("utf-8"))
    return out.getvalue()


def _report(index: int, result: FileResult, words: dict[str, str]) -> Report:
    view = result.view
    if view is not None:
        text = dict(enumerate(view.lines, 1))
    else:  # a result compacted without its text: the lines the findings point at
        text = dict(sorted(result.finding_lines.items()))
    numbered = list(enumerate(result.findings, 1))
    place = words["para_place" if result.unit == "paragraph" else "line_place"]
    findings = [ShownFinding(n, f, place.format(line=f.line, column=f.column), visible(f.message))
                for n, f in numbered]
    tally = {s: sum(f.severity == s for f in result.findings) for s in SEVERITIES}
    return Report(index, visible(result.path), result,
                  visible(view.organ) if view and view.organ else None,
                  tuple(visible(o) for o in view.signed_by) if view else (),
                  visible(view.title) if view and view.title else None,
                  findings, _lines(text, numbered),
                  [(line, level, visible(title)) for line, level, title in view.headings]
                  if view else [], view is not None, tally)


def _lines(text: dict[int, str], numbered: list[tuple[int, Finding]]) -> Iterator[Line]:
    """Each line cut into segments at the edges of the findings on it. A finding's span is
    1-based, end exclusive, in code points; one beyond the text is clamped to it."""
    last = max(text, default=0)
    ranges: dict[int, list[tuple[int, int, int, str]]] = {}  # line -> (start, end, number, sev)
    starts: dict[int, list[tuple[int, str]]] = {}
    for number, f in numbered:
        first = min(max(f.line, 1), max(last, 1))
        starts.setdefault(first, []).append((number, f.severity))
        for line in range(first, min(max(f.end_line, first), last) + 1):
            length = len(text.get(line, ""))
            start = min(f.column - 1, length) if line == first else 0
            end = min(f.end_column - 1, length) if line == f.end_line else length
            if end > start or line == first:  # a zero-width span shows as a mark on its line
                ranges.setdefault(line, []).append((start, max(start, end), number, f.severity))
    return (Line(n, _segments(line, ranges.get(n, [])), starts.get(n, []))
            for n, line in text.items())


def _segments(line: str, ranges: list[tuple[int, int, int, str]]) -> list[Segment]:
    """One sweep over the cuts, keeping the findings open at each (a 10 MB line holds tens of
    thousands of findings: comparing every cut with every finding would take minutes)."""
    if not ranges:
        return [Segment(visible(line))]
    cuts = sorted({0, len(line), *(s for s, _, _, _ in ranges), *(e for _, e, _, _ in ranges)})
    empty: dict[int, list[tuple[int, int, int, str]]] = {}
    for r in ranges:
        if r[0] == r[1]:
            empty.setdefault(r[0], []).append(r)
    pending = sorted((r for r in ranges if r[0] < r[1]), reverse=True)  # by start, popped
    open_: dict[int, tuple[int, int, int, str]] = {}  # finding number -> its range
    segments: list[Segment] = []
    for low, high in zip(cuts, cuts[1:] + [None]):
        if low in empty:
            segments.append(_covering("", empty[low]))
        if high is None:
            break
        while pending and pending[-1][0] <= low:
            r = pending.pop()
            open_[r[2]] = r
        for number in [n for n, r in open_.items() if r[1] <= low]:
            del open_[number]
        segments.append(_covering(line[low:high], list(open_.values())))
    return segments


def _covering(text: str, ranges: list[tuple[int, int, int, str]]) -> Segment:
    if not ranges:
        return Segment(visible(text))
    worst = max((r[3] for r in ranges), key=SEVERITY_RANK.__getitem__)
    return Segment(visible(text), tuple(sorted(r[2] for r in ranges)), worst)
