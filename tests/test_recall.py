"""Recall over made-up defect variants (scripts/recall.py): every kind injected into every
made-up clean report is caught on its line. A precision change that costs recall fails here."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from recall import recall  # noqa: E402


def test_every_injected_defect_is_caught_on_its_line() -> None:
    missed = {kind: f"{rule} {caught}/{tried}"
              for kind, (rule, caught, tried) in recall().items() if caught < tried or not tried}
    assert not missed, missed
