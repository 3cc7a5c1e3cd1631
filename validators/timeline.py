"""Date rules driven by `as_of`: the appeal deadline, Korean public holidays, repeated appeals."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from casefile.codes import FindingCode
from casefile.result import Finding
from validators.facts import CaseFacts
from validators.findings import finding
from validators.rules import load_rules


def check_deadline(facts: CaseFacts) -> list[Finding]:
    if facts.appeal_deadline is None or facts.as_of <= facts.appeal_deadline:
        return []
    return [finding(FindingCode.appeal_deadline_passed, deadline=facts.appeal_deadline, as_of=facts.as_of)]


@lru_cache(maxsize=16)
def korean_holidays(first_year: int, last_year: int) -> holidays.HolidayBase:
    cal = holidays.KR(years=range(first_year, last_year + 1), language="ko")
    for extra in load_rules().timing.extra_holidays:
        cal[dt.date.fromisoformat(extra)] = "임시공휴일"
    return cal


def check_holidays(facts: CaseFacts) -> list[Finding]:
    deadline = facts.appeal_deadline
    if deadline is None or deadline < facts.as_of:
        return []
    cal = korean_holidays(facts.as_of.year, deadline.year)
    days = [facts.as_of + dt.timedelta(days=i) for i in range((deadline - facts.as_of).days + 1)]
    names = [f"{d.isoformat()} {cal.get(d)}" for d in days if d in cal]
    if not names:
        return []
    return [finding(FindingCode.holiday_slowdown, as_of=facts.as_of, deadline=deadline, holidays=", ".join(names))]


def check_resubmission(facts: CaseFacts) -> list[Finding]:
    previous = facts.config.appeal.previous_appeal_date
    if previous is None:
        return []
    gap = load_rules().timing.min_days_between_appeals
    elapsed = (facts.as_of - previous).days
    if 0 <= elapsed < gap:
        return [finding(FindingCode.resubmission_too_soon, previous=previous, days=elapsed,
                        next_date=previous + dt.timedelta(days=gap))]
    return []
