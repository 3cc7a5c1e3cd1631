"""The layout model and label-value pairing by geometry (issue 14): pages given as words with boxes,
as a text layer or OCR gives them, in layouts the flattened text could not pair."""

from __future__ import annotations

from casefile.pages import Page, Table, Word
from extractors.fields.kc import extract_kc
from extractors.layout import layout_of
from extractors.layout.build import word_lines

H = 20  # word height in the pages below (pixels); a space is about 6 wide, a column gap 60+


def words_of(rows: list[list[tuple[float, str]]], top: float = 100, step: float = 40,
             confidence: float | None = None) -> list[Word]:
    """Rows of (x, phrase): each phrase's words placed left to right with a space between them."""
    words = []
    for n, row in enumerate(rows):
        y = top + n * step
        for x, phrase in row:
            for token in phrase.split():
                width = 12 * len(token)
                words.append(Word(text=token, left=x, top=y, width=width, height=H, confidence=confidence))
                x += width + 6
    return words


def page_of(rows: list[list[tuple[float, str]]], source: str = "pdf_text", **kw) -> Page:
    words = words_of(rows, **kw)
    text = "\n".join(" ".join(p for _, p in row) for row in rows)
    return Page(number=1, source=source, text=text, words=words, width=1000, height=1400)


def test_words_become_lines_and_a_wide_gap_ends_a_cell():
    lines = word_lines(words_of([[(50, "모델명"), (300, "HB-H200 미니")], [(50, "제조자 ABC Co., Ltd.")]]))
    assert [[c.text for c in line.cells] for line in lines] == [["모델명", "HB-H200 미니"], ["제조자 ABC Co., Ltd."]]


def test_two_column_header_with_values_below_pairs_each_column():
    """The issue's case: `안전확인번호 | 신청인` on one line, both values on the next."""
    page = page_of([
        [(300, "안전확인 신고증명서")],
        [(60, "안전확인번호"), (520, "신청인")],
        [(60, "CB063R10486-2002"), (520, "(주) 키즈바이크코리아")],
        [(60, "제품명"), (520, "모델명")],
        [(60, "어린이용 자전거"), (520, "KB-Z630P")],
        [(60, "제조자"), (520, "신고일자")],
        [(60, "Ningbo Kids Bike Co., Ltd."), (520, "2025. 4. 2.")],
    ])
    fields = extract_kc([page])
    assert fields.certificate_number == "CB063R10486-2002"
    assert fields.product_name == "어린이용 자전거"
    assert fields.model_name == "KB-Z630P"
    assert fields.manufacturer == "Ningbo Kids Bike Co., Ltd."  # not the applicant beside it
    assert str(fields.issue_date) == "2025-04-02"


def test_three_pairs_per_row_in_a_stacked_grid():
    page = page_of([
        [(40, "인증번호"), (360, "모델명"), (680, "인증일자")],
        [(40, "HU071695-21012A"), (360, "HB-H200"), (680, "2021-03-04")],
        [(40, "제품명"), (360, "제조국"), (680, "제조사")],
        [(40, "미니 가습기"), (360, "중국"), (680, "Shenzhen Hanbit Electric Co., Ltd.")],
    ])
    fields = extract_kc([page])
    assert (fields.certificate_number, fields.model_name, str(fields.issue_date)) == \
        ("HU071695-21012A", "HB-H200", "2021-03-04")
    assert fields.product_name == "미니 가습기"
    assert fields.manufacturer == "Shenzhen Hanbit Electric Co., Ltd."


def test_label_left_table_with_an_english_gloss_in_its_own_cell():
    page = page_of([
        [(40, "인증번호"), (200, "Certificate No."), (480, "YU10128-23004")],
        [(40, "모델명"), (200, "Model No."), (480, "FAN-01")],
        [(40, "제조자"), (200, "Manufacturer"), (480, "Ningbo Wind Electric Co., Ltd.")],
    ])
    fields = extract_kc([page])
    assert fields.certificate_number == "YU10128-23004"
    assert fields.model_name == "FAN-01"
    assert fields.manufacturer == "Ningbo Wind Electric Co., Ltd."


def test_a_korean_label_with_its_english_subtitle_under_it_is_one_label():
    page = page_of([
        [(40, "모델명"), (400, "BT-S1")],
        [(40, "Model No.")],
        [(40, "제조자"), (400, "Shenzhen Sound Co., Ltd.")],
        [(40, "Manufacturer")],
    ], step=28)
    fields = extract_kc([page])
    assert fields.model_name == "BT-S1" and fields.manufacturer == "Shenzhen Sound Co., Ltd."


def test_a_value_wrapped_inside_its_cell_stays_whole():
    page = page_of([
        [(40, "제조자"), (300, "Foshan Shunde Bolang")],
        [(300, "Electric Appliance Co., Ltd.")],
        [(40, "모델명"), (300, "BL-K1")],
    ], step=26)
    fields = extract_kc([page])
    assert fields.manufacturer == "Foshan Shunde Bolang Electric Appliance Co., Ltd."
    assert fields.model_name == "BL-K1"


def test_a_table_grid_pairs_by_column():
    table = Table(rows=[["제품명", "모델명", "인증번호"], ["원목 장난감", "WOODEN TOY-MB22", "CB063R10486-2002"]])
    page = Page(number=1, source="pdf_text", text="어린이제품 안전확인", tables=[table])
    fields = extract_kc([page])
    assert fields.model_name == "WOODEN TOY-MB22" and fields.product_name == "원목 장난감"


# -- null beats a guess ------------------------------------------------------------------------


def test_an_unknown_label_gives_null():
    page = page_of([[(40, "인증번호"), (300, "HU071695-21012A")], [(40, "형식승인코드"), (300, "ZX-9")]])
    assert extract_kc([page]).model_name is None


def test_a_label_with_nothing_after_it_gives_null():
    page = page_of([[(40, "인증번호"), (300, "HU071695-21012A")], [(40, "모델명")], [(40, "제조자"), (300, "ABC Co., Ltd.")]])
    fields = extract_kc([page])
    assert fields.model_name is None and fields.manufacturer == "ABC Co., Ltd."


def test_another_label_is_never_a_value():
    # Empty value cells in a label-left table: the label below is not the value.
    page = page_of([[(40, "모델명")], [(40, "제조자")], [(40, "신청인:"), (300, "(주) 한빛")]], step=30)
    fields = extract_kc([page])
    assert fields.model_name is None and fields.manufacturer is None


def test_a_value_without_its_fields_type_is_not_taken():
    page = page_of([[(40, "인증일자"), (300, "별도 첨부")], [(40, "모델명"), (300, "2025. 3. 12.")]])
    fields = extract_kc([page])
    assert fields.issue_date is None and fields.model_name is None


def test_layout_regions_say_which_boxes_are_synthesised():
    docx = Page(number=1, source="docx", text="모델명\tHB-H200", tables=[Table(rows=[["a", "b"]])])
    regions = layout_of(docx).regions
    assert [r.kind for r in regions] == ["table", "text"] and all(r.synthetic for r in regions)
    ocr = page_of([[(40, "모델명"), (300, "HB-H200")]], source="ocr", confidence=0.9)
    assert [(r.kind, r.synthetic) for r in layout_of(ocr).regions] == [("words", False)]


def test_an_ingredient_block_beside_another_column_is_read_whole():
    """A photographed label in two columns: the flattened lines interleave 전성분 with 사용방법."""
    from extractors.fields.ingredients import extract_ingredients

    page = page_of([
        [(40, "전성분: 정제수, 글리세린,"), (560, "사용방법: 적당량을 덜어")],
        [(40, "부틸렌글라이콜, 나이아신아마이드,"), (560, "얼굴 전체에 부드럽게")],
        [(40, "판테놀, 알란토인, 카보머,"), (560, "펴 발라 흡수시킵니다.")],
        [(40, "트로메타민, 잔탄검"), (560, "주의사항: 눈에 들어갔을 때")],
    ], source="ocr", step=26, confidence=0.9)
    names = extract_ingredients([page]).ingredients
    assert names == ["정제수", "글리세린", "부틸렌글라이콜", "나이아신아마이드", "판테놀", "알란토인", "카보머",
                     "트로메타민", "잔탄검"]


def test_a_cell_that_starts_with_another_label_is_not_a_value_below():
    # A grid whose 제품명 value cell is empty: the next row's `대표자 Representative …` is a label and its
    # value, never the product; a lower-case bilingual caption is no model either.
    page = page_of([
        [(40, "제품명"), (400, "모델명")],
        [(40, "대표자 Representative 최하은"), (400, "시험·인증기관 Certifier")],
        [(40, "인증번호"), (400, "HU071695-21012A")],
    ])
    fields = extract_kc([page])
    assert fields.product_name is None and fields.model_name is None
    assert fields.certificate_number == "HU071695-21012A"


def test_a_label_heading_a_table_column_gives_no_value_from_its_rows():
    """A derived-model table under the certificate's own fields: which row is the model is not
    for the pairing to guess (it once took the first derived model)."""
    rows = [
        [(60, "商品名称"), (320, "미니 가습기")],
        [(60, "生产企业"), (320, "金华市智源照明有限公司")],
        [(60, "[파생모델]")],
        [(60, "型号"), (320, "Colour")],
        [(60, "BJW4130WB"), (320, "블랙")],
        [(60, "BJW4130W-2"), (320, "블랙")],
    ]
    assert extract_kc([page_of(rows)]).model_name is None
    # One row under the header is a stacked grid's value, and so is a value over a row of labels.
    assert extract_kc([page_of(rows[:5])]).model_name == "BJW4130WB"
    grid = [[(60, "型号"), (320, "Colour")], [(60, "BJW4130WB"), (320, "블랙")], [(60, "地址"), (320, "电话")]]
    assert extract_kc([page_of(grid)]).model_name == "BJW4130WB"


def test_a_qualified_label_heads_another_value():
    rows = [[(60, "품명"), (320, "블루투스 스피커")], [(60, "추 가 모 델"), (320, "XZF-4687P")]]
    assert extract_kc([page_of(rows, source="ocr")]).model_name is None
    rows[1] = [(60, "모 델"), (320, "XZF-4687")]
    assert extract_kc([page_of(rows, source="ocr")]).model_name == "XZF-4687"


def test_a_label_left_table_with_an_unknown_label_under_a_known_one_keeps_the_value_beside():
    rows = [[(60, "제품명"), (320, "미니 가습기")], [(60, "정격전압"), (320, "220V")], [(60, "모델명"), (320, "HB-H200")]]
    fields = extract_kc([page_of(rows)])
    assert (fields.product_name, fields.model_name) == ("미니 가습기", "HB-H200")


def test_a_label_with_its_english_gloss_in_its_cell_has_its_value_below():
    page = page_of([
        [(40, "KC 인증번호 Safety Certification No."), (520, "인증일자 Date of Issue")],
        [(40, "HU924999-22484B"), (520, "2022년 1월 11일")],
        [(40, "기본모델명 Model/Type Reference"), (520, "대상 제품 Description of Product")],
        [(40, "BE-8062B"), (520, "전기 온수매트")],
        [(40, "브랜드명 PUREHOME")],
    ])
    fields = extract_kc([page])
    assert (fields.certificate_number, fields.model_name, fields.product_name, str(fields.issue_date)) == \
        ("HU924999-22484B", "BE-8062B", "전기 온수매트", "2022-01-11")


def test_a_caption_set_off_above_its_list_in_the_right_column_reads_with_it():
    from extractors.fields.ingredients import extract_ingredients

    page = page_of([
        [(300, "마데카 카밍 크림")],
        [(40, "수입원: 주식회사 별빛커머스"), (500, "화장품 전성분")],
        [(40, "사용방법: 세안 후 적당량을 덜어 펴"), (500, "정제수, 베타인, 메틸프로판다이")],
        [(40, "발라 줍니다."), (500, "올, 스쿠알란, 글리세릴스테아레이트,")],
        [(40, "소비자가: 95,200원"), (500, "카보머, 알란토인")],
    ], step=32)
    # The caption sits 1.4 line heights over its list.
    page.words[:] = [w.model_copy(update={"top": w.top - 16}) if w.text in ("화장품", "전성분") else w for w in page.words]
    assert extract_ingredients([page]).ingredients == ["정제수", "베타인", "메틸프로판다이올", "스쿠알란",
                                                      "글리세릴스테아레이트", "카보머", "알란토인"]
    from extractors.layout.blocks import column_blocks

    blocks = [[c.text for c in block] for block in column_blocks(layout_of(page))]
    assert ["화장품 전성분", "정제수, 베타인, 메틸프로판다이", "올, 스쿠알란, 글리세릴스테아레이트,", "카보머, 알란토인"] in blocks


def test_a_row_label_under_a_label_without_a_value_is_not_its_value():
    """A bilingual form whose Korean label OCR garbled: the English gloss left alone (`Grantee`)
    has the next row under it, label and value (`품목 | All products`); neither is the grantee."""
    from casefile.pages import ReadResult
    from extractors.fields.authorization import extract_authorization
    from extractors.fields.context import FieldContext

    rows = [[(60, "위임인"), (420, "루이펑화장품 유한공사")], [(60, "(Licensor)")],
            [(60, "PEEL TT"), (420, "주식회사 빛나래상사")], [(60, "Grantee")],
            [(60, "품목"), (420, "All products")], [(60, "Licensed Products")],
            [(60, "상표"), (420, "LANITECH")]]
    fields = extract_authorization(ReadResult(pages=[page_of(rows, source="ocr", confidence=0.9)]), FieldContext())
    assert fields.grantee in (None, "주식회사 빛나래상사")
    assert fields.brand == "LANITECH"


def test_a_number_beside_a_label_late_in_the_list_is_read_as_printed_even_malformed():
    """`安全认证编号` (安全인증번호 as a Chinese agency prints it) sits late in the label list; its
    value, a number that fits no scheme, is still what is printed there, for the check to judge."""
    rows = [[(60, "KC 安全认证证书")], [(60, "安全认证编号"), (420, "SU228529-258")], [(60, "产品型号"), (420, "GKW3094")]]
    fields = extract_kc([page_of(rows, source="ocr", confidence=0.9)])
    assert (fields.certificate_number, fields.model_name) == ("SU228529-258", "GKW3094")


def test_a_bilingual_caption_whose_korean_half_is_unknown_pairs_by_its_english_half():
    """`제품모델명 Model No. ZKF6751PG`: an unknown Korean label, the English label, the value, all in
    one cell; the English gloss is not part of the value."""
    rows = [[(40, "인증관리번호 Safety Certification No."), (520, "제품의 명칭 Name of Equipment 무선")],
            [(40, "제품모델명 Model No. ZKF6751PG"), (520, "교부일 Issue Date 2027.01.18")]]
    fields = extract_kc([page_of(rows)])
    assert fields.model_name == "ZKF6751PG"


def test_an_english_gloss_before_a_value_is_not_part_of_it():
    from extractors.fields.kc import vocabulary
    from extractors.layout.pairing import _without_gloss

    terms = vocabulary().labels["model_name"]
    assert _without_gloss("Model No. ZKF6751PG", terms) == "ZKF6751PG"
    assert _without_gloss("ZKF6751PG", terms) == "ZKF6751PG"
    assert _without_gloss("Model No.", terms) == "Model No."  # nothing after it: not stripped
    names = vocabulary().labels["product_name"]
    assert _without_gloss("Product Name Smart Lamp", names) == "Smart Lamp"


def test_a_test_reports_number_and_a_statutes_title_are_not_the_certificates():
    """A children's certificate: its number printed at the top ("제 HU527702-25964 호"), a "Report No."
    row (the test report's), and the law under a title word ("Products" over 「어린이제품 안전 특별법」)."""
    rows = [[(300, "제 HU527702-25964 호")], [(60, "KC Certificate for Children's Products")],
            [(60, "「어린이제품 안전 특별법」")],
            [(60, "Report No."), (420, "TR-20224144")], [(60, "Type Ref."), (420, "NPNE-4470")]]
    fields = extract_kc([page_of(rows)])
    assert fields.certificate_number == "HU527702-25964"
    assert fields.model_name == "NPNE-4470"
    assert fields.product_name is None


def test_a_certified_product_name_and_a_bare_type_label_pair_beside_their_values():
    rows = [[(60, "인증제품명"), (420, "유아용 목재 블록")], [(60, "형식"), (420, "GWR-1180B")]]
    fields = extract_kc([page_of(rows)])
    assert (fields.product_name, fields.model_name) == ("유아용 목재 블록", "GWR-1180B")


def test_a_label_inside_a_title_in_spaced_letters_has_no_value_beside_it():
    """`상 표 사 용 및 판 매 위 임 장`: OCR splits a title in spaced letters into cells; the word after
    `상표` is the title going on, not the brand (that one is in the text: `SOLBAY 상표`)."""
    from casefile.pages import ReadResult
    from extractors.fields.authorization import extract_authorization
    from extractors.fields.context import FieldContext

    def brand(rows):
        return extract_authorization(ReadResult(pages=[page_of(rows, source="ocr", confidence=0.9)]),
                                     FieldContext()).brand

    assert brand([
        [(200, "상표"), (320, "사용"), (440, "및"), (520, "판매"), (640, "위임장")],
        [(40, "위임인이 보유한 SOLBAY 상표가 부착된 제품의 판매를 위임합니다.")],
    ]) == "SOLBAY"
    # A row of captions and values is still read: the value is followed by the next caption.
    assert brand([[(40, "상표"), (200, "HANBIT"), (400, "위임인"), (560, "(주) 한빛상사")]]) == "HANBIT"


def test_a_quoted_term_being_defined_is_no_caption():
    """`(이하 "위임인")는 …`, cut into cells at a wide gap: the cell opening `위임인") 는 주식회사 …` is the
    end of a defined term, and what follows is the other party, not the grantor."""
    from casefile.pages import ReadResult
    from extractors.fields.authorization import extract_authorization
    from extractors.fields.context import FieldContext

    # As OCR spaced it out on a scan.
    rows = [[(40, '(주) 푸른숲유통 (이하 "'), (400, '위 임 인 ") 는 주식회사 가 온 유 통 ( 이 하 " 수 임 인 ") 에 게')],
            [(40, "판매 권한을 위임합니다.")]]
    fields = extract_authorization(ReadResult(pages=[page_of(rows, source="ocr", confidence=0.9)]), FieldContext())
    assert fields.grantor != "주식회사 가온유통"
