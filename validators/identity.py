"""Identity checks: the 사업자등록번호 check digit (DOMAIN.md §4.1)."""

from __future__ import annotations

import re

from casefile.codes import FindingCode
from casefile.result import Finding
from validators.facts import CaseFacts
from validators.findings import finding

# Weights and the extra term for the ninth digit: DOMAIN.md §4.1 (realrains/kbrn ChecksumUtils).
_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def business_number_valid(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    if len(digits) != 10:
        return False
    d = [int(c) for c in digits]
    total = sum(x * w for x, w in zip(d[:9], _WEIGHTS)) + (d[8] * 5) // 10
    return (10 - total % 10) % 10 == d[9]


def check_business_number(facts: CaseFacts) -> list[Finding]:
    number = facts.config.seller.business_number
    if number is None or business_number_valid(number):
        return []
    return [finding(FindingCode.business_number_invalid, ["case.toml"], business_number=number)]
