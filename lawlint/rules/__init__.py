"""The rule interface and registry.

A rule is a small class: code, name, default severity, a docstring that ``lawlint explain``
prints (what it reports, why it matters, an example) with its English version ``doc_en`` beside
it, bilingual messages, typed options, and a ``check`` that yields findings. Modules in this
package register their rules on import.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import LawlintError, t
from ..model.packs import brief
from ..regexes import compiled
from ..slotted import SentByValues, same_fields

if TYPE_CHECKING:
    from ..model.document import Document, Span

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
LANGS = ("zh", "en")
# an English sentence ends at a full stop, a space and a capital (not in 3.15, "1. mixed with")
_SENTENCE_END = compiled(r"(?<=[.!?]) (?=[A-Z])")


class Edit:
    """Replace ``Document.text[start:end]`` with ``text``."""

    __slots__ = ("start", "end", "text")
    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text

    def __eq__(self, other: object) -> bool:
        return same_fields(self, other)


class Fix:
    __slots__ = ("edits",)
    edits: tuple[Edit, ...]

    def __init__(self, edits: tuple[Edit, ...]) -> None:
        self.edits = edits

    def __eq__(self, other: object) -> bool:
        return same_fields(self, other)


class Finding(SentByValues):
    """One finding. Plain data: two runs' findings compare equal (a --jobs run gives the serial
    run's), and a worker process sends them to the CLI process pickled."""

    __slots__ = ("rule", "name", "severity", "line", "column", "end_line", "end_column", "message",
                 "fix")
    rule: str
    name: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: Fix | None

    def __init__(self, rule: str, name: str, severity: str, line: int, column: int,
                 end_line: int, end_column: int, message: str, fix: Fix | None = None) -> None:
        self.rule = rule
        self.name = name
        self.severity = severity
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.message = message
        self.fix = fix

    def __eq__(self, other: object) -> bool:
        return same_fields(self, other)

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.rule)


class Rule:
    """Base class. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    fixable: ClassVar[bool] = False
    # reads a Word document's layout: not run (nor listed as run) for a text file
    docx_only: ClassVar[bool] = False
    # option name -> default; a configured value must have the default's type
    options: ClassVar[dict[str, Any]] = {}
    # message key -> (Chinese, English); str.format fields filled by report()
    messages: ClassVar[dict[str, tuple[str, str]]] = {}
    # the docstring in English, same layout (Why:, Example (error)::, Fix:); the example block
    # stays in Chinese, as the reports it shows are
    doc_en: ClassVar[str] = ""

    def __init__(self, options: dict[str, Any] | None = None, lang: str = "zh",
                 severity: str | None = None) -> None:
        self.config = {**self.options, **(options or {})}
        self.lang = lang
        self.effective_severity = severity or self.severity

    def check(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

    def report(self, span: Span, key: str, fix: Fix | None = None, **fields: Any) -> Finding:
        zh, en = self.messages[key]
        template = en if self.lang == "en" else zh
        return Finding(self.code, self.name, self.effective_severity, span.line, span.column,
                       span.end_line, span.end_column, template.format(**fields), fix)

    @classmethod
    def explanation(cls, lang: str = "zh") -> str:
        """What ``lawlint explain`` prints: what the rule reports, why, an example."""
        return inspect.cleandoc((cls.doc_en if lang == "en" else cls.__doc__) or "")

    @classmethod
    def summary(cls, lang: str = "zh") -> str:
        """The explanation's first sentence, whole: it may wrap onto several lines."""
        paragraph = cls.explanation(lang).split("\n\n", 1)[0]
        lines = [line.strip() for line in paragraph.splitlines()]
        if lang == "en":
            return _SENTENCE_END.split(" ".join(lines), 1)[0]
        text = "".join(lines)
        end = text.find("。")
        return text[: end + 1] if end >= 0 else text

    @classmethod
    def validate_options(cls, options: Any, where: str) -> dict[str, Any]:
        """``options`` from a config, checked against the defaults' types; ``where`` (the file
        and key) begins an error."""
        if not isinstance(options, dict):
            raise LawlintError(where, ": ", t(f"{cls.code} 的选项应为映射（选项: 值），实际为 {brief(options)}",
                                 f"options for {cls.code} must be a mapping, got "
                                 f"{brief(options)}"))
        for key, value in options.items():
            if key not in cls.options:
                known = ", ".join(sorted(cls.options)) or "none"
                raise LawlintError(where, ": ", t(f"{cls.code} 没有选项 {brief(key)}（可用：{known}）",
                                     f"unknown option {brief(key)} for {cls.code} "
                                     f"(options: {known})"))
            if not _option_fits(cls.options[key], value):
                kind = type(cls.options[key]).__name__
                kind = "list of str" if kind == "list" else kind
                raise LawlintError(where, ": ", t(f"{cls.code} 的选项 {key!r} 应为 {kind}，实际为 {brief(value)}",
                                     f"option {key!r} of {cls.code} must be {kind}, got "
                                     f"{brief(value)}"))
        return options


MAX_OPTION_ITEMS = 1_000  # entries in a list option (LL604 allow): far more than any real use


def _option_fits(default: Any, value: Any) -> bool:
    """Whether a configured value has the default's type (an int is a fine float; a list
    holds strings)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, list):
        return (isinstance(value, list) and len(value) <= MAX_OPTION_ITEMS
                and all(isinstance(item, str) for item in value))
    return isinstance(value, (int, float) if isinstance(default, float) else type(default))


_REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    for attr in ("code", "name", "severity"):
        if not getattr(cls, attr, None):
            raise TypeError(f"{cls.__name__} lacks {attr}")
    if cls.severity not in SEVERITIES:
        raise TypeError(f"{cls.code}: bad severity {cls.severity}")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise TypeError(f"duplicate rule code {cls.code}")
    _REGISTRY[cls.code] = cls
    return cls


_loaded = False


def all_rules() -> dict[str, type[Rule]]:
    """Every rule, by code, in code order (imports the rule modules on first call)."""
    global _loaded
    if not _loaded:
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _loaded = True
    return dict(sorted(_REGISTRY.items()))


def rule_by_code_or_name(key: str) -> type[Rule] | None:
    rules = all_rules()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((r for r in rules.values() if r.name == key), None)


def matching_codes(selectors: Iterable[str]) -> Iterator[str]:
    """Codes matched by codes, prefixes (LL2) or names; an unknown selector is an error."""
    for selector in selectors:
        yield from _codes_of(selector.strip())


@lru_cache(maxsize=1024)
def _codes_of(key: str) -> tuple[str, ...]:
    """The codes one selector names (cached: a config repeats its selectors for every file)."""
    rules = all_rules()
    if key.upper() == "ALL":
        return tuple(rules)
    matched = tuple(c for c, r in rules.items() if r.name == key) or tuple(
        c for c in rules if c.startswith(key.upper()))
    if not matched:
        raise LawlintError(t(f"未知的规则代码或前缀 {brief(key)}（见 `lawlint rules`）",
                             f"unknown rule code or prefix {brief(key)} (see `lawlint rules`)"))
    return matched
