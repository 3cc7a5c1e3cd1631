"""Certainty flows into the verdict (issue 15): each comparing check asserts an error only on inputs
read surely; on an unsure input it warns, says what could not be verified, and the case can still be
appealed once the seller answers it."""

from __future__ import annotations

import datetime as dt

import pytest

from casefile.codes import FindingCode, Severity, Status
from casefile.fields import AuthorizationLetterFields
from casefile.result import DocumentResult
from tests.validators.conftest import facts_for, kc_doc
from validators import check_case, status_of
from validators.rules import load_rules

SURE, UNSURE = 0.95, 0.55
REASON = {"appeal": {"reason": "kc_certification", "notice_date": "2026-11-24"}}
IP = {"appeal": {"reason": "ip_infringement", "notice_date": "2026-11-24"},
      "seller": {"name_ko": "주식회사 한빛무역"}, "listing": {"brand": "HANBIT"}}


def letter(**fields) -> DocumentResult:
    base = dict(grantor="HANBIT Co., Ltd.", grantee="주식회사 한빛무역", brand="HANBIT",
                valid_from=dt.date(2026, 1, 1), valid_until=dt.date(2027, 12, 31), signature="seal")
    return DocumentResult(path="letter.jpg", sha256="b" * 64, kind="authorization_letter", pages=1,
                          text_source="ocr", ocr_confidence=0.9,
                          fields=AuthorizationLetterFields(**{**base, **fields}))


def kc(**fields) -> DocumentResult:
    return kc_doc(**{"certificate_number": "YU07421-24031", "scheme": "safety_confirmation",
                     "model_name": "HB-H200", **fields})


# (what is wrong, the document, the field it rests on, the case settings, the code)
CASES = {
    "model": (kc(model_name="HB-H300"), "model_name", {**REASON, "listing": {"model_name": "HB-H200"}},
              FindingCode.model_mismatch),
    "expired": (kc(expiry_date=dt.date(2026, 1, 1)), "expiry_date", REASON, FindingCode.certificate_expired),
    "number": (kc(certificate_number="YU-10128-2304"), "certificate_number", REASON,
               FindingCode.certificate_number_invalid),
    "seller": (letter(grantee="주식회사 다른상사"), "grantee", IP, FindingCode.seller_mismatch),
    "brand": (letter(brand="OTHERBRAND"), "brand", IP, FindingCode.brand_mismatch),
    "letter expired": (letter(valid_until=dt.date(2026, 6, 30)), "valid_until", IP, FindingCode.authorization_expired),
    "letter not yet valid": (letter(valid_from=dt.date(2027, 1, 1)), "valid_from", IP,
                             FindingCode.authorization_not_yet_valid),
    # No seal found on a grey scan, where a red seal would show grey (extractors/marks/binding.py).
    "unsigned": (letter(signature="none"), "signature", IP, FindingCode.signature_missing),
}


def judged(doc: DocumentResult, field: str, settings: dict, certainty: float):
    facts = facts_for([doc], **settings)
    facts.certainty = {doc.path: {field: certainty}}
    return check_case(facts)


@pytest.mark.parametrize("case", CASES)
def test_a_sure_input_gives_an_error(case):
    doc, field, settings, code = CASES[case]
    found = [f for f in judged(doc, field, settings, SURE) if f.code is code]
    assert found and found[0].severity is Severity.error


@pytest.mark.parametrize("case", CASES)
def test_an_unsure_input_gives_a_warning_naming_what_to_verify(case):
    doc, field, settings, code = CASES[case]
    findings = judged(doc, field, settings, UNSURE)
    found = [f for f in findings if f.code is code]
    assert found and found[0].severity is Severity.warning
    names = load_rules().certainty.field_names
    assert names["ko"][field] in found[0].message_ko and names["zh"][field] in found[0].message_zh
    assert "선명" in found[0].message_ko  # what to upload instead
    assert not [f for f in findings if f.code is code and f.severity is Severity.error]


def test_an_unsure_field_alone_does_not_block_the_case():
    doc, field, settings, _ = CASES["model"]
    assert status_of(judged(doc, field, settings, UNSURE)) is Status.ready
    assert status_of(judged(doc, field, settings, SURE)) is Status.needs_fixes


def test_a_field_not_measured_counts_as_sure():
    """A document checked without its trace (a test, a batch tool) keeps the contract's severities."""
    doc, _, settings, code = CASES["model"]
    found = [f for f in check_case(facts_for([doc], **settings)) if f.code is code]
    assert found[0].severity is Severity.error


def test_a_field_too_unsure_to_keep_is_named_only_when_a_check_rests_on_it():
    """A model number too unsure to keep leaves model_mismatch unverified: the seller is told which
    field and what to upload. A manufacturer or issuer no check reads is only null (issue 15, item 2)."""
    from validators.reading import unsure_field_findings

    assert unsure_field_findings("kc.jpg", {"manufacturer": 0.31, "issuer": 0.4}) == []
    [named] = unsure_field_findings("kc.jpg", {"manufacturer": 0.31, "model_name": 0.42})
    assert named.code is FindingCode.unreadable_document and named.severity is Severity.warning
    assert named.documents == ["kc.jpg"]
    assert "model_name 0.42" in named.message_ko and "manufacturer" not in named.message_ko
    assert "모델명" in named.message_ko and "型号" in named.message_zh


def test_a_checked_field_that_is_no_field_is_refused_at_load():
    from validators.rules import Certainty

    good = load_rules().certainty.model_dump()
    with pytest.raises(ValueError, match="modelname"):
        Certainty.model_validate({**good, "checked": ["model_name", "modelname"]})
