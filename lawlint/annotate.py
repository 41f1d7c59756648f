"""``--annotate``: a copy of a Word file with one comment per finding, as a reviewer marks up a
draft.

Each comment (author ``lawlint``, initials ``LL``, text ``LL302 化解率应为…``) is anchored on the
finding's span: runs are split at the span's edges (each half keeps the run's formatting), a
``w:commentRangeStart`` goes before the first run, a ``w:commentRangeEnd`` and a run holding the
``w:commentReference`` after the last. None of these display text, so the copy reads exactly as
the original. A span Word shows no run for (inside an automatic-numbering label, an empty span of
a missing part, a position past the text) is anchored on the nearest run of its paragraph; an
empty paragraph gets the markers themselves. python-docx adds the comments part with its content
type and relationship. Imported only when a Word file is annotated.
"""

from __future__ import annotations

import io
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .readers.docx import DocxBody, DocxParagraph, displayed_text, is_skipped
from .readers.numbering import W
from .readers.targets import ANNOTATED_SUFFIX
from .rules import Finding

AUTHOR, INITIALS = "lawlint", "LL"
COPY_SUFFIX = ANNOTATED_SUFFIX
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

Position = tuple[int, int]  # (paragraph line, column after the label, 0-based)


@dataclass(frozen=True, slots=True)
class Piece:
    """Displayed text of one <w:r>: its paragraph line and (start, end) columns after the label."""

    line: int
    start: int
    end: int
    element: Any


def copy_name(name: str) -> str:
    """``报告.docx`` → ``报告.lawlint.docx`` (an old format converted for linting gives a .docx)."""
    stem = Path(name).stem if Path(name).suffix else name
    return stem + COPY_SUFFIX


def comment_text(finding: Finding) -> str:
    return f"{finding.rule} {finding.message}"


def annotated_docx(body: DocxBody, findings: Sequence[Finding]) -> bytes:
    """The document with a comment per finding, as the bytes of a .docx. ``body`` is changed:
    call this once its lint is over."""
    if not body.paragraphs:  # comments need a paragraph; an empty one displays nothing
        _add_empty_paragraph(body)
    spans = [_span(body, finding) for finding in findings]
    pieces = _split_at(body, spans)
    keys = [(piece.line, piece.start) for piece in pieces]
    end_keys = [(piece.line, piece.end) for piece in pieces]
    for finding, (start, end) in zip(findings, spans, strict=True):
        comment = body.document.comments.add_comment(comment_text(finding), AUTHOR, INITIALS)
        first = bisect_right(end_keys, start)  # the first run ending after the span's start
        last = bisect_left(keys, end) - 1  # the last run starting before the span's end
        if start < end and first <= last:
            _mark(pieces[first].element, pieces[last].element, comment.comment_id)
        else:
            _mark_nearest(body, pieces, keys, start, comment.comment_id)
    out = io.BytesIO()
    body.document.save(out)
    return out.getvalue()


# --- positions ------------------------------------------------------------------------------
def _span(body: DocxBody, finding: Finding) -> tuple[Position, Position]:
    return (_position(body, finding.line, finding.column),
            _position(body, finding.end_line, finding.end_column))


def _position(body: DocxBody, line: int, column: int) -> Position:
    """A finding's 1-based line and column as a paragraph and a column of its runs (negative
    inside the label); lines outside the body are clamped to its first or last paragraph."""
    last = len(body.paragraphs)
    if line < 1:
        return (1, -1 - len(body.paragraphs[0].label))
    if line > last:
        return (last, 1 << 62)
    return (line, column - 1 - len(body.paragraphs[line - 1].label))


# --- splitting runs at the spans' edges ----------------------------------------------------
def _split_at(body: DocxBody, spans: list[tuple[Position, Position]]) -> list[Piece]:
    """Every run of the body as a Piece, in document order, split at each span's edges."""
    cuts: dict[int, set[int]] = {}
    for start, end in spans:
        if start < end:
            for line, column in (start, end):
                cuts.setdefault(line, set()).add(column)
    pieces: list[Piece] = []
    for paragraph in body.paragraphs:
        pieces.extend(_paragraph_pieces(paragraph, sorted(cuts.get(paragraph.line, ()))))
    return pieces


def _paragraph_pieces(paragraph: DocxParagraph, cuts: list[int]) -> list[Piece]:
    pieces: list[Piece] = []
    for start, end, element in paragraph.runs:
        if element is None:
            continue
        inside = [cut for cut in cuts if start < cut < end]
        for cut in reversed(inside):  # split from the right: the left part keeps its columns
            second = _split_run(element, cut - start, end - start)
            if second is not None:
                pieces.append(Piece(paragraph.line, cut, end, second))
                end = cut
        pieces.append(Piece(paragraph.line, start, end, element))
    pieces.sort(key=lambda piece: piece.start)
    return pieces


def _split_run(run: Any, at: int, length: int) -> Any | None:
    """Split <w:r> ``run`` (``length`` displayed characters) after ``at`` of them: the run keeps
    the text before, a copy placed after it (same w:rPr, same attributes) holds the rest. None
    when its content does not count up as the reader counted it (then the whole run anchors)."""
    children = [child for child in run if child.tag != W + "rPr"]
    lengths = [_length(child) for child in children]
    if None in lengths or sum(lengths) != length:
        return None
    index, count = 0, 0
    while count + lengths[index] <= at:  # the child the cut falls in (or just before)
        count += lengths[index]
        index += 1
    offset = at - count  # > 0 only inside a <w:t>, the one child showing several characters
    second = deepcopy(run)
    copies = [child for child in second if child.tag != W + "rPr"]
    if offset:
        text = children[index].text or ""
        _set_text(children[index], text[:offset])
        _set_text(copies[index], text[offset:])
    for child in children[index + (1 if offset else 0):]:
        run.remove(child)
    for child in copies[:index]:
        second.remove(child)
    run.addnext(second)
    return second


def _length(child: Any) -> int | None:
    """Displayed characters of a run's child, counted as the reader counts them."""
    tag = child.tag
    if is_skipped(tag) or tag == W + "fldChar":
        return 0
    text = displayed_text(child, tag)
    return None if text is None else len(text)


def _set_text(element: Any, text: str) -> None:
    element.text = text
    element.set(_XML_SPACE, "preserve")


# --- markers --------------------------------------------------------------------------------
def _mark(first: Any, last: Any, comment_id: int) -> None:
    """Range start before ``first``, range end and the reference run after ``last``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    first.addprevious(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)}))
    last.addnext(_reference_run(comment_id))
    last.addnext(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)}))


def _mark_nearest(body: DocxBody, pieces: list[Piece], keys: list[Position], at: Position,
                  comment_id: int) -> None:
    """A span with no run in it: the run of its paragraph at (or else after, or else before)
    the position; an empty paragraph holds the markers alone."""
    line, column = at
    low, high = bisect_left(keys, (line, -(1 << 62))), bisect_left(keys, (line + 1, -(1 << 62)))
    if low == high:
        _mark_paragraph(body.paragraphs[line - 1].element, comment_id)
        return
    index = bisect_right(keys, at, low, high) - 1  # the last run starting at or before it
    if index < low or pieces[index].end <= column:
        index = min(index + 1, high - 1) if index >= low else low
    _mark(pieces[index].element, pieces[index].element, comment_id)


def _mark_paragraph(paragraph: Any, comment_id: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph.find(W + "pPr")
    index = 0 if properties is None else paragraph.index(properties) + 1
    attrs = {qn("w:id"): str(comment_id)}
    for offset, element in enumerate((OxmlElement("w:commentRangeStart", attrs=attrs),
                                      OxmlElement("w:commentRangeEnd", attrs=attrs),
                                      _reference_run(comment_id))):
        paragraph.insert(index + offset, element)


def _reference_run(comment_id: int) -> Any:
    """The run Word shows the comment's mark in; it displays no text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    return run


def _add_empty_paragraph(body: DocxBody) -> None:
    from docx.oxml import OxmlElement

    element = OxmlElement("w:p")
    root = body.document.element.body
    section = root.find(W + "sectPr")
    if section is not None:
        section.addprevious(element)
    else:
        root.append(element)
    body.paragraphs.append(DocxParagraph(1, element, "", False, None))
