"""Every write into a user's file (``--fix``, ``-o``) goes through :func:`write_file`.

lawlint runs as root over folders other people control, so a write must never lose data:

* a regular file is replaced atomically (a temporary file in the *target's* folder, then a
  rename), keeping its owner, group, mode and extended attributes; through a symlink the target
  is written and the link stays a link;
* a file with several hard links is rewritten in place (same inode), because a rename would give
  only one of its names the new content;
* a device, FIFO or terminal, or a stream like /dev/stderr, is written into, never replaced;
* a read-only file, or one that changed or vanished since lawlint read it, is not written;
* SIGINT, SIGTERM and SIGHUP wait until the temporary file is renamed or removed.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from .errors import LawlintError, Text, os_reason, t

# /dev/stderr, /dev/fd/N, /proc/PID/fd/N: streams, written into even when a log file is behind them
_STREAM_PREFIXES = ("/dev/std", "/dev/fd/", "/proc/")
_UNCOPIABLE_XATTR = {errno.EPERM, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP}

CHANGED = t("：文件在检查期间被修改，未写入", ": changed while lawlint ran; not written")
REMOVED = t("：文件在检查期间被删除，未写入", ": removed while lawlint ran; not written")
NOT_REGULAR = t("：不是普通文件，不能原地修复（可用 --diff 查看修改）",
                ": not a regular file; cannot be fixed in place (see --diff)")
READ_ONLY = t("：文件只读，未写入（需要修改请先加写权限）",
              ": read-only file; not written (make it writable to change it)")


class WriteError(LawlintError):
    """A file lawlint did not write; the file is as it was."""

    def __init__(self, *parts: str | Text) -> None:
        super().__init__(*parts)


class FileState:
    """A file as lawlint read it: its bytes and the stat fields a save changes."""

    __slots__ = ("data", "device", "inode", "size", "mtime_ns")
    data: bytes
    device: int
    inode: int
    size: int
    mtime_ns: int

    def __init__(self, data: bytes, device: int, inode: int, size: int, mtime_ns: int) -> None:
        self.data = data
        self.device = device
        self.inode = inode
        self.size = size
        self.mtime_ns = mtime_ns

    @classmethod
    def capture(cls, path: str | os.PathLike[str], data: bytes) -> FileState:
        """``data`` just read from ``path``: a save after the read shows in the bytes, one before
        it in the stat fields, so taking the stat after the read misses nothing."""
        try:
            info = os.stat(path)
        except OSError:  # gone already: a state no file matches, so nothing is written back
            return cls(data, -1, -1, -1, -1)
        return cls(data, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)

    def matches(self, info: os.stat_result, data: bytes) -> bool:
        return ((info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
                == (self.device, self.inode, self.size, self.mtime_ns) and data == self.data)


def write_file(path: str | os.PathLike[str], data: bytes, display: str | None = None,
               expected: FileState | None = None) -> None:
    """Write ``data`` to ``path`` without ever leaving it half-written or losing someone's edit.

    ``expected`` is the file as it was read (``--fix``): the write is refused if the file no
    longer is exactly that. Raises :class:`WriteError` (the file untouched) on any failure.
    """
    name = os.fspath(path)
    shown = display or name
    if not name:
        raise WriteError(t("文件名为空，未写入", "empty file name; nothing written"))
    try:
        info = _stat_or_none(name)
        if info is None:
            if expected is not None:
                raise WriteError(shown, REMOVED)
            _replace(os.path.realpath(name), data, None, None, shown)
        elif stat.S_ISDIR(info.st_mode):
            raise WriteError(shown, t("：是目录，不能写入", ": is a directory"))
        elif expected is not None and not stat.S_ISREG(info.st_mode):
            raise WriteError(shown, NOT_REGULAR)  # --fix on a pipe: its writer wants no answer
        elif not stat.S_ISREG(info.st_mode) or _is_stream(name):
            _write_into(name, data)
        elif not info.st_mode & 0o222:
            raise WriteError(shown, READ_ONLY)
        elif info.st_nlink > 1:
            _rewrite_in_place(os.path.realpath(name), data, expected, shown)
        else:
            _replace(os.path.realpath(name), data, info, expected, shown)
    except OSError as exc:
        raise _failed(shown, exc) from None


def _stat_or_none(name: str) -> os.stat_result | None:
    try:
        return os.stat(name)
    except FileNotFoundError:
        return None


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether both names reach one file (through symlinks and hard links alike)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _failed(shown: str, exc: OSError) -> WriteError:
    return WriteError(shown, t("：无法写入：", ": cannot write: "), os_reason(exc))


def _is_stream(name: str) -> bool:
    return os.path.abspath(name).startswith(_STREAM_PREFIXES)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP until the block is done, so no signal strands a temporary
    file or a half-rewritten file; a signal that came meanwhile is delivered right after."""
    import signal  # only a run that writes

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    deferred = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, deferred)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]


def _write_into(name: str, data: bytes) -> None:
    """A device, FIFO or terminal: open and write; O_APPEND so a log behind /dev/stderr grows."""
    handle = os.open(name, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
    try:
        _write_all(handle, data)
    finally:
        os.close(handle)


def write_copy(path: str | os.PathLike[str], data: bytes, display: str,
               original: str | os.PathLike[str]) -> None:
    """Write a file lawlint makes from a user's file (an annotated copy beside it). Unlike
    :func:`write_file`, the *name* is replaced, never followed: a symlink, hard link or device
    planted under that name is replaced by the new file, not written through. An existing copy
    keeps its owner, group and mode; a new one gets the original's, since it holds its text."""
    name = os.fspath(path)
    try:
        info = os.lstat(name)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _failed(display, exc) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteError(display, t("：是目录，不能写入", ": is a directory"))
    template = name if info is not None and stat.S_ISREG(info.st_mode) and info.st_nlink == 1 \
        else os.fspath(original)
    try:
        folder = os.path.realpath(os.path.dirname(os.path.abspath(name)))
        _replace(os.path.join(folder, os.path.basename(name)), data, os.stat(template), None,
                 display, template)
    except OSError as exc:
        raise _failed(display, exc) from None


def _replace(target: str, data: bytes, info: os.stat_result | None,
             expected: FileState | None, shown: str, template: str | None = None) -> None:
    """A temporary file beside the target (same filesystem, so the rename is atomic); owner,
    mode and extended attributes come from ``template`` (the target itself by default)."""
    import tempfile  # here: a run that writes nothing (most) never needs it

    folder, base = os.path.split(target)
    with _signals_deferred():
        handle, temp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
        try:
            try:
                _write_all(handle, data)
                _copy_metadata(handle, template or target, info)
                os.fsync(handle)
            finally:
                os.close(handle)
            if expected is not None:
                _check_unchanged(target, expected, shown)
            os.replace(temp, target)
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(temp)
            raise


def _copy_metadata(handle: int, target: str, info: os.stat_result | None) -> None:
    """Owner and group first (a chown clears set-id bits), then the mode, then the xattrs
    (a POSIX ACL is an xattr that also sets the mode). A new file gets 0666 less the umask."""
    if info is None:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)
        return
    if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        with suppress(PermissionError):  # only root may give a file away; best effort otherwise
            os.fchown(handle, info.st_uid, info.st_gid)
    os.fchmod(handle, stat.S_IMODE(info.st_mode))
    _copy_xattrs(handle, target)


def _copy_xattrs(handle: int, target: str) -> None:
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(target)
    except OSError as exc:
        if exc.errno in _UNCOPIABLE_XATTR:
            return
        raise
    for key in names:
        try:
            os.setxattr(handle, key, os.getxattr(target, key))
        except OSError as exc:  # e.g. security.* as a user: keep what can be kept
            if exc.errno not in _UNCOPIABLE_XATTR:
                raise


def _check_unchanged(target: str, expected: FileState, shown: str) -> None:
    try:
        handle = os.open(target, os.O_RDONLY)
    except FileNotFoundError:
        raise WriteError(shown, REMOVED) from None
    try:
        _require_unchanged(handle, expected, shown)
    finally:
        os.close(handle)


def _require_unchanged(handle: int, expected: FileState, shown: str) -> None:
    info = os.fstat(handle)
    if not expected.matches(info, _read_all(handle)):
        raise WriteError(shown, CHANGED)


def _read_all(handle: int) -> bytes:
    chunks, offset = [], 0
    while chunk := os.pread(handle, 1 << 20, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _rewrite_in_place(target: str, data: bytes, expected: FileState | None, shown: str) -> None:
    """Several hard links share one inode: a rename would detach this name from the others, so
    the new bytes (all ready in memory) go into the same inode. Space is reserved first, so a
    full disk fails before anything is overwritten."""
    with _signals_deferred():
        handle = os.open(target, os.O_RDWR if expected is not None else os.O_WRONLY)
        try:
            if expected is not None:
                _require_unchanged(handle, expected, shown)
            _reserve(handle, len(data))
            os.lseek(handle, 0, os.SEEK_SET)
            _write_all(handle, data)
            os.ftruncate(handle, len(data))
            os.fsync(handle)
        finally:
            os.close(handle)


def _reserve(handle: int, size: int) -> None:
    if size and hasattr(os, "posix_fallocate"):
        try:
            os.posix_fallocate(handle, 0, size)
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOTSUP):
                raise
