"""Old formats (.doc/.wps, .odt, .rtf) converted to .docx by LibreOffice, then read as Word.

LibreOffice runs headless on a copy of the bytes in a private temporary folder (its own profile,
home and temp there, so nothing of the user's LibreOffice is used or changed), with macros and
link updates off, in a network namespace of its own when ``unshare`` allows, and is killed with
everything it started after :data:`TIMEOUT` seconds. The folder is always removed. Without
``soffice`` on PATH the file is refused with one line saying how to get it linted.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError, Text, t
from . import UnsupportedFormat
from .text import read_bytes

TIMEOUT = 120  # seconds for one conversion: a 10-page report takes 1-2 s

# kind (from readers.sniff) -> the suffix LibreOffice's import filter expects, and a name
_FORMATS: dict[str, tuple[str, Text]] = {
    "ole": (".doc", t("旧版 Word/WPS 格式（.doc/.wps）", "an old Word/WPS format (.doc/.wps)")),
    "odt": (".odt", t("OpenDocument 文本（.odt）", "an OpenDocument text (.odt)")),
    "rtf": (".rtf", t("RTF 格式", "an RTF document")),
}

# Settings for the private profile: no macros, never update links to other files or the web.
_SETTINGS = (
    ("Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("Office.Writer/Content/Update", "Link", "2"),  # 2: never
)
_PROFILE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry"'
    ' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    + "".join(f'<item oor:path="/org.openoffice.{path}"><prop oor:name="{name}" oor:op="fuse">'
              f"<value>{value}</value></prop></item>\n" for path, name, value in _SETTINGS)
    + "</oor:items>\n"
)


def soffice() -> str | None:
    """LibreOffice's command on PATH, or None."""
    return shutil.which("soffice")


def convert_to_docx(data: bytes, display: str, kind: str) -> bytes:
    """The .docx LibreOffice makes of ``data`` (a ``kind`` from readers.sniff)."""
    suffix, name = _FORMATS[kind]
    program = soffice()
    if program is None:
        raise UnsupportedFormat(display, t(
            f"这是{name.zh}，请另存为 .docx 后再检查，或安装 LibreOffice",
            f"{name.en}; save it as .docx, or install LibreOffice to lint it as it is"))
    with tempfile.TemporaryDirectory(prefix="lawlint-convert-", ignore_cleanup_errors=True) as work:
        folder = Path(work)  # created 0700: other users cannot read the copy
        source = folder / f"document{suffix}"
        source.write_bytes(data)
        _run(program, folder, source, display)
        converted = folder / "out" / "document.docx"
        if not converted.is_file():
            raise InputError(display, t(
                f"LibreOffice 无法转换这个{name.zh}文件（可能已损坏或有密码保护），请另存为 .docx 后再检查",
                f"LibreOffice could not convert it ({name.en}; damaged or password-protected?); "
                "save it as .docx"))
        return read_bytes(converted, display)


def _run(program: str, folder: Path, source: Path, display: str) -> None:
    """LibreOffice converting ``source`` into folder/out; killed with its children on timeout."""
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, "utf-8")
    command = [*_offline_prefix(), program, "--headless", "--invisible", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"), str(source)]
    env = {**os.environ, "HOME": str(folder), "TMPDIR": str(folder)}
    try:
        process = subprocess.Popen(command, cwd=folder, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
    except OSError as exc:
        raise InputError(display, t(f"无法启动 LibreOffice：{exc}",
                                    f"cannot start LibreOffice: {exc}")) from None
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise InputError(display, t(f"LibreOffice 转换超过 {TIMEOUT} 秒，已停止；请另存为 .docx 后再检查",
                                    f"LibreOffice took over {TIMEOUT} s to convert it; stopped "
                                    "(save it as .docx)")) from None
    finally:
        _kill_group(process)


def _kill_group(process: subprocess.Popen) -> None:
    """Whatever LibreOffice started is gone before its folder is removed."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


@functools.cache
def _offline_prefix() -> tuple[str, ...]:
    """``unshare --net`` (as root) or with a user namespace, when this system allows either:
    LibreOffice then has no network at all. Otherwise the profile settings must do."""
    tool = shutil.which("unshare")
    for prefix in ((tool, "--net"), (tool, "--net", "--map-root-user")) if tool else ():
        try:
            works = subprocess.run([*prefix, "true"], stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=10).returncode == 0
        except (OSError, subprocess.SubprocessError):
            works = False
        if works:
            return prefix
    return ()
