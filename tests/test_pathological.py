"""Pathological inputs finish: no rule may be quadratic in a line's length.

Not a benchmark (see benchmarks/bench.py): the bound is generous, far above the linear cost,
and only catches a blow-up such as a regex retried at every digit of a long run (which took
eight minutes on 200,000 digits before it was fixed).
"""

from __future__ import annotations

import time

import pytest
from conftest import lint

SIZE = 60_000
CASES = {
    "digits": "1234567890" * (SIZE // 10),
    "comma clauses": "排查纠纷12件，化解11件，" * (SIZE // 13),
    "chinese": "我镇开展法治宣传活动" * (SIZE // 10),
    "spaced": "法 治 " * (SIZE // 4),
    "brackets": "（" * (SIZE // 2) + "）" * (SIZE // 2),
    "dates": "2024年1月1日，" * (SIZE // 10),
    "rates": "化解率98%，" * (SIZE // 7),
    "breakdowns": "共24个，其中镇级1个，" * (SIZE // 12),
    "doubled": "到到" * (SIZE // 2),
    "headings": "".join(f"{i % 9 + 1}. 标题\n" for i in range(SIZE // 6)),
    "titles in brackets": "《关于2022年的通知》" * (SIZE // 12),
    "enumerations": "一是加强学习；" * (SIZE // 7),
    "dense figures": "排查12件化解11件化解率92%办结率99%" * (SIZE // 21),
    "years": "2022年全镇调解纠纷200件。" * (SIZE // 16),
}


@pytest.mark.parametrize("name", list(CASES))
def test_finishes(name: str) -> None:
    start = time.perf_counter()
    lint(CASES[name])
    assert time.perf_counter() - start < 15, f"{name}: far slower than linear"
