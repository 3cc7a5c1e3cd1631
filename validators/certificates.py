"""KC certificate checks: number format per scheme, expiry, expiring soon."""

from __future__ import annotations

import re

from casefile.codes import DocumentKind, FindingCode
from casefile.fields import KcCertificateFields
from casefile.result import Finding
from casefile.text import fold_dashes
from validators.facts import CaseFacts
from validators.findings import finding
from validators.rules import load_rules


def normalise_number(number: str) -> str:
    return fold_dashes(re.sub(r"\s+", "", number)).upper()


def check_certificate_numbers(facts: CaseFacts) -> list[Finding]:
    out: list[Finding] = []
    for doc in facts.of_kind(DocumentKind.kc_certificate):
        fields: KcCertificateFields = doc.fields
        if fields.certificate_number is None:
            continue
        number = normalise_number(fields.certificate_number)
        schemes = load_rules().schemes
        # With the scheme unknown, the number must at least fit one scheme's shape.
        candidates = [schemes[fields.scheme]] if fields.scheme else list(schemes.values())
        if not any(rule.accepts(number) for rule in candidates if rule.requires_number):
            title = candidates[0].title_ko if fields.scheme else "KC"
            out.append(finding(FindingCode.certificate_number_invalid, [doc.path],
                               unsure=facts.unsure(doc, "certificate_number"),
                               number=fields.certificate_number, scheme=title))
    return out


def check_certificate_expiry(facts: CaseFacts) -> list[Finding]:
    out: list[Finding] = []
    soon = load_rules().timing.expiring_soon_days
    for doc in facts.of_kind(DocumentKind.kc_certificate):
        expiry = doc.fields.expiry_date
        if expiry is None:
            continue
        days_left = (expiry - facts.as_of).days
        if days_left < 0:
            out.append(finding(FindingCode.certificate_expired, [doc.path], unsure=facts.unsure(doc, "expiry_date"),
                               expiry=expiry))
        elif days_left <= soon:
            out.append(finding(FindingCode.certificate_expiring_soon, [doc.path], expiry=expiry, days=days_left))
    return out
