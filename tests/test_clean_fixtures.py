"""Made-up correct reports in tests/fixtures/clean lint with no finding at all (precision).

Each fixture varies what real reports vary (organ, layout, encoding, figures, years, headings);
a finding on one of them is a false alarm. Info-level findings count too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lawlint.config import Config
from lawlint.engine import lint_source
from lawlint.readers import read_path

CLEAN = Path(__file__).parent / "fixtures" / "clean"
FIXTURES = sorted(CLEAN.glob("*.txt"))


def test_fixtures_present() -> None:
    assert len(FIXTURES) >= 8


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_clean_fixture_has_no_finding(path: Path) -> None:
    result = lint_source(read_path(path, path.name), Config())
    assert result.report_year is not None
    found = [f"{f.line}:{f.column} {f.rule} {f.message}" for f in result.findings]
    assert found == []


def test_gb18030_fixture_is_read_as_gb18030_with_crlf() -> None:
    # guards the fixture itself: re-saved as UTF-8 with LF it would no longer test decoding
    source = read_path(CLEAN / "07-gb18030-crlf.txt", "07-gb18030-crlf.txt")
    assert (source.encoding, source.newline) == ("gb18030", "\r\n")
