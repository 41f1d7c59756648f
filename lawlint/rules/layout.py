"""Layout rules for Word reports: GB/T 9704-2012 page, fonts, spacing, indent, page number
(LL701–LL707).

They read the formatting Word shows (``Document.layout``, see lawlint.model.layout) and hold it
against a preset of checks/layout.yaml (``gbt9704``, or the one a config's ``layout`` names).
A text file has no layout: these rules say nothing about it. Each kind of defect is one finding
per file that counts and names the paragraphs, anchored at the first of them, so a report typed
in the wrong font gets one line, not three hundred. Layout is never fixed: a .docx is not edited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from . import Finding, Rule, register

if TYPE_CHECKING:  # the layout model is imported only when a .docx is linted
    from ..model.document import Document
    from ..model.layout import Layout, LayoutPreset, ParagraphLayout, RunFormat

T = TypeVar("T")
NAMED = 8  # paragraphs a message names before "…"
_LEVELS_ZH = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
_ALIGN_ZH = {"left": "左对齐", "start": "左对齐", "both": "两端对齐", "right": "右对齐", "end": "右对齐",
             "distribute": "分散对齐", "center": "居中"}


class LayoutRule(Rule):
    """A rule over a .docx's layout: runs only when the document has one."""

    docx_only = True

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.layout is None:
            return
        from ..model.layout import layout_preset

        # the config's choice, else the profile's (a local template's house style)
        spec = doc.options.get("layout") or doc.profile.layout
        preset = layout_preset(spec if isinstance(spec, str) else None)
        yield from self.inspect(doc, doc.layout, preset)

    def inspect(self, doc: Document, layout: Layout, preset: LayoutPreset) -> Iterator[Finding]:
        raise NotImplementedError

    def paragraphs(self, doc: Document, lines: list[int], key: str, actual: str = "",
                   **fields: object) -> Finding:
        """One finding naming every paragraph in ``lines``, at the first of them; ``actual``,
        what most of them have, is said as 多为…/mostly … when there are several."""
        several = len(lines) > 1
        if self.lang == "en":
            actual = f"mostly {actual}" if several else actual
        else:
            space = " " if actual[:1].isdigit() else ""  # 多为 12 磅, 多为宋体
            actual = f"{'多为' if several else '实为'}{space}{actual}"
        return self.report(doc.line_span(lines[0]), key, count=len(lines),
                           where=self.named(lines), actual=actual, **fields)

    def named(self, lines: list[int]) -> str:
        shown = [str(n) for n in lines[:NAMED]]
        more = "…" if len(lines) > NAMED else ""
        if self.lang == "en":
            return f"{'paragraph' if len(lines) == 1 else 'paragraphs'} {', '.join(shown)}{more}"
        return f"第{'、'.join(shown)}{more}段"

    def font_name(self, font: str | None) -> str:
        if font is not None:
            return font
        return "no East Asian font set" if self.lang == "en" else "未设置中文字体"

    def alignment(self, value: str) -> str:
        return value if self.lang == "en" else _ALIGN_ZH.get(value, value)


def _number(value: float) -> str:
    return f"{round(value, 1):g}"


def _most_common(values: Iterable[T]) -> T:
    return Counter(values).most_common(1)[0][0]


def body_paragraphs(doc: Document, layout: Layout, prose: bool = False) -> list[ParagraphLayout]:
    """The body text's paragraphs: not the title, addressee or a heading line, not a table
    cell, not empty. ``prose``: also not the signature block (it is neither indented nor
    spaced like the body)."""
    skip = {h.line for h in doc.headings}
    if prose:
        skip.update(doc.signature.lines, doc.signature.residue)
    found = []
    for paragraph in doc.paragraphs:
        shown = layout.paragraphs.get(paragraph.line)
        if paragraph.line not in skip and shown is not None and not shown.in_table \
                and shown.visible:
            found.append(shown)
    return found


def _wrong_font(runs: Iterable[RunFormat], family: str, preset: LayoutPreset) -> str | None | bool:
    """The first Chinese run's font outside ``family`` (None: no font set), False if none."""
    for run in runs:
        if run.visible and run.east_asian and not preset.in_family(run.east_asia_font, family):
            return run.east_asia_font
    return False


def _wrong_size(runs: Iterable[RunFormat], size: float, preset: LayoutPreset) -> float | None:
    return next((r.size for r in runs if r.visible and not preset.size_is(r.size, size)), None)


def _font_findings(rule: LayoutRule, doc: Document, shown: list[tuple[int, Iterable[RunFormat]]],
                   family: str, preset: LayoutPreset, key: str, **fields: object
                   ) -> Iterator[Finding]:
    """One finding for the paragraphs whose Chinese text is not in ``family``."""
    wrong = [(line, font) for line, runs in shown
             if (font := _wrong_font(runs, family, preset)) is not False]
    if wrong:
        actual = _most_common(font for _, font in wrong)
        yield rule.paragraphs(doc, [line for line, _ in wrong], key, family=family,
                              actual=rule.font_name(actual), **fields)


@register
class PageSetupRule(LayoutRule):
    """纸张不是 A4，或页边距、版心不合 GB/T 9704（仅 .docx）。

    GB/T 9704-2012 规定公文用 A4 纸（210×297 毫米），天头（上白边）37 毫米、订口（左白边）28 毫米，
    版心 156×225 毫米，允许误差 ±1 毫米。读取文档最后一节的页面设置；每类问题（纸张、上边距、
    左边距、版心）各报告一次，位置为第 1 段。数值在 checks/layout.yaml 的 ``gbt9704`` 版式中，
    配置文件的 ``layout`` 键可改用本地版式文件。

    为什么：报送材料要打印、装订、归档；Word 默认的页边距（上下 2.54 厘米、左右 3.18 厘米）做出的
    版心比公文宽、比公文短，审核时一眼可见，常被退回重排。

    示例（错误）::

        页面设置：上 2.54 厘米，左 3.18 厘米      ← 应为上 3.7 厘米、左 2.8 厘米，版心 15.6×22.5 厘米
    """

    doc_en = """The paper is not A4, or the margins or the type area do not match GB/T 9704 (.docx only).

    GB/T 9704-2012 sets A4 paper (210×297 mm), a top margin of 37 mm, a binding (left) margin of
    28 mm and a type area of 156×225 mm, each to within ±1 mm. The page setup of the document's
    last section is read; each kind of problem (paper, top margin, left margin, type area) is
    reported once, at paragraph 1. The values are in the ``gbt9704`` preset of checks/layout.yaml;
    the config key ``layout`` can name a local house-style file instead.

    Why: submitted reports are printed, bound and filed; Word's default margins (2.54 cm top and
    bottom, 3.18 cm left and right) give a type area wider and shorter than an official
    document's, which reviewers see at a glance and often send back to be laid out again.

    Example (error)::

        页面设置：上 2.54 厘米，左 3.18 厘米      ← 应为上 3.7 厘米、左 2.8 厘米，版心 15.6×22.5 厘米
    """

    code = "LL701"
    name = "page-setup"
    severity = "warning"
    messages = {
        "paper": ("纸张应为 {want}，实为 {got}，请在“布局—纸张大小”中修改",
                  "paper should be {want}, is {got}; change the paper size"),
        "top": ("上边距（天头）应为 {want}，实为 {got}", "top margin should be {want}, is {got}"),
        "left": ("左边距（订口）应为 {want}，实为 {got}", "left margin should be {want}, is {got}"),
        "block": ("版心应为 {want}，实为 {got}，请调整页边距",
                  "the text block should be {want}, is {got}; adjust the margins"),
    }

    def inspect(self, doc: Document, layout: Layout, preset: LayoutPreset) -> Iterator[Finding]:
        page, want = layout.page, preset.page
        if page is None:
            return
        span = doc.line_span(1)
        mm = "mm" if self.lang == "en" else "毫米"

        def off(value: float, target: float) -> bool:
            return abs(value - target) > want.tolerance + 0.05  # twips round to 0.02 mm

        def size(w: float, h: float) -> str:
            return f"{_number(w)}×{_number(h)} {mm}"

        def length(value: float) -> str:
            return f"{_number(value)} {mm}"

        def wanted(value: float) -> str:
            return f"{_number(value)}±{_number(want.tolerance)} {mm}"

        if off(page.width, want.width) or off(page.height, want.height):
            yield self.report(span, "paper", want=size(want.width, want.height),
                              got=size(page.width, page.height))
        if off(page.top, want.top):
            yield self.report(span, "top", want=wanted(want.top), got=length(page.top))
        if off(page.left, want.left):
            yield self.report(span, "left", want=wanted(want.left), got=length(page.left))
        if off(page.text_width, want.text_width) or off(page.text_height, want.text_height):
            yield self.report(span, "block", want=size(want.text_width, want.text_height),
                              got=size(page.text_width, page.text_height))


@register
class BodyFont(LayoutRule):
    """正文不是三号（16 磅）仿宋（仅 .docx）。

    正文段落指标题、主送机关、各级标题以外的非空段落（表格内的段落不算）；落款也按正文要求。
    “仿宋”是一个字体族：仿宋、仿宋_GB2312、FangSong、方正仿宋_GBK 等都算（见 checks/layout.yaml
    的 ``fonts``）。字体和字号按 Word 的方式确定：文字本身的格式，其次字符样式、段落样式（含
    “基于”的样式链），最后是文档默认格式；主题字体按文档主题解析。只看中文文字的字体，数字和
    英文字母的西文字体不论。字体不对、字号不对各报告一次，列出所有段落，位置为第一个这样的段落。

    为什么：GB/T 9704-2012 规定正文用三号仿宋体字。从网页或其他文件粘贴进来的段落常带着宋体
    五号，打印后大小不一，是最常见的退回理由之一。

    示例（错误）::

        12 个正文段落不是仿宋（多为宋体）：第3、5、8…段
    """

    doc_en = """The body text is not 仿宋 (FangSong) in size 三号 (16 pt) (.docx only).

    Body paragraphs are the non-empty paragraphs other than the title, the addressee and the
    headings (paragraphs in tables do not count); the signature follows the body's rules too. 仿宋
    is a family: 仿宋, 仿宋_GB2312, FangSong, 方正仿宋_GBK and others all count (see ``fonts`` in
    checks/layout.yaml). Font and size are found as Word finds them: the text's own formatting,
    then its character style, its paragraph style (following the chain of based-on styles), and
    last the document defaults; theme fonts are resolved from the document's theme. Only the font
    of Chinese text counts, not the Western font of digits and letters. A wrong font and a wrong
    size are each reported once, listing every such paragraph, at the first of them.

    Why: GB/T 9704-2012 sets body text in 三号 仿宋. Paragraphs pasted from web pages or other
    files often bring 宋体 五号 along and print in mixed sizes, one of the commonest reasons a
    report is sent back.

    Example (error)::

        12 个正文段落不是仿宋（多为宋体）：第3、5、8…段
    """

    code = "LL702"
    name = "body-font"
    severity = "warning"
    messages = {
        "font": ("{count} 个正文段落不是{family}（{actual}）：{where}",
                 "{count} body paragraph(s) not in the {family} family ({actual}): {where}"),
        "size": ("{count} 个正文段落字号不是 {want} 磅（{actual} 磅）：{where}",
                 "{count} body paragraph(s) not {want} pt ({actual} pt): {where}"),
    }

    def inspect(self, doc: Document, layout: Layout, preset: LayoutPreset) -> Iterator[Finding]:
        body = body_paragraphs(doc, layout)
        yield from _font_findings(self, doc, [(p.line, p.runs) for p in body], preset.body_font,
                                  preset, "font")
        wrong = [(p.line, size) for p in body
                 if (size := _wrong_size(p.runs, preset.body_size, preset)) is not None]
        if wrong:
            yield self.paragraphs(doc, [line for line, _ in wrong], "size",
                                  want=_number(preset.body_size),
                                  actual=_number(_most_common(s for _, s in wrong)))


@register
class TitleFont(LayoutRule):
    """标题不是二号（22 磅）小标宋，或没有居中（仅 .docx）。

    标题是文档模型认出的报告标题（可以折成两行）。“小标宋”字体族包括方正小标宋简体、方正小标宋_GBK
    等；华文中宋、加粗宋体是常见的替代字体，但不是小标宋，标准版式不接受，本地版式可在自己的
    ``fonts`` 中加入。字体、字号、对齐方式各报告一次，位置为标题。

    为什么：GB/T 9704-2012 规定标题用二号小标宋体字、居中排布。标题是审核人最先看到的地方。

    示例（错误）::

        关于2024年度法治政府建设情况的报告      ← 黑体三号、左对齐
    """

    doc_en = """The title is not 小标宋 in size 二号 (22 pt), or is not centred (.docx only).

    The title is the report title the document model recognised (it may wrap onto two lines). The
    小标宋 family includes 方正小标宋简体, 方正小标宋_GBK and others; 华文中宋 and bold 宋体 are
    common substitutes but not 小标宋: the standard preset does not accept them, and a local
    preset can add them to its own ``fonts``. Font, size and alignment are each reported once, at
    the title.

    Why: GB/T 9704-2012 sets the title in 二号 小标宋, centred. The title is the first thing a
    reviewer sees.

    Example (error)::

        关于2024年度法治政府建设情况的报告      ← 黑体三号、左对齐
    """

    code = "LL703"
    name = "title-font"
    severity = "warning"
    messages = {
        "font": ("标题不是{family}（{actual}）：{where}", "the title is not in the {family} "
                 "family ({actual}): {where}"),
        "size": ("标题字号不是 {want} 磅（{actual} 磅）：{where}",
                 "the title is not {want} pt ({actual} pt): {where}"),
        "align": ("标题应居中（{actual}）：{where}", "the title should be centred ({actual}): "
                  "{where}"),
    }

    def inspect(self, doc: Document, layout: Layout, preset: LayoutPreset) -> Iterator[Finding]:
        if doc.title is None:
            return
        title = [layout.paragraphs[n] for n in doc.title.lines if n in layout.paragraphs]
        yield from _font_findings(self, doc, [(p.line, p.runs) for p in title], preset.title_font,
                                  preset, "font")
        sizes = [(p.line, s) for p in title
                 if (s := _wrong_size(p.runs, preset.title_size, preset)) is not None]
        if sizes:
            yield self.paragraphs(doc, [line for line, _ in sizes], "size",
                                  want=_number(preset.title_size), actual=_number(sizes[0][1]))
        aligned = [p for p in title if p.alignment != preset.title_align]
        if aligned:
            yield self.paragraphs(doc, [p.line for p in aligned], "align",
                                  actual=self.alignment(aligned[0].alignment))


@register
class HeadingFont(LayoutRule):
    """各级标题字体不合 GB/T 9704：一级黑体，二级楷体，三、四级仿宋（仅 .docx）。

    标题及其级别来自文档的编号结构（Word 自动编号显示的“一、”也算）。只看标题本身：段中标题
    （（一）加强队伍建设。加大……）只检查句号之前的标题部分。每一级的问题报告一次，列出该级所有
    字体不对的标题，位置为第一个。字体族见 checks/layout.yaml 的 ``fonts``。

    为什么：GB/T 9704-2012 规定结构层次序数第一层用黑体、第二层用楷体、第三层和第四层用仿宋。
    标题字体统一，层次才一目了然。

    示例（错误）::

        2 个一级标题不是黑体（多为仿宋）：第3、9段
    """

    doc_en = """Heading fonts do not match GB/T 9704: 黑体 for level 1, 楷体 for level 2, 仿宋 for levels 3
    and 4 (.docx only).

    Headings and their levels come from the document's numbering structure (a 一、 shown by Word's
    automatic numbering counts too). Only the heading itself is checked: of a heading run into its
    paragraph (（一）加强队伍建设。加大……), only the part before the full stop. The problems of
    each level are reported once, listing every heading of that level in a wrong font, at the
    first of them. The font families are in ``fonts`` of checks/layout.yaml.

    Why: GB/T 9704-2012 sets the first level of structural numbers in 黑体, the second in 楷体,
    the third and fourth in 仿宋. Uniform heading fonts make the levels clear at a glance.

    Example (error)::

        2 个一级标题不是黑体（多为仿宋）：第3、9段
    """

    code = "LL704"
    name = "heading-font"
    severity = "warning"
    messages = {
        "font": ("{count} 个{level}标题不是{family}（{actual}）：{where}",
                 "{count} level-{level} heading(s) not in the {family} family ({actual}): "
                 "{where}"),
    }

    def inspect(self, doc: Document, layout: Layout, preset: LayoutPreset) -> Iterator[Finding]:
        for level, family in sorted(preset.headings.items()):
            shown = []
            for heading in doc.headings:
                paragraph = layout.paragraphs.get(heading.line)
                if heading.level != level or paragraph is None or paragraph.in_table:
                    continue
                end = heading.body_start if heading.body else len(doc.lines[heading.line - 1])
                shown.append((heading.line, list(paragraph.runs_within(0, end))))
            name = str(level) if self.lang == "en" else _LEVELS_ZH.get(level, f"{level} 级")
            yield from _font_findings(self, doc, shown, family, preset, "font", level=name)


@register
class LineSpacing(LayoutRule):
    """正文行距与每页 22 行的版式相差较大（约 28—29 磅）（仅 .docx）。

    GB/T 9704-2012 规定版心内每页 22 行，即每行约 28.95 磅。Word 中常见的合格做法是行距“固定值
    28 磅”或“29 磅”，或在“文档网格”中指定每页 22 行并用单倍行距。按 Word 的方式计算每段一行的
    高度：固定值取其值；“多倍”“单倍”按字号估算（单倍约为字号的 1.3 倍），在文档网格上按整格
    计算。可接受的范围（默认 27.5—30 磅）在 checks/layout.yaml 中。落款不算。

    为什么：行距太密或太疏，一页的行数就不对，正文页数、版面都与公文不符；粘贴来的段落常带着
    单倍行距。

    示例（错误）::

        8 个正文段落行距不在 27.5—30 磅之间（多为 20.8 磅）：第4、5、6…段
    """

    doc_en = """Body line spacing far from the layout of 22 lines a page (about 28–29 pt) (.docx only).

    GB/T 9704-2012 sets 22 lines a page in the type area, about 28.95 pt a line. Common correct
    settings in Word are an exact line spacing of 28 pt or 29 pt, or 22 lines a page in the
    document grid with single spacing. The height of a line of each paragraph is computed as Word
    does: an exact value as given; multiple and single spacing estimated from the font size
    (single is about 1.3 times the size), counted in whole grid lines on a document grid. The
    accepted range (27.5–30 pt by default) is in checks/layout.yaml. The signature does not count.

    Why: with lines too tight or too loose, a page holds the wrong number of lines, and the page
    count and layout no longer match an official document's; pasted paragraphs often bring single
    spacing along.

    Example (error)::

        8 个正文段落行距不在 27.5—30 磅之间（多为 20.8 磅）：第4、5、6…段
    """

    code = "LL705"
    name = "line-spacing"
    severity = "info"
    messages = {
        "spacing": ("{count} 个正文段落行距不在 {low}—{high} 磅之间（{actual} 磅）：{where}，"
                    "可设为固定值 28 磅或每页 22 行的文档网格",
                    "{count} body paragraph(s) with line spacing outside {low}–{high} pt "
                    "({actual} pt): {where}; use exactly 28 pt or a 22-lines-per-page grid"),
    }

    def inspect(self, doc: Document, layout: Layout, preset: LayoutPreset) -> Iterator[Finding]:
        wrong = [p for p in body_paragraphs(doc, layout, prose=True)
                 if not preset.spacing_min - 0.05 <= p.line_spacing <= preset.spacing_max + 0.05]
        if wrong:
            yield self.paragraphs(doc, [p.line for p in wrong], "spacing",
                                  low=_number(preset.spacing_min), high=_number(preset.spacing_max),
                                  actual=_number(_most_common(p.line_spacing for p in wrong)))


@register
class FirstLineIndent(LayoutRule):
    """正文段落首行没有缩进 2 个字符（仅 .docx）。

    按 Word 的方式读取首行缩进（段落格式中的“首行缩进 2 字符”，或以磅、厘米表示的缩进按字号
    折算）；段首键入的全角空格也算缩进（一个全角空格一个字符）。居中、右对齐的段落和落款不算。

    为什么：GB/T 9704-2012 规定正文每自然段左空二字。没有缩进或缩进过大，段落界限不清。

    示例（错误）::

        5 个正文段落首行缩进不是 2 个字符（多为 0 个字符）：第6、7、9…段
    """

    doc_en = """The first line of a body paragraph is not indented by 2 characters (.docx only).

    The first-line indent is read as Word reads it (首行缩进 2 字符 in the paragraph format, or an
    indent in points or centimetres converted by the font size); full-width spaces typed at the
    start of a paragraph count as indent too (one character each). Centred and right-aligned
    paragraphs and the signature do not count.

    Why: GB/T 9704-2012 sets the first line of each body paragraph two characters in. With no
    indent, or too much, paragraphs run into each other.

    Example (error)::

        5 个正文段落首行缩进不是 2 个字符（多为 0 个字符）：第6、7、9…段
    """

    code = "LL706"
    name = "first-line-indent"
    severity = "info"
    messages = {
        "indent": ("{count} 个正文段落首行缩进不是 {want} 个字符（{actual} 个字符）：{where}",
                   "{count} body paragraph(s) not indented by {want} characters ({actual}): "
                   "{where}"),
    }

    def inspect(self, doc: Document, layout: Layout, preset: LayoutPreset) -> Iterator[Finding]:
        wrong = [p for p in body_paragraphs(doc, layout, prose=True)
                 if p.alignment not in ("center", "right", "end")
                 and abs(p.first_line_chars - preset.indent_chars) > preset.indent_tolerance]
        if wrong:
            yield self.paragraphs(doc, [p.line for p in wrong], "indent",
                                  want=_number(preset.indent_chars),
                                  actual=_number(_most_common(p.first_line_chars for p in wrong)))


@register
class PageNumberRule(LayoutRule):
    """页脚没有页码，或页码不是四号、两侧没有一字线（— 1 —）（仅 .docx）。

    在各节页脚中找页码域（PAGE），按第 1 页显示的样子检查：字号为四号（14 磅），两侧各有一个
    一字线（—，U+2014），写作“— 1 —”。手工键入的数字不是页码：翻页后不会变。每类问题报告一次，
    位置为第 1 段。

    为什么：GB/T 9704-2012 规定页码用四号半角宋体阿拉伯数字，数字左右各放一条一字线。没有页码
    的多页材料，审核时无法指明位置。

    示例（错误）::

        页脚：1          ← 应为“— 1 —”
    """

    doc_en = """The footer has no page number, or the number is not 四号 with a one-em dash on each side
    (— 1 —) (.docx only).

    The page number field (PAGE) is looked for in each section's footers and checked as it shows
    on page 1: size 四号 (14 pt), with one em dash (—, U+2014) on each side, written — 1 —. A
    typed number is not a page number: it does not change from page to page. Each kind of problem
    is reported once, at paragraph 1.

    Why: GB/T 9704-2012 sets page numbers in 四号 half-width 宋体 Arabic digits with an em dash on
    each side. A report of several pages without page numbers leaves reviewers no way to point at
    a place.

    Example (error)::

        页脚：1          ← 应为“— 1 —”
    """

    code = "LL707"
    name = "page-number"
    severity = "info"
    messages = {
        "missing": ("页脚没有页码，请插入页码（“插入—页码”），格式为“— 1 —”",
                    "no page number in the footer; insert a PAGE field shown as — 1 —"),
        "size": ("页码字号应为 {want} 磅（四号），实为 {actual} 磅",
                 "the page number should be {want} pt, is {actual} pt"),
        "dash": ("页码两侧应各有一条一字线，写作“{want}”，实为“{actual}”",
                 "the page number should have a dash on each side, {want}, is {actual}"),
    }

    def inspect(self, doc: Document, layout: Layout, preset: LayoutPreset) -> Iterator[Finding]:
        number, span = layout.page_number, doc.line_span(1)
        if number is None:
            yield self.report(span, "missing")
            return
        size = next((s for s in number.sizes if not preset.size_is(s, preset.page_number_size)),
                    None)
        if size is not None:
            yield self.report(span, "size", want=_number(preset.page_number_size),
                              actual=_number(size))
        text, dash = number.text.strip(), preset.page_number_dash
        inner = text[len(dash):len(text) - len(dash)].strip()
        if not (text.startswith(dash) and text.endswith(dash) and len(text) > 2 * len(dash)
                and inner.isdigit()):
            yield self.report(span, "dash", want=f"{dash} 1 {dash}", actual=text)
