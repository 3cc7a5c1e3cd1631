"""Coupang Wing screens: the row that matters on a product list, a detail view, the seller's account.

Most tests build the reading by hand (text lines, word boxes laid out as OCR gives them, tables) so
they judge the extractor, not the OCR. The `ocr` tests draw real 1x screenshots (13 px text at
96 DPI) and read them with Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz import fuzz

from casefile.fields import SellerCenterScreenshotFields
from casefile.pages import Page, ReadResult, Table, Word
from extractors.fields.context import FieldContext
from extractors.fields.registry import extract_fields
from extractors.fields.screenshot import caption_field, extract_screenshot, read_ids, seller_account, wing_status

NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
TARGET = "7234567890"

HEADER = ["등록상품ID", "노출상품ID", "상품명", "판매가", "판매상태", "판매중지 사유"]
ROWS = [
    ["14203311", "7234567801", "스마트 무드등 L1", "19,900", "판매중", ""],
    ["14203312", "7234567823", "USB 탁상용 선풍기 F3", "24,500", "판매중", ""],
    ["14203318", TARGET, "미니 가습기 H2", "29,800", "판매중지", "KC 인증 정보 미등록"],
    ["14203320", "7234567912", "차량용 충전기 C5", "15,000", "승인반려", "상세페이지 정보 불일치"],
    ["14203325", "7234567934", "LED 스탠드 S7", "32,000", "판매중", ""],
]
COLUMN_X = [20, 130, 250, 470, 560, 650]
EXPECTED = SellerCenterScreenshotFields(product_id=TARGET, product_name="미니 가습기 H2", status="판매중지",
                                        reason="KC 인증 정보 미등록")


def read_of(*pages: Page) -> ReadResult:
    return ReadResult(pages=list(pages))


def text_page(text: str, source: str = "pdf_text") -> Page:
    return Page(number=1, source=source, text=text)


def extract(read: ReadResult, product_id: str | None = None) -> SellerCenterScreenshotFields:
    return extract_screenshot(read, FieldContext(product_id=product_id))


# -- word boxes as Tesseract's Hangul model returns them ---------------------------------

CHAR_W, GLYPH_H, SPACE = 13, 14, 4


def words_of(text: str, x: float, y: float, spaced: bool = False, confidence: float = 0.9) -> list[Word]:
    """Boxes for `text` at (x, y); Hangul words split into one box per syllable when `spaced`
    (the Hangul model's syllable spacing, STACK.md §3: it spaced captions and states, "판 매 상 태")."""
    out = []
    for token in text.split():
        parts = list(token) if spaced and all("\uac00" <= c <= "\ud7a3" for c in token) else [token]
        for part in parts:
            width = CHAR_W * len(part) if any(c >= "\u1100" for c in part) else 7 * len(part)
            out.append(Word(text=part, left=x, top=y, width=width, height=GLYPH_H, confidence=confidence))
            x += width + 2
        x += SPACE
    return out


def list_words(rows: list[list[str]], header: list[str] = HEADER, columns: list[int] = COLUMN_X,
               pitch: int = 52, top: int = 70) -> list[Word]:
    words = words_of("Coupang Wing 상품관리 > 상품 조회/수정", 16, 14) + words_of("한빛무역 (A00123456)", 760, 14)
    words += [w for x, caption in zip(columns, header) for w in words_of(caption, x, top, spaced=True)]
    for n, row in enumerate(rows):
        y = top + 40 + n * pitch
        words += [w for k, (x, value) in enumerate(zip(columns, row)) if value
                  for w in words_of(value, x, y, spaced=header[k].endswith("상태"))]
    words += words_of("총 5개", 20, top + 40 + len(rows) * pitch)
    return words


def box_page(words: list[Word]) -> Page:
    return Page(number=1, source="ocr", text="(unused)", words=words, confidence=0.9)


# -- the product list --------------------------------------------------------------------


def test_list_from_word_boxes_takes_the_case_product_among_others() -> None:
    page = box_page(list_words(ROWS))
    assert extract(read_of(page), TARGET) == EXPECTED
    other = extract(read_of(page), "7234567912")
    assert other == SellerCenterScreenshotFields(product_id="7234567912", product_name="차량용 충전기 C5",
                                                 status="승인반려", reason="상세페이지 정보 불일치")


def test_list_without_a_product_id_takes_the_surest_takedown_row() -> None:
    # 판매중지 (the sale stopped) outranks 승인반려 (an edit refused) when the case names no product.
    assert extract(read_of(box_page(list_words(ROWS)))) == EXPECTED


def test_two_rows_in_the_same_takedown_state_and_no_id_gives_nothing() -> None:
    rows = [r[:] for r in ROWS]
    rows[0][4] = "판매중지"
    assert extract(read_of(box_page(list_words(rows)))) == SellerCenterScreenshotFields()
    assert extract(read_of(box_page(list_words(rows))), TARGET) == EXPECTED


def test_product_id_with_ocr_look_alikes_is_still_the_case_product() -> None:
    rows = [r[:] for r in ROWS]
    rows[2][1] = "7234S67B9O"  # 5 as S, 8 as B, 0 as O
    assert extract(read_of(box_page(list_words(rows))), TARGET) == EXPECTED


def doubt(words: list[Word], text: str) -> list[Word]:
    """The words reading `text` with a confidence OCR gives a misread (STACK.md §3: below 0.62)."""
    return [w.model_copy(update={"confidence": 0.4}) if w.text == text else w for w in words]


def test_one_doubted_digit_is_forgiven_only_when_one_row_is_that_near() -> None:
    rows = [r[:] for r in ROWS]
    rows[2][1], rows[2][4] = "7234567896", "판매중"  # one digit off the case's id, read with doubt
    found = extract(read_of(box_page(doubt(list_words(rows), "7234567896"))), TARGET)
    assert found == SellerCenterScreenshotFields(product_name="미니 가습기 H2", status="판매중",
                                                 reason="KC 인증 정보 미등록")  # the id: uncertain, so null
    rows[1][1] = "7234567880"  # two rows one doubted digit off: neither is taken on the id
    words = doubt(doubt(list_words(rows), "7234567896"), "7234567880")
    assert extract(read_of(box_page(words)), TARGET).product_name == "차량용 충전기 C5"  # the takedown row


def test_a_neighbour_one_digit_off_read_with_confidence_is_another_product() -> None:
    rows = [r for r in ROWS if r[1] != TARGET]
    rows[0] = [*rows[0][:1], "7234567891", *rows[0][2:]]  # ids of products listed together run on
    found = extract(read_of(box_page(list_words(rows))), TARGET)
    assert found.product_id != TARGET and found.product_name == "차량용 충전기 C5"  # the takedown row, as read


def test_a_row_of_two_lines_keeps_its_wrapped_reason_and_stacked_ids() -> None:
    words = list_words(ROWS[:2])
    y = 70 + 40 + 2 * 52
    words += words_of("14203318", 20, y) + words_of(TARGET, 130, y) + words_of("미니 가습기 H2", 250, y)
    words += words_of("판매중지", 560, y) + words_of("KC 인증 정보", 650, y)
    words += words_of("미등록", 650, y + 20)  # wrapped inside the cell: 6 px gap, not a new row
    words += words_of("옵션 9012345678901", 130, y + 20)  # a second id stacked under the first
    words += words_of("14203320", 20, y + 60) + words_of("7234567912", 130, y + 60) + words_of("판매중", 560, y + 60)
    assert extract(read_of(box_page(words))) == EXPECTED


def test_columns_in_another_order_and_captions_in_other_words() -> None:
    header = ["상품 ID", "상태", "상품명", "반려사유", "등록일"]
    rows = [["7234567801", "승인완료", "스마트 무드등 L1", "", "2026-10-01"],
            [TARGET, "판매 중지", "미니 가습기 H2", "KC 인증 정보 미등록", "2026-10-02"],
            ["7234567912", "판매중", "차량용 충전기 C5", "", "2026-10-03"]]
    page = box_page(list_words(rows, header=header, columns=[20, 140, 230, 450, 640]))
    assert extract(read_of(page)) == EXPECTED


def test_list_from_text_lines_with_cell_borders() -> None:
    lines = [" | ".join(HEADER)] + [" | ".join(r) for r in ROWS]
    assert extract(read_of(text_page("\n".join(lines))), TARGET) == EXPECTED
    tabbed = "\n".join("\t".join(r) for r in [HEADER, *ROWS])
    assert extract(read_of(text_page(tabbed, "plain"))) == EXPECTED


def test_list_from_a_table_of_a_born_digital_page() -> None:
    page = Page(number=1, source="pdf_text", text="상품 조회", tables=[Table(rows=[HEADER, *ROWS])])
    assert extract(read_of(page), TARGET) == EXPECTED


def test_status_not_in_the_list_is_kept_as_printed_unless_ocr_doubts_it() -> None:
    rows = [["7234567801", "판매중"], [TARGET, "관리자 검토"]]
    text = "\n".join(" | ".join(r) for r in [["노출상품ID", "판매상태"], *rows])
    assert extract(read_of(text_page(text)), TARGET).status == "관리자 검토"
    words = words_of("노출상품ID", 20, 10) + words_of("판매상태", 200, 10)
    words += words_of(TARGET, 20, 60) + words_of("Hoge", 200, 60, confidence=0.3)
    assert extract(read_of(box_page(words)), TARGET) == SellerCenterScreenshotFields(product_id=TARGET)


def test_reason_written_in_the_status_cell() -> None:
    text = "노출상품ID | 상품명 | 판매상태\n" + f"{TARGET} | 미니 가습기 H2 | 판매중지 (KC 인증 정보 미등록)"
    assert extract(read_of(text_page(text))) == EXPECTED


def test_a_filter_bar_above_the_table_is_not_a_row() -> None:
    text = "판매상태: 전체 판매중 판매중지 승인반려 | 상품명: \n" + "\n".join(" | ".join(r) for r in [HEADER, *ROWS])
    assert extract(read_of(text_page(text))) == EXPECTED


# -- the detail view ---------------------------------------------------------------------

DETAIL = f"""상품 상세
노출상품ID: {TARGET}
등록상품ID: 14203318
상품명: 미니 가습기 H2
판매상태: 판매중지
승인상태: 승인완료
판매중지 사유: KC 인증 정보 미등록
판매가: 29,800원"""


def test_detail_view_label_value_pairs() -> None:
    assert extract(read_of(text_page(DETAIL))) == EXPECTED
    assert extract(read_of(text_page(DETAIL)), "14203318").product_id == "14203318"


def test_detail_view_from_word_boxes() -> None:
    words = []
    for n, line in enumerate(DETAIL.splitlines()[1:]):
        label, value = line.split(": ")
        words += words_of(label, 40, 100 + n * 36) + words_of(value, 220, 100 + n * 36)
    assert extract(read_of(box_page(words))) == EXPECTED


def test_nothing_to_read_gives_every_field_null() -> None:
    assert extract(read_of()) == SellerCenterScreenshotFields()
    assert extract(read_of(text_page("쿠팡 Wing 로그인"))) == SellerCenterScreenshotFields()


def test_registered_as_the_seller_center_screenshot_extractor() -> None:
    read = read_of(text_page(DETAIL))
    assert extract_fields("seller_center_screenshot", read, FieldContext(product_id=TARGET)) == EXPECTED


# -- pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(("printed", "term"), [
    ("판매중지", "판매중지"), ("판 매 중 지", "판매중지"), ("판매 중지", "판매중지"), ("판 매 중 자", "판매중지"),
    ("승 인 반 려", "승인반려"), ("DENIED", "승인반려"), ("판매중", "판매중"), ("판매중지 (승인완료)", "판매중지"),
    ("부분승인완료", "부분승인완료"), ("임시저장", "임시저장"), ("판매재개", "판매재개"),
])
def test_wing_status_terms(printed: str, term: str) -> None:
    assert wing_status(printed).term == term


def test_wing_status_unknown() -> None:
    assert wing_status("Hoge") is None
    assert wing_status("판매") is None


@pytest.mark.parametrize(("caption", "field"), [
    ("노출상품ID", "exposed_id"), ("등 록 상 품 10D", "registered_id"), ("상품 ID", "registered_id"),
    ("판 매 중지 사유", "reason"), ("상태", "status"), ("등록상품명", "product_name"), ("판매가", "other"),
    ("KC 인증 정보 미등록", None), ("판매중지", None),
])
def test_column_captions(caption: str, field: str | None) -> None:
    assert caption_field(caption) == field


def test_ids_with_look_alikes() -> None:
    assert read_ids("7234S67B9O") == [TARGET]
    assert read_ids("등록 14203318 / 노출 7234567890") == ["14203318", TARGET]
    assert read_ids("ID 123") == []
    assert read_ids("LED SOLO") == []


def test_seller_account() -> None:
    assert seller_account(read_of(box_page(list_words(ROWS)))) == "한빛무역"
    assert seller_account(read_of(text_page("판매자명: 주식회사 한빛무역\n업체코드: A00123456"))) == "주식회사 한빛무역"
    assert seller_account(read_of(text_page("Wing | 한빛무역 님 (A00123456) | 로그아웃"))) == "한빛무역"
    assert seller_account(read_of(text_page("상품 조회 | Shenzhen Hanbit Trading Co., Ltd."))) == \
        "Shenzhen Hanbit Trading Co., Ltd."
    assert seller_account(read_of(text_page(DETAIL))) is None


# -- real screenshots, read by Tesseract -------------------------------------------------


def _font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(NOTO_BOLD if bold else NOTO, px, index=1)  # face 1: Korean


def draw_list(path: Path, rows: list[list[str]] = ROWS) -> Path:
    """A Wing product list as a 1x screen capture: 13 px text, header band, row rules, red takedown states."""
    img = Image.new("RGB", (1000, 110 + 52 * len(rows) + 40), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, 1000, 44], fill=(248, 249, 250))
    draw.text((16, 13), "Coupang Wing  상품관리 > 상품 조회/수정", font=_font(14, bold=True), fill=(33, 37, 41))
    draw.text((780, 14), "한빛무역 (A00123456)", font=_font(13), fill=(33, 37, 41))
    draw.rectangle([10, 62, 990, 94], fill=(241, 243, 245))
    for x, caption in zip(COLUMN_X, HEADER):
        draw.text((x, 70), caption, font=_font(13, bold=True), fill=(52, 58, 64))
    for n, row in enumerate(rows):
        y = 110 + n * 52
        for x, value in zip(COLUMN_X, row):
            red = value in ("판매중지", "승인반려")
            draw.text((x, y), value, font=_font(13), fill=(208, 33, 42) if red else (17, 17, 17))
        draw.line([10, y + 34, 990, y + 34], fill=(222, 226, 230))
    img.save(path, dpi=(96, 96))
    return path


def draw_detail(path: Path) -> Path:
    img = Image.new("RGB", (720, 360), "white")
    draw = ImageDraw.Draw(img)
    draw.text((24, 20), "상품 상세", font=_font(16, bold=True), fill=(17, 17, 17))
    for n, line in enumerate(DETAIL.splitlines()[1:]):
        label, value = line.split(": ")
        y = 70 + n * 36
        draw.rectangle([20, y - 8, 180, y + 24], fill=(241, 243, 245))
        draw.text((32, y), label, font=_font(13, bold=True), fill=(52, 58, 64))
        draw.text((200, y), value, font=_font(13), fill=(17, 17, 17))
    img.save(path, dpi=(96, 96))
    return path


def ocr_fixture(path: Path, factor: int = 2) -> ReadResult:
    """The screenshot enlarged here (in the test only) and read by the product's Tesseract wrapper,
    boxes scaled back: a real OCR reading of the screen that does not hang on small-text handling."""
    from extractors.readers import tesseract

    img = Image.open(path).convert("L")
    out = tesseract.ocr(img.resize((img.width * factor, img.height * factor), Image.LANCZOS), psm=11)
    words = [Word(text=w.text, left=w.left / factor, top=w.top / factor, width=w.width / factor,
                  height=w.height / factor, confidence=w.confidence) for w in out.words]
    return read_of(Page(number=1, source="ocr", text=out.text, words=words, confidence=out.confidence))


def wrong_fields(found: SellerCenterScreenshotFields, expected: SellerCenterScreenshotFields) -> list[str]:
    """Fields read wrong. A field may be null (OCR doubted it); the id and the status, which are
    checked against known values, must be exact; printed text may carry a confidently misread
    glyph ("H2" as "42") but must not be another product's or another reason."""
    wrong = []
    for name, value in found:
        wanted = getattr(expected, name)
        if value is None or value == wanted:
            continue
        if name in ("product_id", "status") or fuzz.ratio(squash(value), squash(wanted)) < 80:
            wrong.append(name)
    return wrong


def squash(text: str) -> str:
    return "".join(text.split()).casefold()


@pytest.mark.ocr
def test_ocr_list_screenshot(tmp_path: Path) -> None:
    read = ocr_fixture(draw_list(tmp_path / "wing.png"))
    found = extract(read, TARGET)
    assert (found.product_id, found.status) == (TARGET, "판매중지")
    assert wrong_fields(found, EXPECTED) == [], found
    assert extract(read).product_id == TARGET  # the only 판매중지 row
    assert seller_account(read) in ("한빛무역", None)


@pytest.mark.ocr
def test_ocr_detail_screenshot(tmp_path: Path) -> None:
    found = extract(ocr_fixture(draw_detail(tmp_path / "detail.png")))
    assert (found.product_id, found.status) == (TARGET, "판매중지")
    assert wrong_fields(found, EXPECTED) == [], found


@pytest.mark.ocr
@pytest.mark.slow
def test_ocr_list_screenshot_through_the_reader(tmp_path: Path) -> None:
    """The product's own reader on the 1x capture: whatever it reads, no field may name another
    product or state (a wrong row is worse than none)."""
    from extractors.readers.read import read_file

    read = read_file(draw_list(tmp_path / "wing.png"), tmp_path / "work")
    assert wrong_fields(extract(read, TARGET), EXPECTED) == []
    assert wrong_fields(extract(read), EXPECTED) == []


def test_misread_captions_and_doubted_words() -> None:
    """OCR as it comes from a 1x capture: a caption with a misread syllable, a doubted word in the reason."""
    header = ["등록상품ID", "노줄상품 10", "상품명", "판매상태", "판매중지 사유"]
    columns = [20, 130, 250, 470, 560]
    words = [w for x, caption in zip(columns, header) for w in words_of(caption, x, 20, spaced=True)]
    for n, (reg, exp, name, state) in enumerate([("14203311", "7234567801", "스마트 무드등 L1", "판매중"),
                                                 ("14203318", TARGET, "미니 가습기 H2", "판매중지")]):
        y = 70 + n * 52
        words += words_of(reg, 20, y) + words_of(exp, 130, y) + words_of(name, 250, y) + words_of(state, 470, y)
    words += words_of("<", 560, 122, confidence=0.3) + words_of("인증 정보 미등록", 575, 122)
    found = extract(read_of(box_page(words)))
    assert found == SellerCenterScreenshotFields(product_id=TARGET, product_name="미니 가습기 H2", status="판매중지")


def test_the_case_id_marks_its_row_under_any_caption() -> None:
    header = ["등록상품ID", "링크", "상품명", "판매상태"]  # the URL's id under a caption not in the rules
    text = "\n".join(" | ".join(r) for r in [header, ["14203311", "7234567801", "스마트 무드등 L1", "판매중지"],
                                              ["14203318", TARGET, "미니 가습기 H2", "판매중지"]])
    found = extract(read_of(text_page(text)), TARGET)
    assert (found.product_id, found.product_name) == (TARGET, "미니 가습기 H2")


def test_a_list_whose_id_and_status_captions_were_garbled_still_gives_the_case_row() -> None:
    """A caption on a grey band OCR'd as garbage (`노 BOB! ID`, `ono`): the line with the case's id is
    its row; status is a known term in it; name and reason only from under a caption that was read."""
    garbled = ["등 록 BOB! ID", "노 BOB! ID", "상품명", "판매가", "ono", "비고"]
    page = box_page(list_words(ROWS, header=garbled))
    found = extract(read_of(page), TARGET)
    assert found == SellerCenterScreenshotFields(product_id=TARGET, product_name="미니 가습기 H2", status="판매중지")
    assert extract(read_of(page), None) != found  # without the case's id nothing marks the row


def test_a_reason_cell_holding_a_status_or_ids_is_no_reason() -> None:
    rows = [list(r) for r in ROWS]
    rows[2][5] = "판매중지"  # the status read into the reason's column
    assert extract(read_of(box_page(list_words(rows))), TARGET).reason is None
    rows[2][5] = "7234567890 판매중지 상세페이지"  # a run of the row's cells, ids and all
    assert extract(read_of(box_page(list_words(rows))), TARGET).reason is None


def test_a_detail_card_of_captions_over_values_pairs_by_column() -> None:
    """A stacked card in English: `Product Title | Registered on` over its values. Neither "Title"
    (the rest of the caption) nor the next caption is the name; the id sits under its caption."""
    card = [("Product Title", "Registered on"), ("블루투스 키보드", "2026.08.05"),
            ("Price", "Seller Product ID"), ("98,800 원", "1393896255"),
            ("Listing Status", "Suspension Reason"), ("Suspended", "Full ingredient list missing")]
    words = words_of("상품 상세 조회", 20, 20)
    for n, (left, right) in enumerate(card):
        words += words_of(left, 40, 80 + 40 * n) + words_of(right, 420, 80 + 40 * n)
    fields = extract(read_of(box_page(words)))
    assert fields.product_name == "블루투스 키보드" and fields.product_id == "1393896255"
    assert fields.status == "판매중지" and fields.reason == "Full ingredient list missing"


def test_a_detail_card_whose_small_id_ocr_read_as_10_keeps_the_url_id() -> None:
    """`상품 ID (노출)` read as `상품 10 (노출)`: the exposed id (the URL's) is still known as such
    and ranks before the registered one."""
    rows = [("등록상품 10", "1328777156"), ("상품명", "차량용 무선 충전 거치대"), ("상품 10 (노출)", "7392780514"),
            ("상태", "판매중지")]
    words = []
    for n, (label, value) in enumerate(rows):
        words += words_of(label, 40, 100 + n * 36) + words_of(value, 260, 100 + n * 36)
    found = extract(read_of(box_page(words)))
    assert found.product_id == "7392780514" and found.status == "판매중지"
