"""Authorization checks: each fires where it must and stays quiet on the near miss."""

from __future__ import annotations

import datetime as dt

import pytest

from casefile.codes import FindingCode, Severity
from casefile.datetext import kdate, zh_date
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
    assert kdate(AS_OF - DAY) in found.message_ko and zh_date(AS_OF - DAY) in found.message_zh


def test_valid_until_the_as_of_day_itself_is_not_expired():
    assert check_authorization_dates(facts_for([letter(valid_until=AS_OF)])) == []


def test_not_yet_valid_fires_the_day_after_but_not_on_the_day():
    [found] = check_authorization_dates(facts_for([letter(valid_from=AS_OF + DAY)]))
    assert found.code is FindingCode.authorization_not_yet_valid
    assert kdate(AS_OF + DAY) in found.message_ko and zh_date(AS_OF + DAY) in found.message_zh
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


# -- changed after signing (verdicts as extractors.marks.signatures gives them; real files in
#    tests/extractors/marks/test_signatures.py) ---------------------------------------------------


@pytest.mark.parametrize(("changes", "ko", "zh"), [
    (["text"], "추가·변경된 텍스트", "添加或更改的文字"),
    (["drawing"], "그림이나 도형", "图形或图片"),
    (["annotation"], "주석", "批注"),
    (["form"], "양식 입력", "表单填写"),
    (["pages"], "페이지", "页面"),
    (["text", "annotation"], "텍스트, 본문 위에 추가된 주석", "文字、正文上添加的批注"),
    ([], "파일 구조", "文件结构"),
])
def test_a_change_after_signing_is_invalid_and_named(changes, ko, zh):
    facts = facts_for([letter(signature="seal")])
    facts.signatures = {"loa.pdf": [_sig(valid=False, changed_after_signing=True, changes=changes)]}
    [found] = check_signatures(facts)
    assert found.code is FindingCode.signature_invalid and found.severity is Severity.error
    assert "서명 이후 문서 내용이 변경됨" in found.message_ko and ko in found.message_ko
    assert "签名后文件内容被更改" in found.message_zh and zh in found.message_zh
    assert "김철수" in found.message_ko


def test_a_change_after_signing_fires_even_on_a_verdict_that_says_valid():
    """The flag is the verdict: a PdfSignature built elsewhere with `valid` left True still fires."""
    facts = facts_for([letter(signature="digital")])
    facts.signatures = {"loa.pdf": [_sig(changed_after_signing=True, changes=["text"])]}
    assert codes(check_signatures(facts)) == [FindingCode.signature_invalid]


def test_accepted_updates_after_signing_are_no_finding():
    """A later signature or permitted form filling: pyHanko's FORM_FILLING within the DocMDP."""
    facts = facts_for([letter(signature="digital")])
    facts.signatures = {"loa.pdf": [_sig(coverage="ENTIRE_REVISION", modification_level="FORM_FILLING",
                                         docmdp_ok=True)]}
    assert check_signatures(facts) == []
