"""Validity periods as printed: "2026. 1. 1. ~ 2027. 12. 31.", "…까지", "from … until …",
"自…至…止"; a lone date only with a start or end cue beside it (rules/authorization_fields.toml
[dates])."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from extractors.fields.authorization_rules import alternation, terms
from extractors.text.dates import FoundDate, find_dates

_NEAR_VALIDITY = 40  # characters before a period in which a validity word makes it the letter's own


def first_date(value: str | None) -> dt.date | None:
    found = find_dates(value or "")
    return found[0].date if found else None


@lru_cache(maxsize=1)
def _joiner() -> re.Pattern[str]:
    joiners = alternation("dates", "range_joiners")
    opens = alternation("dates", "from_cues")
    return re.compile(rf"^[\s,]*(?:{opens})?\s*(?:{joiners})\s*(?:{opens})?[\s,]*$", re.IGNORECASE)


def period(value: str, bare_is_end: bool = False) -> tuple[dt.date | None, dt.date | None]:
    """Start and end of a period as printed; "…까지", "until …", "至…止" alone give only the end."""
    dates = find_dates(value)
    for first, second in zip(dates, dates[1:]):
        if _joiner().match(value[first.end:second.start]) and second.date > first.date:
            return first.date, second.date
    for found in dates:
        role = _role(value, found)
        if role == "end":
            return None, found.date
        if role == "start":
            return found.date, None
    if len(dates) == 1 and terms("dates", "open_end").search(value, dates[0].end):
        return dates[0].date, None  # "2026. 5. 29. 별도 해지 통보 시까지": from that date, no printed end
    if bare_is_end and len(dates) == 1:
        return None, dates[0].date  # "유효기간: 2027. 12. 31.": a validity with one date is its end
    return None, None


def _role(text: str, found: FoundDate) -> str | None:
    """Whether the words right around a lone date make it a period's start or end."""
    after = text[found.end:found.end + 12]
    before = text[max(0, found.start - 20):found.start]
    if re.match(rf"\s*(?:{alternation('dates', 'until_cues')})", after):
        return "end"
    if re.search(rf"(?:{alternation('dates', 'until_before')})\s*[:：]?\s*$", before, re.IGNORECASE):
        return "end"
    if re.match(rf"\s*(?:{alternation('dates', 'from_cues')})", after, re.IGNORECASE):
        return "start"
    if re.search(rf"(?:{alternation('dates', 'from_cues')})\s*$", before, re.IGNORECASE):
        return "start"
    return None


def prose_period(flat: str) -> tuple[dt.date | None, dt.date | None]:
    """A period in a sentence; one next to a validity word ("기간", "valid", "期限") first.

    A lone date counts only with a start or end cue beside it: the letter's own date line is not
    its validity.
    """
    validity = terms("labels", "validity")
    dates = find_dates(flat)
    pairs = [(a, b) for a, b in zip(dates, dates[1:])
             if _joiner().match(flat[a.end:b.start]) and b.date > a.date]
    pairs.sort(key=lambda p: not validity.search(flat[max(0, p[0].start - _NEAR_VALIDITY):p[0].start]))
    if pairs:
        return pairs[0][0].date, pairs[0][1].date
    start = end = None
    for found in dates:
        role = _role(flat, found)
        if role == "end" and end is None:
            end = found.date
        elif role == "start" and start is None:
            start = found.date
    return start, end
