"""An `other` appeal needs the seller's own account (case.toml [appeal] explanation, in Korean) and a
note on every exhibit but the notice e-mail, else it stays needs_fixes (rules/evidence.toml)."""

from __future__ import annotations

from casefile.codes import FindingCode
from casefile.fields import OtherFields
from casefile.result import DocumentResult
from tests.validators.conftest import facts_for, notice_doc
from validators.check import check_case, status_of
from validators.evidence import check_required_evidence


def photo(path: str = "product.jpg", sha: str = "p") -> DocumentResult:
    return DocumentResult(path=path, sha256=sha * 64, kind="other", pages=1, text_source="ocr",
                          ocr_confidence=None, fields=OtherFields())


def missing(facts) -> list:
    return [f for f in check_required_evidence(facts) if f.code is FindingCode.missing_required_evidence]


def test_the_notice_and_an_unexplained_file_are_not_an_appeal():
    facts = facts_for([notice_doc(), photo()], appeal={"reason": "other"})
    found = missing(facts)
    assert len(found) == 2 and status_of(check_case(facts)).value == "needs_fixes"
    assert "[appeal] explanation" in found[0].message_ko and "[appeal] explanation" in found[0].message_zh
    assert found[1].documents == ["product.jpg"] and "note" in found[1].message_ko


def test_an_explanation_and_a_note_per_exhibit_make_it_complete():
    facts = facts_for([notice_doc(), photo()], appeal={"reason": "other", "explanation": "제품 사진을 교체하였습니다."},
                      exhibits={"product.jpg": {"note": "교체한 제품 사진"}})
    assert missing(facts) == []


def test_the_explanation_must_be_korean_the_letter_quotes_it():
    facts = facts_for([notice_doc(), photo()], appeal={"reason": "other", "explanation": "已更换商品图片"},
                      exhibits={"product.jpg": {"note": "교체한 제품 사진"}})
    assert len(missing(facts)) == 1


def test_a_duplicate_needs_one_note_and_other_reasons_need_none():
    docs = [notice_doc(), photo("a.jpg"), photo("b.jpg")]  # same content: one exhibit
    facts = facts_for(docs, appeal={"reason": "other", "explanation": "설명"}, exhibits={"b.jpg": {"note": "사진"}})
    assert missing(facts) == []
    assert missing(facts_for([notice_doc(), photo()], appeal={"reason": "listing_mismatch"})) == []
