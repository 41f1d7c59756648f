"""Property tests for --fix on the real reports of the corpus, with random edits.

The properties (fix edits inside their findings, idempotence, Chinese text kept) are those of
tests/test_fuzz.py, which also runs them on generated text; here the inputs are windows of the
corpus reports with pieces that make the fixable rules fire spliced in.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import FIXABLE_PIECES
from test_fuzz import check_fix, check_fix_spans


def _corpus_names() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


EDITS = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(FIXABLE_PIECES)),
                 max_size=8)


@pytest.mark.skipif(not _corpus_names(), reason="../shared/corpus is not present")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(_corpus_names() or ["-"]), edits=EDITS,
       cut=st.floats(0, 1), keep=st.integers(200, 3000))
def test_fixing_edited_corpus(name: str, edits, cut: float, keep: int) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    start = int(cut * max(len(text) - keep, 0))
    text = text[start : start + keep]  # a window keeps each example fast
    for where, piece in edits:
        at = int(where * (len(text) + 1))
        text = text[:at] + piece + text[at:]
    check_fix_spans(text)
    check_fix(text)


def test_fixing_the_corpus_is_idempotent(corpus: Path) -> None:
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        check_fix_spans(text)
        check_fix(text)
