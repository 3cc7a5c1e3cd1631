"""Ingredient-list fields from labels and spec sheets: Korean, OCR-spaced and misread, English,
Chinese, tables; the splitter's respect for brackets, locants and slashes; near misses kept as read."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casefile.pages import Page, Table
from extractors.fields.ingredients import (
    RULES,
    dictionary,
    extract_ingredients,
    names_in,
    split_items,
    standard_name,
    strip_notes,
)
from extractors.fields.registry import extract_fields
from extractors.text.ingredient_names import EDGE_JUNK


def read(text: str, source: str = "pdf_text", tables: list[Table] | None = None):
    return extract_ingredients([Page(number=1, source=source, text=text, tables=tables or [])])


# -- whole labels -------------------------------------------------------------------------------

KOREAN_LABEL = """제품명: 시카 수분 크림
[전성분]
정제수, 글리세린, 부틸렌글라이콜, 1,2-헥산다이올, 카프릴릭/카프릭트라이글리세라이드, 병풀추출물(10,000ppm),
나이아신아마이드, 향료(리모넨, 리날룰)
용량: 50 mL  제조번호: A1234"""


def test_korean_label_with_brackets_locants_and_slashes():
    fields = read(KOREAN_LABEL)
    assert fields.product_name == "시카 수분 크림"
    assert fields.ingredients == ["정제수", "글리세린", "부틸렌글라이콜", "1,2-헥산다이올",
                                  "카프릴릭/카프릭트라이글리세라이드", "병풀추출물", "나이아신아마이드", "향료"]


def test_ocr_syllable_spacing_and_a_misread_syllable():
    text = ("제 품 명 : 비 타 크 림\n전 성 분 : 정 제 수 , 글 리 세 란 , 나 이 아 신 아 마 이 드 , "
            "부 틸 랜 글 라 이 콜 , 1 , 2 - 헥 산 다 이 올 , 하 이 드 로 퀴 논 ( 0.1% )\n용 량 : 5 0 m L")
    fields = read(text, "ocr")
    assert fields.product_name == "비타크림"
    assert fields.ingredients == ["정제수", "글리세린", "나이아신아마이드", "부틸렌글라이콜", "1,2-헥산다이올", "하이드로퀴논"]


def test_ocr_space_inside_one_word():
    assert read("전성분: 정제수, 나이아신아마이 드, 아데노 신", "ocr").ingredients == ["정제수", "나이아신아마이드", "아데노신"]


def test_older_spellings_map_to_the_standard_name():
    text = "전성분: 정제수, 1,2-헥산디올, 부틸렌글리콜, 메칠파라벤, 히드로퀴논, 알파-이소메칠이오논, 디메치콘"
    assert read(text).ingredients == ["정제수", "1,2-헥산다이올", "부틸렌글라이콜", "메틸파라벤", "하이드로퀴논",
                                      "알파-아이소메틸아이오논", "다이메티콘"]


def test_english_only_label_is_mapped_through_inci():
    text = ("Product Name: Cica Cream\nIngredients: Water (Aqua), Glycerin, Butylene Glycol, Niacinamide, "
            "Caprylic/Capric Triglyceride, Centella Asiatica Extract, Parfum (Fragrance), Limonene.\n"
            "Directions: Apply evenly.")
    fields = read(text)
    assert fields.product_name == "Cica Cream"
    assert fields.ingredients == ["정제수", "글리세린", "부틸렌글라이콜", "나이아신아마이드",
                                  "카프릴릭/카프릭트라이글리세라이드", "병풀추출물", "향료", "리모넨"]


def test_chinese_label():
    text = "产品名称：积雪草面霜\n成分：水、甘油、丁二醇、烟酰胺、1,2-己二醇、积雪草提取物、香精、未知成分甲\n净含量：50mL"
    fields = read(text)
    assert fields.product_name == "积雪草面霜"
    assert fields.ingredients == ["정제수", "글리세린", "부틸렌글라이콜", "나이아신아마이드", "1,2-헥산다이올",
                                  "병풀추출물", "향료", "未知成分甲"]


def test_block_over_several_lines_with_a_wrapped_name_and_a_dropped_comma():
    text = ("용기 뒷면\n전성분\n정제수, 글리세린, 부틸렌글라이콜, 카프릴릭/카프릭트라이글\n리세라이드, 나이아신아마이드\n"
            "글리세릴스테아레이트, 향료\n\n사용방법: 적당량을 덜어 바릅니다.")
    assert read(text).ingredients == ["정제수", "글리세린", "부틸렌글라이콜", "카프릴릭/카프릭트라이글리세라이드",
                                      "나이아신아마이드", "글리세릴스테아레이트", "향료"]


def test_block_ends_at_the_next_label_item():
    text = "전성분: 정제수, 글리세린, 향료 주의사항: 상처가 있는 부위에는 사용하지 마십시오, 눈에 들어가면 씻어내십시오"
    assert read(text).ingredients == ["정제수", "글리세린", "향료"]


def test_block_ends_where_a_line_neither_follows_a_separator_nor_reads_as_names():
    text = ("Ingredients: 정제수, 부틸렌글라이콜, 판테놀, 카페인(유기농), | 세라마이드엔피, 잔탄검\n"
            "인체적용시험 완료 · 피부 자극 테스트 완료\n제조국 중국")
    assert read(text).ingredients == ["정제수", "부틸렌글라이콜", "판테놀", "카페인", "세라마이드엔피", "잔탄검"]
    # A line without a trailing comma that goes on with names is still the list.
    wrapped = "전성분: 정제수, 글리세린\n판테놀, 잔탄검\n인체적용시험 완료"
    assert read(wrapped).ingredients == ["정제수", "글리세린", "판테놀", "잔탄검"]


def test_label_words_before_the_colon_are_label():
    text = "Ingredient List：정제수, 글리세린, 프로판다이올\nNet Contents: 50 mL"
    assert read(text).ingredients == ["정제수", "글리세린", "프로판다이올"]


def test_bilingual_label_prefers_the_block_that_reads_best():
    text = ("전 성 분 : 정 제 수 , 글 리 세 린 , 나 이 아 신 아 마 이 드\n"
            "Ingredients: Water, Glycerin, Niacinamide, Hydroquinone")
    assert read(text, "ocr").ingredients == ["정제수", "글리세린", "나이아신아마이드", "하이드로퀴논"]


def test_middle_dot_separated_list():
    assert read("전성분: 정제수·글리세린·부틸렌글라이콜·향료").ingredients == ["정제수", "글리세린", "부틸렌글라이콜", "향료"]


def test_a_name_wrapped_in_a_middle_dot_list_is_joined():
    text = "전성분: 정제수 · 베타인 · 메틸프로판다이\n올 · 스쿠알란 · 글리세릴스테아레이트"
    assert read(text).ingredients == ["정제수", "베타인", "메틸프로판다이올", "스쿠알란", "글리세릴스테아레이트"]


def test_one_name_per_line_without_commas():
    text = "INGREDIENTS:\nWater\nGlycerin\nDimethicone\nPhenoxyethanol\n\nNet Wt. 50 mL"
    assert read(text).ingredients == ["정제수", "글리세린", "다이메티콘", "페녹시에탄올"]


def test_name_with_brackets_of_its_own_is_kept_whole():
    text = "전성분: 정제수, 폴리(1-헥사메칠렌바이구아니드)에이치씨엘, Glycyrrhiza Glabra (Licorice) Root Extract"
    assert read(text).ingredients == ["정제수", "폴리아미노프로필바이구아나이드", "감초뿌리추출물"]


def test_label_unreadable_but_the_list_is_there():
    text = "시카 크림 50mL\n전성뷴 : 정제수, 글리세린, 부틸렌글라이콜,\n나이아신아마이드, 향료\n제조국: 대한민국"
    assert read(text, "ocr").ingredients == ["정제수", "글리세린", "부틸렌글라이콜", "나이아신아마이드", "향료"]


def test_label_table_row_is_read_as_a_block():
    rows = [["제품명", "시카 크림"], ["전성분", "정제수, 글리세린, 향료(리모넨)"], ["용량", "50 mL"],
            ["사용방법", "적당량을 바릅니다"], ["주의사항", "눈에 들어가지 않게"]]
    text = "\n".join(" | ".join(row) for row in rows)
    fields = read(text, "docx", tables=[Table(rows=rows)])
    assert fields.ingredients == ["정제수", "글리세린", "향료"]
    assert fields.product_name == "시카 크림"


def test_table_ocr_one_cell_per_line():
    """A photographed spec table comes out of OCR cell by cell; the title block holds only a date."""
    text = ("전 성 분 표\n작성일: 2026.10.08\n제품명: AC 클리어 스팟 세럼\nNo\n성 분 명\n함 량 (%)\n1\nAA\n79.35\n2\n"
            "부 틸 렌 글 라 이 콜\n8.00\n3\n나 이 아 신 아 마 어드\n2.00\n4\n살 리 실 릭 애 씨드\n0.50\n5\noa TZ.\n0.30")
    fields = read(text, "ocr")
    assert fields.ingredients == ["부틸렌글라이콜", "나이아신아마이드", "살리실릭애씨드"]
    assert fields.product_name == "AC 클리어 스팟 세럼"


def test_no_block_no_names():
    fields = read("제품명: 미니 가습기\n정격전압: 220V")
    assert fields.ingredients == [] and fields.product_name == "미니 가습기"


# -- spec sheets ---------------------------------------------------------------------------------


def test_spec_sheet_table_uses_korean_column_else_inci():
    table = Table(rows=[["No.", "성분명", "INCI Name", "함량(%)"],
                        ["1", "정제수", "Water", "70.00"],
                        ["2", "", "Glycerin", "10.00"],
                        ["3", "1,2-헥산디올", "1,2-Hexanediol", "2.00"],
                        ["4", "글리세린란", "Butylene Glycol", "5.00"],
                        ["5", "신규원료A", "New Material A", "0.10"],
                        ["", "합계", "", "100"]])
    fields = read("원료 배합표", tables=[table])
    assert fields.ingredients == ["정제수", "글리세린", "1,2-헥산다이올", "부틸렌글라이콜", "신규원료A"]


def test_spec_sheet_as_pipe_lines():
    text = ("제품명 | 시카 크림\n"
            "No | INCI Name | 중문명 | 함량\n"
            "1 | Water | 水 | 70.0\n2 | Niacinamide | 烟酰胺 | 2.0\n3 | Hydroquinone | 对苯二酚 | 0.1\n"
            "비고: 없음")
    fields = read(text, "docx")
    assert fields.ingredients == ["정제수", "나이아신아마이드", "하이드로퀴논"]
    assert fields.product_name == "시카 크림"


def test_spec_sheet_ocr_rows_without_rules():
    text = "INCI 성분표\nNo 성분명 INCI Name 함량(%)\n1 정 제 수 Water 70.00\n2 글 리 세 린 Glycerin 10.00\n" \
           "3 폴리소르베이트20 Polysorbate 20 0.5\n4 1,2-헥산다이올 1,2-Hexanediol 2.00"
    assert read(text, "ocr").ingredients == ["정제수", "글리세린", "폴리소르베이트20", "1,2-헥산다이올"]


# -- near misses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("레티날", "레티날"),                     # a short name is never "corrected" into 레티놀
        ("시트롤", "시트롤"),                     # nor into 시트랄
        ("정재수", "정재수"),                     # three syllables: kept as read, even if a misread
        ("폴리소르베이트40", "폴리소르베이트40"),  # other digits, other substance
        ("세라마이드엔에스", "세라마이드엔에스"),  # a different ceramide
        ("하이드로퀴논다이메틸에터", "하이드로퀴논다이메틸에터"),  # contains a banned name, is not it
        ("신규 식물 추출물", "신규식물추출물"),     # unknown Korean: kept, spacing folded
        ("Lotus Root Water", "Lotus Root Water"),  # unknown INCI: kept as read
        ("나이아신아마이므", "나이아신아마이드"),  # one jamo misread in a long name
        ("Glycerln", "글리세린"),
        ("Niacinamlde", "나이아신아마이드"),
    ],
)
def test_near_misses(printed, expected):
    assert standard_name(printed) == expected


def test_registry_routes_ingredient_lists_here():
    from casefile.codes import DocumentKind
    from casefile.pages import ReadResult

    result = extract_fields(DocumentKind.ingredient_list,
                            ReadResult(pages=[Page(number=1, source="plain", text="전성분: 정제수, 글리세린")]))
    assert result.ingredients == ["정제수", "글리세린"]


# -- the dictionary ------------------------------------------------------------------------------


def test_dictionary_covers_the_allergens_and_a_few_hundred_names():
    data = tomllib.loads((RULES / "ingredients.toml").read_text(encoding="utf-8"))
    groups = {g["name"]: g["entries"] for g in data["group"]}
    assert len(groups["allergen"]) == 25
    assert sum(len(e) for e in groups.values()) >= 300
    assert all("source" in g for g in data["group"])
    assert not any(name.endswith(")") for name in dictionary().standard_names)


# -- the splitter --------------------------------------------------------------------------------


def test_split_respects_brackets_locants_and_slashes():
    block = "정제수, 1,2-헥산다이올, 향료(리모넨, 리날룰), 병풀추출물(10,000ppm), 카프릴릭/카프릭트라이글리세라이드"
    assert split_items(block) == ["정제수", "1,2-헥산다이올", "향료(리모넨, 리날룰)", "병풀추출물(10,000ppm)",
                                  "카프릴릭/카프릭트라이글리세라이드"]


def test_split_survives_an_unclosed_bracket():
    assert names_in("정제수, 병풀추출물(10,000ppm, 글리세린, 향료") == ["정제수", "병풀추출물", "글리세린", "향료"]


def test_strip_notes():
    assert strip_notes("향료(리모넨)") == "향료"
    assert strip_notes("티타늄다이옥사이드 (CI 77891) (나노)") == "티타늄다이옥사이드"
    assert strip_notes("벤조[a]피렌") == "벤조[a]피렌"


_NAMES = sorted(dictionary().standard_names)
_NOTES = ["(리모넨)", "(10,000ppm)", "(0.5%)", "（유기농）", "(CI 77891, 나노)", " (Aqua)"]


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(st.sampled_from(_NAMES), min_size=1, max_size=12),
    notes=st.lists(st.one_of(st.none(), st.sampled_from(_NOTES)), min_size=12, max_size=12),
    sep=st.sampled_from([", ", ",", "，", "、", ",\n", " , "]),
)
def test_split_and_strip_give_back_the_names_in_order(names, notes, sep):
    block = sep.join(name + (note or "") for name, note in zip(names, notes))
    assert [strip_notes(item) for item in split_items(block)] == names
    assert names_in(block) == names


# -- properties: brackets never split, order kept, nothing invented, garbage never raises -------

_SYLLABLES = "가나다라마바사아자차카타파하글리세린정제수추출물향료오일"
_PAIRS = [("(", ")"), ("（", "）"), ("[", "]"), ("【", "】")]


@st.composite
def parentheticals(draw) -> str:
    """A note as labels print them, with commas and the other separators inside, maybe nested."""
    words = draw(st.lists(st.text(alphabet=_SYLLABLES + "0123456789%.", min_size=1, max_size=6),
                          min_size=1, max_size=5))
    seps = draw(st.lists(st.sampled_from([", ", ",", "，", "、", ";", "；"]), min_size=len(words), max_size=len(words)))
    inner = "".join(w + s for w, s in zip(words, seps))[: -len(seps[-1])]
    if draw(st.booleans()):
        inner += "(" + draw(st.sampled_from(["리모넨, 리날룰", "0,5%", "CI 77891"])) + ")"
    opening, closing = draw(st.sampled_from(_PAIRS))
    return f"{opening}{inner}{closing}"


ITEM_NAMES = st.text(alphabet=_SYLLABLES, min_size=1, max_size=8)
SEPARATORS = st.sampled_from([", ", ",", "，", "、", ",\n", " , ", "; "])


@settings(max_examples=60, deadline=None)
@given(names=st.lists(ITEM_NAMES, min_size=1, max_size=10), notes=st.lists(st.one_of(st.none(), parentheticals()),
       min_size=10, max_size=10), sep=SEPARATORS)
def test_a_separator_inside_brackets_never_splits_and_label_order_is_kept(names, notes, sep):
    items = [name + (note or "") for name, note in zip(names, notes)]
    assert split_items(sep.join(items)) == items


@settings(max_examples=60, deadline=None)
@example(names=["벤조페논-3", "1,2-헥산다이올"], notes=[None] * 10, sep=",")  # a comma between digits ends a name
@given(names=st.lists(st.sampled_from(_NAMES), min_size=1, max_size=10),
       notes=st.lists(st.one_of(st.none(), parentheticals()), min_size=10, max_size=10), sep=SEPARATORS)
def test_standard_names_come_out_in_label_order_whatever_their_notes_hold(names, notes, sep):
    block = sep.join(name + (note or "") for name, note in zip(names, notes))
    assert names_in(block) == names


_JUNK = str.maketrans("", "", EDGE_JUNK + "，、；ㆍ\r\x0b\x0c")


def _core(text: str) -> str:
    """What an item must take from the block: its letters, digits and brackets, in order. White
    space, separators and junk may be dropped (a line of junk inside a wrapped name, a locant's
    separator joined back as a comma)."""
    return "".join(text.split()).translate(_JUNK)


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=80), st.text(alphabet=_SYLLABLES + " ,，、;·ㆍ\n()（）[]0123456789-/%.", max_size=80)))
def test_splitting_never_raises_invents_nothing_and_keeps_order(block):
    items = split_items(block)
    flat, at = _core(block), 0
    for item in items:
        assert item.strip() and item == item.strip(EDGE_JUNK)
        piece = _core(item)
        found = flat.find(piece, at)
        assert found >= 0, f"{item!r} is not in the block after the previous item"
        at = found + len(piece)
    for item in items:
        strip_notes(item)
        standard_name(item)
    names_in(block)
