"""The signature reader (lawlint.model.signature): organ lines, the date, residue and places."""

from __future__ import annotations

import pytest
from conftest import lint

from lawlint import engine
from lawlint.config import Config
from lawlint.model.document import parse_document
from lawlint.model.profiles import resolve_profile
from lawlint.model.signature import Signature, place_units, read_signature, title_place

TITLE = "青石镇关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n确保各项工作落地见效。\n"


def signature(tail: str, title: str = TITLE):
    d = lint(title + tail, select=()).document
    return d, d.signature


def test_right_aligned_with_nbsp_and_blank_lines() -> None:
    d, s = signature("\u00a0\u00a0\n" + "\u00a0" * 30 + "青石镇人民政府\n\n" + " " * 40
                     + "2025年1月20日\n\u00a0\n")
    assert [o.name for o in s.organs] == ["青石镇人民政府"] and s.lines == (5, 7)
    assert s.date.text == "2025年1月20日" and s.date.line == 7
    assert d.text[s.organs[0].start : s.organs[0].end] == "青石镇人民政府"
    assert s.body_end == 3 == d.body_end_line


def test_seal_note_is_outside_the_organ_span() -> None:
    d, s = signature("　　青石镇人民政府（盖章）\n　　2025年1月20日\n")
    organ = s.organs[0]
    assert organ.name == "青石镇人民政府" and d.text[organ.start : organ.end] == "青石镇人民政府"


def test_seal_on_its_own_line() -> None:
    _, s = signature("青石镇人民政府\n（印章）\n2025年1月20日\n")
    assert s.lines == (4, 5, 6) and s.organs and s.date


def test_two_organs() -> None:
    _, s = signature("中共青石镇委员会\n青石镇人民政府\n2025年1月20日\n")
    assert [o.name for o in s.organs] == ["中共青石镇委员会", "青石镇人民政府"]


def test_spaced_out_organ_and_date_on_one_line() -> None:
    d, s = signature("青 石 镇 人 民 政 府    2025年1月20日\n")
    organ = s.organs[0]
    assert organ.name == "青石镇人民政府" and s.date.year == 2025 and s.lines == (4,)
    assert d.text[organ.start : organ.end] == "青 石 镇 人 民 政 府"


def test_residue_is_set_aside() -> None:
    _, s = signature("青石镇人民政府\n2025年1月20日\n\n来源：青石镇\n附件下载\n扫一扫在手机上查看当前页面\n"
                     "政策文件\n相关链接\n")
    assert s.organs and s.date and s.residue == (7, 8, 9, 10, 11)


def test_no_signature() -> None:
    d, s = signature("扫一扫在手机打开当前页\n")
    assert not s.found and s.organs == () and s.date is None and s.body_end == 3
    assert d.body_end_line == 3


def test_date_only() -> None:
    _, s = signature("                2025年1月20日\n")
    assert s.organs == () and s.date.line == 4 and s.body_end == 3


@pytest.mark.parametrize("tail", [
    "全年工作得到了县委县政府和云溪县司法局。\n",  # a sentence, not an organ line
    "（三）成立法治建设委员会\n",  # a heading
    "特此报告。\n",
    "报告时间2025年1月20日\n",  # text before the date
    "全镇将于2025年1月20日召开总结会。\n",
])
def test_not_a_signature(tail: str) -> None:
    _, s = signature(tail)
    assert s.organs == () and s.date is None


def test_signature_never_reaches_into_the_title() -> None:
    d = lint("青石镇人民政府\n关于2024年度法治政府建设情况的报告\n", select=()).document
    assert not d.signature.found


def test_an_organ_above_a_second_date_is_not_taken() -> None:
    _, s = signature("青石镇人民政府\n2025年1月20日\n2025年1月21日\n")
    assert s.organs == () and s.date.day == 21


@pytest.mark.parametrize("name,units", [
    ("连江县敖江镇人民政府", ["连江县", "敖江镇"]),
    ("中共青石镇委员会", ["青石镇"]),
    ("重庆市万州区白土镇人民政府", ["重庆市", "万州区", "白土镇"]),
    ("酉阳自治县司法局", ["酉阳自治县"]),
    ("青山街道办事处", ["青山街道"]),
    ("镇平县人民政府", ["镇平县"]),
    ("市场监督管理局", []),
    ("全县", []),
])
def test_place_units(name: str, units: list[str]) -> None:
    assert place_units(name) == units


@pytest.mark.parametrize("title,place", [
    ("连江县敖江镇2023年法治政府建设工作报告", "敖江镇"),
    ("宜居镇关于2025年法治政府建设情况的报告", "宜居镇"),
    ("云溪县司法局关于2024年度法治政府建设情况的报告", "云溪县"),
    ("中共青石镇委员会 青石镇人民政府关于2024年度法治政府建设情况的报告", "青石镇"),
    ("关于全市2024年度法治政府建设情况的报告", None),
    ("全县2024年度法治政府建设情况的报告", None),
    ("重庆市万州区白土镇人民政府\n2024年法治政府建设情况的报告", "白土镇"),
])
def test_title_place(title: str, place: str | None) -> None:
    assert title_place(lint(title + "\n正文。\n", select=()).document) == place


SIGNED = (TITLE + "二、存在的问题\n问题。\n青石镇人民政府\n2025年01月20日。\n\n"
          "扫一扫在手机打开当前页\n")


def test_the_block_reads_only_its_own_lines() -> None:
    """The signature reads the dates and residue of the lines it looks at, and finds what it
    finds with the whole document's at hand."""
    doc = parse_document(engine.text_source(SIGNED), resolve_profile(None))
    found = doc.signature
    assert "dates" not in vars(doc) and "residue" not in vars(doc)
    assert found.date.text == "2025年01月20日" and found.residue == (9,)
    assert doc.dates and doc.residue.lines and _read(read_signature(doc)) == _read(found)


def _read(found: Signature) -> tuple:
    """What a signature block says, as values to compare."""
    return ([(o.line, o.start, o.end, o.name) for o in found.organs],
            found.date and (found.date.start, found.date.end), found.lines, found.body_end,
            found.residue, found.bare_place and found.bare_place.name)


def test_fixing_passes_read_no_whole_document_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the last pass, which runs every rule, reads every date: the passes that run only
    the fixing rules (LL504 among them) do not pay for it."""
    documents = []
    real = engine._document

    def keep(source, config):
        documents.append(real(source, config))
        return documents[-1]

    monkeypatch.setattr(engine, "_document", keep)
    fixed, count, _ = engine.fix_source(engine.text_source(SIGNED), Config())
    assert count and fixed.text.endswith("2025年1月20日\n\n") and len(documents) == 2
    assert ["dates" in vars(doc) for doc in documents] == [False, True]


@pytest.mark.parametrize("title,tail,expected", [
    ("柳河镇关于2024年度法治政府建设情况的报告\n", "正文。\n柳河镇\n2025年1月20日\n",
     "署名“柳河镇”只有地名，应写发文机关全称（如“柳河镇人民政府”）"),
    ("青山街道2024年度法治政府建设情况报告\n", "正文。\n青山街道　2025年1月20日\n",
     "署名“青山街道”只有地名，应写发文机关全称（如“青山街道办事处”）"),
    ("云溪县司法局关于2024年度法治政府建设情况的报告\n", "正文。\n2025年1月20日\n",
     "报告末尾缺少发文机关署名（如“云溪县司法局”）"),
    ("关于2024年度法治政府建设情况的报告\n", "正文。\n2025年1月20日\n",
     "报告末尾缺少发文机关署名（如“青石镇人民政府”）"),
])
def test_missing_organ_example_names_the_reports_own(title: str, tail: str, expected: str) -> None:
    result = lint(title + tail, select=("LL501",))
    assert [f.message for f in result.findings] == [expected]


def test_notes_below_the_date_are_in_the_block_not_the_body() -> None:
    doc, sig = signature("青石镇人民政府\n2025年1月20日\n（此件公开发布）\n抄送：县司法局。\n"
                         "青石镇党政办公室　2025年1月20日印发\n")
    assert [o.name for o in sig.organs] == ["青石镇人民政府"] and sig.date is not None
    assert sig.lines == (4, 5, 6, 7, 8) and sig.body_end == 3
