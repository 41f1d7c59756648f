"""Output is byte-identical to before: `lawlint --format json` and `lawlint --fix` on the
examples, the test fixtures and ../shared/corpus give exactly the bytes stored in tests/golden/
(the corpus only as SHA-256 digests of its outputs; that part is skipped when the corpus is
absent). A change meant to leave the output alone (a faster rule, a cache) must pass as it is.

An intended output change (a new finding, a reworded message, a new version number in the JSON)
regenerates the goldens in the same commit, deliberately: `python scripts/golden.py --write`,
and the diff of tests/golden/ shows the reviewer what changed.
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import golden  # noqa: E402


def test_made_up_inputs_give_the_golden_outputs() -> None:
    stored, made = golden.stored_made_up(), golden.made_up_outputs()
    assert {"made-up/lint.json", "made-up/fix.json"} <= stored.keys()
    for name in sorted(stored.keys() | made.keys()):
        assert made.get(name) == stored.get(name), f"{name} differs from tests/golden/{name}"


def test_corpus_gives_the_golden_digests(corpus) -> None:
    stored = golden.stored_digests()
    if not stored:
        pytest.skip("no corpus digests stored: run scripts/golden.py --write with the corpus")
    assert golden.corpus_digests(corpus) == stored
