"""Stage 5, reporters: one module per output format (text for people, JSON for tools, JUnit XML
for review pipelines, SARIF, GitHub workflow commands and GitLab Code Quality for code-scanning
pipelines). Only the chosen format's module is imported; this package is light (the CLI reads
FORMATS from it for --format's choices before anything is linted)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING

from ..rules import SEVERITIES

if TYPE_CHECKING:  # the engine (and the parser under it) is loaded by the run, not by --format
    from ..engine import FileResult

FORMATS = ("text", "json", "junit", "sarif", "github", "gitlab", "html")
# the formats that can print how often each rule fired (--statistics)
STATISTICS_FORMATS = ("text", "json")


def counts(results: list[FileResult]) -> dict[str, int]:
    tally = {"files": len(results), **{s: 0 for s in SEVERITIES}}
    for result in results:
        for finding in result.findings:
            tally[finding.severity] += 1
    return tally


class RuleCount:
    __slots__ = ("rule", "name", "count", "fixable")
    rule: str
    name: str
    count: int
    fixable: bool  # one of its findings at least can be fixed

    def __init__(self, rule: str, name: str, count: int, fixable: bool) -> None:
        self.rule = rule
        self.name = name
        self.count = count
        self.fixable = fixable


def rule_counts(results: list[FileResult]) -> list[RuleCount]:
    """Each rule that fired, with how often across ``results``: most frequent first."""
    tally: dict[str, list] = {}
    for result in results:
        for finding in result.findings:
            tally.setdefault(finding.rule, []).append(finding)
    return [RuleCount(code, found[0].name, len(found), any(f.fixable for f in found))
            for code, found in sorted(tally.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


class ReportOptions:
    __slots__ = ("lang", "colour", "show_source", "statistics", "unreadable")
    lang: str
    colour: bool
    show_source: bool
    statistics: bool
    unreadable: tuple[tuple[str, str], ...]  # (path, reason) of files not linted

    def __init__(self, lang: str = "zh", colour: bool = False, show_source: bool = False,
                 statistics: bool = False, unreadable: tuple[tuple[str, str], ...] = ()) -> None:
        self.lang = lang
        self.colour = colour
        self.show_source = show_source
        self.statistics = statistics
        self.unreadable = unreadable


DEFAULT_OPTIONS = ReportOptions()

_PARAGRAPH = {"zh": "第{}段", "en": "para {}"}


def where(path: str, result: FileResult, line: int, column: int, lang: str) -> str:
    """``path:12:5:``, or for a Word file ``path:第12段:5:`` (``path:para 12:5:``)."""
    shown = _PARAGRAPH[lang].format(line) if result.unit == "paragraph" else line
    return f"{path}:{shown}:{column}:"


def reporter(fmt: str) -> Callable[[list[FileResult], ReportOptions], str | bytes]:
    """The render function of output format ``fmt`` (one of FORMATS): text, or UTF-8 bytes."""
    return import_module(f"{__name__}.{fmt}").render


def indented_json(item: object) -> str:
    from json import dumps  # here: the text report never needs json (3 ms to import)

    return dumps(item, ensure_ascii=False, indent=2)


def json_with_list(payload: dict, key: str, items: Iterable[object],
                   dump: Callable[[object], str] = indented_json) -> str:
    """``payload`` as indented JSON (non-ASCII kept) with ``items`` as its list ``key`` (an empty
    list in ``payload``, the only key of that name), each item written by ``dump`` (as
    :func:`indented_json` writes it, maybe faster). Each item is dumped on its own: dumping a
    whole report at once holds a small string per token of every finding (~80 bytes of memory
    per byte of output) until it is joined, and the document is joined once from its pieces."""
    from json import dumps  # a module `json` here would be rebound to the submodule reporters.json

    marker = f'"{key}": []'  # never inside a string, where JSON escapes the quotes
    head, tail = dumps(payload, ensure_ascii=False, indent=2).split(marker, 1)
    pad = " " * (len(head) - head.rindex("\n") + 1)  # the key's indentation, and two
    pieces = [head, f'"{key}": [\n']
    for index, item in enumerate(items):
        pieces += [",\n"] if index else []
        pieces.append(pad + dump(item).replace("\n", "\n" + pad))
    if len(pieces) == 2:
        return f"{head}{marker}{tail}\n"
    return "".join([*pieces, "\n", pad[:-2], "]", tail, "\n"])
