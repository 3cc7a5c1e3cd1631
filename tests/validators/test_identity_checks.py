"""Seller, brand and product checks: each fires on a real difference and stays quiet on the near miss."""

from __future__ import annotations

from casefile.codes import FindingCode, Severity
from casefile.fields import AuthorizationLetterFields, IngredientListFields, SellerCenterScreenshotFields
from casefile.result import DocumentResult
from tests.validators.conftest import facts_for, kc_doc
from validators.identity_checks import (
    check_brand,
    check_product_ids,
    check_products,
    check_seller,
    same_product,
    seller_names,
)

SELLER = {"name_ko": "주식회사 한빛무역", "name": "Shenzhen Hanbit Trading Co., Ltd."}
LISTING = {"product_id": "7234567890", "product_name": "미니 가습기 H2", "brand": "HANBIT"}


def letter(path: str = "letter.pdf", **fields) -> DocumentResult:
    return DocumentResult(path=path, sha256="b" * 64, kind="authorization_letter", pages=1, text_source="pdf_text",
                          ocr_confidence=None, fields=AuthorizationLetterFields(**fields))


def screenshot(path: str = "wing.png", **fields) -> DocumentResult:
    return DocumentResult(path=path, sha256="c" * 64, kind="seller_center_screenshot", pages=1, text_source="ocr",
                          ocr_confidence=0.9, fields=SellerCenterScreenshotFields(**fields))


def ingredients(path: str = "label.jpg", **fields) -> DocumentResult:
    return DocumentResult(path=path, sha256="d" * 64, kind="ingredient_list", pages=1, text_source="ocr",
                          ocr_confidence=0.9, fields=IngredientListFields(**fields))


# -- seller ------------------------------------------------------------------------------


def test_seller_mismatch_fires_for_another_company() -> None:
    found = check_seller(facts_for([letter(grantee="주식회사 한빛상사")], seller=SELLER))
    assert [f.code for f in found] == [FindingCode.seller_mismatch]
    assert found[0].severity is Severity.error
    assert found[0].documents == ["letter.pdf"]
    assert "주식회사 한빛상사" in found[0].message_ko and "주식회사 한빛무역" in found[0].message_zh


def test_seller_near_misses_are_the_same_seller() -> None:
    for grantee in ["㈜한빛무역", "한빛무역 (주)", "한 빛 무 역 주식회사", "SHENZHEN HANBIT TRADING CO.,LTD",
                    "주식회사 한빛무역 (Shenzhen Hanbit Trading Co., Ltd.)"]:
        assert check_seller(facts_for([letter(grantee=grantee)], seller=SELLER)) == [], grantee


def test_seller_in_another_script_matches_only_a_name_case_toml_gives() -> None:
    korean_only = {"name_ko": "주식회사 한빛무역"}
    found = check_seller(facts_for([letter(grantee="Shenzhen Hanbit Trading Co., Ltd.")], seller=korean_only))
    assert [f.code for f in found] == [FindingCode.seller_mismatch]


def test_seller_unknown_or_grantee_unread_is_not_a_mismatch() -> None:
    assert check_seller(facts_for([letter(grantee="주식회사 한빛상사")])) == []
    assert check_seller(facts_for([letter(grantee=None)], seller=SELLER)) == []
    assert seller_names(facts_for([], seller=SELLER)) == [SELLER["name_ko"], SELLER["name"]]


# -- brand -------------------------------------------------------------------------------


def test_brand_mismatch_fires_and_near_misses_pass() -> None:
    found = check_brand(facts_for([letter(brand="HANSOL")], listing=LISTING))
    assert [f.code for f in found] == [FindingCode.brand_mismatch]
    assert "HANSOL" in found[0].message_ko and "HANBIT" in found[0].message_ko
    for brand in ["HANBIT™", "Hanbit", "ＨＡＮＢＩＴ", "HAN BIT®", "HANBIT (한빛)"]:
        assert check_brand(facts_for([letter(brand=brand)], listing=LISTING)) == [], brand


def test_brand_not_checked_without_both_brands() -> None:
    assert check_brand(facts_for([letter(brand="HANSOL")])) == []
    assert check_brand(facts_for([letter(brand=None)], listing=LISTING)) == []


# -- products ----------------------------------------------------------------------------


def test_product_mismatch_warns_once_naming_every_product() -> None:
    docs = [kc_doc(product_name="탁상용 선풍기"), screenshot(product_name="미니 가습기 H2")]
    found = check_products(facts_for(docs, listing=LISTING))
    assert [f.code for f in found] == [FindingCode.product_mismatch]
    assert found[0].severity is Severity.warning
    assert "탁상용 선풍기" in found[0].message_ko and "미니 가습기 H2" in found[0].message_zh
    assert found[0].documents == ["case.toml", "kc.pdf", "wing.png"]


def test_product_names_that_may_be_one_product_pass() -> None:
    docs = [
        kc_doc(product_name="미니 가습기"),  # the certificate names the product, the listing adds a model
        screenshot(product_name="미니 가 습 기 H2"),  # OCR syllable spacing
        ingredients(product_name="미니 가습가 H2"),  # one misread syllable
    ]
    assert check_products(facts_for(docs, listing=LISTING)) == []


def test_product_names_differing_in_their_numbers_are_other_products() -> None:
    assert not same_product("미니 가습기 H2", "미니 가습기 H3")
    assert check_products(facts_for([kc_doc(product_name="미니 가습기 H3")], listing=LISTING)) != []


def test_products_need_two_names_to_differ() -> None:
    assert check_products(facts_for([kc_doc(product_name="탁상용 선풍기")])) == []
    assert check_products(facts_for([kc_doc(product_name=None)], listing=LISTING)) == []


def test_screenshot_product_id_against_the_listing() -> None:
    found = check_product_ids(facts_for([screenshot(product_id="7234567912")], listing=LISTING))
    assert [f.code for f in found] == [FindingCode.product_mismatch]
    assert "7234567912" in found[0].message_ko and "7234567890" in found[0].message_ko
    assert check_product_ids(facts_for([screenshot(product_id="7234567890")], listing=LISTING)) == []
    assert check_product_ids(facts_for([screenshot(product_id=None)], listing=LISTING)) == []


def test_a_certificate_naming_the_kind_of_product_is_the_same_product() -> None:
    assert same_product("전기온풍기", "미니 온풍기 HT-M300 저소음")  # a 품목 against a listing title
    assert same_product("초음파식 가습기", "미니 가습기 H2")
    assert not same_product("탁상용 선풍기", "탁상용 가습기")  # sharing what it is for is not enough
    assert not same_product("USB 선풍기", "USB 가습기")
