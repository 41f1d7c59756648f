"""Applying the certain fixes that findings carry (see Finding.fix)."""

from __future__ import annotations

from collections.abc import Iterable

from .rules import Edit, Finding


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """``text`` with every non-overlapping fix applied, and how many fixes were applied.

    Fixes are applied whole or not at all; a fix overlapping an earlier one waits for the
    next pass (the CLI re-lints until nothing changes).
    """
    chosen: list[tuple[Edit, ...]] = []
    taken: list[tuple[int, int]] = []
    for finding in sorted((f for f in findings if f.fix), key=lambda f: f.fix.edits[0].start):
        edits = tuple(sorted(finding.fix.edits, key=lambda e: e.start))
        if any(_overlaps(e, taken) for e in edits):
            continue
        chosen.append(edits)
        taken.extend((e.start, e.end) for e in edits)
    pieces, cursor = [], 0
    for edit in sorted((e for edits in chosen for e in edits), key=lambda e: e.start):
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), len(chosen)


def _overlaps(edit: Edit, taken: list[tuple[int, int]]) -> bool:
    return any(edit.start < end and start < edit.end or edit.start == start == end
               for start, end in taken)
