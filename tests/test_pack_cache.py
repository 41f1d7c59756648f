"""The pack cache: the parse of each YAML file (packs, profiles, configs) kept in the private
cache folder (lawlint/cache.py), keyed by the file's bytes.

It must give back exactly what a parse gives, never a stale pack, and never stand in the way:
cold, stale, unwritable, corrupt and foreign entries are each tried here. Every subprocess gets
its own XDG_CACHE_HOME inside tmp_path.
"""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawlint import cache
from lawlint.model import packs
from lawlint.resources import checks_path

NOBODY = 65534
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SHIPPED = sorted(p.relative_to(checks_path()) for p in checks_path().rglob("*.yaml"))
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """In-process: a fresh, enabled cache; yields its lawlint folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(cache.DISABLE_ENV, raising=False)
    cache.use(True)
    yield tmp_path / "xdg" / "lawlint"
    cache.use(True)


def _key(path: Path) -> str:
    return cache.make_key(f"yaml{packs._YAML_CACHE_FORMAT}", path.read_bytes())


def _plant(folder: Path, source: Path, data: bytes, mode: int = 0o600) -> Path:
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    entry = folder / _key(source)
    entry.write_bytes(data)
    entry.chmod(mode)
    return entry


def _forged(value: object) -> bytes:
    """An entry as lawlint writes it."""
    return cache._VALUE_HEADER + marshal.dumps([value])


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != cache.DISABLE_ENV}
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path))
    env.update(extra)
    return env


def _lawlint(tmp_path: Path, *args: str, env: dict[str, str] | None = None,
             python: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *python, "-m", "lawlint", *args], capture_output=True,
                          text=True, env=env or _env(tmp_path), cwd=tmp_path, timeout=60)


def _imports_yaml(result: subprocess.CompletedProcess[str]) -> bool:
    """Whether a run under ``-X importtime`` imported PyYAML."""
    return any(line.rsplit("|", 1)[-1].strip() == "yaml" for line in result.stderr.splitlines())


# --- what a warm cache buys ----------------------------------------------------------------


def test_warm_cache_does_not_import_yaml(tmp_path: Path) -> None:
    report = str(EXAMPLES / "clean-report.txt")
    cold = _lawlint(tmp_path, "--no-config", report, python=("-X", "importtime"))
    warm = _lawlint(tmp_path, "--no-config", report, python=("-X", "importtime"))
    assert _imports_yaml(cold), "control: a cold run parses the packs"
    assert not _imports_yaml(warm)
    assert (cold.returncode, cold.stdout) == (warm.returncode, warm.stdout) == (0, warm.stdout)


def test_warm_cache_with_a_config_does_not_import_yaml(tmp_path: Path) -> None:
    """A config is cached like a pack (keyed by its bytes), so it costs no yaml import either."""
    (tmp_path / ".lawlint.yaml").write_text("ignore: [LL101]\nlang: en\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "defective-report.txt", tmp_path / "report.txt")
    cold = _lawlint(tmp_path, "report.txt", python=("-X", "importtime"))
    warm = _lawlint(tmp_path, "report.txt", python=("-X", "importtime"))
    assert not _imports_yaml(warm)
    assert cold.stdout == warm.stdout and "LL101" not in warm.stdout and "LL102" in warm.stdout


@pytest.mark.parametrize("name", SHIPPED, ids=str)
def test_cached_pack_is_the_parsed_pack(private_cache: Path, name: Path) -> None:
    fresh = packs.read_yaml(checks_path(name))
    assert (private_cache / _key(checks_path(name))).is_file(), "stored"
    assert packs.read_yaml(checks_path(name)) == fresh


def test_own_entry_is_used(private_cache: Path) -> None:
    """Control for the refusals below: an entry that passes the checks is what lawlint loads."""
    _plant(private_cache, checks_path("marks.yaml"), _forged({"planted": True}))
    assert packs.read_yaml(checks_path("marks.yaml")) == {"planted": True}


# --- never a wrong or stale value ----------------------------------------------------------


def test_edited_file_is_parsed_again(private_cache: Path, tmp_path: Path) -> None:
    pack = tmp_path / "marks.yaml"
    shutil.copy(checks_path("marks.yaml"), pack)
    before = packs.read_yaml(pack)
    pack.write_text(pack.read_text(encoding="utf-8") + "\nadded: 1\n", encoding="utf-8")
    after = packs.read_yaml(pack)
    assert after == {**before, "added": 1}
    assert len(list(private_cache.iterdir())) == 2


def test_edited_config_takes_effect_on_the_next_run(tmp_path: Path) -> None:
    config = tmp_path / ".lawlint.yaml"
    shutil.copy(EXAMPLES / "defective-report.txt", tmp_path / "report.txt")
    config.write_text("ignore: [LL101]\n", encoding="utf-8")
    first = _lawlint(tmp_path, "--format", "json", "report.txt")
    config.write_text("ignore: [LL102]\n", encoding="utf-8")  # same size, same second
    second = _lawlint(tmp_path, "--format", "json", "report.txt")
    assert '"LL101"' not in first.stdout and '"LL102"' in first.stdout
    assert '"LL101"' in second.stdout and '"LL102"' not in second.stdout


@pytest.mark.parametrize("text", [
    "1: one\n2: two\n", "- !!binary aGk=\n", "!!omap [a: 1, b: 2]\n", "!!set {a, b}\n",
    "a: &x [1, 2]\nb: *x\n", "a: [1, 1.0, true, '1', null, -0.0, 12345678901234567890, '']\n",
    "", "# only a comment\n", "plain text\n"])
def test_cached_value_is_the_parsed_value(private_cache: Path, tmp_path: Path,
                                          text: str) -> None:
    """Integer keys (layout.yaml's heading levels), bytes, tuples, sets, 1 and 1.0 and True,
    shared parts: what the cache gives back is what the parse gave (repr shows every type)."""
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    first = packs.read_yaml(path)
    assert (private_cache / _key(path)).is_file()
    second = packs.read_yaml(path)
    assert repr(second) == repr(first)


@pytest.mark.parametrize("text", ["day: 2024-01-01\n", "- .nan\n"])
def test_value_marshal_cannot_keep_is_parsed_each_run(private_cache: Path, tmp_path: Path,
                                                      text: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    first = packs.read_yaml(path)
    assert repr(packs.read_yaml(path)) == repr(first)
    assert not (private_cache / _key(path)).exists()


# --- entries that must not be trusted --------------------------------------------------------


@needs_root
def test_entry_of_another_user_is_refused_and_replaced(private_cache: Path) -> None:
    entry = _plant(private_cache, checks_path("marks.yaml"), _forged({"planted": True}))
    os.chown(entry, NOBODY, NOBODY)
    assert packs.read_yaml(checks_path("marks.yaml")) != {"planted": True}
    assert entry.stat().st_uid == os.geteuid(), "replaced by the user's own entry"


@needs_root
def test_folder_of_another_user_is_not_used(private_cache: Path) -> None:
    entry = _plant(private_cache, checks_path("marks.yaml"), _forged({"planted": True}))
    os.chown(private_cache, NOBODY, NOBODY)
    assert packs.read_yaml(checks_path("marks.yaml")) != {"planted": True}
    assert entry.read_bytes() == _forged({"planted": True}), "nothing written there"


@pytest.mark.parametrize("mode", [0o620, 0o602])
def test_entry_writable_by_others_is_refused(private_cache: Path, mode: int) -> None:
    _plant(private_cache, checks_path("marks.yaml"), _forged({"planted": True}), mode)
    assert packs.read_yaml(checks_path("marks.yaml")) != {"planted": True}


@pytest.mark.parametrize("damage", ["truncated", "garbage", "no-header", "other-marshal",
                                    "unboxed", "empty"])
def test_corrupt_entry_is_ignored_and_rewritten(private_cache: Path, damage: str) -> None:
    pack = checks_path("marks.yaml")
    good = _forged(packs.read_yaml(pack))  # the entry a cold run writes
    assert (private_cache / _key(pack)).read_bytes() == good
    data = {"truncated": good[: len(good) // 2], "garbage": cache._VALUE_HEADER + b"\x00\x01{[",
            "no-header": good[len(cache._VALUE_HEADER):], "other-marshal": b"lawlint-marshal-1\n"
            + good[len(cache._VALUE_HEADER):], "unboxed": cache._VALUE_HEADER
            + marshal.dumps(packs.read_yaml(pack)),
            "empty": b""}[damage]
    entry = _plant(private_cache, pack, data)
    assert _forged(packs.read_yaml(pack)) == good
    assert entry.read_bytes() == good


# --- a cache that cannot be written ----------------------------------------------------------


def _mounted(tmp_path: Path, setup: str, *args: str) -> subprocess.CompletedProcess[str]:
    """lawlint with its cache on a tmpfs of its own (a private mount namespace), prepared by
    the shell commands ``setup`` ($C is the mount point)."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare to mount a file system")
    mount = tmp_path / "xdg"
    mount.mkdir(exist_ok=True)
    probe = subprocess.run(["unshare", "-m", "mount", "-t", "tmpfs", "tmpfs", str(mount)],
                           capture_output=True)
    if probe.returncode:
        pytest.skip("cannot mount a tmpfs here")
    # after the run, what it left in the cache folder goes to tmp_path/left
    script = f'C="$1"; shift; {setup} || exit 99; "$@"; rc=$?; ls -A "$C/lawlint" > left; exit $rc'
    command = ["unshare", "-m", "sh", "-c", script, "sh", str(mount), sys.executable, "-m",
               "lawlint", *args]
    return subprocess.run(command, capture_output=True, text=True, env=_env(tmp_path),
                          cwd=tmp_path, timeout=60)


@pytest.mark.parametrize("setup", [
    # a full disk: the folder exists, nothing more fits
    'mount -t tmpfs -o size=16k tmpfs "$C" && mkdir -m 700 "$C/lawlint" '
    '&& (dd if=/dev/zero of="$C/fill" bs=4k 2>/dev/null; true)',
    # read-only
    'mount -t tmpfs tmpfs "$C" && mkdir -m 700 "$C/lawlint" && mount -o remount,ro "$C"',
], ids=["full", "read-only"])
def test_unwritable_cache_runs_normally(tmp_path: Path, setup: str) -> None:
    report = str(EXAMPLES / "defective-report.txt")
    reference = _lawlint(tmp_path, "--no-config", "--no-cache", report)
    run = _mounted(tmp_path, setup, "--no-config", report)
    assert (run.returncode, run.stdout, run.stderr) == (1, reference.stdout, "")
    assert (tmp_path / "left").read_text() == "", "no entry, no temporary file left behind"


def test_cache_location_that_is_a_file_runs_normally(tmp_path: Path) -> None:
    (tmp_path / "xdg").write_text("not a folder", encoding="utf-8")
    report = str(EXAMPLES / "defective-report.txt")
    run = _lawlint(tmp_path, "--no-config", report)
    reference = _lawlint(tmp_path, "--no-config", "--no-cache", report)
    assert (run.returncode, run.stdout, run.stderr) == (1, reference.stdout, "")


# --- --no-cache ------------------------------------------------------------------------------


def test_no_cache_option_reads_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "xdg" / "lawlint"
    entry = _plant(folder, checks_path("marks.yaml"), _forged({"quotes": "bad"}))
    report = str(EXAMPLES / "clean-report.txt")
    run = _lawlint(tmp_path, "--no-config", "--no-cache", report, python=("-X", "importtime"))
    assert run.returncode == 0 and _imports_yaml(run), "the packs were parsed, not loaded"
    assert list(folder.iterdir()) == [entry], "nothing written"
    used = _lawlint(tmp_path, "--no-config", report)
    assert used.returncode == 2 and "marks.yaml" in used.stderr, "control: the entry is read"


def test_spawned_workers_keep_no_cache(private_cache: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Where workers are spawned (macOS, Windows), each loads lawlint afresh: --no-cache must
    reach them too."""
    from lawlint import batch
    from lawlint.config import Config
    from lawlint.readers.targets import Target

    monkeypatch.setattr(batch, "_start_method", lambda: "spawn")
    tasks = []
    for i in range(batch.PARALLEL_FROM):
        shutil.copy(EXAMPLES / "clean-report.txt", tmp_path / f"r{i}.txt")
        tasks.append(batch.FileTask(Target(tmp_path / f"r{i}.txt", f"r{i}.txt"), Config()))
    cache.use(False)
    with batch.file_outcomes(tasks, 2) as outcomes:
        assert all(not outcome.messages for outcome in outcomes)
    assert not private_cache.exists(), "no worker wrote an entry"


def test_oldest_entries_beyond_the_limit_are_deleted(private_cache: Path) -> None:
    """Each edited (or hostile) config adds an entry: the cache keeps the newest of a kind."""
    keys = [cache.make_key("yaml1", str(i)) for i in range(cache.MAX_ENTRIES_PER_KIND)]
    for age, key in enumerate(keys):
        assert cache.store(key, b"x")
        os.utime(private_cache / key, ns=(age * 10**9, age * 10**9))
    parser_entry = cache.make_key("heading-parser", "grammar")
    assert cache.store(parser_entry, b"tables")  # another kind: counted apart
    newest = cache.make_key("yaml1", "newest")
    assert cache.store(newest, b"x")
    left = {path.name for path in private_cache.iterdir()}
    assert left == {*keys[1:], parser_entry, newest}
