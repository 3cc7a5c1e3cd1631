"""Document kinds from content, in born-digital and OCR-spaced text; filenames only nudge."""

from __future__ import annotations

import pytest

from casefile.codes import DocumentKind
from casefile.pages import Page, ReadResult
from extractors.classify import classify, kind_scores

KC_DIGITAL = """전기용품 안전인증서
인증번호 : HU071695-21012A
제품명 : 미니 가습기     모델명 : HB-H200
제조자 : Shenzhen Hanbit Electric Co., Ltd.
위 제품은 「전기용품 및 생활용품 안전관리법」 제5조에 따라 안전인증을 받았음을 증명합니다.
2025년 3월 12일
한국기계전기전자시험연구원장"""

KC_OCR = """안 전 확 인 신 고 증 명 서
인 증 번 호 : YU1O128-23004
제 품 명 : 미 니 선 풍 기
모 델 명 : FAN-01
2023 년 5 월 2 일
한 국 산 업 기 술 시 험 원 장"""

KC_ENGLISH = """CERTIFICATE OF CONFORMITY
Certificate No.: CB063R10486-2002
Product Name: Wooden Toy   Model: WOODEN TOY-MB22
Manufacturer: CHUANGYI FOREST ARTS&CRAFTS CO., LTD.
Date of Issue: 15 Nov 2022"""

KC_RADIO = """방송통신기자재등의 적합성평가 확인서
적합성평가번호 : R-R-HBT-H200
기자재명칭 : 블루투스 스피커
모델명 : BT-S1
위 기자재는 「전파법」 제58조의2에 따라 적합등록 되었음을 확인합니다.
국립전파연구원장"""

NOTICE = """안녕하세요, 판매자님. 쿠팡입니다.
아래 상품은 KC 인증 정보가 확인되지 않아 판매중지 되었음을 안내드립니다.
등록상품ID: 1234567890
안전인증서 사본을 첨부하여 2026년 11월 27일까지 회신으로 소명해 주시기 바랍니다.
쿠팡_TNScnt"""

NOTICE_EN = """Dear Seller,
Your listing 7234567890 has been suspended on Coupang because the KC certification
information could not be verified. Please reply to this e-mail with an appeal and evidence."""

INGREDIENTS = """[전성분]
정제수, 글리세린, 부틸렌글라이콜, 나이아신아마이드, 향료(리모넨)
용량: 50 mL  제조번호: A1234"""

INGREDIENTS_OCR = "전 성 분 : 정 제 수 , 글 리 세 린 , 나 이 아 신 아 마 이 드\nIngredients: Aqua, Glycerin"

AUTH_KO = """판매권한 위임장
위임인(상표권자): HANBIT Co., Ltd.
수임인: 주식회사 한빛무역
위임인은 수임인에게 쿠팡에서 HANBIT 브랜드 상품을 판매할 권한을 위임합니다.
위임기간: 2026. 1. 1. ~ 2026. 12. 31."""

AUTH_ZH = """授权书
兹授权 深圳市韩光贸易有限公司 在韩国 Coupang 平台销售 HANBIT 品牌产品。
授权期限：2026年1月1日至2026年12月31日"""

AUTH_EN = """LETTER OF AUTHORIZATION
We, HANBIT Co., Ltd., hereby authorize Shenzhen Hanbit Trading Co., Ltd. to sell our products on Coupang."""

# Wording none of the rules above quotes whole: a licence-style grant naming Coupang more often than
# a notice would, Wing's English screen, a KC confirmation as a Chinese translation prints it.
AUTH_EN_LICENCE = """Brand Authorisation
To: Coupang Corp. Seller Support
Seoul Brands Co., Ltd. (Licensor) grants Ningbo Star Trading Co., Ltd. (Licensee) a non-exclusive
right to offer GLOWME products on Coupang. This authorisation runs from 1 March 2026 until
28 February 2027. Coupang may verify this letter with us."""

WING_EN = """Product detail
Product ID 7234567890   Vendor Item ID 87654321
Sales Status  Suspended
Please submit documents for suspended items."""

KC_ZH = """安全确认申报证明书
申报编号 YU10128-23004
产品名称 迷你风扇   型号 FAN-01
制造商 深圳市明光电器有限公司"""

WING = """쿠팡 Wing  상품관리 > 상품 조회/수정
등록상품ID 1234567890  노출상품ID 7234567890  옵션ID 87654321
상품명: 미니 가습기 H2   판매상태: 판매중지   승인상태: 승인반려"""

INVOICE = """COMMERCIAL INVOICE
Invoice No. 2026-118  Date: 2026-11-02
Description: Mini Humidifier H2, Qty 500, Unit price USD 4.20"""

BUSINESS_REGISTRATION = """사업자등록증
(법인사업자)
등록번호: 123-45-67891
법인명(단체명): 주식회사 한빛무역
대표자: 왕웨이
개업연월일: 2021년 04월 01일"""


KC_ENGLISH_CONFIRMATION = """safetykorea.kr
Certificate of Safety Confirmation
KC Declaration No.: CB076R77499-1525
Description of Product: 유아 카시트 쿠션
Declaration Date: 11 December 2021
Basic Model: BPN-S6506-2"""

WING_TAKEDOWN_PAGE = """조회 / 수정 - 쿠팡 윙
wing coupang com/vendor-inventory/suspended
상품 관리 판매중지 상품
판매중지 상품은 소명 자료를 제출해 주세요.
판매중지 관리
등록상품ID 판매중지 사유 상품명 판매가 상태
1220969775 원료 함유 의심 LUMION 비타 브라이트닝 세럼 66,300원 판매중지
1462180583 옵션 정보 오류 접이식 빨래 건조대 15,400원 판매중지"""


def read(text: str, source: str = "pdf_text", headers: dict[str, str] | None = None) -> ReadResult:
    return ReadResult(pages=[Page(number=1, source=source, text=text)], headers=headers or {})


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        (KC_DIGITAL, "pdf_text", DocumentKind.kc_certificate),
        (KC_OCR, "ocr", DocumentKind.kc_certificate),
        (KC_ENGLISH, "pdf_text", DocumentKind.kc_certificate),
        (KC_RADIO, "ocr", DocumentKind.kc_certificate),
        (NOTICE, "plain", DocumentKind.notice_email),
        (NOTICE_EN, "plain", DocumentKind.notice_email),
        (INGREDIENTS, "ocr", DocumentKind.ingredient_list),
        (INGREDIENTS_OCR, "ocr", DocumentKind.ingredient_list),
        (AUTH_KO, "docx", DocumentKind.authorization_letter),
        (AUTH_ZH, "pdf_text", DocumentKind.authorization_letter),
        (AUTH_EN, "pdf_text", DocumentKind.authorization_letter),
        (WING, "ocr", DocumentKind.seller_center_screenshot),
        (AUTH_EN_LICENCE, "pdf_text", DocumentKind.authorization_letter),
        (WING_EN, "ocr", DocumentKind.seller_center_screenshot),
        (KC_ZH, "docx", DocumentKind.kc_certificate),
        (KC_ENGLISH_CONFIRMATION, "ocr", DocumentKind.kc_certificate),
        (WING_TAKEDOWN_PAGE, "ocr", DocumentKind.seller_center_screenshot),
        (INVOICE, "pdf_text", DocumentKind.other),
        (BUSINESS_REGISTRATION, "ocr", DocumentKind.other),
    ],
)
def test_kind_from_content(text: str, source: str, kind: DocumentKind) -> None:
    assert classify(read(text, source)) == kind


def test_ocr_spacing_does_not_change_the_kind() -> None:
    spaced = " ".join(KC_DIGITAL.replace(" ", ""))
    assert classify(read(spaced, "ocr")) == DocumentKind.kc_certificate


def test_coupang_notice_email_is_a_notice() -> None:
    headers = {"From": "Coupang Trust and Safety Center <noreply@coupang.com>", "Subject": "[쿠팡] 판매중지 안내",
               "Date": "Fri, 20 Nov 2026 09:30:00 +0900"}
    assert classify(read(NOTICE, "email", headers)) == DocumentKind.notice_email


def test_an_email_that_is_not_a_coupang_notice_is_classified_by_its_content() -> None:
    headers = {"From": "brand@hanbit.example", "Subject": "Authorization"}
    assert classify(read(AUTH_EN.replace("on Coupang", "in Korea"), "email", headers)) == DocumentKind.authorization_letter
    chat = "Hi, please find the files attached. We will send the samples next week. Thanks."
    assert classify(read(chat, "email", {"From": "a@b.example"})) == DocumentKind.other


def test_a_notice_quoting_kc_words_stays_a_notice() -> None:
    scores = kind_scores(read(NOTICE))
    assert scores[DocumentKind.notice_email] > scores[DocumentKind.kc_certificate]


def test_filename_alone_never_decides() -> None:
    assert classify(read(""), "KC인증서.pdf") == DocumentKind.other
    assert classify(read("사진 1"), "위임장_授权书.jpg") == DocumentKind.other
    assert classify(read(INVOICE), "KC_certificate.pdf") == DocumentKind.other


def test_filename_nudges_a_kind_the_content_supports() -> None:
    weak = "인증번호: HU071695-21012A\n인증기관: KTC"
    with_name = kind_scores(read(weak), "KC인증서.pdf")[DocumentKind.kc_certificate]
    without = kind_scores(read(weak))[DocumentKind.kc_certificate]
    assert with_name == without + 1


def test_a_tie_is_other() -> None:
    # Equal evidence for two kinds: a certificate title and a letter-of-authorization title, nothing else.
    assert classify(read("안전인증서\n위임장")) == DocumentKind.other


def test_a_low_score_is_other() -> None:
    assert classify(read("모델명: HB-H200")) == DocumentKind.other


# A Wing detail screen as OCR read a sample (samples/random seed 1, wing detail): it quotes the
# takedown's words as a notice does, and scored 14 for both kinds before the screen's shape counted.
WING_QUOTING_A_TAKEDOWN = """상품 조회 / 수정 - 쿠팡 윙
coupang wing 정산 통계 공지사항 판매자 정보 로켓그로스 빛나래코리아
상품관리 상품 상세
판매중지 관리 사유 브랜드
상품 이미지와 실제 상품 불일치 ECHOSKIN
상품정보 판매상태
고객관리 어린이 우산 판매중지
등록상품ID 가격
1419927479 109,300원
쿠팡 상품번호
8240016382"""


def _image(text: str, width: float, height: float) -> ReadResult:
    page = Page(number=1, source="ocr", text=text, width=width, height=height)
    return ReadResult(pages=[page], media_type="image/png")


def test_a_screen_shaped_image_leans_to_the_wing_screenshot():
    wide = _image(WING_QUOTING_A_TAKEDOWN, 1600, 900)
    sheet = _image(WING_QUOTING_A_TAKEDOWN, 2480, 3508)
    assert kind_scores(wide)[DocumentKind.seller_center_screenshot] > kind_scores(sheet)[DocumentKind.seller_center_screenshot]
    assert classify(wide) is DocumentKind.seller_center_screenshot
    assert classify(_image(WING_QUOTING_A_TAKEDOWN, 1080, 2340)) is DocumentKind.seller_center_screenshot  # a phone
    # The shape alone makes nothing a screenshot: a landscape photo of a certificate stays one.
    assert classify(_image(KC_DIGITAL, 4032, 3024)) is DocumentKind.kc_certificate


# A photo of Wing's mobile product detail (a monitor photo, 3:4 like a sheet of paper) as OCR read
# it: its banner asks for 소명자료 as a notice does, and the status stands alone as a cell's value.
WING_DETAIL_ON_A_MONITOR = """< 상품 상세
LED 스탠드
쿠 팡 상 품 번호
판매여부
등록일
판매가
판 매 중 지 상품은 소 명 자 료 를 제출해 주세요.
처리 결 과 는 알 립 으 로 안 내 됩니다.
8577926654
판매중지
2026-02-09
78,200 원"""


def test_a_status_standing_alone_as_a_cell_leans_to_the_wing_screenshot():
    photo = _image(WING_DETAIL_ON_A_MONITOR, 1608, 2144)
    assert classify(photo) is DocumentKind.seller_center_screenshot
    # The same words in a sentence are a notice's: no cell, no lean.
    notice = _image("[쿠팡] 판매중지 안내\n판매자님, 상품 8577926654의 판매가 판매중지 되었습니다.\n"
                    "소명자료를 제출해 주세요. 처리 결과는 알림으로 안내됩니다.", 1608, 2144)
    assert classify(notice) is DocumentKind.notice_email


def test_a_label_naming_many_known_ingredients_is_an_ingredient_list_whatever_its_caption():
    """A photographed label whose 전성분 caption reads "원료 성분": the run of known names tells."""
    label = ("AC 클리어 스팟 세럼\n제조업자 : Onnuri Distribution Co., Ltd.\n내용량: 50 mL\n"
             "원료 성분: 다이메티콘 ㆍ 아데노신 ㆍ 정제수 ㆍ 부틸렌글라이콜 ㆍ 알란토인 ㆍ 녹차추출물 ㆍ 카페인")
    assert classify(_image(label, 2480, 3508)) is DocumentKind.ingredient_list
    # A notice naming one or two ingredients stays a notice.
    notice = ("[쿠팡] 판매중지 안내\n판매자님, 상품 8577926654의 전성분 표시에 정제수, 카페인이 누락되어 "
              "판매중지 되었습니다. 소명자료를 제출해 주세요.")
    assert classify(_image(notice, 2480, 3508)) is DocumentKind.notice_email


# A phone's screen of Wing's takedown detail as OCR read it: captions and values, two sentences of
# Wing's banner, a price in won; 판매중지 three times, none of them alone on its line.
WING_PHONE_DETAIL = """LTE HWE 36%
9:24
< 판 매 중지 상품
실리콘 조 리 도구 세트
벤 더 아 이 팀 1D 94446575791
등 록 번호 1067754584
판매 AFEH 판 매 중지
쿠팡 상 품 번호 7510513727
판매가 115,600 원
중지 사유 참세페이지 정보 불일치
등록일
2 20260131
판 매 중지 상 품 은 소 명 자 료 를 제출해 주세요.
처리 결 과 는 알 림 으로 안 내 됩니다"""


def test_a_screen_of_captions_and_values_is_no_notice_for_its_takedown_words():
    assert classify(_image(WING_PHONE_DETAIL, 1608, 2144)) is not DocumentKind.notice_email
    # The same words as an e-mail's prose stay a notice.
    prose = ("[쿠팡] 판매중지 안내\n판매자님, 안녕하세요.\n상품 7510513727의 판매가 중지되었습니다.\n"
             "상세페이지 정보가 실제 상품과 다릅니다.\n판매중지 상품은 소명자료를 제출해 주세요.\n"
             "처리 결과는 알림으로 안내됩니다.\n감사합니다.\n쿠팡 드림.")
    assert classify(_image(prose, 1608, 2144)) is DocumentKind.notice_email
