"""Word's automatic numbering, rendered as Word renders it (ECMA-376 part 1, §17.9).

A numbered paragraph names a numbering instance (``w:num``) and a level, on itself or through
its style chain. The instance points at an abstract numbering (``w:abstractNum``) whose levels
give the format, the level text (``%1、``, ``（%2）``, ``%1.%2``), the start value and when the
level restarts; the instance may override a level's start or the whole level.

Counters are kept per abstract numbering, so instances sharing one continue each other, and an
instance with a start override restarts the levels it overrides when it is first used: that is
what Word and LibreOffice show. Where the two differ or LibreOffice lacks a format, Word wins:
``isLgl`` (LibreOffice 7.4 ignores it) and ``decimalFullWidth`` (7.4 prints ASCII digits).
The Chinese counting formats print ``十``, ``十一``, ``二十``, ``一百``, ``一百零一`` for 10, 11,
20, 100, 101, as LibreOffice does for chineseCounting, chineseCountingThousand, ideographDigital
and japaneseCounting alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..numerals import int_to_chinese
from ..regexes import compiled

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = compiled(r"%([1-9])")
# What the suffix after a label becomes in the text: a tab shows as a gap, which a typed
# heading (一、加强…) writes as nothing after punctuation and as a space after a word (第1章 总则).
_CLOSING = frozenset("、，,.．)）]】」』：:")


# --- number formats -------------------------------------------------------------------------
def _letters(value: int, base: str) -> str:
    """A…Z, then AA…ZZ, AAA…: the letter repeated once more for each round of the alphabet."""
    if value <= 0:
        return str(value)
    rounds, index = divmod(value - 1, 26)
    return chr(ord(base) + index) * (rounds + 1)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(value: int) -> str:
    if value <= 0:
        return str(value)
    parts = []
    for size, symbol in _ROMAN:
        count, value = divmod(value, size)
        parts.append(symbol * count)
    return "".join(parts)


def _enclosed(value: int) -> str:
    """①…⑳, ㉑…㉟, ㊱…㊿ (the circled numbers Unicode has), then plain digits."""
    for low, high, first in ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)):
        if low <= value <= high:
            return chr(first + value - low)
    return str(value)


def _series(first: int, size: int) -> Callable[[int], str]:
    """A format with ``size`` symbols from code point ``first`` (⑴…⒇), then plain digits."""
    return lambda value: chr(first + value - 1) if 1 <= value <= size else str(value)


def _cycle_of(symbols: str) -> Callable[[int], str]:
    """甲…癸 or 子…亥: one symbol per value while they last, then plain digits."""
    return lambda value: symbols[value - 1] if 1 <= value <= len(symbols) else str(value)


def _chinese(value: int) -> str:
    return int_to_chinese(value) if value >= 0 else str(value)


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda value: f"{value:02d}" if 0 <= value < 10 else str(value),
    "decimalFullWidth": lambda value: str(value).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda value: str(value).translate(_FULL_WIDTH),
    "decimalEnclosedCircle": _enclosed,
    "decimalEnclosedCircleChinese": _enclosed,
    "decimalEnclosedParen": _series(0x2474, 20),
    "decimalEnclosedFullstop": _series(0x2488, 20),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "ideographDigital": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "ideographTraditional": _cycle_of("甲乙丙丁戊己庚辛壬癸"),
    "ideographZodiac": _cycle_of("子丑寅卯辰巳午未申酉戌亥"),
    "upperLetter": lambda value: _letters(value, "A"),
    "lowerLetter": lambda value: _letters(value, "a"),
    "upperRoman": _roman,
    "lowerRoman": lambda value: _roman(value).lower(),
    "none": lambda value: "",
}


def format_number(value: int, fmt: str) -> str:
    """``value`` in the number format ``fmt`` (``w:numFmt``); an unknown format prints digits,
    as Word and LibreOffice do."""
    return FORMATS.get(fmt, str)(value)


# --- numbering definitions ------------------------------------------------------------------
@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None  # lvlRestart: None restarts after any higher level, 0 never
    legal: bool = False  # isLgl: every number in the text in decimal
    suffix: str = "tab"
    style: str | None = None  # the paragraph style this level belongs to (w:pStyle)


@dataclass(frozen=True)
class Instance:
    """A ``w:num``: its abstract numbering's levels with the instance's overrides applied."""

    abstract: str
    levels: dict[int, Level]
    restarts: frozenset[int]  # levels whose start the instance overrides


@dataclass
class Numbering:
    """The definitions of numbering.xml and the counters of the paragraphs seen so far."""

    instances: dict[str, Instance]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """The next label of level ``ilvl`` of instance ``num_id`` and its suffix (tab, space,
        nothing); ("", "nothing") when the instance or level is not defined."""
        instance = self.instances.get(num_id)
        if instance is None or ilvl not in instance.levels:
            return "", "nothing"
        counters = self.counters.setdefault(instance.abstract, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden in instance.restarts:
                counters.pop(overridden, None)
        self._count(instance, counters, ilvl)
        level = instance.levels[ilvl]
        return render_text(level, instance, counters), level.suffix

    @staticmethod
    def _count(instance: Instance, counters: dict[int, int], ilvl: int) -> None:
        """Advance level ``ilvl``; a higher level never used counts as at its start (so 1.1
        comes before 2.), and the lower levels restart as their lvlRestart says."""
        for higher in range(ilvl):
            if higher not in counters and higher in instance.levels:
                counters[higher] = instance.levels[higher].start
        level = instance.levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for lower, definition in instance.levels.items():
            if lower > ilvl and (definition.restart is None or ilvl < definition.restart):
                counters.pop(lower, None)

    def level_of_style(self, num_id: str, style_id: str) -> int:
        """The level linked to ``style_id`` (``w:lvl/w:pStyle``), else 0."""
        instance = self.instances.get(num_id)
        if instance is not None:
            for ilvl, level in instance.levels.items():
                if level.style == style_id:
                    return ilvl
        return 0


def render_text(level: Level, instance: Instance, counters: dict[int, int]) -> str:
    """The level text with each %N replaced by level N's current number in level N's format
    (in decimal under isLgl)."""

    def number(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        shown = instance.levels.get(index)
        if shown is None:
            return ""
        value = counters.get(index, shown.start)
        return str(value) if level.legal and shown.fmt != "none" else format_number(value,
                                                                                    shown.fmt)

    if level.fmt == "bullet":
        return "".join("•" if 0xF000 <= ord(c) <= 0xF0FF else c for c in level.text)
    return _PLACEHOLDER.sub(number, level.text)


def with_suffix(label: str, suffix: str) -> str:
    """The label as it stands in front of the paragraph text: a tab shows as nothing after a
    closing punctuation mark and as a space after anything else; ``space`` is a space."""
    if not label or suffix == "nothing":
        return label
    if suffix == "tab" and label[-1] in _CLOSING:
        return label
    return label + " "


# --- reading numbering.xml ------------------------------------------------------------------
def _val(element: Any, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val") if child is not None else None


def _int(text: str | None, default: int | None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _on(element: Any, tag: str) -> bool:
    child = element.find(W + tag)
    return child is not None and child.get(W + "val", "true") not in ("0", "false", "off")


def read_level(element: Any) -> Level:
    return Level(
        fmt=_val(element, "numFmt") or "decimal",
        text=_val(element, "lvlText") or "",
        start=_int(_val(element, "start"), 1) or 0,
        restart=_int(_val(element, "lvlRestart"), None),
        legal=_on(element, "isLgl"),
        suffix=_val(element, "suff") or "tab",
        style=_val(element, "pStyle"),
    )


def _levels(abstract: Any) -> dict[int, Level]:
    return {_int(lvl.get(W + "ilvl"), 0) or 0: read_level(lvl) for lvl in abstract.iter(W + "lvl")}


def read_numbering(numbering: Any, style_numbering: Callable[[str], str | None]) -> Numbering:
    """The instances of a ``w:numbering`` element (None: a document without numbering).
    ``style_numbering`` gives the numId a numbering style carries (for ``w:numStyleLink``)."""
    if numbering is None:
        return Numbering({})
    abstracts = {a.get(W + "abstractNumId"): a for a in numbering.findall(W + "abstractNum")}
    nums = {n.get(W + "numId"): n for n in numbering.findall(W + "num")}

    def abstract_id(num: Any, hops: int = 0) -> str | None:
        found = _val(num, "abstractNumId")
        linked = _val(abstracts.get(found), "numStyleLink")
        if linked and hops < 3:  # the levels are in the abstract the numbering style names
            target = nums.get(style_numbering(linked) or "")
            if target is not None:
                return abstract_id(target, hops + 1)
        return found

    instances = {}
    for num_id, num in nums.items():
        found = abstract_id(num)
        if found not in abstracts:
            continue
        levels = _levels(abstracts[found])
        restarts = set()
        for override in num.findall(W + "lvlOverride"):
            ilvl = _int(override.get(W + "ilvl"), 0) or 0
            replacement = override.find(W + "lvl")
            if replacement is not None:
                levels[ilvl] = read_level(replacement)
            start = _int(_val(override, "startOverride"), None)
            if start is not None and ilvl in levels:
                levels[ilvl] = replace(levels[ilvl], start=start)
                restarts.add(ilvl)
        instances[num_id] = Instance(found, levels, frozenset(restarts))
    return Numbering(instances)
