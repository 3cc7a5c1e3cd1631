"""Coupang notice fields: product id, reason and code, notice date and printed deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from casefile.codes import DocumentKind, ReasonCode
from casefile.fields import NoticeEmailFields, empty_fields
from casefile.pages import Page, ReadResult
from extractors.fields import extract_fields, extract_notice
from extractors.fields.notice import header_date, reason_code_of
from tests.extractors.layout.test_layout import page_of


def notice(text: str, headers: dict[str, str] | None = None, source: str = "email") -> NoticeEmailFields:
    return extract_notice([Page(number=1, source=source, text=text)], headers or {})


KC_NOTICE = """안녕하세요, 판매자님.
쿠팡 마켓플레이스 운영팀입니다.

아래 상품은 KC 인증 정보가 확인되지 않아 2026-11-20 자로 판매중지 되었음을 안내드립니다.

등록상품ID: 1234567890
노출상품ID : 7234567890
옵션ID : 87654321
상품명: 미니 가습기 H2

해당 상품의 안전인증서 사본을 2026년 11월 27일(금)까지 본 메일에 회신하여 소명해 주시기 바랍니다.
감사합니다.
쿠팡_TNScnt"""


def test_korean_kc_notice() -> None:
    fields = notice(KC_NOTICE, {"Date": "Fri, 20 Nov 2026 18:30:00 +0000"})
    assert fields.product_id == "7234567890"  # the 노출상품ID, the id in the product URL
    assert fields.reason == "아래 상품은 KC 인증 정보가 확인되지 않아 2026-11-20 자로 판매중지 되었음을 안내드립니다."
    assert fields.reason_code is ReasonCode.kc_certification
    assert fields.notice_date == dt.date(2026, 11, 20)  # from the body, not the header
    assert fields.deadline == dt.date(2026, 11, 27)


IP_NOTICE_TABLE = """[쿠팡] 판매중지 안내
판매자님, 권리자의 신고에 따라 아래 상품의 판매가 중지되었습니다.
| 등록상품ID | 상품명 | 판매중지 사유 |
| 5566778899 | 무선 이어폰 X1 | 상표권 침해 (권리자 신고) |
소명 기한: 2026. 12. 4.
소명 자료(정품 유통경로 증빙, 권리자 위임장)를 회신해 주세요."""


def test_ip_notice_with_a_table_and_a_labelled_deadline() -> None:
    fields = notice(IP_NOTICE_TABLE, {"Date": "Mon, 30 Nov 2026 10:00:00 +0900"})
    assert fields.product_id == "5566778899"
    assert fields.reason == "상표권 침해 (권리자 신고)"
    assert fields.reason_code is ReasonCode.ip_infringement
    assert fields.deadline == dt.date(2026, 12, 4)
    assert fields.notice_date == dt.date(2026, 11, 30)  # no date in the body: the Date header


ENGLISH_NOTICE = """Dear Seller,

Your product (Product ID: 7234567890) has been suspended on Coupang due to missing ingredient
information required by Korean cosmetics labeling rules. Please respond by December 1, 2026 with
the full ingredient list.

Coupang Global Seller Support"""


def test_english_cosmetics_notice() -> None:
    fields = notice(ENGLISH_NOTICE, {"Date": "Tue, 24 Nov 2026 02:00:00 -0500"})
    assert fields.product_id == "7234567890"
    assert fields.reason_code is ReasonCode.cosmetics_labeling
    assert fields.reason == (  # the hard-wrapped sentence read whole
        "Your product (Product ID: 7234567890) has been suspended on Coupang due to missing ingredient "
        "information required by Korean cosmetics labeling rules."
    )
    assert fields.deadline == dt.date(2026, 12, 1)
    assert fields.notice_date == dt.date(2026, 11, 24)  # 02:00 -0500 is 16:00 the same day in Seoul


OCR_SCREENSHOT_OF_NOTICE = """쿠 팡 판 매 중 지 안 내
판 매 자 님 , 상 세 페 이 지 와 상 이 한 상 품 이 배 송 되 어 판 매 가 중 지 되 었 습 니 다 .
상 품 번 호 : 4455667788
2026 . 11 . 25 . 까 지 소 명 해 주 세 요 ."""


def test_ocr_spaced_notice() -> None:
    fields = notice(OCR_SCREENSHOT_OF_NOTICE, source="ocr")
    assert fields.product_id == "4455667788"
    assert fields.reason_code is ReasonCode.listing_mismatch
    assert fields.reason == "판매자님, 상세페이지와상이한상품이배송되어판매가중지되었습니다."
    assert fields.deadline == dt.date(2026, 11, 25)
    assert fields.notice_date is None  # no date in the body and no header


def test_email_page_with_header_lines_first() -> None:
    # The email reader's page: From/To/Subject/Date lines, a blank line, then the body.
    page = (
        "From: Coupang Trust and Safety Center <tns@coupang.com>\nTo: ops@example.com\n"
        "Subject: [쿠팡] KC 인증 미비로 인한 판매중지 안내\nDate: Fri, 20 Nov 2026 18:30:00 +0000\n\n"
        "안녕하세요, 판매자님.\n노출상품ID: 7234567890 상품은 KC 인증서 미등록으로 판매중지 되었습니다.\n쿠팡_TNScnt"
    )
    headers = {"Subject": "[쿠팡] KC 인증 미비로 인한 판매중지 안내", "Date": "Fri, 20 Nov 2026 18:30:00 +0000"}
    fields = notice(page, headers)
    assert fields.product_id == "7234567890"
    assert fields.reason == "노출상품ID: 7234567890 상품은 KC 인증서 미등록으로 판매중지 되었습니다."
    assert fields.reason_code is ReasonCode.kc_certification
    assert fields.notice_date == dt.date(2026, 11, 21)  # 18:30 UTC is 03:30 next day in Seoul
    assert fields.deadline is None  # the Date header line is no deadline


def test_business_day_window_is_not_a_printed_deadline() -> None:
    text = "쿠팡입니다. KC 인증 미비로 판매중지 되었습니다. 안내일로부터 영업일 10일 이내에 소명해 주세요.\n상품ID: 123456789"
    fields = notice(text)
    assert fields.deadline is None
    assert fields.product_id == "123456789"


def test_product_id_from_the_product_url() -> None:
    text = "쿠팡 판매중지 안내: https://www.coupang.com/vp/products/7234567890?itemId=1 상품의 KC 인증 정보 누락"
    assert notice(text).product_id == "7234567890"


def test_option_id_is_never_the_product_id() -> None:
    assert notice("쿠팡 판매중지 안내\n옵션ID: 87654321\nKC 인증 미비").product_id is None


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("KC 인증 정보가 확인되지 않아", ReasonCode.kc_certification),
        ("전파인증(적합성평가) 번호 미기재", ReasonCode.kc_certification),
        ("안 전 인 증 번 호 미 등 록", ReasonCode.kc_certification),
        ("지식재산권 침해 신고 접수", ReasonCode.ip_infringement),
        ("위조 상품(가품) 의심", ReasonCode.ip_infringement),
        ("intellectual property complaint from the rights holder", ReasonCode.ip_infringement),
        ("전성분 표시 누락", ReasonCode.cosmetics_labeling),
        ("화장품 표시 기준 위반", ReasonCode.cosmetics_labeling),
        ("상품정보 불일치", ReasonCode.listing_mismatch),
        ("상세페이지 상이", ReasonCode.listing_mismatch),
        ("배송 지연", None),
    ],
)
def test_reason_codes_from_wording(wording: str, code: ReasonCode | None) -> None:
    assert reason_code_of(wording) is code


def test_a_stated_reason_without_a_known_code_is_other() -> None:
    fields = notice("쿠팡 판매중지 안내\n판매중지 사유: 배송 지연 누적\n상품ID: 123456789")
    assert fields.reason == "배송 지연 누적"
    assert fields.reason_code is ReasonCode.other


def test_no_reason_at_all_is_null() -> None:
    fields = notice("쿠팡입니다. 문의하신 내용 확인했습니다.")
    assert fields.reason is None and fields.reason_code is None


@pytest.mark.parametrize(
    ("header", "day"),
    [
        ("Fri, 20 Nov 2026 18:30:00 +0000", dt.date(2026, 11, 21)),  # 03:30 next day in Seoul
        ("Fri, 20 Nov 2026 09:30:00 +0900", dt.date(2026, 11, 20)),
        ("20 Nov 2026 23:59:00 -0000", dt.date(2026, 11, 21)),  # no zone: read as UTC
        ("not a date", None),
    ],
)
def test_header_date_in_seoul(header: str, day: dt.date | None) -> None:
    assert header_date({"date": header}) == day


@pytest.mark.parametrize(
    "line",
    [
        "마감일: 2026-12-01",
        "제출기한 2026. 12. 1.",
        "2026년 12월 1일 23:59까지 회신 바랍니다",
        "2026.12.01 (화) 오후 6시까지",
        "截止日期：2026年12月1日",
        "Deadline: 1 Dec 2026",
    ],
)
def test_deadline_wordings(line: str) -> None:
    assert notice(f"쿠팡 판매중지 안내\n{line}").deadline == dt.date(2026, 12, 1)


def test_registry_dispatches_and_defaults_to_empty_fields() -> None:
    read = ReadResult(pages=[Page(number=1, source="email", text=KC_NOTICE)], headers={})
    assert extract_fields(DocumentKind.notice_email, read).product_id == "7234567890"
    kc_read = ReadResult(pages=[Page(number=1, source="ocr", text="안전인증서\n인증번호: HU071695-21012A")])
    assert extract_fields(DocumentKind.kc_certificate, kc_read).certificate_number == "HU071695-21012A"
    assert extract_fields(DocumentKind.other, read) == empty_fields(DocumentKind.other)


@pytest.mark.parametrize(("line", "reason"), [
    ("2) 위반 사유 상세 : 전기용품 KC 인증 정보 누락", "전기용품 KC 인증 정보 누락"),
    ("• 사유 화장품 전성분 표시 누락", "화장품 전성분 표시 누락"),
    ("停售原因 — 缺少KC认证信息", "缺少KC认证信息"),
    ("판매중지 사유      KC 인증서 미제출", "KC 인증서 미제출"),  # label and value in cells of their own
])
def test_a_reason_comes_without_its_caption_or_list_marker(line: str, reason: str) -> None:
    text = f"판매자님, 쿠팡입니다.\n노출상품ID: 7234567890\n{line}\n감사합니다."
    assert notice(text).reason == reason


def test_a_caption_that_is_not_a_reason_label_stays_with_its_sentence() -> None:
    text = "안내드립니다.\n참고: KC 인증서 미등록으로 판매중지 되었습니다."
    assert notice(text).reason == "참고: KC 인증서 미등록으로 판매중지 되었습니다."


def test_an_unknown_caption_on_a_list_item_is_a_label() -> None:
    text = ("We have suspended the sale of the following product.\n■ Product No. - 1085307953\n"
            "■ Violation - Full ingredient list missing\n■ Seller - (주)하람커머스")
    assert notice(text).reason == "Full ingredient list missing"


def test_a_cause_set_in_its_own_cell_beside_an_unknown_caption_is_the_reason() -> None:
    rows = [[(100, "아래 상품이 판매중지되었음을 안내드립니다.")], [(110, "- 주문번호"), (400, "57739548282744")],
            [(110, "- 위반 사항"), (400, "전파법 적합성평가 정보 미기재")], [(110, "- 상품번호"), (400, "7236151523")]]
    fields = extract_notice([page_of(rows)], {})
    assert fields.reason == "전파법 적합성평가 정보 미기재" and fields.reason_code == ReasonCode.kc_certification


@pytest.mark.parametrize(("text", "product_id"), [
    ("쿠팡입니다.\n■ 판매중지 상품 7141452325\n■ 주문번호 34349044081307", "7141452325"),
    ("귀사의 상품 8595009545(해당 상품 ID)에 대하여 신고가 접수되었습니다.", "8595009545"),
    ("Your product (Listing ID: 7331269263) has been suspended.", "7331269263"),
    ("상품 7141452325 및 상품 7141452399 의 판매를 중지하였습니다.", None),  # two products: neither
    ("주문번호 34349044081307 건의 상품이 판매중지 되었습니다.", None),  # an order number is no product id
])
def test_an_id_right_after_a_product_word_is_the_product_when_it_is_the_only_one(text, product_id) -> None:
    assert notice(text).product_id == product_id
