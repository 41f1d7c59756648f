"""Formats by content: Word, old formats through LibreOffice, PDF refused, and never a silent
pass over a folder (skipped files named, a run that lints nothing exits 2)."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path

import pytest

from lawlint.cli import main
from lawlint.errors import set_lang
from lawlint.readers import convert, read_path, sniff
from lawlint.readers.text import Source

MISSING_NUMBER = "一、主要举措\n（一）加强学习\n正文。\n（）规范执法\n正文。\n"  # LL101 on line 4
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def word_reader(monkeypatch) -> None:
    """The Word reader: the real one once it is on this branch, else a stand-in that reads the
    paragraphs' text (this file tests the hand-off, not the reader)."""
    if importlib.util.find_spec("lawlint.readers.docx") is not None:
        return
    stand_in = types.ModuleType("lawlint.readers.docx")

    def read_docx(data: bytes, path: str) -> Source:
        import docx

        paragraphs = docx.Document(io.BytesIO(data)).paragraphs
        return Source(path, "\n".join(p.text for p in paragraphs), "utf-8")

    stand_in.read_docx = read_docx  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lawlint.readers.docx", stand_in)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """The folder conversions make their temporary folders in (checked empty afterwards)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def no_soffice(tmp_path, monkeypatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def lawlint(capsys, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (so the word_reader stand-in is seen): exit code, out, err."""
    with pytest.raises(SystemExit) as done:
        main(["--select", "LL101", *args])
    set_lang("zh")
    captured = capsys.readouterr()
    return done.value.code, captured.out, captured.err


def run(*args: str, cwd: Path | None = None, path: str | None = None):
    env = {**os.environ, "NO_COLOR": "1", **({"PATH": path} if path is not None else {})}
    return subprocess.run([sys.executable, "-m", "lawlint", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=60)


@pytest.fixture(scope="module")
def old_formats(tmp_path_factory) -> dict[str, bytes]:
    """The MISSING_NUMBER report as .doc, .odt and .rtf, made by LibreOffice from a .docx."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("old-formats")
    (folder / "report.docx").write_bytes(docx_bytes(MISSING_NUMBER))
    made = {}
    for kind in ("doc", "odt", "rtf"):
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={(folder / 'p').as_uri()}",
                        "--convert-to", kind, "--outdir", str(folder), str(folder / "report.docx")],
                       capture_output=True, timeout=120, check=True)
        made[kind] = (folder / f"report.{kind}").read_bytes()
    return made


# --- by content, not by name -------------------------------------------------------------------
def test_formats_are_told_by_content():
    assert sniff(docx_bytes("正文")) == "docx"
    assert sniff(OLE + bytes(500) + "EncryptedPackage".encode("utf-16-le")) == "encrypted"
    assert sniff(b"\n%PDF-1.7\n") == "pdf"
    assert sniff(MISSING_NUMBER.encode()) == sniff(b"") == "text"


def test_libreoffice_files_are_told_by_content(old_formats):
    assert [sniff(old_formats[kind]) for kind in ("doc", "odt", "rtf")] == ["ole", "odt", "rtf"]


def test_a_word_file_named_txt_is_read_as_word(tmp_path, word_reader, capsys):
    report = tmp_path / "report.txt"
    report.write_bytes(docx_bytes(MISSING_NUMBER))
    assert read_path(report, "report.txt").text.splitlines()[3] == "（）规范执法"
    code, out, err = lawlint(capsys, str(report))
    assert code == 1 and f"{report}:" in out and "LL101" in out, err


def test_a_text_file_named_docx_is_read_as_text(tmp_path):
    report = tmp_path / "report.docx"
    report.write_text(MISSING_NUMBER, encoding="utf-8")
    proc = run("--select", "LL101", str(report))  # a subprocess: python-docx is never needed
    assert proc.returncode == 1 and f"{report}:4:1: LL101" in proc.stdout, proc.stderr


# --- old formats -------------------------------------------------------------------------------
@needs_soffice
@pytest.mark.parametrize("kind", ["doc", "odt", "rtf"])
def test_old_formats_are_converted_and_the_findings_name_the_original(
        tmp_path, old_formats, word_reader, private_tmp, capsys, kind):
    report = tmp_path / f"报告.{kind}"
    report.write_bytes(old_formats[kind])
    code, out, err = lawlint(capsys, str(report))
    assert code == 1, err
    assert [line.split(": ")[0].rsplit(":", 2)[0] for line in out.splitlines() if "LL101" in line] \
        == [str(report)]
    assert list(private_tmp.iterdir()) == []  # the conversion's folder is gone


@pytest.mark.parametrize("kind,name", [("doc", "old Word/WPS format"), ("odt", "OpenDocument"),
                                       ("rtf", "RTF")])
def test_without_libreoffice_an_old_format_is_one_clear_line(tmp_path, no_soffice, capsys, kind,
                                                             name):
    report = tmp_path / f"report.{kind}"
    report.write_bytes({"doc": OLE + bytes(600), "odt": b"PK\x03\x04" + bytes(26) + b"mimetype"
                        b"application/vnd.oasis.opendocument.text", "rtf": b"{\\rtf1 x}"}[kind])
    code, out, err = lawlint(capsys, "--lang", "en", str(report))
    assert code == 2 and out == ""
    assert err.startswith(f"lawlint: error: {report}: ")
    assert err.count("\n") == 1 and name in err and "save it as .docx, or install LibreOffice" in err
    code, _, err = lawlint(capsys, str(report))
    assert code == 2 and "请另存为 .docx 后再检查，或安装 LibreOffice" in err and err.count("\n") == 1


def test_an_encrypted_word_file_is_refused_unconverted(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(convert, "convert_to_docx", lambda *_: pytest.fail("converted"))
    report = tmp_path / "report.docx"
    report.write_bytes(OLE + bytes(1000) + "EncryptedPackage".encode("utf-16-le") + bytes(100))
    code, out, err = lawlint(capsys, "--lang", "en", str(report))
    assert code == 2 and err == (f"lawlint: error: {report}: a password-protected Word file; remove "
                                 "the password and save it again\n")
    assert "取消密码" in lawlint(capsys, str(report))[2]


@needs_soffice
def test_a_conversion_over_time_is_stopped_and_cleaned_up(tmp_path, old_formats, private_tmp,
                                                          monkeypatch, capsys):
    monkeypatch.setattr(convert, "TIMEOUT", 0.05)
    report = tmp_path / "report.doc"
    report.write_bytes(old_formats["doc"])
    code, _, err = lawlint(capsys, "--lang", "en", str(report))
    assert code == 2 and "took over 0.05 s" in err and err.count("\n") == 1
    assert list(private_tmp.iterdir()) == []


def test_a_pdf_is_never_linted_whatever_its_name(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes(b"%PDF-1.7\n" + MISSING_NUMBER.encode())
    proc = run("--lang", "en", "--format", "json", str(report))
    assert proc.returncode == 2
    assert proc.stderr == f"lawlint: error: {report}: PDF is not supported yet; lint the Word " \
                          "(.docx) or text version of the report\n"
    assert json.loads(proc.stdout)["files"] == [
        {"path": str(report), "error": "PDF is not supported yet; lint the Word (.docx) or text "
                                       "version of the report"}]


# --- folders: never a silent pass -------------------------------------------------------------
def test_a_folder_of_only_pdfs_exits_2_and_names_them(tmp_path):
    for name in ("一.pdf", "二.PDF"):
        (tmp_path / name).write_bytes(b"%PDF-1.7\n")
    proc = run(str(tmp_path))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"lawlint: 注意：跳过 {tmp_path / '一.pdf'}：PDF 文件暂不支持",
        f"lawlint: 注意：跳过 {tmp_path / '二.PDF'}：PDF 文件暂不支持",
        "lawlint: 错误：没有检查任何报告：未找到可检查的 .txt、.md、.docx 等文件（见 --include）"]
    proc = run("--lang", "en", "--format", "json", str(tmp_path))
    assert proc.returncode == 2 and json.loads(proc.stdout)["summary"]["files"] == 0
    assert proc.stderr.splitlines()[-1] == "lawlint: error: no report linted: found no .txt, .md, " \
                                           ".docx … file to lint (see --include)"


def test_an_empty_folder_exits_2(tmp_path):
    proc = run("--lang", "en", str(tmp_path))
    assert proc.returncode == 2 and proc.stdout == "" and "no report linted" in proc.stderr


def test_extensions_match_whatever_their_case(tmp_path):
    for name in ("A.TXT", "B.Md", "c.txt", "D.DOCX", "e.Doc"):
        (tmp_path / name).write_text(MISSING_NUMBER, encoding="utf-8")  # all text inside
    proc = run("--format", "json", "--select", "LL101", str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    assert sorted(Path(f["path"]).name for f in json.loads(proc.stdout)["files"]) == [
        "A.TXT", "B.Md", "D.DOCX", "c.txt", "e.Doc"]
    proc = run("--format", "json", "--exclude", "*.TXT", "--include", "*.MD", str(tmp_path))
    assert [Path(f["path"]).name for f in json.loads(proc.stdout)["files"]] == ["B.Md"]


def test_a_folder_notes_what_it_skips_and_lints_the_rest(tmp_path):
    (tmp_path / "report.txt").write_text(MISSING_NUMBER, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "old.doc").write_bytes(OLE + bytes(600))
    empty = tmp_path / "bin"
    empty.mkdir()
    proc = run("--lang", "en", "--select", "LL101", str(tmp_path), path=str(empty))
    assert proc.returncode == 1 and f"{tmp_path / 'report.txt'}:4:1: LL101" in proc.stdout
    assert proc.stderr.splitlines() == [
        f"lawlint: note: skipped {tmp_path / 'old.doc'}: an old Word/WPS format (.doc/.wps); save it "
        "as .docx, or install LibreOffice to lint it as it is",
        f"lawlint: note: skipped {tmp_path / 'scan.pdf'}: PDF is not supported yet"]
    proc = run("--exclude", "*.pdf,*.doc", str(tmp_path), path=str(empty))
    assert proc.stderr == ""  # excluded on purpose: not mentioned


def test_a_folder_includes_word_files(tmp_path, word_reader, capsys):
    (tmp_path / "报告.docx").write_bytes(docx_bytes(MISSING_NUMBER))
    code, out, err = lawlint(capsys, "--format", "json", str(tmp_path))
    assert code == 1, err
    assert [f["path"] for f in json.loads(out)["files"]] == [str(tmp_path / "报告.docx")]
