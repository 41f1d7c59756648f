"""Recognising web-page and converter residue (checks/residue.yaml).

Used by the hygiene rule that reports residue and by the signature reader, which sets trailing
residue aside before it looks for the signing organ and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .packs import Shape, load_pack


@dataclass(frozen=True)
class ResiduePatterns:
    lines: frozenset[str]
    prefixes: tuple[str, ...]
    prefix_max_length: int
    patterns: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def residue_patterns() -> ResiduePatterns:
    data = load_pack("residue.yaml")
    shape = Shape("checks/residue.yaml")
    shape.mapping(data, "residue.yaml",
                  {"lines": True, "prefixes": True, "prefix-max-length": False, "patterns": True,
                   "inline": True})
    return ResiduePatterns(
        frozenset(shape.texts(data["lines"], "lines")),
        tuple(shape.texts(data["prefixes"], "prefixes")),
        int(shape.number(data.get("prefix-max-length", 60), "prefix-max-length")),
        tuple(_compile(shape, p, "patterns") for p in shape.texts(data["patterns"], "patterns")),
        tuple(_compile(shape, p, "inline") for p in shape.texts(data["inline"], "inline")),
    )


def _compile(shape: Shape, pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise shape.fail(where, f"bad regular expression {pattern!r}: {exc}") from None


def is_residue_line(text: str) -> bool:
    """Whether a whole line is residue (a page footer, a timestamp, a share prompt)."""
    stripped = text.strip()
    if not stripped:
        return False
    patterns = residue_patterns()
    # 【发布时间：2025-01-26】【来源：…】: the page's bracketed labels read like bare ones
    unbracketed = stripped.lstrip("【[ ")
    return (
        stripped in patterns.lines
        or (unbracketed.startswith(patterns.prefixes)
            and len(stripped) <= patterns.prefix_max_length)
        or any(p.fullmatch(stripped) for p in patterns.patterns)
    )


def inline_residue(text: str) -> list[tuple[int, int]]:
    """(start, end) of residue inside a line such as [bookmark: _GoBack]."""
    return [m.span() for p in residue_patterns().inline for m in p.finditer(text)]
