"""Where the grammar and the rule packs live: inside the wheel, or at the top of a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """`grammar` or `checks`: shipped as lawlint/<name> in the wheel, top-level in the repo."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lawlint data folder {name!r} not found; reinstall lawlint")


def grammar_path(name: str) -> Path:
    return data_dir("grammar") / name


def checks_path(*parts: str) -> Path:
    return data_dir("checks").joinpath(*parts)
