"""Build .docx documents for the layout tests from a few lines of YAML data.

A spec (see tests/layout_cases.yaml) holds ``paragraphs`` (``[Style, text]`` or a mapping with
``style``, ``text``, direct settings, ``runs`` of ``[text, settings]`` and ``table: true``),
``styles`` (settings per style id; a new id is created, ``based-on`` names its parent),
``page`` (mm), ``grid`` (a document grid), ``theme`` (East Asian theme fonts) and ``footer``.
Settings: ``font`` (East Asian font; ``theme:minor`` for the theme font), ``size`` (pt),
``align`` (w:jc), ``line`` (``exact 28``, ``atLeast 28``, ``auto 240``), ``indent-chars``,
``indent-twips`` (first line), ``snap`` (snapToGrid), ``after`` (space after, pt); a
paragraph's ``numbered: [numFmt, lvlText]`` gives it Word automatic numbering of its own, and
``list-level: N`` puts it at level N of the document's one shared outline list (一、 （一） 1.
（1）, counted across the document as Word counts them).
"""

from __future__ import annotations

import copy
import io
import re
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from lawlint.readers.docx import read_docx
from lawlint.readers.text import Source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def merged(base: dict, case: dict) -> dict:
    """The base spec with a case's changes: mappings merge one level down, ``edit`` changes
    paragraphs by number, ``null`` removes."""
    spec = copy.deepcopy(base)
    for key, value in case.items():
        if key == "edit":
            for number, settings in value.items():
                paragraph = spec["paragraphs"][number - 1]
                if isinstance(paragraph, list):
                    paragraph = {"style": paragraph[0], "text": paragraph[1]}
                spec["paragraphs"][number - 1] = {**paragraph, **settings}
        elif key in ("page", "styles", "theme") and isinstance(value, dict):
            target = spec.setdefault(key, {})
            for name, setting in value.items():
                if isinstance(setting, dict) and isinstance(target.get(name), dict):
                    target[name] = {**target[name], **setting}
                else:
                    target[name] = setting
        else:
            spec[key] = value
    return spec


def build(spec: dict) -> Any:
    """A python-docx Document made from ``spec``."""
    document = docx.Document()
    for style_id, settings in (spec.get("styles") or {}).items():
        _style(document, style_id, settings or {})
    if spec.get("theme"):
        _theme(document, spec["theme"])
    for item in spec.get("paragraphs") or []:
        _paragraph(document, item)
        if isinstance(item, dict) and "list-level" in item:
            _attach_list(document.paragraphs[-1]._p, _shared_list(document), item["list-level"])
    sect_pr = document.sections[-1]._sectPr
    if spec.get("page"):
        _page(sect_pr, spec["page"])
    if spec.get("grid"):
        grid = sect_pr.find(qn("w:docGrid"))
        grid.set(qn("w:type"), spec["grid"].get("type", "lines"))
        grid.set(qn("w:linePitch"), str(round(spec["grid"]["pitch"] * 20)))
    if spec.get("footer"):
        _footer(document, spec["footer"])
    return document


def to_bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def source_of(document: Any, path: str = "report.docx") -> Source:
    """The document as lawlint reads it: saved, then read by the Word reader."""
    return read_docx(to_bytes(document), path)


# --- pieces ----------------------------------------------------------------------------------
def _style(document: Any, style_id: str, settings: dict) -> None:
    element = document.styles.element.find(f"{W}style[@{W}styleId='{style_id}']")
    if element is None:
        style = document.styles.add_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
        element = style.element
        element.set(qn("w:styleId"), style_id)
    if settings.get("based-on"):
        based = element.find(qn("w:basedOn"))
        if based is None:
            based = OxmlElement("w:basedOn")
            element.insert(1, based)
        based.set(qn("w:val"), settings["based-on"])
    _apply(element, settings)


def _apply(element: Any, settings: dict) -> None:
    """Settings onto a w:p or w:style (pPr and rPr) or a w:r (rPr only)."""
    if element.tag != qn("w:r"):
        _ppr(_child(element, "w:pPr"), settings)
    _rpr(_child(element, "w:rPr"), settings)


def _child(element: Any, tag: str) -> Any:
    found = element.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if tag == "w:pPr" or element.tag == qn("w:r"):
            element.insert(0, found)
        else:
            element.append(found)
    return found


def _ppr(ppr: Any, settings: dict) -> None:
    if "align" in settings:
        _set(ppr, "w:jc", {"w:val": settings["align"]})
    if "line" in settings:
        rule, value = settings["line"].split()
        amount = float(value) * (20 if rule in ("exact", "atLeast") else 1)
        _set(ppr, "w:spacing", {"w:line": str(round(amount)), "w:lineRule": rule})
    if "after" in settings:
        _set(ppr, "w:spacing", {"w:after": str(round(settings["after"] * 20))})
    if "indent-chars" in settings or "indent-twips" in settings:
        attrs = {"w:firstLineChars": str(round(settings.get("indent-chars", 0) * 100)),
                 "w:firstLine": str(settings.get("indent-twips", 0))}
        _set(ppr, "w:ind", attrs, replace=True)
    if "snap" in settings:
        _set(ppr, "w:snapToGrid", {"w:val": "1" if settings["snap"] else "0"})


def _rpr(rpr: Any, settings: dict) -> None:
    if "font" in settings:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            rpr.remove(fonts)
        font = settings["font"]
        if font is not None:
            attrs = ({"w:eastAsiaTheme": f"{font[6:]}EastAsia"} if font.startswith("theme:")
                     else {"w:eastAsia": font, "w:ascii": "Times New Roman"})
            _set(rpr, "w:rFonts", attrs, first=True)
    if "size" in settings:
        _set(rpr, "w:sz", {"w:val": str(round(settings["size"] * 2))})


def _set(parent: Any, tag: str, attrs: dict, replace: bool = False, first: bool = False) -> None:
    element = parent.find(qn(tag))
    if element is not None and replace:
        parent.remove(element)
        element = None
    if element is None:
        element = OxmlElement(tag)
        if first:
            parent.insert(0, element)
        else:
            parent.append(element)
    for key, value in attrs.items():
        element.set(qn(key), value)


def _paragraph(document: Any, item: list | dict) -> None:
    if isinstance(item, list):
        item = {"style": item[0], "text": item[1]}
    settings = {k: v for k, v in item.items()
                if k not in ("style", "text", "runs", "table", "numbered", "list-level")}
    if item.get("table"):
        cell = document.add_table(rows=1, cols=1).cell(0, 0)
        paragraph = cell.paragraphs[0]
        paragraph.style = document.styles[_style_name(document, item.get("style", "Normal"))]
    else:
        paragraph = document.add_paragraph(style=_style_name(document, item.get("style", "Normal")))
    runs = item.get("runs") or [[item.get("text", ""), {}]]
    _ppr(_child(paragraph._p, "w:pPr"), settings)
    if item.get("numbered"):
        _number(document, paragraph._p, *item["numbered"])
    for text, run_settings in runs:
        run = paragraph.add_run(text)
        _rpr(_child(run._r, "w:rPr"), {**settings, **(run_settings or {})})


def _number(document: Any, paragraph: Any, fmt: str, text: str) -> None:
    """Number ``paragraph`` with a one-level list of its own (numFmt, lvlText)."""
    from docx_builder import level

    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    new = max(ids, default=0) + 100
    _define_list(document, new, [level(0, fmt, text)])
    _attach_list(paragraph, new, 0)


# The shared outline list: the four levels of a report's numbering (GB/T 9704's 一、 （一） 1. （1）)
_OUTLINE = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
            ("decimal", "（%4）"))
_SHARED_LIST = 900


def _shared_list(document: Any) -> int:
    """The numId of the document's shared outline list, defined on first use."""
    from docx_builder import level

    numbering = document.part.numbering_part.element
    if not any(n.get(qn("w:numId")) == str(_SHARED_LIST) for n in numbering.findall(qn("w:num"))):
        _define_list(document, _SHARED_LIST, [level(i, fmt, text)
                                              for i, (fmt, text) in enumerate(_OUTLINE)])
    return _SHARED_LIST


def _define_list(document: Any, num_id: int, levels: list[str]) -> None:
    """An abstract numbering of ``levels`` and a num ``num_id`` using it (same id)."""
    from docx_builder import abstract, num

    numbering = document.part.numbering_part.element
    abstract_xml = parse_xml(abstract(num_id, levels).replace(
        "<w:abstractNum ", f'<w:abstractNum xmlns:w="{W[1:-1]}" ', 1))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # every abstractNum comes before the first num
        first_num.addprevious(abstract_xml)
    else:
        numbering.append(abstract_xml)
    numbering.append(parse_xml(num(num_id, num_id).replace(
        "<w:num ", f'<w:num xmlns:w="{W[1:-1]}" ', 1)))


def _attach_list(paragraph: Any, num_id: int, ilvl: int) -> None:
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(ilvl)), ("w:numId", str(num_id))):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num_pr.append(child)
    ppr = _child(paragraph, "w:pPr")
    style = ppr.find(qn("w:pStyle"))  # numPr follows pStyle (ECMA-376 §17.3.1.26)
    if style is not None:
        style.addnext(num_pr)
    else:
        ppr.insert(0, num_pr)


def _style_name(document: Any, style_id: str) -> str:
    return next(s.name for s in document.styles if s.style_id == style_id)


def _page(sect_pr: Any, page: dict) -> None:
    def twips(mm: float) -> str:
        return str(round(mm / 25.4 * 72 * 20))

    size = sect_pr.find(qn("w:pgSz"))
    size.set(qn("w:w"), twips(page["width"]))
    size.set(qn("w:h"), twips(page["height"]))
    margins = sect_pr.find(qn("w:pgMar"))
    for side in ("top", "bottom", "left", "right", "gutter"):
        margins.set(qn(f"w:{side}"), twips(page.get(side, 0)))


def _footer(document: Any, footer: dict) -> None:
    """``parts``: texts and ``PAGE``; ``field``: complex (default) or simple; ``size`` (pt)."""
    paragraph = document.sections[-1].footer.paragraphs[0]
    paragraph.alignment = 1
    rpr = {"size": footer["size"]} if footer.get("size") else {}
    for part in footer["parts"]:
        if part != "PAGE":
            _rpr(_child(paragraph.add_run(part)._r, "w:rPr"), rpr)
        elif footer.get("field") == "simple":
            simple = OxmlElement("w:fldSimple")
            simple.set(qn("w:instr"), " PAGE ")
            paragraph._p.append(simple)
            run = OxmlElement("w:r")
            simple.append(run)
            _rpr(_child(run, "w:rPr"), rpr)
            _text(run, "1")
        else:
            for kind in ("begin", "instr", "separate", "result", "end"):
                run = paragraph.add_run()._r
                _rpr(_child(run, "w:rPr"), rpr)
                if kind == "instr":
                    instr = OxmlElement("w:instrText")
                    instr.text = " PAGE \\* MERGEFORMAT "
                    run.append(instr)
                elif kind == "result":
                    _text(run, "1")
                else:
                    char = OxmlElement("w:fldChar")
                    char.set(qn("w:fldCharType"), kind)
                    run.append(char)


def _text(run: Any, text: str) -> None:
    element = OxmlElement("w:t")
    element.text = text
    run.append(element)


def _theme(document: Any, fonts: dict) -> None:
    """Set the theme's Simplified Chinese font of ``major``/``minor`` (its a:ea left empty)."""
    part = next(rel.target_part for rel in document.part.rels.values()
                if rel.reltype.endswith("/theme"))
    xml = part.blob.decode("utf-8")
    for kind, font in fonts.items():
        xml = re.sub(f'(<a:{kind}Font>.*?<a:font script="Hans" typeface=")[^"]*(")',
                     lambda m, font=font: m.group(1) + font + m.group(2), xml, flags=re.S)
    part._blob = xml.encode("utf-8")
