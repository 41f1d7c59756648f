"""Figures rules: counts and rates that contradict each other (LL301–LL304).

They read ``Document.figures`` (lawlint/figures.py) and compare only what pairs up without
doubt: counts in one sentence whose units are of one kind, one candidate per role. An
approximate count (600余件, 近百人) is compared as the range it allows; targets (不少于40次,
提升至95%) and differences (同比增长120%) are not compared at all.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from ..model.document import Document
from ..model.figures import Quantity, Rate, RateWord, SentenceFigures, figures_vocabulary
from . import Finding, Rule, register


@register
class PartExceedsWhole(Rule):
    """部分数大于整体数：化解数大于排查数、办结数大于受理数，或“其中”某项大于总数。

    为什么：审核人员最先核对数字。化解的纠纷不会多于排查出的，办结的不会多于受理的；这样的
    数字多是录入错误或照抄了别的年份。

    只比较能确定配对的数字：同一句中、单位同类、配对唯一（同一句有两个“受理”数且不相等时不比较）；
    “其中”另起一句时（共24个。其中，镇级1个……），总数是上一句末尾的数。
    约数（600余件、近百件、约50人）按可能的范围比较；目标数（不少于、力争）和增减数（同比增长）
    不比较。部分与整体的词语对照见 checks/figures.yaml 的 subsets。

    示例（错误）::

        排查矛盾纠纷152件，成功化解160件。          ← 化解数大于排查数
        共有调解室24个，其中镇级3个，村级30个。      ← 村级30个大于总数24个
    """

    doc_en = """A part larger than its whole: more disputes resolved than found, more cases closed than
    accepted, or an item after 其中 (of which) larger than the total.

    Why: figures are what reviewers check first. No more disputes are resolved than were found, no
    more cases closed than were accepted; such figures are mostly typing errors or copied from
    another year.

    Only figures that surely pair are compared: in one sentence, with units of the same kind, and
    paired one way only (two different 受理 figures in one sentence are not compared); when 其中
    starts a new sentence (共24个。其中，镇级1个……), the total is the figure at the end of the
    sentence before. Approximate figures (600余件, 近百件, 约50人) are compared over the range
    they may stand for; targets (不少于, 力争) and changes (同比增长) are not compared. The words
    for parts and their wholes are in the ``subsets`` of checks/figures.yaml.

    Example (error)::

        排查矛盾纠纷152件，成功化解160件。          ← 化解数大于排查数
        共有调解室24个，其中镇级3个，村级30个。      ← 村级30个大于总数24个
    """

    code = "LL301"
    name = "part-exceeds-whole"
    severity = "error"
    messages = {
        "pair": ("“{part_word}”{part}多于“{whole_word}”{whole}，部分不能大于整体，请核对",
                 "{part_word} {part} exceeds {whole_word} {whole}: a part cannot exceed its whole"),
        "breakdown": ("其中“{label}”{part}多于总数{total}，请核对",
                      "the part {label} {part} exceeds its total {total}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        vocab = figures_vocabulary()
        for figures in doc.figures:
            reported: set[int] = set()
            for breakdown in figures.breakdowns:
                if not breakdown.total.measured:
                    continue
                for part, label in zip(breakdown.parts, breakdown.labels):
                    if part.low > breakdown.total.high:
                        reported.add(id(part))
                        yield self.report(doc.span(part.start, part.end), "breakdown",
                                          label=_short(label), part=part.text,
                                          total=breakdown.total.text)
            for part in figures.quantities:
                wholes = vocab.wholes_of(part.counts) if part.measured and part.counts else ()
                if not wholes or id(part) in reported:
                    continue
                whole = paired_count(figures, part, wholes, part.group, after=True)
                if whole is not None and part.same_thing(whole) and part.low > whole.high:
                    yield self.report(doc.span(part.start, part.end), "pair",
                                      part_word=part.word, part=part.text,
                                      whole_word=whole.word, whole=whole.text)


@register
class RateMismatch(Rule):
    """比率与其计数不符：按文中计数算出的比率超出四舍五入的范围，或给定的分母得不到该比率。

    按文中的分子、分母算出的比率，与文中写的比率相差超出四舍五入的范围；或只给出分母时，
    任何整数分子都得不到文中的比率（2人参加考试，通过率不可能是80%）。

    为什么：化解率、办结率、通过率是报告里最常被上级核对的数字；“排查152件，化解149件，
    化解率89%”会让整份报告的数字都受到怀疑。

    比率单独成句时（调解1265件，调解成功1241件。调解成功率98.1%。），用上一句的分子和分母
    （两者都要有）核对。

    容差为所写比率末位的半个单位（98%为±0.5，98.5%为±0.05）；默认也接受直接舍去尾数的写法
    （96.8%写作96%），选项 truncation: false 可关闭。约数按其可能的范围计算。比率与计数的对应
    关系（化解率＝化解/排查或受理）见 checks/figures.yaml 的 rates；同一句中有两个可能的分母时
    不比较。

    示例（错误）::

        排查矛盾纠纷152件，成功化解149件，化解率89%。   ← 149/152≈98.0%
        组织2名干部参加考试，通过率80%。               ← 分母为2时只可能是0%、50%、100%
    """

    doc_en = """A rate that does not match its counts: the rate computed from the counts in the text is off by
    more than rounding allows, or no count over the given denominator gives that rate.

    The rate computed from the numerator and denominator in the text differs from the rate written
    by more than rounding allows; or, when only the denominator is given, no whole numerator gives
    the rate written (with 2 people taking an exam, the pass rate cannot be 80%).

    Why: resolution, closure and pass rates are the figures higher-level offices check most;
    排查152件，化解149件，化解率89% makes every figure in the report suspect.

    When the rate is a sentence of its own (调解1265件，调解成功1241件。调解成功率98.1%。), it is
    checked against the numerator and the denominator of the sentence before (both must be there).

    The tolerance is half a unit of the rate's last digit (±0.5 for 98%, ±0.05 for 98.5%); by
    default a rate cut off rather than rounded (96.8% written as 96%) is accepted too, which the
    option truncation: false turns off. Approximate figures are computed over the range they may
    stand for. Which counts make which rate (化解率 = resolved / found or accepted) is in the
    ``rates`` of checks/figures.yaml; when a sentence holds two possible denominators, nothing is
    compared.

    Example (error)::

        排查矛盾纠纷152件，成功化解149件，化解率89%。   ← 149/152≈98.0%
        组织2名干部参加考试，通过率80%。               ← 分母为2时只可能是0%、50%、100%
    """

    code = "LL302"
    name = "rate-mismatch"
    severity = "error"
    options = {"truncation": True}
    messages = {
        "mismatch": ("{rate}应为 {numerator}/{denominator}≈{computed}%，文中为{stated}",
                     "{rate} should be {numerator}/{denominator} = {computed}%, the text says "
                     "{stated}"),
        "unreachable": ("{rate}{stated}与“{word}”{count}不符：分母为{n}时只可能是{options}",
                        "{rate} {stated} cannot come from {word} {count}: with a denominator of "
                        "{n} it can only be {options}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        vocab = figures_vocabulary()
        for figures in doc.figures:
            for rate in figures.rates:
                spec = vocab.rates.get(rate.name or "")
                stated = rate.quantity
                if spec is None or not spec.denominator or stated.target or stated.change:
                    continue
                if rate.capped and stated.low > 100:
                    continue  # LL303 reports it
                numerator, denominator = rate_counts(figures, rate, spec)
                if denominator is None:
                    numerator, denominator = carried_counts(figures, rate, spec)
                if denominator is None or denominator.high <= 0:
                    continue
                if numerator is not None and not numerator.same_thing(denominator):
                    continue  # 受理信访事项30件，办结复议案件28件: not one rate
                finding = self._judge(doc, rate, numerator, denominator)
                if finding is not None:
                    yield finding

    def _judge(self, doc: Document, rate: Rate, numerator: Quantity | None,
               denominator: Quantity) -> Finding | None:
        stated = rate.quantity
        low, high = self._tolerance(stated)
        span = doc.span(rate.start, stated.end)
        if numerator is not None:
            if numerator.low > denominator.high:
                return None  # LL301 reports it
            got_low = 100 * numerator.low / denominator.high
            got_high = 100 * numerator.high / denominator.low if denominator.low > 0 else math.inf
            if got_high >= low and got_low <= high:
                return None
            computed = 100 * numerator.value / denominator.value
            return self.report(span, "mismatch", rate=rate.word, numerator=numerator.figure,
                               denominator=denominator.figure,
                               computed=_number(computed, stated.decimals + 1),
                               stated=stated.text)
        n = int(denominator.value)
        if not denominator.exact or n != denominator.value or _reachable(n, low, high):
            return None
        return self.report(span, "unreachable", rate=rate.word, stated=stated.text,
                           word=denominator.word, count=denominator.text, n=n,
                           options=_options(n, stated))

    def _tolerance(self, stated: Quantity) -> tuple[float, float]:
        """The true rates the stated one may stand for: rounded, or (option) truncated."""
        half = 0.5 * 10.0 ** -stated.decimals
        above = 2 * half if self.config["truncation"] else half
        return stated.low - half, stated.high + above


@register
class RateOutOfRange(Rule):
    """比率超出范围：化解率、办结率、通过率等比例超过100%，或任何比率小于0。

    为什么：办结的不会多于受理的，比例就不会超过100%；办结率120%一定是笔误或算错。增长率
    （同比增长120%）、完成率可以超过100%，不在此列。哪些比率不能超过100%见
    checks/figures.yaml 的 rates，可以超过的见 signed。

    示例（错误）::

        全年受理信访事项30件，办结率120%。      ← 比率不能超过100%
    """

    doc_en = """A rate out of range: a resolution, closure or pass rate (or a like proportion) above 100%, or
    any rate below 0.

    Why: no more cases are closed than were accepted, so the proportion cannot exceed 100%; a
    closure rate of 120% is surely a slip or a miscalculation. Growth rates (同比增长120%) and
    completion rates (完成率) may exceed 100% and are not checked. The rates that cannot exceed
    100% are in the ``rates`` of checks/figures.yaml, those that may are in ``signed``.

    Example (error)::

        全年受理信访事项30件，办结率120%。      ← 比率不能超过100%
    """

    code = "LL303"
    name = "rate-out-of-range"
    severity = "error"
    messages = {
        "above": ("{rate}为{stated}，这一比率不能超过100%，请核对",
                  "{rate} is {stated}, but this rate cannot exceed 100%"),
        "below": ("{rate}为{stated}，比率不能小于0，请核对", "{rate} is {stated}, below 0"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        for figures in doc.figures:
            for rate in figures.rates:
                stated = rate.quantity
                key = ("above" if rate.capped and stated.low > 100 else
                       "below" if not rate.signed and stated.high < 0 else None)
                if key is not None:
                    yield self.report(doc.span(rate.start, stated.end), key, rate=rate.word,
                                      stated=stated.text)


@register
class SumMismatch(Rule):
    """“其中”列出的各部分之和与总数不符（各部分穷尽了总数时）。

    为什么：“共24个，其中镇级1个，村级23个”这样的分项，审核人员会逐项相加；合计不等于总数，
    说明漏写了一项或有数字写错。

    “其中”另起一句时（共24个。其中，镇级1个……），总数是上一句末尾的数。
    只在各部分确实穷尽总数时比较：分项恰好是一组互补的类别（镇级/村级、线上/线下、男/女，见
    checks/figures.yaml 的 partitions），或最后一项是“其余”“其他”。“其中注册资本5000万以上
    企业10家”这样只列一部分的不比较。

    示例（错误）::

        全镇共有调解组织24个，其中镇级1个，村级20个。   ← 1+20=21，不是24
    """

    doc_en = """The parts listed after 其中 (of which) do not add up to the total (where they make up the
    whole of it).

    Why: reviewers add up a breakdown such as 共24个，其中镇级1个，村级23个 item by item; a sum
    that differs from the total means an item left out or a figure wrong.

    When 其中 starts a new sentence (共24个。其中，镇级1个……), the total is the figure at the end
    of the sentence before. The sum is compared only when the parts surely make up the whole: they
    are a set of complementary categories (township/village, online/offline, men/women; see the
    ``partitions`` of checks/figures.yaml), or the last of them is 其余 or 其他 (the rest). A
    breakdown that lists only some, such as 其中注册资本5000万以上企业10家, is not compared.

    Example (error)::

        全镇共有调解组织24个，其中镇级1个，村级20个。   ← 1+20=21，不是24
    """

    code = "LL304"
    name = "sum-mismatch"
    severity = "warning"
    messages = {
        "sum": ("其中各项合计 {expression}={total_parts}，与总数{total}不符，请核对",
                "the parts after 其中 add up to {expression}={total_parts}, not the total {total}"),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        for figures in doc.figures:
            for breakdown in figures.breakdowns:
                total, parts = breakdown.total, breakdown.parts
                if not breakdown.exhaustive or not total.measured:
                    continue
                if any(p.low > total.high for p in parts):
                    continue  # LL301 reports the part
                low, high = sum(p.low for p in parts), sum(p.high for p in parts)
                if high >= total.low and low <= total.high:
                    continue
                value = sum(p.value for p in parts)
                yield self.report(doc.span(breakdown.marker, parts[-1].end), "sum",
                                  expression="+".join(p.figure for p in parts),
                                  total_parts=_number(value, 0) + parts[-1].unit,
                                  total=total.text)


# --- pairing -----------------------------------------------------------------------------
def paired_count(figures: SentenceFigures, anchor: Quantity, concepts: Iterable[str],
                 group: str | None = None, after: bool = False, at_end: bool = False
                 ) -> Quantity | None:
    """The one measured count of ``concepts`` that goes with ``anchor`` (a rate or a part).

    Looked for in the anchor's segment (；-part or 一是/二是 item) only, nearest first: since the
    previous rate, then anywhere before the anchor (and, with ``after``, anywhere in the
    segment). None when there is none, when the nearest place holds counts that disagree, or
    when an unbound count stands between the two (受理来信20件，来访15件，办结33件: 办结 may
    cover both). With ``at_end`` the anchor is the sentence's last quantity and may itself be
    chosen: the counts are looked for from the end of the sentence.
    """
    concepts = set(concepts)
    # the cheap tests first: most counts are of another concept
    segment = [q for q in figures.quantities if q.counts in concepts
               and q.segment == anchor.segment and (at_end or q is not anchor) and q.measured
               and (group is None or q.group == group)]
    before = [q for q in segment if at_end or q.end <= anchor.start]
    last_rate = max((r.quantity.end for r in figures.rates
                     if r.quantity.segment == anchor.segment and r.quantity.end <= anchor.start),
                    default=-1)
    for scope in ([q for q in before if q.start >= last_rate], before, segment if after else []):
        if scope:
            chosen = _agreed(scope)
            if chosen is None or _unbound_between(figures, chosen, anchor):
                return None
            return chosen
    return None


def rate_counts(figures: SentenceFigures, rate: Rate, spec: RateWord
                ) -> tuple[Quantity | None, Quantity | None]:
    """(numerator, denominator) of a rate; the numerator's unit decides between denominators
    of different kinds (排查专项行动12次 and 排查纠纷45件 for 化解45件)."""
    stated = rate.quantity
    hint = paired_count(figures, stated, spec.numerator)
    denominator = paired_count(figures, stated, spec.denominator, hint.group if hint else None)
    if denominator is None:
        return None, None
    return paired_count(figures, stated, spec.numerator, denominator.group), denominator


def carried_counts(figures: SentenceFigures, rate: Rate, spec: RateWord
                   ) -> tuple[Quantity | None, Quantity | None]:
    """Both counts of a rate that opens its sentence, from the sentence before (调解1265件，
    调解成功1241件。调解成功率98.1%。); (None, None) unless both are there and count one thing."""
    previous = figures.previous
    stated = rate.quantity
    if previous is None or any(q.start < stated.start for q in figures.quantities):
        return None, None
    if any(r.quantity.segment == max(q.segment for q in previous.quantities)
           for r in previous.rates):
        return None, None  # the sentence before states its own rate: its counts are spent
    end = previous.quantities[-1]
    numerator = paired_count(previous, end, spec.numerator, at_end=True)
    denominator = paired_count(previous, end, spec.denominator,
                               numerator.group if numerator else None, at_end=True)
    if numerator is None or denominator is None or not numerator.same_thing(denominator):
        return None, None
    return numerator, denominator


def _unbound_between(figures: SentenceFigures, a: Quantity, b: Quantity) -> bool:
    low, high = min(a.end, b.end), max(a.start, b.start)
    return any(q.counts is None and low <= q.start and q.end <= high and q.measured
               for q in figures.quantities)


def _agreed(counts: list[Quantity]) -> Quantity | None:
    """The nearest of ``counts`` if they all state the same figure, else None (ambiguous)."""
    first = counts[0]
    if all((q.low, q.high) == (first.low, first.high) for q in counts):
        return counts[-1]
    return None


def _reachable(n: int, low: float, high: float) -> bool:
    """Whether some whole k in 0..n gives a rate k/n within [low, high] (percent)."""
    k = max(math.ceil(low * n / 100 - 1e-9), 0)
    return k <= n and 100 * k / n <= high + 1e-9


def _options(n: int, stated: Quantity) -> str:
    """The rates a denominator of n allows near the stated one: all of them when few."""
    decimals = max(stated.decimals, 1 if n > 4 else 0)
    if n <= 6:
        return "、".join(_number(100 * k / n, decimals) + "%" for k in range(n + 1))
    k = min(max(math.floor(stated.value * n / 100), 0), n - 1)
    return "、".join(f"{j}/{n}≈{_number(100 * j / n, decimals)}%" for j in (k, k + 1))


def _number(value: float, decimals: int) -> str:
    """A figure for a message: 98.0, 100, 21."""
    return f"{value:.{decimals}f}"


def _short(label: str) -> str:
    label = label.strip(" ，,、：:")
    return label if len(label) <= 12 else "…" + label[-12:]
