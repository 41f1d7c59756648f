"""Build examples/township-report.docx: a made-up township report as a Word document.

    python scripts/make_example_docx.py [--check]

Its headings are Word automatic numbering (one outline list: 一、 （一） 1.), not typed numbers,
and it holds a few content defects (a rate that does not match its counts, more resolved than
received, a skipped heading number, a late signing date) and a few GB/T 9704 layout defects
(Word's default top margin, two body paragraphs pasted in 宋体, a title not centred, no page
number). The document is built with the same builder the layout tests use
(tests/layout_builder.py). ``--check`` says whether the committed file reads as this script
builds it (exit 1 if not).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from layout_builder import build, to_bytes  # noqa: E402

from lawlint.readers import read_data  # noqa: E402

TARGET = ROOT / "examples" / "township-report.docx"

BODY = {"font": "仿宋_GB2312", "size": 16, "line": "exact 28", "indent-chars": 2, "align": "both"}
SPEC = {
    # Word's default top and bottom margins (25.4 mm) instead of GB/T 9704's 37 mm: LL701
    "page": {"width": 210, "height": 297, "top": 25.4, "bottom": 25.4, "left": 28, "right": 26},
    "styles": {
        "Normal": BODY,
        # the title is not centred: LL703
        "Title": {"font": "方正小标宋简体", "size": 22, "align": "left", "indent-chars": 0,
                  "line": "exact 28"},
        "Heading1": {"font": "黑体", "size": 16, "indent-chars": 2, "line": "exact 28"},
        "Heading2": {"font": "楷体_GB2312", "size": 16, "indent-chars": 2, "line": "exact 28"},
        "Heading3": {"font": "仿宋_GB2312", "size": 16, "indent-chars": 2, "line": "exact 28"},
        "Addressee": {"based-on": "Normal", "indent-chars": 0},
        "Signature": {"based-on": "Normal", "indent-chars": 0, "align": "right"},
    },
    "paragraphs": [
        ["Title", "白沙镇2024年度法治政府建设情况的报告"],
        ["Addressee", "县委全面依法治县委员会："],
        ["Normal", "2024年，白沙镇坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下。"],
        {"style": "Heading1", "text": "2024年推进法治政府建设的主要举措和成效", "list-level": 0},
        {"style": "Heading2", "text": "健全依法决策机制", "list-level": 1},
        ["Normal", "全年提交合法性审查的重大行政决策事项6件，均在审查后提交镇党委会议集体讨论。"],
        {"style": "Heading2", "text": "化解矛盾纠纷", "list-level": 1},
        # pasted from another document in 宋体: LL702; 化解率 does not match 45/50: LL302
        {"style": "Normal", "font": "宋体",
         "text": "全年排查矛盾纠纷50件，成功化解45件，化解率96%。"},
        # more resolved than received: LL301
        {"style": "Normal", "font": "宋体", "text": "受理群众来信来访30件，办结32件。"},
        {"style": "Heading3", "text": "建立村级法律顾问制度", "list-level": 2},
        ["Normal", "为12个行政村聘请法律顾问，全年提供法律咨询86次。"],
        # a typed number in the automatic list, skipping （三）: LL101
        ["Heading2", "（四）加强法治宣传"],
        ["Normal", "开展“法律进乡村”活动15场，发放宣传资料3000余份。"],
        {"style": "Heading1", "text": "党政主要负责人履行推进法治建设第一责任人职责情况",
         "list-level": 0},
        ["Normal", "镇党委书记主持召开专题会议4次，研究解决法治建设重点问题。"],
        {"style": "Heading1", "text": "存在的不足和原因", "list-level": 0},
        ["Normal", "部分村干部运用法治思维化解矛盾的能力不强，主要原因是培训针对性不够。"],
        {"style": "Heading1", "text": "2025年推进法治政府建设的主要安排", "list-level": 0},
        ["Normal", "持续开展学法用法活动，全年组织集中学法不少于4次。"],
        ["Signature", "白沙镇人民政府"],
        # signed after the 1 March deadline: LL405
        ["Signature", "2025年4月20日"],
    ],
    # no footer: no page number (LL707)
}


def build_example() -> bytes:
    return to_bytes(build(SPEC))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the committed example does not read as built here")
    options = parser.parse_args(argv)
    data = build_example()
    if options.check:
        built = read_data(data, TARGET.name).text
        committed = read_data(TARGET.read_bytes(), TARGET.name).text
        if built != committed:
            print(f"{TARGET} is out of date: run python scripts/make_example_docx.py")
            return 1
        print(f"{TARGET} is current")
        return 0
    TARGET.write_bytes(data)
    print(f"wrote {TARGET} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
