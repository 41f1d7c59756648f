"""Hostile .lawlint.yaml and profile content: every bad value is one clear line and exit 2.

lawlint runs in CI over folders other people control, so a config can be written to hurt:
alias bombs, 100,000-entry lists, 5,000-digit integers, NUL bytes, over-long paths, values of
every wrong type. None may crash, hang or eat memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

from lawlint import cli
from lawlint.config import load_config
from lawlint.model.packs import PackError

REPORT = EXAMPLES / "clean-report.txt"
PROFILE = (EXAMPLES / "township-profile.yaml").read_text(encoding="utf-8")
DIGITS = "1" * 5000


def run(*args: str, timeout: float) -> tuple[subprocess.CompletedProcess, float]:
    """`python -m lawlint ARGS` and how long it took."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "lawlint", *args], capture_output=True,
                          timeout=timeout, env={**os.environ, "NO_COLOR": "1"})
    return proc, time.monotonic() - start


def lint_with(config: Path, capsys, *extra: str) -> tuple[int, str]:
    """Run the CLI in-process on the clean report with ``config``: (exit code, stderr)."""
    with pytest.raises(SystemExit) as exited:
        cli.main(["--config", str(config), *extra, str(REPORT)])
    return exited.value.code, capsys.readouterr().err


def assert_one_clear_line(code: int, err: str, config: Path | None = None) -> None:
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "内部错误" not in err and "internal error" not in err
    if config is not None:
        assert err.startswith(f"lawlint: 错误：{config}"), err
    assert len(err) < 1000, err[:300]


# --- 1. alias bombs ------------------------------------------------------------------------------
def billion_laughs(levels: int = 10) -> str:
    anchors = ['&a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    anchors += [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return f"lang: [{', '.join(anchors)}]\n"  # lang's error echoes the value it got


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    config = tmp_path / "bomb.yaml"
    config.write_text(billion_laughs(), encoding="utf-8")
    proc, seconds = run("--config", str(config), str(REPORT), timeout=10)
    err = proc.stderr.decode("utf-8")
    assert_one_clear_line(proc.returncode, err, config)
    assert "别名" in err and seconds < 2


@pytest.mark.parametrize("content", [
    "lang: &a [*a]\n",  # an alias inside itself
    "x: &a [1, 2]\nlang: [*a, *a]\n",  # fine for YAML, wrong for lawlint: an unknown key
])
def test_recursive_and_small_aliases_are_ordinary_errors(tmp_path, capsys, content):
    config = tmp_path / "c.yaml"
    config.write_text(content, encoding="utf-8")
    assert_one_clear_line(*lint_with(config, capsys), config)


def test_sharing_a_list_by_alias_still_works(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("per-file-ignores:\n  'a/*.txt': &codes [LL1, LL2]\n  'b/*.txt': *codes\n",
                      encoding="utf-8")
    assert load_config(config).per_file_ignores == (("a/*.txt", ("LL1", "LL2")),
                                                    ("b/*.txt", ("LL1", "LL2")))


def test_brief_never_renders_much():
    from lawlint.model.packs import brief

    bomb = ["lol"] * 9
    for _ in range(12):
        bomb = [bomb] * 9
    start = time.monotonic()
    shown = [brief(value) for value in (bomb, "a" * 10**7, 10**5000, {i: i for i in range(10**5)})]
    assert time.monotonic() - start < 0.5
    assert all(len(text) <= 60 for text in shown)
    assert shown[2] == "<5000-digit integer>"


# --- 2. huge configs and profiles ----------------------------------------------------------------
def huge_select(folder: Path) -> Path:
    path = folder / "select.yaml"
    path.write_text("select: [" + ", ".join(["LL1", "LL204", "numbering-style"] * 33_334) + "]\n",
                    encoding="utf-8")
    return path


def huge_per_file_ignores(folder: Path) -> Path:
    path = folder / "pfi.yaml"
    path.write_text("per-file-ignores:\n" + "".join(f"  'd{i}/*.txt': [LL1, LL2]\n"
                                                    for i in range(20_000)), encoding="utf-8")
    return path


def huge_profile(folder: Path) -> Path:
    parts = [{"id": f"p{i}", "name": f"部分{i}", "headings": [f"标题{i}"], "required": i < 3}
             for i in range(10_000)]
    (folder / "big.yaml").write_text(yaml.safe_dump({"name": "big", "parts": parts}),
                                     encoding="utf-8")
    path = folder / "profile.yaml"
    path.write_text("profile: big.yaml\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [huge_select, huge_per_file_ignores, huge_profile])
def test_huge_configs_stop_quickly_at_a_documented_limit(tmp_path, make):
    config = make(tmp_path)
    proc, seconds = run("--config", str(config), str(REPORT), timeout=30)
    err = proc.stderr.decode("utf-8")
    assert_one_clear_line(proc.returncode, err, config)
    assert "最多 1000 条" in err and seconds < 5


def test_a_config_at_the_limits_loads_and_lints(tmp_path, capsys):
    config, limit = tmp_path / "c.yaml", 1000
    globs = "".join(f"  'd{i}/*.txt': [LL1, LL607]\n" for i in range(limit))
    config.write_text(f"select: [{', '.join(['LL1', 'LL2'] * (limit // 2))}]\n"
                      f"per-file-ignores:\n{globs}", encoding="utf-8")
    start = time.monotonic()
    code, err = lint_with(config, capsys)
    assert code == 0 and err == ""
    assert time.monotonic() - start < 2


# --- 3. values that crashed: huge integers, NUL, over-long paths ---------------------------------
@pytest.mark.parametrize("content,key", [
    (f"year: {DIGITS}\n", "第 1 行"),
    (f"lang: zh\nrules: {{LL607: {{max-length: {DIGITS}}}}}\n", "第 2 行"),
    ('profile: "a\\0b.yaml"\n', "profile"),
    ('profiles: ["a\\0b.yaml"]\n', "profiles[0]"),
    ('include: ["*.txt\\0"]\n', "include[0]"),
    ('encoding: "utf-8\\0"\n', "encoding"),
    ('per-file-ignores: {"a\\0": [LL1]}\n', "per-file-ignores"),
    (f"profile: {'a' * 5000}.yaml\n", "profile"),
    (f"profile: {'a' * 300}.yaml\n", "profile"),
    (f"profiles: [{'a' * 300}]\n", "profiles[0]"),
])
def test_values_that_crashed_are_one_line_naming_file_and_key(tmp_path, capsys, content, key):
    config = tmp_path / "c.yaml"
    config.write_text(content, encoding="utf-8")
    code, err = lint_with(config, capsys)
    assert_one_clear_line(code, err, config)
    assert key in err


# --- 4. profiles checked when the config is loaded; empty --config / --profile ------------------
@pytest.mark.parametrize("content,needle", [
    ("profile: missing.yaml\n", "profile: profile 文件"),
    ("profile: /etc/passwd\n", "profile: 未知的 profile"),
    ("profiles: [/etc/passwd]\n", "profiles[0]: /etc/passwd"),
    ("profiles: [/etc]\n", "profiles[0]: profile 文件 '/etc' 不是普通文件"),
    ("profiles: [/dev/null]\n", "不是普通文件"),
    ("profiles: [missing.yaml]\n", "不存在"),
])
def test_profiles_are_checked_when_the_config_loads(tmp_path, content, needle):
    config = tmp_path / "c.yaml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_config(config)
    assert str(raised.value).startswith(f"{config}: ") and needle in str(raised.value)


def test_a_bad_profile_file_is_reported_against_the_config(tmp_path):
    (tmp_path / "p.yaml").write_text(PROFILE.replace("required: true", "required: 1", 1),
                                     encoding="utf-8")
    config = tmp_path / "c.yaml"
    config.write_text("profiles: [p.yaml]\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"c\.yaml: profiles\[0\]: .*p\.yaml: parts\[0\]\.required"):
        load_config(config)


@pytest.mark.parametrize("args,needle", [
    (["--config", ""], "--config 不能为空"),
    (["--config", " "], "--config 不能为空"),
    (["--profile", ""], "--profile 不能为空"),
    (["--config", "x" * 5000], "路径过长"),
    (["--profile", "x" * 5000 + ".yaml"], "路径过长"),
    (["--profile", "a\0b.yaml"], "空字符"),
])
def test_empty_or_impossible_config_and_profile_options(capsys, args, needle):
    with pytest.raises(SystemExit) as exited:
        cli.main([*args, str(REPORT)])
    err = capsys.readouterr().err
    assert_one_clear_line(exited.value.code, err)
    assert needle in err


# --- 5. every key, every wrong type ---------------------------------------------------------------
HOSTILE = [
    # year
    "year: .nan", "year: .inf", "year: -.inf", "year: 2024.0", "year: 2024-01-01", "year: '2024'",
    "year: true", "year: null", "year: [2024]", "year: {a: 1}", "year: 99999", "year: 2024-13-45",
    # fail-on, lang
    "fail-on: 1", "fail-on: null", "fail-on: [error]", "fail-on: ERROR", "lang: ZH", "lang: .nan",
    # profile, profiles
    "profile: 1", "profile: null", "profile: ''", "profile: [a]", "profile: !!binary aGVsbG8=",
    "profile: /etc", "profile: !!float abc", "profiles: 1", "profiles: [1]", "profiles: {a: b}",
    "profiles: [null]",
    # select, ignore, severity
    "select: null", "select: 1", "select: [[1]]", "select: [LL9]", "select: {a: 1}",
    "select: [true]", "select: !!set {LL1}", "select: !!omap [a: 1]", f"select: [{'L' * 10**5}]",
    "ignore: [2024-01-01]", "ignore: ['  ']", "severity: null", "severity: []",
    "severity: {LL1: fatal}", "severity: {1: error}", "severity: {null: error}",
    "severity: {LL1: [error]}", "severity: {true: info}", "severity: {LL9: info}",
    # per-file-ignores
    "per-file-ignores: null", "per-file-ignores: [a]", "per-file-ignores: {1: [LL1]}",
    "per-file-ignores: {a: null}", "per-file-ignores: {a: [LL9]}", "per-file-ignores: {a: {b: c}}",
    # rules
    "rules: null", "rules: []", "rules: {1: {}}", "rules: {null: {}}", "rules: {LL607: null}",
    "rules: {LL607: {max-length: .nan}}", "rules: {LL607: {max-length: true}}",
    "rules: {LL607: {1: 2}}", "rules: {LL604: {allow: [[1]]}}", "rules: {LL604: {allow: x}}",
    "rules: {LL405: {deadline: 13-01}}", "rules: {LL405: {deadline: 1}}",
    f"rules: {{LL405: {{deadline: {'9' * 5000}}}}}",
    # encoding, include, exclude
    "encoding: 1", "encoding: base64", "encoding: nope", "encoding: undefined", "encoding: ''",
    "include: 1", "include: [null]", "exclude: {a: b}", f"include: ['{'*' * 5000}']",
    # the document itself
    "1: x", "null: x", "true: x", "- a list", "just a string", "!!binary aGVsbG8=",
    "[" * 5000 + "]" * 5000, "a: 1\n---\nb: 2", "lang: zh\n\tyear: 2024",
    "!!python/name:os.system", "x: !!python/object/new:os.system [echo]",
]
VALID = ["", "~", "year: 0x7e8", "select: [ALL]", "ignore: [' LL1 ']", "severity: {ALL: info}",
         "rules: {LL607: {max-length: 0}}", "encoding: UTF8", "include: '*.txt'"]


@pytest.mark.parametrize("content", HOSTILE + VALID,
                         ids=[f"{i}" for i in range(len(HOSTILE) + len(VALID))])
def test_no_config_value_crashes(tmp_path, capsys, content):
    config = tmp_path / "c.yaml"
    config.write_text(content + "\n", encoding="utf-8")
    code, err = lint_with(config, capsys)
    if content in VALID:
        assert code in (0, 1) and err == "", err
    else:
        assert_one_clear_line(code, err, config)


def test_python_tags_are_refused_not_run(tmp_path, capsys):
    marker = tmp_path / "ran"
    config = tmp_path / "c.yaml"
    config.write_text(f"lang: !!python/object/apply:os.system ['touch {marker}']\n",
                      encoding="utf-8")
    assert_one_clear_line(*lint_with(config, capsys), config)
    assert not marker.exists()


PROFILE_HOSTILE = [
    "name: x\nparts: [{id: a, name: b, headings: [c], elements: 5}]",
    "name: x\nparts: [{id: a, name: b, headings: [c], elements: [{id: 1, name: n, match: m}]}]",
    "name: x\ndescription: [1]\nparts: [{id: a, name: b, headings: [c]}]",
    "name: x\nparts: [{id: a, name: b, headings: [c], year: [1]}]",
    "name: x\nparts: [{id: a, name: b, headings: [c], name-en: 5}]",
    "name: x\nparts: [{id: a, name: b, headings: [c]}, {id: a, name: b, headings: [c]}]",
    "name: x\nneutral: {a: 1}\nparts: [{id: a, name: b, headings: [c]}]",
    "name: x\nparts: [{id: a, name: b, headings: [c], required: 1}]",
    "name: [x]\nparts: [{id: a, name: b, headings: [c]}]",
    "name: x\nparts: {a: 1}",
    f"name: x\nparts: [{{id: a, name: b, headings: [c{'d' * 5000}]}}]",
    "name: x\nparts: [{id: a, name: b, headings: [\"c\\0\"]}]",
    "name: x\nparts: [{id: a, name: b, headings: [c]}]\norders: [[a, z]]",
    "name: x\nparts: [{id: a, name: b, headings: [c]}]\norders: [[a, a]]",
    "name: x\nparts: [{id: a, name: b, headings: [c]}]\norders: a",
    "name: x\nparts: [{id: a, name: b, headings: [c]}]\norders: [{a: 1}]",
    "name: x\nparts: [{id: a, name: b, headings: [c]}]\nthemed: {part: z, before: [a]}",
    "name: x\nparts: [{id: a, name: b, headings: [c]}]\nthemed: {part: a}",
    "name: x\nparts: [{id: a, name: b, headings: [c]}]\nthemed: [a]",
]


@pytest.mark.parametrize("content", PROFILE_HOSTILE)
def test_no_profile_value_crashes(tmp_path, capsys, content):
    profile = tmp_path / "p.yaml"
    profile.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        cli.main(["--no-config", "--profile", str(profile), str(REPORT)])
    err = capsys.readouterr().err
    assert_one_clear_line(exited.value.code, err)
    assert err.startswith(f"lawlint: 错误：{profile}: ")
