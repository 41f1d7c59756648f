"""Applying the certain fixes that findings carry (see Finding.fix)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from .regexes import compiled
from .rules import Edit, Finding

_LINE_END = compiled(r"\r\n|\r|\n")


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """``text`` with every non-overlapping fix applied, and how many fixes were applied."""
    edits, count = choose_edits(findings)
    return apply_edits(text, edits), count


def choose_edits(findings: Iterable[Finding]) -> tuple[list[Edit], int]:
    """The edits of every fix that overlaps no earlier one (sorted), and how many fixes.

    Fixes are applied whole or not at all; a fix overlapping an earlier one waits for the
    next pass (the CLI re-lints until nothing changes).
    """
    chosen: list[tuple[Edit, ...]] = []
    taken = _Taken()
    for finding in sorted((f for f in findings if f.fix), key=lambda f: f.fix.edits[0].start):
        edits = tuple(sorted(finding.fix.edits, key=lambda e: e.start))
        if any(taken.overlaps(e) for e in edits):
            continue
        chosen.append(edits)
        for edit in edits:
            taken.add(edit)
    return sorted((e for edits in chosen for e in edits), key=lambda e: e.start), len(chosen)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with sorted, non-overlapping ``edits`` applied."""
    pieces, cursor = [], 0
    for edit in edits:
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def raw_edits(raw: str, edits: list[Edit], newline: str) -> list[Edit]:
    """``edits`` of the normalised text, moved onto ``raw``, the same text with its own line ends.

    Normalising only turns "\\r\\n" into "\\n" (and "\\r" into "\\n", same length), so an offset
    moves right by the CRLFs before it. A "\\n" an edit inserts takes the line end of the line
    it lands in (``newline`` on a last line without one).
    """
    crlf_at = [m.start() - i for i, m in enumerate(re.finditer("\r\n", raw))]  # normalised

    def moved(offset: int) -> int:
        return offset + bisect.bisect_left(crlf_at, offset)

    moved_edits = []
    for edit in edits:
        start = moved(edit.start)
        text = edit.text
        if "\n" in text:
            end_of_line = _LINE_END.search(raw, start)
            text = text.replace("\n", end_of_line.group() if end_of_line else newline)
        moved_edits.append(Edit(start, moved(edit.end), text))
    return moved_edits


class _Taken:
    """The spans of the edits chosen so far: disjoint, kept in order, so that whether a new
    edit overlaps one is a binary search (a scan of all of them made a large --fix quadratic)."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []  # (start, end), in order; ends grow too
        self._insertions: set[int] = set()  # where an empty edit inserts text

    def overlaps(self, edit: Edit) -> bool:
        # the last span starting before the edit ends has the largest end of those spans
        index = bisect.bisect_left(self._spans, (edit.end, -1)) - 1
        return (index >= 0 and edit.start < self._spans[index][1]) or \
            edit.start in self._insertions

    def add(self, edit: Edit) -> None:
        bisect.insort(self._spans, (edit.start, edit.end))
        if edit.start == edit.end:
            self._insertions.add(edit.start)
