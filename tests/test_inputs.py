"""How inputs are found and read: pipes, devices, size limits, codecs, BOMs, unreadable folders.

Every run is a real `python -m lawlint` with a timeout and a memory cap, so a read that blocks or
never ends fails its test instead of hanging the suite or filling the machine's memory.
"""

from __future__ import annotations

import codecs
import os
import resource
import shutil
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lawlint.errors import InputError
from lawlint.readers.text import DEFAULT_MAX_SIZE, decode, parse_size, read_limited, set_max_size

MISSING_NUMBER = "一、主要举措\n（一）加强学习\n正文。\n（）规范执法\n正文。\n"  # one fixable LL101
MEMORY_CAP = 2 << 30
# Without these two capabilities root obeys file modes like anyone else (the owner's bits).
DROP_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search"]


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(*args: str, stdin: bytes | int | None = None, cwd: Path | None = None,
        prefix: tuple[str, ...] = (), pass_fds: tuple[int, ...] = ()):
    command = [*prefix, sys.executable, "-m", "lawlint", "--lang", "en", *args]
    kwargs = {"stdin": stdin} if isinstance(stdin, int) else {"input": stdin}
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(command, capture_output=True, cwd=cwd, env=env, timeout=20,
                          preexec_fn=_cap_memory, pass_fds=pass_fds, **kwargs)


def err(proc) -> str:
    return proc.stderr.decode("utf-8")


def out(proc) -> str:
    return proc.stdout.decode("utf-8")


def assert_one_error(proc, *words: str) -> None:
    """Exit 2 and exactly one error line, containing every word; never a traceback."""
    lines = [line for line in err(proc).splitlines() if line.startswith("lawlint: error:")]
    assert proc.returncode == 2, err(proc)
    assert len(lines) == 1 and all(w in lines[0] for w in words), err(proc)
    assert "internal error" not in err(proc) and "Traceback" not in err(proc)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(MISSING_NUMBER, encoding="utf-8")
    return path


# --- 1. FIFOs, sockets, devices ------------------------------------------------------------
def test_fifo_named_on_the_command_line_without_a_writer_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = run("--select", "LL101", str(fifo))
    assert proc.returncode == 0, err(proc)  # nobody wrote: an empty report


def test_a_pipe_named_on_the_command_line_is_read_like_standard_input():
    read_end, write_end = os.pipe()  # what <(cat report.txt) hands over as /dev/fd/N
    os.write(write_end, MISSING_NUMBER.encode("utf-8"))
    os.close(write_end)
    try:
        proc = run("--select", "LL101", f"/dev/fd/{read_end}", pass_fds=(read_end,))
    finally:
        os.close(read_end)
    assert proc.returncode == 1 and ":4:1: LL101" in out(proc), err(proc)


def test_walking_a_folder_lints_regular_files_only(tmp_path, report):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(report, folder / "a.txt")
    os.mkfifo(folder / "fifo.txt")
    (folder / "link-to-fifo.txt").symlink_to(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "socket.txt"))
        proc = run("--select", "LL101", str(folder))
    assert proc.returncode == 1, err(proc)  # a note is not an error
    assert "a.txt:4:1: LL101" in out(proc)
    notes = err(proc).splitlines()
    assert len(notes) == 4 and all(line.startswith("lawlint: note: skipped ") for line in notes)
    for name in ("fifo.txt", "link-to-fifo.txt", "zero.txt", "socket.txt"):
        assert f"lawlint: note: skipped {folder / name}: not a regular file" in notes


def test_walking_notes_in_chinese_by_default(tmp_path):
    os.mkfifo(tmp_path / "x.txt")
    proc = subprocess.run([sys.executable, "-m", "lawlint", str(tmp_path)], capture_output=True,
                          timeout=20)
    notes = err(proc).splitlines()
    assert notes[0] == f"lawlint: 注意：跳过 {tmp_path / 'x.txt'}：不是普通文件"
    assert proc.returncode == 2 and notes[1].startswith("lawlint: 错误：没有检查任何报告")


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/urandom", "link"])
def test_a_device_named_on_the_command_line_is_refused_unread(tmp_path, report, device):
    if device == "link":
        device = str(tmp_path / "full.txt")
        os.symlink("/dev/full", device)
    proc = run("--select", "LL101", device, str(report))
    assert_one_error(proc, device, "not a regular file")
    assert "report.txt:4:1: LL101" in out(proc)  # the other file is still linted


def test_a_fifo_as_profile_file_or_config_is_refused(tmp_path, report):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    config = tmp_path / "config.yaml"
    config.write_text("profiles: [pipe.yaml]\nprofile: pipe\n", encoding="utf-8")
    assert_one_error(run("--config", str(config), str(report)), "pipe.yaml", "not a regular file")
    assert_one_error(run("--config", str(fifo), str(report)), "pipe.yaml", "not a regular file")
    proc = run("profiles", "--config", str(fifo))  # `lawlint profiles` reads it too
    assert proc.returncode == 2 and "not a regular file" in err(proc)


# --- 2. the size limit ---------------------------------------------------------------------
def test_a_file_over_max_size_is_one_error_and_the_others_are_linted(tmp_path, report):
    big = tmp_path / "big.txt"
    big.write_text(MISSING_NUMBER * 100, encoding="utf-8")
    proc = run("--max-size", "1KB", "--select", "LL101", "--format", "junit", str(big),
               str(report))
    assert_one_error(proc, str(big), "larger than the size limit 1KB")
    suites = {s.get("name"): s for s in ET.fromstring(proc.stdout).iter("testsuite")}
    assert suites[f"lawlint {big}"].find("testcase/error") is not None
    assert suites[f"lawlint {report}"].find("testcase/failure") is not None


def test_an_endless_standard_input_stops_at_the_default_limit():
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        proc = run("-", stdin=yes.stdout.fileno())
    finally:
        yes.kill()
        yes.wait()
        yes.stdout.close()
    assert_one_error(proc, "<stdin>", "larger than the size limit 50MB")


def test_a_config_over_max_size_is_refused(tmp_path, report):
    config = tmp_path / "config.yaml"
    config.write_text("# padding\n" * 200 + "fail-on: never\n", encoding="utf-8")
    proc = run("--max-size", "1KB", "--config", str(config), str(report))
    assert_one_error(proc, "config.yaml", "larger than the size limit 1KB")


def test_reading_stops_one_byte_past_the_limit():
    handed_out = []

    def endless(size: int) -> bytes:
        handed_out.append(size)
        return b"y" * size

    set_max_size(1000)
    try:
        with pytest.raises(InputError):
            read_limited(endless, "<stdin>")
        pieces = iter([b"x" * 600, b"x" * 400, b""])
        assert len(read_limited(lambda size: next(pieces), "-")) == 1000  # exactly the limit
    finally:
        set_max_size(DEFAULT_MAX_SIZE)
    assert sum(handed_out) == 1001


@pytest.mark.parametrize("text,size", [("50MB", 50 << 20), ("500KB", 500 << 10), ("1GB", 1 << 30),
                                       ("1000", 1000), ("2 mb", 2 << 20), ("7B", 7)])
def test_sizes(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "0", "-5MB", "1.5MB", "10XB", "MB"])
def test_bad_sizes(text):
    with pytest.raises(ValueError):
        parse_size(text)


def test_bad_max_size_is_a_usage_error(report):
    assert_one_error(run("--max-size", "lots", str(report)), "--max-size", "not a size")


# --- 3. codecs that are not text encodings ---------------------------------------------------
@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "hex", "bz2", "uu", "quopri",
                                   "undefined"])
def test_non_text_encodings_are_refused(tmp_path, report, codec):
    assert_one_error(run("--encoding", codec, str(report)), "--encoding", "not a text encoding")
    config = tmp_path / ".lawlint.yaml"
    config.write_text(f"encoding: {codec}\n", encoding="utf-8")
    assert_one_error(run(str(report)), str(config), "encoding", "not a text encoding")


# --- 4. UTF-32 byte-order marks ------------------------------------------------------------
@pytest.mark.parametrize("codec,bom", [("utf-32-le", codecs.BOM_UTF32_LE),
                                       ("utf-32-be", codecs.BOM_UTF32_BE),
                                       ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf32_with_bom_is_read_and_fixed_in_its_own_encoding(report, codec, bom):
    data = bom + MISSING_NUMBER.replace("\n", "\r\n").encode(codec)
    assert decode(data, "r").text == MISSING_NUMBER
    report.write_bytes(data)
    assert ":4:1: LL101" in out(run("--select", "LL101", str(report)))
    assert run("--fix", "--select", "LL101", str(report)).returncode == 0
    written = report.read_bytes()
    assert written.startswith(bom)
    assert written[len(bom):].decode(codec) == MISSING_NUMBER.replace("（）", "（二）").replace(
        "\n", "\r\n")


# --- 5. folders and files that cannot be read ----------------------------------------------
def _unprivileged() -> tuple[str, ...]:
    """A command prefix under which file modes bind (root ignores them)."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None or subprocess.run([*DROP_DAC, "true"]).returncode != 0:
        pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE with setpriv")
    return tuple(DROP_DAC)


def test_an_unreadable_subfolder_is_an_error_and_the_rest_is_linted(tmp_path, report):
    prefix = _unprivileged()
    folder = tmp_path / "reports"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    shutil.copy(report, folder / "a.txt")
    shutil.copy(report, locked / "b.txt")
    shutil.copy(report, folder / "c.txt")
    locked.chmod(0)
    (folder / "c.txt").chmod(0)
    try:
        proc = run("--select", "LL101", "--format", "junit", "reports", cwd=tmp_path,
                   prefix=prefix)
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 2
    assert err(proc).splitlines() == [
        "lawlint: error: reports/c.txt: Permission denied",
        "lawlint: error: reports/locked: cannot read folder: Permission denied"]
    names = [s.get("name") for s in ET.fromstring(proc.stdout).iter("testsuite")]
    assert names == ["lawlint reports/a.txt", "lawlint reports/c.txt", "lawlint reports/locked"]


def test_an_unsearchable_working_folder_is_a_clear_config_error(tmp_path):
    prefix = _unprivileged()
    folder = tmp_path / "unsearchable"
    folder.mkdir()
    folder.chmod(0o600)  # listable by its owner, but nothing inside can be looked at
    try:
        proc = run("-", stdin=MISSING_NUMBER.encode("utf-8"), cwd=folder, prefix=prefix)
    finally:
        folder.chmod(0o755)
    assert_one_error(proc, ".lawlint.yaml", "cannot check for a config", "Permission denied")


# --- 6. closed standard input --------------------------------------------------------------
def test_closed_standard_input_is_one_clear_error():
    proc = run("-", prefix=("bash", "-c", 'exec "$@" <&-', "bash"))
    assert_one_error(proc, "<stdin>", "standard input is closed")


# --- 7. documents that are not text --------------------------------------------------------
@pytest.mark.parametrize("start,words", [(b"%PDF-1.7\n", ("PDF is not supported yet",)),
                                         (b"PK\x03\x04\x14\x00", ("damaged", "Word (.docx)"))])
def test_pdf_and_word_files_are_named_not_linted(report, tmp_path, start, words):
    document = tmp_path / "report.docx"
    document.write_bytes(start + MISSING_NUMBER.encode("utf-8"))
    proc = run("--select", "LL101", str(document), str(report))
    assert_one_error(proc, str(document), *words)
    assert "report.txt:4:1: LL101" in out(proc)
