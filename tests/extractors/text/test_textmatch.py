"""OCR-tolerant matching: compact text, loose patterns, labels in every layout."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.text.textmatch import (
    LabelVocabulary,
    compact,
    join_spaced_syllables,
    loose_pattern,
    loose_regex,
    tidy_value,
)

VOCAB = LabelVocabulary(
    {
        "number": ["인증번호", "Certificate No."],
        "product": ["제품명", "Product Name"],
        "model": ["기본모델명", "모델명", "Model"],
        "derived": ["파생모델명"],
        "maker": ["제조자", "Manufacturer"],
    }
)


def test_compact_maps_back_to_original_offsets() -> None:
    text = "인 증 번 호 : HU071695 - 21012A"
    flat = compact(text)
    assert flat.text == "인증번호:HU071695-21012A"
    start = flat.text.index("HU")
    assert text[slice(*flat.span(start, len(flat.text)))] == "HU071695 - 21012A"


@given(st.text(alphabet="가나다 \n\tAB-1", max_size=40))
def test_compact_offsets_point_at_the_same_characters(text: str) -> None:
    flat = compact(text)
    assert "".join(text[i] for i in flat.offsets) == flat.text


@pytest.mark.parametrize("spaced", ["인증번호", "인 증 번 호", "인증 번호", "인\t증번\n호"])
def test_loose_pattern_ignores_spaces_between_characters(spaced: str) -> None:
    assert re.fullmatch(loose_pattern("인증번호"), spaced)


def test_loose_pattern_keeps_latin_word_boundaries() -> None:
    assert re.search(loose_pattern("KC"), "KC 인증") and re.search(loose_pattern("KC"), "KC인증")
    assert not re.search(loose_pattern("KC"), "KCL 시험")
    assert not re.search(loose_pattern("Model"), "Models")


def test_loose_regex_prefers_the_longest_term() -> None:
    assert loose_regex(["안전인증", "안전인증서"]).search("안 전 인 증 서").group() == "안 전 인 증 서"


@pytest.mark.parametrize(
    "text",
    [
        "인증번호: HU071695-21012A",
        "인증번호：HU071695-21012A",
        "인 증 번 호 : HU071695-21012A",
        "| 인증번호 | HU071695-21012A |",
        "인증번호\tHU071695-21012A",
        "인증번호 HU071695-21012A",
        "인증번호\nHU071695-21012A",
        "인증번호 (Certificate No.) : HU071695-21012A",
        "인증번호/Certificate No.: HU071695-21012A",
        "■ 인증번호 : HU071695-21012A",
        "1. 인증번호: HU071695-21012A",
        "인증번호:\n\nHU071695-21012A",
    ],
)
def test_label_value_in_every_layout(text: str) -> None:
    assert VOCAB.first(text, "number") == "HU071695-21012A"


def test_value_stops_at_the_next_label_on_the_same_line() -> None:
    text = "제품명: 미니 가습기 모델명: HB-H200\n제조자 | 한빛전자 | 인증번호 | HU071695-21012A"
    assert VOCAB.first(text, "product") == "미니 가습기"
    assert VOCAB.first(text, "model") == "HB-H200"
    assert VOCAB.first(text, "maker") == "한빛전자"
    assert VOCAB.first(text, "number") == "HU071695-21012A"


def test_label_row_above_value_row() -> None:
    text = "| 제품명 | 모델명 | 인증번호 |\n|---|---|---|\n| 미니 가습기 | HB-H200 | HU071695-21012A |"
    text = text.replace("|---|---|---|\n", "")
    assert VOCAB.first(text, "product") == "미니 가습기"
    assert VOCAB.first(text, "model") == "HB-H200"
    assert VOCAB.first(text, "number") == "HU071695-21012A"


def test_a_longer_label_is_not_read_as_the_shorter_one() -> None:
    text = "파생모델명: HB-H201, HB-H202\n모델명: HB-H200"
    assert VOCAB.values(text, "model") == ["HB-H200"]
    spaced = "파 생 모 델 명 : HB-H201\n모 델 명 : HB-H200"
    assert VOCAB.values(spaced, "model") == ["HB-H200"]


def test_more_specific_label_ranks_first() -> None:
    text = "모델명: HB-H200, HB-H201\n기본모델명: HB-H201"
    assert VOCAB.values(text, "model") == ["HB-H201", "HB-H200, HB-H201"]


@pytest.mark.parametrize(
    "text",
    [
        "인증번호를 확인하시기 바랍니다.",
        "인 증 번 호 를 확인하세요",
        "쿠팡 인증번호확인 절차",
        "Models: X1",
        "인증번호\n제품명: 가습기",  # label without value: the next line is another label
    ],
)
def test_running_text_or_empty_label_gives_no_value(text: str) -> None:
    assert VOCAB.first(text, "number") is None


def test_empty_cell_gives_no_value() -> None:
    assert VOCAB.first("| 인증번호 | |\n| 제품명 | 가습기 |", "number") is None


@pytest.mark.parametrize(
    ("spaced", "joined"),
    [
        ("미 니 가 습 기", "미니가습기"),
        ("(주) 한 빛 전 자", "(주) 한빛전자"),
        ("미니 가습기", "미니 가습기"),
        ("한 국 기 계 연구원", "한국기계 연구원"),
        ("HB - H200", "HB - H200"),
        ("가습기 및 부품", "가습기 및 부품"),
    ],
)
def test_join_spaced_syllables(spaced: str, joined: str) -> None:
    assert join_spaced_syllables(spaced) == joined


def test_tidy_value_keeps_born_digital_word_spaces_and_undoes_ocr_spacing() -> None:
    assert tidy_value("  미니  가습기 ", ocr=False) == "미니 가습기"
    assert tidy_value("미 니 가 습 기", ocr=False) == "미니가습기"  # clearly OCR spacing, whatever the source
    assert tidy_value("( 주 ) 한 빛 전 자", ocr=True) == "(주) 한빛전자"
    assert tidy_value(" : ", ocr=False) is None


def test_an_unknown_label_later_on_the_line_ends_the_value():
    vocab = LabelVocabulary({"product_name": ["제품명"]})
    assert vocab.first("제품명: AC 클리어 스팟 세럼   작성일: 2026.10.08", "product_name") == "AC 클리어 스팟 세럼"
    assert vocab.first("제품명: 비타민C 세럼 30ml", "product_name") == "비타민C 세럼 30ml"


def test_a_starred_term_is_a_stem_and_a_plain_term_keeps_its_boundary():
    stem = re.compile(loose_pattern("authoriz*"), re.I)
    assert stem.search("Certificate of Authorization") and stem.search("the authorized seller")
    assert not stem.search("unauthorized")  # the start keeps its boundary
    plain = re.compile(loose_pattern("authorize"), re.I)
    assert plain.search("we authorize") and not plain.search("authorized")
