"""The date reader (lawlint.model.dates): forms, spans, ranges, the report year and the body's end."""

from __future__ import annotations

import pytest
from conftest import lint

from lawlint.errors import LawlintError
from lawlint.model.dates import excused, in_name, opening_year, scan_dates
from lawlint.rules.time import SigningDateWindow


def doc(text: str, **config):
    return lint(text, select=(), **config).document


def only(text: str):
    d = doc(text)
    assert len(d.dates) == 1, d.dates
    return d, d.dates[0]


@pytest.mark.parametrize("text,form,ymd", [
    ("2024年1月29日", "arabic", (2024, 1, 29)),
    ("2024年1月", "arabic", (2024, 1, None)),
    ("2024年", "arabic", (2024, None, None)),
    ("2024年度", "arabic", (2024, None, None)),
    ("2024-02-05", "iso", (2024, 2, 5)),
    ("2024.1.29", "dot", (2024, 1, 29)),
    ("2024/1/29", "slash", (2024, 1, 29)),
    ("二〇二四年", "hanzi", (2024, None, None)),
    ("二〇二四年一月二十九日", "hanzi", (2024, 1, 29)),
    ("24年1月29日", "short", (2024, 1, 29)),
    ("24年度", "short", (2024, None, None)),
    ("２０２４年１２月３１日", "arabic", (2024, 12, 31)),
    ("1月29日", "arabic", (None, 1, 29)),
])
def test_forms(text: str, form: str, ymd: tuple) -> None:
    _, mention = only(f"会议于{text}召开。")
    assert mention.kind == "date" and mention.form == form
    assert (mention.year, mention.month, mention.day) == ymd
    assert mention.problem is None


def test_span_is_in_the_original_text() -> None:
    d, mention = only("正文。\n　　会议于２０２４年１月 ２９日召开。")
    assert d.text[mention.start : mention.end] == "２０２４年１月 ２９日" == mention.text
    assert (mention.line, mention.column) == (2, 5)
    span = d.span(mention.start, mention.end)
    assert (span.line, span.column, span.end_column) == (2, 6, 17)
    assert mention.spaced and not mention.padded


def test_padding_and_day_mark() -> None:
    _, mention = only("2024年01月09号")
    assert mention.padded and mention.day_mark == "号" and mention.canonical() == "2024年1月9日"


@pytest.mark.parametrize("text", ["2021—2025年", "2021-2025年", "2021－2025年", "2021年至2025年",
                                  "2021年—2025年", "2021——2025年"])
def test_ranges(text: str) -> None:
    _, mention = only(f"《纲要（{text}）》")
    assert mention.kind == "range" and (mention.year, mention.end_year) == (2021, 2025)
    assert not mention.is_year and mention.problem is None


@pytest.mark.parametrize("text,problem", [
    ("20212025年", "glued"), ("2025—2021年", "range-order"), ("2024年13月", "month"),
    ("2024年2月30日", "day"), ("2023年2月29日", "day"), ("二〇二四年二月三十日", "day"),
    ("2024-04-31", "day"), ("0月5日", "month"),
])
def test_problems(text: str, problem: str) -> None:
    assert only(text)[1].problem == problem


def test_leap_day_without_a_year_is_possible() -> None:
    assert only("2月29日")[1].problem is None


@pytest.mark.parametrize("text", ["3.15活动", "“3·15”“12·4”", "〔2025〕17号", "近20年来",
                                  "2000多份", "1100万美元", "第12345号", "3年来", "2024.5万元"])
def test_not_dates(text: str) -> None:
    assert scan_dates(text) == []


def test_a_year_with_a_month_range_is_a_year() -> None:
    _, mention = only("2024年1—6月")
    assert mention.text == "2024年" and mention.month is None


def test_several_on_one_line_in_order() -> None:
    d = doc("2019年至今，2023年12月31日前，较2022年。")
    assert [m.text for m in d.dates] == ["2019年", "2023年12月31日", "2022年"]
    assert all(excused(m) for m in (d.dates[0], d.dates[2]))
    assert not excused(d.dates[1])


def test_names_in_brackets() -> None:
    d = doc("落实《2024年工作要点》，2024年完成。")
    assert [in_name(m) for m in d.dates] == [True, False]


# --- the report year ---------------------------------------------------------------------------
@pytest.mark.parametrize("text,year", [
    ("青石镇关于2024年度法治政府建设情况的报告\n正文。", 2024),
    ("关于青石镇2023年法治政府建设情况和2024年工作安排的报告\n正文。", 2023),
    ("关于法治政府建设情况的报告\n2024年，我镇坚持依法行政。", 2024),
    ("关于法治政府建设情况的报告\n在2024年，我镇坚持依法行政。", 2024),
    ("关于法治政府建设情况的报告\n现将青石镇2024年法治建设情况报告如下：", 2024),
    ("二〇二四年度法治政府建设情况报告\n正文。", 2024),
    ("一、2024年主要举措和成效\n正文。", 2024),
    ("关于法治政府建设情况的报告\n自2019年以来，我镇坚持依法行政。", None),
    ("关于法治政府建设情况的报告\n落实《2024年工作要点》，成效明显。", None),
    ("关于法治政府建设情况的报告\n我镇坚持依法行政，到2024年全覆盖。", None),
    ("关于法治政府建设情况的报告\n正文。", None),
])
def test_report_year(text: str, year: int | None) -> None:
    assert doc(text).report_year == year


def test_config_year_overrides_the_title() -> None:
    assert doc("青石镇关于2024年度法治政府建设情况的报告\n正文。", year=2023).report_year == 2023


def test_opening_skips_page_timestamp() -> None:
    d = doc("关于法治政府建设情况的报告\n时间: 2024-02-05 08:10\n2023年是开局之年，我镇……\n一、举措\n")
    assert opening_year(d).text == "2023年" and d.report_year == 2023


def test_report_year_in_json_result() -> None:
    assert lint("青石镇关于2024年度法治政府建设情况的报告\n", select=()).report_year == 2024


# --- where the body ends ----------------------------------------------------------------------
def test_body_ends_before_signature_and_residue() -> None:
    d = doc("青石镇关于2024年度法治政府建设情况的报告\n一、举措\n正文。\n\n"
            "        青石镇人民政府\n\n        2025年1月20日\n \n来源：青石镇\n附件下载\n")
    assert d.body_end_line == 3


def test_body_ends_before_residue_without_signature() -> None:
    d = doc("关于2024年度法治政府建设情况的报告\n正文。\n扫一扫在手机打开当前页\n")
    assert d.body_end_line == 2


def test_body_end_of_plain_text() -> None:
    assert doc("正文。\n第二段。\n\n").body_end_line == 2
    assert doc("").body_end_line == 0


def test_dates_are_cached() -> None:
    d = doc("2024年。")
    assert d.dates is d.dates


# --- LL405's option -----------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["13-01", "02-30", "0401", "April 1", "02-29"])
def test_deadline_option_is_validated(value: str) -> None:
    with pytest.raises(LawlintError, match="deadline"):
        SigningDateWindow.validate_options({"deadline": value}, "x.yaml")


def test_deadline_option_accepts_month_and_day() -> None:
    assert SigningDateWindow.validate_options({"deadline": "3-1"}, "x.yaml") == {"deadline": "3-1"}


def test_deadline_option_in_a_config_file(tmp_path) -> None:
    from lawlint.config import load_config

    path = tmp_path / ".lawlint.yaml"
    path.write_text('rules: {LL405: {deadline: "3-32"}}\n', encoding="utf-8")
    with pytest.raises(LawlintError, match=r"\.lawlint\.yaml.*deadline"):
        load_config(path)


# --- checks/time.yaml is validated ------------------------------------------------------------
def test_time_pack_shape_errors_name_the_key() -> None:
    from lawlint.model.dates import _context, _era
    from lawlint.model.packs import PackError, Shape

    shape = Shape("checks/time.yaml")
    with pytest.raises(PackError, match="comparison.*未知的键 'befor'"):
        _context(shape, {"befor": ["较"]}, "comparison")
    with pytest.raises(PackError, match=r"eras\[0\].*末年早于首年"):
        _era(shape, {"match": ["七五"], "first": 2020, "last": 2016, "name": "七五"}, "eras[0]")
    with pytest.raises(PackError, match=r"eras\[0\].*缺少键 'name'"):
        _era(shape, {"match": ["七五"], "first": 2016, "last": 2020}, "eras[0]")


def test_time_pack_loads() -> None:
    from lawlint.model.dates import time_vocabulary

    vocab = time_vocabulary()
    assert "较" in vocab.comparison.before and "今年" in vocab.relative_words
    assert vocab.place_suffixes[0] == max(vocab.place_suffixes, key=len)


def _profile_with_deadline(tmp_path, line: str):
    from lawlint.model.profiles import builtin_profiles

    text = builtin_profiles()["fzzf-annual"].read_text(encoding="utf-8")
    path = tmp_path / "province.yaml"
    path.write_text(text.replace('deadline: "03-01"', line), encoding="utf-8")
    return path


def test_a_profile_sets_the_deadline(tmp_path) -> None:
    from lawlint.config import Config
    from lawlint.engine import lint_text

    text = "某某省关于2024年度法治政府建设情况的报告\n正文。\n某某省人民政府\n2025年3月20日\n"
    late = lint_text(text, Config(select=("LL405",)))
    assert [f.line for f in late.findings] == [4]  # the default profile: 1 March
    province = str(_profile_with_deadline(tmp_path, 'deadline: "04-01"'))
    assert lint_text(text, Config(select=("LL405",), profile=province)).findings == []
    # the rule's option wins over the profile
    strict = Config(select=("LL405",), profile=province, rule_options={"LL405": {"deadline": "3-1"}})
    assert [f.line for f in lint_text(text, strict).findings] == [4]


def test_a_profile_deadline_is_validated(tmp_path) -> None:
    from lawlint.model.profiles import load_profile_file

    with pytest.raises(LawlintError, match="deadline"):
        load_profile_file(_profile_with_deadline(tmp_path, 'deadline: "02-30"'))
