"""The parser cache cannot be used to run code or to change what lawlint reports.

lawlint runs as root over folders other people control. Lark's own ``cache=True`` unpickled a
file of a predictable name in the shared temp folder; lawlint's cache (lawlint/cache.py) lives in
a private folder, trusts only files the current user owns and nobody else can write, and stores
parse tables as literals, not pickles. Every subprocess here gets its own XDG_CACHE_HOME, TMPDIR
and HOME inside tmp_path.
"""

from __future__ import annotations

import getpass
import os
import pickle
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import lark
import pytest
from lark import Lark
from lark.grammar import Rule
from lark.lexer import TerminalDef
from lark.load_grammar import sha256_digest

from lawlint import cache
from lawlint.model import grammar
from lawlint.resources import grammar_path

NOBODY = 65534
REPORT = "青石镇2024年法治政府建设情况报告\n\n一、主要举措\n（一）加强学习\n（二）规范执法\n（四）强化宣传\n"
HEADINGS = ["一、主要举措", "（一）加强学习", "(二) 规范执法", "1. 文字", "１．全角", "（3）数字",
            "①圆圈", "（ ）缺号", "十一、更多", "九十九．最后"]
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")


class _Hostile:
    """Unpickling this creates ``marker``: proof that a planted pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def _grammar_text() -> str:
    return grammar_path("heading.lark").read_text(encoding="utf-8")


def _poisoned_tables() -> bytes:
    """Well-formed cache contents for a parser that reads 一、 as level 2 and （一） as level 1."""
    text = (_grammar_text().replace("-> level1", "-> SWAP").replace("-> level2", "-> level1")
            .replace("-> SWAP", "-> level2"))
    return grammar.parser_to_bytes(Lark(text, parser="lalr", lexer="contextual"))


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != cache.DISABLE_ENV}
    for name in ("xdg", "tmp", "home"):
        (tmp_path / name).mkdir(exist_ok=True)
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg"), TMPDIR=str(tmp_path / "tmp"),
               HOME=str(tmp_path / "home"))
    env.update(extra)
    return env


def _lawlint(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "lawlint", "--no-config", str(report)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """In-process: a fresh XDG_CACHE_HOME and no parser built yet; yields the lawlint folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(cache.DISABLE_ENV, raising=False)
    grammar.reset_parser()
    yield tmp_path / "xdg" / "lawlint"
    grammar.reset_parser()


def _entry(folder: Path) -> Path:
    return folder / grammar.parser_cache_key(_grammar_text())


def _forget_markers(folder: Path) -> None:
    """Delete the heading markers earlier runs remembered, so that the next run parses."""
    for remembered in folder.glob("heading-markers-*"):
        remembered.unlink()


def _plant(folder: Path, data: bytes, mode: int = 0o600) -> Path:
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    entry = _entry(folder)
    entry.write_bytes(data)
    entry.chmod(mode)
    return entry


def _levels(tables: bytes) -> list[str] | None:
    """What the tables saved in a cache entry make of the sample headings (None: unloadable).
    Two builds of one grammar may number their rules differently, so compare behaviour."""
    parser = grammar.parser_from_bytes(tables)
    return None if parser is None else [parser.parse(line).children[0].data for line in HEADINGS]


GOOD_LEVELS = ["level1", "level2", "level2", "level3", "level3", "level4", "level5",
               "unnumbered", "level1", "level1"]


def _first_level() -> int | None:
    """The level the current heading parser gives 一、 (1 unless a poisoned table was used)."""
    grammar.reset_parser()
    return grammar.parse_heading("一、主要举措").marker.level


# --- (a) lark's old, shared location ------------------------------------------------------


def _old_lark_names(temp: Path) -> list[Path]:
    """Every name lark's cache=True would read for lawlint's grammar, old call and variants."""
    text = _grammar_text()
    version = str(sys.version_info[:2])
    names = []
    for options in ({"parser": "lalr", "lexer": "contextual", "cache": True},
                    {"parser": "lalr", "lexer": "contextual", "cache": True, "cache_grammar": True}):
        digest = sha256_digest(text + "".join(k + str(v) for k, v in options.items())
                               + lark.__version__ + version)
        for user in {getpass.getuser(), "root", "unknown"}:
            for kind in ("cache", "cache_grammar"):
                names.append(temp / f".lark_{kind}_{user}_{digest}_{sys.version_info[0]}_"
                                    f"{sys.version_info[1]}.tmp")
    return names


def _plant_old(temp: Path, marker: Path) -> None:
    payload = b"planted\n" + pickle.dumps(_Hostile(marker))
    for name in _old_lark_names(temp):
        name.write_bytes(payload)


def test_pickle_planted_in_shared_temp_never_runs(tmp_path: Path) -> None:
    env = _env(tmp_path)
    marker = tmp_path / "pwned"
    # control: the planted names are the ones lark's cache=True really loads
    _plant_old(tmp_path / "tmp", marker)
    control = ("from lark import Lark; from lawlint.resources import grammar_path;"
               "Lark(grammar_path('heading.lark').read_text(encoding='utf-8'),"
               " parser='lalr', lexer='contextual', cache=True)")
    subprocess.run([sys.executable, "-c", control], env=env, capture_output=True, timeout=60)
    assert marker.exists(), "the planted pickle is not where lark looks; fix the test"
    marker.rmdir()

    _plant_old(tmp_path / "tmp", marker)
    result = _lawlint(tmp_path, env)
    assert not marker.exists(), "lawlint unpickled a file from the shared temp folder"
    assert result.returncode == 1, result.stderr
    assert "LL101" in result.stdout and "Traceback" not in result.stderr


# --- (b) the new location, planted by another user ----------------------------------------


@needs_root
def test_entry_owned_by_another_user_is_not_loaded(tmp_path: Path) -> None:
    env = _env(tmp_path)
    reference = _lawlint(tmp_path, dict(env, **{cache.DISABLE_ENV: "1"})).stdout
    folder = tmp_path / "xdg" / "lawlint"
    marker = tmp_path / "pwned"

    entry = _plant(folder, _poisoned_tables())
    assert _lawlint(tmp_path, env).stdout != reference, "control: our own entry is used"

    for planted in (pickle.dumps(_Hostile(marker)), _poisoned_tables()):
        entry = _plant(folder, planted)
        os.chown(entry, NOBODY, NOBODY)
        _forget_markers(folder)  # what the run before read with its parser: this one reads anew
        result = _lawlint(tmp_path, env)
        assert not marker.exists()
        assert result.returncode == 1 and result.stdout == reference, result.stderr
        assert entry.stat().st_uid == os.geteuid(), "the foreign entry is replaced by ours"


@needs_root
def test_folder_owned_by_another_user_is_not_used(private_cache: Path) -> None:
    _plant(private_cache, _poisoned_tables())
    os.chown(private_cache, NOBODY, NOBODY)
    assert _first_level() == 1
    assert _levels(_entry(private_cache).read_bytes())[0] == "level2", "nothing written there"


# --- (c)–(f) in process --------------------------------------------------------------------


def test_own_entry_is_used(private_cache: Path) -> None:
    """Control for the tests below: a trusted entry under the right key is what gets loaded."""
    _plant(private_cache, _poisoned_tables())
    assert _first_level() == 2


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_entry_writable_by_others_is_not_loaded(private_cache: Path, mode: int) -> None:
    _plant(private_cache, _poisoned_tables(), mode)
    assert _first_level() == 1


def test_folder_writable_by_others_is_not_used(private_cache: Path) -> None:
    _plant(private_cache, _poisoned_tables())
    private_cache.chmod(0o777)
    assert _first_level() == 1


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "pickle", "literals"])
def test_corrupt_entry_is_ignored_and_replaced(private_cache: Path, damage: str) -> None:
    parser = Lark(_grammar_text(), parser="lalr", lexer="contextual")
    good = grammar.parser_to_bytes(parser)
    assert _levels(good) == GOOD_LEVELS
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    older = repr({"data": data, "memo": memo}).encode()  # what lawlint kept before marshal
    data = {"truncate": good[: len(good) // 2], "garbage": b"\xff\x00{not python",
            "empty": b"", "pickle": pickle.dumps({"data": 1}), "literals": older}[damage]
    entry = _plant(private_cache, data)
    assert _first_level() == 1
    assert _levels(entry.read_bytes()) == GOOD_LEVELS
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_symlinked_folder_is_not_used(private_cache: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    _plant(elsewhere, _poisoned_tables())
    private_cache.parent.mkdir()
    private_cache.symlink_to(elsewhere)
    assert _first_level() == 1
    assert sorted(p.name for p in elsewhere.iterdir()) == [_entry(elsewhere).name]


def test_symlinked_entry_is_not_loaded(private_cache: Path, tmp_path: Path) -> None:
    target = _plant(tmp_path / "elsewhere", _poisoned_tables())
    private_cache.mkdir(parents=True, mode=0o700)
    _entry(private_cache).symlink_to(target)
    assert _first_level() == 1
    assert _levels(target.read_bytes())[0] == "level2", "the link was replaced, not its target"
    assert _levels(_entry(private_cache).read_bytes()) == GOOD_LEVELS


def test_fifo_entry_does_not_hang(private_cache: Path) -> None:
    private_cache.mkdir(parents=True, mode=0o700)
    os.mkfifo(_entry(private_cache), 0o600)
    assert _first_level() == 1


def test_unwritable_cache_location_still_lints(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = _env(tmp_path, XDG_CACHE_HOME=str(blocker / "cache"))
    reference = _lawlint(tmp_path, dict(env, **{cache.DISABLE_ENV: "1"}))
    result = _lawlint(tmp_path, env)
    assert result.returncode == 1 and result.stdout == reference.stdout and not result.stderr
    no_home = _env(tmp_path, HOME=str(blocker / "home"))
    del no_home["XDG_CACHE_HOME"]
    assert _lawlint(tmp_path, no_home).stdout == reference.stdout


def test_no_cache_env_reads_and_writes_nothing(private_cache: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _plant(private_cache, _poisoned_tables())
    monkeypatch.setenv(cache.DISABLE_ENV, "1")
    assert _first_level() == 1
    entry.unlink()
    _first_level()
    assert not entry.exists()


# --- the cache itself -----------------------------------------------------------------------


def test_cached_parser_parses_like_a_fresh_one(private_cache: Path) -> None:
    fresh = Lark(_grammar_text(), parser="lalr", lexer="contextual")
    grammar.heading_parser()  # builds and stores
    assert _entry(private_cache).exists()
    grammar.reset_parser()
    loaded = grammar.heading_parser()
    assert loaded.source_path == "<deserialized>", "the second parser came from the cache"
    for line in HEADINGS:
        assert loaded.parse(line) == fresh.parse(line), line


def test_store_and_load_are_private(private_cache: Path) -> None:
    assert cache.load("example-1") is None
    assert cache.store("example-1", b"data")
    assert cache.load("example-1") == b"data"
    assert stat.S_IMODE(private_cache.stat().st_mode) == 0o700
    assert stat.S_IMODE((private_cache / "example-1").stat().st_mode) == 0o600
    assert [p.name for p in private_cache.iterdir()] == ["example-1"], "no temp file left"


@pytest.mark.parametrize("key", ["../escape", "/abs", ".hidden", "", "a/b", "a\x00b"])
def test_bad_keys_are_refused(private_cache: Path, key: str) -> None:
    assert not cache.store(key, b"x")
    assert cache.load(key) is None


def test_keys_depend_on_version_and_contents(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.make_key("pack", "a", b"b")
    assert key.startswith("pack-") and key != cache.make_key("pack", "ab")
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert key != cache.make_key("pack", "a", b"b")
