"""The closed vocabularies of the contract (../shared/CONTRACT.md): kinds, codes, statuses."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    ready = "ready"
    needs_fixes = "needs_fixes"
    failed = "failed"


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class ReasonCode(StrEnum):
    kc_certification = "kc_certification"
    ip_infringement = "ip_infringement"
    cosmetics_labeling = "cosmetics_labeling"
    listing_mismatch = "listing_mismatch"
    other = "other"


class DocumentKind(StrEnum):
    kc_certificate = "kc_certificate"
    ingredient_list = "ingredient_list"
    authorization_letter = "authorization_letter"
    seller_center_screenshot = "seller_center_screenshot"
    notice_email = "notice_email"
    other = "other"


class TextSource(StrEnum):
    pdf_text = "pdf_text"
    ocr = "ocr"
    docx = "docx"
    email = "email"
    plain = "plain"
    mixed = "mixed"


class PageSource(StrEnum):
    """How one page was read; a document of pages read in several ways is `mixed`."""

    pdf_text = "pdf_text"
    ocr = "ocr"
    docx = "docx"
    email = "email"
    plain = "plain"


class Scheme(StrEnum):
    safety_certification = "safety_certification"  # 안전인증
    safety_confirmation = "safety_confirmation"  # 안전확인
    supplier_conformity = "supplier_conformity"  # 공급자적합성확인
    radio_conformity = "radio_conformity"  # 전파법 적합성평가


class SignatureKind(StrEnum):
    digital = "digital"
    seal = "seal"
    handwritten = "handwritten"
    none = "none"


class FindingCode(StrEnum):
    unsupported_format = "unsupported_format"
    unreadable_document = "unreadable_document"
    low_resolution = "low_resolution"
    encrypted_pdf = "encrypted_pdf"
    certificate_number_invalid = "certificate_number_invalid"
    certificate_expired = "certificate_expired"
    certificate_expiring_soon = "certificate_expiring_soon"
    authorization_expired = "authorization_expired"
    authorization_not_yet_valid = "authorization_not_yet_valid"
    signature_missing = "signature_missing"
    signature_invalid = "signature_invalid"
    prohibited_ingredient = "prohibited_ingredient"
    restricted_ingredient = "restricted_ingredient"
    business_number_invalid = "business_number_invalid"
    model_mismatch = "model_mismatch"
    product_mismatch = "product_mismatch"
    seller_mismatch = "seller_mismatch"
    brand_mismatch = "brand_mismatch"
    missing_required_evidence = "missing_required_evidence"
    appeal_deadline_passed = "appeal_deadline_passed"
    resubmission_too_soon = "resubmission_too_soon"
    unknown_delisting_reason = "unknown_delisting_reason"
    duplicate_document = "duplicate_document"
    holiday_slowdown = "holiday_slowdown"


#: The severity the contract fixes for each finding code.
SEVERITY: dict[FindingCode, Severity] = {
    FindingCode.unsupported_format: Severity.error,
    FindingCode.unreadable_document: Severity.error,
    FindingCode.low_resolution: Severity.warning,
    FindingCode.encrypted_pdf: Severity.error,
    FindingCode.certificate_number_invalid: Severity.error,
    FindingCode.certificate_expired: Severity.error,
    FindingCode.certificate_expiring_soon: Severity.warning,
    FindingCode.authorization_expired: Severity.error,
    FindingCode.authorization_not_yet_valid: Severity.error,
    FindingCode.signature_missing: Severity.error,
    FindingCode.signature_invalid: Severity.error,
    FindingCode.prohibited_ingredient: Severity.error,
    FindingCode.restricted_ingredient: Severity.warning,
    FindingCode.business_number_invalid: Severity.error,
    FindingCode.model_mismatch: Severity.error,
    FindingCode.product_mismatch: Severity.warning,
    FindingCode.seller_mismatch: Severity.error,
    FindingCode.brand_mismatch: Severity.error,
    FindingCode.missing_required_evidence: Severity.error,
    FindingCode.appeal_deadline_passed: Severity.error,
    FindingCode.resubmission_too_soon: Severity.error,
    FindingCode.unknown_delisting_reason: Severity.error,
    FindingCode.duplicate_document: Severity.info,
    FindingCode.holiday_slowdown: Severity.info,
}
