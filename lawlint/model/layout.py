"""Stage 3, document model for a .docx: the layout Word shows, and the preset it is held against.

:func:`read_layout` resolves every property the LL7xx rules check the way Word does: a run's
direct properties, then its character style chain, then its paragraph's style chain
(``basedOn``), then the document defaults (``docDefaults``); each attribute separately, so a
style that sets only ``w:ascii`` leaves ``w:eastAsia`` to the level below. East Asian fonts come
from ``w:rFonts/@w:eastAsia``, or from ``@w:eastAsiaTheme`` resolved through the theme part.

:func:`layout_preset` loads the values to check against from ``checks/layout.yaml`` (a named
preset, ``gbt9704`` by default) or from a house-style file a config names.

Only the XML is read here (python-docx's document, styles and parts, handed in by the Word
reader); nothing imports python-docx, so text runs never pay for it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import t
from ..regexes import compiled
from .packs import PATH_SHOWN, PackError, Shape, brief, brief_text, file_problem, load_pack, read_yaml

if TYPE_CHECKING:
    from ..readers.docx import DocxBody

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

DEFAULT_PRESET = "gbt9704"
DEFAULT_SIZE = 10.0  # pt: Word's size when no level sets w:sz
# Word's single line for the CJK fonts of a report (宋体, 仿宋, 黑体) is about 1.3 times the font
# size (12 pt -> 15.6 pt); used only for "auto" spacing, where the font sets the line height.
SINGLE_LINE = 1.3
_STYLE_DEPTH = 32  # basedOn chains longer than this are a loop (or an attack): stop there
_GRIDS = ("lines", "linesAndChars", "snapToChars")
_EAST_ASIAN = compiled("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")
_PAGE_FIELD = compiled(r"\s*PAGE\b", re.IGNORECASE)
_OFF = ("0", "false", "off")


# --- what read_layout returns --------------------------------------------------------------------
@dataclass(frozen=True)
class RunFormat:
    """A run of displayed text with its resolved font and size."""

    start: int  # 0-based columns in the paragraph's line (its numbering label included)
    end: int
    text: str
    east_asia_font: str | None
    size: float  # pt

    @property
    def east_asian(self) -> bool:
        """Whether Word shows part of it in the East Asian font (Chinese text)."""
        return _EAST_ASIAN.search(self.text) is not None

    @property
    def visible(self) -> bool:
        return bool(self.text.strip())


@dataclass(frozen=True)
class ParagraphLayout:
    line: int
    in_table: bool
    runs: tuple[RunFormat, ...]
    alignment: str  # w:jc: left, center, right, both, distribute …
    line_spacing: float  # the height of one line of this paragraph as Word lays it out, pt
    first_line_chars: float  # first-line indent in characters (negative: hanging)

    @property
    def visible(self) -> bool:
        return any(run.visible for run in self.runs)

    def runs_within(self, start: int, end: int) -> Iterator[RunFormat]:
        """The visible runs overlapping columns [start, end)."""
        return (r for r in self.runs if r.visible and r.start < end and r.end > start)

    @property
    def main_size(self) -> float | None:
        return _main_size(self.runs)


@dataclass(frozen=True)
class PageSetup:
    """The last section's page, in millimetres."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float
    gutter: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right - self.gutter

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


@dataclass(frozen=True)
class PageNumber:
    """The first footer paragraph with a PAGE field, as Word shows it on page 1."""

    text: str  # the PAGE field rendered as 1: "— 1 —"
    sizes: tuple[float, ...]  # the sizes of its visible runs, pt


@dataclass(frozen=True)
class Layout:
    page: PageSetup | None
    paragraphs: dict[int, ParagraphLayout]  # by line (paragraph number)
    page_number: PageNumber | None  # None: no footer shows a page number


# --- reading -----------------------------------------------------------------------------------
def read_layout(body: DocxBody) -> Layout:
    document = body.document
    styles = _Styles(document.styles.element, _theme_fonts(document.part))
    sect_pr = document.element.body.find(f"{W}sectPr")
    grid = _grid_pitch(sect_pr)
    paragraphs = {p.line: _paragraph(styles, p, grid) for p in body.paragraphs}
    return Layout(_page_setup(sect_pr), paragraphs, _page_number(document, styles))


class _Styles:
    """styles.xml and the theme's fonts: the levels below a run's and paragraph's own."""

    def __init__(self, root: Any, theme: dict[str, str]) -> None:
        self.by_id = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
        self.theme = theme
        defaults = root.find(f"{W}docDefaults")
        self.default_rpr = _find(defaults, f"{W}rPrDefault/{W}rPr")
        self.default_ppr = _find(defaults, f"{W}pPrDefault/{W}pPr")
        self._chains: dict[str | None, list[Any]] = {}
        self.default_paragraph = next(
            (sid for sid, s in self.by_id.items()
             if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") in ("1", "true", "on")),
            None)

    def chain(self, style_id: str | None) -> list[Any]:
        """The style and the styles it is based on, nearest first (a loop is cut); computed
        once per style, as every run asks."""
        if style_id not in self._chains:
            self._chains[style_id] = self._chain(style_id)
        return self._chains[style_id]

    def _chain(self, style_id: str | None) -> list[Any]:
        chain: list[Any] = []
        while style_id is not None and len(chain) < _STYLE_DEPTH:
            style = self.by_id.get(style_id)
            if style is None or any(style is seen for seen in chain):
                break
            chain.append(style)
            style_id = _val(style.find(f"{W}basedOn"))
        return chain

    def paragraph_levels(self, ppr: Any, style_id: str | None) -> list[Any]:
        """pPr elements, strongest first: direct, paragraph style chain, document default."""
        styles = self.chain(style_id or self.default_paragraph)
        return [ppr, *(s.find(f"{W}pPr") for s in styles), self.default_ppr]

    def run_levels(self, rpr: Any, paragraph_style: str | None) -> list[Any]:
        """rPr elements, strongest first: direct, character style chain, paragraph style
        chain, document default."""
        char_style = _val(_find(rpr, f"{W}rStyle"))
        styles = self.chain(char_style) + self.chain(paragraph_style or self.default_paragraph)
        return [rpr, *(s.find(f"{W}rPr") for s in styles), self.default_rpr]

    def east_asia_font(self, levels: list[Any]) -> str | None:
        for rpr in levels:
            fonts = _find(rpr, f"{W}rFonts")
            if fonts is None:
                continue
            # the theme attribute (majorEastAsia, minorEastAsia) wins over the name
            theme = self.theme.get((fonts.get(f"{W}eastAsiaTheme") or "")[:5])
            if theme:
                return theme
            if fonts.get(f"{W}eastAsia"):
                return fonts.get(f"{W}eastAsia")
        return None

    def run_format(self, run: Any, start: int, end: int, paragraph_style: str | None) -> RunFormat:
        levels = self.run_levels(run.find(f"{W}rPr"), paragraph_style)
        size = _first_attr(levels, "sz", "val")
        return RunFormat(start, end, _run_text(run), self.east_asia_font(levels),
                         _number(size, DEFAULT_SIZE * 2) / 2)


def _paragraph(styles: _Styles, paragraph: Any, grid: float | None) -> ParagraphLayout:
    style_id = paragraph.style_id
    label = len(paragraph.label)  # the reader counts run columns after the numbering label
    runs = tuple(styles.run_format(run, label + start, label + end, style_id)
                 for start, end, run in paragraph.runs)
    levels = styles.paragraph_levels(paragraph.element.find(f"{W}pPr"), style_id)
    size = _main_size(runs) or _paragraph_size(styles, style_id)
    return ParagraphLayout(paragraph.line, paragraph.in_table, runs,
                           _first_attr(levels, "jc", "val") or "left",
                           _line_spacing(levels, size, grid),
                           _first_line_chars(levels, size) + _leading_blank(runs))


def _main_size(runs: Iterable[RunFormat]) -> float | None:
    """The size most of the visible text has."""
    sizes: Counter[float] = Counter()
    for run in runs:
        if run.visible:
            sizes[run.size] += len(run.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _paragraph_size(styles: _Styles, style_id: str | None) -> float:
    return _number(_first_attr(styles.run_levels(None, style_id), "sz", "val"),
                   DEFAULT_SIZE * 2) / 2


def _line_spacing(levels: list[Any], size: float, grid: float | None) -> float:
    """One line's height in pt. ``w:line`` is 240ths of a line for ``auto``, twentieths of a
    point for ``exact`` and ``atLeast``. On a document grid (and unless the paragraph opts out
    with snapToGrid off) a line takes whole grid lines: single spacing is one grid line."""
    value = _number(_first_attr(levels, "spacing", "line"), 240)
    rule = _first_attr(levels, "spacing", "lineRule") or "auto"
    if rule == "exact":
        return value / 20
    natural = size * SINGLE_LINE
    snap = grid is not None and _flag(levels, "snapToGrid", default=True)
    if snap and grid:
        natural = grid * max(1, math.ceil(natural / grid - 1e-6))
    if rule == "atLeast":
        return max(value / 20, natural)
    return natural * value / 240


def _first_line_chars(levels: list[Any], size: float) -> float:
    """w:ind, in characters: ``firstLineChars``/``hangingChars`` (hundredths of a character)
    win over ``firstLine``/``hanging`` (twentieths of a point) when set, as in Word."""
    chars = _number(_first_attr(levels, "ind", "firstLineChars"), 0) / 100
    chars -= _number(_first_attr(levels, "ind", "hangingChars"), 0) / 100
    if chars:
        return chars
    twips = _number(_first_attr(levels, "ind", "firstLine"), 0)
    twips -= _number(_first_attr(levels, "ind", "hanging"), 0)
    return twips / 20 / size if size else 0.0


def _leading_blank(runs: tuple[RunFormat, ...]) -> float:
    """Indentation typed as spaces: an ideographic space is one character, a space half."""
    text = "".join(run.text for run in runs)
    blank = text[: len(text) - len(text.lstrip(" \u3000"))]
    return blank.count("\u3000") + blank.count(" ") / 2


def _grid_pitch(sect_pr: Any) -> float | None:
    grid = _find(sect_pr, f"{W}docGrid")
    if grid is None or grid.get(f"{W}type") not in _GRIDS:
        return None
    pitch = _number(grid.get(f"{W}linePitch"), 0) / 20
    return pitch or None


def _page_setup(sect_pr: Any) -> PageSetup | None:
    size, margins = _find(sect_pr, f"{W}pgSz"), _find(sect_pr, f"{W}pgMar")
    if size is None or margins is None:
        return None

    def mm(element: Any, name: str) -> float:
        return abs(_number(element.get(f"{W}{name}"), 0)) / 20 / 72 * 25.4

    return PageSetup(mm(size, "w"), mm(size, "h"), mm(margins, "top"), mm(margins, "bottom"),
                     mm(margins, "left"), mm(margins, "right"), mm(margins, "gutter"))


def _page_number(document: Any, styles: _Styles) -> PageNumber | None:
    for footer in _footers(document):
        for paragraph in _paragraphs_of(footer):
            shown = _with_page_field(paragraph, styles)
            if shown is not None:
                return shown
    return None


def _footers(document: Any) -> Iterator[Any]:
    """The root elements of every footer a section refers to, each once."""
    seen: set[str] = set()
    for sect_pr in document.element.body.iter(f"{W}sectPr"):
        for ref in sect_pr.findall(f"{W}footerReference"):
            rid = ref.get(f"{_R}id")
            part = document.part.rels.get(rid)
            if rid in seen or part is None or part.is_external:
                continue
            seen.add(rid)
            element = getattr(part.target_part, "element", None)
            if element is not None:
                yield element


def _paragraphs_of(root: Any) -> Iterator[Any]:
    """Every w:p, also in text boxes and frames; a text box's compatibility copy is skipped."""
    for paragraph in root.iter(f"{W}p"):
        if not any(a.tag == _MC_FALLBACK for a in paragraph.iterancestors()):
            yield paragraph


def _with_page_field(paragraph: Any, styles: _Styles) -> PageNumber | None:
    """The paragraph as shown on page 1 when it holds a PAGE field, else None. A field's code
    is not shown, its result is: the PAGE result as 1, in the size of the run showing it (a
    field never updated shows its number all the same, in the size of its end mark)."""
    style_id = _val(_find(paragraph, f"{W}pPr/{W}pStyle"))
    pieces: list[str] = []
    sizes: list[float] = []
    found = in_page = shown = False
    code: list[str] | None = None  # a complex field's code, while it is being read
    simple_seen: set[int] = set()

    def show(run: Any, text: str) -> None:
        pieces.append(text)
        sizes.append(styles.run_format(run, 0, 0, style_id).size)

    for run in paragraph.iter(f"{W}r"):
        kind = _val_of(run.find(f"{W}fldChar"), "fldCharType")
        text = _run_text(run)
        if kind == "begin":
            code, in_page, shown = [], False, False
        elif kind == "separate" and code is not None:
            in_page, code = bool(_PAGE_FIELD.match("".join(code))), None
            found |= in_page
        elif kind == "end":
            if code is not None and _PAGE_FIELD.match("".join(code)):
                found = in_page = True
            if in_page and not shown:
                show(run, "1")
            code, in_page = None, False
        elif code is not None:
            code.extend(i.text or "" for i in run.iter(f"{W}instrText"))
        elif in_page:
            if text.strip():
                show(run, "" if shown else "1")
                shown = True
        elif _simple_page_field(run):
            found = True
            show(run, "" if id(run.getparent()) in simple_seen else "1")
            simple_seen.add(id(run.getparent()))
        elif text.strip():
            show(run, text)
        else:
            pieces.append(text)
    return PageNumber("".join(pieces), tuple(sizes)) if found else None


def _simple_page_field(run: Any) -> bool:
    parent = run.getparent()
    return parent is not None and parent.tag == f"{W}fldSimple" and bool(
        _PAGE_FIELD.match(parent.get(f"{W}instr") or ""))


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        if child.tag == f"{W}t":
            parts.append(child.text or "")
        elif child.tag == f"{W}tab":
            parts.append("\t")
        elif child.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def _theme_fonts(part: Any) -> dict[str, str]:
    """The theme's East Asian fonts: {"major": …, "minor": …} (the ``a:ea`` typeface, or the
    Simplified Chinese ``a:font script="Hans"`` entry when that is empty)."""
    theme = next((rel.target_part for rel in part.rels.values()
                  if not rel.is_external and rel.reltype.endswith("/theme")), None)
    if theme is None:
        return {}
    from lxml import etree  # only a .docx gets here, and python-docx has loaded lxml already

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(theme.blob, parser)
    except etree.XMLSyntaxError:
        return {}
    fonts = {}
    for kind in ("major", "minor"):
        scheme = root.find(f".//{_A}fontScheme/{_A}{kind}Font")
        if scheme is None:
            continue
        ea = _find(scheme, f"{_A}ea")
        hans = scheme.find(f"{_A}font[@script='Hans']")
        name = (ea.get("typeface") if ea is not None else "") or (
            hans.get("typeface") if hans is not None else "")
        if name:
            fonts[kind] = name
    return fonts


def _find(element: Any, path: str) -> Any:
    return None if element is None else element.find(path)


def _val(element: Any) -> str | None:
    return _val_of(element, "val")


def _val_of(element: Any, attr: str) -> str | None:
    return None if element is None else element.get(f"{W}{attr}")


def _first_attr(levels: Iterable[Any], child: str, attr: str) -> str | None:
    """The attribute from the strongest level that sets it."""
    for level in levels:
        element = _find(level, f"{W}{child}")
        if element is not None and element.get(f"{W}{attr}") is not None:
            return element.get(f"{W}{attr}")
    return None


def _flag(levels: Iterable[Any], child: str, default: bool) -> bool:
    """An on/off property from the strongest level that has it (no ``w:val`` means on)."""
    for level in levels:
        element = _find(level, f"{W}{child}")
        if element is not None:
            return (element.get(f"{W}val") or "1") not in _OFF
    return default


def _number(value: str | None, default: float) -> float:
    try:
        number = float(value) if value is not None else default
    except ValueError:
        return default
    return number if math.isfinite(number) else default


# --- the preset ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PagePreset:
    width: float
    height: float
    top: float
    left: float
    text_width: float
    text_height: float
    tolerance: float


@dataclass(frozen=True)
class LayoutPreset:
    name: str
    families: dict[str, frozenset[str]]  # family -> its names, normalised (see font_key)
    page: PagePreset
    body_font: str
    body_size: float
    title_font: str
    title_size: float
    title_align: str
    headings: dict[int, str]  # level -> family
    spacing_min: float
    spacing_max: float
    indent_chars: float
    indent_tolerance: float
    page_number_size: float
    page_number_dash: str
    size_tolerance: float

    def in_family(self, font: str | None, family: str) -> bool:
        return font is not None and font_key(font) in self.families[family]

    def size_is(self, size: float, wanted: float) -> bool:
        return abs(size - wanted) <= self.size_tolerance


def font_key(name: str) -> str:
    """A font name as compared: case, spaces and the vertical-text @ ignored."""
    return re.sub(r"\s+", "", name).lstrip("@").casefold()


_PRESET_KEYS = {"description": False, "page": True, "body": True, "title": True,
                "headings": True, "line-spacing": True, "first-line-indent": True,
                "page-number": True, "size-tolerance": True}
_PAGE_KEYS = ("width", "height", "top", "left", "text-width", "text-height", "tolerance")


@lru_cache(maxsize=16)
def layout_preset(spec: str | None = None) -> LayoutPreset:
    """The preset ``spec`` names: a preset of checks/layout.yaml (default ``gbt9704``), or the
    path of a house-style file holding one preset's keys and, optionally, ``fonts``."""
    shipped = _shipped()
    families, presets = shipped
    name = spec or DEFAULT_PRESET
    if name in presets:
        return _preset(Shape("checks/layout.yaml"), presets[name], f"presets.{name}", name,
                       families)
    path = Path(name)
    problem = file_problem(path)
    if problem is not None:
        known = "、".join(presets)
        raise PackError(brief_text(name, PATH_SHOWN),
                        t(f"：既不是 checks/layout.yaml 中的版式（{known}），也不是可读的版式文件：",
                          f": neither a preset of checks/layout.yaml ({known}) nor a readable "
                          "layout file: "), problem)
    shape = Shape.for_user(path)
    data = shape.mapping(read_yaml(path), "layout", {**_PRESET_KEYS, "fonts": False})
    extra = _families(shape, data.get("fonts", {}), "fonts")
    preset_data = {k: v for k, v in data.items() if k != "fonts"}
    return _preset(shape, preset_data, "layout", path.stem, {**families, **extra})


def preset_spec(spec: str, base: Path) -> str:
    """A config's ``layout`` value as :func:`layout_preset` takes it: a shipped preset's name
    as it is, a house-style file's path made absolute against the config's folder."""
    return spec if spec in _shipped()[1] else str((base / spec).absolute())


@lru_cache(maxsize=1)
def _shipped() -> tuple[dict[str, frozenset[str]], dict[str, Any]]:
    shape = Shape("checks/layout.yaml")
    data = shape.mapping(load_pack("layout.yaml"), "layout.yaml", {"fonts": True, "presets": True})
    presets = shape.mapping(data["presets"], "presets")
    return _families(shape, data["fonts"], "fonts"), presets


def _families(shape: Shape, value: Any, where: str) -> dict[str, frozenset[str]]:
    table = shape.mapping(value, where)
    return {shape.text(family, where): frozenset(font_key(n) for n in
                                                 shape.texts(names, f"{where}.{family}"))
            for family, names in table.items()}


def _preset(shape: Shape, value: Any, where: str, name: str,
            families: dict[str, frozenset[str]]) -> LayoutPreset:
    data = shape.mapping(value, where, _PRESET_KEYS)
    page = shape.mapping(data["page"], f"{where}.page", dict.fromkeys(_PAGE_KEYS, True))
    body = shape.mapping(data["body"], f"{where}.body", {"font": True, "size": True})
    title = shape.mapping(data["title"], f"{where}.title",
                          {"font": True, "size": True, "align": True})
    spacing = shape.mapping(data["line-spacing"], f"{where}.line-spacing",
                            {"min": True, "max": True})
    indent = shape.mapping(data["first-line-indent"], f"{where}.first-line-indent",
                           {"chars": True, "tolerance": True})
    number = shape.mapping(data["page-number"], f"{where}.page-number",
                           {"size": True, "dash": True})

    def family(value: Any, key: str) -> str:
        text = shape.text(value, key)
        if text not in families:
            known = "、".join(families)
            raise shape.fail(key, t(f"未知的字体族 {brief(text)}（fonts 中有：{known}）",
                                    f"unknown font family {brief(text)} (fonts has: {known})"))
        return text

    def amount(table: dict, key: str, section: str | None = None) -> float:
        at = f"{where}.{section}.{key}" if section else f"{where}.{key}"
        number = shape.number(table[key], at)
        if not 0 <= number < math.inf:  # also refuses .nan, which no comparison would catch
            raise shape.fail(at, t("应为非负的有限数", "must be a finite number, not negative"))
        return float(number)

    headings = shape.mapping(data["headings"], f"{where}.headings")
    levels = {}
    for level, font in headings.items():
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 9:
            raise shape.fail(f"{where}.headings", t(f"标题级别应为 1—9 的整数，实际为 {brief(level)}",
                                                    f"a heading level is 1 to 9, got {brief(level)}"))
        levels[level] = family(font, f"{where}.headings.{level}")
    spacing_min, spacing_max = amount(spacing, "min", "line-spacing"), amount(
        spacing, "max", "line-spacing")
    if spacing_min > spacing_max:
        raise shape.fail(f"{where}.line-spacing", t("min 不能大于 max", "min must not exceed max"))
    return LayoutPreset(
        name=name,
        families=families,
        page=PagePreset(*(amount(page, key, "page") for key in _PAGE_KEYS)),
        body_font=family(body["font"], f"{where}.body.font"),
        body_size=amount(body, "size", "body"),
        title_font=family(title["font"], f"{where}.title.font"),
        title_size=amount(title, "size", "title"),
        title_align=shape.text(title["align"], f"{where}.title.align"),
        headings=levels,
        spacing_min=spacing_min,
        spacing_max=spacing_max,
        indent_chars=amount(indent, "chars", "first-line-indent"),
        indent_tolerance=amount(indent, "tolerance", "first-line-indent"),
        page_number_size=amount(number, "size", "page-number"),
        page_number_dash=shape.text(number["dash"], f"{where}.page-number.dash"),
        size_tolerance=amount(data, "size-tolerance"),
    )
