"""Recall over made-up defect variants: each clean made-up report gets one defect at a time, of
kinds a reviewer meets, and the check is whether lawlint reports the expected rule on the
defect's line.

    python scripts/recall.py

Prints, per defect kind, how many variants were caught, and the total. The clean reports are
tests/fixtures/clean/*.txt and examples/clean-report.txt (made up for this project).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from lawlint.engine import lint_text  # noqa: E402

# kind -> (rule expected, a function from the report's lines to (new lines, 1-based line of the
# defect), or None when the report has no place for it)
Inject = Callable[[list[str]], "tuple[list[str], int] | None"]


def _after_first_heading(text: str) -> Inject:
    def inject(lines: list[str]) -> tuple[list[str], int] | None:
        for index, line in enumerate(lines):
            if re.match(r"\s*[一二三四五六七八九十]+、", line):
                return lines[: index + 1] + [text] + lines[index + 1:], index + 2
        return None
    return inject


def _replace_first(pattern: str, replacement: str, body_only: bool = True) -> Inject:
    def inject(lines: list[str]) -> tuple[list[str], int] | None:
        for index, line in enumerate(lines):
            if index < 2 and body_only:
                continue
            new, count = re.subn(pattern, replacement, line, count=1)
            if count:
                return lines[:index] + [new] + lines[index + 1:], index + 1
        return None
    return inject


def _after_title(text: str) -> Inject:
    def inject(lines: list[str]) -> tuple[list[str], int] | None:
        return lines[:1] + [text] + lines[1:], 2
    return inject


KINDS: dict[str, tuple[str, Inject]] = {
    "rate that does not match its counts": ("LL302", _after_first_heading(
        "全年排查矛盾纠纷40件，成功化解30件，化解率95%。")),
    "more resolved than received": ("LL301", _after_first_heading("受理群众来信20件，办结25件。")),
    "skipped heading number": ("LL101", _replace_first(r"^（二）", "（三）", body_only=False)),
    "half-width comma": ("LL603", _replace_first(r"(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])", ",")),
    "web metadata line": ("LL602", _after_title("发布时间：2025-01-10 09:30  来源：本站")),
    "doubled character": ("LL605", _replace_first(r"(?<=[\u4e00-\u9fff])的(?=[\u4e00-\u9fff])",
                                                  "的的")),
    "placeholder left in": ("LL601", _after_first_heading("今年新增法律服务站XX个。")),
    "space between Chinese": ("LL608", _replace_first(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])",
                                                       " ")),
    "mixed doubled punctuation": ("LL609", _after_first_heading("开展普法宣传活动12场，。")),
    "unbalanced quotation mark": ("LL610", _after_first_heading(
        "开展“法律进乡村活动，发放资料3000余份。")),
}


def clean_reports() -> list[Path]:
    return sorted((ROOT / "tests" / "fixtures" / "clean").glob("*.txt")) + \
        [ROOT / "examples" / "clean-report.txt"]


def read(path: Path) -> str:
    data = path.read_bytes()
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise ValueError(path)


def recall() -> dict[str, tuple[str, int, int]]:
    """kind -> (rule, variants caught, variants made)."""
    out = {}
    for kind, (rule, inject) in KINDS.items():
        caught = tried = 0
        for path in clean_reports():
            made = inject(read(path).split("\n"))
            if made is None:
                continue
            lines, line = made
            tried += 1
            found = {(f.rule, f.line) for f in lint_text("\n".join(lines), path=path.name).findings}
            caught += (rule, line) in found
        out[kind] = (rule, caught, tried)
    return out


def main() -> int:
    results = recall()
    for kind, (rule, caught, tried) in results.items():
        print(f"{rule} {kind}: {caught}/{tried}")
    caught_all = sum(c for _, c, _ in results.values())
    total = sum(t for _, _, t in results.values())
    print(f"recall: {caught_all}/{total} = {caught_all / total:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
