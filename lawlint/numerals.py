"""Chinese numerals, shared by the heading grammar, the date reader, the figures stage and the
Word reader's list labels: no stage of its own, so any stage may import it."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ZEROS = "零〇○"


def chinese_number(text: str) -> int | None:
    """两 → 2, 十二 → 12, 三万 → 30000, 一千零五 → 1005; None for 十四五, 一二 and the like."""
    total = section = 0
    digit: int | None = None
    previous = ""
    for char in text:
        if char in _ZEROS:
            if previous not in SMALL_UNITS and previous not in LARGE_UNITS:
                return None
        elif char in DIGITS:
            if digit is not None:
                return None
            digit = DIGITS[char]
        elif char in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[char]
            digit = None
        elif char in LARGE_UNITS:
            section += digit or 0
            if section == 0:
                return None
            total += section * LARGE_UNITS[char]
            section, digit = 0, None
        else:
            return None
        previous = char
    return total + section + (digit or 0) if text else None


def int_to_chinese(value: int) -> str:
    """Any integer as a Chinese numeral in its usual form: 十一, 二十三, 一百, 一百零一,
    一百一十, 一千零五, 十万零一十, 零, 负三. Its inverse is :func:`chinese_to_int`."""
    if value < 0:
        return "负" + int_to_chinese(-value)
    if value == 0:
        return "零"
    return _grouped(value, leading=True)


_GROUPS = ((100_000_000, "亿"), (10_000, "万"))
_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_DIGIT_CHARS = "零一二三四五六七八九"


def _grouped(value: int, leading: bool) -> str:
    """``value`` > 0 split at 亿 and 万; a group under a thousand after a higher one takes 零."""
    for size, unit in _GROUPS:
        if value >= size:
            high, low = divmod(value, size)
            text = _grouped(high, leading) + unit
            if low:
                text += ("零" if low < size // 10 else "") + _grouped(low, leading=False)
            return text
    return _below_ten_thousand(value, leading)


def _below_ten_thousand(value: int, leading: bool) -> str:
    """1 … 9999; ``leading``: the number starts here, so 10–19 are written 十, 十一 (not 一十)."""
    parts: list[str] = []
    gap = False
    for size, unit in _PLACES:
        digit = value // size % 10
        if digit == 0:
            gap = bool(parts)
            continue
        if gap:
            parts.append("零")  # one 零 for any run of missing places: 一千零五
            gap = False
        omit_one = leading and not parts and size == 10 and digit == 1
        parts.append(("" if omit_one else _DIGIT_CHARS[digit]) + unit)
    return "".join(parts)


def chinese_to_int(numeral: str) -> int | None:
    """A positive number written in the usual form (一, 十一, 九十九, 一百零一, 一百一十), as a
    heading number is; None otherwise (十十, 一十, 两百, 一百〇一)."""
    value = chinese_number(numeral)
    if value is None or value <= 0 or int_to_chinese(value) != numeral:
        return None
    return value


def digit_string(text: str) -> int | None:
    """Numerals read digit by digit, as years are written: 二〇二四 → 2024."""
    if not text or any(c not in DIGITS or c == "两" for c in text):
        return None
    return int("".join(str(DIGITS[c]) for c in text))
