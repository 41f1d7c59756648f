"""Stage 3, document model: title, report year, outline, paragraphs, sentences.

Everything beyond the outline (figures, dates, signature) is computed lazily on first use, so
a run whose selected rules do not need a stage never pays for it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, cached_property
from typing import TYPE_CHECKING

from ..readers.text import Source
from ..regexes import compiled
from .grammar import ParsedHeading, lead_length, parse_heading
from .outline import Heading, Outline, build_outline
from .residue import is_residue_line, page_marks, title_copy_below
from .text import DocumentVocabulary, Paragraph, Sentence, Span, Title, document_vocabulary

if TYPE_CHECKING:
    from .dates import DateMention
    from .layout import Layout
    from .profiles import PartMatch, Profile
    from .residue import Residue
    from .signature import Signature


class Document:
    """One report, parsed. Build with :func:`parse_document`."""

    def __init__(self, source: Source, profile: Profile) -> None:
        self.source = source
        self.profile = profile
        self.text = source.text
        self.lines = source.text.split("\n")
        self._line_starts = _line_starts(self.lines)
        self.vocabulary = document_vocabulary()
        self.report_end = len(self.lines)  # last line before any attachment (附件1 …)
        self.title: Title | None = None
        self.addressee_line: int | None = None
        # line -> (start, end) of a page number a document-sharing site printed at its start
        self.page_marks: dict[int, tuple[int, int]] = {}
        self.outline = Outline()
        self.paragraphs: list[Paragraph] = []
        self.options: dict[str, object] = {}  # run options a stage may read (report year …)
        # each distinct line judged once: the headings, the title and the residue pass ask of it
        self.is_residue_line = cache(is_residue_line)

    # --- positions -------------------------------------------------------------------------
    def offset(self, line: int, column: int = 0) -> int:
        """Offset in ``text`` of 1-based ``line`` and 0-based ``column``."""
        return self._line_starts[line - 1] + column

    def position(self, offset: int) -> tuple[int, int]:
        """(1-based line, 1-based column) of an offset in ``text``."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, start: int, end: int | None = None) -> Span:
        """The span of text[start:end] (one character when ``end`` is None)."""
        line, column = self.position(start)
        end_line, end_column = self.position(start + 1 if end is None else max(end, start + 1))
        return Span(line, column, end_line, end_column)

    def line_span(self, line: int) -> Span:
        """A whole line, from its first non-blank character (line 1, column 1 when empty)."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        indent = len(text) - len(text.lstrip())
        return Span(line, indent + 1, line, max(len(text), indent) + 1)

    # --- structure ---------------------------------------------------------------------------
    @property
    def headings(self) -> list[Heading]:
        return self.outline.headings

    @cached_property
    def sentences(self) -> list[Sentence]:
        ends = re.escape(self.vocabulary.sentence_end)
        # a sentence runs to its end mark; a last one without a mark counts if not blank
        pattern = compiled(f"[^{ends}]*[{ends}]|[^{ends}]*\\S[^{ends}]*$")
        return [Sentence(m.group(), paragraph.offset + m.start(), paragraph)
                for paragraph in self.paragraphs for m in pattern.finditer(paragraph.text)]

    @cached_property
    def parts(self) -> PartMatch:
        """Which profile part each top-level heading is (see profiles.match_parts)."""
        from .profiles import match_parts

        return match_parts(self.outline, self.profile)

    @cached_property
    def run_in_parts(self) -> frozenset[str]:
        """Parts whose top-level heading is run into a line of text rather than on its own."""
        from .profiles import run_in_parts

        return run_in_parts(self.text, self.vocabulary.run_in_heading, self.profile)

    def paragraphs_under(self, heading: Heading) -> Iterator[Paragraph]:
        """Paragraphs in ``heading``'s section, its subsections included."""
        # paragraphs are in line order: find the section's first one by binary search
        first = bisect.bisect_left(self.paragraphs, heading.line, key=_paragraph_line)
        for paragraph in self.paragraphs[first:]:
            if paragraph.line > heading.end_line:
                break
            yield paragraph

    @cached_property
    def figures(self) -> list:
        """Quantities and rates stated in each sentence (see lawlint.model.figures)."""
        from .figures import extract_figures

        return extract_figures(self)

    @cached_property
    def dates(self) -> list[DateMention]:
        """Every date, year and range of years, with spans (see lawlint.model.dates)."""
        from .dates import read_dates

        return read_dates(self)

    @cached_property
    def date_lines(self) -> list[int]:
        """The line of each of ``dates``: binary searches by line need no key function."""
        return [mention.line for mention in self.dates]

    @cached_property
    def residue(self) -> Residue:
        """Web-page and converter residue, and the title printed twice (see lawlint.model.residue)."""
        from .residue import find_residue

        return find_residue(self)

    @cached_property
    def signature(self) -> Signature:
        """The signing organ and date at the end of the body (see lawlint.model.signature)."""
        from .signature import read_signature

        return read_signature(self)

    @cached_property
    def layout(self) -> Layout | None:
        """The formatting Word shows (a .docx only; None for text; see lawlint.model.layout)."""
        if self.source.docx is None:
            return None
        from .layout import read_layout

        return read_layout(self.source.docx)

    @cached_property
    def report_year(self) -> int | None:
        from .dates import detect_report_year

        return detect_report_year(self)

    @cached_property
    def year_evidence(self) -> list[DateMention]:
        """Where the body names the report's year (see lawlint.model.dates.year_evidence): the
        report year and several year rules read it."""
        from .dates import year_evidence

        return year_evidence(self)

    @cached_property
    def body_end_line(self) -> int:
        """The last line of the body: before the signature block and trailing residue."""
        return self.signature.body_end


def _paragraph_line(paragraph: Paragraph) -> int:
    return paragraph.line


def _line_starts(lines: list[str]) -> list[int]:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


def parse_document(source: Source, profile: Profile) -> Document:
    doc = Document(source, profile)
    doc.report_end = _report_end(doc)
    doc.page_marks = page_marks(doc.lines[: doc.report_end])
    seen: dict[str, ParsedHeading | None] = {}  # each distinct line is parsed once
    in_table = _table_lines(source)
    parsed = {n: p for n, text in enumerate(doc.lines[: doc.report_end], 1)
              if n not in in_table and n not in doc.page_marks
              and (p := seen[text] if text in seen else seen.setdefault(text, _heading(doc, text)))}
    doc.title, doc.addressee_line = detect_title(doc, first_heading=min(parsed, default=None))
    skip = set(doc.title.lines if doc.title else ()) | {doc.addressee_line}
    if doc.title and doc.title.organ_line:
        skip.add(doc.title.organ_line)
    doc.outline = build_outline(
        [(n, doc.lines[n - 1], p) for n, p in parsed.items() if n not in skip], doc.report_end
    )
    doc.paragraphs = list(_paragraphs(doc, skip))
    return doc


def _heading(doc: Document, text: str) -> ParsedHeading | None:
    """The line's heading, if it is one: page residue never is (3、滇ICP备…号 is a footer)."""
    heading = parse_heading(text)
    return heading if heading is not None and not doc.is_residue_line(text) else None


def _table_lines(source: Source) -> frozenset[int]:
    """The lines of a Word file's table cells: read for figures, never headings."""
    if source.docx is None:
        return frozenset()
    return frozenset(p.line for p in source.docx.paragraphs if p.in_table)


def _report_end(doc: Document) -> int:
    """The last line before an attachment (a line that is only 附件 or 附件1), else the last."""
    marker = doc.vocabulary.attachment_marker
    for number, text in enumerate(doc.lines[1:], 2):
        if marker.fullmatch(text.strip()):
            return number - 1
    return len(doc.lines)


def _paragraphs(doc: Document, skip: set[int | None]) -> Iterator[Paragraph]:
    by_line = {h.line: h for h in doc.headings}
    current: Heading | None = None
    for number, text in enumerate(doc.lines[: doc.report_end], 1):
        if number in skip:
            continue
        heading = by_line.get(number)
        if heading is not None:
            current = heading
            if heading.body.strip():
                yield Paragraph(number, heading.body, doc.offset(number, heading.body_start),
                                heading)
            continue
        if text.strip():
            indent = doc.page_marks[number][1] if number in doc.page_marks else lead_length(text)
            yield Paragraph(number, text[indent:].rstrip(), doc.offset(number, indent), current)


def detect_title(doc: Document, first_heading: int | None) -> tuple[Title | None, int | None]:
    """The title (maybe wrapped, maybe under an organ line) and an addressee line."""
    vocab = doc.vocabulary
    limit = first_heading or len(doc.lines) + 1
    # page residue above the title (a breadcrumb, 搜索, 日期:…) is passed over
    candidates = [n for n in range(1, limit)
                  if doc.lines[n - 1].strip() and not doc.is_residue_line(doc.lines[n - 1])][:6]
    if not candidates:
        return None, None
    first = candidates[0]
    organ_line = organ = None
    if _is_organ_line(doc.lines[first - 1], vocab) and len(candidates) > 1 and _is_title_line(
        doc.lines[candidates[1] - 1], vocab
    ):
        organ_line, organ = first, _content(doc.lines[first - 1])
        candidates = candidates[1:]
    head = candidates[0]
    text = _content(doc.lines[head - 1])
    lines = [head]
    if len(candidates) > 1 and candidates[1] == head + 1:
        tail = _content(doc.lines[head])
        # a title wrapped onto a short second line that ends it: 关于…建设 / 情况的报告
        wrapped = not text.endswith(vocab.title_words) and tail.endswith(vocab.title_words)
        if wrapped and len(tail) <= 20 and _is_title_line(text + tail, vocab):
            lines.append(head + 1)
            text += tail
    if not _is_title_line(text, vocab) or _is_addressee(text, vocab):
        return None, _addressee(doc, candidates, vocab)
    title = _own_copy(doc, Title(lines, text, organ_line, organ), vocab)
    addressee = _addressee(doc, [n for n in candidates if n > title.lines[-1]], vocab)
    return title, addressee


def _own_copy(doc: Document, page: Title, vocab: DocumentVocabulary) -> Title:
    """The document's own title when the page printed its title above it (maybe in another
    shape: on one line, then under the organ or wrapped); the page's copy is then residue."""
    copy = title_copy_below(doc.lines, page, doc.is_residue_line)
    if copy is None:
        return page
    first, last = copy
    own = [n for n in range(first, last + 1) if doc.lines[n - 1].strip()]
    page_copy = (min(page.lines + [page.organ_line or page.lines[0]]), page.lines[-1])
    if len(own) == 2 and _is_organ_line(doc.lines[own[0] - 1], vocab) and not _is_title_line(
        doc.lines[own[0] - 1], vocab
    ):
        return Title([own[1]], _content(doc.lines[own[1] - 1]), own[0],
                     _content(doc.lines[own[0] - 1]), page_copy)
    return Title(own, "".join(_content(doc.lines[n - 1]) for n in own), page_copy=page_copy)


def _content(line: str) -> str:
    """A line without its layout: indentation, a Markdown ``#`` prefix, trailing blanks."""
    return line[lead_length(line):].strip()


def _is_title_line(line: str, vocab: DocumentVocabulary) -> bool:
    text = _content(line)
    return (
        0 < len(text) <= vocab.title_max_length
        and any(word in text for word in vocab.title_words)
        and not any(c in text for c in vocab.sentence_end)
        and parse_heading(text) is None
    )


def _is_organ_line(line: str, vocab: DocumentVocabulary) -> bool:
    text = _content(line)
    return 0 < len(text) <= 30 and text.endswith(vocab.organ_suffixes)


def _is_addressee(line: str, vocab: DocumentVocabulary) -> bool:
    text = _content(line)
    # 县委全面依法治县委员会： or 县委、县人民政府： (organs listed with 、), but not an opening
    # such as 现将有关情况报告如下： or 2024年，我镇主要开展了以下工作：
    breaks = (vocab.clause_end + vocab.sentence_end).replace("、", "")
    return (
        0 < len(text) <= vocab.addressee_max_length
        and text.endswith(("：", ":"))
        and not any(word in text for word in vocab.opening_words)
        and not any(c.isdigit() for c in text)
        and not any(c in text[:-1] for c in breaks)
    )


def _addressee(doc: Document, candidates: list[int], vocab: DocumentVocabulary) -> int | None:
    if candidates and _is_addressee(doc.lines[candidates[0] - 1], vocab):
        return candidates[0]
    return None
