"""Rule packs: the YAML files under checks/ that hold domain knowledge.

Every pack is read with ``yaml.safe_load`` and checked against a small schema, so a reviewer who
edits one gets ``lawlint: error: checks/x.yaml: key 'y' ...`` instead of a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, LawlintError
from .reader import DEFAULT_MAX_SIZE, read_bytes
from .resources import checks_path, data_dir


class PackError(LawlintError):
    """A rule pack, profile or config file that is not valid YAML or not of the expected shape."""


def read_yaml(path: Path) -> Any:
    # Regular files only, bounded: a FIFO or /dev/zero given as a config must not hang. The
    # --max-size limit guards what users hand in, not the packs lawlint ships.
    limit = DEFAULT_MAX_SIZE if path.is_relative_to(data_dir("checks")) else None
    try:
        text = read_bytes(path, str(path), limit=limit).decode("utf-8-sig")
    except InputError as exc:
        raise PackError(*exc.parts) from None
    except UnicodeDecodeError:
        raise PackError(f"{path}: not UTF-8 text") from None
    try:
        # libyaml's safe loader when PyYAML has it: about ten times faster on a cold run
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(f"{path}: invalid YAML{where}: {problem}") from None


class Shape:
    """Checks one YAML document and names the file and the key in every complaint."""

    def __init__(self, path: Path | str) -> None:
        self.path = path

    def fail(self, where: str, what: str) -> PackError:
        return PackError(f"{self.path}: {where}: {what}")

    def mapping(self, value: Any, where: str, keys: Mapping[str, bool] | None = None) -> dict:
        """A mapping; with ``keys`` ({key: required}), unknown and missing keys are errors."""
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {type(value).__name__}")
        if keys is not None:
            for key in value:
                if key not in keys:
                    known = ", ".join(sorted(keys))
                    raise self.fail(where, f"unknown key {key!r} (known: {known})")
            for key, required in keys.items():
                if required and key not in value:
                    raise self.fail(where, f"missing key {key!r}")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "expected a non-empty string")
        return value

    def texts(self, value: Any, where: str) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(where, "expected a list of strings")
        return [self.text(item, f"{where}[{i}]") for i, item in enumerate(value)]

    def pattern(self, value: Any, where: str) -> re.Pattern[str]:
        """A regular expression, compiled; a bad one is an error naming the key."""
        text = self.text(value, where)
        try:
            return re.compile(text)
        except re.error as exc:
            raise self.fail(where, f"bad regular expression {text!r}: {exc}") from None

    def number(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, "expected a number")
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, "expected true or false")
        return value


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, so the leftmost match is also the
    longest (目标举措 before 举措)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=32)
def words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The compiled alternation of a pack's word list (built once per list)."""
    return re.compile(alternation(words))


@cache
def load_pack(name: str) -> Any:
    """The parsed content of checks/<name> (cached: a pack is read once per process)."""
    return read_yaml(checks_path(name))
