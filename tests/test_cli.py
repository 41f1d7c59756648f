"""End-to-end tests of the `lawlint` command: inputs, config, outputs, exit codes, --fix."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES

GOOD = (EXAMPLES / "clean-report.txt").read_text(encoding="utf-8")
MISSING_NUMBER = "一、主要举措\n（一）加强学习\n正文。\n（）规范执法\n正文。\n"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "lawlint", *args], input=stdin,
                          capture_output=True, cwd=cwd, env=env)


def out(proc) -> str:
    return proc.stdout.decode("utf-8")


def err(proc) -> str:
    return proc.stderr.decode("utf-8")


# --- input ---------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                          ("utf-16", b""), ("gb18030", b""), ("gbk", b"")])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_and_newlines_keep_line_numbers(tmp_path, encoding, bom, newline):
    path = tmp_path / "r.txt"
    path.write_bytes(bom + MISSING_NUMBER.replace("\n", newline).encode(encoding))
    proc = run("--select", "LL101", "--format", "json", str(path))
    finding = json.loads(out(proc))["files"][0]["findings"][0]
    assert (finding["line"], finding["column"], finding["end_column"]) == (4, 1, 3)
    assert proc.returncode == 1


def test_undecodable_file_is_an_error_and_others_still_lint(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8 broken" + bytes(range(0x80, 0x90)) * 3)
    bad.write_bytes(bytes([0x81, 0x30, 0xff, 0xff, 0xc0]))
    good = tmp_path / "good.txt"
    good.write_text(MISSING_NUMBER, encoding="utf-8")
    proc = run("--format", "json", str(bad), str(good))
    assert proc.returncode == 2
    assert err(proc).startswith(f"lawlint: 错误：{bad}: ")
    assert "Traceback" not in err(proc)
    files = json.loads(out(proc))["files"]
    assert [f["path"] for f in files if "error" not in f] == [str(good)]
    assert [f["path"] for f in files if "error" in f] == [str(bad)]  # listed, never dropped


def test_missing_file_and_binary_file(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02")
    proc = run(str(tmp_path / "nope.txt"), str(binary))
    assert proc.returncode == 2
    assert "nope.txt: 找不到文件或目录" in err(proc) and "二进制文件" in err(proc)
    english = run("--lang", "en", str(tmp_path / "nope.txt"), str(binary))
    assert "nope.txt: no such file or directory" in err(english) and "binary file" in err(english)


def test_forced_encoding(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(MISSING_NUMBER.encode("gb18030"))
    assert run("--encoding", "gb18030", "--select", "LL101", str(path)).returncode == 1
    bad = run("--lang", "en", "--encoding", "nonsense-codec", str(path))
    assert bad.returncode == 2 and "unknown encoding" in err(bad)


@pytest.mark.parametrize("content", ["", "   \n\n \t\n"])
def test_empty_files_are_linted(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    proc = run("--format", "json", str(path))
    assert proc.returncode in (0, 1)
    assert json.loads(out(proc))["files"][0]["path"] == str(path)


def test_stdin(tmp_path):
    proc = run("--select", "LL101", "-", stdin=MISSING_NUMBER.encode("utf-8"))
    assert proc.returncode == 1
    assert out(proc).startswith("<stdin>:4:1: LL101 [error]")
    named = run("--select", "LL101", "--stdin-filename", "r.txt", "-",
                stdin=MISSING_NUMBER.encode())
    assert out(named).startswith("r.txt:4:1:")


def test_directories_recursive_with_include_and_exclude(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.md", "a/b/skip.rst", "a/old-three.txt"):
        (tmp_path / name).write_text(MISSING_NUMBER, encoding="utf-8")
    proc = run("--format", "json", "a", cwd=tmp_path)
    paths = sorted(f["path"] for f in json.loads(out(proc))["files"])
    assert paths == ["a/b/two.md", "a/old-three.txt", "a/one.txt"]
    proc = run("--format", "json", "--exclude", "old-*", "--include", "*.txt", "a", cwd=tmp_path)
    assert [f["path"] for f in json.loads(out(proc))["files"]] == ["a/one.txt"]


# --- output ------------------------------------------------------------------------------------
def test_text_output_sorted_with_summary_and_no_colour_when_piped():
    proc = run(str(EXAMPLES / "defective-report.txt"), "--no-config")
    lines = out(proc).splitlines()
    findings = [line for line in lines if ": LL" in line]
    numbers = [int(line.split(":")[1]) for line in findings]
    assert numbers == sorted(numbers) and len(findings) >= 8
    assert "\x1b[" not in out(proc)
    assert lines[-1].startswith("检查 1 个文件，发现")


def test_show_source_puts_carets_under_the_span():
    proc = run("--show-source", "--select", "LL101", "-", stdin=MISSING_NUMBER.encode())
    lines = out(proc).splitlines()
    assert lines[1:3] == ["    （）规范执法", "    ^^^^"]  # two full-width characters: 4 columns


def test_excerpt_of_a_long_line():
    from lawlint.reporters.text import excerpt
    from lawlint.rules import Finding

    text = "甲" * 50 + "错字" + "乙" * 50
    shown, carets = excerpt(text, Finding("LL605", "x", "warning", 1, 51, 1, 53, "m"))
    assert shown == "…" + "甲" * 20 + "错字" + "乙" * 20 + "…"
    assert carets == " " * 41 + "^^^^"


def test_statistics_count_rules_across_files():
    proc = run("--statistics", "--no-config", str(EXAMPLES / "defective-report.txt"),
               str(EXAMPLES / "defective-report.txt"))
    lines = out(proc).splitlines()
    assert lines[0].split()[:3] == ["6", "LL602", "web-residue"]  # 3 per copy, most frequent
    assert not any(": LL" in line for line in lines)
    assert proc.returncode == 1


def test_statistics_in_json_beside_the_findings():
    proc = run("--statistics", "--format", "json", "--no-config",
               str(EXAMPLES / "defective-report.txt"))
    data = json.loads(out(proc))
    findings = [f["rule"] for f in data["files"][0]["findings"]]
    assert data["statistics"] and findings
    assert {s["rule"]: s["count"] for s in data["statistics"]} == {
        code: findings.count(code) for code in findings}
    counts = [s["count"] for s in data["statistics"]]
    assert counts == sorted(counts, reverse=True)
    assert "statistics" not in json.loads(out(run("--format", "json", "--no-config",
                                                  str(EXAMPLES / "defective-report.txt"))))


@pytest.mark.parametrize("lang,words", [("zh", "只能用于"), ("en", "works with --format")])
def test_statistics_refused_where_a_format_cannot_show_them(lang, words):
    proc = run("--statistics", "--format", "junit", "--lang", lang, "--no-config",
               str(EXAMPLES / "defective-report.txt"))
    assert proc.returncode == 2 and proc.stdout == b""
    assert words in proc.stderr.decode("utf-8") and len(proc.stderr.splitlines()) == 1


def test_colour_always():
    proc = run("--color", "always", "--no-config", str(EXAMPLES / "defective-report.txt"))
    assert "\x1b[" in out(proc)


def test_json_shape():
    proc = run("--format", "json", "--no-config", str(EXAMPLES / "defective-report.txt"))
    data = json.loads(out(proc))
    assert set(data) == {"version", "files", "summary"}
    entry = data["files"][0]
    assert set(entry) == {"path", "profile", "report_year", "findings"}
    assert entry["profile"] == "fzzf-annual" and entry["report_year"] == 2024
    assert set(entry["findings"][0]) == {"rule", "name", "severity", "line", "column",
                                         "end_line", "end_column", "message", "fixable"}
    assert set(data["summary"]) == {"files", "error", "warning", "info"}
    assert data["summary"]["error"] == sum(f["severity"] == "error" for f in entry["findings"])


def test_junit_output_to_file(tmp_path):
    target = tmp_path / "report.xml"
    proc = run("--format", "junit", "--output", str(target), "--no-config",
               str(EXAMPLES / "defective-report.txt"), str(EXAMPLES / "clean-report.txt"))
    assert proc.returncode == 1 and out(proc) == ""
    root = ET.parse(target).getroot()
    suites = root.findall("testsuite")
    assert len(suites) == 2
    failures = suites[0].findall("testcase/failure")
    assert failures and all(":" in f.text for f in failures)
    assert not suites[1].findall("testcase/failure")
    assert len(suites[1].findall("testcase")) > 5


def test_junit_reports_unreadable_files_as_errors(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00binary")
    target = tmp_path / "out.xml"
    proc = run("--format", "junit", "-o", str(target), str(bad),
               str(EXAMPLES / "clean-report.txt"))
    assert proc.returncode == 2
    suites = ET.parse(target).getroot().findall("testsuite")
    assert len(suites) == 2
    error = suites[1].find("testcase/error")
    assert error is not None and "二进制文件" in error.get("message")


def test_english_messages():
    proc = run("--lang", "en", "--select", "LL101", "-", stdin=MISSING_NUMBER.encode())
    assert "heading has no number" in out(proc)
    assert "1 finding(s)" in out(proc)


# --- exit codes ----------------------------------------------------------------------------
def test_exit_codes_follow_fail_on(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("一、主要举措\n（一）学习\n（二）执法\n正文。\n", encoding="utf-8")  # LL204 only
    args = ("--select", "LL204", str(path))
    assert run(*args).returncode == 0
    assert run("--fail-on", "warning", *args).returncode == 1
    assert run("--fail-on", "info", *args).returncode == 1
    assert run("--fail-on", "never", "--select", "LL101", "-",
               stdin=MISSING_NUMBER.encode()).returncode == 0


def test_clean_example_exits_zero_defective_exits_one():
    assert run(str(EXAMPLES / "clean-report.txt")).returncode == 0
    assert run(str(EXAMPLES / "defective-report.txt")).returncode == 1


@pytest.mark.parametrize("args", [["--format", "xml", "x.txt"], ["--fail-on", "bad", "x.txt"],
                                  ["--select", "LL999", "-"], ["explain", "LL999"], []])
def test_usage_errors_exit_two_without_traceback(args):
    proc = run(*args, stdin=b"")
    assert proc.returncode == 2
    assert "Traceback" not in err(proc)


# --- config ----------------------------------------------------------------------------------
def test_config_found_upward_and_cli_overrides(tmp_path):
    (tmp_path / ".lawlint.yaml").write_text("select: [LL204]\nseverity: {LL204: error}\n",
                                            encoding="utf-8")
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    path = sub / "r.txt"
    path.write_text("一、主要举措\n（一）学习\n（二）执法\n正文。\n（）宣传\n正文。\n", encoding="utf-8")
    data = json.loads(out(run("--format", "json", str(path))))
    assert [(f["rule"], f["severity"]) for f in data["files"][0]["findings"]] == [
        ("LL204", "error")]
    data = json.loads(out(run("--format", "json", "--select", "LL1", str(path))))
    assert {f["rule"] for f in data["files"][0]["findings"]} == {"LL101"}
    data = json.loads(out(run("--format", "json", "--no-config", "--select", "LL2",
                              str(path))))
    assert all(f["severity"] != "error" or f["rule"] != "LL204"
               for f in data["files"][0]["findings"])


def test_folder_config_governs_which_files_are_found(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / ".lawlint.yaml").write_text("exclude: ['draft-*']\n", encoding="utf-8")
    for name in ("final.txt", "draft-1.txt"):
        (folder / name).write_text(MISSING_NUMBER, encoding="utf-8")
    data = json.loads(out(run("--format", "json", "reports", cwd=tmp_path)))
    assert [f["path"] for f in data["files"]] == ["reports/final.txt"]


def test_per_file_ignores_and_rule_options(tmp_path):
    (tmp_path / ".lawlint.yaml").write_text(
        "select: [LL101, LL204]\nper-file-ignores:\n  'drafts/*.txt': [LL1]\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    for name in ("drafts/a.txt", "b.txt"):
        (tmp_path / name).write_text(MISSING_NUMBER, encoding="utf-8")
    data = json.loads(out(run("--format", "json", "drafts/a.txt", "b.txt", cwd=tmp_path)))
    rules = {f["path"]: {x["rule"] for x in f["findings"]} for f in data["files"]}
    assert rules == {"drafts/a.txt": set(), "b.txt": {"LL101"}}


@pytest.mark.parametrize("content,needle", [
    ("colour: red\n", "未知的键 'colour'"),
    ("fail-on: sometimes\n", "fail-on"),
    ("severity: {LL101: fatal}\n", "severity.LL101"),
    ("select: [LL9]\n", "select"),
    ("rules: {LL101: {nope: 1}}\n", "没有选项 'nope'"),
    ("rules: {LL999: {}}\n", "rules.LL999"),
    ("profile: nowhere\n", "未知的 profile"),
    ("select: [LL1\n", "YAML 格式错误"),
    ("- just\n- a list\n", "应为映射"),
])
def test_bad_config_exits_two_naming_file_and_key(tmp_path, content, needle):
    config = tmp_path / ".lawlint.yaml"
    config.write_text(content, encoding="utf-8")
    (tmp_path / "r.txt").write_text(GOOD, encoding="utf-8")
    proc = run("r.txt", cwd=tmp_path)
    assert proc.returncode == 2, err(proc)
    message = err(proc).strip()
    assert message.startswith("lawlint: 错误：") and needle in message
    assert len(message.splitlines()) == 1
    forced = run("--config", str(config), str(EXAMPLES / "clean-report.txt"))
    assert forced.returncode == 2


def test_profile_by_path_and_profiles_command():
    proc = run("--profile", str(EXAMPLES / "township-profile.yaml"), "--select", "LL201",
               str(EXAMPLES / "clean-report.txt"))
    assert proc.returncode == 1 and "典型案例" in out(proc)
    listing = run("profiles", "--config", str(EXAMPLES / ".lawlint.yaml"))
    assert "fzzf-annual" in out(listing) and "township-annual" in out(listing)


# --- discoverability -----------------------------------------------------------------------
def test_rules_and_explain():
    listing = out(run("rules"))
    assert "LL101  numbering-sequence" in listing and "fixable" in listing
    explained = run("explain", "section-missing")
    assert explained.returncode == 0
    assert out(explained).startswith("LL201 section-missing  [error]")
    assert "示例" in out(explained) and "为什么" in out(explained)


RULES_EN = "LL101  numbering-sequence     error    fixable  Heading numbers out of sequence"


@pytest.mark.parametrize("args", [("rules", "--lang", "en"), ("--lang", "en", "rules"),
                                  ("--lang=en", "rules")])
def test_rules_in_english(args):
    proc = run(*args)
    assert proc.returncode == 0 and RULES_EN in out(proc)
    assert "标题编号" not in out(proc)


@pytest.mark.parametrize("args", [("explain", "LL201", "--lang", "en"),
                                  ("--lang=en", "explain", "LL201"),
                                  ("--lang", "en", "explain", "section-missing")])
def test_explain_in_english(args):
    proc = run(*args)
    assert proc.returncode == 0
    assert out(proc).startswith("LL201 section-missing  [error]\n\nA part the profile requires")
    assert "Why: " in out(proc) and "Example (error)::" in out(proc) and "为什么" not in out(proc)


def test_explain_options_and_profiles_follow_the_language():
    assert "Options (.lawlint.yaml → rules: {LL302: {…}}):" in out(run("explain", "LL302",
                                                                         "--lang", "en"))
    assert "选项（.lawlint.yaml → rules: {LL302: {…}}）：" in out(run("explain", "LL302"))
    assert "required: measures taken and their results, " in out(run("--lang", "en", "profiles"))
    assert "必备：主要举措和成效、" in out(run("profiles"))


def test_rules_json_summary_in_english():
    listed = json.loads(out(run("rules", "--format", "json", "--lang", "en")))
    assert listed[0]["summary"].startswith("Heading numbers out of sequence")
    assert set(listed[0]) == {"code", "name", "severity", "fixable", "summary"}


def test_rules_and_explain_follow_the_config_language(tmp_path):
    (tmp_path / ".lawlint.yaml").write_text("lang: en\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert RULES_EN in out(run("rules", cwd=tmp_path / "sub"))  # found from the folders above
    assert "Why: " in out(run("explain", "LL201", cwd=tmp_path))
    assert "为什么" in out(run("explain", "LL201", "--lang", "zh", cwd=tmp_path))  # --lang wins
    unknown = run("explain", "LL999", cwd=tmp_path)
    assert unknown.returncode == 2
    assert err(unknown) == "lawlint: error: unknown rule 'LL999' (see `lawlint rules`)\n"


def test_rules_with_a_bad_config_is_one_error_line(tmp_path):
    (tmp_path / ".lawlint.yaml").write_text("lang: fr\n", encoding="utf-8")
    proc = run("rules", cwd=tmp_path)
    assert proc.returncode == 2 and out(proc) == ""
    assert err(proc).startswith("lawlint: 错误：") and "lang" in err(proc)
    assert len(err(proc).splitlines()) == 1


def test_unknown_rule_in_english_is_one_error_line():
    proc = run("--lang", "en", "explain", "no-such-rule")
    assert proc.returncode == 2 and out(proc) == ""
    assert err(proc) == "lawlint: error: unknown rule 'no-such-rule' (see `lawlint rules`)\n"


def test_lang_before_check_and_a_file_named_like_a_command(tmp_path):
    (tmp_path / "rules").write_text(MISSING_NUMBER, encoding="utf-8")
    proc = run("--lang", "en", "check", "--select", "LL101", "rules", cwd=tmp_path)
    assert proc.returncode == 1 and "heading has no number" in out(proc)
    english = run("--lang", "en", "--select", "LL101", "rules", cwd=tmp_path)  # no subcommand
    assert english.returncode == 1 and "heading has no number" in out(english)


# --- fixing ----------------------------------------------------------------------------------
def test_fix_writes_same_encoding_and_newlines(tmp_path):
    path = tmp_path / "r.txt"
    original = MISSING_NUMBER.replace("\n", "\r\n").encode("gb18030")
    path.write_bytes(original)
    proc = run("--fix", "--select", "LL101", str(path))
    assert proc.returncode == 0, out(proc) + err(proc)
    fixed = path.read_bytes()
    assert fixed == original.replace("（）".encode("gb18030"), "（二）".encode("gb18030"))
    assert "已自动修复 1 处" in out(proc)
    assert run("--fix", "--select", "LL101", str(path)).returncode == 0
    assert path.read_bytes() == fixed


def test_fix_keeps_utf8_bom(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(codecs.BOM_UTF8 + MISSING_NUMBER.encode())
    run("--fix", str(path))
    assert path.read_bytes().startswith(codecs.BOM_UTF8 + "一、".encode())
    assert "（二）规范执法" in path.read_text(encoding="utf-8-sig")


def test_diff_prints_and_writes_nothing(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(MISSING_NUMBER, encoding="utf-8")
    proc = run("--diff", "--select", "LL101", str(path))
    assert proc.returncode == 1
    assert "-（）规范执法" in out(proc) and "+（二）规范执法" in out(proc)
    assert path.read_text(encoding="utf-8") == MISSING_NUMBER


def test_fix_from_stdin_prints_fixed_text():
    proc = run("--fix", "--select", "LL101", "-", stdin=MISSING_NUMBER.encode())
    assert out(proc) == MISSING_NUMBER.replace("（）", "（二）")


def test_failed_write_is_reported_and_file_left_alone(tmp_path, monkeypatch, capsys):
    """Simulates a write failure (tests run as root, where chmod does not stop writes)."""
    from lawlint import cli

    path = tmp_path / "r.txt"
    path.write_text(MISSING_NUMBER, encoding="utf-8")

    def refuse(*_args, **_kwargs):  # every os.replace: the report's and the cache's alike
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cli.os, "replace", refuse)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--fix", str(path)])
    assert exit_info.value.code == 2
    assert "无法写入：没有权限" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == MISSING_NUMBER
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]  # no temporary file left behind


def test_internal_error_is_one_line(monkeypatch, capsys):
    from lawlint import cli, engine

    def explode(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "lint_source", explode)
    with pytest.raises(SystemExit) as exit_info:
        cli.main([str(EXAMPLES / "clean-report.txt")])
    assert exit_info.value.code == 2
    message = capsys.readouterr().err
    assert message == "lawlint: 错误：内部错误：RuntimeError: boom（加 --debug 查看详情）\n"
    with pytest.raises(RuntimeError):
        cli.main(["--debug", str(EXAMPLES / "clean-report.txt")])


def test_defective_example_shows_the_rules():
    from lawlint.rules import all_rules

    data = json.loads(out(run("--format", "json", "--no-config",
                              str(EXAMPLES / "defective-report.txt"))))
    shown = {f["rule"] for f in data["files"][0]["findings"]}
    # a report cannot lack a year or a signature and show the rules about them at once
    needs_other_report = {"LL400", "LL401", "LL501", "LL502"}
    needs_docx = {code for code in all_rules() if code.startswith("LL7")}  # layout: Word only
    assert set(all_rules()) - needs_other_report - needs_docx <= shown


def test_fix_all_rules_on_gb18030_crlf_file(tmp_path):
    text = ("青石镇关于2024年度法治政府建设情况的报告\n扫一扫在手机打开当前页\n"
            "2024年,我镇开展培训4 次。\n(一)加强学习\n")
    path = tmp_path / "r.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    run("--fix", str(path))
    data = path.read_bytes()
    fixed = data.decode("gb18030")
    assert data.count(b"\r\n") == fixed.count("\n") == 3 and b"\n" not in data.replace(b"\r\n", b"")
    assert "扫一扫" not in fixed
    assert "2024年，我镇开展培训4次。" in fixed and "（一）加强学习" in fixed


def test_each_output_format_has_its_own_reporter_module_loaded_alone() -> None:
    """--format's choices are the reporter modules, and a run imports only the chosen one."""
    from lawlint.cli import check
    from lawlint.reporters import FORMATS

    choices = next(p for p in check.params if p.name == "fmt").type.choices
    assert tuple(choices) == FORMATS
    code = ("import sys\nfrom lawlint.cli import main\n"
            "try:\n    main(['--no-config', '--format', 'json', '-'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('lawlint.reporters.')),"
            " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], input="一、总体情况\n", capture_output=True,
                          text=True, encoding="utf-8")
    assert done.stderr.strip().splitlines()[-1] == "['lawlint.reporters.json']"


@pytest.mark.parametrize("args,zh,en", [
    (("--config", "{tmp}/absent.yaml", "x.txt"), "配置文件不存在", "config file not found"),
    (("--config", "{tmp}", "x.txt"), "配置文件不是普通文件", "config file is not a regular file"),
    (("profiles", "--config", "{tmp}/absent.yaml"), "配置文件不存在", "config file not found"),
])
def test_path_errors_follow_the_language(tmp_path, args, zh, en) -> None:
    """lawlint checks a path itself: click's English "does not exist" never shows."""
    given = [a.format(tmp=tmp_path) for a in args]
    for lang, reason in (("zh", zh), ("en", en)):
        proc = run(*(["--lang", lang] if lang == "en" else []), *given, cwd=tmp_path)
        assert proc.returncode == 2
        assert reason in err(proc) and err(proc).count("\n") == 1, err(proc)


def test_summary_never_says_clean_when_a_file_failed(tmp_path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for lang, clean, missed in (("zh", "未发现问题", "1 个文件未能检查"),
                                ("en", "no findings", "1 file(s) not checked")):
        proc = run("--no-config", "--lang", lang, "good.txt", "absent.txt", cwd=tmp_path)
        assert proc.returncode == 2
        assert clean not in out(proc) and missed in out(proc), out(proc)


def test_rules_prints_each_whole_first_sentence() -> None:
    listing = out(run("rules"))
    assert "月日不补零，无空格，如“2024年1月29日”。" in listing  # LL504's sentence wraps
