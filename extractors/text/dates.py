"""Dates as Korean, Chinese and English documents print them, OCR spacing included.

Korean 공문 style is `2025. 3. 12.`, registry data `20250312`, Coupang mail `2023-03-09`
(DOMAIN.md §9); the `Hangul` OCR model spaces the parts out (`2025 년 3 월 12 일`).
A date-shaped expression that is not a real day (2025-02-30) gives None, never a nearby day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"

# Each form names its groups y, m, d; the year is four digits so a stray number is not a year.
_FORMS = [
    r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일",
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]",
    # One separator used throughout: "2025. 3. 12." "2025-03-12" "2025/3/12"; never mixed.
    r"(?P<y>\d{4})\s*(?P<sep>[./-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?:\s*\.(?!\d))?",
    # OCR reads a period as ":" or "," now and then ("2026: 5. 9."); tolerated only beside a real period.
    r"(?P<y>\d{4})\s*\.\s*(?P<m>\d{1,2})\s*[:,]\s*(?P<d>\d{1,2})(?:\s*\.(?!\d))?",
    r"(?P<y>\d{4})\s*[:,]\s*(?P<m>\d{1,2})\s*\.\s*(?P<d>\d{1,2})(?:\s*\.(?!\d))?",
    r"(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})",
    rf"(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})",
    rf"(?P<d>\d{{1,2}}){_ORD}\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})",
]


def _numbered(form: str, i: int) -> str:
    """Give each form's groups unique names (y0, m0 …) so all forms fit in one alternation."""
    return re.sub(r"\(\?P([<=])(\w+)", lambda m: f"(?P{m.group(1)}{m.group(2)}{i}", form)


_DATE = re.compile(
    "|".join(
        rf"(?<![0-9A-Za-z])(?:{_numbered(f, i)})(?![0-9])" for i, f in enumerate(_FORMS)
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int
    end: int
    text: str


def parse_date(text: str) -> dt.date | None:
    """The date the text begins with (its first date-shaped expression); None if not a real day."""
    for shaped in _scan(text):
        return shaped[0]
    return None


def find_dates(text: str) -> list[FoundDate]:
    """Every real date in the text, in order, with its span."""
    return [FoundDate(d, s, e, text[s:e]) for d, s, e in _scan(text) if d is not None]


def _scan(text: str) -> Iterator[tuple[dt.date | None, int, int]]:
    for m in _DATE.finditer(text):
        parts = {_base(k): v for k, v in m.groupdict().items() if v is not None}
        month = _MONTHS[parts["mon"].lower()] if "mon" in parts else int(parts["m"])
        yield _day(int(parts["y"]), month, int(parts["d"])), m.start(), m.end()


def _base(group: str) -> str:
    return group.rstrip("0123456789")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
