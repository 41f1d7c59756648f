"""Fuzz properties: lint, fix, configs and the CLI never break, whatever the input.

Each property is a plain ``check_*`` function (an AssertionError or an unexpected exception is a
failure) paired with its strategy in :data:`PROPERTIES`; the tests below run them in a short,
derandomized profile, and ``scripts/fuzz.py`` runs the same properties in long random campaigns.

Properties:
  lint        lint_text never raises, is deterministic, and every finding lies in the document
  fix-spans   every fix edit lies inside its finding's span (a residue fix: its whole lines)
  fix         fix_text is idempotent and loses Chinese characters only where a fix means to
              (LL602 deletes residue lines, LL504 rewrites 二〇二四年 as 2024年)
  config      load_config returns a Config or raises LawlintError; linting with it likewise
  cli-config  the CLI on a random config and report exits 0, 1 or 2 without a traceback
  cli-fix     `--fix` on an oddly named file, then `--diff` on it, exits 0: nothing left to fix
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from strategies import config_yaml, documents, file_names, report_text, siblings, with_surrogate

from lawlint.cli import main
from lawlint.config import Config, load_config
from lawlint.engine import FileResult, fix_text, lint_source, lint_text
from lawlint.errors import LawlintError, set_lang
from lawlint.fixer import apply_fixes
from lawlint.readers.text import decode

ROOT = Path(__file__).resolve().parents[1]
# CJK ideographs (BMP, extension A, compatibility, extensions B+) and 〇
CJK = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
DEFAULT = Config()
# The fix loop the checks below replay; more passes than the engine's, to see where it stops.
MAX_PASSES = 50
# Rules whose fixes may remove Chinese characters: residue deletion, signing-date rewrites.
DELETES_LINES = {"LL602"}
REWRITES_DATES = {"LL504"}


# --- helpers ----------------------------------------------------------------------------------
def normalised(text: str) -> str:
    """What the reader makes of ``text`` (BOM dropped, every line end a "\\n"): the text the
    findings' positions and the fixes' offsets refer to. Computed here, not by lawlint."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    return starts


def finding_range(finding: Any, text: str, starts: list[int]) -> tuple[int, int]:
    """The offsets a finding's fix may touch: its span; for residue, its whole lines."""
    start = starts[finding.line - 1] + finding.column - 1
    end = starts[finding.end_line - 1] + finding.end_column - 1
    if finding.rule in DELETES_LINES:
        start = starts[finding.line - 1]
        end = starts[finding.end_line] if finding.end_line < len(starts) else len(text)
    return start, end


def _described(finding: Any) -> str:
    return (f"{finding.rule} {finding.line}:{finding.column}-{finding.end_line}:"
            f"{finding.end_column}")


def _lint_normalised(text: str, config: Config = DEFAULT) -> FileResult:
    """Lint text that is already normalised (one pass of the fix loop works on this form)."""
    return lint_source(decode(b"", "<fuzz>").with_text(text, None), config)


# --- lint -------------------------------------------------------------------------------------
def check_lint(text: str) -> None:
    first = lint_text(text)
    second = lint_text(text)
    assert first.findings == second.findings, "lint: not deterministic"
    lines = normalised(text).split("\n")

    def inside(line: int, column: int) -> bool:
        if line == len(lines) + 1:
            return column == 1  # just past the last line end
        return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1

    for finding in first.findings:
        where = _described(finding)
        assert inside(finding.line, finding.column), f"{finding.rule}: start outside: {where}"
        assert inside(finding.end_line, finding.end_column), f"{finding.rule}: end outside: {where}"
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column), (
            f"{finding.rule}: end before start: {where}")


# --- fixes ------------------------------------------------------------------------------------
def check_fix_spans(text: str) -> None:
    """One lint of ``text``: each fix edit inside its finding's span, residue deleted whole."""
    text = normalised(text)
    starts = line_starts(text)
    for finding in lint_text(text).findings:
        if not finding.fix:
            continue
        low, high = finding_range(finding, text, starts)
        for edit in finding.fix.edits:
            assert low <= edit.start <= edit.end <= high, (
                f"{finding.rule}: edit {edit.start}-{edit.end} {text[edit.start:edit.end]!r}"
                f"->{edit.text!r} outside the span {low}-{high} ({_described(finding)})")
            if finding.rule in DELETES_LINES:
                assert edit.text == "", f"{finding.rule}: residue rewritten, not deleted"


def _check_pass(text: str) -> tuple[str, Counter]:
    """One pass of the fix loop, checked: (fixed text, Chinese characters fixes may remove)."""
    result = _lint_normalised(text)
    fixable = [f for f in result.findings if f.fix]
    allowed: Counter = Counter()
    for finding in fixable:
        for edit in finding.fix.edits:
            old, new = text[edit.start:edit.end], edit.text
            lost = Counter(CJK.findall(old)) - Counter(CJK.findall(new))
            if finding.rule in DELETES_LINES | REWRITES_DATES:
                allowed += lost
            else:
                assert not lost, f"{finding.rule}: fix drops {''.join(lost.elements())!r}: {old!r}->{new!r}"
    fixed, count = apply_fixes(text, result.findings)
    assert count <= len(fixable)
    _outside_unchanged(text, fixed, [e for f in fixable for e in f.fix.edits])
    return fixed, allowed


def _outside_unchanged(old: str, new: str, edits: Sequence[Any]) -> None:
    """Every stretch of ``old`` that no edit touches is still in ``new``, in order."""
    if not edits:
        assert new == old, "fixer: text changed without an edit"
        return
    kept, cursor = [], 0
    for start, end in sorted((e.start, e.end) for e in edits):
        kept.append(old[cursor:start] if start > cursor else "")
        cursor = max(cursor, end)
    kept.append(old[cursor:])
    assert new.startswith(kept[0]) and new.endswith(kept[-1]), "fixer: changed text outside edits"
    position = len(kept[0])
    for piece in kept[1:-1]:
        found = new.find(piece, position)
        assert found >= 0, f"fixer: lost {piece!r}"
        position = found + len(piece)


def check_fix(text: str) -> None:
    """fix_text equals the checked pass-by-pass loop run to the end, loses Chinese text only
    where a fix means to, and is idempotent."""
    fixed, _ = fix_text(text)
    current, allowed = normalised(text), Counter()
    for passes in range(MAX_PASSES):  # noqa: B007 - reported below
        after, may_lose = _check_pass(current)
        allowed += may_lose
        if after == current:
            break
        current = after
    assert current == fixed, f"fix: fix_text stops early; the loop settles after {passes} passes"
    removed = Counter(CJK.findall(normalised(text))) - Counter(CJK.findall(fixed))
    assert not removed - allowed, f"fix: Chinese characters lost: {''.join(removed.elements())!r}"
    again, count = fix_text(fixed)
    assert (again, count) == (fixed, 0), "fix: not idempotent"


# --- configs ----------------------------------------------------------------------------------
SAMPLE = (ROOT / "examples" / "defective-report.txt").read_text(encoding="utf-8")


@contextlib.contextmanager
def workspace() -> Any:
    """A scratch folder holding a real profile (configs may name profile.yaml)."""
    with tempfile.TemporaryDirectory(prefix="lawlint-fuzz-") as folder:
        path = Path(folder)
        shutil.copy(ROOT / "examples" / "township-profile.yaml", path / "profile.yaml")
        try:
            yield path
        finally:
            load_config.cache_clear()  # every example has a new path: keep the cache small


def check_config(yaml_text: str, text: str) -> None:
    with workspace() as folder:
        path = folder / ".lawlint.yaml"
        path.write_text(yaml_text, encoding="utf-8", errors="surrogatepass")
        try:
            config = load_config(path)
        except LawlintError:
            return
        assert isinstance(config, Config)
        with contextlib.suppress(LawlintError):  # e.g. a profile file that is not there
            lint_text(text, config)
            fix_text(text, config)


# --- CLI --------------------------------------------------------------------------------------
def run_cli(args: list[str]) -> tuple[int, str, str]:
    """``lawlint ARGS`` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    finally:
        set_lang("zh")  # main sets the error language process-wide
        load_config.cache_clear()
    return code, out.getvalue(), err.getvalue()


def _assert_clean_exit(code: int, err: str, allowed: Sequence[int], what: str) -> None:
    assert "Traceback" not in err, f"{what}: traceback: {err[-300:]}"
    assert "内部错误" not in err and "internal error" not in err, f"{what}: {err.strip()}"
    assert code in allowed, f"{what}: exit {code}: {err.strip()[:300]}"


def check_cli_config(yaml_text: str, text: str) -> None:
    with workspace() as folder:
        config = folder / ".lawlint.yaml"
        config.write_text(yaml_text, encoding="utf-8", errors="surrogatepass")
        report = folder / "report.txt"
        report.write_bytes(text.encode("utf-8", "surrogatepass"))
        for args in (["--config", str(config), str(report)], [str(folder)],
                     ["--format", "json", "--fix", str(report)]):
            code, _, err = run_cli(args)
            _assert_clean_exit(code, err, (0, 1, 2), "cli-config")


def check_cli_fix(name: bytes, text: str) -> None:
    with workspace() as folder:
        path = os.path.join(os.fsencode(folder), name)
        with open(path, "wb") as stream:
            stream.write(text.encode("utf-8", "surrogatepass"))
        shown = os.fsdecode(path)
        code, _, err = run_cli(["--no-config", "--fix", shown])
        _assert_clean_exit(code, err, (0, 1, 2), "cli-fix")
        if code == 2:
            return  # an unreadable file (invalid UTF-8 from a lone surrogate): said in one line
        before = Path(shown).read_bytes()
        code, out, err = run_cli(["--no-config", "--diff", shown])
        _assert_clean_exit(code, err, (0,), "cli-fix: --diff after --fix")
        assert out == "", "cli-fix: --diff after --fix shows changes"
        assert Path(shown).read_bytes() == before, "cli-fix: --diff wrote the file"


# --- the registry scripts/fuzz.py runs --------------------------------------------------------
# Inputs are drawn with ``surrogates`` (lone surrogates in the text) and ``max_siblings`` (the
# longest run of sibling headings) as the caller asks; both the test suite and the campaign
# use everything.
Args = st.SearchStrategy[tuple[Any, ...]]


@dataclass(frozen=True)
class Property:
    name: str
    check: Callable[..., None]
    strategy: Callable[..., Args]  # (surrogates=, max_siblings=) -> the check's arguments


def _documents(surrogates: bool = True, max_siblings: int = 150) -> Args:
    return st.tuples(documents(surrogates, max_siblings))


def _with_config(surrogates: bool = True, max_siblings: int = 150) -> Args:
    return st.tuples(config_yaml(), report_text(surrogates, 12, max_siblings))


def _with_name(surrogates: bool = True, max_siblings: int = 150) -> Args:
    return st.tuples(file_names(), report_text(surrogates, 20, max_siblings))


PROPERTIES = [
    Property("lint", check_lint, _documents),
    Property("fix-spans", check_fix_spans, _documents),
    Property("fix", check_fix, _documents),
    Property("config", check_config, _with_config),
    Property("cli-config", check_cli_config, _with_config),
    Property("cli-fix", check_cli_fix, _with_name),
]
BY_NAME = {p.name: p for p in PROPERTIES}


# --- the short profile the test suite runs ----------------------------------------------------
def short(examples: int) -> settings:
    """Few examples, the same every run (derandomized, no example database): CI never flakes
    on a rare example; scripts/fuzz.py searches at random for those and minimises them. No
    shrinking here: through these composite strategies it can take minutes."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _test(name: str, examples: int, surrogates: bool = True,
          max_siblings: int = 150) -> Callable[[], None]:
    prop = BY_NAME[name]

    @short(examples)
    @given(prop.strategy(surrogates=surrogates, max_siblings=max_siblings))
    def run(args: tuple[Any, ...]) -> None:
        prop.check(*args)

    return run


test_lint = _test("lint", 150)


@short(20)
@given(with_surrogate(documents(surrogates=True)))
def test_lint_lone_surrogates(text: str) -> None:
    check_lint(text)


@short(20)
@given(siblings(min_count=99, max_count=150), st.sampled_from(["一、", "（一）", "（）", "十、"]))
def test_lint_many_siblings(lines: list[str], extra: str) -> None:
    check_lint("\n".join([*lines, extra + "加强学习"]))  # one sibling more than 99

test_fix_spans = _test("fix-spans", 120)
test_fix = _test("fix", 80)
test_config = _test("config", 100)
test_cli_config = _test("cli-config", 25)
test_cli_fix = _test("cli-fix", 25)
