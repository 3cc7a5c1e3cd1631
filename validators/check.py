"""All checks over one case, in a fixed order; each is a plain function CaseFacts -> findings."""

from __future__ import annotations

from collections.abc import Callable

from casefile.codes import Severity, Status
from casefile.result import Finding
from validators.authorization import check_authorization_dates, check_signatures
from validators.certificates import check_certificate_expiry, check_certificate_numbers
from validators.consistency import check_model
from validators.documents import check_duplicates
from validators.evidence import check_required_evidence
from validators.facts import CaseFacts
from validators.findings import dedupe
from validators.identity import check_business_number
from validators.identity_checks import check_brand, check_product_ids, check_products, check_seller
from validators.ingredients import check_prohibited_ingredients, check_restricted_ingredients
from validators.timeline import check_deadline, check_holidays, check_resubmission

Check = Callable[[CaseFacts], list[Finding]]

CHECKS: tuple[Check, ...] = (
    check_required_evidence,
    check_certificate_numbers,
    check_certificate_expiry,
    check_authorization_dates,
    check_signatures,
    check_model,
    check_seller,
    check_brand,
    check_products,
    check_product_ids,
    check_business_number,
    check_prohibited_ingredients,
    check_restricted_ingredients,
    check_deadline,
    check_resubmission,
    check_holidays,
    check_duplicates,
)


def check_case(facts: CaseFacts) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(facts))
    return dedupe(findings)


def status_of(findings: list[Finding]) -> Status:
    """`needs_fixes` when any finding is an error (CONTRACT.md), else `ready`."""
    return Status.needs_fixes if any(f.severity is Severity.error for f in findings) else Status.ready
