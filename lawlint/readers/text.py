"""Stage 1, read: bytes -> text with one newline style, plus what is needed to write it back.

Line numbers survive normalisation: CRLF, CR and LF each end exactly one line, so line N of the
normalised text is line N of the file, and columns count characters, not bytes.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, Text, os_reason, t
from ..regexes import compiled
from ..writer import FileState

if TYPE_CHECKING:
    from .docx import DocxBody

# Tried in this order when no BOM says otherwise: GB18030 is a superset of GBK and GB2312.
FALLBACK_ENCODINGS = ("utf-8", "gb18030")

# UTF-32 first: the UTF-32-LE BOM begins with the UTF-16-LE one. Each codec names its byte
# order, so a file is written back in the order it was read.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {codec: mark for mark, codec in _BOMS}

# Every read stops here: a report, standard input, a config, a profile. The CLI sets it from
# --max-size; reading at most one byte more tells "too large" from "exactly the limit".
DEFAULT_MAX_SIZE = 50 * 1024 * 1024
_settings = {"max_size": DEFAULT_MAX_SIZE}
_CHUNK = 1 << 20
_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "KIB": 1024, "M": 1024**2, "MB": 1024**2,
          "MIB": 1024**2, "G": 1024**3, "GB": 1024**3, "GIB": 1024**3}
_SIZE = compiled(r"\s*(\d+)\s*([a-zA-Z]*)\s*")


class Source:
    """A decoded report: ``text`` always uses "\\n"; the rest says how to write it back.
    Not changed once read (a fix makes a new one: :meth:`with_text`)."""

    __slots__ = ("path", "text", "encoding", "newline", "bom", "raw", "origin", "unit", "docx")
    path: str
    text: str
    encoding: str
    newline: str
    bom: bool
    # ``text`` with the file's own line ends, line by line (None: every line ends in ``newline``);
    # --fix edits this, so the lines it does not fix keep their bytes
    raw: str | None
    origin: FileState | None  # the file as read: --fix refuses to write if it changed
    unit: str  # "paragraph" for a .docx: line N of ``text`` is paragraph N
    docx: DocxBody | None  # the Word reader's view of the file (None for text)

    def __init__(self, path: str, text: str, encoding: str, newline: str = "\n", bom: bool = False,
                 raw: str | None = None, origin: FileState | None = None, unit: str = "line",
                 docx: DocxBody | None = None) -> None:
        self.path = path
        self.text = text
        self.encoding = encoding
        self.newline = newline
        self.bom = bom
        self.raw = raw
        self.origin = origin
        self.unit = unit
        self.docx = docx

    def with_text(self, text: str, raw: str | None) -> Source:
        """This source with another text (``raw``: the same with the file's own line ends)."""
        return Source(self.path, text, self.encoding, self.newline, self.bom, raw, self.origin,
                      self.unit, self.docx)

    @property
    def raw_text(self) -> str:
        return self.raw if self.raw is not None else self.text.replace("\n", self.newline)

    def to_bytes(self) -> bytes:
        """The whole source as bytes: its own line ends, encoding and BOM."""
        return self._encode_raw(self.raw_text)

    def encode(self, text: str) -> bytes:
        """``text`` (with "\\n" line ends) in this source's encoding, newline style and BOM."""
        return self._encode_raw(text.replace("\n", self.newline))

    def _encode_raw(self, text: str) -> bytes:
        data = text.encode(self.encoding)  # the plain utf-16/utf-32 codecs add their own BOM
        mark = _BOM_OF.get(codecs.lookup(self.encoding).name, b"") if self.bom else b""
        return mark + data


def detect_newline(text: str) -> str:
    """The first line ending in the text; LF for a text with none."""
    for i, char in enumerate(text):
        if char == "\r":
            return "\r\n" if text[i + 1 : i + 2] == "\n" else "\r"
        if char == "\n":
            return "\n"
    return "\n"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def encoding_problem(name: str) -> Text | None:
    """Why ``name`` cannot decode a report (unknown, or not a text codec such as rot13), or None."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return t(f"未知编码 {name!r}，请改用 utf-8、gb18030 等", f"unknown encoding {name!r}")
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        return t(f"{name!r} 不是文本编码，请改用 utf-8、gb18030 等",
                 f"{name!r} is not a text encoding (use utf-8, gb18030 …)")
    return None


def decode(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Decode ``data``: a forced encoding, else a BOM, else UTF-8, else GB18030. (Other formats
    are told apart before: see lawlint.readers.read_data.)"""
    if encoding:
        problem = encoding_problem(encoding)
        if problem is not None:
            raise InputError(path, problem)
        return _decode_with(data, path, encoding, bom=False)
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return _decode_with(data, path, codec, bom=True)
    if b"\x00" in data:
        raise InputError(path, t("二进制文件（含 NUL 字节），不是文本报告",
                                "binary file (contains NUL bytes), not a text report"))
    for codec in FALLBACK_ENCODINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return _source(path, text, codec, bom=False)
    raise InputError(path, t("无法按 UTF-8 或 GB18030 解码；请用 --encoding 指定编码",
                            "cannot decode as UTF-8 or GB18030; name the encoding with --encoding"))


def _decode_with(data: bytes, path: str, codec: str, bom: bool) -> Source:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, t(f"无法按 {codec} 解码：第 {exc.start} 字节",
                                  f"cannot decode as {codec}: byte {exc.start}")) from None
    # The byte-order codecs keep the BOM as U+FEFF (so do a forced utf-8 or utf-16-le on a BOM
    # file): drop it from the text and write it back.
    if text.startswith("\ufeff") and codecs.lookup(codec).name in _BOM_OF:
        text, bom = text[1:], True
    return _source(path, text, codec, bom)


def _source(path: str, text: str, encoding: str, bom: bool) -> Source:
    return Source(path, normalise_newlines(text), encoding, detect_newline(text), bom, raw=text)


# --- reading, bounded ----------------------------------------------------------------------
def parse_size(text: str) -> int:
    """Bytes in ``50MB``, ``500KB``, ``1GB`` or ``1000`` (K, M, G count in 1024s); ValueError."""
    match = _SIZE.fullmatch(text)
    unit = match and _UNITS.get(match[2].upper())
    if not match or unit is None or int(match[1]) == 0:
        raise ValueError(f"{text!r} is not a size such as 50MB, 500KB, 1GB or a byte count")
    return int(match[1]) * unit


def format_size(size: int) -> str:
    for unit in ("GB", "MB", "KB"):
        if size % _UNITS[unit] == 0:
            return f"{size // _UNITS[unit]}{unit}"
    return f"{size}B"


def set_max_size(size: int) -> None:
    """The most bytes any one read may return (a larger input is an InputError)."""
    _settings["max_size"] = size


def max_size() -> int:
    """The --max-size setting: also the limit on a Word file's unpacked parts."""
    return _settings["max_size"]


def read_bytes(path: Path, display: str, pipes: bool = False, limit: int | None = None) -> bytes:
    """The bytes of a regular file (or, with ``pipes``, a FIFO read to its end), at most ``limit``
    (default: the --max-size setting). Devices, sockets and folders are an InputError: reading
    /dev/zero never ends."""
    limit = limit or _settings["max_size"]
    _check_kind(_stat(path, display), display, pipes)
    # O_NONBLOCK: opening a FIFO nobody writes to would block for ever; with it, the open
    # returns at once and a read then sees end of file, as from an empty pipe.
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(display, os_reason(exc)) from None
    try:
        info = os.fstat(handle)
        _check_kind(info, display, pipes)  # the path may have been swapped since the stat
        os.set_blocking(handle, True)
        if info.st_size > limit:
            raise too_large(display, limit)
        return read_limited(lambda size: os.read(handle, size), display, limit)
    finally:
        os.close(handle)


def _stat(path: Path, display: str) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as exc:
        raise InputError(display, os_reason(exc)) from None


def _check_kind(info: os.stat_result, display: str, pipes: bool) -> None:
    if stat.S_ISREG(info.st_mode) or (pipes and stat.S_ISFIFO(info.st_mode)):
        return
    if stat.S_ISDIR(info.st_mode):
        raise InputError(display, t("是一个目录", "is a directory"))
    raise InputError(display, t("不是普通文件（设备、管道或套接字），不能检查",
                                "not a regular file (a device, pipe or socket)"))


def read_limited(read: Callable[[int], bytes], display: str, limit: int | None = None) -> bytes:
    """Everything ``read`` gives until end of file, reading at most the limit plus one byte."""
    limit = limit or _settings["max_size"]
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= limit:
            chunk = read(min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError(display, os_reason(exc)) from None
    if total > limit:
        raise too_large(display, limit)
    return b"".join(chunks)


def too_large(display: str, limit: int) -> InputError:
    size = format_size(limit)
    return InputError(display, t(f"超过大小上限 {size}，未检查（可用 --max-size 调整）",
                                 f"larger than the size limit {size} (see --max-size)"))
