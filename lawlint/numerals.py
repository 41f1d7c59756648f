"""Chinese numerals, shared by the heading grammar, the date reader and the figures stage."""

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
    """1 … 99 as a Chinese numeral in its usual form (十一, 二十三)."""
    digits = " 一二三四五六七八九"
    tens, units = divmod(value, 10)
    if tens == 0:
        return digits[units]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


def chinese_to_int(numeral: str) -> int | None:
    """一 … 九十九 written in the usual form, as a heading number is; None otherwise (十十, 一十)."""
    value = chinese_number(numeral)
    if value is None or not 0 < value < 100 or int_to_chinese(value) != numeral:
        return None
    return value


def digit_string(text: str) -> int | None:
    """Numerals read digit by digit, as years are written: 二〇二四 → 2024."""
    if not text or any(c not in DIGITS or c == "两" for c in text):
        return None
    return int("".join(str(DIGITS[c]) for c in text))
