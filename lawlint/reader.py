"""Stage 1, read: bytes -> text with one newline style, plus what is needed to write it back.

Line numbers survive normalisation: CRLF, CR and LF each end exactly one line, so line N of the
normalised text is line N of the file, and columns count characters, not bytes.
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError
from .writer import FileState

# Tried in this order when no BOM says otherwise: GB18030 is a superset of GBK and GB2312.
FALLBACK_ENCODINGS = ("utf-8", "gb18030")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Source:
    """A decoded report: ``text`` always uses "\\n"; the rest says how to write it back."""

    path: str
    text: str
    encoding: str
    newline: str = "\n"
    bom: bool = False
    # ``text`` with the file's own line ends, line by line (None: every line ends in ``newline``);
    # --fix edits this, so the lines it does not fix keep their bytes
    raw: str | None = None
    origin: FileState | None = None  # the file as read: --fix refuses to write if it changed

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
        data = text.encode(self.encoding)
        if self.encoding == "utf-16":
            return data  # Python's utf-16 codec writes the BOM itself
        return (codecs.BOM_UTF8 + data) if self.bom and self.encoding == "utf-8" else data


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


def decode(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Decode ``data``: a forced encoding, else a BOM, else UTF-8, else GB18030."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        return _decode_with(data, path, encoding, bom=False)
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return _decode_with(data, path, codec, bom=True)
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not a text report")
    for codec in FALLBACK_ENCODINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return _source(path, text, codec, bom=False)
    raise InputError(path, "cannot decode as UTF-8 or GB18030; name the encoding with --encoding")


def _decode_with(data: bytes, path: str, codec: str, bom: bool) -> Source:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode as {codec}: byte {exc.start}") from None
    stored = "utf-8" if codec == "utf-8-sig" else codec
    if text.startswith("\ufeff"):  # a forced utf-8 on a BOM file: keep the BOM on write
        text, bom = text[1:], True
    return _source(path, text, stored, bom)


def _source(path: str, text: str, encoding: str, bom: bool) -> Source:
    return Source(path, normalise_newlines(text), encoding, detect_newline(text), bom, raw=text)


def read_path(path: Path, display: str, encoding: str | None = None) -> Source:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(display, "is a directory") from None
    except OSError as exc:
        raise InputError(display, exc.strerror or str(exc)) from None
    return replace(decode(data, display, encoding), origin=FileState.capture(path, data))


def read_stdin(display: str, encoding: str | None = None) -> Source:
    return decode(sys.stdin.buffer.read(), display, encoding)
