"""Stage 3, document model: the pieces of text every stage reads, below the document.

Spans, paragraphs, sentences, the title and the document vocabulary (checks/document.yaml) live
here rather than in document.py, so that the stages the document builds (dates, figures,
residue, signature …) can name them without importing the document: only the document imports
the stages.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import t
from .outline import Heading
from .packs import Shape, load_pack


class Span:
    """1-based line and column; ``end_column`` is exclusive. Columns count characters."""

    __slots__ = ("line", "column", "end_line", "end_column")
    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column


class Paragraph:
    """A run of body text on one line: a plain line, or the text after a run-in heading."""

    __slots__ = ("line", "text", "offset", "heading")
    line: int
    text: str
    offset: int  # offset of text[0] in Document.text
    heading: Heading | None  # the innermost heading it stands under

    def __init__(self, line: int, text: str, offset: int, heading: Heading | None) -> None:
        self.line = line
        self.text = text
        self.offset = offset
        self.heading = heading


class Sentence:
    __slots__ = ("text", "offset", "paragraph")
    text: str
    offset: int
    paragraph: Paragraph

    def __init__(self, text: str, offset: int, paragraph: Paragraph) -> None:
        self.text = text
        self.offset = offset
        self.paragraph = paragraph


class DocumentVocabulary:
    """What checks/document.yaml says: made once, never changed."""

    __slots__ = ("title_words", "organ_suffixes", "title_max_length", "addressee_max_length",
                 "opening_words", "attachment_marker", "run_in_heading", "sentence_end",
                 "clause_end")
    title_words: tuple[str, ...]
    organ_suffixes: tuple[str, ...]
    title_max_length: int
    addressee_max_length: int
    opening_words: tuple[str, ...]
    attachment_marker: re.Pattern[str]
    run_in_heading: re.Pattern[str]
    sentence_end: str
    clause_end: str

    def __init__(self, title_words: tuple[str, ...], organ_suffixes: tuple[str, ...],
                 title_max_length: int, addressee_max_length: int,
                 opening_words: tuple[str, ...], attachment_marker: re.Pattern[str],
                 run_in_heading: re.Pattern[str], sentence_end: str, clause_end: str) -> None:
        self.title_words = title_words
        self.organ_suffixes = organ_suffixes
        self.title_max_length = title_max_length
        self.addressee_max_length = addressee_max_length
        self.opening_words = opening_words
        self.attachment_marker = attachment_marker
        self.run_in_heading = run_in_heading
        self.sentence_end = sentence_end
        self.clause_end = clause_end


@lru_cache(maxsize=1)
def document_vocabulary() -> DocumentVocabulary:
    data = load_pack("document.yaml")
    shape = Shape("checks/document.yaml")
    keys = {"title-words": True, "organ-suffixes": True, "title-max-length": True,
            "addressee-max-length": True, "opening-words": True, "attachment-marker": True,
            "run-in-heading": True, "sentence-end": True, "clause-end": True}
    shape.mapping(data, "document.yaml", keys)
    return DocumentVocabulary(
        tuple(shape.texts(data["title-words"], "title-words")),
        tuple(sorted(shape.texts(data["organ-suffixes"], "organ-suffixes"), key=len, reverse=True)),
        int(shape.number(data["title-max-length"], "title-max-length")),
        int(shape.number(data["addressee-max-length"], "addressee-max-length")),
        tuple(shape.texts(data["opening-words"], "opening-words")),
        shape.pattern(data["attachment-marker"], "attachment-marker"),
        shape.pattern(data["run-in-heading"], "run-in-heading", t("标题", "the title")),
        shape.text(data["sentence-end"], "sentence-end"),
        shape.text(data["clause-end"], "clause-end"),
    )


class Title:
    __slots__ = ("lines", "text", "organ_line", "organ", "page_copy")
    lines: list[int]  # 1-based lines the title occupies (two when it wraps)
    text: str
    organ_line: int | None  # an organ line printed above the title
    organ: str | None
    # the page's own copy of the title printed above the document's (first and last line): residue
    page_copy: tuple[int, int] | None

    def __init__(self, lines: list[int], text: str, organ_line: int | None = None,
                 organ: str | None = None, page_copy: tuple[int, int] | None = None) -> None:
        self.lines = lines
        self.text = text
        self.organ_line = organ_line
        self.organ = organ
        self.page_copy = page_copy
