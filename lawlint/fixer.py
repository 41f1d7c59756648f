"""Applying the certain fixes that findings carry (see Finding.fix)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from .rules import Edit, Finding


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """``text`` with every non-overlapping fix applied, and how many fixes were applied.

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
    pieces, cursor = [], 0
    for edit in sorted((e for edits in chosen for e in edits), key=lambda e: e.start):
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), len(chosen)


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
