"""The .docx reader: the body as Word displays it, paragraph positions in every output, the
same findings as the same report in a .txt, and one clear line for every bad Word file."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx_builder import Docx, abstract, level, lines_docx, num, para, run, table
from test_inputs import assert_one_error, err, out
from test_inputs import run as lawlint

from lawlint.config import Config
from lawlint.engine import lint_source
from lawlint.model.document import parse_document
from lawlint.model.profiles import resolve_profile
from lawlint.readers import read_data
from lawlint.readers.docx import looks_like_docx, read_docx
from lawlint.readers.text import decode, set_max_size

FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> {0} </w:instrText>'
         '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{1}'
         '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def lines_of(document: Docx) -> list[str]:
    return read_docx(document.build(), "t.docx").text.split("\n")


def test_tracked_changes_insertions_in_deletions_out():
    inner = (run("保留") + f"<w:ins>{run('插入')}</w:ins>"
             + '<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>'
             + f"<w:moveTo>{run('移入')}</w:moveTo>"
             + '<w:moveFrom><w:r><w:t>移出</w:t></w:r></w:moveFrom>')
    assert lines_of(Docx(body=[para(inner=inner)])) == ["保留插入移入"]


def test_tabs_breaks_symbols_hyphens_and_hidden_text():
    inner = ("<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t>"
             '<w:br w:type="page"/><w:sym w:font="Wingdings" w:char="2460"/>'
             "<w:noBreakHyphen/><w:softHyphen/></w:r>"
             '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
             '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r>')
    assert lines_of(Docx(body=[para(inner=inner)])) == ["甲\t乙丙①\u2011显示"]


def test_fields_show_their_result_not_their_instruction():
    nested = FIELD.format("IF 1 = 1 " + FIELD.format("PAGE", run("9")), run("是"))
    inner = (run("第") + FIELD.format("PAGE", run("3")) + run("页，")
             + '<w:fldSimple w:instr="DATE"><w:r><w:t>2024年1月5日</w:t></w:r></w:fldSimple>'
             + nested)
    assert lines_of(Docx(body=[para(inner=inner)])) == ["第3页，2024年1月5日是"]


def test_content_controls_hyperlinks_and_smart_tags_read_as_shown():
    inline = (f"<w:sdt><w:sdtPr/><w:sdtContent>{run('控件')}</w:sdtContent></w:sdt>"
              f'<w:hyperlink r:id="rId99">{run("链接")}</w:hyperlink>'
              f'<w:smartTag w:element="place">{run("地名")}</w:smartTag>')
    block = f"<w:sdt><w:sdtPr/><w:sdtContent>{para('块一')}{para('块二')}</w:sdtContent></w:sdt>"
    assert lines_of(Docx(body=[para(inner=inline), block])) == ["控件链接地名", "块一", "块二"]


def test_headers_and_footers_are_not_body_text():
    document = Docx(body=[para("正文")], header="页眉文字", footer="页脚文字")
    assert lines_of(document) == ["正文"]


def test_tables_cells_in_row_order_nested_tables_and_empty_paragraphs():
    nested = table([[para("内1"), para("内2")]])
    document = Docx(body=[para("前"), para(""),
                          table([[para("格1") + para("格1b"), para("格2") + nested],
                                 [para("格3"), para("格4")]]),
                          para("后")])
    source = read_docx(document.build(), "t.docx")
    assert source.text.split("\n") == ["前", "", "格1", "格1b", "格2", "内1", "内2", "格3",
                                       "格4", "后"]
    flags = [p.in_table for p in source.docx.paragraphs]
    assert flags == [False, False, *[True] * 7, False]
    assert [p.line for p in source.docx.paragraphs] == list(range(1, 11))


def test_runs_map_columns_to_the_runs_after_the_label():
    document = Docx(abstracts=[abstract(1, [level(0, "chineseCounting", "%1、")])],
                    nums=[num(1, 1)],
                    body=[para(inner='<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
                                     f"</w:numPr></w:pPr>{run('加强')}{run('领导')}")])
    source = read_docx(document.build(), "t.docx")
    paragraph = source.docx.paragraphs[0]
    assert source.text == "一、加强领导" and paragraph.label == "一、"
    assert [(a, b, r.xpath("string(.)")) for a, b, r in paragraph.runs] == [
        (0, 2, "加强"), (2, 4, "领导")]
    assert paragraph.style_id == "Normal" and paragraph.element.tag.endswith("}p")


def test_table_lines_are_never_headings():
    document = Docx(body=[para("一、主要举措"), table([[para("二、表格里的编号")]]), para("正文。")])
    source = read_docx(document.build(), "t.docx")
    doc = parse_document(source, resolve_profile(None, Path.cwd(), ()))
    assert [h.line for h in doc.headings] == [1]


def test_word_files_are_recognised_by_content():
    data = lines_docx(["正文"])
    assert looks_like_docx(data) and not looks_like_docx(b"PK\x03\x04junk")
    assert read_data(data, "report.txt").unit == "paragraph"  # whatever the name says


# --- positions in the output ----------------------------------------------------------------
REPORT = ["2024年度法治政府建设情况报告", "", "一、主要举措", "（一）加强学习", "正文。", "（）规范执法",
          "正文。"]


@pytest.fixture
def report_docx(tmp_path: Path) -> Path:
    path = tmp_path / "报告.docx"
    path.write_bytes(lines_docx(REPORT))
    return path


def test_text_output_names_paragraphs(report_docx):
    english = lawlint("--select", "LL101", str(report_docx))
    assert f"{report_docx}:para 6:1: LL101" in out(english)
    chinese = subprocess.run([sys.executable, "-m", "lawlint", "--select", "LL101",
                              str(report_docx)], capture_output=True, timeout=20)
    assert f"{report_docx}:第6段:1: LL101".encode() in chinese.stdout


def test_json_says_the_unit_and_show_source_shows_the_paragraph(report_docx, tmp_path):
    data = json.loads(out(lawlint("--select", "LL101", "--format", "json", str(report_docx))))
    assert data["files"][0]["unit"] == "paragraph"
    assert data["files"][0]["findings"][0]["line"] == 6
    text = tmp_path / "r.txt"
    text.write_text("\n".join(REPORT), "utf-8")
    plain = json.loads(out(lawlint("--select", "LL101", "--format", "json", str(text))))
    assert "unit" not in plain["files"][0]
    shown = out(lawlint("--select", "LL101", "--show-source", str(report_docx)))
    assert "    （）规范执法\n" in shown


def test_fix_refuses_a_word_file_and_leaves_it_untouched(report_docx):
    before = report_docx.read_bytes()
    proc = lawlint("--fix", str(report_docx))
    assert_one_error(proc, str(report_docx), "--annotate")
    assert report_docx.read_bytes() == before


def test_a_text_run_imports_neither_python_docx_nor_lxml(tmp_path):
    """Nor the Word reader, the layout model or the annotator: a text run stays as fast."""
    report = tmp_path / "r.txt"
    report.write_text("\n".join(REPORT), "utf-8")
    code = ("import sys\nfrom lawlint.cli import main\ntry:\n    main(['--no-config', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml') or m in"
            " ('lawlint.readers.docx', 'lawlint.model.layout', 'lawlint.annotate')))")
    proc = subprocess.run([sys.executable, "-c", code, str(report)], capture_output=True,
                          timeout=20, text=True)
    assert proc.stdout.strip().endswith("[]"), proc.stdout + proc.stderr


# --- the same report as .txt and as .docx ---------------------------------------------------
_MARKERS = (  # (level, pattern): 一、 （一） 1. （1）, with either kind of parenthesis
    (0, re.compile(r"([一二三四五六七八九十]+)(、)")),
    (1, re.compile(r"([（(])([一二三四五六七八九十]+)([）)])")),
    (2, re.compile(r"(\d+)([.．、])")),
    (3, re.compile(r"([（(])(\d+)([）)])")),
)
_FORMATS = ("chineseCounting", "chineseCounting", "decimal", "decimal")


def as_word_lists(lines: list[str]) -> bytes:
    """The report with its headings turned into one Word list where that renders the same
    text; headings it would renumber stay typed (the report's own numbering mistakes)."""
    typed: set[int] = set()
    while True:
        texts: dict[int, str] = {}
        body = []
        for index, line in enumerate(lines):
            found = None if index in typed else _marker(line)
            if found is None:
                body.append(para(line))
                continue
            ilvl, match = found
            texts.setdefault(ilvl, "".join(f"%{ilvl + 1}" if re.fullmatch(r"[一二三四五六七八九十\d]+", g)
                                           else g for g in match.groups()))
            body.append(para(line[match.end():], 1, ilvl))
        levels = [level(i, _FORMATS[i], texts.get(i, f"%{i + 1}.")) for i in range(4)]
        data = Docx(body=body, abstracts=[abstract(1, levels)], nums=[num(1, 1)]).build()
        shown = read_docx(data, "t.docx").text.split("\n")
        wrong = {i for i, (a, b) in enumerate(zip(shown, lines)) if a != b}
        if not wrong:
            return data
        typed |= wrong


def _marker(line: str) -> tuple[int, re.Match[str]] | None:
    for ilvl, pattern in _MARKERS:
        match = pattern.match(line)
        if match and match.end() < len(line):
            return ilvl, match
    return None


def findings(source) -> list[tuple[str, int, int]]:
    """The content findings: the layout rules (LL7xx) judge what only a .docx has."""
    result = lint_source(source, Config(ignore=("LL7",)))
    return [(f.rule, f.line, f.column) for f in result.findings]


def test_corpus_reports_give_the_same_findings_as_docx(corpus):
    reports = sorted(corpus.glob("*.txt"))
    assert reports
    listed = 0
    for report in reports:
        text = decode(report.read_bytes(), report.name)
        lines = text.text.split("\n")
        expected = findings(text)
        typed = read_docx(lines_docx(lines), report.name)
        assert typed.text == text.text
        assert findings(typed) == expected, report.name
        lists = read_docx(as_word_lists(lines), report.name)
        listed += sum(bool(p.label) for p in lists.docx.paragraphs)
        assert lists.text == text.text
        assert findings(lists) == expected, report.name
    assert listed >= 10  # the lists really carry the headings


# --- bad Word files -------------------------------------------------------------------------
def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members[name] = content
    return _zip(members)


def _entity_docx(secret: Path) -> bytes:
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    return _replace_part(lines_docx(["x"]), "word/document.xml", xml.encode())


def _bomb() -> bytes:
    """A tiny zip whose word/document.xml unpacks to 60 MB."""
    body = b"<w:p/>" * (10 * 1024 * 1024)
    return _replace_part(lines_docx(["x"]), "word/document.xml", body)


BAD = {
    "truncated": (lambda tmp: lines_docx(["正文"] * 50)[:3000], ("damaged",)),
    "zip-not-word": (lambda tmp: _zip({"a.txt": b"hello"}), ("not a Word (.docx) document",)),
    "encrypted": (lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
                  + "EncryptedPackage".encode("utf-16-le") + bytes(500), ("password",)),
    "bomb": (lambda tmp: _bomb(), ("once unpacked",)),
    "entities": (lambda tmp: _entity_docx(tmp / "secret.txt"), ("DTD",)),
    "broken-xml": (lambda tmp: _replace_part(lines_docx(["x"]), "word/document.xml", b"<w:doc"),
                   ("damaged",)),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_word_files_give_one_clear_line(tmp_path, case):
    make, words = BAD[case]
    (tmp_path / "secret.txt").write_text("TOP-SECRET", "utf-8")
    path = tmp_path / "bad.docx"
    path.write_bytes(make(tmp_path))
    proc = lawlint(str(path))
    assert_one_error(proc, str(path), *words)
    assert "TOP-SECRET" not in out(proc) + err(proc)


def test_max_size_bounds_the_file_and_its_unpacked_parts(tmp_path):
    path = tmp_path / "big.docx"
    path.write_bytes(lines_docx(["正文" * 200] * 400))  # ~40 KB zipped, ~1.3 MB unpacked
    assert_one_error(lawlint("--max-size", "20KB", str(path)), "size limit 20KB")
    assert_one_error(lawlint("--max-size", "100KB", str(path)), "size limit 100KB",
                     "once unpacked")
    assert lawlint("--max-size", "2MB", "--select", "LL1", str(path)).returncode == 0


def test_python_docx_parser_resolves_no_entities_and_no_network():
    from docx.oxml.parser import oxml_parser

    set_max_size(50 * 1024 * 1024)
    secret_free = _replace_part(lines_docx(["x"]), "word/document.xml",
                                b"<w:document xmlns:w='http://schemas.openxmlformats.org/"
                                b"wordprocessingml/2006/main'><w:body/></w:document>")
    assert read_docx(secret_free, "t.docx").text == ""
    assert oxml_parser.resolvers is not None  # an lxml parser …
    probe = b"<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/hostname'>]><a>&e;</a>"
    from lxml import etree

    assert etree.fromstring(probe, oxml_parser).text is None  # … that leaves &e; unread


def test_word_findings_never_offer_fix(tmp_path: Path) -> None:
    """--fix refuses a Word file, so its fixable findings are not marked [*] or counted as
    fixable in the text summary."""
    path = tmp_path / "报告.docx"
    path.write_bytes(lines_docx(["一、主要举措", "全年开展培训4次,效果良好。"]))
    proc = lawlint("--no-config", "--select", "LL603", str(path))
    assert "LL603" in out(proc) and "[*]" not in out(proc) and "--fix" not in out(proc)
