"""Word segmentation with jieba, loaded only when a check asks for it.

jieba's own dictionary costs about half a second to load; lawlint segments with a small
domain dictionary (checks/jieba-domain.txt) instead, so a single-file run stays fast.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING

from .resources import checks_path

if TYPE_CHECKING:
    import jieba


@lru_cache(maxsize=1)
def tokenizer() -> "jieba.Tokenizer":
    # jieba imports pkg_resources only to locate its data files, which costs ~0.1 s; without
    # it jieba falls back to a plain path lookup. Hide it for the import only.
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(60)
    tok = jieba.Tokenizer(dictionary=str(checks_path("jieba-domain.txt")))
    tok.initialize()
    return tok


def cut(text: str) -> list[str]:
    """``text`` segmented into words (HMM on, for words the domain dictionary lacks)."""
    return tokenizer().lcut(text, HMM=True)
