"""Profiles: which parts a report must have, how a heading names each, and in what order.

A profile is a YAML file (checks/profiles/*.yaml ships the built-in ones; users add theirs by
path or in config). Only top-level headings name parts: a part mentioned inside another part's
text is not present.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LawlintError, t
from ..regexes import compiled
from ..resources import checks_path
from .packs import PATH_SHOWN, Shape, brief, brief_text, file_problem, read_yaml

if TYPE_CHECKING:
    from .outline import Heading, Outline

DEFAULT_PROFILE = "fzzf-annual"
# 《法治政府建设与责任落实督察工作规定》: departments and 市、县、乡 governments report by 1 March;
# provinces report, and everyone publishes, by 1 April (a profile's `deadline` says which)
DEFAULT_DEADLINE = "03-01"
_YEAR_KINDS = ("report", "next", "any")
# In a heading phrase, … stands for a few words between its halves (法治政府建设…情况 matches
# 法治政府建设工作情况), never across punctuation.
GAP = "…"
_GAP_PATTERN = r"[^，、。；：,.;:（）()“”\s]{0,8}?"


class Element:
    __slots__ = ("id", "name", "name_en", "match")
    id: str
    name: str
    name_en: str
    match: tuple[str, ...]

    def __init__(self, id: str, name: str, name_en: str, match: tuple[str, ...]) -> None:
        self.id = id
        self.name = name
        self.name_en = name_en
        self.match = match


class Part:
    __slots__ = ("id", "name", "name_en", "required", "year", "headings", "elements")
    id: str
    name: str
    name_en: str
    required: bool
    year: str  # which year the part speaks of: report, next, any
    headings: tuple[str, ...]
    elements: tuple[Element, ...]

    def __init__(self, id: str, name: str, name_en: str, required: bool, year: str,
                 headings: tuple[str, ...], elements: tuple[Element, ...] = ()) -> None:
        self.id = id
        self.name = name
        self.name_en = name_en
        self.required = required
        self.year = year
        self.headings = headings
        self.elements = elements


class Profile:
    """A report template (checks/profiles/*.yaml or a user's file): made once, never changed.
    No __slots__: the cached properties below keep their values in the instance's __dict__."""

    name: str
    description: str
    parts: tuple[Part, ...]
    neutral: tuple[str, ...]
    path: str
    layout: str | None  # the LL7xx preset this template asks for (see model/layout.py)
    deadline: str  # "MM-DD" of the year after the report year (LL405)
    # the acceptable orders of the parts (part ids); by default the order of ``parts``
    orders: tuple[tuple[str, ...], ...]
    # the part that top-level headings naming no part stand for (一、强化组织领导……), when they
    # come before every heading of the ``themed_before`` parts
    themed: str | None
    themed_before: tuple[str, ...]

    def __init__(self, *, name: str, description: str, parts: tuple[Part, ...],
                 neutral: tuple[str, ...], path: str, layout: str | None, deadline: str,
                 orders: tuple[tuple[str, ...], ...], themed: str | None,
                 themed_before: tuple[str, ...]) -> None:
        self.name = name
        self.description = description
        self.parts = parts
        self.neutral = neutral
        self.path = path
        self.layout = layout
        self.deadline = deadline
        self.orders = orders
        self.themed = themed
        self.themed_before = themed_before

    def part(self, part_id: str) -> Part:
        return self._by_id[part_id]

    # Computed once per profile (a cached_property: hashing the whole profile on each lookup,
    # as a cache keyed by it would, costs as much as building these)
    @cached_property
    def _by_id(self) -> dict[str, Part]:
        return {p.id: p for p in self.parts}

    @cached_property
    def vocabulary(self) -> dict[str, str | None]:
        """Every heading phrase -> the part it names (None for neutral phrases)."""
        words: dict[str, str | None] = {w: None for w in self.neutral}
        for part in self.parts:
            for word in part.headings:
                words.setdefault(word, part.id)
        return words

    @cached_property
    def phrases(self) -> re.Pattern[str]:
        """Any vocabulary phrase, the longest first where several start at one place."""
        words = sorted((w for w in self.vocabulary if w and GAP not in w), key=len, reverse=True)
        return compiled("|".join(map(re.escape, words)) or "(?!)")

    @cached_property
    def gapped(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """The phrases with a gap (法治政府建设…情况), as patterns, with the part each names."""
        return tuple((compiled(_GAP_PATTERN.join(map(re.escape, word.split(GAP)))), part_id)
                     for word, part_id in self.vocabulary.items() if part_id and GAP in word)

    @property
    def accepted_orders(self) -> tuple[tuple[str, ...], ...]:
        return self.orders or (tuple(p.id for p in self.parts),)


@cache
def builtin_profiles() -> dict[str, Path]:
    """The profiles shipped in checks/profiles, by name (the folder is listed once per run)."""
    folder = checks_path("profiles")
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


@cache
def load_profile_file(path: Path) -> Profile:
    data = read_yaml(path)
    shape = Shape.for_user(path)
    keys = {"name": True, "description": False, "parts": True, "neutral": False, "layout": False,
            "deadline": False, "orders": False, "themed": False}
    shape.mapping(data, "profile", keys)
    parts_data = data["parts"]
    if not isinstance(parts_data, list) or not parts_data:
        raise shape.fail("parts", t("应为非空的部分列表", "expected a non-empty list of parts"))
    shape.sized(parts_data, "parts")
    parts = tuple(_part(shape, item, f"parts[{i}]") for i, item in enumerate(parts_data))
    ids = [p.id for p in parts]
    if len(set(ids)) != len(ids):
        raise shape.fail("parts", t("部分的 id 不能重复", "part ids must be unique"))
    description = data.get("description")
    themed = _themed(shape, data.get("themed"), ids)
    return Profile(
        name=shape.text(data["name"], "name"),
        description=shape.text(description, "description") if description else "",
        parts=parts,
        neutral=tuple(shape.texts(data.get("neutral", []), "neutral")),
        path=str(path),
        layout=_layout(shape, data["layout"], path) if "layout" in data else None,
        deadline=_profile_deadline(shape, data.get("deadline", DEFAULT_DEADLINE)),
        orders=_orders(shape, data.get("orders"), ids),
        themed=themed[0] if themed else None,
        themed_before=themed[1] if themed else (),
    )


def month_day(value: object) -> tuple[int, int] | None:
    """(month, day) of an "MM-DD" deadline, None when it is not one."""
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", value) if isinstance(value, str) else None
    if match is None:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    try:
        datetime.date(2001, month, day)  # a common year: 02-29 is no yearly deadline
    except ValueError:
        return None
    return month, day


def _profile_deadline(shape: Shape, value: object) -> str:
    if month_day(value) is None:
        raise shape.fail("deadline", t(f"应为月-日，如 \"03-01\"，实际为 {brief(value)}",
                                       f"expected a month and day such as \"03-01\", got "
                                       f"{brief(value)}"))
    return str(value)


def _part_ids(shape: Shape, value: object, where: str, ids: list[str]) -> tuple[str, ...]:
    """A list of known part ids, each once."""
    named = shape.texts(value, where)
    unknown = [i for i in named if i not in ids]
    if unknown:
        raise shape.fail(where, t(f"未知的部分 id {brief(unknown[0])}（已有：{'、'.join(ids)}）",
                                  f"unknown part id {brief(unknown[0])} (known: "
                                  f"{', '.join(ids)})"))
    if len(set(named)) != len(named):
        raise shape.fail(where, t("同一部分不能列出两次", "a part may be listed only once"))
    return tuple(named)


def _orders(shape: Shape, value: object, ids: list[str]) -> tuple[tuple[str, ...], ...]:
    """``orders``: the acceptable orders, each a list of part ids."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise shape.fail("orders", t(f"应为非空的顺序列表，实际为 {brief(value)}",
                                     f"expected a non-empty list of orders, got {brief(value)}"))
    shape.sized(value, "orders")
    return tuple(_part_ids(shape, item, f"orders[{i}]", ids) for i, item in enumerate(value))


def _themed(shape: Shape, value: object, ids: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """``themed``: {part: the part themed headings stand for, before: [the parts they precede]}."""
    if value is None:
        return None
    data = shape.mapping(value, "themed", {"part": True, "before": True})
    part = _part_ids(shape, [data["part"]], "themed.part", ids)[0]
    return part, _part_ids(shape, data["before"], "themed.before", ids)


def _layout(shape: Shape, value: object, path: Path) -> str:
    """A profile's ``layout``: a preset name or a house-style file beside the profile."""
    from .layout import layout_preset, preset_spec

    spec = preset_spec(shape.text(value, "layout"), path.parent)
    try:
        layout_preset(spec)
    except LawlintError as exc:
        raise shape.fail("layout", *exc.parts) from None
    return spec


def _part(shape: Shape, item: object, where: str) -> Part:
    keys = {"id": True, "name": True, "name-en": False, "required": False, "year": False,
            "headings": True, "elements": False}
    data = shape.mapping(item, where, keys)
    year = data.get("year", "any")
    if year not in _YEAR_KINDS:
        raise shape.fail(f"{where}.year", t(f"应为 {'、'.join(_YEAR_KINDS)} 之一，实际为 "
                                            f"{brief(year)}", f"expected one of "
                                            f"{', '.join(_YEAR_KINDS)}, got {brief(year)}"))
    name = shape.text(data["name"], f"{where}.name")
    return Part(
        id=shape.text(data["id"], f"{where}.id"),
        name=name,
        name_en=shape.text(data.get("name-en", name), f"{where}.name-en"),
        required=shape.flag(data.get("required", False), f"{where}.required"),
        year=year,
        headings=tuple(shape.texts(data["headings"], f"{where}.headings")),
        elements=_elements(shape, data.get("elements"), f"{where}.elements"),
    )


def _elements(shape: Shape, value: object, where: str) -> tuple[Element, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise shape.fail(where, t(f"应为列表，实际为 {brief(value)}",
                                  f"expected a list, got {brief(value)}"))
    shape.sized(value, where)
    elements = []
    for i, item in enumerate(value):
        at = f"{where}[{i}]"
        data = shape.mapping(item, at, {"id": True, "name": True, "name-en": False, "match": True})
        name = shape.text(data["name"], f"{at}.name")
        elements.append(Element(shape.text(data["id"], f"{at}.id"), name,
                                shape.text(data.get("name-en", name), f"{at}.name-en"),
                                tuple(shape.texts(data["match"], f"{at}.match"))))
    return tuple(elements)


def resolve_profile(spec: str | None, base: Path | None = None,
                    extra: Iterable[Path] = ()) -> Profile:
    """A profile by built-in name, by the name of an extra profile file, or by path."""
    spec = DEFAULT_PROFILE if spec is None else spec
    if not spec.strip():
        raise LawlintError(t("profile 不能为空", "the profile must not be empty"))
    if spec in builtin_profiles():
        return load_profile_file(builtin_profiles()[spec])
    for path in extra:
        profile = load_profile_file(path)
        if profile.name == spec or path.stem == spec:
            return profile
    candidate = Path(spec)
    if base is not None and not candidate.is_absolute():
        candidate = base / candidate
    if candidate.suffix in (".yaml", ".yml"):
        problem = file_problem(candidate)
        if problem is not None:
            raise LawlintError(t("profile 文件 ", "profile file "), brief_text(str(candidate), PATH_SHOWN),
                               " ", problem)
        return load_profile_file(candidate.resolve())
    known = ", ".join(sorted(builtin_profiles()))
    raise LawlintError(t(f"未知的 profile {brief(spec)}（内置：{known}；或给出 .yaml 文件路径）",
                         f"unknown profile {brief(spec)} (built-in: {known}; or give a .yaml "
                         "path)"))


# --- matching headings to parts ---------------------------------------------------------------
class PartMatch:
    """Which parts each top-level heading names (a combined heading such as 存在困难和下步打算
    names two), and the first heading that names each part."""

    __slots__ = ("profile", "by_part", "by_heading", "headings", "_of_year")
    profile: Profile
    by_part: dict[str, Heading]
    by_heading: dict[int, tuple[str, ...]]  # line -> part ids
    headings: list[Heading]  # the headings that name a part
    _of_year: dict[str, list[Heading]]

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.by_part = {}
        self.by_heading = {}
        self.headings = []
        self._of_year = {}

    def heading(self, part_id: str) -> Heading | None:
        return self.by_part.get(part_id)

    def year_kind(self, heading: Heading) -> str | None:
        """The year a heading's part speaks of; None for no part, or parts that disagree."""
        kinds = {self.profile.part(p).year for p in self.by_heading.get(heading.line, ())}
        return kinds.pop() if len(kinds) == 1 else None

    def headings_of_year(self, year_kind: str) -> list[Heading]:
        """Top-level headings of the parts whose ``year`` is ``year_kind`` (report, next)."""
        if year_kind not in self._of_year:  # several time rules ask for the same kind
            self._of_year[year_kind] = [h for h in self.headings
                                        if self.year_kind(h) == year_kind]
        return self._of_year[year_kind]


def match_parts(outline: Outline, profile: Profile) -> PartMatch:
    """Which of ``profile``'s parts each top-level heading of ``outline`` names."""
    result = PartMatch(profile)
    candidates = part_headings(outline, profile)
    named = {h.line: classify_heading(h.title, profile) for h in candidates}
    themed = _themed_headings(candidates, named, profile)
    for heading in candidates:
        part_ids = named[heading.line] or themed.get(heading.line, ())
        if not part_ids:
            continue
        result.by_heading[heading.line] = part_ids
        result.headings.append(heading)
        for part_id in part_ids:
            result.by_part.setdefault(part_id, heading)
    return result


def run_in_parts(text: str, heading: re.Pattern[str], profile: Profile) -> frozenset[str]:
    """The parts named by top-level headings run into a line of text (a page that lost its line
    breaks: …各项工作。二、主要做法（一）…); ``heading``'s group is such a heading's title."""
    return frozenset(part for found in heading.finditer(text)
                     for part in classify_heading(found.group(1), profile))


def part_headings(outline: Outline, profile: Profile) -> list[Heading]:
    """The headings that may name parts: the top level, where a level of parts (第一部分：……)
    stands above 一、 the part headings that name a part, else their 一、 headings."""
    headings: list[Heading] = []
    for heading in outline.children:
        if heading.level == 0 and not classify_heading(heading.title, profile):
            headings.extend(c for c in heading.children if c.level == 1)
        else:
            headings.append(heading)
    return headings


def _themed_headings(headings: list[Heading], named: dict[int, tuple[str, ...]],
                     profile: Profile) -> dict[int, tuple[str, ...]]:
    """The top-level headings that stand for the profile's ``themed`` part: when no heading
    names it, those that name no part and come before every ``themed_before`` part
    (一、强化组织领导…… 二、…… then 三、存在的问题)."""
    part = profile.themed
    if part is None or any(part in ids for ids in named.values()):
        return {}
    themed: dict[int, tuple[str, ...]] = {}
    for heading in headings:
        if any(p in profile.themed_before for p in named[heading.line]):
            break
        if not named[heading.line]:
            themed[heading.line] = (part,)
    return themed


def classify_heading(title: str, profile: Profile) -> tuple[str, ...]:
    """The parts a heading names, in profile order: those whose phrases it contains, longest
    match first (目标举措 is the plans' phrase, not 举措 of part 1)."""
    text = title.replace(" ", "").replace("\u3000", "")
    named = set()
    for phrase in segment(text, profile.phrases):
        part_id = profile.vocabulary[phrase]
        if part_id is not None:
            named.add(part_id)
    if not named:  # a gapped phrase only where no plain one names a part: it is the looser
        named = {part_id for pattern, part_id in profile.gapped if pattern.search(text)}
    return tuple(p.id for p in profile.parts if p.id in named)


def segment(text: str, phrases: re.Pattern[str]) -> list[str]:
    """The vocabulary phrases in ``text``, scanning left to right and taking the longest match
    (``phrases``: see Profile.phrases)."""
    return phrases.findall(text)
