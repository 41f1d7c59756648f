"""Stage 3, document model: the signature block (发文机关署名 and 成文日期) at the end of the body.

Read from the bottom up: trailing web residue (扫一扫…, 来源：…), the notes GB/T 9704 prints
below the date ((此件公开发布), 抄送：…, …印发) and blank lines are set aside, then a date line and
the organ lines above it, indented or right-aligned with spaces or not:

                                        青石镇人民政府（盖章）
                                        2025年1月20日

Whatever stands above the block is the body; ``body_end`` is its last line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from ..regexes import compiled
from .dates import BLANKS, DatedText, DateMention, line_dates, time_vocabulary
from .packs import alternation, words_pattern
from .residue import TitledLines, residue_test

_NO_ORGAN = "《》“”\"()（）"  # an organ name carries no quotes or titles (seal notes are cut)
_YEAR_START = compiled("[0-9０-９〇○]|[一二三四五六七八九]{4}年")
_DATE_END = "。.．"  # a full stop typed after the signing date
_BLANK_DATE = compiled(f"(?:[0-9０-９]{{4}}[{BLANKS}]*)?年[{BLANKS}]+月[{BLANKS}]+日")


class OrganLine:
    __slots__ = ("line", "start", "end", "name")
    line: int
    start: int  # offsets in Document.text of the organ as written (seal note excluded)
    end: int
    name: str  # spaces removed: 青 石 镇 人 民 政 府 reads 青石镇人民政府

    def __init__(self, line: int, start: int, end: int, name: str) -> None:
        self.line = line
        self.start = start
        self.end = end
        self.name = name


class Signature:
    __slots__ = ("organs", "date", "lines", "body_end", "residue", "bare_place")
    organs: tuple[OrganLine, ...]
    date: DateMention | None
    lines: tuple[int, ...]  # the block's non-blank lines
    body_end: int  # last line of the body (0: none)
    residue: tuple[int, ...]  # trailing residue lines set aside
    # a place name alone where the organ belongs (柳河镇 for 柳河镇人民政府): an incomplete organ
    bare_place: OrganLine | None

    def __init__(self, organs: tuple[OrganLine, ...], date: DateMention | None,
                 lines: tuple[int, ...], body_end: int, residue: tuple[int, ...],
                 bare_place: OrganLine | None = None) -> None:
        self.organs = organs
        self.date = date
        self.lines = lines
        self.body_end = body_end
        self.residue = residue
        self.bare_place = bare_place

    @property
    def found(self) -> bool:
        return bool(self.organs or self.date)


class SignedText(DatedText, TitledLines, Protocol):
    """What this stage reads of a document (a Document is one): what the date and residue
    readers read, where the report ends (before any attachment) and the addressee's line."""

    report_end: int
    addressee_line: int | None


def read_signature(doc: SignedText) -> Signature:
    floor = _top_matter_end(doc)
    last, residue, notes = _trailing_residue(doc, floor)
    organs, date, block, above, bare = _read_block(doc, floor, last)
    if not block:
        notes = []  # notes under no signature are not part of one
    return Signature(tuple(organs), date, tuple(sorted(block + notes)), max(above, floor),
                     residue, bare)


def _trailing_residue(doc: SignedText, floor: int
                      ) -> tuple[int, tuple[int, ...], list[int]]:
    """The last line above the trailing blanks, residue and notes; the residue lines; the
    note lines."""
    last, residue, notes = doc.report_end, [], []
    is_residue = residue_test(doc)
    while last > floor:
        text = doc.lines[last - 1]
        if not text.strip(BLANKS):
            pass
        elif is_residue(last):
            residue.append(last)
        elif _is_note(text):
            notes.append(last)
        else:
            break
        last -= 1
    return last, tuple(sorted(residue)), notes


def _is_note(text: str) -> bool:
    """A note printed below the signing date: (此件公开发布), 抄送：…, …2025年1月20日印发."""
    vocab = time_vocabulary()
    compact = re.sub(f"[{BLANKS}]", "", text)
    return compact.startswith(vocab.note_starts) or compact.endswith(vocab.note_ends)


def _read_block(doc: SignedText, floor: int, last: int
                ) -> tuple[list[OrganLine], DateMention | None, list[int], int, OrganLine | None]:
    """Organs, date and lines of the block ending at ``last``, the first line above it, and a
    place name standing alone where the organ belongs."""
    bare: OrganLine | None = None
    organs: list[OrganLine] = []
    date: DateMention | None = None
    block: list[int] = []
    headings = {h.line for h in doc.headings}
    limit = time_vocabulary().max_organ_lines
    number = last
    while number > floor:
        text = doc.lines[number - 1]
        if not text.strip(BLANKS):
            number -= 1
            continue
        if number in headings:
            break
        compact = re.sub(f"[{BLANKS}]", "", text)
        if not organs and _seal(compact) == compact:
            block.append(number)  # （盖章） on a line of its own, under the organ
            number -= 1
            continue
        if not organs and date is None and _BLANK_DATE.fullmatch(text.strip(BLANKS)):
            block.append(number)  # 年  月  日 never filled in: the date's place, without a date
            number -= 1
            continue
        line_date = _date_line(text, line_dates(doc, number), doc.offset(number))
        organ = _organ(doc, number, text, line_date)
        if organ is None and not organs and (date is not None or line_date is not None):
            bare = _bare_place(doc, number, text, line_date)
        if line_date is not None and date is None and not organs and (
                organ is not None or bare is not None
                or line_date.start == doc.offset(number, _indent(text))):
            date = line_date  # the date alone, or after the organ on one line
            bare = bare if bare is not None and bare.end <= date.start else None
        elif organ is None and bare is None or len(organs) >= limit:
            break
        if organ is not None:
            organs.insert(0, organ)
        block.append(number)
        number -= 1
        if bare is not None:
            break  # nothing above a place name belongs to the block
    return organs, date, block, number, bare


def _bare_place(doc: SignedText, number: int, text: str,
                line_date: DateMention | None) -> OrganLine | None:
    """The place a line names and nothing else (柳河镇, before a date or alone)."""
    start, written = _written(doc, number, text, line_date)
    compact = re.sub(f"[{BLANKS}]", "", written)
    if not compact or len(compact) > 30 or "".join(place_units(compact)) != compact:
        return None
    return OrganLine(number, start, start + len(written), compact)


def _written(doc: SignedText, number: int, text: str,
             line_date: DateMention | None) -> tuple[int, str]:
    """Where a line's text starts (an offset in the document) and the text, up to the date
    that ends the line when ``line_date`` is given."""
    start = doc.offset(number, _indent(text))
    end = line_date.start if line_date is not None else doc.offset(number) + len(
        text.rstrip(BLANKS))
    return start, doc.text[start:end].rstrip(BLANKS)


def _top_matter_end(doc: SignedText) -> int:
    """The signature block can start only below the title and the addressee line."""
    lines = [0]
    if doc.title is not None:
        lines += doc.title.lines + ([doc.title.organ_line] if doc.title.organ_line else [])
    if doc.addressee_line:
        lines.append(doc.addressee_line)
    return max(lines)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(BLANKS))


def _date_line(text: str, mentions: list[DateMention], line_start: int) -> DateMention | None:
    """The date that ends the line (2024年1月29日 alone, or after an organ on one line).

    An incomplete date (2024年, 2024年1月, 1月29日) is still the signing date, and so is one
    followed by a stray full stop (2024年1月29日。): LL504 judges them.
    """
    if not mentions:
        return None
    mention = mentions[-1]
    content_end = line_start + len(text.rstrip(BLANKS).rstrip(_DATE_END).rstrip(BLANKS))
    if mention.end != content_end or mention.kind != "date":
        return None
    if mention.year is None and mention.day is None:
        return None
    return mention


def _organ(doc: SignedText, number: int, text: str,
           line_date: DateMention | None) -> OrganLine | None:
    """The organ a line names (with a date after it when ``line_date`` is given)."""
    start, written = _written(doc, number, text, line_date)
    name = organ_name(written, doc.vocabulary.organ_suffixes, doc.vocabulary.sentence_end
                      + doc.vocabulary.clause_end)
    if name is None:
        return None
    seal = _seal(re.sub(f"[{BLANKS}]", "", written))
    cut = len(written)
    if seal:  # the organ's span stops before the seal note
        compact = 0
        for index, char in enumerate(written):
            if char not in BLANKS:
                compact += 1
            if compact == len(name):
                cut = index + 1
                break
    return OrganLine(number, start, start + cut, name)


def _seal(compact: str) -> str:
    return next((s for s in time_vocabulary().seals if compact.endswith(s)), "")


def organ_name(written: str, suffixes: tuple[str, ...], punctuation: str) -> str | None:
    """青石镇人民政府 from a line holding just an organ (maybe spaced out, maybe sealed)."""
    compact = re.sub(f"[{BLANKS}]", "", written)
    seal = _seal(compact)
    name = compact[: len(compact) - len(seal)] if seal else compact
    if not 2 < len(name) <= 30 or any(c in name for c in punctuation + _NO_ORGAN):
        return None
    suffix = next((s for s in suffixes if name.endswith(s)), None)
    if suffix is None or len(name) == len(suffix):
        return None
    return name


# --- places: 中共青石镇委员会 and 青石镇人民政府 are the same place ------------------------------------
@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    suffixes = alternation(time_vocabulary().place_suffixes)
    return compiled(f"[\u4e00-\u9fff]{{1,8}}?(?:{suffixes})")


def place_units(name: str) -> list[str]:
    """The places an organ name starts with, outermost first: 连江县敖江镇人民政府 →
    [连江县, 敖江镇]; [] when it names none (全县, 司法局)."""
    vocab = time_vocabulary()
    text = re.sub(f"[{BLANKS}]", "", name)
    for prefix in vocab.party_prefixes:
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    units, position = [], 0
    while (match := _place_pattern().match(text, position)) is not None:
        end = match.end()
        # 万州区: the shortest match stops at 州; a suffix right after belongs to the same name
        while (more := next((s for s in vocab.place_suffixes if text.startswith(s, end)), None)):
            end += len(more)
        unit = text[position:end]
        if unit.startswith(vocab.not_place_starts):
            break
        units.append(unit)
        position = end
    return units


def title_place(doc: SignedText) -> str | None:
    """The innermost place the title names: its organ line, else the text before 关于 or the
    first year (连江县敖江镇2023年…报告 → 敖江镇); None when it names no place."""
    if doc.title is None:
        return None
    if doc.title.organ:
        head = doc.title.organ
    else:
        head = doc.title.text[:_title_head_end(doc.title.text)]
    organ_end = words_pattern(doc.vocabulary.organ_suffixes).search(head)
    units = place_units(head[: organ_end.end()] if organ_end else head)
    return units[-1] if units else None



def organ_of_place(place: str) -> str:
    """The organ a place's government signs as: 青石镇 → 青石镇人民政府 (signature.place-organs)."""
    suffix = next((organ for end, organ in time_vocabulary().place_organs
                   if place.endswith(end)), "")
    return place + suffix


def expected_organ(doc: SignedText, place: str | None = None) -> str | None:
    """The organ the report should be signed by: the title's organ, else the government of
    ``place`` or of the title's place; None when neither names one."""
    if doc.title is not None:
        head = doc.title.organ or doc.title.text[:_title_head_end(doc.title.text)]
        organ = organ_name(head, doc.vocabulary.organ_suffixes, doc.vocabulary.sentence_end
                           + doc.vocabulary.clause_end) if head else None
        if organ is not None and not organ.startswith(time_vocabulary().not_place_starts):
            return organ
    place = place or title_place(doc)
    return organ_of_place(place) if place else None


def _title_head_end(text: str) -> int:
    """Where the title's organ ends: before 关于 or the first year."""
    return min((i for i in (text.find("关于"), _first_digit(text)) if i >= 0), default=len(text))


def _first_digit(text: str) -> int:
    match = _YEAR_START.search(text)
    return match.start() if match else -1
