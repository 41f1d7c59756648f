"""The standard streams: closed, full, non-Unicode locales, broken pipes; and text from reports
and file names escaped before it reaches a terminal, a CI page or an XML parser."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES

from lawlint.streams import encodable, visible

DEFECTIVE = str(EXAMPLES / "defective-report.txt")
LAWLINT = [sys.executable, "-m", "lawlint"]
# A report whose LL602 message and excerpt quote a line full of terminal controls.
INJECTED = ("某县2023年法治政府建设年度报告\n"
            "发布时间：2025-01-21 09:30\x1b]0;pwned\x07\x1b[2J\u202e\x9b\n"
            "一、主要举措\n正文。\n")
COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*m")
RAW_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", **extra}


def shell(command: str, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """`python -m lawlint` run by sh, for redirections like `>&-` ($0 is the Python)."""
    return subprocess.run(["sh", "-c", command, sys.executable, *args], capture_output=True,
                          env=env(**extra))


def run(*args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*LAWLINT, *args], capture_output=True, env=env(**extra))


def one_error_line(stderr: bytes, reason: str) -> None:
    text = stderr.decode("utf-8")
    assert text.count("\n") == 1 and "Traceback" not in text, text
    assert text.startswith("lawlint: 错误：标准输出：无法写入：") and reason in text, text


# --- broken standard streams ---------------------------------------------------------------
def test_closed_stdout_is_one_error_line():
    proc = shell('"$0" -m lawlint "$1" >&-', DEFECTIVE)
    assert proc.returncode == 2
    one_error_line(proc.stderr, "已关闭")


def test_closed_stdout_is_fine_when_the_report_goes_to_a_file(tmp_path):
    proc = shell('"$0" -m lawlint -o "$1" "$2" >&-', str(tmp_path / "out.txt"), DEFECTIVE)
    assert (proc.returncode, proc.stderr) == (1, b"")
    assert "LL101" in (tmp_path / "out.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [[DEFECTIVE], ["--help"], ["rules"], ["--fix", "-"]])
def test_full_disk_on_stdout_is_one_error_line(args):
    with open("/dev/full", "wb") as full, open(DEFECTIVE, "rb") as stdin:
        proc = subprocess.run([*LAWLINT, *args], stdin=stdin, stdout=full,
                              stderr=subprocess.PIPE, env=env())
    assert proc.returncode == 2
    one_error_line(proc.stderr, "磁盘空间已满")


def test_broken_pipe_stays_quiet():
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before lawlint writes a byte
    try:
        proc = subprocess.run([*LAWLINT, DEFECTIVE], stdout=write_end, stderr=subprocess.PIPE,
                              env=env())
    finally:
        os.close(write_end)
    assert proc.stderr == b""
    assert proc.returncode in (0, 1)


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"])
def test_unusable_stderr_keeps_the_exit_code(redirect):
    if "full" in redirect and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    proc = shell(f'"$0" -m lawlint "$1" "$2" {redirect}', "no-such-file.txt", DEFECTIVE)
    assert proc.returncode == 2  # the missing file, though nothing could say so
    assert "LL101" in proc.stdout.decode("utf-8")


# --- locales that cannot encode Chinese ----------------------------------------------------
LATIN = [{"PYTHONIOENCODING": "latin-1"},
         {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}]


@pytest.mark.parametrize("locale_env", LATIN, ids=["latin-1", "C"])
def test_non_unicode_locale_gets_utf8_on_both_streams(locale_env):
    proc = run(DEFECTIVE, "no-such-file.txt", **locale_env)
    assert proc.returncode == 2
    assert "标题缺少编号" in proc.stdout.decode("utf-8")
    assert proc.stderr.decode("utf-8") == "lawlint: 错误：no-such-file.txt: 找不到文件或目录\n"


@pytest.mark.parametrize("args,shown", [(["--help"], "法治政府"), (["rules"], "标题编号"),
                                        (["explain", "LL101"], "标题"), (["profiles"], "必备")])
def test_help_and_listings_in_a_latin1_locale(args, shown):
    proc = run(*args, **LATIN[0])
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert shown in proc.stdout.decode("utf-8")


# --- terminal injection --------------------------------------------------------------------
def test_controls_from_reports_and_names_are_escaped_colours_kept(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r\x1b[31m\u202e.txt").write_text(INJECTED, encoding="utf-8")
    proc = subprocess.run([*LAWLINT, "--show-source", "--color", "always", str(folder),
                           str(tmp_path / "gone\x07\x1b[2J.txt")], capture_output=True, env=env())
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert COLOUR_CODE.search(out)  # lawlint's own colours still work
    assert not RAW_CONTROLS.search(COLOUR_CODE.sub("", out).replace("\n", "")), out
    assert "r\\x1b[31m\\u202e.txt:" in out
    assert "09:30\\x1b]0;pwned\\x07\\x1b[2J\\u202e\\x9b" in out  # the excerpt
    assert not RAW_CONTROLS.search(err.rstrip("\n")) and "gone\\x07\\x1b[2J.txt" in err


def test_carets_stay_under_an_escaped_span():
    from lawlint.reporters.text import excerpt
    from lawlint.rules import Finding

    finding = Finding("LL602", "web-residue", "warning", 1, 3, 1, 5, "…")
    shown, carets = excerpt("ab\x1b\x07cd", finding)
    assert shown == "ab\\x1b\\x07cd"
    assert carets == "  " + "^" * len("\\x1b\\x07")


def test_visible_and_encodable():
    assert visible("a\tb\x1b\x07\x7f\x85\u202a\u2069\ufffe\udcff 中文") == \
        "a\tb\\x1b\\x07\\x7f\\x85\\u202a\\u2069\\ufffe\\xff 中文"
    assert visible("a\nb") == "a\\x0ab"
    assert encodable("bad\udcff\x1b.txt") == "bad\\xff\x1b.txt"  # json escapes the rest itself


# --- names and text that XML and UTF-8 cannot hold -----------------------------------------
def test_undecodable_names_and_xml_invalid_text_give_valid_junit_json_text(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    try:
        bad = Path(os.fsdecode(bytes(folder) + b"/bad\xff.txt"))
        bad.write_text(INJECTED.replace("正文。", "正文\x01\x0b\ufffe。"), encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("the filesystem refuses a name that is not UTF-8")
    junit = run("--format", "junit", str(folder))
    root = ET.fromstring(junit.stdout)
    assert any("bad\\xff.txt" in (case.get("file") or "") for case in root.iter("testcase"))
    data = json.loads(run("--format", "json", str(folder)).stdout.decode("utf-8"))
    assert data["files"][0]["path"].endswith("bad\\xff.txt")
    text = run(str(folder)).stdout.decode("utf-8")
    assert "bad\\xff.txt:" in text


def test_unreadable_file_with_controls_in_its_name_is_valid_junit(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "x\x01.txt").write_bytes(b"\x81\x30\xff\xff\xc0")  # cannot be decoded
    proc = run("--format", "junit", str(folder))
    assert proc.returncode == 2
    cases = [c for c in ET.fromstring(proc.stdout).iter("testcase") if c.find("error") is not None]
    assert [c.get("file") for c in cases] == [str(folder / "x\\x01.txt")]
