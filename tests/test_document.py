"""The document model: title detection and the tolerant outline."""

from __future__ import annotations

from conftest import lint


def doc(text: str):
    return lint(text, select=()).document


def test_title_on_one_line_then_addressee():
    d = doc("青石镇关于2024年度法治政府建设情况的报告\n县委全面依法治县委员会：\n2024年，我镇……\n")
    assert d.title.lines == [1] and d.title.text.startswith("青石镇")
    assert d.addressee_line == 2
    assert d.paragraphs[0].line == 3


def test_addressee_listing_several_organs():
    d = doc("青石镇关于2024年度法治政府建设情况的报告\n县委、县人民政府：\n2024年，我镇……\n")
    assert d.addressee_line == 2 and d.report_year == 2024


def test_opening_ending_with_a_colon_is_not_an_addressee():
    d = doc("青石镇关于2024年度法治政府建设情况的报告\n2024年我镇主要开展了以下工作：\n")
    assert d.addressee_line is None


def test_title_wrapped_onto_two_lines():
    d = doc("青石镇关于2024年度法治政府建设\n情况的报告\n\n2024年，我镇……\n")
    assert d.title.lines == [1, 2]
    assert d.title.text == "青石镇关于2024年度法治政府建设情况的报告"


def test_organ_line_then_title():
    d = doc("重庆市某区某镇人民政府\n2024年法治政府建设情况的报告\n现将有关情况报告如下：\n一、主要举措\n")
    assert d.title.organ == "重庆市某区某镇人民政府" and d.title.lines == [2]
    assert d.addressee_line is None  # 现将……报告如下： is the opening, not an addressee
    assert [p.line for p in d.paragraphs] == [3]


def test_no_title():
    d = doc("一、主要举措\n正文。\n")
    assert d.title is None and d.report_year is None


def test_outline_tolerates_skips_repeats_and_missing_numbers():
    d = doc("一、甲\n（一）子\n（）子\n（五）子\n1. 孙\n1. 孙\n三、乙\n（一）子\n一、丙\n")
    top = d.outline.children
    assert [h.line for h in top] == [1, 7, 9]
    assert [h.line for h in top[0].children] == [2, 3, 4]
    assert [h.line for h in top[0].children[2].children] == [5, 6]
    assert top[0].end_line == 6 and top[1].end_line == 8


def test_heading_skipping_a_level_nests():
    d = doc("一、甲\n1. 孙\n2. 孙\n二、乙\n")
    assert [h.line for h in d.outline.children[0].children] == [2, 3]


def test_run_in_heading_body_is_a_paragraph():
    d = doc("一、甲\n（一）加强学习。全年学习12次。\n")
    heading = d.headings[1]
    assert heading.title == "加强学习。" and heading.body == "全年学习12次。"
    paragraph = d.paragraphs[0]
    assert d.text[paragraph.offset : paragraph.offset + len(paragraph.text)] == "全年学习12次。"


def test_sentences_and_positions():
    d = doc("第一句。第二句！\n第三句\n")
    assert [s.text for s in d.sentences] == ["第一句。", "第二句！", "第三句"]
    assert d.position(d.sentences[2].offset) == (2, 1)
    span = d.span(d.sentences[1].offset, d.sentences[1].offset + 4)
    assert (span.line, span.column, span.end_line, span.end_column) == (1, 5, 1, 9)


def test_markdown_report_headings_and_title():
    d = doc("# 青石镇关于2024年度法治政府建设情况的报告\n\n## 一、主要举措\n### （一）加强学习\n正文。\n")
    assert d.title.text == "青石镇关于2024年度法治政府建设情况的报告"
    assert [(h.line, h.level, h.marker.start) for h in d.headings] == [(3, 1, 3), (4, 2, 4)]


def test_markdown_version_of_the_clean_example_is_clean():
    from conftest import EXAMPLES

    text = (EXAMPLES / "clean-report.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    marked = ["# " + lines[0]] + [
        ("## " if line[:2] in ("一、", "二、", "三、", "四、") else "### " if line[:1] == "（" else "")
        + line for line in lines[1:]]
    assert lint("\n".join(marked)).findings == []


def test_report_ends_before_an_attachment():
    d = doc("一、主要举措\n正文。\n附件：1．统计表\n青石镇人民政府\n2025年1月20日\n附件1\n一、说明\n")
    assert d.report_end == 5
    assert [h.line for h in d.headings] == [1]
    assert d.signature.organs and d.signature.date is not None
