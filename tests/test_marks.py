"""checks/marks.yaml (LL609–LL611) is validated with errors naming the pack and the key."""

from __future__ import annotations

import pytest

from lawlint.model.packs import PackError, load_pack
from lawlint.rules import marks


@pytest.mark.parametrize("key,value,expected", [
    ("pairs", ["“”", "《"], r"marks.yaml: pairs\[1\]: 应为一个开标点和一个闭标点"),
    ("pair-aliases", {"(": "["}, r"pair-aliases.\(: 应为一个字符对应 pairs 中的一个标点"),
    ("dash", "(--", r"marks.yaml: dash: 正则表达式"),
    ("mixed-punctuation", "", r"mixed-punctuation: 应为非空字符串"),
])
def test_a_bad_marks_pack_names_the_key(monkeypatch, key, value, expected) -> None:
    data = dict(load_pack("marks.yaml"), **{key: value})
    monkeypatch.setattr(marks, "load_pack", lambda name: data)
    marks.mark_vocabulary.cache_clear()
    try:
        with pytest.raises(PackError, match=expected):
            marks.mark_vocabulary()
    finally:
        marks.mark_vocabulary.cache_clear()
