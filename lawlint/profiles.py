"""Profiles: which parts a report must have, how a heading names each, and in what order.

A profile is a YAML file (checks/profiles/*.yaml ships the built-in ones; users add theirs by
path or in config). Only top-level headings name parts: a part mentioned inside another part's
text is not present.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import LawlintError
from .packs import Shape, read_yaml
from .resources import checks_path

if TYPE_CHECKING:
    from .document import Document
    from .outline import Heading

DEFAULT_PROFILE = "fzzf-annual"
_YEAR_KINDS = ("report", "next", "any")


@dataclass(frozen=True)
class Element:
    id: str
    name: str
    name_en: str
    match: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    id: str
    name: str
    name_en: str
    required: bool
    year: str  # which year the part speaks of: report, next, any
    headings: tuple[str, ...]
    elements: tuple[Element, ...] = ()


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    parts: tuple[Part, ...]
    neutral: tuple[str, ...]
    path: str

    def part(self, part_id: str) -> Part:
        return next(p for p in self.parts if p.id == part_id)

    @property
    def vocabulary(self) -> dict[str, str | None]:
        """Every heading phrase -> the part it names (None for neutral phrases)."""
        return _vocabulary(self)


@cache
def _vocabulary(profile: Profile) -> dict[str, str | None]:
    words: dict[str, str | None] = {w: None for w in profile.neutral}
    for part in profile.parts:
        for word in part.headings:
            words.setdefault(word, part.id)
    return words


@cache
def builtin_profiles() -> dict[str, Path]:
    """The profiles shipped in checks/profiles, by name (the folder is listed once per run)."""
    folder = checks_path("profiles")
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


@cache
def load_profile_file(path: Path) -> Profile:
    data = read_yaml(path)
    shape = Shape(path)
    keys = {"name": True, "description": False, "parts": True, "neutral": False}
    shape.mapping(data, "profile", keys)
    parts_data = data["parts"]
    if not isinstance(parts_data, list) or not parts_data:
        raise shape.fail("parts", "expected a non-empty list of parts")
    parts = tuple(_part(shape, item, f"parts[{i}]") for i, item in enumerate(parts_data))
    ids = [p.id for p in parts]
    if len(set(ids)) != len(ids):
        raise shape.fail("parts", "part ids must be unique")
    return Profile(
        name=shape.text(data["name"], "name"),
        description=str(data.get("description", "")),
        parts=parts,
        neutral=tuple(shape.texts(data.get("neutral", []), "neutral")),
        path=str(path),
    )


def _part(shape: Shape, item: object, where: str) -> Part:
    keys = {"id": True, "name": True, "name-en": False, "required": False, "year": False,
            "headings": True, "elements": False}
    data = shape.mapping(item, where, keys)
    year = data.get("year", "any")
    if year not in _YEAR_KINDS:
        raise shape.fail(f"{where}.year", f"expected one of {', '.join(_YEAR_KINDS)}")
    elements = []
    for i, element in enumerate(data.get("elements") or []):
        edata = shape.mapping(element, f"{where}.elements[{i}]",
                              {"id": True, "name": True, "name-en": False, "match": True})
        elements.append(Element(shape.text(edata["id"], "id"), shape.text(edata["name"], "name"),
                                str(edata.get("name-en", edata["name"])),
                                tuple(shape.texts(edata["match"], f"{where}.elements[{i}].match"))))
    name = shape.text(data["name"], f"{where}.name")
    return Part(
        id=shape.text(data["id"], f"{where}.id"),
        name=name,
        name_en=str(data.get("name-en", name)),
        required=shape.flag(data.get("required", False), f"{where}.required"),
        year=year,
        headings=tuple(shape.texts(data["headings"], f"{where}.headings")),
        elements=tuple(elements),
    )


def resolve_profile(spec: str | None, base: Path | None = None,
                    extra: Iterable[Path] = ()) -> Profile:
    """A profile by built-in name, by the name of an extra profile file, or by path."""
    spec = spec or DEFAULT_PROFILE
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
        if not candidate.is_file():
            raise LawlintError(f"profile file not found: {candidate}")
        return load_profile_file(candidate.resolve())
    known = ", ".join(sorted(builtin_profiles()))
    raise LawlintError(f"unknown profile {spec!r} (built-in: {known}; or give a .yaml path)")


# --- matching headings to parts ---------------------------------------------------------------
@dataclass
class PartMatch:
    """Which parts each top-level heading names (a combined heading such as 存在困难和下步打算
    names two), and the first heading that names each part."""

    profile: Profile
    by_part: dict[str, Heading] = field(default_factory=dict)
    by_heading: dict[int, tuple[str, ...]] = field(default_factory=dict)  # line -> part ids
    headings: list[Heading] = field(default_factory=list)  # the headings that name a part

    def heading(self, part_id: str) -> Heading | None:
        return self.by_part.get(part_id)

    def year_kind(self, heading: Heading) -> str | None:
        """The year a heading's part speaks of; None for no part, or parts that disagree."""
        kinds = {self.profile.part(p).year for p in self.by_heading.get(heading.line, ())}
        return kinds.pop() if len(kinds) == 1 else None

    def headings_of_year(self, year_kind: str) -> list[Heading]:
        """Top-level headings of the parts whose ``year`` is ``year_kind`` (report, next)."""
        return [h for h in self.headings if self.year_kind(h) == year_kind]


def match_parts(doc: Document) -> PartMatch:
    result = PartMatch(doc.profile)
    for heading in doc.outline.children:
        part_ids = classify_heading(heading.title, doc.profile)
        if not part_ids:
            continue
        result.by_heading[heading.line] = part_ids
        result.headings.append(heading)
        for part_id in part_ids:
            result.by_part.setdefault(part_id, heading)
    return result


def classify_heading(title: str, profile: Profile) -> tuple[str, ...]:
    """The parts a heading names, in profile order: those whose phrases it contains, longest
    match first (目标举措 is the plans' phrase, not 举措 of part 1)."""
    named = set()
    for phrase in segment(title.replace(" ", "").replace("\u3000", ""), profile.vocabulary):
        part_id = profile.vocabulary[phrase]
        if part_id is not None:
            named.add(part_id)
    return tuple(p.id for p in profile.parts if p.id in named)


def segment(text: str, vocabulary: dict[str, object]) -> list[str]:
    """The vocabulary phrases in ``text``, scanning left to right and taking the longest match."""
    longest = max((len(w) for w in vocabulary), default=0)
    found, i = [], 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + size] in vocabulary:
                found.append(text[i : i + size])
                i += size
                break
        else:
            i += 1
    return found
