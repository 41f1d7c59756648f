"""The GB/T 9704 layout rules (LL701–LL707) on .docx documents built from tests/layout_cases.yaml,
the layout reader's resolution of Word formatting, and the preset a config may choose."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from layout_builder import build, merged, source_of, to_bytes

from lawlint.cli import cli
from lawlint.config import Config, load_config
from lawlint.engine import lint_source, lint_text
from lawlint.errors import LawlintError
from lawlint.model.layout import layout_preset

DATA = yaml.safe_load((Path(__file__).parent / "layout_cases.yaml").read_text(encoding="utf-8"))
BASE = DATA["base"]
CASES = DATA["cases"]
LAYOUT_CODES = [f"LL70{n}" for n in range(1, 8)]


def reopened(spec: dict) -> docx.document.Document:
    """The document built from ``spec``, saved and opened again as a reader would."""
    return docx.Document(io.BytesIO(to_bytes(build(spec))))


def lint(spec: dict, rule: str, config: Config | None = None) -> list:
    result = lint_source(source_of(reopened(spec)), config or Config(select=(rule,)))
    return [f for f in result.findings if f.rule == rule]


def case_spec(case: dict) -> dict:
    changes = {k: v for k, v in case.items() if k not in ("rule", "kind", "id", "lines")}
    return merged(BASE, changes)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}-{c['kind']}-{c['id']}" for c in CASES])
def test_case(case: dict) -> None:
    found = lint(case_spec(case), case["rule"])
    expected = case.get("lines", []) if case["kind"] == "fail" else []
    assert sorted(f.line for f in found) == sorted(expected), [f.message for f in found]
    if case["kind"] == "fail":
        assert expected, "a failing case must list the paragraphs where the rule fires"


@pytest.mark.parametrize("code", LAYOUT_CODES)
def test_enough_cases(code: str) -> None:
    kinds = [c["kind"] for c in CASES if c["rule"] == code]
    assert kinds.count("fail") >= 3 and kinds.count("pass") >= 3


def test_one_finding_names_every_paragraph() -> None:
    spec = merged(BASE, {"edit": {6: {"font": "宋体"}, 8: {"font": "宋体"}, 12: {"font": "宋体"}}})
    [finding] = lint(spec, "LL702")
    assert finding.message == "3 个正文段落不是仿宋（多为宋体）：第6、8、12段"
    assert (finding.line, finding.column) == (6, 1)
    [english] = lint(spec, "LL702", Config(select=("LL702",), lang="en"))
    assert english.message == \
        "3 body paragraph(s) not in the 仿宋 family (mostly 宋体): paragraphs 6, 8, 12"


def test_long_lists_are_cut() -> None:
    [finding] = lint(merged(BASE, {"styles": {"Normal": {"indent-chars": 0}}}), "LL706")
    assert "第3、6、8、10、12、14段" in finding.message  # the signature is not body prose
    lines = [[ "Normal", f"第{i}项工作已经完成。"] for i in range(12)]
    spec = merged(BASE, {"paragraphs": [BASE["paragraphs"][0], *lines],
                         "styles": {"Normal": {"indent-chars": 0}}})
    [finding] = lint(spec, "LL706")
    assert finding.message.startswith("12 个正文段落") and "第2、3、4、5、6、7、8、9…段" in finding.message


def test_command_line_names_the_paragraph(tmp_path: Path) -> None:
    """End to end: the Word reader, the document model and the rule, as a user runs them."""
    path = tmp_path / "报告.docx"
    path.write_bytes(to_bytes(build(merged(BASE, {"edit": {6: {"font": "宋体"}}}))))
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lawlint", "--no-config", *args, str(path)],
                              capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})

    shown = run("--fail-on", "warning")
    assert shown.returncode == 1, shown.stderr
    assert f"{path}:第6段:1: LL702 [warning] 1 个正文段落不是仿宋（实为宋体）：第6段\n" in shown.stdout
    assert "LL7" not in run("--ignore", "LL7").stdout


def test_layout_resolution() -> None:
    """Word's order: direct run properties, character and paragraph style chains, defaults;
    theme fonts through the theme; spacing and indent units."""
    spec = merged(BASE, {"styles": {"Normal": {"font": None}, "Child": {"based-on": "Normal"}},
                         "edit": {6: {"style": "Child", "line": "auto 360"},
                                  8: {"indent-twips": 480, "indent-chars": 0}}})
    from lawlint.model.layout import read_layout

    layout = read_layout(source_of(reopened(spec)).docx)
    assert layout.paragraphs[3].runs[0].east_asia_font == "宋体"  # default -> minorEastAsia
    assert layout.paragraphs[4].runs[0].east_asia_font == "黑体"
    assert layout.paragraphs[6].runs[0].size == 16  # through Child -> Normal
    assert layout.paragraphs[6].line_spacing == pytest.approx(16 * 1.3 * 1.5)
    assert layout.paragraphs[8].first_line_chars == pytest.approx(1.5)  # 24 pt at 16 pt
    assert layout.paragraphs[1].alignment == "center"
    assert layout.page.top == pytest.approx(37, abs=0.05)
    assert layout.page.text_width == pytest.approx(156, abs=0.1)
    assert layout.page_number.text == "— 1 —" and layout.page_number.sizes == (14,) * 3


def test_page_number_size_is_the_shown_runs() -> None:
    """The result run's size counts, not the field's code; an unupdated field shows 1."""
    from lawlint.model.layout import read_layout

    document = reopened(merged(BASE, {"footer": {"parts": ["— ", "PAGE", " —"], "size": 14}}))
    footer = document.sections[-1].footer.paragraphs[0]
    result = [r for r in footer.runs if r.text == "1"][0]
    result.font.size = docx.shared.Pt(9)
    assert read_layout(source_of(document).docx).page_number.sizes == (14, 9, 14)
    result._r.getparent().remove(result._r)
    shown = read_layout(source_of(document).docx).page_number
    assert shown.text == "— 1 —" and shown.sizes == (14, 14, 14)


def test_style_loop_ends() -> None:
    spec = merged(BASE, {"styles": {"A": {"based-on": "B"}, "B": {"based-on": "A", "size": 12}},
                         "edit": {3: {"style": "A"}}})
    assert [f.line for f in lint(spec, "LL702")] == [3, 3]  # font and size, from the defaults


def test_text_files_have_no_layout_findings() -> None:
    """A text file has no layout: the LL7xx rules neither run (JUnit lists no test case for
    them) nor find anything; a .docx runs them all."""
    text = "\n".join(p[1] for p in BASE["paragraphs"])
    result = lint_text(text, Config(select=("LL7", "LL101")))
    assert result.findings == [] and result.document.layout is None
    assert result.rules_run == ["LL101"]
    assert lint_source(source_of(build(BASE)), Config()).rules_run[-7:] == LAYOUT_CODES


def test_house_style_preset(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "fonts: {小标宋: [方正小标宋简体, 华文中宋]}\n"
        + yaml.safe_dump({k: v for k, v in _shipped_preset().items() if k != "description"},
                         allow_unicode=True), encoding="utf-8")
    (tmp_path / ".lawlint.yaml").write_text("layout: house.yaml\n", encoding="utf-8")
    config = load_config(tmp_path / ".lawlint.yaml")
    assert config.layout == str(tmp_path / "house.yaml")
    spec = merged(BASE, {"styles": {"Title": {"font": "华文中宋"}}})
    assert lint(spec, "LL703") != []
    assert lint(spec, "LL703", Config(select=("LL703",), layout=config.layout)) == []


def test_profile_brings_its_house_style(tmp_path: Path) -> None:
    root = Path(__file__).parent.parent
    profile = yaml.safe_load((root / "checks/profiles/fzzf-annual.yaml").read_text("utf-8"))
    house = {**_shipped_preset(), "title": {"font": "黑体", "size": 22, "align": "center"}}
    (tmp_path / "house.yaml").write_text(yaml.safe_dump(house, allow_unicode=True), "utf-8")
    (tmp_path / "township.yaml").write_text(
        yaml.safe_dump({**profile, "layout": "house.yaml"}, allow_unicode=True), "utf-8")
    spec = merged(BASE, {"styles": {"Title": {"font": "黑体"}}})
    assert lint(spec, "LL703") != []
    chosen = Config(select=("LL703",), profile=str(tmp_path / "township.yaml"))
    assert lint(spec, "LL703", chosen) == []
    (tmp_path / "bad.yaml").write_text(
        yaml.safe_dump({**profile, "layout": "missing.yaml"}, allow_unicode=True), "utf-8")
    with pytest.raises(LawlintError, match="layout: .*既不是"):
        from lawlint.model.profiles import load_profile_file

        load_profile_file(tmp_path / "bad.yaml")


@pytest.mark.parametrize("content, says", [
    ("layout: nowhere.yaml\n", "既不是 checks/layout.yaml 中的版式"),
    ("layout: 12\n", "layout: 应为非空字符串"),
])
def test_bad_layout_key(tmp_path: Path, content: str, says: str) -> None:
    (tmp_path / ".lawlint.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(LawlintError) as raised:
        load_config(tmp_path / ".lawlint.yaml")
    assert says in str(raised.value)


@pytest.mark.parametrize("change, says", [
    ({"body": {"font": "宋体", "size": 16}}, "body.font: 未知的字体族 '宋体'"),
    ({"page": {"width": 210}}, "layout.page: 缺少键 'height'"),
    ({"line-spacing": {"min": 30, "max": 27}}, "min 不能大于 max"),
    ({"body": {"font": "仿宋", "size": float("nan")}}, "body.size: 应为非负的有限数"),
    ({"size-tolerance": -1}, "layout.size-tolerance: 应为非负的有限数"),
    ({"headings": {"一": "黑体"}}, "标题级别应为 1—9 的整数"),
    ({"colour": "red"}, "未知的键 'colour'"),
])
def test_bad_house_style(tmp_path: Path, change: dict, says: str) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(yaml.safe_dump({**_shipped_preset(), **change}, allow_unicode=True),
                    encoding="utf-8")
    with pytest.raises(LawlintError) as raised:
        layout_preset(str(path))
    assert str(path) in str(raised.value) and says in str(raised.value)


def _shipped_preset() -> dict:
    root = Path(__file__).parent.parent
    return yaml.safe_load((root / "checks" / "layout.yaml").read_text("utf-8"))["presets"]["gbt9704"]


def test_listed_and_explained() -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["rules"]).output
    assert all(code in listed for code in LAYOUT_CODES)
    explained = runner.invoke(cli, ["explain", "LL701"])
    assert explained.exit_code == 0 and "GB/T 9704" in explained.output and "为什么" in \
        explained.output


# Line spacings whose lines per page LibreOffice must agree with: fixed, and single spacing on
# a 22-lines-per-page document grid (the font's own height, "auto" without a grid, is left out:
# it depends on fonts this machine may not have).
SPACINGS = {
    "exact-28": {"styles": {"Normal": {"line": "exact 28", "after": 0}}},
    "exact-20": {"styles": {"Normal": {"line": "exact 20", "after": 0}}},
    "grid-22": {"styles": {"Normal": {"line": "auto 240", "after": 0}},
                "grid": {"type": "lines", "pitch": 28.95}},
}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_agrees(tmp_path: Path) -> None:
    """LibreOffice, the stand-in for Word, opens the built documents, lays them out on the page
    size read_layout reads, and fits as many lines on a page as read_layout's line spacing says:
    a page of N lines holds N one-line paragraphs, and N + 1 take two pages."""
    from lawlint.model.layout import read_layout

    expected = {"report": 1}  # document -> pages
    (tmp_path / "report.docx").write_bytes(to_bytes(build(case_spec({"theme": {"minor": "仿宋"}}))))
    page = read_layout(source_of(reopened(BASE)).docx).page
    for name, change in SPACINGS.items():
        one_line = merged(BASE, {**change, "footer": None, "paragraphs": [["Normal", "第1项。"]]})
        layout = read_layout(source_of(reopened(one_line)).docx)
        per_page = int(layout.page.text_height / 25.4 * 72 / layout.paragraphs[1].line_spacing)
        assert per_page in (22, 31)
        for count, pages in ((per_page, 1), (per_page + 1, 2)):
            lines = [["Normal", f"第{i}项。"] for i in range(count)]
            spec = {**one_line, "paragraphs": lines}
            (tmp_path / f"{name}-{count}.docx").write_bytes(to_bytes(build(spec)))
            expected[f"{name}-{count}"] = pages
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *sorted(str(p) for p in tmp_path.glob("*.docx"))],
        capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    media = f"/MediaBox[0 0 {page.width / 25.4 * 72:.1f}"
    for name, pages in expected.items():
        pdf = (tmp_path / f"{name}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and media.encode() in pdf
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == pages, name
