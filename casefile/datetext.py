"""Dates as each language writes them in prose: `2026. 11. 28.` in Korean, `2026年11月28日` in Chinese.

The Korean form is the 공문 one (DOMAIN.md §6: periods for 년·월·일, a space after each period, no
zero padding, not `2026.11.28.` nor `2026. 01. 05.`). The contract's own `YYYY-MM-DD` stays the form
of every date field in result.json; these are for sentences a person reads.
"""

from __future__ import annotations

import datetime as dt


def kdate(value: dt.date | None) -> str:
    """공문 date: `2026. 11. 28.`; empty for None."""
    return "" if value is None else f"{value.year}. {value.month}. {value.day}."


def zh_date(value: dt.date | None) -> str:
    """`2026年11月28日`; empty for None."""
    return "" if value is None else f"{value.year}年{value.month}月{value.day}日"
