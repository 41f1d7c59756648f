"""Writes into users' files (--fix, -o): never lose an edit, a link, an owner or a device.

Most cases run ``lawlint.cli.main`` in-process so a hook can act between reading and writing;
the signal case runs in a child process, since SIGTERM ends it.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from lawlint import cli, engine, writer
from lawlint.fixer import raw_edits
from lawlint.rules import Edit

MISSING_NUMBER = "一、主要举措\n（一）加强学习\n正文。\n（）规范执法\n正文。\n"
FIXED = MISSING_NUMBER.replace("（）", "（二）")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def lawlint(capsys: pytest.CaptureFixture[str]) -> Run:
    """``lawlint ARGS`` in-process: (exit code, stdout, stderr)."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exit_info:
            cli.main(["--no-config", "--select", "LL101", *map(str, args)])
        captured = capsys.readouterr()
        return exit_info.value.code, captured.out, captured.err

    return run


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "r.txt"
    path.write_text(MISSING_NUMBER, encoding="utf-8")
    return path


def after_read(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]) -> None:
    """Run ``action`` after lawlint read the file and before it writes the fix."""
    real = engine.fix_source

    def fix_then_act(*args, **kwargs):
        outcome = real(*args, **kwargs)
        action()
        return outcome

    monkeypatch.setattr(engine, "fix_source", fix_then_act)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- 1. a file changed or removed while lawlint ran -------------------------------------------
@pytest.mark.parametrize("lang,message", [("zh", "文件在检查期间被修改，未写入"),
                                          ("en", "changed while lawlint ran; not written")])
def test_fix_never_overwrites_an_edit_saved_meanwhile(lawlint, report, monkeypatch, lang,
                                                      message):
    edited = MISSING_NUMBER + "同事刚保存的一段。\n"
    after_read(monkeypatch, lambda: report.write_text(edited, encoding="utf-8"))
    code, _, err = lawlint("--lang", lang, "--fix", report)
    assert code == 2 and message in err and err.count("\n") == 1
    assert report.read_text(encoding="utf-8") == edited
    assert leftovers(report.parent) == []


def test_fix_notices_a_same_size_edit_with_the_old_mtime(lawlint, report, monkeypatch):
    def sneaky_edit() -> None:
        before = report.stat()
        report.write_text(MISSING_NUMBER.replace("正文", "内容"), encoding="utf-8")
        os.utime(report, ns=(before.st_atime_ns, before.st_mtime_ns))

    after_read(monkeypatch, sneaky_edit)
    assert lawlint("--fix", report)[0] == 2
    assert "内容" in report.read_text(encoding="utf-8")


def test_fix_does_not_recreate_a_file_deleted_meanwhile(lawlint, report, monkeypatch):
    after_read(monkeypatch, report.unlink)
    code, _, err = lawlint("--fix", report)
    assert code == 2 and "文件在检查期间被删除，未写入" in err
    assert list(report.parent.iterdir()) == []


# --- 2. -o naming an input ---------------------------------------------------------------------
@pytest.mark.parametrize("alias", ["same", "symlink", "hardlink", "folder"])
def test_output_onto_an_input_is_refused(lawlint, report, alias):
    output = {"same": report, "symlink": report.parent / "link.txt",
              "hardlink": report.parent / "hard.txt", "folder": report}[alias]
    if alias == "symlink":
        output.symlink_to(report.name)
    if alias == "hardlink":
        os.link(report, output)
    given = report.parent if alias == "folder" else report
    code, _, err = lawlint("-o", output, given)
    assert code == 2 and "-o 指向输入文件" in err
    assert report.read_text(encoding="utf-8") == MISSING_NUMBER


# --- 3. -o onto devices, FIFOs, symlinks, standard output --------------------------------------
def test_output_into_a_character_device_keeps_the_device(lawlint, report, tmp_path):
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("creating a device needs root")
    assert lawlint("-o", null, report)[0] == 1
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_output_into_a_fifo_is_read_by_the_reader(lawlint, report, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert lawlint("-o", fifo, report)[0] == 1
    reader.join(5)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and "LL101" in received[0].decode("utf-8")


def test_fix_of_a_pipe_is_refused_and_the_pipe_gets_nothing(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    keep_open = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # a reader, so a write would not block
    try:
        with pytest.raises(writer.WriteError, match="不是普通文件，不能原地修复"):
            writer.write_file(fifo, b"fixed", expected=writer.FileState.capture(fifo, b""))
        with pytest.raises(BlockingIOError):
            os.read(keep_open, 100)  # nothing was written into the pipe
    finally:
        os.close(keep_open)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_through_a_symlink_writes_the_target(lawlint, report, tmp_path):
    elsewhere = tmp_path / "reports"
    elsewhere.mkdir()
    real = elsewhere / "lawlint.txt"
    real.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "latest.txt"
    link.symlink_to(real)
    assert lawlint("-o", link, report)[0] == 1
    assert link.is_symlink() and "LL101" in real.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == leftovers(elsewhere) == []


def test_new_output_file_is_readable_like_any_new_file(lawlint, report, tmp_path):
    umask = os.umask(0o022)
    try:
        lawlint("-o", tmp_path / "out.txt", report)
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o644


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_output_to_standard_output(report, tmp_path, name):
    proc = subprocess.run([sys.executable, "-m", "lawlint", "--no-config", "-o", name,
                           str(report)], capture_output=True, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr.decode()
    assert "LL101" in proc.stdout.decode("utf-8") and not (tmp_path / "-").exists()


def test_output_to_dev_stderr_appends_to_the_log_behind_it(report, tmp_path):
    log = tmp_path / "ci.log"
    log.write_text("earlier steps\n", encoding="utf-8")
    with log.open("ab") as stream:
        subprocess.run([sys.executable, "-m", "lawlint", "--no-config", "-o", "/dev/stderr",
                        str(report)], stderr=stream, check=False)
    logged = log.read_text(encoding="utf-8")
    assert logged.startswith("earlier steps\n") and "LL101" in logged


def test_empty_output_name_is_an_error_and_leaves_nothing(lawlint, report, tmp_path,
                                                         monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, _, err = lawlint("-o", "", report)
    assert code == 2 and err == "lawlint: 错误：文件名为空，未写入\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt", "work"]
    assert list(work.iterdir()) == []


# --- 4. --fix through links, keeping owner, mode and xattrs ------------------------------------
def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(lawlint, report, tmp_path):
    link_folder = tmp_path / "links"
    link_folder.mkdir()
    link = link_folder / "r.txt"
    link.symlink_to(report)
    assert lawlint("--fix", link)[0] == 0
    assert link.is_symlink() and report.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == leftovers(link_folder) == []


def test_fix_of_a_hard_linked_file_reaches_every_name(lawlint, report, tmp_path):
    other = tmp_path / "copy.txt"
    os.link(report, other)
    inode = report.stat().st_ino
    assert lawlint("--fix", report)[0] == 0
    assert other.read_text(encoding="utf-8") == FIXED
    assert report.stat().st_ino == other.stat().st_ino == inode


def test_fix_keeps_owner_group_and_mode(lawlint, report):
    if not IS_ROOT:
        pytest.skip("giving a file to nobody needs root")
    os.chown(report, 65534, 65534)
    report.chmod(0o640)
    assert lawlint("--fix", report)[0] == 0
    info = report.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)
    assert report.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_extended_attributes(lawlint, report):
    try:
        os.setxattr(report, "user.lawlint", b"keep me")
    except (OSError, AttributeError) as exc:
        pytest.skip(f"no user xattrs here: {exc}")
    assert lawlint("--fix", report)[0] == 0
    assert os.getxattr(report, "user.lawlint") == b"keep me"
    assert report.read_text(encoding="utf-8") == FIXED


@pytest.mark.parametrize("action", ["--fix", "-o"])
def test_read_only_file_is_refused_even_as_root(lawlint, report, tmp_path, action):
    target = report if action == "--fix" else tmp_path / "out.txt"
    target.write_text(MISSING_NUMBER, encoding="utf-8")
    target.chmod(0o444)
    args = ("--fix", report) if action == "--fix" else ("-o", target, report)
    code, _, err = lawlint(*args)
    assert code == 2 and "文件只读，未写入" in err
    assert target.read_text(encoding="utf-8") == MISSING_NUMBER


# --- 5. line ends of the lines no fix touches ----------------------------------------------------
MIXED = "一、主要举措\r\n（一）加强学习\n正文。\r（）规范执法\r\n正文。\n末行\r".encode()


def test_fix_keeps_each_untouched_lines_own_line_end(lawlint, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(MIXED)
    assert lawlint("--fix", path)[0] == 0
    assert path.read_bytes() == MIXED.replace("（）".encode(), "（二）".encode())


def test_diff_still_works_on_mixed_line_ends(lawlint, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(MIXED)
    code, out, _ = lawlint("--diff", path)
    assert code == 1 and "+（二）规范执法" in out and path.read_bytes() == MIXED


def test_an_inserted_line_end_takes_the_line_end_of_its_line():
    raw = "甲\r\n乙\n丙\r丁"  # normalised: "甲\n乙\n丙\n丁"
    edits = [Edit(0, 1, "A"), Edit(2, 3, "B\nb"), Edit(4, 5, "C\nc"), Edit(6, 7, "D\nd")]
    moved = raw_edits(raw, edits, "\r\n")
    assert [(e.start, e.end, e.text) for e in moved] == [
        (0, 1, "A"), (3, 4, "B\nb"), (5, 6, "C\rc"), (7, 8, "D\r\nd")]


# --- 6. one --fix reaches the fixed point ----------------------------------------------------------
def test_one_fix_is_enough_for_many_unnumbered_headings(lawlint, tmp_path):
    path = tmp_path / "many.txt"
    path.write_text("一、主要举措\n" + "（）事项\n正文。\n" * 15, encoding="utf-8")
    assert lawlint("--fix", path)[0] == 0
    assert "（十五）事项" in path.read_text(encoding="utf-8")
    assert lawlint("--diff", path)[0] == 0


# --- 7. interruptions leave no temporary file ------------------------------------------------
def test_sigterm_during_the_write_leaves_no_temporary_file(report):
    script = textwrap.dedent(f"""
        import os, signal
        real_replace = os.replace
        def replace(*args):
            os.kill(os.getpid(), signal.SIGTERM)  # arrives between the temp file and the rename
            return real_replace(*args)
        os.replace = replace
        from lawlint.cli import main
        main(["--no-config", "--fix", {str(report)!r}])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == -15, proc.stderr.decode()
    assert leftovers(report.parent) == []
    assert report.read_text(encoding="utf-8") in (MISSING_NUMBER, FIXED)


def test_interrupt_in_the_middle_of_the_write_leaves_the_original(lawlint, report, monkeypatch):
    real_write = os.write

    def half_then_interrupt(handle: int, data) -> int:
        real_write(handle, bytes(data[: len(data) // 2]))
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "write", half_then_interrupt)
    assert lawlint("--fix", report)[0] == 130
    assert report.read_text(encoding="utf-8") == MISSING_NUMBER
    assert leftovers(report.parent) == []


# --- 8. a full disk or a refused write leaves the original ---------------------------------------
def no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("step", ["write", "replace", "posix_fallocate"])
def test_full_disk_leaves_the_original_untouched(lawlint, report, tmp_path, monkeypatch, step):
    if step == "posix_fallocate":  # the in-place path: a hard-linked file
        if not hasattr(os, "posix_fallocate"):
            pytest.skip("no posix_fallocate here")
        os.link(report, tmp_path / "other.txt")
    monkeypatch.setattr(writer.os, step, no_space)
    code, _, err = lawlint("--fix", report)
    assert code == 2 and "无法写入：磁盘空间已满" in err
    assert report.read_text(encoding="utf-8") == MISSING_NUMBER
    assert leftovers(tmp_path) == []
