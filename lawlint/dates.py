"""Stage 3, document model: the report year and where the body ends.

(The full date reader, the signature block and the time rules build on this module.)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document

_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def detect_report_year(doc: "Document") -> int | None:
    """The year the report is about: ``--year``, else the first year its title names."""
    forced = doc.options.get("year")
    if isinstance(forced, int):
        return forced
    if doc.title is not None:
        match = _TITLE_YEAR.search(doc.title.text)
        if match:
            return int(match.group(1))
    return None


def body_end_line(doc: "Document") -> int:
    """The last non-blank line of the report."""
    for number in range(len(doc.lines), 0, -1):
        if doc.lines[number - 1].strip():
            return number
    return 0
