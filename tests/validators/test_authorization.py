"""Authorization checks: each fires where it must and stays quiet on the near miss."""

from __future__ import annotations

import datetime as dt

from casefile.codes import FindingCode, Severity
from casefile.fields import AuthorizationLetterFields
from casefile.pages import PdfSignature
from casefile.result import DocumentResult
from tests.validators.conftest import AS_OF, facts_for
from validators.authorization import check_authorization_dates, check_signatures

DAY = dt.timedelta(days=1)


def letter(path: str = "loa.pdf", **fields) -> DocumentResult:
    return DocumentResult(path=path, sha256="c" * 64, kind="authorization_letter", pages=1, text_source="pdf_text",
                          ocr_confidence=None, fields=AuthorizationLetterFields(**fields))


def codes(findings):
    return [f.code for f in findings]


# -- validity ------------------------------------------------------------------------------


def test_expired_the_day_before_as_of_fires_with_the_date():
    [found] = check_authorization_dates(facts_for([letter(valid_until=AS_OF - DAY)]))
    assert found.code is FindingCode.authorization_expired and found.severity is Severity.error
    assert found.documents == ["loa.pdf"]
    assert (AS_OF - DAY).isoformat() in found.message_ko and (AS_OF - DAY).isoformat() in found.message_zh


def test_valid_until_the_as_of_day_itself_is_not_expired():
    assert check_authorization_dates(facts_for([letter(valid_until=AS_OF)])) == []


def test_not_yet_valid_fires_the_day_after_but_not_on_the_day():
    [found] = check_authorization_dates(facts_for([letter(valid_from=AS_OF + DAY)]))
    assert found.code is FindingCode.authorization_not_yet_valid
    assert (AS_OF + DAY).isoformat() in found.message_ko
    assert check_authorization_dates(facts_for([letter(valid_from=AS_OF, valid_until=AS_OF + 300 * DAY)])) == []


def test_unknown_dates_are_no_finding():
    assert check_authorization_dates(facts_for([letter()])) == []


def test_only_authorization_letters_are_judged_for_validity():
    from tests.validators.conftest import kc_doc

    assert check_authorization_dates(facts_for([kc_doc(expiry_date=AS_OF - DAY)])) == []


# -- signatures ----------------------------------------------------------------------------


def test_signature_none_is_missing():
    [found] = check_signatures(facts_for([letter(signature="none")]))
    assert found.code is FindingCode.signature_missing and found.documents == ["loa.pdf"]


def test_unknown_signature_is_not_missing():
    assert check_signatures(facts_for([letter(signature=None)])) == []


def test_seal_handwriting_and_digital_are_signed():
    for kind in ("seal", "handwritten", "digital"):
        assert check_signatures(facts_for([letter(signature=kind)])) == [], kind


def _sig(**verdict) -> PdfSignature:
    return PdfSignature(**{"field_name": "Sig1", "signer": "Common Name: 김철수, Organization: 주식회사 한빛상사",
                           "intact": True, "valid": True, **verdict})


def test_a_tampered_signature_is_invalid_and_named():
    facts = facts_for([letter(signature="seal")])
    facts.signatures = {"loa.pdf": [_sig(intact=False, valid=False)]}
    [found] = check_signatures(facts)
    assert found.code is FindingCode.signature_invalid and found.documents == ["loa.pdf"]
    assert "김철수" in found.message_ko and "서명 후" in found.message_ko and "签名后" in found.message_zh


def test_a_signature_that_does_not_verify_says_so():
    facts = facts_for([])
    facts.signatures = {"other.pdf": [_sig(valid=False)]}
    [found] = check_signatures(facts)
    assert found.code is FindingCode.signature_invalid and "검증되지" in found.message_ko


def test_an_untrusted_but_intact_signature_is_not_invalid():
    facts = facts_for([letter(signature="digital")])
    facts.signatures = {"loa.pdf": [_sig(trusted=False)]}
    assert check_signatures(facts) == []


def test_one_finding_per_broken_signature():
    facts = facts_for([])
    facts.signatures = {"a.pdf": [_sig(), _sig(field_name="Sig2", intact=False, valid=False)],
                        "b.pdf": [_sig(intact=False, valid=False, signer=None)]}
    found = check_signatures(facts)
    assert codes(found) == [FindingCode.signature_invalid] * 2
    assert [f.documents for f in found] == [["a.pdf"], ["b.pdf"]]
