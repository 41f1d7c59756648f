"""The figures stage: what lawlint/model/figures.py reads from a sentence (tests/figures_cases.yaml),
the Chinese numeral reader, and the vocabulary pack's validation."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml

from lawlint.errors import render
from lawlint.model import figures
from lawlint.model.figures import chinese_number, read_sentence
from lawlint.model.packs import PackError, load_pack

CASES = yaml.safe_load((Path(__file__).parent / "figures_cases.yaml").read_text("utf-8"))["cases"]
RATE_FIELDS = {"word", "name", "capped", "signed"}


def _quantity_fields(quantity: figures.Quantity, expected: dict) -> dict:
    return {key: getattr(quantity, key) for key in expected}


def _rate_fields(rate: figures.Rate, expected: dict) -> dict:
    got = {key: getattr(rate, key) for key in expected if key in RATE_FIELDS}
    if "value" in expected:
        got["value"] = rate.quantity.value
    if "target" in expected:
        got["target"] = rate.quantity.target
    return got


def _same(got: dict, expected: dict) -> bool:
    return all(
        math.isclose(got[k], v) if isinstance(v, float) and isinstance(got[k], (int, float))
        else got[k] == v for k, v in expected.items())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_reading(case: dict) -> None:
    read = read_sentence(case["text"], plans=case.get("plans", False))
    assert read is not None
    if "quantities" in case:
        assert [q.text for q in read.quantities] == [q["text"] for q in case["quantities"]]
        for quantity, expected in zip(read.quantities, case["quantities"]):
            got = _quantity_fields(quantity, expected)
            assert _same(got, expected), (quantity.text, got)
    if "rates" in case:
        assert len(read.rates) == len(case["rates"]), [r.word for r in read.rates]
        for rate, expected in zip(read.rates, case["rates"]):
            got = _rate_fields(rate, expected)
            assert _same(got, expected), (rate.word, got)
    if "breakdowns" in case:
        got = [{"total": b.total.text, "parts": [p.text for p in b.parts],
                "labels": b.labels, "exhaustive": b.exhaustive} for b in read.breakdowns]
        want = case["breakdowns"]
        assert len(got) == len(want), got
        for g, w in zip(got, want):
            assert {k: g[k] for k in w} == w


def test_offsets_point_into_the_document() -> None:
    text = "排查纠纷１５２件，化解149件。"
    read = read_sentence(text, offset=100)
    assert [(q.start, q.end) for q in read.quantities] == [(104, 108), (111, 115)]


def test_sentence_without_quantities() -> None:
    assert read_sentence("坚持依法行政，推进法治政府建设。") is None


@pytest.mark.parametrize("numeral,value", [
    ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百二十", 120), ("一千零五", 1005),
    ("三万", 30000), ("十二万", 120000), ("一亿二千万", 120_000_000)])
def test_chinese_numbers(numeral: str, value: int) -> None:
    assert chinese_number(numeral) == value


@pytest.mark.parametrize("numeral", ["十四五", "一二", "二〇二四", "一两"])
def test_not_chinese_numbers(numeral: str) -> None:
    assert chinese_number(numeral) is None


def test_document_figures_mark_the_plans_part() -> None:
    from lawlint.engine import lint_text

    doc = lint_text("一、主要举措和成效\n排查纠纷12件。\n二、2025年工作安排\n化解率达99%以上。\n"
                    ).document
    assert [(f.plans, f.quantities[0].target) for f in doc.figures] == [(False, False),
                                                                         (True, True)]


def test_document_figures_read_full_width_digits() -> None:
    from lawlint.engine import lint_text

    text = "一、主要举措和成效\n排查纠纷１５２件，化解率达９８％。受理信访40件。\n"
    doc = lint_text(text).document
    got = [(q.text, q.value, text[q.start : q.end]) for f in doc.figures for q in f.quantities]
    assert got == [("１５２件", 152, "１５２件"), ("９８％", 98, "９８％"), ("40件", 40, "40件")]


@pytest.mark.parametrize("words,text", [
    (["排查", "排查化解", "化解", "调解员", "调解"], "排查化解纠纷，调解员调解，排查、化解"),
    (["ab", "a", "abc", "b", "bc"], "abcab abd bca"),
])
def test_alternation_matches_the_longest_word_and_backtracks(words: list[str], text: str
                                                              ) -> None:
    """Grouped by first character, the alternation matches what a plain longest-first one
    does, alone and where a longer word must give way (排查化解 before 纠纷 is 排查 + 化解纠纷)."""
    from lawlint.model.packs import alternation

    plain = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    for pattern in ("{}", "({})(?:化解纠纷|c)", "(?:{})+"):
        ours, theirs = (re.compile(pattern.format(p)) for p in (alternation(words), plain))
        assert ([m.span() for m in ours.finditer(text)]
                == [m.span() for m in theirs.finditer(text)])


@pytest.mark.parametrize("change,zh,en", [
    (lambda d: d["subsets"].append({"part": "化解", "whole": ["排查纠纷"]}),
     "'排查纠纷' 不是 counts 中的键", "'排查纠纷' is not a key of counts"),
    (lambda d: d["approximate"]["after"].update({"许": "roughly"}), "应为 .* 之一", "expected one of"),
    (lambda d: d["nouns"].append("化解"), "'化解' 重复列出", "'化解' is listed twice"),
    (lambda d: d["rates"].update({"办结率": {"numerator": ["办结"]}}), "分子和分母应同时给出",
     "give both"),
    (lambda d: d.update({"extra": 1}), "未知的键 'extra'", "unknown key 'extra'"),
])
def test_pack_errors_name_the_problem(monkeypatch, change, zh: str, en: str) -> None:
    data = yaml.safe_load(yaml.safe_dump(load_pack("figures.yaml"), allow_unicode=True))
    change(data)
    monkeypatch.setattr(figures, "load_pack", lambda name: data)
    with pytest.raises(PackError, match=zh) as raised:
        figures.figures_vocabulary.__wrapped__()
    assert re.search(en, render(raised.value.parts, "en"))
