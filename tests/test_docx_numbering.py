"""Word's automatic numbering, rendered from numbering.xml as Word renders it, held against the
OOXML rules and against LibreOffice's own rendering of the same documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx_builder import Docx, abstract, level, num, para, paragraph_style, table

from lawlint.readers.docx import read_docx
from lawlint.readers.numbering import format_number

REQUIRED_FORMATS = ("decimal", "decimalFullWidth", "decimalEnclosedCircle",
                    "decimalEnclosedCircleChinese", "chineseCounting", "chineseCountingThousand",
                    "ideographTraditional", "ideographDigital", "japaneseCounting", "upperLetter",
                    "lowerLetter", "upperRoman", "lowerRoman")
VALUES = (1, 2, 9, 10, 11, 19, 20, 21, 27, 35, 36, 50, 51, 99, 100, 101, 110, 1000, 1010, 10001)


@pytest.mark.parametrize("fmt,expected", [
    ("decimal", "1 2 10 11 20 100"),
    ("decimalFullWidth", "１ ２ １０ １１ ２０ １００"),
    ("decimalEnclosedCircle", "① ② ⑩ ⑪ ⑳ 100"),
    ("decimalEnclosedCircleChinese", "① ② ⑩ ⑪ ⑳ 100"),
    ("chineseCounting", "一 二 十 十一 二十 一百"),
    ("chineseCountingThousand", "一 二 十 十一 二十 一百"),
    ("ideographDigital", "一 二 十 十一 二十 一百"),
    ("japaneseCounting", "一 二 十 十一 二十 一百"),
    ("ideographTraditional", "甲 乙 癸 11 20 100"),
    ("upperLetter", "A B J K T VVVV"),
    ("lowerLetter", "a b j k t vvvv"),
    ("upperRoman", "I II X XI XX C"),
    ("lowerRoman", "i ii x xi xx c"),
    ("no-such-format", "1 2 10 11 20 100"),
])
def test_number_formats(fmt, expected):
    assert " ".join(format_number(v, fmt) for v in (1, 2, 10, 11, 20, 100)) == expected


def test_chinese_counting_beyond_a_hundred():
    assert [format_number(v, "chineseCounting") for v in (101, 110, 1010, 10001, 35)] == [
        "一百零一", "一百一十", "一千零一十", "一万零一", "三十五"]
    assert [format_number(v, "decimalEnclosedCircle") for v in (21, 35, 36, 50, 51)] == [
        "㉑", "㉟", "㊱", "㊿", "51"]


def read(document: Docx):
    return read_docx(document.build(), "t.docx")


def labels(document: Docx) -> list[str]:
    """Each paragraph's label, without the space a tab after it may read as."""
    return [p.label.rstrip(" ") for p in read(document).docx.paragraphs]


def outline() -> list[str]:
    """一、 （一） 1. （1）: the levels of a report's headings."""
    return [level(0, "chineseCounting", "%1、"), level(1, "chineseCounting", "（%2）"),
            level(2, "decimal", "%3."), level(3, "decimal", "（%4）")]


def test_report_outline_as_a_word_list_reads_like_typed_headings():
    doc = Docx(abstracts=[abstract(1, outline())], nums=[num(1, 1)])
    doc.body = [para("总体情况", 1, 0), para("学习", 1, 1), para("一", 1, 2), para("二", 1, 2),
                para("细项", 1, 3), para("领导", 1, 1), para("下步安排", 1, 0), para("其他", 1, 1),
                para("正文。")]
    assert read(doc).text.split("\n") == [
        "一、总体情况", "（一）学习", "1.一", "2.二", "（1）细项", "（二）领导", "二、下步安排",
        "（一）其他", "正文。"]


def test_a_typed_number_in_an_auto_numbered_list_stays_what_it_is():
    doc = Docx(abstracts=[abstract(1, outline())], nums=[num(1, 1)])
    doc.body = [para("甲", 1, 0), para("二、乙（手打）"), para("丙", 1, 0)]
    assert read(doc).text.split("\n") == ["一、甲", "二、乙（手打）", "二、丙"]


def test_restarts_default_never_and_at_a_level():
    levels = [level(0, text="%1."), level(1, text="%1.%2", restart=0),
              level(2, "lowerLetter", "%3)", restart=1), level(3, text="(%4)")]
    doc = Docx(abstracts=[abstract(1, levels)], nums=[num(1, 1)])
    # 0 1 2 3 | 0 1 2 3 | 1 3
    doc.body = [para(str(i), 1, lvl) for i, lvl in enumerate([0, 1, 2, 3, 0, 1, 2, 3, 1, 3])]
    # level 1 never restarts (1.1, then 2.2); level 2 restarts after level 0 only (so not
    # after 1.3); level 3 restarts after any higher level (the default)
    assert labels(doc) == ["1.", "1.1", "a)", "(1)", "2.", "2.2", "a)", "(1)", "2.3", "(1)"]


def test_a_higher_level_never_used_counts_as_its_start():
    doc = Docx(abstracts=[abstract(1, [level(0), level(1, text="%1.%2")])], nums=[num(1, 1)])
    doc.body = [para("a", 1, 1), para("b", 1, 0), para("c", 1, 1)]
    assert labels(doc) == ["1.1", "2.", "2.1"]


def test_is_legal_prints_every_number_in_decimal():
    levels = [level(0, "chineseCounting", "%1、"), level(1, "upperRoman", "%1.%2", legal=True)]
    doc = Docx(abstracts=[abstract(1, levels)], nums=[num(1, 1)])
    doc.body = [para("a", 1, 0), para("b", 1, 0), para("c", 1, 1), para("d", 1, 1)]
    assert labels(doc) == ["一、", "二、", "2.1", "2.2"]


def test_instances_of_one_abstract_share_counters_and_overrides_restart_them():
    doc = Docx(abstracts=[abstract(1, outline())],
               nums=[num(1, 1), num(2, 1), num(3, 1, {0: 5}), num(4, 1, {1: 7}),
                     num(5, 1, override_levels={0: level(0, "upperLetter", "%1)")})])
    doc.body = [para("a", 1, 0), para("b", 2, 0), para("c", 3, 0), para("d", 1, 0),
                para("e", 4, 1), para("f", 1, 1), para("g", 5, 0), para("h", 1, 0)]
    assert labels(doc) == ["一、", "二、", "五、", "六、", "（七）", "（八）", "G)", "八、"]


def test_numbering_through_the_style_chain():
    doc = Docx(abstracts=[abstract(1, outline())], nums=[num(1, 1)],
               styles=[paragraph_style("H1", 1, 0), paragraph_style("H2", 1, 1, based_on="H1"),
                       paragraph_style("H2x", based_on="H2")])
    doc.body = [para("a", style="H1"), para("b", style="H2"), para("c", style="H2x"),
                para("d", style="H2", num_id=0), para("e", style="H1", num_id=1, ilvl=1),
                para("f", style="H1")]
    assert labels(doc) == ["一、", "（一）", "（二）", "", "（三）", "二、"]


def test_a_style_without_a_level_takes_the_level_linked_to_it():
    levels = outline()
    levels[1] = levels[1].replace("<w:start", '<w:pStyle w:val="H2"/><w:start')
    doc = Docx(abstracts=[abstract(1, levels)], nums=[num(1, 1)],
               styles=[paragraph_style("H1", 1, 0), paragraph_style("H2", 1)])
    doc.body = [para("a", style="H1"), para("b", style="H2")]
    assert labels(doc) == ["一、", "（一）"]


def test_suffixes_and_empty_labels():
    levels = [level(0, text="第%1章", suffix="space"), level(1, text="%1.%2", suffix="nothing"),
              level(2, "none", ""), level(3, "bullet", "\uf0b7"), level(4, text="%5")]
    doc = Docx(abstracts=[abstract(1, levels)], nums=[num(1, 1)])
    doc.body = [para("总则", 1, 0), para("x", 1, 1), para("y", 1, 2), para("z", 1, 3),
                para("w", 1, 4), para("", 1, 0), para("v", 1, 9), para("u", 99, 0)]
    assert read(doc).text.split("\n") == ["第1章 总则", "1.1x", "y", "• z", "1 w", "第2章", "v",
                                          "u"]


# --- LibreOffice agreement ------------------------------------------------------------------
def formats_document() -> Docx:
    """One paragraph per (format, value): each its own list starting at the value."""
    doc = Docx()
    for fmt in REQUIRED_FORMATS:
        for value in VALUES:
            ident = len(doc.abstracts) + 1
            doc.abstracts.append(abstract(ident, [level(0, fmt, "%1|", start=value)]))
            doc.nums.append(num(ident, ident))
            doc.body.append(para(f"{fmt}-{value}", ident))
    return doc


def lists_document() -> Docx:
    """Multi-level lists, shared counters, overrides, styles, tables (no lvlRestart or isLgl:
    LibreOffice 7.4 ignores both)."""
    doc = Docx(abstracts=[abstract(1, outline()),
                          abstract(2, [level(0, text="%1."), level(1, text="%1.%2"),
                                       level(2, "lowerLetter", "%1.%2.%3")])],
               nums=[num(1, 1), num(2, 1), num(3, 1, {0: 5}), num(4, 2), num(5, 2, {1: 7}),
                     num(6, 1, override_levels={0: level(0, "upperLetter", "%1)")})],
               styles=[paragraph_style("H1", 1, 0), paragraph_style("H2", 1, 1, based_on="H1"),
                       paragraph_style("H3", based_on="H2")])
    plan = [(1, 0), (1, 1), (1, 1), (1, 2), (1, 3), (1, 0), (1, 2), (2, 0), (2, 1), (3, 0),
            (3, 1), (1, 0), (2, 0), (4, 1), (4, 0), (4, 1), (4, 2), (4, 0), (4, 2), (4, 1),
            (5, 0), (5, 1), (4, 1), (6, 0), (6, 0), (1, 0), (None, 0)]
    doc.body = [para(f"p{i}", n, lvl) for i, (n, lvl) in enumerate(plan)]
    doc.body += [para("s1", style="H1"), para("s2", style="H2"), para("s3", style="H3"),
                 para("s4", style="H2", num_id=0)]
    doc.body.append(table([[para("c1", 1, 0), para("c2") + para("c3", 1, 1)],
                           [para("c4"), para("c5", 1, 1)]]))
    doc.body.append(para("end", 1, 0))
    return doc


def libreoffice_text(files: list[Path], out: Path) -> dict[str, list[str]]:
    """LibreOffice's text export of each file (one soffice start for all of them)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = out / "profile"
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "txt:Text", "--outdir", str(out), *map(str, files)],
                       capture_output=True, timeout=180, check=True,
                       env={**os.environ, "HOME": str(out)})
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.fail(f"soffice failed: {exc}")
    return {f.stem: (out / f"{f.stem}.txt").read_text("utf-8-sig").split("\n") for f in files}


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def test_labels_agree_with_libreoffice():
    documents = {"formats": formats_document(), "lists": lists_document()}
    with tempfile.TemporaryDirectory(prefix="lawlint-lo-") as folder:
        out = Path(folder)
        files = []
        for name, doc in documents.items():
            (out / f"{name}.docx").write_bytes(doc.build())
            files.append(out / f"{name}.docx")
        exported = libreoffice_text(files, out)
        for name in documents:
            paragraphs = read_docx((out / f"{name}.docx").read_bytes(), name).docx.paragraphs
            theirs = exported[name]
            for ours, line in zip(paragraphs, theirs):
                text = ours.element.xpath("string(.)")
                shown = line.strip()
                assert shown.endswith(text), (name, ours.line, line)
                their_label = shown[: len(shown) - len(text)].strip()
                # LibreOffice 7.4 prints decimalFullWidth in ASCII digits; Word does not
                assert ours.label.strip().translate(_FULL_WIDTH) == their_label, (name, line)
            assert len(paragraphs) <= len(theirs)
