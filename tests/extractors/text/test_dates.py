"""Dates in every form the documents print them, OCR spacing included; impossible dates are None."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.text.dates import find_dates, parse_date

D = dt.date(2025, 3, 12)


@pytest.mark.parametrize(
    "text",
    [
        "2025년 3월 12일",
        "2025 년 3 월 12 일",
        "2025년 03월 12일",
        "2025. 3. 12.",
        "2025.3.12",
        "2025.03.12",
        "2025 . 03 . 12",
        "2025-03-12",
        "2025/3/12",
        "20250312",
        "2025年3月12日",
        "2025 年 3 月 12 号",
        "March 12, 2025",
        "Mar. 12, 2025",
        "12 Mar 2025",
        "12th March 2025",
        "인증일자: 2025. 3. 12.(수)",
        "2025-03-12T09:30:00+09:00",
    ],
)
def test_parse_date_reads_each_form(text: str) -> None:
    assert parse_date(text) == D


@pytest.mark.parametrize(
    "text",
    ["2025-02-30", "2025년 2월 29일", "2025. 13. 1.", "2025.00.10", "20250231", "31 Feb 2025", "2025年4月31日"],
)
def test_a_day_that_does_not_exist_is_none(text: str) -> None:
    assert parse_date(text) is None
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    ["", "인증번호 HU071695-21012A", "12345678", "2025.03-12", "2025년 3월", "version 1.2.3", "7234567890"],
)
def test_no_date_is_none(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_does_not_skip_an_invalid_first_date_for_a_later_one() -> None:
    assert parse_date("2025-02-30 (정정: 2025-03-01)") is None


def test_find_dates_gives_each_date_with_its_span() -> None:
    text = "유효기간 : 2025. 3. 12. ~ 2028. 3. 11. 까지"
    found = find_dates(text)
    assert [f.date for f in found] == [D, dt.date(2028, 3, 11)]
    assert [text[f.start:f.end] for f in found] == ["2025. 3. 12.", "2028. 3. 11."]


def test_find_dates_mixed_languages() -> None:
    text = "发证日期 2026年3月1日, issued March 2, 2026, 인증일 2026 년 3 월 3 일, 20260304"
    assert [f.date.day for f in find_dates(text)] == [1, 2, 3, 4]


def test_leap_day_is_a_date() -> None:
    assert parse_date("2024. 2. 29.") == dt.date(2024, 2, 29)


# -- round trips: format a random real day in each style and read it back -----------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

STYLES = {
    "korean": lambda d: f"{d.year}년 {d.month}월 {d.day}일",
    "korean_ocr": lambda d: f"{d.year} 년 {d.month} 월 {d.day} 일",
    "korean_padded": lambda d: f"{d.year}년 {d.month:02d}월 {d.day:02d}일",
    "gongmun": lambda d: f"{d.year}. {d.month}. {d.day}.",
    "dotted": lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    "iso": lambda d: d.isoformat(),
    "slash": lambda d: f"{d.year}/{d.month}/{d.day}",
    "compact": lambda d: d.strftime("%Y%m%d"),
    "chinese": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "english_mdy": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "english_short": lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",
    "english_dmy": lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
}

days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))


@pytest.mark.parametrize("style", sorted(STYLES))
@given(day=days)
def test_round_trip(style: str, day: dt.date) -> None:
    assert parse_date(STYLES[style](day)) == day


@given(day=days, style=st.sampled_from(sorted(STYLES)), before=st.sampled_from(["발급일: ", "Date ", "签发 ", ""]))
def test_round_trip_inside_text(day: dt.date, style: str, before: str) -> None:
    text = f"{before}{STYLES[style](day)} 까지"
    [found] = find_dates(text)
    assert found.date == day
    assert text[found.start:found.end].strip(". ") == STYLES[style](day).strip(". ")


def test_an_ocr_colon_beside_a_real_period_is_read_as_a_period() -> None:
    assert parse_date("2026: 5. 9.") == dt.date(2026, 5, 9)
    assert parse_date("2026. 5, 9.") == dt.date(2026, 5, 9)
    assert parse_date("2026:5:9") is None  # no real period: not taken for a date


# -- properties: OCR spacing and padding, impossible days, garbage -------------------------

SPACE = st.sampled_from(["", " ", "  ", "\t", " \n"])
# Texts dense in what dates are made of, so the garbage properties exercise the forms rather
# than random letters the regex never looks at.
DATEISH = st.text(alphabet="0123456789 .-/:,~년월일年月日号號JanFebMrchSeptNovDeubly", max_size=40)


@settings(max_examples=200)
@given(day=days, script=st.sampled_from([("년", "월", "일"), ("年", "月", "日"), ("年", "月", "号"), ("年", "月", "號")]),
       gaps=st.lists(SPACE, min_size=5, max_size=5), pad=st.booleans())
def test_korean_and_chinese_dates_read_with_any_ocr_spacing_and_padding(day, script, gaps, pad) -> None:
    y, m, d = script
    month, dom = (f"{day.month:02d}", f"{day.day:02d}") if pad else (str(day.month), str(day.day))
    text = f"{day.year}{gaps[0]}{y}{gaps[1]}{month}{gaps[2]}{m}{gaps[3]}{dom}{gaps[4]}{d}"
    assert parse_date(text) == day
    assert [f.date for f in find_dates(text)] == [day]


@settings(max_examples=200)
@given(day=days, sep=st.sampled_from([".", "-", "/"]), gaps=st.lists(SPACE, min_size=4, max_size=4),
       pad=st.booleans(), final_dot=st.booleans())
def test_separated_dates_read_with_any_spacing(day, sep, gaps, pad, final_dot) -> None:
    month, dom = (f"{day.month:02d}", f"{day.day:02d}") if pad else (str(day.month), str(day.day))
    text = f"{day.year}{gaps[0]}{sep}{gaps[1]}{month}{gaps[2]}{sep}{gaps[3]}{dom}" + (". 까지" if final_dot else " 까지")
    assert parse_date(text) == day


@settings(max_examples=150)
@given(day=days, case=st.sampled_from([str.lower, str.upper, str.title]), long=st.booleans(),
       dot=st.booleans(), ordinal=st.booleans(), day_first=st.booleans())
def test_english_dates_read_in_any_case_abbreviation_and_order(day, case, long, dot, ordinal, day_first) -> None:
    name = MONTHS[day.month - 1]
    if not long:
        name = name[:3] + ("." if dot and len(name) > 3 else "")
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10 if day.day not in (11, 12, 13) else 0, "th")
    dom = f"{day.day}{suffix if ordinal else ''}"
    text = f"{dom} {case(name)} {day.year}" if day_first else f"{case(name)} {dom}, {day.year}"
    assert parse_date(text) == day


def _last_day(year: int, month: int) -> int:
    return (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day


# A day past its month's end (Feb 29 of a common year, Apr 31 …): months of 31 days have none.
PAST_MONTH_END = st.tuples(st.integers(1950, 2099), st.sampled_from([2, 4, 6, 9, 11])).flatmap(
    lambda ym: st.integers(_last_day(*ym) + 1, 31).map(lambda d: (*ym, d)))
# (year, month, day) that name no real day: past the month's end, day 0, or month 0 / 13+.
IMPOSSIBLE_DAYS = st.one_of(
    PAST_MONTH_END,
    st.tuples(st.integers(1950, 2099), st.integers(1, 12), st.just(0)),
    st.tuples(st.integers(1950, 2099), st.sampled_from([0, 13, 19, 20, 31, 99]), st.integers(1, 28)),
)


NUMERIC_STYLES = {
    "korean": lambda y, m, d: f"{y}년 {m}월 {d}일",
    "chinese": lambda y, m, d: f"{y}年{m}月{d}日",
    "gongmun": lambda y, m, d: f"{y}. {m}. {d}.",
    "iso": lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
    "slash": lambda y, m, d: f"{y}/{m}/{d}",
    "compact": lambda y, m, d: f"{y}{m:02d}{d:02d}",
}


@settings(max_examples=200)
@given(ymd=IMPOSSIBLE_DAYS, style=st.sampled_from(sorted(NUMERIC_STYLES)))
def test_an_impossible_day_in_any_style_is_none_never_a_nearby_day(ymd, style) -> None:
    text = f"유효기간: {NUMERIC_STYLES[style](*ymd)} 까지"
    assert parse_date(text) is None
    assert find_dates(text) == []


@settings(max_examples=100)
@given(ymd=PAST_MONTH_END, long=st.booleans())
def test_an_impossible_day_in_english_is_none(ymd, long) -> None:
    y, m, d = ymd
    name = MONTHS[m - 1] if long else MONTHS[m - 1][:3]
    assert parse_date(f"{name} {d}, {y}") is None
    assert parse_date(f"{d} {name} {y}") is None


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=60), DATEISH))
def test_garbage_never_raises_and_every_date_found_stands_on_its_own(text: str) -> None:
    first = parse_date(text)
    found = find_dates(text)
    # parse_date is the first date-shaped expression: a real day only if find_dates starts with it.
    if first is not None:
        assert found and found[0].date == first
    if not found:
        assert first is None
    end = 0
    for f in found:
        assert end <= f.start < f.end <= len(text), "spans in order, not overlapping"
        assert text[f.start:f.end] == f.text
        assert parse_date(f.text) == f.date, "a found date reads the same out of its context"
        end = f.end


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(blacklist_categories=["Nd"]), max_size=60))
def test_text_without_digits_has_no_date(text: str) -> None:
    assert parse_date(text) is None and find_dates(text) == []


# Context that cannot itself hold or touch a date: no digits, no Latin letters.
CONTEXT = st.text(alphabet="인증일자발급유효기간까지부터签发有效期至 :()[]~,。", max_size=12)


@settings(max_examples=200)
@given(day=days, style=st.sampled_from(sorted(STYLES)), before=CONTEXT, after=CONTEXT)
def test_a_date_in_any_context_is_found_once_with_its_span(day, style, before, after) -> None:
    printed = STYLES[style](day)
    text = f"{before}{printed}{after}"
    [found] = find_dates(text)
    assert found.date == day
    assert found.start == len(before)
    assert found.end >= len(before) + len(printed.rstrip("."))
