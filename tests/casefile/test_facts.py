"""One decision of which source wins each fact of a case (issue 15, item 5)."""

from __future__ import annotations

import datetime as dt

from casefile.config import CaseConfig
from casefile.facts import resolve
from casefile.fields import KcCertificateFields, NoticeEmailFields, SellerCenterScreenshotFields
from casefile.result import DocumentResult


def doc(path: str, kind: str, fields) -> DocumentResult:
    return DocumentResult(path=path, sha256="a" * 64, kind=kind, pages=1, text_source="pdf_text",
                          ocr_confidence=None, fields=fields)


KC = doc("kc.pdf", "kc_certificate", KcCertificateFields(product_name="미니 가습기", model_name="HB-H200"))
SHOT = doc("wing.png", "seller_center_screenshot",
           SellerCenterScreenshotFields(product_id="7234567890", product_name="미니 가습기 H2 화이트"))
NOTICE = doc("n.eml", "notice_email", NoticeEmailFields(product_id="7234567891", notice_date=dt.date(2026, 11, 20)))


def test_case_toml_wins_every_fact():
    config = CaseConfig.model_validate({"seller": {"name_ko": "주식회사 한빛"},
                                        "listing": {"product_id": "1", "product_name": "가", "model_name": "M",
                                                    "brand": "B"}})
    facts = resolve(config, [KC, SHOT, NOTICE], seller_accounts=[("wing.png", "다른상사")])
    assert facts.seller == ["주식회사 한빛"] and facts.seller_source == "case.toml"
    assert [getattr(facts, f).source for f in ("product_id", "product_name", "model_name", "brand")] == ["case.toml"] * 4


def test_documents_fill_in_by_kind_precedence_not_file_order():
    facts = resolve(CaseConfig(), [KC, SHOT, NOTICE])
    assert (facts.product_id.value, facts.product_id.source) == ("7234567891", "n.eml")  # the notice's listing
    assert (facts.product_name.value, facts.product_name.source) == ("미니 가습기 H2 화이트", "wing.png")
    assert (facts.model_name.value, facts.model_name.source) == ("HB-H200", "kc.pdf")
    assert facts.brand.value is None and facts.brand.source is None


def test_the_seller_is_the_wing_account_before_the_notice_addressee():
    facts = resolve(CaseConfig(), [SHOT, NOTICE], seller_accounts=[("wing.png", "한빛무역")],
                    addressees=[("n.eml", "주식회사 한빛무역")])
    assert facts.seller == ["한빛무역"] and facts.seller_source == "wing.png"
    only_mail = resolve(CaseConfig(), [NOTICE], addressees=[("n.eml", "주식회사 한빛무역")])
    assert only_mail.seller == ["주식회사 한빛무역"] and only_mail.seller_source == "n.eml"
    assert resolve(CaseConfig(), []).seller == []


def test_the_deadline_is_printed_else_seven_days_after_the_notice():
    assert resolve(CaseConfig(), [NOTICE]).appeal_deadline == dt.date(2026, 11, 27)
    printed = doc("n2.eml", "notice_email", NoticeEmailFields(deadline=dt.date(2026, 12, 1)))
    assert resolve(CaseConfig(), [NOTICE, printed]).appeal_deadline == dt.date(2026, 12, 1)
