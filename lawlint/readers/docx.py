"""The Word (.docx) reader: the body text as Word displays it, one paragraph per line.

Line N of the text is the Nth body paragraph in document order (empty paragraphs and each
table-cell paragraph included); columns count the displayed characters. Word's automatic
numbering is rendered (see numbering.py) and put in front of its paragraph, so a Word list's
``一、`` reads like a typed one. Displayed: text, tracked insertions, tabs, symbols, fields'
results, content controls, hyperlinks. Not displayed, so not read: tracked deletions, field
instructions, hidden text (direct ``w:vanish``), headers, footers, footnotes, text boxes. A line
or page break inside a paragraph reads as nothing (it is a break, not a character).

The file is untrusted: the zip directory is checked before anything is unpacked (no part and
not all parts together larger than --max-size, a bounded number of parts), XML parts with a DTD
are refused, and python-docx's parser resolves no entities and never touches the network.
python-docx and lxml are imported here only, when a .docx is read.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, t
from .numbering import Numbering, W, read_numbering, with_suffix
from .text import Source, format_size, max_size

MAIN_PART = "word/document.xml"
MAX_PARTS = 10_000  # a real document has a few dozen; each costs memory before any check
_ZIP = b"PK\x03\x04"
_DTD_MARKS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


@dataclass(slots=True)  # one per paragraph: hundreds of thousands in a large file
class DocxParagraph:
    line: int  # 1-based line of Source.text
    element: Any  # the lxml <w:p> element (python-docx's paragraph._p)
    label: str  # the automatic-numbering label put in front ("" if none), with its suffix
    in_table: bool  # a table-cell paragraph: read for figures, never a heading
    style_id: str | None  # w:pStyle (the default paragraph style when absent)
    # (start, end) columns (0-based, in the line, after the label) of displayed text and the
    # <w:r> element showing it
    runs: tuple[tuple[int, int, Any], ...] = ()


@dataclass
class DocxBody:
    document: Any  # the python-docx Document (styles, sections, footers, numbering)
    paragraphs: list[DocxParagraph] = field(default_factory=list)

    def paragraph(self, line: int) -> DocxParagraph | None:
        return self.paragraphs[line - 1] if 0 < line <= len(self.paragraphs) else None


# --- recognising ----------------------------------------------------------------------------
def looks_like_docx(data: bytes) -> bool:
    """A zip holding word/document.xml (by content, whatever the file is called)."""
    if not data.startswith(_ZIP):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.getinfo(MAIN_PART)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        return False
    return True


def is_encrypted_word(data: bytes) -> bool:
    """A password-protected .docx: Word stores it as an OLE file with an EncryptedPackage
    stream (see lawlint.readers.sniff)."""
    from . import sniff

    return sniff(data) == "encrypted"


def encrypted_error(path: str) -> InputError:
    return InputError(path, t("Word 文件设有打开密码，无法读取；请在 Word 中取消密码（文件→信息→保护文档）后另存",
                              "a password-protected Word file; remove the password and save it "
                              "again"))


# --- reading --------------------------------------------------------------------------------
def read_docx(data: bytes, path: str) -> Source:
    """The displayed body text of a .docx, with its DocxBody; InputError for a damaged,
    encrypted, oversized or hostile file."""
    if is_encrypted_word(data):
        raise encrypted_error(path)
    _check_archive(data, path)
    document = _open_document(data, path)
    body = DocxBody(document)
    lines = _BodyReader(document, body).read()
    return Source(path, "\n".join(lines), "utf-8", unit="paragraph", docx=body)


def _broken(path: str) -> InputError:
    return InputError(path, t("Word（.docx）文件已损坏或不完整，无法读取；请在 Word 中打开后重新保存",
                              "a damaged or incomplete Word (.docx) file; open it in Word and "
                              "save it again"))


def _check_archive(data: bytes, path: str) -> None:
    """Look at the zip directory before unpacking: a Word file, sizes within the limit, no DTD
    in any part python-docx will parse."""
    limit = max_size()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise InputError(path, t(f"zip 中有 {len(infos)} 个部件，不是正常的 Word 文件",
                                         f"{len(infos)} parts in the zip: not a normal Word file"))
            if MAIN_PART not in {info.filename for info in infos}:
                raise InputError(path, t("是 zip 文件，但不是 Word（.docx）文档（缺少 word/document.xml）",
                                         "a zip file but not a Word (.docx) document (no "
                                         "word/document.xml)"))
            # the directory's sizes bound every read: zipfile stops at the declared size
            if sum(info.file_size for info in infos) > limit:
                raise _unpacked_too_large(path, limit)
            for info in infos:
                if "/media/" not in f"/{info.filename}" and _has_dtd(archive, info):
                    raise InputError(path, t(f"{info.filename} 含 DTD/实体声明，Word 文件不应有，拒绝读取",
                                             f"{info.filename} has a DTD (entity declarations), "
                                             "which a Word file never has; refused"))
    except InputError:
        raise
    except RuntimeError:  # a zip member encrypted with a zip password
        raise encrypted_error(path) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError):
        raise _broken(path) from None


def _unpacked_too_large(path: str, limit: int) -> InputError:
    size = format_size(limit)
    return InputError(path, t(f"解压后超过大小上限 {size}，未检查（可用 --max-size 调整）",
                              f"larger than the size limit {size} once unpacked (see "
                              "--max-size)"))


def _has_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as member:
        head = member.read(info.file_size)
    return any(mark in head for mark in _DTD_MARKS)


def _open_document(data: bytes, path: str) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - any failure of the parser on hostile input is one line
        raise _broken(path) from None


# --- the body -------------------------------------------------------------------------------
_SKIPPED = {W + tag for tag in ("pPr", "rPr", "del", "moveFrom", "instrText", "delText",
                                "delInstrText", "footnoteReference", "endnoteReference",
                                "commentReference", "drawing", "pict", "object", "rt")}
_MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_BREAKS = {W + "br", W + "cr", W + "lastRenderedPageBreak"}
_TABS = {W + "tab", W + "ptab"}


class _BodyReader:
    """Walks the body in document order, one line per paragraph."""

    def __init__(self, document: Any, body: DocxBody) -> None:
        self.document = document
        self.body = body
        self.styles = _Styles(document)
        self.numbering = _numbering(document, self.styles)
        self.fields: list[bool] = []  # one per open complex field: True once in its result
        self.lines: list[str] = []

    def read(self) -> list[str]:
        self._block(self.document.element.body, in_table=False)
        return self.lines

    def _block(self, container: Any, in_table: bool) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child, in_table)
            elif tag == W + "tbl":
                for cell in child.iter(W + "tc"):
                    if _table_of(cell) is child:  # nested tables are walked from their cell
                        self._block(cell, in_table=True)
            elif tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent") if tag == W + "sdt" else child
                if content is not None:
                    self._block(content, in_table)

    def _paragraph(self, element: Any, in_table: bool) -> None:
        style_id = self.styles.paragraph_style(element)
        label = self._label(element, style_id)
        pieces: list[str] = []
        runs: list[tuple[int, int, Any]] = []
        self._inline(element, pieces, runs, None, [0])
        if not pieces or not any(pieces):
            label = label.rstrip(" ")  # a numbered empty paragraph: no trailing space
        self.lines.append(label + "".join(pieces))
        self.body.paragraphs.append(DocxParagraph(len(self.lines), element, label, in_table,
                                                  style_id, tuple(runs)))

    def _label(self, element: Any, style_id: str | None) -> str:
        num_id, ilvl = self.styles.numbering_of(element, style_id)
        if num_id is None or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = self.numbering.level_of_style(num_id, style_id or "")
        return with_suffix(*self.numbering.label(num_id, ilvl))

    def _inline(self, container: Any, pieces: list[str], runs: list, run: Any,
                column: list[int]) -> None:
        """Collect the displayed text under ``container``; ``run`` is the enclosing <w:r>."""
        for child in container:
            tag = child.tag
            if is_skipped(tag):
                continue
            if tag == W + "r":
                if not _hidden(child):
                    self._inline(child, pieces, runs, child, column)
                continue
            if tag == W + "fldChar":
                self._field_char(child.get(W + "fldCharType"))
                continue
            if self.fields and not self.fields[-1]:
                continue  # a field's instruction: not displayed
            text = displayed_text(child, tag)
            if text is None:
                self._inline(child, pieces, runs, run, column)  # ins, hyperlink, sdt, fldSimple …
            elif text:
                pieces.append(text)
                start, column[0] = column[0], column[0] + len(text)
                if runs and runs[-1][2] is run and runs[-1][1] == start:
                    runs[-1] = (runs[-1][0], column[0], run)
                else:
                    runs.append((start, column[0], run))

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(False)
        elif kind == "separate" and self.fields:
            self.fields[-1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()


def is_skipped(tag: Any) -> bool:
    """An element whose content Word never displays in the body (properties, deletions, field
    instructions, comments, a markup-compatibility choice …)."""
    return not isinstance(tag, str) or tag in _SKIPPED or tag == _MC_ALTERNATE


def displayed_text(element: Any, tag: str) -> str | None:
    """The displayed text of a leaf of a run; None for a container to walk into."""
    if tag == W + "t":
        return element.text or ""
    if tag in _TABS:
        return "\t"
    if tag in _BREAKS:
        return ""
    if tag == W + "noBreakHyphen":
        return "\u2011"
    if tag == W + "softHyphen":
        return ""
    if tag == W + "sym":
        try:
            return chr(int(element.get(W + "char", ""), 16))
        except ValueError:
            return ""
    if tag in (W + "sectPr", W + "bookmarkStart", W + "bookmarkEnd", W + "proofErr"):
        return ""
    return None


def _hidden(run: Any) -> bool:
    """Text formatted as hidden (w:vanish on the run) is not displayed."""
    properties = run.find(W + "rPr")
    vanish = properties.find(W + "vanish") if properties is not None else None
    return vanish is not None and vanish.get(W + "val", "true") not in ("0", "false", "off")


def _table_of(cell: Any) -> Any:
    parent = cell.getparent()
    while parent is not None and parent.tag != W + "tbl":
        parent = parent.getparent()
    return parent


# --- styles and numbering -------------------------------------------------------------------
class _Styles:
    """Paragraph styles: the default one, basedOn chains, the numbering a style carries."""

    def __init__(self, document: Any) -> None:
        self.based_on: dict[str, str] = {}
        self.numbering: dict[str, tuple[str | None, int | None]] = {}
        self.default: str | None = None
        try:
            root = document.part._styles_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        for style in root.findall(W + "style"):
            style_id = style.get(W + "styleId")
            if style_id is None:
                continue
            based = style.find(W + "basedOn")
            if based is not None and based.get(W + "val"):
                self.based_on[style_id] = based.get(W + "val")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                self.numbering[style_id] = (_child_val(num_pr, "numId"),
                                            _level(_child_val(num_pr, "ilvl")))
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default = style_id

    def paragraph_style(self, paragraph: Any) -> str | None:
        found = paragraph.find(f"{W}pPr/{W}pStyle")
        return found.get(W + "val") if found is not None else self.default

    def chain(self, style_id: str | None) -> list[str]:
        chain: list[str] = []
        while style_id is not None and style_id not in chain and len(chain) < 32:
            chain.append(style_id)
            style_id = self.based_on.get(style_id)
        return chain

    def numbering_of(self, paragraph: Any, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, level) of a paragraph: its own w:numPr, completed from its style chain."""
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        num_id = _child_val(num_pr, "numId") if num_pr is not None else None
        ilvl = _level(_child_val(num_pr, "ilvl")) if num_pr is not None else None
        for name in self.chain(style_id):
            style_num, style_lvl = self.numbering.get(name, (None, None))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_lvl
        if num_id is not None and ilvl is None and num_pr is not None:
            ilvl = 0  # numbering set on the paragraph itself: level 0 unless it says
        return num_id, ilvl

    def numbering_style_num(self, style_id: str) -> str | None:
        return self.numbering.get(style_id, (None, None))[0]


def _child_val(element: Any, tag: str) -> str | None:
    child = element.find(W + tag)
    return child.get(W + "val") if child is not None else None


def _level(text: str | None) -> int | None:
    try:
        return max(0, min(8, int(text))) if text is not None else None
    except ValueError:
        return None


def _numbering(document: Any, styles: _Styles) -> Numbering:
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    except KeyError:
        return read_numbering(None, styles.numbering_style_num)
    return read_numbering(getattr(part, "element", None), styles.numbering_style_num)
