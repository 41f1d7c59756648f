"""--annotate: a copy of a Word file with one comment per finding on the finding's text, the
original never written, the copy's text the original's, and LibreOffice opening it."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx_builder import Docx, abstract, level, lines_docx, num, para, run
from test_inputs import assert_one_error, err, out
from test_inputs import run as lawlint

from lawlint.annotate import annotated_docx
from lawlint.readers.docx import read_docx
from lawlint.rules import Finding

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE = Path(__file__).parent.parent / "examples" / "defective-report.txt"
BOLD_BIG = '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>'


def example_docx(tmp_path: Path, name: str = "报告.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(lines_docx(EXAMPLE.read_text(encoding="utf-8").split("\n")))
    return path


def document_xml(data: bytes):
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def anchored(data: bytes) -> dict[int, str]:
    """The displayed text between each comment's range start and end (paragraphs joined by
    a newline), by comment id."""
    texts: dict[int, list[str]] = {}
    open_ids: set[int] = set()
    for element in document_xml(data).iter():
        tag = element.tag
        if tag == W + "commentRangeStart":
            open_ids.add(int(element.get(W + "id")))
            texts.setdefault(int(element.get(W + "id")), [])
        elif tag == W + "commentRangeEnd":
            open_ids.discard(int(element.get(W + "id")))
        elif tag in (W + "t", W + "tab", W + "p"):
            piece = {W + "t": element.text or "", W + "tab": "\t", W + "p": "\n"}[tag]
            for comment in open_ids:
                texts[comment].append(piece)
    return {comment: "".join(pieces) for comment, pieces in texts.items()}


def comments(data: bytes) -> list[tuple[int, str, str, str]]:
    """(id, author, initials, text) of each comment, in order."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/comments.xml"))
    return [(int(c.get(W + "id")), c.get(W + "author"), c.get(W + "initials"),
             "".join(t.text or "" for t in c.iter(W + "t"))) for c in root.iter(W + "comment")]


def text_of(data: bytes) -> str:
    return read_docx(data, "t.docx").text


def finding(line: int, column: int, end_line: int, end_column: int) -> Finding:
    return Finding("LL999", "test", "warning", line, column, end_line, end_column, "测试")


def annotate(document: Docx, *findings: Finding) -> tuple[bytes, bytes]:
    """(original, annotated copy) of ``document`` with ``findings``."""
    original = document.build()
    body = read_docx(original, "t.docx").docx
    copy = annotated_docx(body, findings)
    assert text_of(copy) == text_of(original)
    return original, copy


# --- the CLI ---------------------------------------------------------------------------------
def test_one_comment_per_finding_on_its_text_original_untouched(tmp_path: Path):
    path = example_docx(tmp_path)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    proc = lawlint("--format", "json", "--annotate", str(path))
    assert proc.returncode == 1, err(proc)
    findings = json.loads(out(proc))["files"][0]["findings"]
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    copy = (tmp_path / "报告.lawlint.docx").read_bytes()
    assert text_of(copy) == text_of(before)
    lines = text_of(before).split("\n")
    found, spans = comments(copy), anchored(copy)
    assert len(found) == len(findings) > 20
    for (comment_id, author, initials, text), f in zip(found, findings, strict=True):
        assert (author, initials, text) == ("lawlint", "LL", f"{f['rule']} {f['message']}")
        if f["line"] == f["end_line"]:
            expected = lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]
        else:  # a whole line: from its start to the start of the next
            assert (f["column"], f["end_line"], f["end_column"]) == (1, f["line"] + 1, 1)
            expected = lines[f["line"] - 1]
        assert spans[comment_id] == expected, f


def test_comments_part_has_its_content_type_and_relationship(tmp_path: Path):
    path = example_docx(tmp_path, "r.docx")
    assert lawlint("--annotate", str(path)).returncode == 1
    with zipfile.ZipFile(tmp_path / "r.lawlint.docx") as archive:
        types = archive.read("[Content_Types].xml").decode()
        relations = archive.read("word/_rels/document.xml.rels").decode()
    assert 'PartName="/word/comments.xml"' in types and "comments+xml" in types
    assert "relationships/comments" in relations and 'Target="comments.xml"' in relations


def test_existing_copy_replaced_and_a_planted_symlink_not_followed(tmp_path: Path):
    path = example_docx(tmp_path, "r.docx")
    path.chmod(0o600)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (tmp_path / "r.lawlint.docx").symlink_to(victim)
    assert lawlint("--annotate", str(path)).returncode == 1
    copy = tmp_path / "r.lawlint.docx"
    assert victim.read_text(encoding="utf-8") == "keep"
    assert not copy.is_symlink() and comments(copy.read_bytes())
    assert copy.stat().st_mode & 0o777 == 0o600  # a new copy is as private as the original
    copy.write_bytes(b"stale")
    assert lawlint("--annotate", str(path)).returncode == 1
    assert comments(copy.read_bytes())


def test_annotate_dir_mirrors_folders_and_copies_are_not_linted_again(tmp_path: Path):
    reports = tmp_path / "reports"
    (reports / "a").mkdir(parents=True)
    (reports / "b").mkdir()
    example_docx(reports / "a", "报告.docx")
    example_docx(reports / "b", "报告.docx")
    proc = lawlint("--annotate-dir", "marked", "reports", cwd=tmp_path)
    assert proc.returncode == 1, err(proc)
    copies = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "marked").rglob("*"))
    assert copies == ["marked/reports", "marked/reports/a", "marked/reports/a/报告.lawlint.docx",
                      "marked/reports/b", "marked/reports/b/报告.lawlint.docx"]
    assert sorted(p.name for p in (reports / "a").iterdir()) == ["报告.docx"]
    assert lawlint("--annotate", "reports", cwd=tmp_path).returncode == 1
    proc = lawlint("--format", "json", "reports", cwd=tmp_path)  # a re-run lints the reports
    assert [f["path"] for f in json.loads(out(proc))["files"]] == ["reports/a/报告.docx",
                                                                   "reports/b/报告.docx"]


def test_a_copy_never_replaces_an_input(tmp_path: Path):
    path = example_docx(tmp_path, "a.docx")
    shutil.copy(path, tmp_path / "a.lawlint.docx")
    before = (tmp_path / "a.lawlint.docx").read_bytes()
    proc = lawlint("--annotate", "a.docx", "a.lawlint.docx", cwd=tmp_path)
    assert_one_error(proc, "a.lawlint.docx", "would replace the input")
    assert (tmp_path / "a.lawlint.docx").read_bytes() == before
    assert comments((tmp_path / "a.lawlint.lawlint.docx").read_bytes())


def test_text_files_get_a_note_fix_and_a_file_as_dir_an_error(tmp_path: Path):
    text = tmp_path / "r.txt"
    shutil.copy(EXAMPLE, text)
    proc = lawlint("--annotate", str(text))
    assert proc.returncode == 1 and "lawlint: note: --annotate applies to Word files only" in err(proc)
    assert "error" not in err(proc) and sorted(os.listdir(tmp_path)) == ["r.txt"]
    assert_one_error(lawlint("--annotate", "--fix", str(text)), "--annotate", "--fix")
    assert_one_error(lawlint("--annotate-dir", str(text), str(text)), "--annotate-dir",
                     "not a folder")
    assert_one_error(lawlint("--annotate", "--diff", str(text)), "--annotate", "--diff")


# --- anchoring -------------------------------------------------------------------------------
def test_split_runs_keep_their_formatting_and_overlapping_spans():
    document = Docx(body=[para(inner=run("其中办结率98%，群众满意", BOLD_BIG) + run("度高"))])
    _, copy = annotate(document, finding(1, 3, 1, 8), finding(1, 6, 1, 15), finding(1, 5, 1, 6))
    assert anchored(copy) == {0: "办结率98", 1: "98%，群众满意度", 2: "率"}
    runs = [r for r in document_xml(copy).iter(W + "r") if r.find(W + "t") is not None]
    assert "".join(r.find(W + "t").text for r in runs) == "其中办结率98%，群众满意度高"
    assert [r.find(W + "t").text for r in runs] == ["其中", "办结", "率", "98", "%，群众满意",
                                                     "度", "高"]
    for split in runs[:5]:  # both halves of a split keep the run's formatting
        properties = split.find(W + "rPr")
        assert properties.find(W + "b") is not None
        assert properties.find(W + "sz").get(W + "val") == "32"
    assert all(r.find(W + "rPr") is None for r in runs[5:])


def test_span_in_a_numbering_label_anchors_on_the_first_run():
    document = Docx(body=[para(inner=run("依法") + run("行政"), num_id=1)],
                    abstracts=[abstract(0, [level(0, "chineseCounting", "%1、")])],
                    nums=[num(1, 0)])
    original, copy = annotate(document, finding(1, 1, 1, 3), finding(1, 2, 1, 5))
    assert text_of(original) == "一、依法行政"
    assert anchored(copy) == {0: "依法", 1: "依法"}


def test_empty_spans_anchor_on_the_nearest_run_or_the_empty_paragraph():
    document = Docx(body=[para("第一段"), para(""), para(inner=run("甲乙") + run("丙丁"))])
    _, copy = annotate(document, finding(2, 1, 2, 1), finding(3, 4, 3, 4), finding(3, 9, 3, 9),
                       finding(99, 1, 99, 1), finding(0, 1, 0, 1))
    assert anchored(copy) == {0: "", 1: "丙丁", 2: "丙丁", 3: "丙丁", 4: "第一段"}
    empty = document_xml(copy).findall(f".//{W}p")[1]
    assert [child.tag for child in empty] == [W + "commentRangeStart", W + "commentRangeEnd",
                                              W + "r"]


def test_span_across_paragraphs():
    document = Docx(body=[para("第一段文字"), para("第二段文字")])
    _, copy = annotate(document, finding(1, 4, 2, 3))
    assert anchored(copy) == {0: "文字\n第二"}


def test_a_document_without_paragraphs_gets_an_empty_one():
    original, copy = annotate(Docx(body=[]), finding(1, 1, 1, 1))
    assert text_of(original) == text_of(copy) == "" and anchored(copy) == {0: ""}


# --- LibreOffice -----------------------------------------------------------------------------
def soffice_convert(files: list[Path], fmt: str, folder: Path) -> None:
    profile = (folder / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", fmt, "--outdir", str(folder / "out"), *map(str, files)],
                   capture_output=True, timeout=120, check=True)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_copy_with_every_comment(tmp_path: Path):
    path = example_docx(tmp_path, "r.docx")
    proc = lawlint("--format", "json", "--annotate", str(path))
    count = len(json.loads(out(proc))["files"][0]["findings"])
    copy = tmp_path / "r.lawlint.docx"
    soffice_convert([path, copy], "txt:Text", tmp_path)
    soffice_convert([copy], "odt", tmp_path)
    texts = [(tmp_path / "out" / name).read_text(encoding="utf-8-sig")
             for name in ("r.txt", "r.lawlint.txt")]
    assert texts[0] == texts[1] and "青石镇" in texts[0]
    with zipfile.ZipFile(tmp_path / "out" / "r.lawlint.odt") as archive:
        content = archive.read("content.xml").decode()
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == count
    assert content.count("<dc:creator>lawlint</dc:creator>") == count


def test_runs_with_tabs_in_hyperlinks_and_field_results():
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
             '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("12")
             + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    inner = (run("甲\t乙丙") + f'<w:hyperlink r:id="rId1">{run("链接文字")}</w:hyperlink>' + field)
    original, copy = annotate(Docx(body=[para(inner=inner)]), finding(1, 2, 1, 4),
                              finding(1, 6, 1, 8), finding(1, 9, 1, 10), finding(1, 4, 1, 7))
    assert text_of(original) == "甲\t乙丙链接文字12"
    assert anchored(copy) == {0: "\t乙", 1: "接文", 2: "1", 3: "丙链接"}
