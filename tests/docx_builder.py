"""Build small .docx files for the tests: python-docx's blank document, with body paragraphs,
numbering definitions and styles written as WordprocessingML (ECMA-376 part 1, §17.3, §17.9)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NSDECL = (f'xmlns:w="{W_NS}" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def level(ilvl: int, fmt: str = "decimal", text: str | None = None, start: int = 1,
          restart: int | None = None, legal: bool = False, suffix: str | None = None) -> str:
    """One ``<w:lvl>``: number format, level text (%1…%9), start, lvlRestart, isLgl, suff."""
    text = f"%{ilvl + 1}." if text is None else text
    parts = [f'<w:start w:val="{start}"/>', f'<w:numFmt w:val="{fmt}"/>']
    if restart is not None:
        parts.append(f'<w:lvlRestart w:val="{restart}"/>')
    if legal:
        parts.append("<w:isLgl/>")
    if suffix is not None:
        parts.append(f'<w:suff w:val="{suffix}"/>')
    parts.append(f'<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/>')
    parts.append(f'<w:pPr><w:ind w:left="{420 * (ilvl + 1)}" w:hanging="420"/></w:pPr>')
    return f'<w:lvl w:ilvl="{ilvl}">{"".join(parts)}</w:lvl>'


def abstract(abstract_id: int, levels: Iterable[str]) -> str:
    return (f'<w:abstractNum w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')


def num(num_id: int, abstract_id: int, overrides: dict[int, int | None] | None = None,
        override_levels: dict[int, str] | None = None) -> str:
    """A ``<w:num>``; ``overrides`` maps a level to its startOverride (None: no start override),
    ``override_levels`` to a whole replacement ``<w:lvl>``."""
    parts = [f'<w:abstractNumId w:val="{abstract_id}"/>']
    for ilvl in sorted({*(overrides or {}), *(override_levels or {})}):
        start = (overrides or {}).get(ilvl)
        inner = f'<w:startOverride w:val="{start}"/>' if start is not None else ""
        inner += (override_levels or {}).get(ilvl, "")
        parts.append(f'<w:lvlOverride w:ilvl="{ilvl}">{inner}</w:lvlOverride>')
    return f'<w:num w:numId="{num_id}">{"".join(parts)}</w:num>'


def lines_docx(lines: list[str]) -> bytes:
    """A document holding each line as a paragraph of plain text."""
    return Docx(body=[para(line) for line in lines]).build()


def run(text: str, extra: str = "") -> str:
    """A run of text; tabs become <w:tab/>, so it reads back as it was written."""
    pieces = []
    for i, chunk in enumerate(text.split("\t")):
        if i:
            pieces.append("<w:tab/>")
        if chunk:
            pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{extra}{''.join(pieces)}</w:r>"


def para(text: str = "", num_id: int | None = None, ilvl: int = 0, style: str | None = None,
         inner: str | None = None) -> str:
    """A body paragraph: plain text (or ``inner`` raw run XML), a numbering reference, a style."""
    ppr = ""
    if style is not None:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num_id is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{ppr}{inner if inner is not None else run(text) if text else ''}</w:p>"


def table(rows: list[list[str]]) -> str:
    """A table; each cell holds the given paragraphs' XML (a str of one or more <w:p>)."""
    body = "".join("<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>"
                   for row in rows)
    return f"<w:tbl><w:tblPr/>{body}</w:tbl>"


def paragraph_style(style_id: str, num_id: int | None = None, ilvl: int | None = None,
                    based_on: str | None = None) -> str:
    """A paragraph style that may carry numbering and be based on another style."""
    ppr = ""
    if num_id is not None:
        lvl = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr = f'<w:pPr><w:numPr>{lvl}<w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
            f"{based}{ppr}</w:style>")


@dataclass
class Docx:
    """A document to build: body XML pieces (paragraphs, tables), numbering, extra styles."""

    body: list[str] = field(default_factory=list)
    abstracts: list[str] = field(default_factory=list)
    nums: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    header: str = ""  # text of the first section's header and footer (not body text)
    footer: str = ""

    def build(self) -> bytes:
        import docx
        from docx.oxml import parse_xml

        document = docx.Document()
        body = document.element.body
        sect = body[-1]
        for child in list(body):
            if child is not sect:
                body.remove(child)
        for piece in self.body:
            wrapper = parse_xml(f"<w:body {_NSDECL}>{piece}</w:body>")
            for element in list(wrapper):
                sect.addprevious(element)
        numbering = document.part.numbering_part.element
        for child in list(numbering):
            numbering.remove(child)
        for piece in [*self.abstracts, *self.nums]:
            numbering.append(_element(piece))
        styles = document.styles.element
        for piece in self.styles:
            styles.append(_element(piece))
        if self.header:
            document.sections[0].header.paragraphs[0].text = self.header
        if self.footer:
            document.sections[0].footer.paragraphs[0].text = self.footer
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _element(xml: str):
    """One element from XML whose first tag lacks the namespace declarations."""
    from docx.oxml import parse_xml

    return parse_xml(xml.replace(">", f" {_NSDECL}>", 1))
