"""LL301–LL304 on the real reports in ../shared/corpus: quiet as published (every figure there
is consistent), and firing at the right line when the test alters one count or rate at run
time. Skips when the corpus is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawlint.config import Config
from lawlint.engine import lint_text

FIGURES = ("LL301", "LL302", "LL303", "LL304")
NAMES = ("yiju-2025.txt", "baitu-2024.txt", "aojiang-2023.txt")

# (file, text as published, text altered, rule that must fire, line) — or rule None: still quiet
ALTERED = [
    ("yiju-2025.txt", "成功化解149件", "成功化解159件", "LL301", 11),
    ("yiju-2025.txt", "全年共收到信访10条", "全年共收到信访9条", "LL301", 11),
    ("aojiang-2023.txt", "调处成功256起", "调处成功265起", "LL301", 22),
    ("yiju-2025.txt", "化解率98%", "化解率89%", "LL302", 11),
    ("yiju-2025.txt", "排查矛盾纠纷152件", "排查矛盾纠纷125件", "LL301", 11),
    ("baitu-2024.txt", "通过率100%", "通过率80%", "LL302", 10),
    ("baitu-2024.txt", "办结率100%，办理", "办结率120%，办理", "LL303", 16),
    ("aojiang-2023.txt", "调成率达100%", "调成率达110%", "LL303", 22),
    ("aojiang-2023.txt", "企业共10家)", "企业共10家，其余企业8家)", "LL304", 32),
    ("aojiang-2023.txt", "企业共10家)", "企业共10家，其余企业10家)", None, None),
    ("yiju-2025.txt", "化解率98%", "化解率98.0%", None, None),
    ("yiju-2025.txt", "化解率98%", "化解率98.5%", "LL302", 11),
    ("baitu-2024.txt", "参与调解各类矛盾纠纷253件", "参与调解各类矛盾纠纷二百五十三件", None, None),
]


def _figures(text: str) -> list[tuple[str, int]]:
    result = lint_text(text, Config(select=FIGURES))
    return [(f.rule, f.line) for f in result.findings]


@pytest.mark.parametrize("name", NAMES)
def test_published_reports_are_quiet(corpus: Path, name: str) -> None:
    assert _figures((corpus / name).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("name,old,new,rule,line", ALTERED,
                         ids=[f"{n}:{new}" for n, _, new, _, _ in ALTERED])
def test_altered_figure(corpus: Path, name: str, old: str, new: str, rule: str | None,
                        line: int | None) -> None:
    text = (corpus / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{name} no longer holds {old!r} once"
    expected = [(rule, line)] if rule else []
    assert _figures(text.replace(old, new)) == expected
