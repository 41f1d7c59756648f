"""--format html: the review page. Its structure is read back with the standard HTML parser; a
real browser (headless Chromium, with JavaScript on) loads it, and the DOM it dumps shows the
overview, the highlights and a filter applied."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES
from test_cli import err, out, run

from lawlint.engine import lint_text
from lawlint.reporters.html import _lines
from lawlint.rules import Finding, all_rules

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = ("青石镇关于2024年度法治政府建设情况的报告\n\n"
           "一、2024年主要举措\n<script>alert(1)</script></textarea>正文，XX。\n"
           "\"><img src=x onerror=alert(2)>\u202e与&amp;\x1b[31m\n")

VOID = {"meta", "input", "br", "img", "link", "hr", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str, cls: str | None = None) -> list[Node]:
        found = [self] if self.tag == tag and (cls is None or cls in self.classes) else []
        for child in self.children:
            found += child.all(tag, cls)
        return found

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def content(self) -> str:
        return self.text + "".join(child.content for child in self.children)


class TreeBuilder(HTMLParser):
    """A small DOM of the page: enough to count rows, marks and findings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Node("#text", {}, text=data))


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root


def html_of(*args: str, fail_on: str = "never") -> str:
    proc = run("--no-config", "--fail-on", fail_on, "--format", "html", *args)
    assert proc.returncode in (0, 2), err(proc)
    return out(proc)


def check_reports(page: Node, json_files: list[dict]) -> None:
    """Each report's findings: listed, numbered in the margin, and highlighted (every finding
    number on some mark), as many as lawlint found."""
    reports = page.all("section", "report")
    assert len(reports) == len(json_files)
    for report, entry in zip(reports, json_files):
        expected = len(entry["findings"])
        items = report.all("li", "finding")
        assert len(items) == expected
        assert [i.attrs["data-rule"] for i in items] == [f["rule"] for f in entry["findings"]]
        margin = [a for a in report.all("a", "num") if "data-f" in a.attrs]
        assert sorted(int(a.attrs["data-f"]) for a in margin) == list(range(1, expected + 1))
        marked = {n for mark in report.all("mark", "hl") for n in mark.attrs["data-f"].split()}
        assert marked == {str(n) for n in range(1, expected + 1)}


def json_files(*args: str) -> list[dict]:
    import json

    proc = run("--no-config", "--fail-on", "never", "--format", "json", *args)
    return [f for f in json.loads(out(proc))["files"] if "error" not in f]


# --- the page, read back -----------------------------------------------------------------------
def test_examples_overview_text_and_highlights(tmp_path):
    target = tmp_path / "review.html"
    proc = run("--no-config", "--format", "html", "-o", str(target), str(EXAMPLES))
    assert proc.returncode == 1 and out(proc) == ""  # findings: exit 1, the page in the file
    page = parse(target.read_text(encoding="utf-8"))
    files = json_files(str(EXAMPLES))
    rows = page.all("tr", "file-row")
    assert [r.all("td")[1].content for r in rows] == [f["path"] for f in files]
    by_path = {r.all("td")[1].content: r for r in rows}
    row = by_path[str(EXAMPLES / "defective-report.txt")]
    cells = [c.content for c in row.all("td")]
    assert cells[2].startswith("青石镇人民政府") and "云溪县司法局" in cells[2]  # title's, signed
    assert cells[3] == "2024"
    found = Counter(f["severity"] for f in files[1]["findings"])
    assert cells[4:] == [str(found[s]) for s in ("error", "warning", "info")]
    check_reports(page, files)
    # the whole text, one item per line, and the outline lawlint built
    report = page.all("section", "report")[1]
    source = (EXAMPLES / "defective-report.txt").read_text(encoding="utf-8").split("\n")
    shown = [li.all("span", "src")[0].content for li in report.all("ol", "text")[0].all("li")]
    assert shown == source
    outline = [li.content for li in report.all("details", "outline")[0].all("li")]
    assert outline[:2] == ["一、2024年推进法治政府建设的主要举措和成效", "（一）健全依法决策机制"]
    # the top rules, with the explanation `lawlint explain` prints for each rule that fired
    top = page.all("tr", "rule-row")
    assert top and len(top) <= 10
    rules = all_rules()
    for article in page.all("article", "rule"):
        code = article.attrs["data-rule"]
        assert article.all("pre")[0].content == rules[code].explanation()


def test_word_file_shows_its_paragraphs():
    page = parse(html_of(str(EXAMPLES / "township-report.docx")))
    text = page.all("ol", "text")[0]
    assert "paragraphs" in text.classes
    places = [s.content for s in page.all("span", "where")]
    assert "第8段第21字" in places
    check_reports(page, json_files(str(EXAMPLES / "township-report.docx")))


def test_english_page():
    page = parse(html_of("--lang", "en", str(EXAMPLES / "defective-report.txt")))
    assert page.all("title")[0].content == "lawlint review report"
    assert page.all("html")[0].attrs["lang"] == "en"
    assert "line 10, col 1" in [s.content for s in page.all("span", "where")]
    from lawlint.rules import all_rules

    assert page.all("article", "rule")
    for article in page.all("article", "rule"):  # explained as `lawlint explain --lang en`
        assert article.all("pre")[0].content == all_rules()[article.attrs["data-rule"]].explanation("en")


def test_unreadable_files_are_listed(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes([0x81, 0x30, 0xff, 0xff, 0xc0]))
    proc = run("--no-config", "--format", "html", str(bad), str(EXAMPLES / "clean-report.txt"))
    assert proc.returncode == 2
    page = parse(out(proc))
    rows = page.all("tr", "unreadable-row")
    assert [r.all("td")[0].content for r in rows] == [str(bad)]
    assert len(page.all("tr", "file-row")) == 1
    assert "1 个文件未能检查" in page.all("p", "summary")[0].content


def test_self_contained():
    """Nothing is fetched: no external script, style, font or image."""
    page = html_of(str(EXAMPLES))
    tree = parse(page)
    assert not any("src" in n.attrs for tag in ("script", "img", "iframe") for n in tree.all(tag))
    assert not tree.all("link") and "@import" not in page and "url(" not in page
    assert "http://" not in page and "https://" not in page


def test_hostile_text_is_shown_as_text(tmp_path):
    report = tmp_path / "<script>alert(3)<\\script>.txt"
    report.write_text(HOSTILE, encoding="utf-8")
    page = html_of(str(report))
    tree = parse(page)
    assert len(tree.all("script")) == 1 and "alert" not in tree.all("script")[0].content
    assert not tree.all("img") and not tree.all("textarea")
    assert "<script>alert(1)" not in page and "</textarea>" not in page
    lines = [s.content for s in tree.all("span", "src")]
    assert "<script>alert(1)</script></textarea>正文，XX。" in lines
    # bidi overrides and terminal escapes are shown escaped, as in the text report
    assert "\"><img src=x onerror=alert(2)>\\u202e与&amp;\\x1b[31m" in lines
    assert "\u202e" not in page and "\x1b" not in page
    assert tree.all("tr", "file-row")[0].all("td")[1].content == str(report)


# --- the spans ---------------------------------------------------------------------------------
def finding(line: int, column: int, end_line: int, end_column: int, severity: str = "error"
            ) -> Finding:
    return Finding("LL999", "test", severity, line, column, end_line, end_column, "m")


def test_spans_across_lines_overlapping_empty_and_beyond_the_end():
    text = {1: "abcdef", 2: "", 3: "ghij"}
    findings = list(enumerate([finding(1, 2, 1, 5), finding(1, 4, 3, 3, "info"),
                               finding(2, 1, 2, 1, "warning"), finding(9, 1, 9, 4)], 1))
    lines = list(_lines(text, findings))
    cut = [[(s.text, s.numbers, s.severity) for s in line.segments] for line in lines]
    assert cut[0] == [("a", (), ""), ("bc", (1,), "error"), ("d", (1, 2), "error"),
                      ("ef", (2,), "info")]
    assert cut[1] == [("", (3,), "warning")]  # an empty span: an empty mark on its line
    # a finding beyond the text is put on the last line
    assert cut[2] == [("gh", (2, 4), "error"), ("ij", (4,), "error")]
    assert [line.starts for line in lines] == [[(1, "error"), (2, "info")], [(3, "warning")],
                                               [(4, "error")]]


# --- what a run keeps --------------------------------------------------------------------------
def test_compact_keeps_the_text_only_when_asked():
    text = (EXAMPLES / "defective-report.txt").read_text(encoding="utf-8")
    plain = lint_text(text).compact()
    assert plain.view is None and plain.document is None
    kept = lint_text(text).compact(keep_text=True)
    assert kept.document is None
    view = pickle.loads(pickle.dumps(kept.view))  # workers send it back between processes
    assert view.lines == tuple(text.split("\n"))
    assert view.headings[0] == (7, 1, "一、2024年推进法治政府建设的主要举措和成效")
    assert view.organ == "青石镇人民政府" and view.signed_by == ("云溪县司法局",)


def test_only_an_html_run_imports_jinja2():
    import sys

    code = ("import sys\nfrom lawlint.cli import main\n"
            "try:\n    main(['--no-config', '--format', '{fmt}', '-'])\nexcept SystemExit:\n    pass\n"
            "print('jinja2' in sys.modules, file=sys.stderr)\n")
    for fmt, loaded in (("json", "False"), ("html", "True")):
        proc = subprocess.run([sys.executable, "-c", code.format(fmt=fmt)], input=b"text\n",
                              capture_output=True)
        assert err(proc).strip().splitlines()[-1] == loaded


# --- in a real browser -------------------------------------------------------------------------
def dump_dom(page: Path, tmp_path: Path, fragment: str = "") -> Node:
    """The DOM headless Chromium builds from the page, JavaScript run."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    profile = tmp_path / f"chromium-profile{len(list(tmp_path.iterdir()))}"
    start = time.monotonic()
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           f"--user-data-dir={profile}", "--dump-dom",
                           page.resolve().as_uri() + fragment],
                          capture_output=True, timeout=120)
    print(f"chromium --dump-dom {page.name}{fragment}: {time.monotonic() - start:.2f} s")
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    dom = parse(proc.stdout.decode("utf-8"))
    assert dom.all("html")[0].attrs.get("data-ready") == "1"  # the script ran to its end
    return dom


def check_filter(dom: Node, severities: set[str], rules: set[str] | None = None) -> None:
    """Findings outside the filter are hidden, and so are their highlights and numbers."""
    assert dom.all("form", "filters")[0].attrs.get("hidden") is None  # shown with JS on
    for report in dom.all("section", "report"):
        shown = set()
        for item in report.all("li", "finding"):
            keep = item.attrs["data-severity"] in severities and (
                rules is None or item.attrs["data-rule"] in rules)
            assert ("hidden" not in item.attrs) == keep
            shown |= {item.attrs["data-f"]} if keep else set()
        for mark in report.all("mark", "hl") + [a for a in report.all("a", "num")
                                                if "data-f" in a.attrs]:
            on = bool(set(mark.attrs["data-f"].split()) & shown)
            assert ("off" not in mark.classes) == on


def test_chromium_renders_overview_highlights_and_filters(tmp_path):
    page = tmp_path / "review.html"
    run("--no-config", "--format", "html", "-o", str(page), str(EXAMPLES))
    files = json_files(str(EXAMPLES))
    dom = dump_dom(page, tmp_path)
    assert len(dom.all("tr", "file-row")) == len(files) == 3
    check_reports(dom, files)
    check_filter(dom, {"error", "warning", "info"})
    total = sum(len(f["findings"]) for f in files)
    assert dom.all("span", "shown")[0].content == f"{total} / {total}"

    errors = dump_dom(page, tmp_path, "#severity=error")
    assert errors.all("html")[0].attrs["data-filter"] == "severity=error&rule="
    check_filter(errors, {"error"})

    one_rule = dump_dom(page, tmp_path, "#severity=error,warning&rule=LL302")
    check_filter(one_rule, {"error", "warning"}, {"LL302"})
    assert len([i for i in one_rule.all("li", "finding") if "hidden" not in i.attrs]) == 3


def test_chromium_shows_script_as_text(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(HOSTILE, encoding="utf-8")
    page = tmp_path / "review.html"
    run("--no-config", "--format", "html", "-o", str(page), str(report))
    dom = dump_dom(page, tmp_path)
    assert len(dom.all("script")) == 1 and not dom.all("img") and not dom.all("textarea")
    lines = [s.content for s in dom.all("span", "src")]
    assert "<script>alert(1)</script></textarea>正文，XX。" in lines


# --- the corpus --------------------------------------------------------------------------------
def test_corpus_page(corpus, tmp_path):
    page = tmp_path / "review.html"
    proc = run("--no-config", "--format", "html", "-o", str(page), str(corpus))
    assert proc.returncode in (0, 1), err(proc)
    files = json_files(str(corpus))
    print(f"corpus page: {len(files)} files, {page.stat().st_size / 1024:.0f} KiB")
    tree = parse(page.read_text(encoding="utf-8"))
    assert len(tree.all("tr", "file-row")) == len(files)
    check_reports(tree, files)
    if CHROMIUM is not None:
        dom = dump_dom(page, tmp_path, "#severity=warning")
        assert len(dom.all("tr", "file-row")) == len(files)
        check_reports(dom, files)
        check_filter(dom, {"warning"})


def test_time_grows_linearly_with_the_findings_on_a_line():
    """A 10 MB line holds tens of thousands of findings: cutting it must not compare each cut
    with each finding."""
    def cpu(count: int) -> float:
        text = {1: "文字" * 2 * count}
        findings = list(enumerate((finding(1, 4 * i + 1, 1, 4 * i + 3) for i in range(count)), 1))
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            list(_lines(text, findings))
            best = min(best, time.process_time() - start)
        return best

    small, large = cpu(3_000), cpu(6_000)
    assert large < 3 * small + 0.01, (small, large)
