"""lawlint's regular expressions, compiled once per lawlint and Python version, not every run.

CPython compiles a character class code point by code point: each CJK class ([\\u4e00-\\u9fff])
costs about a millisecond, and the ~160 patterns of a lint cost ~40 ms, a quarter of a cold
start. What the compiler makes is plain data: the regex engine's code (a list of integers) and
the group names. :func:`compiled` keeps it in lawlint's private cache (lawlint/cache.py) and
hands it back to the engine, which validates it before use, so a run with a warm cache compiles
nothing. The entry is keyed by the Python build as well (the code is the engine's own), and
anything unusable (no cache, an entry that is corrupt or not ours) only means compiling as
usual. The entry is written once, when the process ends, and only if it compiled something new.
"""

from __future__ import annotations

import _sre
import atexit
import marshal
import re
import sys
from typing import Any

from . import cache

try:  # Python 3.11 on; 3.10 has the same compiler as top-level modules
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# More patterns than this in one entry means configs that keep changing theirs: start afresh.
MAX_PATTERNS = 4_000
_HEADER = b"lawlint-regexes-1\n"
_KEY = cache.make_key("regexes", sys.version, str(_sre.MAGIC), str(_sre.CODESIZE),
                      str(marshal.version))
# (pattern, flags) -> what _sre.compile takes after the pattern: flags, code, groups, names
EngineArgs = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_known: dict[tuple[str, int], EngineArgs] | None = None  # read from the cache on first use
_new: dict[tuple[str, int], EngineArgs] = {}


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when it holds the pattern's code."""
    key = (pattern, int(flags))
    known = _known_patterns()
    args = known.get(key)
    if args is not None:
        try:
            return _sre.compile(pattern, *args)
        except Exception:  # noqa: BLE001 - a broken entry ("invalid SRE code"): compile it
            del known[key]
    try:
        args = _engine_args(pattern, key[1])
        result = _sre.compile(pattern, *args)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - a compiler unlike CPython's 3.10-3.13: the usual way
        return re.compile(pattern, flags)
    if not _new:
        atexit.register(_save)
    _new[key] = args
    return result


def _engine_args(pattern: str, flags: int) -> EngineArgs:
    """What ``re._compiler.compile`` passes to the engine (its steps, unchanged 3.10-3.13)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # named opcodes as plain ints
    names = dict(parsed.state.groupdict)
    by_index: list[str | None] = [None] * parsed.state.groups
    for name, index in names.items():
        by_index[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, names, tuple(by_index)


def _known_patterns() -> dict[tuple[str, int], EngineArgs]:
    global _known
    if _known is None:
        _known = _read(cache.load(_KEY))
    return _known


def _read(data: bytes | None) -> dict[tuple[str, int], EngineArgs]:
    """The cache entry's table; empty for a missing, truncated or foreign one."""
    rows = cache.from_marshal(data, _HEADER)
    if rows is cache.MISSING:
        return {}
    try:
        return {(row[0], row[1]): tuple(row[2:]) for row in rows  # type: ignore[misc]
                if type(row) is tuple and len(row) == 7 and type(row[0]) is str
                and type(row[1]) is int}
    except Exception:  # noqa: BLE001 - anything malformed only means "not cached"
        return {}


def _save() -> None:
    """Store the table with this run's new patterns (at exit: once, whatever the run compiled)."""
    table = {**_known_patterns(), **_new} if len(_known or ()) < MAX_PATTERNS else dict(_new)
    rows = [(pattern, flags, *args) for (pattern, flags), args in table.items()]
    try:
        cache.store(_KEY, _HEADER + marshal.dumps(rows))
    except (ValueError, OSError):  # a value marshal cannot write: nothing stored
        pass
