"""Mark rules: punctuation that is one too many, half of a pair, or an ASCII stand-in
(LL609–LL611). Patterns live in checks/marks.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import t
from ..model.packs import Shape, load_pack
from ..regexes import compiled
from . import Finding, Rule, register
from .hygiene import Spans, book_spans

if TYPE_CHECKING:
    from ..model.document import Document


class MarkVocabulary:
    __slots__ = ("mixed", "pairs", "aliases", "list_marker", "nested_title", "dash")
    mixed: re.Pattern[str]  # a run of two or more marks that must not stand together
    pairs: dict[str, str]  # opening mark -> closing mark
    aliases: dict[str, str]  # half-width form -> the full-width mark it pairs as
    list_marker: re.Pattern[str]  # the text before a closing mark that makes it a list marker
    nested_title: re.Pattern[str]
    dash: re.Pattern[str]

    def __init__(self, mixed: re.Pattern[str], pairs: dict[str, str], aliases: dict[str, str],
                 list_marker: re.Pattern[str], nested_title: re.Pattern[str],
                 dash: re.Pattern[str]) -> None:
        self.mixed = mixed
        self.pairs = pairs
        self.aliases = aliases
        self.list_marker = list_marker
        self.nested_title = nested_title
        self.dash = dash


@lru_cache(maxsize=1)
def mark_vocabulary() -> MarkVocabulary:
    data = load_pack("marks.yaml")
    shape = Shape("checks/marks.yaml")
    shape.mapping(data, "marks.yaml", {"mixed-punctuation": True, "pairs": True,
                                       "pair-aliases": True, "list-marker": True,
                                       "nested-title": True, "dash": True})
    pairs: dict[str, str] = {}
    for i, pair in enumerate(shape.texts(data["pairs"], "pairs")):
        if len(pair) != 2:
            raise shape.fail(f"pairs[{i}]", t("应为一个开标点和一个闭标点（如“”）",
                                               "expected an opening and a closing mark (“”)"))
        pairs[pair[0]] = pair[1]
    marks = set(pairs) | set(pairs.values())
    aliases = shape.mapping(data["pair-aliases"], "pair-aliases")
    for half, full in aliases.items():
        if len(shape.text(half, "pair-aliases")) != 1 or shape.text(
                full, f"pair-aliases.{half}") not in marks:
            raise shape.fail(f"pair-aliases.{half}", t(
                "应为一个字符对应 pairs 中的一个标点", "expected one character mapped to a mark of pairs"))
    mixed = f"[{re.escape(shape.text(data['mixed-punctuation'], 'mixed-punctuation'))}]"
    return MarkVocabulary(
        compiled(mixed + mixed + "+"),  # not {2,}: a pattern opening with a set is searched fast
        pairs,
        dict(aliases),
        shape.pattern(data["list-marker"], "list-marker"),
        shape.pattern(data["nested-title"], "nested-title"),
        shape.pattern(data["dash"], "dash"),
    )


def _lines(doc: Document, pattern: re.Pattern[str]) -> list[int]:
    """Lines (not residue) where ``pattern`` matches: one search over the whole text."""
    found = sorted({doc.position(m.start())[0] for m in pattern.finditer(doc.text)})
    residue = doc.residue.lines if found else ()
    return [n for n in found if n not in residue]


# --- LL609 -----------------------------------------------------------------------------------
@register
class MixedPunctuation(Rule):
    """两个不同的标点连用（，。 、， 。，），其中一个是多余的。

    为什么：改稿时删了半句话、或句号逗号都敲了，常留下两个标点挨在一起，GB/T 15834 中这些标点
    不能连用。只保留一个。同一标点重复（，，）由 LL605 报告；？！连用不算。标点集合见
    checks/marks.yaml 的 mixed-punctuation。

    示例（警告）::

        全年调解纠纷56件，。调解成功率100%。
    """

    doc_en = """Two different punctuation marks in a row (，。 、， 。，), one of them superfluous.

    Why: deleting half a sentence while editing, or typing both a full stop and a comma, often
    leaves two marks side by side, and GB/T 15834 does not allow these together. Keep one. A mark
    repeated (，，) is reported by LL605; ？！ together is fine. The set of marks is in the
    ``mixed-punctuation`` of checks/marks.yaml.

    Example (warning)::

        全年调解纠纷56件，。调解成功率100%。
    """

    code = "LL609"
    name = "mixed-punctuation"
    severity = "warning"
    messages = {
        "mixed": ("标点“{text}”连用，请只保留一个", "punctuation {text} side by side; keep one"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        pattern = mark_vocabulary().mixed
        for number in _lines(doc, pattern):
            base = doc.offset(number)
            skip = Spans(doc.residue.inline.get(number, []))
            for match in pattern.finditer(doc.lines[number - 1]):
                if len(set(match.group())) > 1 and match.start() not in skip:
                    yield self.report(doc.span(base + match.start(), base + match.end()),
                                      "mixed", text=match.group())


# --- LL610 -----------------------------------------------------------------------------------
@register
class UnbalancedPair(Rule):
    """段落中成对的标点缺了一半：“ 《 （ 【 没有对应的 ” 》 ） 】，或者反过来。

    为什么：引号、书名号、括号不成对，读者无法判断引用或文件名到哪里结束，多是改稿时删掉了
    半边。每段单独判断；引文分段时每段开头用前引号、只在最后一段末尾用后引号（GB/T 15834），
    以及一句话被断成两行时，前后两段合起来成对的不报告。列表序号（1）、一））、网页残留行、
    被截断的文末不报告；半角括号与全角括号配对（混用由 LL603 报告）。

    示例（警告）::

        深入开展“法律进乡村活动，发放资料3000余份。
    """

    doc_en = """Half of a paired punctuation mark missing in a paragraph: “ 《 （ 【 without the matching ” 》
    ） 】, or the other way round.

    Why: with quotes, book-title marks or brackets unpaired, readers cannot tell where a quotation
    or a document name ends; usually one half was deleted in editing. Each paragraph is judged on
    its own; not reported are a quotation over several paragraphs, with an opening quote at the
    start of each and a closing quote only at the end of the last (GB/T 15834), and a sentence
    broken onto two lines whose two paragraphs pair up together. List numbers (1）, 一）), web
    residue lines and a truncated end of text are not reported; a half-width bracket pairs with a
    full-width one (the mix is reported by LL603).

    Example (warning)::

        深入开展“法律进乡村活动，发放资料3000余份。
    """

    code = "LL610"
    name = "unbalanced-pair"
    severity = "warning"
    messages = {
        "open": ("本段有 {mark} 而没有与之成对的 {partner}，请补全或删除",
                 "{mark} has no matching {partner} in this paragraph; complete or delete it"),
        "close": ("本段有 {mark} 而前面没有与之成对的 {partner}，请补全或删除",
                  "{mark} has no matching {partner} before it in this paragraph; complete or "
                  "delete it"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        vocab = mark_vocabulary()
        closing = {c: o for o, c in vocab.pairs.items()}
        table = str.maketrans(vocab.aliases)
        if not any(m in doc.text for m in (*vocab.pairs, *closing, *vocab.aliases)):
            return
        residue = doc.residue
        # only a line holding a half-width alias needs translating (most hold none)
        alias = compiled("[" + re.escape("".join(vocab.aliases)) + "]") if vocab.aliases else None
        lines = [(n, line.translate(table) if alias and alias.search(line) else line)
                 for n, line in enumerate(doc.lines, 1)
                 if line.strip() and n not in residue.lines]
        cut_off = bool(lines) and not lines[-1][1].rstrip().endswith(
            tuple(doc.vocabulary.sentence_end + "”）》】"))
        unmatched = [_unmatched(line, vocab, closing) if _uneven(line, vocab.pairs) else ([], [])
                     for _, line in lines]
        for i, (number, line) in enumerate(lines):
            opens, closes = unmatched[i]
            if not opens and not closes:
                continue
            after = (lines[i + 1][1].lstrip(), unmatched[i + 1][1]) if i + 1 < len(lines) else None
            before = unmatched[i - 1][0] if i else []
            skip = Spans(residue.inline.get(number, []))
            base = doc.offset(number)
            for column in opens:
                mark = line[column]
                if column in skip or (after is None and cut_off) or (after is not None and (
                        after[0].startswith(mark) or any(after[0][c] in closing and
                                                         closing[after[0][c]] == mark
                                                         for c in after[1]))):
                    continue  # a quotation going on in the next paragraph, or a split sentence
                yield self.report(doc.span(base + column, base + column + 1), "open",
                                  mark=doc.lines[number - 1][column], partner=vocab.pairs[mark])
            for column in closes:
                mark = line[column]
                if column in skip or any(lines[i - 1][1][c] == closing[mark] for c in before):
                    continue
                yield self.report(doc.span(base + column, base + column + 1), "close",
                                  mark=doc.lines[number - 1][column], partner=closing[mark])


def _uneven(line: str, pairs: dict[str, str]) -> bool:
    """Whether some pair's marks are not equal in number: a line with even counts is left alone
    (cheap, and a misordered ”…“ is more likely a font than a slip). A plain loop: this runs on
    every line of the report."""
    for opening, closing in pairs.items():
        if line.count(opening) != line.count(closing):
            return True
    return False


def _unmatched(line: str, vocab: MarkVocabulary,
               closing: dict[str, str]) -> tuple[list[int], list[int]]:
    """Columns of the opening and the closing marks that have no partner on ``line``."""
    stacks: dict[str, list[int]] = {o: [] for o in vocab.pairs}
    closes: list[int] = []
    for column, char in enumerate(line):
        if char in stacks:
            stacks[char].append(column)
        elif char in closing:
            if stacks[closing[char]]:
                stacks[closing[char]].pop()
            elif not vocab.list_marker.search(line, 0, column):
                closes.append(column)
    return sorted(c for s in stacks.values() for c in s), closes


# --- LL611 -----------------------------------------------------------------------------------
@register
class AsciiMarks(Rule):
    """用 ASCII 符号代替了中文标点：书名号《》内的篇名用了 < >（应为〈〉），破折号写成 --（应为——）。

    为什么：GB/T 15834 规定书名号内再用书名号时用单书名号〈〉；破折号是占两个字位置的——。
    < > 和 -- 是键盘上的替代写法，正式文本中应改正。只检查《》内的 < >，以及夹在汉字之间的两个
    连字符（2021--2025 和 ---- 分隔线不算）。模式见 checks/marks.yaml。

    示例（警告）::

        认真学习《关于学习<中华人民共和国民法典>的通知》。
        这是基层治理的关键--也是难点。
    """

    doc_en = """ASCII symbols in place of Chinese punctuation: < > for a title inside 《》 (should be 〈〉),
    -- for a dash (should be ——).

    Why: GB/T 15834 says a title inside 《》 takes the single marks 〈〉, and that a dash is ——
    taking two character widths. < > and -- are keyboard stand-ins to be corrected in formal text.
    Only < > inside 《》 are checked, and two hyphens between Chinese characters (2021--2025 and
    ---- rules do not count). The patterns are in checks/marks.yaml.

    Example (warning)::

        认真学习《关于学习<中华人民共和国民法典>的通知》。
        这是基层治理的关键--也是难点。
    """

    code = "LL611"
    name = "ascii-marks"
    severity = "warning"
    messages = {
        "title": ("书名号内的“<{text}>”应改为“〈{text}〉”",
                  "<{text}> inside 《》 should be 〈{text}〉"),
        "dash": ("“{text}”应改为破折号“——”", "{text} should be the dash ——"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        vocab = mark_vocabulary()
        if "<" in doc.text:
            for number in _lines(doc, vocab.nested_title):
                line, base = doc.lines[number - 1], doc.offset(number)
                for start, end in book_spans(line):
                    for match in vocab.nested_title.finditer(line, start + 1, end - 1):
                        yield self.report(doc.span(base + match.start(), base + match.end()),
                                          "title", text=match.group(1))
        for number in _lines(doc, vocab.dash):
            base = doc.offset(number)
            skip = Spans(doc.residue.inline.get(number, []))
            for match in vocab.dash.finditer(doc.lines[number - 1]):
                if match.start() not in skip:
                    yield self.report(doc.span(base + match.start(), base + match.end()),
                                      "dash", text=match.group())
