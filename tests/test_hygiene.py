"""Hygiene rules (LL601–LL608) beyond the snippets in tests/cases: the corpus line by line,
mass findings, fixes, the rule packs' validation and the per-report cost."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import lines_of, lint

from lawlint.config import Config
from lawlint.engine import build_rules, fix_text, lint_source
from lawlint.errors import LawlintError
from lawlint.model.packs import PackError
from lawlint.model.residue import either, inline_residue, is_residue_line
from lawlint.readers import read_path
from lawlint.rules import hygiene
from lawlint.rules.hygiene import RunOnClause, StrayLatin

HYGIENE = ("LL6",)

# Where each hygiene rule fires on the corpus, line by line (EXPECTED.md and nothing more).
CORPUS_LINES = {
    "yiju-2025.txt": {"LL602": [1, 47]},
    "baitu-2024.txt": {"LL602": [7], "LL608": [5, 17, 25, 32]},
    "aojiang-2023.txt": {"LL602": [2, 56, 57, 59, 61, 62], "LL607": [14]},
}


def _corpus(corpus: Path, name: str, select=HYGIENE):
    return lint_source(read_path(corpus / name, name), Config(select=select))


@pytest.mark.parametrize("name", sorted(CORPUS_LINES))
def test_corpus_lines(corpus: Path, name: str) -> None:
    result = _corpus(corpus, name)
    for code in ("LL601", "LL602", "LL604", "LL605", "LL606", "LL607", "LL608"):
        assert lines_of(result, code) == CORPUS_LINES[name].get(code, []), code


def test_duplicate_title_spans_both_wrapped_lines(corpus: Path) -> None:
    title = [f for f in _corpus(corpus, "yiju-2025.txt").findings if f.rule == "LL602"][0]
    # the page's one-line copy above the wrapped title, and its line end: what --fix deletes
    assert (title.line, title.column, title.end_line, title.end_column) == (1, 1, 2, 1)


@pytest.mark.parametrize("name", ["yiju-2025.txt", "aojiang-2023.txt"])
def test_half_width_corpus_one_finding_per_line(corpus: Path, name: str) -> None:
    result = _corpus(corpus, name)
    lines = lines_of(result, "LL603")
    text = (corpus / name).read_text(encoding="utf-8").split("\n")
    residue = set(CORPUS_LINES[name]["LL602"])
    with_marks = [n for n, line in enumerate(text, 1)
                  if any(m in line for m in ",;(") and n not in residue]
    assert lines == with_marks  # every such line once, and no line twice


def test_baitu_is_all_full_width(corpus: Path) -> None:
    assert lines_of(_corpus(corpus, "baitu-2024.txt"), "LL603") == []


def test_fixing_the_corpus_removes_residue_and_keeps_the_signature(corpus: Path) -> None:
    text = (corpus / "aojiang-2023.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    fixed, count = fix_text(text)
    assert count > 0
    assert lint(fixed, select=("LL602", "LL603", "LL608")).findings == []
    kept = fixed.split("\n")
    for number in CORPUS_LINES["aojiang-2023.txt"]["LL602"]:
        assert lines[number - 1] not in kept
    assert lines[49] in kept and lines[51] in kept  # the indented signature, untouched
    heading = lines[7].translate(str.maketrans("(),", "（），"))
    assert heading in kept and heading != lines[7]


def test_fixing_baitu_only_touches_spaces_and_the_bookmark(corpus: Path) -> None:
    text = (corpus / "baitu-2024.txt").read_text(encoding="utf-8")
    fixed, _ = fix_text(text, Config(select=HYGIENE))
    expected = text.replace("[bookmark: _GoBack]", "")
    for year in ("2024", "2025"):
        expected = expected.replace(f"、{year} 年", f"、{year}年")
    assert fixed == expected


def test_mass_findings_count_marks_in_the_message() -> None:
    result = lint("2024年,青石镇坚持依法行政;全年办结案件12件,办结率100%。\n", select=("LL603",))
    assert len(result.findings) == 1
    assert "3处" in result.findings[0].message and len(result.findings[0].fix.edits) == 3
    english = lint("全镇 共排查 纠纷12件。\n", select=("LL608",), lang="en")
    assert english.findings[0].message.startswith("2 stray space")


def test_placeholders_merge_into_one_finding() -> None:
    result = lint("本报告于20XX年X月X日印发。\n", select=("LL601",))
    assert [f.message for f in result.findings] == ["模板占位符“20XX年X月X日”未替换为实际内容"]


def test_residue_line_without_newline_at_the_end() -> None:
    fixed, count = fix_text("全年办结案件12件。\n扫一扫在手机打开当前页", Config(select=HYGIENE))
    assert (fixed, count) == ("全年办结案件12件。\n", 1)


def test_residue_recognition() -> None:
    assert is_residue_line("  时间: 2025-03-01 16:45 ")
    assert is_residue_line("发布时间：2025年2月5日 08:10")
    assert is_residue_line("【打印本页】 【关闭窗口】")
    assert not is_residue_line("时间：2024年3月至6月，开展矛盾纠纷专项排查。")
    assert not is_residue_line("来源：" + "群众反映的问题" * 10)  # too long for a page footer
    assert inline_residue("[bookmark: _GoBack]完善机制") == [(0, 19)]


def test_repeated_char_decisions() -> None:
    text = ("把资料送到到群众手中，认真学习习近平法治思想，推行行政执法，推进进一步改革，"
            "针对对群众的诉求，对对方当事人调解，一起起案件，层层压实责任，久久为功，的的确确。\n")
    result = lint(text, select=("LL605",))
    assert [f.column for f in result.findings] == [text.index("到到") + 1,
                                                   text.index("针对对") + 2]


def test_spacing_leaves_layout_alone() -> None:
    text = ("1. 执法水平有待提升\n"
            "全镇共排查纠纷12件。\n"
            "    全年办结案件12件，\t办结率100%。\n"
            "姓名    职务\n"
            "推广 APP 服务\n"
            "                    青石镇人民政府\n"
            "                    2025年1月20日\n")
    assert lint(text, select=("LL608",)).findings == []
    assert lines_of(lint("在 2024 年，全镇办结 12 件。\n", select=("LL608",)), "LL608") == [1]
    fixed, _ = fix_text("在 2024 年，全镇办结 12 件。\n", Config(select=("LL608",)))
    assert fixed == "在2024年，全镇办结12件。\n"


def test_stray_latin_option_must_be_a_list() -> None:
    assert StrayLatin.validate_options({"allow": ["wechat"]}, "cfg")
    with pytest.raises(LawlintError):
        StrayLatin.validate_options({"allow": "wechat"}, "cfg")
    with pytest.raises(LawlintError):
        RunOnClause.validate_options({"max-length": "60"}, "cfg")


def test_a_bad_pattern_names_the_pack_and_key(monkeypatch) -> None:
    data = {"placeholders": ["(unclosed"], "placeholder-hint": "X", "full-width": {",": "，"},
            "latin-allow": ["app"], "latin-words": ["and"], "list-starts": ["一是"],
            "units": "年", "repeated": {"allow": "常常", "function-chars": "的",
                                       "punctuation": "，"}}
    monkeypatch.setattr(hygiene, "load_pack", lambda name: data)
    hygiene.hygiene_vocabulary.cache_clear()
    try:
        with pytest.raises(PackError, match=r"hygiene.yaml: placeholders\[0\]: 正则表达式"):
            hygiene.hygiene_vocabulary()
        data["placeholders"] = ["XX"]
        data["full-width"] = {",,": "，"}
        with pytest.raises(PackError, match="full-width"):
            hygiene.hygiene_vocabulary()
        data["full-width"] = {",": "，"}
        data["repeated"]["allow"] = "常常 蓬勃"
        with pytest.raises(PackError, match="'蓬勃' 中没有重复的字或词"):
            hygiene.hygiene_vocabulary()
        data["repeated"]["allow"] = "常常"
        del data["units"]
        with pytest.raises(PackError, match="缺少键 'units'"):
            hygiene.hygiene_vocabulary()
    finally:
        hygiene.hygiene_vocabulary.cache_clear()


def test_word_list_sections(monkeypatch, tmp_path: Path) -> None:
    import lawlint.resources as resources

    words = tmp_path / "hygiene-words.txt"
    monkeypatch.setattr(resources, "checks_path", lambda name: words)
    hygiene.word_knowledge.cache_clear()
    try:
        words.write_text("# note\n[words]\n加强大\n加快\n[starts]\n习近\n[held]\n多多益善\n",
                         encoding="utf-8")
        known = hygiene.word_knowledge()
        assert known.is_word("加强") and known.is_word("加快") and not known.is_word("习近")
        assert known.starts_word("习近") and "多多益善" in known.held
        words.write_text("[nouns]\n加强\n", encoding="utf-8")
        hygiene.word_knowledge.cache_clear()
        with pytest.raises(PackError, match="未知的节 'nouns'"):
            hygiene.word_knowledge()
    finally:
        hygiene.word_knowledge.cache_clear()


def test_hygiene_cost_per_report(corpus: Path) -> None:
    """The eight rules together stay far below the linter's 5 ms per report budget share."""
    rules = build_rules(Config(select=HYGIENE))
    docs = [_corpus(corpus, p.name, select=("LL601",)).document for p in sorted(corpus.glob("*.txt"))]
    for doc in docs:  # warm the packs and word list
        for rule in rules:
            list(rule.check(doc))
    runs = 20
    start = time.perf_counter()
    for _ in range(runs):
        for doc in docs:
            doc.__dict__.pop("residue", None)  # recompute the cached residue stage each run
            for rule in rules:
                list(rule.check(doc))
    per_report = (time.perf_counter() - start) / (runs * len(docs))
    assert per_report < 0.010, f"{per_report * 1000:.2f} ms per report"


def test_residue_patterns_joined_match_where_one_alone_does() -> None:
    """Residue patterns are tried as one regex per line: it (fully) matches where one of them
    does, and patterns that joining would change are left apart."""
    joined = either((re.compile("ab"), re.compile("a(b|c)d"), re.compile(r"\d+页")))
    assert joined is not None
    assert [bool(joined.fullmatch(s)) for s in ("ab", "acd", "12页", "abc", "ab12页")] == \
        [True, True, True, False, False]
    assert either(()).search("anything") is None
    assert either((re.compile(r"(a)\1"),)) is None  # a back reference counts groups
    assert either((re.compile("a"), re.compile("(?i)b"))) is None  # a flag for its pattern only
