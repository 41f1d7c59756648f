"""Stage 2b, parse: a tolerant outline tree built from the heading markers.

Real reports skip, repeat and drop numbers, and sometimes nest levels against the GB/T 9704
order; the builder never fails and records what it saw, so the rules can judge it.

Nesting is inferred the way a reader does it: a marker of a level already open closes back to
that level (a sibling); a new level opens below the current heading when its list starts at 1
(the author began a sub-list), otherwise it closes deeper levels first. A list that starts at 1
below a deeper heading and goes on there (（一）… 一、… 二、… or …（二）) is a sub-list written
with the wrong level's markers, even though that level is already open further up.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..regexes import compiled
from .grammar import BOLD, Marker, ParsedHeading

# A run-in heading ends at its first sentence end, or at a colon that introduces its text
# (1. 执法水平有待提升：部分人员……).
_RUN_IN_END = compiled("[。！？!?：:]")


class Heading:
    __slots__ = ("line", "marker", "level", "title", "title_start", "body", "body_start", "parent",
                 "children", "end_line")
    line: int
    marker: Marker
    level: int  # the marker's GB/T 9704 level; an unnumbered （） takes one from context
    title: str  # the heading text up to the end of its first sentence
    title_start: int  # 0-based column of the title
    body: str  # run-in text after the title sentence (（一）加强队伍建设。加大…)
    body_start: int
    parent: Heading | None
    children: list[Heading]
    end_line: int  # last line of this heading's section, subsections included

    def __init__(self, line: int, marker: Marker, level: int, title: str, title_start: int,
                 body: str, body_start: int) -> None:
        self.line = line
        self.marker = marker
        self.level = level
        self.title = title
        self.title_start = title_start
        self.body = body
        self.body_start = body_start
        self.parent = None
        self.children = []
        self.end_line = 0

    @property
    def value(self) -> int | None:
        return self.marker.value

    def walk(self) -> Iterator[Heading]:
        yield self
        for child in self.children:
            yield from child.walk()


class Outline:
    __slots__ = ("children", "headings")
    children: list[Heading]  # top-level headings
    headings: list[Heading]  # every heading, document order

    def __init__(self) -> None:
        self.children = []
        self.headings = []

    def sibling_groups(self) -> Iterator[list[Heading]]:
        """Each parent's children (the top level included) split by level."""
        parents: list[list[Heading]] = [self.children] + [h.children for h in self.headings]
        for children in parents:
            levels: dict[int, list[Heading]] = {}
            for child in children:
                levels.setdefault(child.level, []).append(child)
            yield from levels.values()


def make_heading(line: int, text: str, parsed: ParsedHeading, level: int) -> Heading:
    rest = parsed.rest
    end = _RUN_IN_END.search(rest)
    if end is None or not rest[end.end() :].strip():
        title, body = rest.rstrip(), ""
    else:
        title, body = rest[: end.end()], rest[end.end() :]
    body_start = parsed.rest_start + len(title)
    if text.startswith(BOLD, parsed.marker.start - len(BOLD)) and parsed.marker.start:
        # **一、主要举措** or **（一）加强学习。**正文……: the closing ** is no part of either
        title = title.removesuffix(BOLD)
        if body.startswith(BOLD):
            body, body_start = body[len(BOLD):], body_start + len(BOLD)
    body_lead = len(body) - len(body.lstrip())
    return Heading(
        line=line,
        marker=parsed.marker,
        level=level,
        title=title,
        title_start=parsed.rest_start,
        body=body.strip(),
        body_start=body_start + body_lead,
    )


def build_outline(lines: list[tuple[int, str, ParsedHeading]], last_line: int) -> Outline:
    """The outline of ``lines`` ((line number, text, parsed marker), in document order)."""
    outline = Outline()
    stack: list[Heading] = []
    for index, (number, text, parsed) in enumerate(lines):
        level = parsed.marker.level
        if level is None:
            level = _unnumbered_level(stack)
        heading = make_heading(number, text, parsed, level)
        following = lines[index + 1][2].marker if index + 1 < len(lines) else None
        if not _nested_sublist(heading, stack, following):
            _place(heading, stack)
        (stack[-1].children if stack else outline.children).append(heading)
        heading.parent = stack[-1] if stack else None
        stack.append(heading)
        outline.headings.append(heading)
    _set_section_ends(outline.headings, last_line)
    return outline


def _unnumbered_level(stack: list[Heading]) -> int:
    """（） could be level 2 or 4: the deepest of those open, else 2."""
    for heading in reversed(stack):
        if heading.level in (2, 4):
            return heading.level
    return 2


def _nested_sublist(heading: Heading, stack: list[Heading], following: Marker | None) -> bool:
    """一、 right below （一） with 二、 (or （二）) next: a sub-list of （一） numbered with the
    wrong level's markers, not a restart of the top level (which would have its own （一） next)."""
    if heading.value != 1 or not stack or stack[-1].level <= heading.level or following is None:
        return False
    if not any(open_.level == heading.level for open_ in stack):
        return False  # no clash: _place opens the sub-list below anyway
    top = stack[-1]
    return (following.level == heading.level and following.value == 2) or (
        following.level == top.level and top.value is not None
        and following.value == top.value + 1)


def _place(heading: Heading, stack: list[Heading]) -> None:
    """Pop ``stack`` so that its top is the new heading's parent."""
    if any(open_.level == heading.level for open_ in stack):
        while stack[-1].level != heading.level:
            stack.pop()
        stack.pop()
        return
    starts_sublist = heading.value in (1, None)
    if not starts_sublist:
        while stack and stack[-1].level > heading.level:
            stack.pop()


def _set_section_ends(headings: list[Heading], last_line: int) -> None:
    """A section ends where the next heading outside it begins. A heading's descendants follow
    it without a break (the builder never reopens a closed heading), so the open sections form
    one chain of ancestors: a new heading closes every open one that is not its parent."""
    open_: list[Heading] = []
    for heading in headings:
        while open_ and open_[-1] is not heading.parent:
            open_.pop().end_line = heading.line - 1
        open_.append(heading)
    for heading in open_:
        heading.end_line = last_line
