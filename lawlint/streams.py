"""The standard streams, and text made safe to show on them.

Two dangers come from outside lawlint. The streams themselves: closed (``>&-``), on a full disk,
or in a locale (Latin-1, ASCII) that cannot encode the Chinese every finding is written in. And
the text lawlint echoes: report text and file names from folders other people control may carry
terminal escapes, bidi overrides, or bytes that are not UTF-8.

* :func:`guarded_streams` wraps ``sys.stdout`` and ``sys.stderr`` for one run. A stream whose
  encoding cannot represent all of Unicode gets UTF-8 bytes instead (what CI log viewers expect);
  a failed write to stdout becomes one :class:`StreamError` (exit 2); a broken pipe stays a
  ``BrokenPipeError``; a failed write to stderr is dropped, as there is nowhere left to say so.
* :func:`visible` escapes, Python-style (``\\x1b``, ``\\u202e``), what a terminal, a web page or
  an XML parser must not receive raw; :func:`encodable` only the undecodable bytes of file names.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from .errors import LawlintError, Text, os_reason, t
from .regexes import compiled

# Encodings that represent every character; any other gets UTF-8 instead.
_WHOLE_UNICODE = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                            "utf-32-be", "gb18030"})
_SURROGATES = "\ud800-\udfff"  # os gives the undecodable bytes of a name as \udc80-\udcff
# C0 except tab, DEL, C1, the bidi embeddings, overrides and isolates, and the two code points
# XML 1.0 forbids besides C0 and surrogates.
_UNSAFE = "\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_UNSAFE_CHAR = compiled(f"[{_SURROGATES}{_UNSAFE}]")
_SURROGATE_CHAR = compiled(f"[{_SURROGATES}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # the byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Text for people (terminal, CI page, JUnit XML): control and bidi characters escaped."""
    return _UNSAFE_CHAR.sub(_escape, text)


def encodable(text: str) -> str:
    """Text for data (JSON): only what UTF-8 cannot encode is escaped (``bad\\xff.txt``)."""
    return _SURROGATE_CHAR.sub(_escape, text)


class StreamError(LawlintError):
    """Standard output cannot be written: closed, full disk, an I/O error."""


class GuardedStream(io.TextIOBase):
    """A standard stream (None when closed) that encodes, reports or drops write failures."""

    def __init__(self, stream: TextIO | None, name: Text, *, report: bool) -> None:
        super().__init__()
        self._stream = stream
        self._name = name
        self._report = report  # stdout raises StreamError; stderr drops what it cannot write
        self._failed = False
        own = getattr(stream, "encoding", None) or "ascii"
        try:
            whole = codecs.lookup(own).name in _WHOLE_UNICODE
        except LookupError:
            whole = False
        self._encoding = own if whole else "utf-8"

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    @property
    def errors(self) -> str:  # type: ignore[override]
        return "backslashreplace"  # only lone surrogates can get here, and visible() escapes them

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return self._stream.fileno()

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click probes with b"" to tell text from binary streams
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self._put(text.encode(self._encoding, "backslashreplace"), text)
        return len(text)

    def write_bytes(self, data: bytes) -> None:
        """Output already encoded (a UTF-8 XML report), written as it is."""
        if data:
            self._put(data, None)

    def _put(self, data: bytes, text: str | None) -> None:
        if self._failed:
            return
        try:
            if self._stream is None:
                raise OSError(errno.EBADF, "closed")
            buffer = getattr(self._stream, "buffer", None)
            if buffer is None:
                self._stream.write(text if text is not None else data.decode("utf-8", "replace"))
            else:
                self._stream.flush()  # keep order with anything written to the text layer
                buffer.write(data)
        except OSError as exc:
            self._fail(exc)

    def flush(self) -> None:
        if self._stream is None or self._failed:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            self._fail(exc)

    def _fail(self, exc: OSError) -> None:
        self._failed = True
        self._discard_rest()
        if not self._report:
            return
        if isinstance(exc, BrokenPipeError):
            raise exc
        reason: str | Text = os_reason(exc)
        if self._stream is None:
            reason = t("已关闭", "it is closed")
        raise StreamError(self._name, t("：无法写入：", ": cannot write: "), reason) from None

    def _discard_rest(self) -> None:
        """Point the stream's descriptor at /dev/null, so that the data still buffered in it
        does not fail again (and print a traceback, exit 120) when the interpreter exits."""
        try:
            fd = self._stream.fileno() if self._stream is not None else -1
            if fd >= 0:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, fd)
                os.close(null)
        except (OSError, ValueError):
            pass  # not a real descriptor (tests) or nothing more we can do


@contextmanager
def guarded_streams() -> Iterator[None]:
    """Standard output and error guarded for the duration of a run."""
    saved = sys.stdout, sys.stderr
    sys.stdout = GuardedStream(sys.stdout, t("标准输出", "standard output"), report=True)
    sys.stderr = GuardedStream(sys.stderr, t("标准错误", "standard error"), report=False)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, LawlintError):
                pass
        sys.stdout, sys.stderr = saved
