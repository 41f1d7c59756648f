"""Configuration: `.lawlint.yaml` found from a linted file's folder upward, or `--config`.

Every key is validated; an unknown key or a bad value is a one-line error naming the file and
the key (exit 2). Command-line flags override the file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from .errors import LawlintError, os_reason, t
from .model.packs import PATH_SHOWN, Shape, brief, brief_text, file_problem, label, read_yaml
from .model.profiles import load_profile_file, resolve_profile
from .readers.targets import DOCUMENT_GLOBS
from .readers.text import encoding_problem
from .rules import LANGS, SEVERITIES, matching_codes, rule_by_code_or_name

CONFIG_NAMES = (".lawlint.yaml", ".lawlint.yml")
FAIL_ON = ("error", "warning", "info", "never")

_KEYS = {
    "profile": False, "profiles": False, "select": False, "ignore": False, "severity": False,
    "per-file-ignores": False, "rules": False, "fail-on": False, "lang": False, "include": False,
    "exclude": False, "encoding": False, "year": False, "layout": False, "jobs": False,
}


class Config:
    """What a config file (or the defaults, or the command line) asks for. Not changed once
    made: :meth:`override` makes a new one."""

    __slots__ = ("path", "profile", "profiles", "select", "ignore", "severity", "per_file_ignores",
                 "rule_options", "fail_on", "lang", "include", "exclude", "encoding", "year",
                 "layout", "jobs")
    path: Path | None  # None: no config file
    profile: str | None
    profiles: tuple[Path, ...]  # extra profile files made known by name
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    severity: dict[str, str]  # code -> severity
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    rule_options: dict[str, dict[str, Any]]  # code -> options
    fail_on: str
    lang: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    encoding: str | None
    year: int | None
    layout: str | None  # the LL7xx preset: a name in checks/layout.yaml or a file's path
    jobs: int | None  # worker processes (the config of the working folder counts)

    def __init__(self, path: Path | None = None, profile: str | None = None,
                 profiles: tuple[Path, ...] = (), select: tuple[str, ...] | None = None,
                 ignore: tuple[str, ...] = (), severity: dict[str, str] | None = None,
                 per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
                 rule_options: dict[str, dict[str, Any]] | None = None, fail_on: str = "error",
                 lang: str = "zh", include: tuple[str, ...] = DOCUMENT_GLOBS,
                 exclude: tuple[str, ...] = (), encoding: str | None = None,
                 year: int | None = None, layout: str | None = None,
                 jobs: int | None = None) -> None:
        self.path = path
        self.profile = profile
        self.profiles = profiles
        self.select = select
        self.ignore = ignore
        self.severity = {} if severity is None else severity
        self.per_file_ignores = per_file_ignores
        self.rule_options = {} if rule_options is None else rule_options
        self.fail_on = fail_on
        self.lang = lang
        self.include = include
        self.exclude = exclude
        self.encoding = encoding
        self.year = year
        self.layout = layout
        self.jobs = jobs

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def override(self, **flags: Any) -> Config:
        """This config with the command-line flags that were given (None = not given)."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update((name, value) for name, value in flags.items() if value is not None)
        return Config(**values)


def find_config(start: Path) -> Path | None:
    """The nearest .lawlint.yaml in ``start`` or a folder above it."""
    return _find_config(start.resolve())


@cache
def _find_config(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        try:
            if candidate.is_file():
                return candidate
        except OSError as exc:  # an unsearchable folder: its config cannot be known, so stop
            raise LawlintError(candidate, t("：无法检查配置文件：", ": cannot check for a config: "),
                               os_reason(exc)) from None
    return None if folder.parent == folder else _find_config(folder.parent)


def load_named_config(given: str) -> Config:
    """The config named by ``--config``: it must be a regular file."""
    if not given.strip():
        raise LawlintError(t("--config 不能为空", "--config must not be empty"))
    problem = file_problem(Path(given))
    if problem is not None:
        raise LawlintError(brief_text(given, PATH_SHOWN), t("：配置文件", ": config file "), problem)
    return load_config(Path(given).resolve())


@cache
def load_config(path: Path) -> Config:
    data = read_yaml(path)
    if data is None:
        return Config(path=path)
    shape = Shape.for_user(path)
    shape.mapping(data, "config", _KEYS)
    return _parse(path, shape, data)


def _parse(path: Path, shape: Shape, data: dict) -> Config:
    base = path.parent
    values: dict[str, Any] = {}
    if "profiles" in data:
        values["profiles"] = _profile_files(shape, base, data["profiles"])
    if "profile" in data:
        values["profile"] = _profile(shape, base, data["profile"], values.get("profiles", ()))
    if "select" in data:
        values["select"] = tuple(_codes(shape, data["select"], "select"))
    if "ignore" in data:
        values["ignore"] = tuple(_codes(shape, data["ignore"], "ignore"))
    if "severity" in data:
        values["severity"] = _severities(shape, data["severity"])
    if "per-file-ignores" in data:
        table = shape.mapping(data["per-file-ignores"], "per-file-ignores")
        values["per_file_ignores"] = tuple(
            (shape.text(glob, "per-file-ignores"),
             tuple(_codes(shape, codes, f"per-file-ignores.{label(glob)}")))
            for glob, codes in table.items()
        )
    if "rules" in data:
        values["rule_options"] = _rule_options(shape, data["rules"])
    for key, choices in (("fail-on", FAIL_ON), ("lang", LANGS)):
        if key in data:
            values[key.replace("-", "_")] = _choice(shape, data[key], key, choices)
    for key in ("include", "exclude"):
        if key in data:
            values[key] = tuple(shape.texts(data[key], key))
    if "encoding" in data:
        values["encoding"] = shape.text(data["encoding"], "encoding")
        if (problem := encoding_problem(values["encoding"])) is not None:
            raise shape.fail("encoding", problem)
    if "year" in data:
        values["year"] = _year(shape, data["year"])
    if "jobs" in data:
        values["jobs"] = _jobs(shape, data["jobs"])
    if "layout" in data:
        from .model.layout import layout_preset, preset_spec  # only when a config names one

        values["layout"] = preset_spec(shape.text(data["layout"], "layout"), base)
        _within(shape, "layout", lambda: layout_preset(values["layout"]))
    return Config(path=path, **values)


def _profile_files(shape: Shape, base: Path, value: Any) -> tuple[Path, ...]:
    """The ``profiles`` entries: each a regular file that loads as a profile, checked now so a
    bad one is reported against this config even when no file is linted with it."""
    paths = []
    for i, given in enumerate(shape.texts(value, "profiles")):
        where = f"profiles[{i}]"
        problem = file_problem(base / given)
        if problem is not None:
            raise shape.fail(where, t(f"profile 文件 {brief(given)} ", f"profile file "
                                      f"{brief(given)} "), problem)
        path = (base / given).resolve()
        _within(shape, where, lambda path=path: load_profile_file(path))
        paths.append(path)
    return tuple(paths)


def _profile(shape: Shape, base: Path, value: Any, extra: tuple[Path, ...]) -> str:
    spec = shape.text(value, "profile")
    _within(shape, "profile", lambda: resolve_profile(spec, base, extra))
    return spec


def _within(shape: Shape, where: str, check: Callable[[], object]) -> None:
    """Run ``check``; an error it raises is reported against this config's key."""
    try:
        check()
    except LawlintError as exc:
        raise shape.fail(where, *exc.parts) from None


def _choice(shape: Shape, value: Any, key: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise shape.fail(key, t(f"应为 {'、'.join(choices)} 之一，实际为 {brief(value)}",
                                f"expected one of {', '.join(choices)}, got {brief(value)}"))
    return value


def _year(shape: Shape, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        raise shape.fail("year", t(f"应为 1990—2100 之间的年份（如 2024），实际为 {brief(value)}",
                                   f"expected a year such as 2024, got {brief(value)}"))
    return value


def _jobs(shape: Shape, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise shape.fail("jobs", t(f"应为正整数（1 表示不并行），实际为 {brief(value)}",
                                   f"expected a whole number of at least 1, got {brief(value)}"))
    return value


def _codes(shape: Shape, value: Any, where: str) -> list[str]:
    selectors = shape.texts(value, where)
    _within(shape, where, lambda: list(matching_codes(selectors)))
    return selectors


def _severities(shape: Shape, value: Any) -> dict[str, str]:
    table = shape.mapping(value, "severity")
    result = {}
    for key, severity in table.items():
        where = f"severity.{label(key)}"
        if severity not in SEVERITIES:
            raise shape.fail(where, t(f"应为 {'、'.join(SEVERITIES)} 之一，实际为 {brief(severity)}",
                                      f"expected one of {', '.join(SEVERITIES)}, got "
                                      f"{brief(severity)}"))
        for code in _codes(shape, [key], where):
            for matched in matching_codes([code]):
                result[matched] = severity
    return result


def _rule_options(shape: Shape, value: Any) -> dict[str, dict[str, Any]]:
    table = shape.mapping(value, "rules")
    result: dict[str, dict[str, Any]] = {}
    for key, options in table.items():
        where = f"rules.{label(key)}"
        rule = rule_by_code_or_name(shape.text(key, where))
        if rule is None:
            raise shape.fail(where, t("未知的规则代码或名称（见 `lawlint rules`）",
                                      "unknown rule code or name (see `lawlint rules`)"))
        rule.validate_options(options, f"{shape.path}: {where}")
        result.setdefault(rule.code, {}).update(options)
    return result
