"""Errors that end a run with a one-line message and exit code 2, in the message language.

A message is built from parts: plain strings (paths, values, which read the same in every
language) and :class:`Text` pairs made with :func:`t`. The CLI sets the language once it knows
it (``--lang``, then the config); ``str(error)`` renders in that language.
"""

from __future__ import annotations

from .slotted import same_fields

LANGS = ("zh", "en")
_current = {"lang": "zh"}
_PREFIX = {"zh": "lawlint: 错误：", "en": "lawlint: error: "}
_NOTE_PREFIX = {"zh": "lawlint: 注意：", "en": "lawlint: note: "}


class Text:
    """One message in both languages."""

    __slots__ = ("zh", "en")
    zh: str
    en: str

    def __init__(self, zh: str, en: str) -> None:
        self.zh = zh
        self.en = en

    def __eq__(self, other: object) -> bool:
        return same_fields(self, other)

    def render(self, lang: str | None = None) -> str:
        return self.en if (lang or _current["lang"]) == "en" else self.zh


def t(zh: str, en: str) -> Text:
    return Text(zh, en)


def set_lang(lang: str) -> None:
    """The language of error lines from now on (zh or en)."""
    if lang in LANGS:
        _current["lang"] = lang


def current_lang() -> str:
    return _current["lang"]


def render(parts: tuple[str | Text, ...], lang: str | None = None) -> str:
    return "".join(p.render(lang) if isinstance(p, Text) else str(p) for p in parts)


def error_line(message: object) -> str:
    """``lawlint: 错误：…`` (``lawlint: error: …`` in English), one line."""
    lang = current_lang()
    text = message.render(lang) if isinstance(message, Text) else str(message)
    return _PREFIX[lang] + " ".join(text.split("\n"))


def note_line(message: Text) -> str:
    """``lawlint: 注意：…`` (``lawlint: note: …``): something skipped that is not an error."""
    return _NOTE_PREFIX[current_lang()] + message.render()


class LawlintError(Exception):
    """A user-facing error: bad input, bad config, bad rule pack. Printed as one line."""

    def __init__(self, *parts: str | Text) -> None:
        super().__init__(render(parts, "en"))
        self.parts = parts

    def __str__(self) -> str:
        return render(self.parts)

    def __reduce__(self) -> tuple:
        """Rebuilt whole (both languages, every attribute) in another process: a worker of
        ``--jobs`` raises it, the CLI process prints it."""
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(cls: type[LawlintError], args: tuple, state: dict) -> LawlintError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class InputError(LawlintError):
    """A file that cannot be read or decoded; the other files are still linted."""

    def __init__(self, path: str, reason: str | Text) -> None:
        super().__init__(path, ": ", reason)
        self.path = path
        self._reason = reason

    @property
    def reason(self) -> str:
        return render((self._reason,))


# The operating system's reasons users meet most, in Chinese; others keep the system's words.
_OS_REASONS_ZH = {
    "ENOENT": "找不到文件或目录", "EACCES": "没有权限", "EPERM": "不允许的操作",
    "EISDIR": "是一个目录", "ENOTDIR": "不是目录", "ENOSPC": "磁盘空间已满",
    "EROFS": "只读文件系统", "ENAMETOOLONG": "文件名过长", "ELOOP": "符号链接层数过多",
    "EIO": "输入输出错误", "EBADF": "已关闭", "EXDEV": "不能跨文件系统", "EBUSY": "设备或资源忙",
    "EDQUOT": "超出磁盘配额", "EFBIG": "文件过大", "ETXTBSY": "文件正被使用",
}


def os_reason(exc: OSError) -> Text:
    """Why an operation failed, from an OSError, in both languages."""
    import errno

    english = exc.strerror or str(exc)
    name = errno.errorcode.get(exc.errno or 0, "")
    return Text(_OS_REASONS_ZH.get(name, english), english)
