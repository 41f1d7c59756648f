"""Stage 4, checks: run the selected rules over a parsed document.

One public entry point, :func:`lint_source`; the CLI, the tests and other tools call it.
"""

from __future__ import annotations

import fnmatch
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath

from .config import Config
from .fixer import apply_edits, choose_edits, raw_edits
from .model.document import Document, parse_document
from .model.profiles import resolve_profile
from .readers.text import Source, _source, normalise_newlines
from .rules import Edit, Finding, Rule, all_rules, matching_codes
from .slotted import SentByValues, same_fields


class TextView(SentByValues):
    """What the HTML report shows of a document once it is dropped: plain, picklable data (a
    run's results may come back from worker processes), a few KiB per report."""

    __slots__ = ("lines", "headings", "title", "organ", "signed_by")
    lines: tuple[str, ...]
    # (line, level, number and title): the outline lawlint built
    headings: tuple[tuple[int, int, str], ...]
    title: str | None
    organ: str | None  # the organ the title names (or its place's government)
    signed_by: tuple[str, ...]  # the organs of the signature block

    def __init__(self, lines: tuple[str, ...], headings: tuple[tuple[int, int, str], ...],
                 title: str | None, organ: str | None, signed_by: tuple[str, ...]) -> None:
        self.lines = lines
        self.headings = headings
        self.title = title
        self.organ = organ
        self.signed_by = signed_by


def text_view(doc: Document) -> TextView:
    from .model.signature import expected_organ

    return TextView(tuple(doc.lines), tuple((h.line, h.level, h.marker.text + h.title) for h in doc.headings),
                    doc.title.text if doc.title else None, expected_organ(doc),
                    tuple(organ.name for organ in doc.signature.organs))


class FileResult:
    __slots__ = ("path", "profile", "report_year", "findings", "document", "rules_run", "fixed",
                 "finding_lines", "unit", "view")
    path: str
    profile: str
    report_year: int | None
    findings: list[Finding]
    document: Document | None
    rules_run: list[str]
    fixed: int  # fixes --fix applied to this file
    # the text of the lines findings point at, kept by compact() for --show-source
    finding_lines: dict[int, str]
    unit: str  # "paragraph" for a Word file: a finding's line is its paragraph
    view: TextView | None  # the whole text and outline, kept by compact(keep_text=True)

    def __init__(self, path: str, profile: str, report_year: int | None,
                 findings: list[Finding] | None = None, document: Document | None = None,
                 rules_run: list[str] | None = None, unit: str = "line") -> None:
        self.path = path
        self.profile = profile
        self.report_year = report_year
        self.findings = [] if findings is None else findings
        self.document = document
        self.rules_run = [] if rules_run is None else rules_run
        self.fixed = 0
        self.finding_lines = {}
        self.unit = unit
        self.view = None

    def __eq__(self, other: object) -> bool:
        return same_fields(self, other)

    def compact(self, keep_text: bool = False) -> FileResult:
        """Drop the parsed document and keep only the text of the lines the findings point at:
        a folder's results wait for the reporter, and whole documents held for every file
        would grow the run's memory by ~100 KiB per file. ``keep_text`` (the HTML report, which
        shows every report whole) keeps a :class:`TextView` of it instead."""
        if self.document is not None:
            self.finding_lines = {f.line: self.line_text(f.line) for f in self.findings}
            if keep_text:
                self.view = text_view(self.document)
            self.document = None
        return self

    def line_text(self, number: int) -> str:
        """The text of 1-based line ``number`` ("" beyond the end), from the document or, once
        compacted, from the lines kept for the findings."""
        if self.document is None:
            return self.finding_lines.get(number, "")
        lines = self.document.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""


def selected_codes(config: Config, path: str | None = None) -> list[str]:
    chosen = set(matching_codes(config.select)) if config.select is not None else set(all_rules())
    chosen -= set(matching_codes(config.ignore))
    if path is not None:
        for glob, codes in config.per_file_ignores:
            if _glob_matches(glob, path, config.base):
                chosen -= set(matching_codes(codes))
    return sorted(chosen)


def _glob_matches(glob: str, path: str, base: Path) -> bool:
    target = PurePath(path)
    try:
        target = Path(os.path.abspath(path)).relative_to(base.resolve())
    except ValueError:
        pass
    posix = target.as_posix()
    return fnmatch.fnmatch(posix, glob) or fnmatch.fnmatch(target.name, glob)


def build_rules(config: Config, path: str | None = None, source: Source | None = None
                ) -> list[Rule]:
    """The selected rules, configured; given the ``source``, only those that apply to it (the
    layout rules need a .docx)."""
    rules = all_rules()
    text_only = source is not None and source.docx is None
    return [
        rules[code](config.rule_options.get(code), config.lang, config.severity.get(code))
        for code in selected_codes(config, path)
        if not (text_only and rules[code].docx_only)
    ]


def lint_source(source: Source, config: Config) -> FileResult:
    with _fewer_collections():
        doc = _document(source, config)
        rules = build_rules(config, source.path, source)
        return _result(source, doc, rules, _check(doc, rules))


# Allocations of container objects between two runs of the cyclic garbage collector while a
# report is linted (Python's default is 700).
_COLLECT_EVERY = 20_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often. A big report's model is a million small
    objects (headings, sentences, dates, findings) that all live until its lint ends: collected
    every 700 allocations, they are walked over and over, a sixth of the CPU time of --fix on
    200,000 lines. Cycles (a heading and its parent) are still collected, a little later."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _COLLECT_EVERY), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _document(source: Source, config: Config) -> Document:
    doc = parse_document(source, resolve_profile(config.profile, config.base, config.profiles))
    if config.year is not None:
        doc.options["year"] = config.year
    if config.layout is not None:
        doc.options["layout"] = config.layout
    return doc


def _check(doc: Document, rules: list[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.check(doc))
    return findings


def _result(source: Source, doc: Document, rules: list[Rule], findings: list[Finding]
            ) -> FileResult:
    findings.sort(key=Finding.sort_key)
    return FileResult(source.path, doc.profile.name, doc.report_year, findings, doc,
                      [rule.code for rule in rules], unit=source.unit)


def text_source(text: str, path: str = "<text>") -> Source:
    """``text`` as lawlint reads a UTF-8 file holding it (a leading BOM dropped and kept for
    writing back, line ends made "\\n"), without encoding it on the way: a str may hold lone
    surrogates (U+D800–U+DFFF), which no file can, and they stay in the text as ordinary
    characters, one column each, so every line and column is that of ``text``."""
    bom = text.startswith("\ufeff")
    return _source(path, text[1:] if bom else text, "utf-8", bom)


def lint_text(text: str, config: Config | None = None, path: str = "<text>") -> FileResult:
    """Lint a string (tests and embedding tools use this). Any str is accepted, lone surrogates
    included (see :func:`text_source`)."""
    return lint_source(text_source(text, path), config or Config())


def fix_source(source: Source, config: Config,
               max_passes: int | None = None) -> tuple[Source, int, FileResult]:
    """Apply the certain fixes until none is left: (fixed source, fixes applied, final result).

    Each pass re-lints the fixed text, so fixes that overlapped in one pass (or that a fix
    makes possible, like renumbering the next heading) land in the next. It runs to a fixed
    point, so fixing twice changes nothing: it stops when no fix applies or a text comes back,
    and ``len(text) + 2`` passes bound it whatever the rules do. The edits are applied to the
    text with its own line ends too (``Source.raw``), so lines no fix touches keep their bytes.

    Only the rules that carry fixes run until the text stops changing; the others run once, on
    the document of the last pass (the fixing rules' findings on it are already at hand).
    """
    with _fewer_collections():
        return _fix(source, config, max_passes)


def _fix(source: Source, config: Config,
         max_passes: int | None) -> tuple[Source, int, FileResult]:
    fixed, applied = source, 0
    seen = {hash(source.text)}
    limit = len(source.text) + 2 if max_passes is None else max_passes
    rules = build_rules(config, source.path, source)
    fixers = [rule for rule in rules if rule.fixable]
    passes = 0
    while True:
        doc = _document(fixed, config)
        findings = _check(doc, fixers)
        if passes < limit:
            passes += 1
            edits, count = choose_edits(findings)
            text = apply_edits(fixed.text, edits)
            if count and hash(text) not in seen:
                seen.add(hash(text))
                fixed = fixed.with_text(text, _raw_after(fixed, edits, text))
                applied += count
                continue
        findings += _check(doc, [rule for rule in rules if not rule.fixable])
        result = _result(fixed, doc, rules, findings)
        result.fixed = applied
        return fixed, applied, result


def _raw_after(source: Source, edits: list[Edit], text: str) -> str | None:
    """The source's own-line-end text with ``edits`` applied. None (every line gets the
    source's newline) in the rare case an inserted line end merges with a neighbouring "\\r"
    into one CRLF, which would change the line count."""
    if source.raw is None:
        return None
    raw = apply_edits(source.raw, raw_edits(source.raw, edits, source.newline))
    return raw if normalise_newlines(raw) == text else None


def fix_text(text: str, config: Config | None = None, path: str = "<text>") -> tuple[str, int]:
    """``text`` with every certain fix applied until none is left, and how many were applied:
    the loop ``lawlint --fix`` runs, on a string (the result has "\\n" line ends). Lone
    surrogates are kept as they are (see :func:`text_source`)."""
    fixed, count, _ = fix_source(text_source(text, path), config or Config())
    return fixed.text, count
