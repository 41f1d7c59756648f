"""Readers: one module per input format, and the discovery of files to lint.

:func:`read_path` and :func:`read_stdin` recognise the format by content, never by the name:
a Word file (.docx, a zip) goes to the Word reader, an old format (.doc/.wps, .odt, .rtf) is
converted to .docx by LibreOffice first, a PDF is refused, everything else is text. The Word
reader (python-docx, lxml) and the converter are imported only when such a file is read, so a
run over text files stays as fast as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError, Text, t
from ..writer import FileState
from .text import Source, decode, read_bytes, read_limited

# What a document format starts with. An OLE compound file is an old Word or WPS document
# (.doc/.wps), or an encrypted .docx, which Office wraps in one.
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF = b"{\\rtf"
_PDF = b"%PDF-"
_ODT = b"mimetypeapplication/vnd.oasis.opendocument.text"  # an ODF zip's first, stored member
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # a stream name in the OLE directory


class UnsupportedFormat(InputError):
    """A document read fine but in a format lawlint cannot lint (here); found in a folder it is
    a skip note, named on the command line an error."""

    def __init__(self, path: str, reason: Text) -> None:
        super().__init__(path, reason)
        self.why = reason


def sniff(data: bytes) -> str:
    """The format of ``data``: docx, ole, encrypted, odt, rtf, pdf or text. Every zip except an
    OpenDocument one is for the Word reader, which explains a zip that is no Word file."""
    if data.startswith(_ZIP):
        return "odt" if _ODT in data[:256] else "docx"
    if data.startswith(_OLE):
        return "encrypted" if _ENCRYPTED in data else "ole"
    head = data[:1024]  # a copy of the head only: a text report may be 50 MB
    if head.removeprefix(b"\xef\xbb\xbf").startswith(_RTF):
        return "rtf"
    if head.lstrip(b" \t\r\n\x00").startswith(_PDF):  # PDF readers accept blanks before it
        return "pdf"
    return "text"


def read_data(data: bytes, display: str, encoding: str | None = None) -> Source:
    """The report in ``data``, whatever its format (``encoding`` is for text only)."""
    kind = sniff(data)
    if kind == "text":
        return decode(data, display, encoding)
    if kind in ("docx", "encrypted"):  # the Word reader explains an encrypted one
        return read_docx(data, display)
    if kind == "pdf":
        raise UnsupportedFormat(display, t(
            "PDF 文件暂不支持，请检查报告的 Word（.docx）或文本（.txt）版本",
            "PDF is not supported yet; lint the Word (.docx) or text version of the report"))
    from .convert import convert_to_docx

    return read_docx(convert_to_docx(data, display, kind), display)


def read_docx(data: bytes, display: str) -> Source:
    """The Word reader, imported only now: text runs never load python-docx or lxml."""
    from .docx import read_docx as read_word

    return read_word(data, display)


def read_path(path: Path, display: str, encoding: str | None = None) -> Source:
    """A report named on the command line or found in a folder; a pipe is read like stdin."""
    data = read_bytes(path, display, pipes=True)
    source = read_data(data, display, encoding)
    source.origin = FileState.capture(path, data)  # a new Source: no one else holds it yet
    return source


def read_stdin(display: str, encoding: str | None = None) -> Source:
    if sys.stdin is None:  # started with standard input closed (lawlint - <&-)
        raise InputError(display, t("标准输入不可读（已关闭）", "standard input is closed"))
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    return read_data(read_limited(stream.read, display), display, encoding)
