"""Dates in every form the documents print them, OCR spacing included; impossible dates are None."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.dates import find_dates, parse_date

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
