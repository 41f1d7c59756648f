"""Rule packs: the YAML files under checks/ that hold domain knowledge.

Every pack is read with ``yaml.safe_load`` and checked against a small schema, so a reviewer who
edits one gets ``lawlint: error: checks/x.yaml: key 'y' ...`` instead of a traceback. The parse
of each YAML file is kept in the private cache (lawlint/cache.py), keyed by the file's bytes: an
edited pack is parsed afresh on the next run, and a run whose files are all cached never
imports PyYAML. The schema checks run every time, on cached data as on fresh.
"""

from __future__ import annotations

import datetime
import errno
import re
import stat
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from .. import cache as private_cache
from ..errors import InputError, LawlintError, Text, os_reason, t
from ..readers.text import DEFAULT_MAX_SIZE, read_bytes
from ..regexes import compiled
from ..resources import checks_path, data_dir


class PackError(LawlintError):
    """A rule pack, profile or config file that is not valid YAML or not of the expected shape."""


_BRIEF = 60  # characters of a value echoed into a message
PATH_SHOWN = 300  # characters of a path echoed into a message
# Limits on what a user writes in a config or profile, far beyond any real one (a profile has
# five parts, a config a handful of globs): beyond them a hostile file could make a run slow.
MAX_ENTRIES = 1_000  # entries in one list or mapping
MAX_TEXT = 4_096  # characters in one string (PATH_MAX)
# The cache keeps the parse of YAML files up to this size (the packs are under 10 KB); a bigger
# one, which only a hostile config would be, is parsed each run rather than fill the cache.
MAX_CACHED_YAML = 256 * 1024
# Part of the cache key: change it when what read_yaml returns for a text changes.
_YAML_CACHE_FORMAT = 1


def read_yaml(path: Path) -> Any:
    """The parsed content of a YAML file (a pack, profile or config): from the private cache
    when it holds the parse of these very bytes, else parsed (importing PyYAML) and cached."""
    # Regular files only, bounded: a FIFO or /dev/zero given as a config must not hang. The
    # --max-size limit guards what users hand in, not the packs lawlint ships.
    limit = DEFAULT_MAX_SIZE if path.is_relative_to(data_dir("checks")) else None
    try:
        data = read_bytes(path, str(path), limit=limit)
    except InputError as exc:
        raise PackError(*exc.parts) from None
    key = private_cache.make_key(f"yaml{_YAML_CACHE_FORMAT}", data)
    value = private_cache.load_value(key)
    if value is private_cache.MISSING:
        value = _parse_yaml_file(path, data)
        if len(data) <= MAX_CACHED_YAML:
            private_cache.store_value(key, value)
    return value


def _parse_yaml_file(path: Path, data: bytes) -> Any:
    from .yamlparse import MAX_ALIAS_NODES, AliasBomb, Unconvertible, YAMLError, parse_yaml

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackError(str(path), t("：不是 UTF-8 文本", ": not UTF-8 text")) from None
    try:
        return parse_yaml(text)
    except Unconvertible as exc:
        raise PackError(str(path), t(f"：第 {exc.line} 行的值无法转换（数字过长、日期不存在或"
                                     "与标签不符）", f": the value on line {exc.line} cannot be "
                                     "converted (a number too long, an impossible date, or not "
                                     "of its tag)")) from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(str(path), t(f"：YAML 格式错误{f'（第 {line} 行）' if line else ''}：",
                                     f": invalid YAML{f' (line {line})' if line else ''}: "),
                        brief_text(problem, 200)) from None
    except AliasBomb:
        raise PackError(str(path), t(f"：YAML 别名（*引用）展开后超过 {MAX_ALIAS_NODES} 项或"
                                     "引用自身，请直接写出内容", f": YAML aliases (*name) expand "
                                     f"to more than {MAX_ALIAS_NODES} items or refer to "
                                     "themselves; write the values out")) from None
    except RecursionError:  # only the pure-Python loader recurses; libyaml caps the depth
        raise PackError(str(path), t("：YAML 嵌套过深", ": YAML nested too deeply")) from None


def brief(value: Any, limit: int = _BRIEF) -> str:
    """``value`` for an error message: a short repr that never walks or prints much of a huge
    value (a 50 MB string, a 5,000-digit integer, an alias-expanded list)."""
    text = _brief(value, 2)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def brief_text(text: str, limit: int = _BRIEF) -> str:
    """A string for a message as it is (no quotes), cut to ``limit`` characters."""
    text = text[: limit + 1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _brief(value: Any, depth: int) -> str:
    if isinstance(value, (str, bytes)):
        return repr(value[: _BRIEF + 1])
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        # str() of a huge integer is slow, and refused past 4,300 digits
        return f"<{value.bit_length() * 0.30103:.0f}-digit integer>"
    if isinstance(value, (list, tuple)):
        shown = [_brief(item, depth - 1) for item in value[:3]] if depth else []
        return _enclose("[]", shown, len(value))
    if isinstance(value, dict):
        pairs = islice(value.items(), 3 if depth else 0)
        shown = [f"{_brief(k, depth - 1)}: {_brief(v, depth - 1)}" for k, v in pairs]
        return _enclose("{}", shown, len(value))
    if isinstance(value, datetime.date):
        return str(value)
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    return f"<{type(value).__name__}>"


def _enclose(brackets: str, shown: list[str], total: int) -> str:
    more = ", …" if total > len(shown) and shown else "…" if total > len(shown) else ""
    return brackets[0] + ", ".join(shown) + more + brackets[1]


def label(key: Any) -> str:
    """A mapping key as part of a message's location (``severity.LL101``), kept short."""
    return brief_text(key) if isinstance(key, str) else brief(key)


def file_problem(path: Path) -> Text | None:
    """Why ``path`` is not a regular file to read a config or profile from; None when it is.
    Never raises: a NUL byte or an over-long name is a reason like any other."""
    try:
        mode = path.stat().st_mode
    except ValueError:
        return t("路径含有空字符（NUL）", "path contains a NUL character")
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return t("不存在", "not found")
        if exc.errno == errno.ENAMETOOLONG:
            return t("路径过长", "path too long")
        reason = os_reason(exc)
        return t(f"无法访问：{reason.zh}", f"cannot be accessed: {reason.en}")
    if not stat.S_ISREG(mode):
        return t("不是普通文件", "is not a regular file")
    return None


class Shape:
    """Checks one YAML document and names the file and the key in every complaint.

    A document written by users (config, profile) gets limits: at most ``max_items`` entries in
    a list or mapping and ``max_text`` characters in a string, so a hostile file cannot make
    the run slow; the shipped packs have none.
    """

    def __init__(self, path: Path | str, max_items: int | None = None,
                 max_text: int | None = None) -> None:
        self.path = path
        self.max_items = max_items
        self.max_text = max_text

    @classmethod
    def for_user(cls, path: Path | str) -> Shape:
        """A Shape with the limits for files users write (config, profiles)."""
        return cls(path, MAX_ENTRIES, MAX_TEXT)

    def fail(self, where: str, *what: str | Text) -> PackError:
        return PackError(str(self.path), ": ", where, ": ", *what)

    def sized(self, value: list | dict, where: str) -> None:
        if self.max_items is not None and len(value) > self.max_items:
            raise self.fail(where, t(f"条目过多（{len(value)} 条），最多 {self.max_items} 条",
                                     f"too many entries ({len(value)}), at most "
                                     f"{self.max_items}"))

    def mapping(self, value: Any, where: str, keys: Mapping[str, bool] | None = None) -> dict:
        """A mapping; with ``keys`` ({key: required}), unknown and missing keys are errors."""
        if not isinstance(value, dict):
            kind = type(value).__name__
            raise self.fail(where, t(f"应为映射（键: 值），实际为 {kind}",
                                     f"expected a mapping, got {kind}"))
        self.sized(value, where)
        if keys is not None:
            for key in value:
                if key not in keys:
                    known = ", ".join(sorted(keys))
                    raise self.fail(where, t(f"未知的键 {brief(key)}（可用：{known}）",
                                             f"unknown key {brief(key)} (known: {known})"))
            for key, required in keys.items():
                if required and key not in value:
                    raise self.fail(where, t(f"缺少键 {key!r}", f"missing key {key!r}"))
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, t(f"应为非空字符串，实际为 {brief(value)}",
                                     f"expected a non-empty string, got {brief(value)}"))
        if self.max_text is not None and len(value) > self.max_text:
            raise self.fail(where, t(f"过长（{len(value)} 个字符），最多 {self.max_text} 个",
                                     f"too long ({len(value)} characters), at most "
                                     f"{self.max_text}"))
        if "\0" in value:
            raise self.fail(where, t("含有空字符（NUL），请删除", "contains a NUL character"))
        return value

    def texts(self, value: Any, where: str) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(where, t(f"应为字符串列表，实际为 {brief(value)}",
                                     f"expected a list of strings, got {brief(value)}"))
        self.sized(value, where)
        return [self.text(item, f"{where}[{i}]") for i, item in enumerate(value)]

    def pattern(self, value: Any, where: str, group: Text | None = None) -> re.Pattern[str]:
        """A regular expression, compiled; a bad one is an error naming the key. With ``group``
        (what the group captures), it must have a group () for it."""
        text = self.text(value, where)
        try:
            pattern = compiled(text)
        except re.error as exc:
            raise self.fail(where, t(f"正则表达式 {brief(text)} 有误：{exc}",
                                     f"bad regular expression {brief(text)}: {exc}")) from None
        if group is not None and pattern.groups < 1:
            raise self.fail(where, t("须用一个括号分组 () 标出", "needs a group () around "), group)
        return pattern

    def number(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, t("应为数字", "expected a number"))
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, t("应为 true 或 false", "expected true or false"))
        return value


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, so the leftmost match is also the
    longest (目标举措 before 举措). Words are grouped by their first character (排(?:查化解|查)):
    the engine then tries only the words that can match at a position, not every word in turn
    (twice as fast for a hundred words)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[:1], []).append(re.escape(word[1:]))
    return "|".join(re.escape(first) + (f"(?:{'|'.join(rests)})" if rests != [""] else "")
                    for first, rests in by_first.items())


@lru_cache(maxsize=32)
def words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The compiled alternation of a pack's word list (built once per list)."""
    return compiled(alternation(words))


@cache
def load_pack(name: str) -> Any:
    """The parsed content of checks/<name> (cached: a pack is read once per process)."""
    return read_yaml(checks_path(name))
