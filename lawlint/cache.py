"""A small on-disk cache that only the current user can have written.

lawlint runs as root in CI over folders other people control, so a cache is a way in: whoever can
put a file where lawlint reads its cache decides what lawlint loads. Everything here therefore
lives in one private folder, ``$XDG_CACHE_HOME/lawlint`` (else ``~/.cache/lawlint``), created
with mode 0700, and is trusted only while the folder and the file read are owned by the
effective user, writable by nobody else, and not symlinks. Every check is made on an open file
descriptor (``O_NOFOLLOW``, ``fstat``), so the path cannot be swapped between check and use.

The cache is an optimisation only: any failure (no home folder, a read-only file system, a
folder or file that fails the checks, a truncated file) makes :func:`load` return None and
:func:`store` do nothing, and the caller computes the value instead. ``LAWLINT_NO_CACHE=1``
or ``lawlint --no-cache`` (:func:`use`) turns the cache off, reading and writing.

What it holds: the heading parser's tables (model/grammar.py) and the parsed YAML packs,
profiles and configs (model/packs.py), each as data only (Python literals or marshal, never a
pickle): an entry builds values, it cannot run code.
"""

from __future__ import annotations

import marshal
import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import __version__

try:  # what hashlib.blake2b is, without the OpenSSL hashlib loads (~2 ms of a cold start)
    from _blake2 import blake2b
except ImportError:  # a Python without CPython's own blake2 module
    from hashlib import blake2b

DISABLE_ENV = "LAWLINT_NO_CACHE"
MAX_ENTRY_BYTES = 16 * 1024 * 1024  # far above any real entry; a bigger file is not ours
MAX_ENTRIES_PER_KIND = 100  # of one kind of entry (parsed YAML files…): the newest are kept
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}")
_UNTRUSTED_MODE = stat.S_IWGRP | stat.S_IWOTH
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
MISSING: Any = object()  # what load_value returns for no usable entry (None is a value)
# Values are stored with marshal: it keeps every type YAML's safe loader gives but dates (JSON
# would turn layout.yaml's integer keys into strings), loads as fast as JSON, and builds values
# only, never running code. It is not hardened against crafted input, so only entries that
# pass the checks below (ours, writable by nobody else) ever reach it; from Python 3.13 on it
# is also told to refuse code objects. The header names the marshal format version.
_VALUE_HEADER = b"lawlint-marshal-%d\n" % marshal.version
_NO_CODE = {"allow_code": False} if sys.version_info >= (3, 13) else {}
_switch = {"on": True}  # --no-cache turns it off for the run


def use(on: bool) -> None:
    """Turn the cache on or off for this process (the CLI's --no-cache, each run)."""
    _switch["on"] = on


def enabled() -> bool:
    return _switch["on"] and os.environ.get(DISABLE_ENV, "").strip() in ("", "0")


def make_key(kind: str, *contents: str | bytes) -> str:
    """A cache key for ``contents`` (a grammar, a rule pack…): the kind, then a hash of the
    lawlint version and the contents, so a new version or an edited file never hits an old
    entry."""
    digest = blake2b(__version__.encode(), digest_size=20)
    for part in contents:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return f"{kind}-{digest.hexdigest()}"


def cache_root() -> Path | None:
    """Where the private folder lives, or None when there is no usable home. A relative
    ``XDG_CACHE_HOME`` is ignored, as the XDG spec asks."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):
        return Path(base) / "lawlint"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):
        return None
    return home / ".cache" / "lawlint" if home.is_absolute() else None


def load(key: str) -> bytes | None:
    """The bytes stored under ``key``, or None when there is no entry that can be trusted."""
    try:
        with _folder(create=False) as folder:
            return _read_private(folder, _checked(key))
    except (OSError, ValueError):
        return None


def store(key: str, data: bytes) -> bool:
    """Store ``data`` under ``key`` (atomically, mode 0600); False when the cache is unusable."""
    if len(data) > MAX_ENTRY_BYTES:
        return False
    try:
        with _folder(create=True) as folder:
            _write_private(folder, _checked(key), data)
            _prune(folder, key.rpartition("-")[0])
    except (OSError, ValueError):
        return False
    return True


def _prune(folder: int, kind: str) -> None:
    """Delete the oldest entries of ``kind`` beyond MAX_ENTRIES_PER_KIND. Keyed by content,
    the cache gains an entry for each edited config (and each lark or lawlint version), and a
    repository's hostile configs must not fill the disk of the CI machine that lints it."""
    names = [name for name in os.listdir(folder) if name.startswith(f"{kind}-")]
    if len(names) <= MAX_ENTRIES_PER_KIND:
        return
    aged = []
    for name in names:
        try:
            aged.append((os.stat(name, dir_fd=folder, follow_symlinks=False).st_mtime_ns, name))
        except OSError:  # removed meanwhile by another run
            pass
    for _, name in sorted(aged)[: len(aged) - MAX_ENTRIES_PER_KIND]:
        try:
            os.unlink(name, dir_fd=folder)
        except OSError:
            pass


def from_marshal(data: bytes | None, header: bytes) -> Any:
    """The value marshalled after ``header`` in ``data`` (an entry's bytes), or MISSING for no
    entry, another header (another format or marshal version) or a truncated or corrupt one.
    Data only: from Python 3.13 on marshal is told to refuse code objects."""
    if data is None or not data.startswith(header):
        return MISSING
    try:
        return marshal.loads(memoryview(data)[len(header):], **_NO_CODE)
    except (EOFError, ValueError, TypeError):
        return MISSING


def load_value(key: str) -> Any:
    """The value stored by :func:`store_value` under ``key``, or MISSING (no entry, or one that
    is truncated, corrupt or from another Python: the caller computes the value and stores it
    again)."""
    box = from_marshal(load(key), _VALUE_HEADER)
    # the value travels boxed in a one-item list, so that a cut-off entry is never a value
    return box[0] if type(box) is list and len(box) == 1 else MISSING


def store_value(key: str, value: Any) -> bool:
    """Store plain data (what YAML's safe loader gives: dicts, lists, strings, numbers,
    booleans, None) with marshal; False, storing nothing, for a value marshal would not give
    back equal (a date, a NaN) or an unusable cache."""
    if not enabled():
        return False
    try:
        data = _VALUE_HEADER + marshal.dumps([value])
        if marshal.loads(data[len(_VALUE_HEADER):]) != [value]:
            return False
    except (ValueError, TypeError, RecursionError):
        return False
    return store(key, data)


def _checked(key: str) -> str:
    if not _KEY.fullmatch(key):
        raise ValueError(f"bad cache key {key!r}")
    return key


def _trusted(info: os.stat_result) -> bool:
    """Owned by us and writable by nobody else: no other user can have put it there."""
    return info.st_uid == os.geteuid() and not info.st_mode & _UNTRUSTED_MODE


@contextmanager
def _folder(create: bool) -> Iterator[int]:
    """A descriptor of the private folder, opened without following a symlink and checked."""
    if not enabled():
        raise OSError("cache disabled")
    root = cache_root()
    if root is None:
        raise OSError("no cache folder")
    if create:
        _make_private_folder(root)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW | _CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode) or not _trusted(info):
            raise OSError(f"{root} is not a private folder")
        yield fd
    finally:
        os.close(fd)


def _make_private_folder(root: Path) -> None:
    # the parents (~/.cache) are made private too when lawlint creates them; existing ones are
    # left as they are, and the checks on the folder itself decide
    root.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.mkdir(root, 0o700)
    except FileExistsError:
        pass


def _read_private(folder: int, name: str) -> bytes | None:
    try:
        # O_NONBLOCK: a FIFO planted under the name must not hang the run
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | os.O_NONBLOCK, dir_fd=folder)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if (not stat.S_ISREG(info.st_mode) or not _trusted(info)
                or info.st_size > MAX_ENTRY_BYTES):
            return None
        data = file.read(MAX_ENTRY_BYTES + 1)
        return data if len(data) <= MAX_ENTRY_BYTES else None  # grew while we read


def _write_private(folder: int, name: str, data: bytes) -> None:
    temp = f".{name}.{os.urandom(8).hex()}.tmp"  # os.urandom: no secrets module to import
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600,
                 dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), 0o600)  # whatever the umask
            file.write(data)
        # replaces whatever was there, a foreign or broken entry included
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        try:
            os.unlink(temp, dir_fd=folder)
        except OSError:
            pass
        raise
